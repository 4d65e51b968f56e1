"""The targets file (config/targets.toml): read, check, and hand to SQL as variables and small tables."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kpi.contract import OPTIONAL_SOURCES, SOURCES
from kpi.errors import UsageError
from kpi.paths import DEFAULT_TARGETS
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
    strategy: dict  # strategy.md's entries as SQL variables (target_*), see _strategy
    personnel_cost_per_fte: list[tuple[int, float]]  # (year, reference)
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
    defaults = tomllib.loads(DEFAULT_TARGETS.read_text(encoding="utf-8"))
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
            freshness={**{s: int(defaults["freshness"][s]) for s in OPTIONAL_SOURCES},
                       **{str(k): int(v) for k, v in data["freshness"].items()}},
            strategy=_strategy(data, defaults),
            personnel_cost_per_fte=sorted((int(y), float(v)) for y, v in _entry(
                data, defaults, "organisation", "personnel_cost_per_fte").items()),
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
    con.execute("create or replace temp table targets_freshness (source varchar, cadence_days integer, optional boolean)")
    con.executemany("insert into targets_freshness values (?, ?, ?)",
                    [(source, days, source in OPTIONAL_SOURCES) for source, days in sorted(targets.freshness.items())])
    set_variables(con, **targets.strategy)
    con.execute("create or replace temp table targets_personnel_cost (year integer, per_fte double)")
    if targets.personnel_cost_per_fte:
        con.executemany("insert into targets_personnel_cost values (?, ?)", targets.personnel_cost_per_fte)


def _entry(data: dict, defaults: dict, section: str, key: str):
    """An entry of strategy.md's part of the file; a file that lacks it takes config/targets.toml's value."""
    return data.get(section, {}).get(key, defaults[section][key])


def _strategy(data: dict, defaults: dict) -> dict:
    """strategy.md's targets and lists, named as the SQL variables that read them."""
    entry = lambda section, key: _entry(data, defaults, section, key)  # noqa: E731
    return {
        "target_structural_income_types": [str(t).lower() for t in entry("organisation", "structural_income_types")],
        "target_working_organisation_cost_types":
            [str(t).lower() for t in entry("organisation", "working_organisation_cost_types")],
        "target_structural_fte_max": float(entry("organisation", "structural_staff_fte_max")),
        "target_continuity_reserve_max": float(entry("organisation", "continuity_reserve_max_factor")),
        "target_membership_income_change_min": float(entry("income", "membership_income_change_min")),
        "target_income_per_mature_portfolio": float(entry("income", "relationship_income_per_mature_portfolio")),
        "target_maturity_months": int(entry("income", "relationship_maturity_months")),
        "target_education_reach_min": float(entry("impact", "education_reach_min")),
    }
