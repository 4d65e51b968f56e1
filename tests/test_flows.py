"""The Prefect flows themselves (ephemeral API): they run the pipeline and leave artifacts."""

from __future__ import annotations

import asyncio

from conftest import query, write
from flows.nightly import backfill, nightly


def _artifacts(key: str) -> list:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def read():
        async with get_client() as client:
            return await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
    return asyncio.run(read())


def test_nightly_flow_loads_publishes_and_leaves_artifacts(loc):
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,0.75,awareness,A\nCC1,fundraising,0.25,,A")
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,100.00,particulieren,gift,,")
    write(loc, "spending/spending_20240131.csv", "E1,2024-01-06,4000,CC1,40.00,\nE2,2024-01-07,4000,CC9,1.00,")
    write(loc, "staff/staff_20240131.csv", "E1,2020-01-01,,0.8,permanent,yes,Campagnes,,,,")
    state = nightly(as_of="2024-01-31", landing=str(loc.landing), warehouse=str(loc.warehouse), out=str(loc.out),
                    return_state=True)
    assert state.is_failed() and "spending/spending_20240131.csv" in state.message
    summary = state.result(raise_on_failure=False)
    assert summary["files_loaded"] == 3 and summary["rejected"][0]["file"] == "spending/spending_20240131.csv"
    assert {"scorecard.csv", "scorecard.parquet", "validation.html"} <= {p.name for p in loc.out.iterdir()}
    report = (loc.out / "validation.html").read_text()
    assert "unknown_cost_center" in report and "spending_20240131.csv" in report
    markdown = [a for a in _artifacts("kpi-run-summary") if summary["run_id"] in (a.data or "")]
    assert markdown and "spending/spending_20240131.csv" in markdown[0].data and "unknown_cost_center" in markdown[0].data
    assert "| staff | 1 | 0 | 0 |" in markdown[0].data and "| spending | 0 | 1 | 0 |" in markdown[0].data
    assert "| staff_fte_structural | 0.80 fte | 73.75 fte | ok |" in markdown[0].data
    assert _artifacts("kpi-scorecard")


def test_backfill_flow_replaces_only_its_periods(loc):
    write(loc, "donations/donations_20240331.csv", "T1,P1,2024-01-05,100.00,particulieren,gift,,\n"
                                                   "T2,P1,2024-03-05,50.00,particulieren,gift,,")
    nightly(as_of="2024-03-31", landing=str(loc.landing), warehouse=str(loc.warehouse), out=str(loc.out))
    before = dict(query(loc, "select period_end::varchar, run_id from kpi.scorecard where kpi_id = 'income_total'"))
    summary = backfill(start="2024-02-01", end="2024-02-29", landing=str(loc.landing),
                       warehouse=str(loc.warehouse), out=str(loc.out))
    after = dict(query(loc, "select period_end::varchar, run_id from kpi.scorecard where kpi_id = 'income_total'"))
    assert after["2024-02-29"] == summary["run_id"] != before["2024-02-29"]
    assert after["2024-01-31"] == before["2024-01-31"] and after["2024-03-31"] == before["2024-03-31"]
