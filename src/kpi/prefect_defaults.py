"""The Prefect settings every entry point (`kpi`, `python -m flows.serve`) sets before Prefect is imported."""

from __future__ import annotations

import os

PREFECT_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # offline machines: telemetry only produces errors
    "PREFECT_LOGGING_EXTRA_LOGGERS": "kpi",  # the pipeline's own log lines reach the flow run's log
    # the first start of the ephemeral server creates its database, which can outlast the default 20 s
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}


def apply() -> None:
    """Set each default that the environment does not set already."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)
