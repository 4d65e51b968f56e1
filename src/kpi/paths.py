"""Where the project's own folders are (sql/, expectations/, config/) and where a run reads and writes."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
# A checkout keeps sql/, expectations/ and config/ beside src/; `pip install .` puts them inside the package.
ROOT = PACKAGE if (PACKAGE / "sql").is_dir() else PACKAGE.parents[1]
SQL_DIR = ROOT / "sql"
EXPECTATIONS_DIR = ROOT / "expectations"
DEFAULT_TARGETS = ROOT / "config" / "targets.toml"


@dataclass(frozen=True)
class Locations:
    """The folders and files one command works on."""

    landing: Path
    warehouse: Path
    out: Path
    targets: Path

    @classmethod
    def resolve(cls, landing=None, warehouse=None, out=None, targets=None) -> "Locations":
        """Command-line value, else environment variable, else the default of interface.md."""
        env = os.environ.get
        return cls(
            landing=Path(landing or env("KPI_LANDING") or "data/landing"),
            warehouse=Path(warehouse or env("KPI_WAREHOUSE") or "data/warehouse.duckdb"),
            out=Path(out or env("KPI_OUT") or "data/out"),
            targets=Path(targets or env("KPI_TARGETS") or DEFAULT_TARGETS),
        )
