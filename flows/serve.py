"""Serve the deployments: the nightly flow at 02:00 Europe/Amsterdam, the backfill flow on demand.

Run against a Prefect server (PREFECT_API_URL): `python -m flows.serve`. This process registers both
deployments and executes their flow runs, scheduled or triggered (UI or `prefect deployment run`).
"""

from __future__ import annotations

from kpi import prefect_defaults

prefect_defaults.apply()  # before Prefect is imported

from prefect import serve  # noqa: E402
from prefect.schedules import Cron

from flows.nightly import backfill, nightly

NIGHTLY_CRON = "0 2 * * *"
TIME_ZONE = "Europe/Amsterdam"


def deployments() -> list:
    return [
        nightly.to_deployment(
            name="nightly", schedule=Cron(NIGHTLY_CRON, timezone=TIME_ZONE),
            description="Load new exports, validate, build the models, compute the KPIs and publish, every night.",
        ),
        backfill.to_deployment(
            name="backfill",
            description="Recompute the periods from `start` to `end` (YYYY-MM-DD) from what is loaded and republish.",
        ),
    ]


if __name__ == "__main__":
    serve(*deployments())
