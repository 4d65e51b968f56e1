"""A run is one transaction: when any step fails, the warehouse and the outputs are exactly as before."""

from __future__ import annotations

import pytest

from conftest import fingerprint, query, run, write
from kpi import models, outputs


def _outputs(loc):
    return {p.name: p.read_bytes() for p in loc.out.iterdir()}


@pytest.mark.parametrize("late_step", ["publish", "outputs"])
def test_failing_late_step_leaves_warehouse_and_outputs_as_they_were(loc, monkeypatch, late_step):
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,1,awareness,Campagnes")
    write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,10.00,particulieren,gift,,")
    run(loc, "2024-01-31")
    before, files_before = fingerprint(loc.warehouse), _outputs(loc)

    write(loc, "donations/donations_20240229.csv", "T2,P2,2024-02-05,20.00,particulieren,gift,,")
    write(loc, "spending/spending_20240229.csv", "E1,2024-02-05,4000,CC1,99.00,huur")

    def boom(*args, **kwargs):
        raise RuntimeError("injected failure after the models were built")

    with monkeypatch.context() as patch:
        if late_step == "publish":
            real = models.run_script
            patch.setattr(models, "run_script", lambda con, name, **kw: boom() if name == "publish/scorecard"
                          else real(con, name, **kw))
        else:
            patch.setattr(outputs, "write_scorecard", boom)
        with pytest.raises(RuntimeError):
            run(loc, "2024-02-29")

    assert fingerprint(loc.warehouse) == before
    assert _outputs(loc) == files_before
    assert query(loc, "select status, message from meta.runs order by started_at desc limit 1") == [
        ("failed", "injected failure after the models were built")]

    summary = run(loc, "2024-02-29")  # the next run picks the files up as if nothing had happened
    assert summary["files_loaded"] == 2
    assert query(loc, "select value from kpi.scorecard where period_end = '2024-02-29' and kpi_id = 'income_total'") == [
        (30.0,)]
