"""Labels and number formats for the board outputs, from config/labels.toml (Dutch by default)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache

from kpi.errors import UsageError
from kpi.paths import ROOT

LABELS_FILE = ROOT / "config" / "labels.toml"
LANGUAGES = ("nl", "en")


@cache
def _document() -> dict:
    return tomllib.loads(LABELS_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Labels:
    """The words and number formats of one language."""

    language: str

    def __post_init__(self):
        if self.language not in LANGUAGES:
            raise UsageError(f"--language must be one of {', '.join(LANGUAGES)}, not '{self.language}'.")

    @property
    def _lang(self) -> dict:
        return _document()[self.language]

    def text(self, key: str) -> str:
        return self._lang["text"][key]

    def kpi(self, kpi_id: str) -> str:
        return self._lang["kpi"].get(kpi_id, kpi_id)

    def status(self, status: str | None) -> str:
        return self._lang["status"].get(status, status) if status else ""

    def definition(self, kpi_id: str) -> str:
        return _document()["definition"].get(kpi_id, "")

    def month(self, d: date) -> str:
        return f"{self._lang['format']['months'][d.month - 1]} {d.year}"

    def day(self, d: date) -> str:
        return f"{d.day} {self.month(d)}"

    def number(self, value: float | None, decimals: int = 0) -> str:
        """1234.5 -> '1.234,5' (nl) or '1,234.5' (en)."""
        if value is None:
            return "—"
        fmt = self._lang["format"]
        text = f"{value:,.{decimals}f}"
        return text.replace(",", "\0").replace(".", fmt["decimal"]).replace("\0", fmt["thousands"])

    def value(self, value: float | None, unit: str) -> str:
        """A KPI value as the board reads it: € 1.234,56 / 75,3% / 370.000."""
        if value is None:
            return "—"
        if unit == "eur":
            return self._lang["format"]["currency"] + self.number(value, 2)
        if unit == "ratio":
            return self.number(value * 100, 1) + "%"
        if unit == "fte":
            return self.number(value, 2) + " fte"
        return self.number(value, 0)
