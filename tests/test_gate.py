"""The validation gate: every content rule of exports.md, one minimal file each (expectations/*.json)."""

from __future__ import annotations

import json

import pytest

from conftest import HEADERS, fingerprint, query, run, write
from kpi.contract import SOURCES
from kpi.gate import suite_document

# A valid base so the warehouse is not empty: rejection must leave it exactly as it was.
BASE = {
    "cost_centers/cost_centers_20240101.csv": "CC1,objectives,1,awareness,Campagnes\nCC2,fundraising,0.6,,Werving\nCC2,objectives,0.4,awareness,Werving",
    "members/members_20240101.csv": "P1,2020-01-01,,1980-05-01,1234 AB,p1@example.org,5.00,monthly,street",
    "donations/donations_20240101.csv": "T0,P1,2023-12-05,10.00,particulieren,gift,,",
}

# (rule, file, body, severity, column)
CASES = [
    ("unique_id", "actions/actions_20240131.csv",
     "A1,P1,2024-01-05,W4R-2024,petition,online,\nA1,P2,2024-01-06,W4R-2024,petition,online,", "error", "participation_id"),
    ("unique_id", "donations/donations_20240131.csv",
     "T1,P1,2024-01-05,10,particulieren,gift,,\nT1,P1,2024-01-05,10,particulieren,gift,,", "error", "transaction_id"),
    ("unique_id", "spending/spending_20240131.csv", "E1,2024-01-05,4000,CC1,10,\nE1,2024-01-05,4000,CC1,11,", "error", "entry_id"),
    ("value_list", "activists/activists_20240131.csv", "P1,2020-01-01,,ninja,,,", "error", "activist_type"),
    ("value_list", "actions/actions_20240131.csv", "A1,P1,2024-01-05,W4R-2024,flashmob,online,", "error", "action_type"),
    ("value_list", "donations/donations_20240131.csv", "T1,P1,2024-01-05,10,banken,gift,,", "error", "income_source"),
    ("value_list", "cost_centers/cost_centers_20240131.csv", "CC1,overhead,1,,", "error", "category"),
    ("end_before_start", "members/members_20240131.csv", "P1,2020-01-01,2019-12-31,,,,,,", "error", "member_until"),
    ("end_before_start", "activists/activists_20240131.csv", "P1,2020-01-01,2019-12-31,volunteer,,,", "error", "activist_until"),
    ("date_range", "members/members_20240131.csv", "P1,1960-12-31,,,,,,,", "error", "member_since"),
    ("date_range", "activists/activists_20240131.csv", "P1,2024-02-01,,volunteer,,,", "error", "activist_since"),
    ("date_range", "actions/actions_20240131.csv", "A1,P1,2024-02-01,W4R-2024,petition,online,", "error", "action_date"),
    ("date_range", "donations/donations_20240131.csv", "T1,P1,1960-01-01,10,particulieren,gift,,", "error", "booking_date"),
    ("date_range", "spending/spending_20240131.csv", "E1,2024-02-01,4000,CC1,10,", "error", "booking_date"),
    # beyond the years pandas holds (1677-2262): the suites see such dates clamped, still out of range
    ("date_range", "donations/donations_20240131.csv", "T1,P1,9999-12-31,10,particulieren,gift,,", "error", "booking_date"),
    ("date_range", "actions/actions_20240131.csv", "A1,P1,0001-01-01,W4R-2024,petition,online,", "error", "action_date"),
    ("zero_amount", "donations/donations_20240131.csv", "T1,P1,2024-01-05,0.00,particulieren,gift,,", "error", "amount"),
    ("unknown_cost_center", "spending/spending_20240131.csv", "E1,2024-01-05,4000,CC9,10,", "error", "cost_center"),
    ("share_sum", "cost_centers/cost_centers_20240131.csv", "CC1,objectives,0.6,,\nCC1,fundraising,0.3,,", "error", "share"),
    ("share_range", "cost_centers/cost_centers_20240131.csv", "CC1,objectives,0,,\nCC1,fundraising,1,,", "error", "share"),
    ("implausible_age", "members/members_20240131.csv", "P1,2020-01-01,,2015-01-01,,,,,", "warning", "birth_date"),
    ("implausible_age", "activists/activists_20240131.csv", "P1,2020-01-01,,volunteer,1900-01-01,,", "warning", "birth_date"),
    ("large_donation", "donations/donations_20240131.csv", "T1,,2024-01-05,1000000.01,overige,legacy,,", "warning", "amount"),
]


def _base(loc):
    for name, body in BASE.items():
        write(loc, name, body)
    run(loc, "2024-01-31")


