"""Freshness and quality: every scorecard row says whether its inputs are ok, stale or from a rejected delivery."""

from __future__ import annotations

from conftest import query, run, write


def quality(loc, period, kpi_id):
    return query(loc, "select quality from kpi.scorecard_quality where period_end = ? and kpi_id = ?",
                 [period, kpi_id])[0][0]


def test_quality_per_row_from_cadence_and_rejections(loc):
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,100.00,particulieren,gift,,")
    write(loc, "donations/donations_20240229.csv", "T2,P1,not-a-date,100.00,particulieren,gift,,")
    write(loc, "members/members_20240331.csv", "P1,2020-01-01,,,,,,,")
    run(loc, "2024-03-31")
    assert quality(loc, "2024-01-31", "income_total") == "ok"
    assert quality(loc, "2024-02-29", "income_total") == "rejected_delivery"
    assert quality(loc, "2024-03-31", "members") == "ok"
    assert quality(loc, "2024-03-31", "activists") == "stale"  # nothing accepted yet
    assert quality(loc, "2024-03-31", "result") == "rejected_delivery"  # worst of donations and spending
    csv = (loc.out / "scorecard.csv").read_text().splitlines()
    assert csv[0].endswith(",quality,quality_detail") and len(csv) == 1 + query(loc, "select count(*) from kpi.scorecard")[0][0]


def test_a_fixed_delivery_clears_the_rejection_and_old_exports_go_stale(loc):
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,100.00,particulieren,gift,,")
    write(loc, "donations/donations_20240229.csv", "T2,P1,not-a-date,100.00,particulieren,gift,,")
    run(loc, "2024-03-31")
    write(loc, "donations/donations_20240229.csv", "T2,P1,2024-02-10,100.00,particulieren,gift,,")
    run(loc, "2024-03-31")
    assert quality(loc, "2024-02-29", "income_total") == "ok"
    assert quality(loc, "2024-03-31", "income_total") == "stale"
    assert query(loc, "select state_at_as_of from kpi.source_freshness where source = 'donations'") == [("stale",)]
