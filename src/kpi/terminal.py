"""What a command shows: a line per step and the summary on the terminal, the full log in a file."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

STEPS = logging.getLogger("kpi.steps")
FORMAT = "time=%(asctime)s level=%(levelname)s logger=%(name)s %(message)s"


def configure(verbose: bool, log_file: Path | None = None) -> None:
    """Warnings and step lines on the terminal (everything with verbose); everything in log_file when given.

    Prefect leaves the root logger to a program that configured it, so its INFO lines and those of Great
    Expectations reach the file, and the terminal only with verbose."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(logging.Formatter("%(message)s"))
    if not verbose:
        console.addFilter(lambda r: r.levelno >= logging.WARNING or r.name == STEPS.name)
    root.addHandler(console)
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        file = logging.FileHandler(log_file, encoding="utf-8")
        file.setFormatter(logging.Formatter(FORMAT))
        root.addHandler(file)
    for noisy in ("httpx", "great_expectations"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def step_done(task, task_run, state) -> None:
    """A Prefect task state hook: one line with a mark, the step's name and its time."""
    mark = "✓" if state.is_completed() else "✗"
    seconds = task_run.total_run_time.total_seconds()
    STEPS.info("%s %-16s %6.2f s", mark, task.name, seconds)