@pytest.mark.parametrize("rule, name, body, severity, column", CASES, ids=[f"{c[0]}-{c[1].split('/')[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_rule_rejects_or_warns_and_names_rule_and_file(loc, rule, name, body, severity, column):
    _base(loc)
    # the rejection itself is recorded (meta) and marks the quality of the rows it touches; nothing else changes
    ignore = ("meta.runs", "meta.files", "meta.file_checks", "kpi.open_rejections", "kpi.source_freshness",
              "kpi.scorecard_quality")
    before = fingerprint(loc.warehouse, skip=ignore)
    write(loc, name, body)
    summary = run(loc, "2024-01-31")
    checks = query(loc, "select check_name, column_name, severity, failed_rows from meta.file_checks f "
                        "join meta.files using (file_id) where file_name = ?", [name])
    assert (rule, column, severity) in [c[:3] for c in checks]
    if severity == "error":
        assert summary["files_rejected"] == 1
        assert summary["rejected"][0]["file"] == name and rule in summary["rejected"][0]["reason"]
        assert fingerprint(loc.warehouse, skip=ignore) == before
    else:
        assert summary["files_loaded"] == 1 and summary["files_rejected"] == 0


def test_an_implausible_birth_date_is_dropped(loc):
    write(loc, "members/members_20240131.csv", "P1,2020-01-01,,2015-01-01,,,,,\nP2,2020-01-01,,1980-01-01,,,,,")
    run(loc, "2024-01-31")
    assert query(loc, "select birth_year from raw.members order by source_row") == [(None,), (1980,)]


def test_new_cost_center_and_its_first_costs_arrive_the_same_night(loc):
    write(loc, "cost_centers/cost_centers_20240131.csv", "CC7,objectives,1,awareness,Nieuw")
    write(loc, "spending/spending_20240131.csv", "E1,2024-01-05,4000,CC7,10,")
    summary = run(loc, "2024-01-31")
    assert summary["files_loaded"] == 2


def test_failed_check_reports_count_and_first_rows(loc):
    rows = "\n".join(f"T{i},P1,2024-01-05,{0 if i % 2 else 5},particulieren,gift,," for i in range(1, 20))
    write(loc, "donations/donations_20240131.csv", rows)
    run(loc, "2024-01-31")
    assert query(loc, "select failed_rows, first_rows from meta.file_checks where check_name = 'zero_amount'") == [
        (10, "2,4,6,8,10")]


def test_every_suite_states_the_severity_of_every_expectation():
    for source in SOURCES:
        doc = suite_document(source)
        assert doc["name"] == source
        assert all(e["meta"]["severity"] in ("error", "warning") for e in doc["expectations"])
        # GX keeps one expectation of a kind per column in a suite: a second one would silently replace the first
        kinds = [(e["type"], e["kwargs"].get("column") or e["kwargs"].get("column_A")) for e in doc["expectations"]]
        assert len(kinds) == len(set(kinds)), source
        json.dumps(doc)


def test_header_only_files_of_every_source_load(loc):
    for source, header in HEADERS.items():
        write(loc, f"{source}/{source}_20240131.csv", header + "\n", header="none")
    summary = run(loc, "2024-01-31")
    assert summary["files_loaded"] == len(SOURCES) == len(HEADERS)


def test_threads_validating_at_once_resolve_every_suite_parameter():
    """GX's suite-parameter parser is shared; the gate settles it before a thread validates (kpi.gate docstring).

    Each round starts from a fresh parser and makes 32 threads resolve the parameters at the same instant, with
    thread switches every microsecond; without the settling, some rounds break the parser."""
    import sys
    import threading

    import great_expectations.core.suite_parameters as gx_parameters

    from kpi.gate import settle_suite_parameters, suite_documents, suite_parameter_names

    docs = suite_documents()
    names = sorted(suite_parameter_names(docs))
    assert names == ["accounts", "cost_centers", "export_date", "portfolios"]
    shared, interval, errors = gx_parameters.EXPR, sys.getswitchinterval(), []

    def validate_parameters(start: threading.Barrier) -> None:
        start.wait()
        try:
            settle_suite_parameters(docs)
            values = {name: f"value of {name}" for name in names}
            assert [gx_parameters.parse_suite_parameter(n, values) for n in names] == [values[n] for n in names]
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(e))

    sys.setswitchinterval(1e-6)
    try:
        for _ in range(20):
            gx_parameters.EXPR = gx_parameters.SuiteParameterParser()
            start = threading.Barrier(32)
            threads = [threading.Thread(target=validate_parameters, args=(start,)) for _ in range(32)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    finally:
        sys.setswitchinterval(interval)
        gx_parameters.EXPR = shared
    assert errors == []
