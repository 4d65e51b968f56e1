"""Dates as the user gives them, and today in the organisation's time zone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kpi.errors import UsageError

TIME_ZONE = ZoneInfo("Europe/Amsterdam")


def today_amsterdam() -> date:
    return datetime.now(TIME_ZONE).date()


def parse_day(text: str, option: str) -> date:
    """A YYYY-MM-DD date from the command line, or a UsageError naming the option."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise UsageError(f"{option} must be a date written as YYYY-MM-DD (e.g. 2025-12-31), not '{text}'.") from None
