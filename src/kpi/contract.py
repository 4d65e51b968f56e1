"""The export contract of ../shared/spec/exports.md and strategy.md as data: sources, columns, types, keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# How a personal-data column is reduced before anything is stored.
HASH, YEAR, PC4, DROP = "hash", "year", "pc4", "drop"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text | date | decimal | integer
    required: bool = False
    pii: str | None = None  # None | hash | year | pc4 | drop

    @property
    def stored_as(self) -> str | None:
        """Name of the warehouse column, or None when the column is never stored."""
        hashed = self.name.removesuffix("_id") + "_key"  # person_id -> person_key, employee_id -> employee_key
        return {None: self.name, HASH: hashed, YEAR: "birth_year", PC4: "pc4", DROP: None}[self.pii]


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # snapshot | event
    key: str | None
    columns: tuple[Column, ...]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _c(name, type="text", required=False, pii=None):
    return Column(name, type, required, pii)


PERSON = _c("person_id", required=True, pii=HASH)
OPTIONAL_PERSON = _c("person_id", pii=HASH)
BIRTH = _c("birth_date", "date", pii=YEAR)
POSTCODE = _c("postcode", pii=PC4)
EMAIL = _c("email", pii=DROP)
# The HR export's personal columns: never read (strategy.md "staff"), so their content cannot reject a file.
NEVER_READ = tuple(_c(name, pii=DROP) for name in ("birth_date", "email", "iban", "salary"))

SOURCES: dict[str, Source] = {
    s.name: s
    for s in (
        Source("cost_centers", "snapshot", None, (
            _c("cost_center", required=True), _c("category", required=True),
            _c("share", "decimal", True), _c("objective"), _c("name"))),
        Source("members", "snapshot", None, (
            PERSON, _c("member_since", "date", True), _c("member_until", "date"), BIRTH, POSTCODE,
            EMAIL, _c("contribution_amount", "decimal"), _c("contribution_frequency"),
            _c("recruitment_channel"))),
        Source("activists", "snapshot", None, (
            PERSON, _c("activist_since", "date", True), _c("activist_until", "date"),
            _c("activist_type", required=True), BIRTH, POSTCODE, EMAIL)),
        Source("actions", "event", "participation_id", (
            _c("participation_id", required=True), OPTIONAL_PERSON, _c("action_date", "date", True),
            _c("action_code", required=True), _c("action_type", required=True), _c("channel"), EMAIL)),
        Source("donations", "event", "transaction_id", (
            _c("transaction_id", required=True), OPTIONAL_PERSON, _c("booking_date", "date", True),
            _c("amount", "decimal", True), _c("income_source", required=True), _c("income_type"),
            _c("campaign_code"), _c("iban", pii=DROP), _c("portfolio"))),
        Source("spending", "event", "entry_id", (
            _c("entry_id", required=True), _c("booking_date", "date", True), _c("account", required=True),
            _c("cost_center", required=True), _c("amount", "decimal", True), _c("description"),
            _c("campaign_code"))),
        # strategy.md: the optional sources of contract v2
        Source("accounts", "snapshot", None, (
            _c("account", required=True), _c("name"), _c("cost_type", required=True),
            _c("structural", required=True))),
        Source("budget", "snapshot", None, (
            _c("year", "integer", True), _c("month", "integer", True), _c("line", required=True),
            _c("amount", "decimal", True))),
        Source("staff", "snapshot", None, (
            _c("employee_id", required=True, pii=HASH), _c("start_date", "date", True), _c("end_date", "date"),
            _c("fte", "decimal", True), _c("contract_type", required=True), _c("structural", required=True),
            _c("department"), *NEVER_READ)),
        Source("reserves", "snapshot", None, (
            _c("balance_date", "date", True), _c("reserve", required=True), _c("reserve_type", required=True),
            _c("amount", "decimal", True))),
        Source("education", "event", "activity_id", (
            _c("activity_id", required=True), _c("activity_date", "date", True), _c("school_level", required=True),
            _c("activity_type", required=True), _c("participants", "integer", True), _c("campaign_code"))),
        Source("portfolios", "snapshot", None, (
            _c("portfolio", required=True), _c("segment", required=True), _c("started_on", "date", True),
            _c("name"))),
    )
}

# Sources a landing folder may lack without being incomplete (strategy.md: "All new sources are optional").
OPTIONAL_SOURCES = ("accounts", "budget", "staff", "reserves", "education", "portfolios")

# Load order within one run: the snapshots a later file is checked against (the allocation key, the chart of
# accounts, the portfolios) before the files that use them.
LOAD_ORDER = ("cost_centers", "accounts", "portfolios", "budget", "staff", "reserves", "members", "activists",
              "actions", "education", "donations", "spending")

# Codes a file is checked against the snapshot in force: (source, column) -> (snapshot, its column, severity).
# An error check is made always; a warning check only once its snapshot has been loaded (strategy.md 13).
REFERENCES = {
    ("spending", "cost_center"): ("cost_centers", "cost_center", "error"),
    ("spending", "account"): ("accounts", "account", "warning"),
    ("donations", "portfolio"): ("portfolios", "portfolio", "warning"),
}
REFERRING = {source for source, _ in REFERENCES}  # sources whose files wait for the snapshots they refer to
REFERENCED = {snapshot for snapshot, _, _ in REFERENCES.values()}

EXTENSIONS = ("csv", "xlsx", "parquet")
FILE_NAME = re.compile(r"^(?P<source>[a-z_]+)_(?P<date>\d{8})\.(?P<ext>csv|xlsx|parquet)$")


@dataclass(frozen=True)
class ExportName:
    source: str
    export_date: date
    ext: str


def parse_file_name(folder: str, file_name: str) -> ExportName | None:
    """The source, export date and format a landing file's name declares, or None when it breaks the pattern."""
    m = FILE_NAME.match(file_name)
    if not m or m["source"] != folder or folder not in SOURCES:
        return None
    try:
        d = date(int(m["date"][:4]), int(m["date"][4:6]), int(m["date"][6:]))
    except ValueError:
        return None
    return ExportName(folder, d, m["ext"])
