"""The targets file (config/targets.toml): read, check, and hand to SQL as variables and small tables."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kpi.contract import SOURCES
from kpi.errors import UsageError
from kpi.sqlfiles import set_variables


@dataclass(frozen=True)
class Targets:
    """The targets, norms and budgets one run uses."""

    path: Path
    version: str
    reporting_start: date
    movement_target: float
    movement_target_date: date
    fundraising_max: float
    objective_target: float
    objective_3y_min: float
    admin_norms: list[tuple[int, float]]  # (from_year, max)
    budgets: list[tuple[int, float, float]]  # (year, income eur, costs eur)
    freshness: dict[str, int]  # source -> expected cadence in days
    raw: dict
    sha: str  # content hash of the file, to tell whether the targets changed since the last build

    def first_period(self) -> date:
        return self.reporting_start.replace(day=1)


def load(path: Path) -> Targets:
    """Read and check a targets file; a UsageError names what to fix."""
    if not path.is_file():
        raise UsageError(f"The targets file {path} does not exist; pass an existing file with --targets.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise UsageError(f"The targets file {path} is not valid TOML ({e}); fix the line it names.") from None
    try:
        movement, finance = data["movement"], data["finance"]
        targets = Targets(
            path=path,
            version=str(data.get("version", "")),
            reporting_start=_date(data["reporting"]["start"]),
            movement_target=float(movement["target"]),
            movement_target_date=_date(movement["target_date"]),
            fundraising_max=float(finance["fundraising_cost_ratio_max"]),
            objective_target=float(finance["objective_spending_ratio_target"]),
            objective_3y_min=float(finance["objective_spending_ratio_3y_min"]),
            admin_norms=sorted((int(n["from_year"]), float(n["max"])) for n in finance["management_admin_norm"]),
            budgets=sorted((int(y), float(b["income"]) * 1000, float(b["costs"]) * 1000)
                           for y, b in data.get("budget", {}).items()),
            freshness={str(k): int(v) for k, v in data["freshness"].items()},
            raw=data,
            sha=hashlib.sha256(path.read_bytes()).hexdigest(),
        )
    except (KeyError, TypeError, ValueError) as e:
        raise UsageError(f"The targets file {path} lacks or misstates {e}; compare it with config/targets.toml.") from None
    missing = set(SOURCES) - set(targets.freshness)
    if missing:
        raise UsageError(f"The targets file {path} lacks a freshness cadence for {', '.join(sorted(missing))}; "
                         "add it under [freshness].")
    if targets.movement_target <= 0:
        raise UsageError(f"movement.target in {path} must be a positive number of persons.")
    return targets


def _date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def install(con, targets: Targets) -> None:
    """Expose the targets to SQL: variables target_* and temp tables targets_admin_norm, targets_budget."""
    set_variables(con, target_reporting_start=targets.first_period(), target_movement=targets.movement_target,
                  target_movement_date=targets.movement_target_date, target_fundraising_max=targets.fundraising_max,
                  target_objective=targets.objective_target, target_objective_3y_min=targets.objective_3y_min)
    con.execute("create or replace temp table targets_admin_norm (from_year integer, max_ratio double)")
    con.executemany("insert into targets_admin_norm values (?, ?)", targets.admin_norms)
    con.execute("create or replace temp table targets_budget (year integer, income_eur double, costs_eur double)")
    if targets.budgets:
        con.executemany("insert into targets_budget values (?, ?, ?)", targets.budgets)
    con.execute("create or replace temp table targets_freshness (source varchar, cadence_days integer)")
    con.executemany("insert into targets_freshness values (?, ?)", sorted(targets.freshness.items()))
