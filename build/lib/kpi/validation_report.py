"""validation.html: the data-quality report of a run, self-contained: a summary, the open rejections of every
source, the failed checks with their offending values, and the passed checks folded away."""

from __future__ import annotations

from html import escape
from itertools import groupby

from kpi.sqlfiles import records

STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1100px}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;
font-size:.9rem;vertical-align:top}.loaded{color:#16632b}.rejected{color:#a61b1b;font-weight:bold}
.error{background:#fde2e2}.warning{background:#fff4d6}.summary{font-size:1.05rem}details{margin:.3rem 0 1rem}
code{background:#f3f3f3;padding:0 .2rem}"""


def render(con, run_id: str) -> str:
    """The report as one HTML string (no scripts, no external resources)."""
    rows = records(con, "publish/validation_report", run_id=run_id)
    files = [list(checks) for _, checks in groupby(rows, key=lambda r: r["file_id"])]
    this_run = [f for f in files if f[0]["this_run"]]
    open_rejections = [f for f in files if f[0]["open_rejection"]]
    failing = [f for f in files if any(c["check_name"] and not c["passed"] for c in f)]
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Validation report {escape(run_id)}"
             f"</title><style>{STYLE}</style></head><body><h1>Validation report</h1>",
             _summary(run_id, this_run, open_rejections),
             _open_rejections(open_rejections),
             "<h2>Failed checks</h2>",
             "".join(_failed(f) for f in failing) or "<p>No check failed on the files of this run or on an open "
                                                      "rejection.</p>",
             "<h2>Files checked in this run</h2>",
             "".join(_checked(f) for f in this_run) or "<p>No new files arrived in this run; the data in use is "
                                                       "unchanged.</p>",
             "</body></html>"]
    return "".join(parts)


def _summary(run_id, this_run, open_rejections) -> str:
    count = lambda status: sum(1 for f in this_run if f[0]["status"] == status)  # noqa: E731
    warnings = sum(1 for f in this_run for c in f if c["check_name"] and not c["passed"] and c["severity"] == "warning")
    return (f"<p class='summary' id='summary'>Run {escape(run_id)}: <strong>{len(this_run)}</strong> file(s) checked "
            f"— {count('loaded')} loaded, <strong>{count('rejected')} rejected</strong>, "
            f"{count('duplicate') + count('ignored')} skipped; {warnings} warning(s). "
            f"<strong>{len(open_rejections)}</strong> open rejection(s).</p>")


def _open_rejections(files) -> str:
    if not files:
        return "<h2>Open rejections</h2><p>None: no source has a rejected delivery waiting for a correction.</p>"
    rows = "".join(f"<tr><td>{escape(f[0]['source'] or '')}</td><td>{escape(f[0]['file_name'])}</td>"
                   f"<td>{escape(str(f[0]['export_date'] or ''))}</td><td>{escape(f[0]['reason'] or '')}</td></tr>"
                   for f in files)
    return ("<h2>Open rejections</h2><p>Each stays open until a file of the same source with the same or a later "
            "export date is accepted.</p><table id='open-rejections'><tr><th>source</th><th>file</th>"
            f"<th>export date</th><th>why</th></tr>{rows}</table>")


def _failed(checks) -> str:
    head = checks[0]
    rows = "".join(
        f"<tr class='{escape(c['severity'])}'><td>{escape(c['check_name'])}</td><td>{escape(c['column_name'] or '')}</td>"
        f"<td>{escape(c['severity'])}</td><td>{c['failed_rows'] or 0}</td><td>{escape(c['first_rows'] or '')}</td>"
        f"<td>{', '.join(f'<code>{escape(v)}</code>' for v in c['examples'] or [])}</td>"
        f"<td>{escape(c['message'] or '')}</td></tr>"
        for c in checks if c["check_name"] and not c["passed"])
    return (f"<h3>{escape(head['file_name'])} — <span class='{escape(head['status'])}'>{escape(head['status'])}</span>"
            f"</h3><table class='failed'><tr><th>check</th><th>column</th><th>severity</th><th>failed rows</th>"
            f"<th>first rows</th><th>values</th><th>what to fix</th></tr>{rows}</table>")


def _checked(checks) -> str:
    head = checks[0]
    passed = [c for c in checks if c["check_name"] and c["passed"]]
    folded = ""
    if passed:
        rows = "".join(f"<tr><td>{escape(c['check_name'])}</td><td>{escape(c['column_name'] or '')}</td>"
                       f"<td>{escape(c['severity'])}</td></tr>" for c in passed)
        folded = (f"<details><summary>{len(passed)} passed check(s)</summary><table class='passed'><tr><th>check</th>"
                  f"<th>column</th><th>severity</th></tr>{rows}</table></details>")
    return (f"<h3>{escape(head['file_name'])} — <span class='{escape(head['status'])}'>{escape(head['status'])}</span>"
            f"</h3><p>{head['rows'] or 0} rows. {escape(head['reason'] or '')}</p>{folded}")
