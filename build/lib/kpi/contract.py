"""The export contract of ../shared/spec/exports.md as data: sources, columns, types, keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# How a personal-data column is reduced before anything is stored.
HASH, YEAR, PC4, DROP = "hash", "year", "pc4", "drop"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # text | date | decimal
    required: bool = False
    pii: str | None = None  # None | hash | year | pc4 | drop

    @property
    def stored_as(self) -> str | None:
        """Name of the warehouse column, or None when the column is never stored."""
        return {None: self.name, HASH: "person_key", YEAR: "birth_year", PC4: "pc4", DROP: None}[self.pii]


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
            _c("campaign_code"), _c("iban", pii=DROP))),
        Source("spending", "event", "entry_id", (
            _c("entry_id", required=True), _c("booking_date", "date", True), _c("account", required=True),
            _c("cost_center", required=True), _c("amount", "decimal", True), _c("description"))),
    )
}

# Load order within one run: the allocation key before the ledger lines that use it.
LOAD_ORDER = ("cost_centers", "members", "activists", "actions", "donations", "spending")

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
