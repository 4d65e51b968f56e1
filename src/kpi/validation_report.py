"""validation.html: the data-quality report of one run (every file it looked at and every check), self-contained."""

from __future__ import annotations

from html import escape
from itertools import groupby

from kpi.sqlfiles import bind, sql

STYLE = """body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}
td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;font-size:.9rem}.loaded{color:#16632b}
.rejected{color:#a61b1b;font-weight:bold}.error{background:#fde2e2}.warning{background:#fff4d6}.passed{color:#777}"""


def render(con, run_id: str) -> str:
    """The report as one HTML string (no scripts, no external resources)."""
    rel = con.execute(sql("publish/validation_report"), bind("publish/validation_report", {"run_id": run_id}))
    cols = [d[0] for d in rel.description]
    rows = [dict(zip(cols, r)) for r in rel.fetchall()]
    parts = [f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Validation report {escape(run_id)}"
             f"</title><style>{STYLE}</style></head><body><h1>Validation report</h1><p>Run {escape(run_id)}: "
             f"{len({r['file_name'] for r in rows})} new file(s).</p>"]
    if not rows:
        parts.append("<p>No new files arrived in this run; the data in use is unchanged.</p>")
    for name, checks in groupby(rows, key=lambda r: r["file_name"]):
        checks = list(checks)
        head = checks[0]
        parts.append(f"<h2>{escape(name)} — <span class='{escape(head['status'])}'>{escape(head['status'])}</span>"
                     f"</h2><p>{head['rows'] or 0} rows. {escape(head['reason'] or '')}</p>")
        listed = [c for c in checks if c["check_name"]]
        if listed:
            parts.append("<table><tr><th>check</th><th>column</th><th>severity</th><th>result</th>"
                         "<th>failed rows</th><th>first rows</th><th>what to fix</th></tr>")
            for c in listed:
                css = "passed" if c["passed"] else c["severity"]
                parts.append(
                    f"<tr class='{css}'><td>{escape(c['check_name'])}</td><td>{escape(c['column_name'] or '')}</td>"
                    f"<td>{escape(c['severity'])}</td><td>{'passed' if c['passed'] else 'failed'}</td>"
                    f"<td>{c['failed_rows'] or 0}</td><td>{escape(c['first_rows'] or '')}</td>"
                    f"<td>{escape(c['message'] or '')}</td></tr>")
            parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts)
