"""report.html: one self-contained page for the board (inline SVG charts and styles, no network)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from html import escape

from kpi.charts import Chart, Series
from kpi.labels import Labels
from kpi.sqlfiles import records

STYLE = """body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:820px;color:#222}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}
.chart{width:100%;height:auto;font-size:11px}.grid{stroke:#e4e4e4}.axis{stroke:#555}.tick{fill:#555}.legend{fill:#333}
table{border-collapse:collapse;width:100%;font-size:.9rem}td,th{border-bottom:1px solid #ddd;padding:.3rem .4rem;text-align:left}
td.num{text-align:right}.s-ok,.s-on_track{color:#16632b}.s-warn,.s-stale{color:#9a6700}.s-breach,.s-off_track,.s-rejected_delivery{color:#a61b1b;font-weight:600}
.note{color:#666;font-size:.85rem;margin:.2rem 0}"""


def render(con, run_id: str, period_end: date, target_date: date, labels: Labels) -> str:
    """The page for the scorecard up to period_end."""
    history = records(con, "publish/board_history", period_end=period_end)
    latest = records(con, "publish/board_latest", period_end=period_end)
    by_kpi = defaultdict(list)
    for r in history:
        by_kpi[r["kpi_id"]].append(r)
    body = [f"<h1>{escape(labels.text('title'))}</h1>",
            f"<p>{escape(labels.text('period'))}: <strong>{escape(labels.day(period_end))}</strong>. "
            f"{escape(labels.text('run'))} {escape(run_id)}, {escape(labels.text('generated'))} "
            f"{datetime.now():%Y-%m-%d %H:%M}.</p>",
            _scorecard_table(latest, labels),
            _movement_chart(by_kpi, latest, target_date, labels).svg(),
            _ratio_chart(by_kpi, labels).svg(),
            _budget_chart(by_kpi, labels).svg(),
            _quality(con, run_id, labels),
            _restatements(con, run_id, labels)]
    return (f"<!doctype html><html lang='{labels.language}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(labels.text('title'))}</title><style>{STYLE}</style></head>"
            f"<body>{''.join(body)}</body></html>")


def _points(rows, key="value"):
    return [(r["period_end"], r[key]) for r in rows]


def _scorecard_table(latest, labels):
    head = "".join(f"<th>{escape(labels.text(k))}</th>" for k in ("kpi", "value", "target", "status", "quality"))
    rows = "".join(
        f"<tr data-kpi='{escape(r['kpi_id'])}'><td>{escape(labels.kpi(r['kpi_id']))}</td>"
        f"<td class='num'>{escape(labels.value(r['value'], r['unit']))}</td>"
        f"<td class='num'>{escape(labels.value(r['target'], r['unit']) if r['target'] is not None else '')}</td>"
        f"<td class='s-{escape(r['status'] or '')}'>{escape(labels.status(r['status']))}</td>"
        f"<td class='s-{escape(r['quality'] or '')}'>{escape(labels.status(r['quality']))}</td></tr>" for r in latest)
    return f"<table id='scorecard'><tr>{head}</tr>{rows}</table>"


def _movement_chart(by_kpi, latest, target_date, labels):
    total = by_kpi["movement_total"]
    target = next((r["target"] for r in total if r["target"] is not None), None)
    series = [Series(labels.kpi("movement_total"), "movement_total", _points(total))]
    if total and target is not None:
        series.append(Series(f"{labels.text('target_line')} ({labels.number(target)})", "movement_target",
                             [(total[0]["period_end"], target), (max(target_date, total[-1]["period_end"]), target)],
                             dashed=True, markers=False))
    forecast = next((r["value"] for r in latest if r["kpi_id"] == "movement_forecast"), None)
    if total and forecast is not None and total[-1]["period_end"] < target_date:
        series.append(Series(labels.text("forecast"), "movement_forecast",
                             [(total[-1]["period_end"], total[-1]["value"]), (target_date, forecast)], dashed=True))
    return Chart("chart-movement", labels.text("chart_movement"), series, labels.number, y_min=0)


def _ratio_chart(by_kpi, labels):
    series = []
    for kpi_id in ("objective_spending_ratio_costs", "fundraising_cost_ratio", "management_admin_ratio"):
        rows = by_kpi[kpi_id]
        series.append(Series(labels.kpi(kpi_id), kpi_id, _points(rows)))
        series.append(Series(f"{labels.text('norm')}: {labels.kpi(kpi_id)}", f"{kpi_id}_norm",
                             _points(rows, "target"), dashed=True, markers=False))
    return Chart("chart-ratios", labels.text("chart_ratios"), series, lambda v: labels.value(v, "ratio"), y_min=0)


def _budget_chart(by_kpi, labels):
    series = [Series(labels.kpi(k), k, _points([r for r in by_kpi[k] if r["value"] is not None]))
              for k in ("income_vs_budget", "costs_vs_budget")]
    rows = [r for r in by_kpi["income_vs_budget"] if r["target"] is not None]
    if rows:
        series.append(Series(labels.text("target_line"), "budget_line", _points(rows, "target"), dashed=True,
                             markers=False))
    return Chart("chart-budget", labels.text("chart_budget"), series, lambda v: labels.value(v, "ratio"), y_min=0)


def _quality(con, run_id, labels):
    rows = records(con, "publish/report_quality", run_id=run_id)
    head = "".join(f"<th>{escape(labels.text(k))}</th>" for k in
                   ("source", "files_loaded", "files_rejected", "latest_export", "state"))
    body = "".join(f"<tr><td>{escape(r['source'])}</td><td class='num'>{r['files_loaded']}</td>"
                   f"<td class='num'>{r['files_rejected']}</td><td>{escape(str(r['latest_export'] or '—'))}</td>"
                   f"<td class='s-{escape(r['state'])}'>{escape(labels.status(r['state']))}</td></tr>" for r in rows)
    return f"<h2>{escape(labels.text('data_quality'))}</h2><table id='quality'><tr>{head}</tr>{body}</table>"


def _restatements(con, run_id, labels):
    rows = records(con, "publish/run_restatements", run_id=run_id)
    if not rows:
        return f"<h2>{escape(labels.text('restatements'))}</h2><p>{escape(labels.text('no_restatements'))}</p>"
    head = "".join(f"<th>{escape(labels.text(k))}</th>" for k in ("period", "kpi", "old", "new"))
    body = "".join(f"<tr><td>{escape(r['period_end'])}</td><td>{escape(labels.kpi(r['kpi_id']))}</td>"
                   f"<td class='num'>{escape(labels.number(r['old_value'], 2))}</td>"
                   f"<td class='num'>{escape(labels.number(r['new_value'], 2))}</td></tr>" for r in rows)
    return f"<h2>{escape(labels.text('restatements'))}</h2><table id='restatements'><tr>{head}</tr>{body}</table>"
