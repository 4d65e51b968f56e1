"""Decide what to do with each landing file: load, skip as a known or duplicate copy, or refuse as ambiguous."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from kpi.contract import LOAD_ORDER
from kpi.landing import LandingFile, sha256


@dataclass
class Decision:
    """What the run does with one new landing file."""

    file: LandingFile
    sha256: str
    action: str  # load | duplicate | ambiguous | ignored
    reason: str = ""
    replaces: int | None = None  # file_id of the loaded file a re-delivery replaces


def known_files(con) -> list[dict]:
    """The manifest: every (name, hash) the warehouse has seen, newest first."""
    rel = con.execute("select file_id, source, file_name, export_date, sha256, size_bytes, mtime_ns, status "
                      "from meta.files order by file_id desc")
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, row)) for row in rel.fetchall()]


HASH_THREADS = os.cpu_count() or 2


def plan(files: list[LandingFile], known: list[dict]) -> list[Decision]:
    """Decisions for the files not seen before, in load order; files already seen are left out."""
    by_stat = {(k["file_name"], k["size_bytes"], k["mtime_ns"]): k["sha256"] for k in known}
    seen = {(k["file_name"], k["sha256"]) for k in known}
    loaded_hashes = {k["sha256"]: k["file_name"] for k in known if k["status"] in ("loaded", "superseded")}
    loaded_slot = {(k["source"], k["export_date"]): k for k in known if k["status"] == "loaded"}

    unknown = [f for f in files if (f.name, f.size, f.mtime_ns) not in by_stat]
    with ThreadPoolExecutor(max_workers=HASH_THREADS) as pool:  # hashlib lets go of the GIL: one file per core
        hashed = dict(zip((f.name for f in unknown), pool.map(lambda f: sha256(f.path), unknown)))
    new: list[Decision] = []
    for f in files:
        digest = by_stat.get((f.name, f.size, f.mtime_ns)) or hashed[f.name]
        if (f.name, digest) not in seen:
            new.append(Decision(f, digest, "load"))
    new.sort(key=_load_order)

    first_with_hash: dict[str, str] = {}
    for d in new:
        if d.file.export is None:
            d.action, d.reason = "ignored", ("the name does not follow <source>/<source>_YYYYMMDD.<csv|xlsx|parquet> "
                                             "and the file was not loaded")
        elif d.sha256 in loaded_hashes:
            d.action, d.reason = "duplicate", f"byte-identical to the loaded file {loaded_hashes[d.sha256]}; skipped"
        elif d.sha256 in first_with_hash:
            d.action, d.reason = "duplicate", f"byte-identical to {first_with_hash[d.sha256]} in this delivery; skipped"
        else:
            first_with_hash[d.sha256] = d.file.name

    slots: dict[tuple, list[Decision]] = {}
    for d in new:
        if d.action == "load":
            slots.setdefault((d.file.export.source, d.file.export.export_date), []).append(d)
    for slot, decisions in slots.items():
        earlier = loaded_slot.get(slot)
        names = {d.file.name for d in decisions}
        for d in decisions:
            if earlier and earlier["file_name"] == d.file.name:
                d.replaces = earlier["file_id"]  # a re-delivery: replaces the earlier version of this export date
            elif earlier:
                d.action = "ambiguous"
                d.reason = (f"{earlier['file_name']} was already loaded for {slot[0]} export date {slot[1]}; "
                            "deliver one file per source and export date (remove or rename one)")
            elif len(names) > 1:
                d.action = "ambiguous"
                d.reason = (f"{len(names)} files arrived for {slot[0]} export date {slot[1]} "
                            f"({', '.join(sorted(names))}); deliver exactly one of them")
    return new


def _load_order(d: Decision):
    export = d.file.export
    if export is None:
        return (len(LOAD_ORDER), None, d.file.name)
    return (LOAD_ORDER.index(export.source), export.export_date, d.file.name)
