"""The run summary as markdown (the Prefect artifact) and as table rows (the scorecard artifact)."""

from __future__ import annotations


def fmt(value, unit) -> str:
    """A KPI value for a person: ratios as percentages, euros and persons whole, FTE with two decimals."""
    if value is None:
        return "—"
    if unit == "ratio":
        return f"{value:.1%}"
    if unit == "eur":
        return f"€ {value:,.0f}"
    if unit == "fte":
        return f"{value:,.2f} fte"
    return f"{value:,.0f}"


def periods_line(summary: dict) -> str:
    """Which periods the run recomputed, and which period the board's files show."""
    periods = summary["periods"]
    if not periods:
        return f"No period recomputed; the board's files show {summary['board_as_of']}."
    span = periods[0] if len(periods) == 1 else f"{periods[0]} to {periods[-1]}"
    return f"Recomputed {len(periods)} period(s): {span}; the board's files show {summary['board_as_of']}."


def markdown(summary: dict) -> str:
    """Files by source, rejected files with reasons, failed checks, restatements, headline KPIs against targets."""
    lines = [f"# KPI run {summary['run_id']}", "",
             f"As of **{summary['as_of']}** ({summary['command']}): {summary['files_loaded']} file(s) loaded, "
             f"**{summary['files_rejected']} rejected**, {summary['files_skipped']} skipped.", "",
             periods_line(summary), ""]
    if summary["sources"]:
        lines += ["## Files by source", "", "| source | loaded | rejected | skipped |", "|---|---|---|---|"]
        lines += [f"| {s['source']} | {s['loaded']} | {s['rejected']} | {s['skipped']} |" for s in summary["sources"]]
        lines += [""]
    if summary["rejected"]:
        lines += ["## Rejected files", ""] + [f"- `{r['file']}`: {r['reason']}" for r in summary["rejected"]] + [""]
    if summary["failed_checks"]:
        lines += ["## Failed checks", "", "| file | check | column | severity | rows | first rows |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {c['file']} | {c['check']} | {c['column'] or ''} | {c['severity']} | {c['failed_rows']} | "
                  f"{', '.join(map(str, c['first_rows']))} |" for c in summary["failed_checks"]] + [""]
    if summary["restatements"]:
        lines += ["## Restated values", "", "| period | KPI | was | now |", "|---|---|---|---|"]
        lines += [f"| {r['period_end']} | {r['kpi_id']} | {r['old_value']} | {r['new_value']} |"
                  for r in summary["restatements"]] + [""]
    if summary["headline"]:
        lines += [f"## Headline KPIs ({summary['board_as_of']})", "", "| KPI | value | target | status |", "|---|---|---|---|"]
        lines += [f"| {h['kpi_id']} | {fmt(h['value'], h['unit'])} | {fmt(h['target'], h['unit'])} | "
                  f"{h['status'] or ''} |" for h in summary["headline"]]
    return "\n".join(lines)


def scorecard_table(summary: dict) -> list[dict]:
    """The as-of period's scorecard as rows for a Prefect table artifact."""
    return [{"kpi_id": h["kpi_id"], "value": h["value"], "unit": h["unit"], "target": h["target"],
             "status": h["status"]} for h in summary["headline"]]
