"""Board outputs in --out: written beside the old ones, then renamed into place after the warehouse commits."""

from __future__ import annotations

import os
from pathlib import Path

from datetime import date

from kpi import board_pack, report, validation_report
from kpi.labels import Labels
from kpi.errors import UsageError
from kpi.sqlfiles import sql


NAMES = ("scorecard.csv", "scorecard.parquet", "validation.html", "board_pack.xlsx", "report.html")


def staged_path(out: Path, name: str, run_id: str) -> tuple[Path, Path]:
    """(temporary path, final path) for one output; the temporary file sits in the same folder."""
    return out / f".{name}.{run_id}.tmp", out / name


def prepare(out: Path) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(f"Cannot create the output folder {out} ({e.strerror}); choose a writable --out.") from None
    if not os.access(out, os.W_OK):
        raise UsageError(f"The output folder {out} is not writable; choose a writable --out.")
    for stale in out.glob(".*.tmp"):  # left by a run that was killed before it could rename or discard them
        stale.unlink(missing_ok=True)


def write_scorecard(con, out: Path, run_id: str) -> list[tuple[Path, Path]]:
    """scorecard.csv and scorecard.parquet: kpi.scorecard with its quality, staged under temporary names."""
    staged = []
    for name, options in (("scorecard.csv", "format csv, header"), ("scorecard.parquet", "format parquet")):
        tmp, final = staged_path(out, name, run_id)
        con.execute(f"copy ({sql('publish/scorecard_export')}) to '{tmp}' ({options})")
        staged.append((tmp, final))
    return staged


def write_validation_report(con, out: Path, run_id: str) -> list[tuple[Path, Path]]:
    """validation.html: every file this run looked at and every check, staged under a temporary name."""
    tmp, final = staged_path(out, "validation.html", run_id)
    tmp.write_text(validation_report.render(con, run_id), encoding="utf-8")
    return [(tmp, final)]


def write_board_outputs(con, out: Path, run_id: str, period_end: date, target_date: date,
                        labels: Labels) -> list[tuple[Path, Path]]:
    """board_pack.xlsx and report.html for the scorecard up to period_end, staged under temporary names."""
    pack_tmp, pack = staged_path(out, "board_pack.xlsx", run_id)
    board_pack.write(con, pack_tmp, period_end, labels)
    page_tmp, page = staged_path(out, "report.html", run_id)
    page_tmp.write_text(report.render(con, run_id, period_end, target_date, labels), encoding="utf-8")
    return [(pack_tmp, pack), (page_tmp, page)]


def swap(staged: list[tuple[Path, Path]]) -> None:
    """Rename every staged output into place (atomic per file on one file system)."""
    for tmp, final in staged:
        os.replace(tmp, final)


def discard(staged: list[tuple[Path, Path]]) -> None:
    for tmp, _ in staged:
        tmp.unlink(missing_ok=True)
