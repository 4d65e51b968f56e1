"""Backfill is idempotent, corrections restate published values (and say so), reconciliation guards publishing."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from conftest import fingerprint, query, run, write
from kpi import models
from kpi.errors import RunFailed
from kpi.labels import Labels


@pytest.fixture
def history(loc):
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,0.6,awareness,A\nCC1,fundraising,0.4,,A\nCC2,management_admin,1,,B")
    write(loc, "members/members_20240331.csv", "P1,2020-01-01,,1990-01-01,1011 AB,,5,monthly,street\nP2,2024-02-10,,,,,,,")
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,100.00,particulieren,gift,,")
    write(loc, "donations/donations_20240229.csv", "T2,P2,2024-02-05,50.00,particulieren,membership_fee,,")
    write(loc, "spending/spending_20240229.csv", "E1,2024-01-06,4000,CC1,40.00,\nE2,2024-02-07,4000,CC2,10.00,")
    run(loc, "2024-03-31")
    return loc


def test_backfill_twice_gives_identical_tables(history):
    run(history, "2024-03-31", first="2024-01-01")
    once = fingerprint(history.warehouse, skip=("meta.runs", "kpi.restatements"))
    run(history, "2024-03-31", first="2024-01-01")
    assert fingerprint(history.warehouse, skip=("meta.runs", "kpi.restatements")) == once
    assert query(history, "select count(*) from kpi.restatements") == [(0,)]


def test_a_correction_restates_history_and_the_run_lists_it(history):
    write(history, "donations/donations_20240331.csv", "T1,P1,2024-01-05,80.00,particulieren,gift,,")
    summary = run(history, "2024-03-31")
    restated = {(r["period_end"], r["kpi_id"]): (r["old_value"], r["new_value"]) for r in summary["restatements"]}
    assert restated[("2024-01-31", "income_total")] == (100.0, 80.0)
    assert restated[("2024-03-31", "income_total")] == (150.0, 130.0)
    assert query(history, "select old_value, new_value, run_id from kpi.restatements where period_end = '2024-01-31' "
                          "and kpi_id = 'income_total'") == [(100.0, 80.0, summary["run_id"])]
    assert ("2024-01-31", "members") not in restated


def test_breakdowns_add_up_to_the_scorecard(history):
    total = query(history, "select sum(persons) from kpi.movement_by_roles where period_end = '2024-03-31'")[0][0]
    assert total == query(history, "select value from kpi.scorecard where period_end = '2024-03-31' "
                                   "and kpi_id = 'movement_total'")[0][0] == 2
    income = query(history, "select sum(amount) from kpi.income_by_source where period_end = '2024-03-31'")[0][0]
    costs = query(history, "select category, amount from kpi.costs_by_category where period_end = '2024-03-31' "
                           "order by category")
    assert income == 150.0 and costs == [("fundraising", 16.0), ("management_admin", 10.0), ("objectives", 24.0)]
    assert query(history, "select month_end::varchar, joined from kpi.member_flows where joined > 0") == [("2024-02-29", 1)]
    assert query(history, "select postal_region, persons from kpi.movement_by_region where period_end = '2024-03-31' "
                          "order by 1") == [("1", 1), ("unknown", 1)]


def test_reconciliation_failure_publishes_nothing(history, monkeypatch):
    before = fingerprint(history.warehouse)
    write(history, "donations/donations_20240331.csv", "T9,P1,2024-03-05,5.00,particulieren,gift,,")
    # a fault in the model: income counted twice; reconciliation against staging must stop the run
    real = models.run_script
    monkeypatch.setattr(models, "run_script", lambda con, name, **kw: (
        real(con, name, **kw), con.execute("update kpi.finance set income_total = income_total * 2"))
        if name == "kpi/finance" else real(con, name, **kw))
    with pytest.raises(RunFailed, match="Reconciliation failed"):
        run(history, "2024-03-31")
    assert fingerprint(history.warehouse) == before


@pytest.mark.parametrize("model, fault", [
    ("kpi/budget_lines", "update kpi.budget_lines set actual_ytd = actual_ytd + 1 where line = 'particulieren'"),
    ("kpi/budget_lines", "update kpi.budget_lines set budget_ytd = budget_ytd * 2 where line = 'costs_total'"),
    ("kpi/portfolio_income", "update kpi.portfolio_income set income_12m = income_12m + 1"),
])
def test_breakdown_tables_that_do_not_add_up_stop_the_run_before_publishing(history, monkeypatch, model, fault):
    write(history, "portfolios/portfolios_20240101.csv", "PF1,legacies,2020-01-01,")
    write(history, "budget/budget_20240101.csv", "2024,1,particulieren,100\n2024,2,objectives,40")
    run(history, "2024-03-31")
    before = fingerprint(history.warehouse)
    write(history, "donations/donations_20240331.csv", "T9,P1,2024-03-05,5.00,particulieren,legacy,PF1",
          header="transaction_id,person_id,booking_date,amount,income_source,income_type,portfolio")
    real = models.run_script
    monkeypatch.setattr(models, "run_script", lambda con, name, **kw: (
        real(con, name, **kw), con.execute(fault)) if name == model else real(con, name, **kw))
    with pytest.raises(RunFailed, match="Reconciliation failed .* in its breakdown table") as failed:
        run(history, "2024-03-31")
    assert failed.value.exit_code == 4
    assert fingerprint(history.warehouse) == before


def test_ledger_lines_without_a_cost_center_in_the_key_are_left_out_and_reported(history, caplog):
    # a new cost-center key without CC2: the ledger's CC2 line (10.00 in February) can no longer be allocated
    write(history, "cost_centers/cost_centers_20240331.csv", "CC1,objectives,1,awareness,A")
    run(history, "2024-03-31")
    assert query(history, "select value from kpi.scorecard where period_end = '2024-03-31' and kpi_id = 'costs_total'") == [
        (40.0,)]
    assert any("unallocated_costs cost_center=CC2" in r.message for r in caplog.records)


def test_a_backfill_of_older_periods_leaves_the_board_on_the_latest_as_of(history):
    summary = run(history, "2024-01-31", first="2024-01-01")
    assert summary["periods"] == ["2024-01-31"]
    assert summary["board_as_of"] == "2024-03-31"
    assert {h["kpi_id"]: h["value"] for h in summary["headline"]}["income_total"] == 150.0
    page = (history.out / "report.html").read_text()
    assert f"<strong>{Labels('nl').day(date(2024, 3, 31))}</strong>" in page
    latest = pl.read_excel(history.out / "board_pack.xlsx", sheet_id=1, has_header=False)
    assert any(Labels("nl").day(date(2024, 3, 31)) in str(v) for v in latest.row(0) + latest.row(1))
    assert query(history, "select max(period_end)::varchar from kpi.scorecard") == [("2024-03-31",)]
