"""Parse-level checks of one read file: required columns and values, values readable as their type."""

from __future__ import annotations

from dataclasses import dataclass, field

from kpi.contract import DROP, Source
from kpi.readers import RawFile

FIRST_ROWS = 5


@dataclass
class CheckResult:
    """One failed (or warned) check on a file: what, where, how many rows, the first row numbers."""

    check: str
    column: str | None
    severity: str  # error | warning
    failed_rows: int
    first_rows: list[int] = field(default_factory=list)
    message: str = ""
    passed: bool = False
    examples: list[str] = field(default_factory=list)  # the values of the first rows as written; never personal data

    def describe(self) -> str:
        values = f"; values: {', '.join(map(repr, self.examples))}" if self.examples else ""
        rows = f" (first rows: {', '.join(map(str, self.first_rows))}{values})" if self.first_rows else ""
        where = f" in column {self.column}" if self.column else ""
        count = f"{self.failed_rows} row{'s' if self.failed_rows != 1 else ''}: " if self.failed_rows else ""
        return f"{self.severity} {self.check}{where}: {count}{self.message}{rows}"

    @property
    def is_error(self) -> bool:
        return not self.passed and self.severity == "error"


def parse_checks(scratch, raw: RawFile, source: Source) -> list[CheckResult]:
    """Every parse-level failure of the table `incoming`, as error-severity results."""
    results = [CheckResult("required_column", c, "error", raw.rows, [],
                           f"the required column {c} is missing; add it to the header")
               for c in raw.missing if source.column(c).required]
    probes = []  # (check, column, condition, message)
    for c in source.columns:
        if c.name not in raw.present or c.pii == DROP:
            continue
        if c.required:
            probes.append(("required_value", c.name, f"{c.name} is null", "a required value is empty"))
        if c.type == "date":
            probes.append(("date_format", c.name, f"{c.name} is not null and not date_written({c.name})",
                           "not a date; use YYYY-MM-DD or DD-MM-YYYY"))
            probes.append(("date_exists", c.name, f"date_written({c.name}) and parse_date({c.name}) is null",
                           "the date does not exist (as 31-11-2026 or 2026-02-30); correct the day or month"))
        elif c.type == "decimal":
            style = "1.234,56 in a ';' file" if raw.decimal_comma else "1234.56 in a ',' file"
            probes.append(("decimal_format", c.name,
                           f"{c.name} is not null and parse_decimal({c.name}, {str(raw.decimal_comma).lower()}) is null",
                           f"not a number; write amounts as {style}"))
        elif c.type == "integer":
            style = "1.250 in a ';' file" if raw.decimal_comma else "1250"
            probes.append(("integer_format", c.name,
                           f"{c.name} is not null and parse_integer({c.name}, {str(raw.decimal_comma).lower()}) is null",
                           f"not a whole number; write it as {style}, without a fraction"))
    if probes and raw.rows:
        select = ", ".join(f"count_if({cond}), min(rowid + {raw.row_offset}, {FIRST_ROWS}) filter (where {cond})"
                           for _, _, cond, _ in probes)
        values = scratch.execute(f"select {select} from incoming").fetchone()
        for i, (check, column, _, message) in enumerate(probes):
            failed, first = values[2 * i], values[2 * i + 1]
            if failed:
                results.append(CheckResult(check, column, "error", failed, sorted(first or []), message))
    return results


def add_examples(scratch, raw: RawFile, source: Source, checks: list[CheckResult]) -> None:
    """Give each failed check the values of its first rows as the file wrote them (`incoming`), except in
    personal-data columns, whose values are never shown."""
    for c in checks:
        if c.passed or not c.first_rows or c.column not in raw.present or source.column(c.column).pii:
            continue
        rows = scratch.execute(f'select "{c.column}" from incoming where rowid + $offset in (select unnest($rows)) '
                               f'and "{c.column}" is not null order by rowid',
                               {"offset": raw.row_offset, "rows": c.first_rows}).fetchall()
        c.examples = [r[0] for r in rows]
