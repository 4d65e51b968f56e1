"""The baseline of the benchmark: plain DuckDB SQL from the landing files to the same scorecard.

    python benchmarks/baseline.py LANDING WAREHOUSE AS_OF
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from kpi import models, targets
from kpi.contract import SOURCES
from kpi.paths import DEFAULT_TARGETS
from kpi.sqlfiles import run_script

TYPED = {"date": "parse_date(regexp_replace(trim({c}::varchar), ' 00:00:00$', ''))",
         "decimal": "parse_decimal(trim({c}::varchar), {comma})", "text": "nullif(trim({c}::varchar), '')",
         "integer": "parse_integer(trim({c}::varchar), {comma})"}
LISTS = ("category", "activist_type", "action_type", "income_source", "income_type", "channel", "contribution_frequency",
         "recruitment_channel", "cost_type", "structural", "line", "contract_type", "reserve_type", "school_level",
         "activity_type", "segment")  # list values are compared in lower case


def main(landing: Path, warehouse: Path, as_of: date) -> None:
    warehouse.unlink(missing_ok=True)
    con = duckdb.connect(str(warehouse))
    run_script(con, "schema/warehouse")
    run_script(con, "macros/parse")
    files = [_readable(p, warehouse.parent / "baseline-utf8")
             for p in sorted(p for p in landing.rglob("*.*") if p.parent.name in SOURCES)]
    con.execute("insert into meta.files (file_id, source, file_name, export_date, status) "
                "select * from (select unnest(range(1, $n + 1)), unnest($s), unnest($f), unnest($d)::date, 'loaded')",
                {"n": len(files), "s": [p.parent.name for p in files], "f": [str(p) for p in files],
                 "d": [f"{p.stem[-8:-4]}-{p.stem[-4:-2]}-{p.stem[-2:]}" for p in files]})
    for name, source in SOURCES.items():
        stored = [c for c in source.columns if c.stored_as]
        exprs = []
        for c in stored:
            typed = TYPED[c.type].format(c=c.name, comma="decimal_comma")
            if c.stored_as == "birth_year":  # dropped when the age on the export date is implausible
                born = TYPED["date"].format(c=c.name)
                typed = f"case when date_sub('year', {born}, f.export_date) between 12 and 110 then year({born}) end"
            elif c.stored_as == "pc4":
                typed = f"left({c.name}::varchar, 4)"
            elif c.name in LISTS:
                typed = f"lower({typed})"
            exprs.append(f"{typed} as {c.stored_as}")
        select = ", ".join(exprs)
        groups = {"en": [], "nl": [], "parquet": [], "xlsx": []}
        for p in (f for f in files if f.parent.name == name):
            head = p.open("rb").readline()
            kind = p.suffix[1:] if p.suffix != ".csv" else ("nl" if head.count(b";") > head.count(b",") else "en")
            groups[kind].append(str(p))
        parts = []
        for kind, paths in groups.items():
            if not paths:
                continue
            comma = "true" if kind == "nl" else "false"
            if kind == "parquet":
                reader = f"read_parquet({paths}, filename = true, union_by_name = true)"
            elif kind == "xlsx":
                frame = pl.concat([pl.read_excel(p, infer_schema_length=0).with_columns(pl.lit(p).alias("filename"))
                                   for p in paths], how="diagonal")
                con.register(f"xlsx_{name}", frame)
                reader = f"xlsx_{name}"
            else:
                options = "delim = ';'" if kind == "nl" else "delim = ','"
                reader = f"read_csv({paths}, {options}, header = true, all_varchar = true, filename = true, union_by_name = true)"
            parts.append(f"select f.file_id, 0 as source_row, {select.replace('decimal_comma', comma)} "
                         f"from {reader} as r "
                         f"inner join meta.files as f on f.file_name = r.filename")
        if parts:
            con.execute(f"insert into raw.{name} by name " + " union all ".join(parts))
    models.build(con, targets.load(DEFAULT_TARGETS), "baseline", as_of, None)
    con.close()


def _readable(path: Path, folder: Path) -> Path:
    """The file itself, or a UTF-8 copy of a Windows-1252 CSV (DuckDB reads only UTF-8 and Latin-1)."""
    if path.suffix != ".csv":
        return path
    data = path.read_bytes()
    try:
        data.decode("utf-8")
        return path
    except UnicodeDecodeError:
        copy = folder / path.parent.name / path.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(data.decode("cp1252"), encoding="utf-8")
        return copy


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3]))
