"""A test hook: stop a run at a named point so a reliability test can kill it there.

Set KPI_PAUSE_AT to a point (reading, validating, building, publishing) and KPI_PAUSE_FILE to a path: the run
writes the point's name to that file and sleeps. Unset (always, outside tests) it does nothing.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

POINTS = ("reading", "validating", "building", "publishing")


def checkpoint(point: str) -> None:
    if os.environ.get("KPI_PAUSE_AT") == point:
        Path(os.environ["KPI_PAUSE_FILE"]).write_text(point)
        time.sleep(3600)
