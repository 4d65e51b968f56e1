"""The landing folder: which export files are there, what they declare, and their content hash."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kpi.contract import ExportName, parse_file_name
from kpi.errors import UsageError


@dataclass(frozen=True)
class LandingFile:
    """One file in the landing folder, named relative to it (e.g. donations/donations_20240131.csv)."""

    path: Path
    name: str
    size: int
    mtime_ns: int
    export: ExportName | None  # None: the name breaks the pattern


def scan(landing: Path) -> list[LandingFile]:
    """Every file in the landing folder's source folders, plus stray files and folders (export None)."""
    if not landing.is_dir():
        raise UsageError(f"The landing folder {landing} does not exist; create it, pass --landing, "
                         "or run 'kpi demo' for a sample.")
    found = []
    for path in sorted(landing.rglob("*")):
        if not path.is_file() or any(p.startswith(".") for p in path.relative_to(landing).parts):
            continue
        rel = path.relative_to(landing)
        export = parse_file_name(rel.parts[0], rel.name) if len(rel.parts) == 2 else None
        stat = path.stat()
        found.append(LandingFile(path, rel.as_posix(), stat.st_size, stat.st_mtime_ns, export))
    return found


def sha256(path: Path) -> str:
    """The content hash of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(4 << 20):
            h.update(chunk)
    return h.hexdigest()

