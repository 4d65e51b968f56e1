"""Read one export file (CSV in both dialects, XLSX, Parquet) into a scratch DuckDB table of text columns."""

from __future__ import annotations

import codecs
import csv
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from kpi.contract import DROP, Source

CHUNK = 4 << 20


class Unreadable(Exception):
    """The file cannot be parsed at all; the message says why."""


@dataclass
class RawFile:
    """What reading found: the table `incoming` (one text column per contract column present) and its shape."""

    present: list[str]
    missing: list[str]
    extra: list[str]
    decimal_comma: bool
    row_offset: int  # incoming.rowid + row_offset = the row number a person sees in the file
    rows: int = 0
    encoding: str = "utf-8"
    notes: list[str] = field(default_factory=list)


def read_export(scratch: duckdb.DuckDBPyConnection, path: Path, ext: str, source: Source) -> RawFile:
    """Create table `incoming` in the scratch connection from the file at path; raise Unreadable."""
    if path.stat().st_size == 0:
        raise Unreadable("the file is empty (0 bytes)")
    reader = {"csv": _read_csv, "xlsx": _read_xlsx, "parquet": _read_parquet}[ext]
    try:
        raw = reader(scratch, path, source)
    except Unreadable:
        raise
    except (duckdb.Error, pl.exceptions.PolarsError, ValueError) as e:
        raise Unreadable(f"it cannot be parsed as {ext.upper()} ({_first_line(e)})") from None
    except OSError:
        raise  # the file system, not the file: the caller may retry
    except Exception as e:  # fastexcel raises its own types for broken workbooks
        raise Unreadable(f"it cannot be parsed as {ext.upper()} ({_first_line(e)})") from None
    raw.rows = scratch.execute("select count(*) from incoming").fetchone()[0]
    return raw


def _first_line(e: Exception) -> str:
    text = str(e).strip().splitlines()
    return text[0][:200] if text else type(e).__name__


def _match_columns(names: list[str], source: Source) -> tuple[dict[str, int], list[str], list[str]]:
    """Map contract columns to positions in the file (case-insensitive, trimmed); list missing and extra."""
    wanted = {c.name for c in source.columns}
    positions: dict[str, int] = {}
    extra: list[str] = []
    for i, name in enumerate(names):
        key = (name or "").strip().lower()
        if key in wanted and key not in positions:
            positions[key] = i
        else:
            extra.append((name or "").strip() or f"(column {i + 1} without a name)")
    missing = [c.name for c in source.columns if c.name not in positions]
    return positions, missing, extra


def _projection(positions: dict[str, int], source: Source, expr) -> str:
    """select-list of the contract columns that may enter the scratch table (never e-mail or IBAN)."""
    cols = [c for c in source.columns if c.name in positions and c.pii != DROP]
    return ", ".join(f"{expr(c, positions[c.name])} as {c.name}" for c in cols)


def _finish(scratch, select_list: str, from_clause: str) -> None:
    if select_list:
        scratch.execute(f"create or replace table incoming as select {select_list} from {from_clause}")
    else:  # none of the contract's columns: keep the row count so the report can say what is missing
        scratch.execute(f"create or replace table incoming as select 1 as _none from {from_clause}")


# --- CSV -------------------------------------------------------------------------------------------

def _is_utf8(path: Path) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as f:
        try:
            while chunk := f.read(CHUNK):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _transcode_cp1252(path: Path, tmpdir: Path) -> Path:
    """A UTF-8 copy of a Windows-1252 file, in chunks; raise Unreadable when it is not Windows-1252 either."""
    target = tmpdir / (path.name + ".utf8")
    decoder = codecs.getincrementaldecoder("cp1252")()
    try:
        with open(path, "rb") as src, open(target, "w", encoding="utf-8", newline="") as dst:
            while chunk := src.read(CHUNK):
                dst.write(decoder.decode(chunk))
            dst.write(decoder.decode(b"", final=True))
    except UnicodeDecodeError:
        raise Unreadable("it is neither valid UTF-8 nor Windows-1252 text") from None
    return target


def _header_line(path: Path) -> str:
    with open(path, "r", encoding="utf-8-sig", newline="") as f:
        line = f.readline(1 << 20)
    if not line.strip():
        raise Unreadable("the first line is empty; the header row must come first")
    return line


def _read_csv(scratch, path: Path, source: Source) -> RawFile:
    notes = []
    encoding = "utf-8"
    with tempfile.TemporaryDirectory(prefix="kpi-read-") as tmp:
        if not _is_utf8(path):
            path = _transcode_cp1252(path, Path(tmp))
            encoding = "windows-1252"
            notes.append("read as Windows-1252 (not valid UTF-8)")
        header = _header_line(path)
        delim = ";" if header.count(";") > header.count(",") else ","
        names = next(csv.reader(io.StringIO(header), delimiter=delim))
        positions, missing, extra = _match_columns(names, source)
        cols = [f"c{i}" for i in range(len(names))]
        select_list = _projection(positions, source, lambda c, i: f"nullif(trim(c{i}), '')")
        columns = ", ".join(f"'{c}': 'VARCHAR'" for c in cols)
        options = (
            f"header = true, delim = '{delim}', quote = '\"', escape = '\"', "
            f"auto_detect = false, columns = {{{columns}}}, strict_mode = true, null_padding = false"
        )
        _finish(scratch, select_list, f"read_csv('{_quote(path)}', {options})")
    return RawFile(list(positions), missing, extra, delim == ";", 2, encoding=encoding, notes=notes)


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")


# --- XLSX and Parquet --------------------------------------------------------------------------

def _read_xlsx(scratch, path: Path, source: Source) -> RawFile:
    frame = pl.read_excel(path, sheet_id=1, engine="calamine", infer_schema_length=0)
    positions, missing, extra = _match_columns(frame.columns, source)
    scratch.register("xlsx_frame", frame)
    names = frame.columns

    def expr(c, i):
        value = f"nullif(trim(\"{_ident(names[i])}\"), '')"
        # calamine writes date cells as 'YYYY-MM-DD 00:00:00'
        return f"regexp_replace({value}, ' 00:00:00(\\.0+)?$', '')" if c.type == "date" else value

    select_list = _projection(positions, source, expr)
    _finish(scratch, select_list, "xlsx_frame")
    scratch.unregister("xlsx_frame")
    return RawFile(list(positions), missing, extra, False, 2)


def _read_parquet(scratch, path: Path, source: Source) -> RawFile:
    described = scratch.execute(f"describe select * from read_parquet('{_quote(path)}')").fetchall()
    names = [r[0] for r in described]
    types = {r[0]: r[1].upper() for r in described}
    positions, missing, extra = _match_columns(names, source)

    def expr(c, i):
        name, kind = f'"{_ident(names[i])}"', types[names[i]]
        if kind.startswith(("DATE", "TIMESTAMP")):
            value = f"cast(cast({name} as date) as varchar)"
        elif kind in ("DOUBLE", "FLOAT", "REAL") and c.type == "decimal":
            value = f"cast(cast({name} as decimal(38, 10)) as varchar)"
        elif kind in ("DOUBLE", "FLOAT", "REAL"):
            value = f"case when {name} = trunc({name}) then cast(cast({name} as hugeint) as varchar) else cast({name} as varchar) end"
        else:
            value = f"cast({name} as varchar)"
        return f"nullif(trim({value}), '')"

    select_list = _projection(positions, source, expr)
    _finish(scratch, select_list, f"read_parquet('{_quote(path)}')")
    return RawFile(list(positions), missing, extra, False, 1)


def _ident(name: str) -> str:
    return name.replace('"', '""')
