"""board_pack.xlsx: the latest period, the monthly history, income and costs against budget, definitions."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import xlsxwriter

from kpi.labels import Labels
from kpi.sqlfiles import records

NUMBER_FORMATS = {"eur": "€ #,##0.00", "ratio": "0.0%", "persons": "#,##0", "fte": "#,##0.00"}
STATUS_COLOURS = {"ok": "#C6EFCE", "on_track": "#C6EFCE", "warn": "#FFEB9C", "breach": "#FFC7CE",
                  "off_track": "#FFC7CE", "stale": "#FFEB9C", "rejected_delivery": "#FFC7CE"}


def write(con, path: Path, period_end: date, labels: Labels) -> None:
    """Write the pack for the scorecard up to period_end. Text is always written as text, never as a formula."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    fmt = _formats(wb)
    _latest(wb, fmt, records(con, "publish/board_latest", period_end=period_end), period_end, labels)
    _history(wb, fmt, records(con, "publish/board_history", period_end=period_end), labels)
    _budget(wb, fmt, records(con, "publish/board_budget", period_end=period_end), labels)
    _costs(wb, fmt, records(con, "publish/board_costs", period_end=period_end), labels)
    _definitions(wb, fmt, records(con, "publish/board_latest", period_end=period_end), labels)
    wb.close()


def _formats(wb) -> dict:
    fmt = {unit: wb.add_format({"num_format": code}) for unit, code in NUMBER_FORMATS.items()}
    fmt |= {f"status_{s}": wb.add_format({"bg_color": colour, "bold": True}) for s, colour in STATUS_COLOURS.items()}
    fmt |= {"title": wb.add_format({"bold": True, "font_size": 14}), "header": wb.add_format({"bold": True, "bottom": 1}),
            "text": wb.add_format({"text_wrap": True, "valign": "top"})}
    return fmt


def _number(ws, row, col, value, unit, fmt):
    if value is None:
        ws.write_blank(row, col, None)
    else:
        ws.write_number(row, col, value, fmt[unit])


def _status(ws, row, col, status, labels, fmt):
    if status:
        ws.write_string(row, col, labels.status(status), fmt.get(f"status_{status}"))


def _latest(wb, fmt, rows, period_end, labels):
    ws = wb.add_worksheet(labels.text("sheet_latest"))
    ws.write_string(0, 0, labels.text("title"), fmt["title"])
    ws.write_string(1, 0, f"{labels.text('period')}: {labels.day(period_end)}")
    headers = ["kpi", "value", "target", "status", "quality", "change_previous", "change_last_year"]
    for col, key in enumerate(headers):
        ws.write_string(3, col, labels.text(key), fmt["header"])
    for i, r in enumerate(rows, start=4):
        ws.write_string(i, 0, labels.kpi(r["kpi_id"]))
        _number(ws, i, 1, r["value"], r["unit"], fmt)
        _number(ws, i, 2, r["target"], r["unit"], fmt)
        _status(ws, i, 3, r["status"], labels, fmt)
        _status(ws, i, 4, r["quality"], labels, fmt)
        _number(ws, i, 5, r["change_previous"], r["unit"], fmt)
        _number(ws, i, 6, r["change_last_year"], r["unit"], fmt)
    ws.set_column(0, 0, 38)
    ws.set_column(1, 6, 18)
    ws.freeze_panes(4, 1)


def _history(wb, fmt, rows, labels):
    ws = wb.add_worksheet(labels.text("sheet_history"))
    kpi_ids = list(dict.fromkeys(r["kpi_id"] for r in rows))
    by_period = defaultdict(dict)
    for r in rows:
        by_period[r["period_end"]][r["kpi_id"]] = r
    ws.write_string(0, 0, labels.text("period"), fmt["header"])
    for col, kpi_id in enumerate(kpi_ids, start=1):
        ws.write_string(0, col, labels.kpi(kpi_id), fmt["header"])
    for i, (period, values) in enumerate(sorted(by_period.items()), start=1):
        ws.write_string(i, 0, labels.month(period) if period.day > 27 else labels.day(period))
        for col, kpi_id in enumerate(kpi_ids, start=1):
            r = values.get(kpi_id)
            if r:
                _number(ws, i, col, r["value"], r["unit"], fmt)
    ws.set_column(0, 0, 18)
    ws.set_column(1, len(kpi_ids), 16)
    ws.freeze_panes(1, 1)


def _budget(wb, fmt, rows, labels):
    ws = wb.add_worksheet(labels.text("sheet_budget"))
    columns = [("year", None), ("through", None), ("budget_income", "eur"), ("income_ytd", "eur"),
               ("income_vs_budget", "ratio"), ("budget_costs", "eur"), ("costs_ytd", "eur"), ("costs_vs_budget", "ratio")]
    for col, (key, _) in enumerate(columns):
        ws.write_string(0, col, labels.kpi(key) if key.endswith("_vs_budget") else labels.text(key), fmt["header"])
    for i, r in enumerate(rows, start=1):
        ws.write_number(i, 0, r["year"])
        ws.write_string(i, 1, labels.day(r["period_end"]))
        for col, (key, unit) in enumerate(columns[2:], start=2):
            _number(ws, i, col, r[key], unit, fmt)
    ws.set_column(0, 7, 20)


def _costs(wb, fmt, rows, labels):
    """Allocated costs year to date by category and objective: names from the cost-center key, kept as text."""
    ws = wb.add_worksheet(labels.text("sheet_costs"))
    for col, key in enumerate(["category", "objective", "costs_ytd"]):
        ws.write_string(0, col, labels.text(key), fmt["header"])
    for i, r in enumerate(rows, start=1):
        ws.write_string(i, 0, r["category"])
        ws.write_string(i, 1, r["objective"])
        _number(ws, i, 2, r["amount"], "eur", fmt)
    ws.set_column(0, 1, 30)
    ws.set_column(2, 2, 20)


def _definitions(wb, fmt, rows, labels):
    ws = wb.add_worksheet(labels.text("sheet_definitions"))
    for col, key in enumerate(["kpi", "unit", "definition"]):
        ws.write_string(0, col, labels.text(key), fmt["header"])
    ws.write_string(0, 3, "kpi_id", fmt["header"])
    for i, r in enumerate(rows, start=1):
        ws.write_string(i, 0, labels.kpi(r["kpi_id"]), fmt["text"])
        ws.write_string(i, 1, labels.text(r["unit"]), fmt["text"])
        ws.write_string(i, 2, labels.definition(r["kpi_id"]), fmt["text"])
        ws.write_string(i, 3, r["kpi_id"], fmt["text"])
    ws.set_column(0, 0, 36)
    ws.set_column(1, 1, 10)
    ws.set_column(2, 2, 100)
    ws.set_column(3, 3, 34)
