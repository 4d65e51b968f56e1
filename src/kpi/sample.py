"""Generate a realistic, deterministic sample landing folder (every source, format and CSV dialect)."""

from __future__ import annotations

import codecs
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import duckdb

from kpi.contract import SOURCES
from kpi.sqlfiles import run_script, set_variables

log = logging.getLogger("kpi")

EVENTS_START = date(2020, 1, 1)  # a year before the reporting start, so supporters and YTD have history
FULL_SCALE = {"people": 500_000, "actions": 5_000_000, "donations": 10_000_000, "spending": 400_000}
DAILY_FILES = 3


@dataclass(frozen=True)
class Window:
    """The records one event file holds: booked from first to last, exported on last."""

    first: date
    last: date


def windows(end: date) -> list[Window]:
    """Monthly files for history, then a month-to-date file, then one file a day for the last days."""
    daily_from = end - timedelta(days=DAILY_FILES - 1)
    result, start = [], EVENTS_START
    while True:
        month_end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        if month_end >= daily_from:
            break
        result.append(Window(start, month_end))
        start = month_end + timedelta(days=1)
    if start < daily_from:
        result.append(Window(start, daily_from - timedelta(days=1)))
    result += [Window(daily_from + timedelta(days=k), daily_from + timedelta(days=k)) for k in range(DAILY_FILES)]
    return result


def generate(landing: Path, scale: float = 0.01, seed: int = 42, end: date | None = None) -> dict[str, int]:
    """Write the sample exports into landing; return the number of files written per source."""
    end = end or date.today()
    con = duckdb.connect()
    set_variables(con, sample_seed=seed, sample_scale=scale, sample_end=end, sample_events_start=EVENTS_START,
                  **{f"sample_{k}": max(int(v * scale), 50) for k, v in FULL_SCALE.items()})
    for model in ("macros", "people", "members", "activists", "cost_centers", "actions", "portfolios", "donations",
                  "spending", "accounts", "budget", "staff", "reserves", "education"):
        log.info("sample: generating %s", model)
        run_script(con, f"sample/{model}")
    writer = _Writer(con, landing)
    return writer.write_all(end)


class _Writer:
    """Writes the generated tables as export files in the mix of formats a real landing folder shows."""

    def __init__(self, con, landing: Path):
        self.con, self.landing, self.counts = con, landing, {}

    def write_all(self, end: date) -> dict[str, int]:
        wins = windows(end)
        previous = wins[-DAILY_FILES - 1].last
        self.snapshot("cost_centers", EVENTS_START, "xlsx")
        self.snapshot("cost_centers", end, "csv")
        self.snapshot("members", previous, "parquet")
        self.snapshot("members", end, "csv", dialect="nl", bom=True)
        self.snapshot("activists", previous, "csv")
        self.snapshot("activists", end, "xlsx")
        self.snapshot("accounts", EVENTS_START, "xlsx")
        self.snapshot("accounts", end, "csv")
        self.snapshot("portfolios", end, "csv")
        self.snapshot("budget", date(end.year, 1, 1) if end.year > EVENTS_START.year else end, "csv", dialect="nl")
        self.snapshot("staff", previous, "xlsx")
        self.snapshot("staff", end, "csv", dialect="nl")
        self.snapshot("reserves", end, "parquet")
        for k, w in enumerate(wins):
            daily = w.first == w.last
            self.events("education", w, "xlsx" if daily else "csv", dialect="nl" if k % 3 == 0 and not daily else "en")
            self.events("actions", w, "csv" if daily else "parquet")
            self.events("donations", w, "xlsx" if daily else "csv", dialect="nl" if k % 2 and not daily else "en",
                        corrections=k > 0 and not daily)
            self.events("spending", w, "csv", dialect="en" if daily else "nl", cp1252=not daily)
        return self.counts

    def snapshot(self, source: str, as_of: date, ext: str, dialect: str = "en", bom: bool = False) -> None:
        table = f"sample_{source}"
        if source in ("cost_centers", "accounts", "budget"):
            where = "true"
        elif source in ("portfolios", "staff", "reserves"):  # what exists by the export date
            where = {"portfolios": "started_on", "staff": "start_date", "reserves": "balance_date"}[source]
            where += f" <= date '{as_of}'"
        else:
            since, until = {"members": ("member_since", "member_until"),
                            "activists": ("activist_since", "activist_until")}[source]
            where = f"{since} <= date '{as_of}'"
            table = (f"(select * replace (case when {until} <= date '{as_of}' + 45 then {until} end as {until}) "
                     f"from sample_{source})")
        self.write(source, as_of, ext, f"select {self.columns(source, dialect)} from {table} where {where}",
                   dialect, bom=bom)

    def events(self, source: str, w: Window, ext: str, dialect: str = "en", corrections: bool = False,
               cp1252: bool = False) -> None:
        date_col = {"actions": "action_date", "donations": "booking_date", "spending": "booking_date",
                    "education": "activity_date"}[source]
        sql = (f"select {self.columns(source, dialect)} from sample_{source} "
               f"where {date_col} between date '{w.first}' and date '{w.last}'")
        if corrections:  # a few bookings of the previous file come again with a corrected amount
            cols = self.columns(source, dialect, replace={"amount": "round(amount * 0.5, 2)"})
            sql += (f" union all select {cols} from sample_{source} where {date_col} between "
                    f"date '{w.first}' - interval 1 month and date '{w.first}' - 1 "
                    f"and hash(transaction_id) % 500 = 0 and person_id is not null")
        self.write(source, w.last, ext, sql, dialect, cp1252=cp1252)

    @staticmethod
    def columns(source: str, dialect: str, replace: dict | None = None) -> str:
        exprs = []  # every contract column, personal data included: that is what lands
        for c in SOURCES[source].columns:
            value = (replace or {}).get(c.name, c.name)
            if dialect == "nl" and c.type == "date":
                value = f"strftime({value}, '%d-%m-%Y')"
            elif dialect == "nl" and c.type == "decimal":
                digits = {"share": 4, "fte": 6}.get(c.name, 2)
                value = f"translate(format('{{:,.{digits}f}}', ({value})::double), ',.', '.,')"
            exprs.append(f"{value} as {c.name}")
        return ", ".join(exprs)

    def write(self, source: str, export: date, ext: str, sql: str, dialect: str,
              bom: bool = False, cp1252: bool = False) -> None:
        folder = self.landing / source
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{source}_{export:%Y%m%d}.{ext}"
        if ext == "xlsx":
            self.con.sql(sql).pl().write_excel(path, autofit=False)
        elif ext == "parquet":
            self.con.execute(f"copy ({sql}) to '{path}' (format parquet)")
        else:
            delim = ";" if dialect == "nl" else ","
            self.con.execute(f"copy ({sql}) to '{path}' (format csv, header, delimiter '{delim}')")
            if bom or cp1252:
                text = path.read_text(encoding="utf-8")
                path.write_bytes((codecs.BOM_UTF8 + text.encode("utf-8")) if bom else text.encode("cp1252"))
        self.counts[source] = self.counts.get(source, 0) + 1
