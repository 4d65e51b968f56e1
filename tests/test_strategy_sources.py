"""The six optional sources of strategy.md: every format, the checks of each suite, and the cross-source warnings."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date
from decimal import Decimal

import duckdb
import polars as pl
import pytest

from conftest import HEADERS, TEST_KEY, fingerprint, query, run, write
from kpi.validate import validate_file

GOOD = {
    "accounts": "4000,Salarissen,personnel,yes",
    "budget": "2025,1,particulieren,1000.00",
    "staff": "E1,2020-01-01,,1.0,permanent,yes,Campagnes,,,,",
    "reserves": "2024-12-31,continuiteitsreserve,continuity,100.00",
    "education": "A1,2025-01-10,primary,guest_lesson,25,",
    "portfolios": "PF1,legacies,2021-01-15,Nalatenschappen",
}


# One minimal bad file per error rule of strategy.md "Bad input for the new sources": (source, rows, check, column).
ERRORS = [
    ("accounts", "4000,Salarissen,,yes", "required_value", "cost_type"),
    ("accounts", "4000,Salarissen,salaries,yes", "value_list", "cost_type"),
    ("accounts", "4000,Salarissen,personnel,sometimes", "value_list", "structural"),
    ("accounts", "4000,Salarissen,personnel,yes\n4000,Lonen,personnel,yes", "unique_id", "account"),
    ("budget", "2025,1.5,particulieren,10", "integer_format", "month"),
    ("budget", "2025,13,particulieren,10", "month_range", "month"),
    ("budget", "1999,12,particulieren,10", "year_range", "year"),
    ("budget", "99999999999,12,particulieren,10", "year_range", "year"),
    ("budget", "2025,1,legaten,10", "value_list", "line"),
    ("budget", "2025,1,objectives,-10", "negative_amount", "amount"),
    ("budget", "2025,1,objectives,10\n2025,1,Objectives,20", "unique_id", "line"),
    ("budget", "2025,1,objectives,", "required_value", "amount"),
    ("staff", "E1,2020-01-01,,0,permanent,yes,,,,,", "fte_range", "fte"),
    ("staff", "E1,2020-01-01,,1.25,permanent,yes,,,,,", "fte_range", "fte"),
    ("staff", "E1,2020-01-01,,1,freelance,yes,,,,,", "value_list", "contract_type"),
    ("staff", "E1,2020-01-01,,1,permanent,maybe,,,,,", "value_list", "structural"),
    ("staff", "E1,2020-01-01,2019-12-31,1,temporary,no,,,,,", "end_before_start", "end_date"),
    ("staff", "E1,1960-12-31,,1,permanent,yes,,,,,", "date_range", "start_date"),
    ("staff", ",2020-01-01,,1,permanent,yes,,,,,", "required_value", "employee_id"),
    ("reserves", "2024-12-31,continuiteitsreserve,buffer,100", "value_list", "reserve_type"),
    ("reserves", "2024-12-31,continuiteitsreserve,continuity,100\n2024-12-31,continuiteitsreserve,continuity,90",
     "unique_id", "reserve"),
    ("reserves", "2025-02-01,continuiteitsreserve,continuity,100", "date_range", "balance_date"),
    ("education", "A1,2025-01-10,kindergarten,guest_lesson,25,", "value_list", "school_level"),
    ("education", "A1,2025-01-10,primary,lecture,25,", "value_list", "activity_type"),
    ("education", "A1,2025-01-10,primary,guest_lesson,-1,", "negative_participants", "participants"),
    ("education", "A1,2025-01-10,primary,guest_lesson,25.5,", "integer_format", "participants"),
    ("education", "A1,2025-01-10,primary,guest_lesson,25,\nA1,2025-01-11,primary,guest_lesson,5,", "unique_id",
     "activity_id"),
    ("education", "A1,1960-01-10,primary,guest_lesson,25,", "date_range", "activity_date"),
    ("portfolios", "PF1,foundations,2021-01-15,", "value_list", "segment"),
    ("portfolios", "PF1,legacies,2021-01-15,\nPF1,companies,2022-01-15,", "unique_id", "portfolio"),
    ("portfolios", "PF1,legacies,2025-01-16,", "date_range", "started_on"),
]


@pytest.mark.parametrize("source, rows, check, column", ERRORS, ids=[f"{e[0]}-{e[2]}-{e[3]}" for e in ERRORS])
def test_each_error_rule_rejects_a_minimal_bad_file(loc, capsys, source, rows, check, column):
    path = write(loc, f"{source}/{source}_20250115.csv", rows, header=HEADERS[source])
    assert validate_file(source, path, loc.warehouse) == 1
    errors = [line for line in capsys.readouterr().out.splitlines() if ": error " in line]
    assert any(f"error {check} in column {column}:" in line for line in errors), errors


@pytest.mark.parametrize("source", sorted(GOOD))
def test_a_good_file_of_each_source_would_load(loc, capsys, source):
    path = write(loc, f"{source}/{source}_20250115.csv", GOOD[source], header=HEADERS[source])
    assert validate_file(source, path, loc.warehouse) == 0, capsys.readouterr().out


def test_a_rejected_file_of_a_new_source_changes_nothing(loc):
    write(loc, "staff/staff_20250115.csv", GOOD["staff"], header=HEADERS["staff"])
    run(loc, "2025-01-31")
    before = fingerprint(loc.warehouse, skip=("meta.runs", "meta.files", "meta.file_checks", "kpi.open_rejections",
                                              "kpi.source_freshness", "kpi.scorecard_quality"))
    write(loc, "staff/staff_20250131.csv", GOOD["staff"] + "\nE2,2024-01-01,,2,permanent,yes,,,,,",
          header=HEADERS["staff"])
    summary = run(loc, "2025-01-31")
    assert [r["file"] for r in summary["rejected"]] == ["staff/staff_20250131.csv"]
    after = fingerprint(loc.warehouse, skip=("meta.runs", "meta.files", "meta.file_checks", "kpi.open_rejections",
                                             "kpi.source_freshness", "kpi.scorecard_quality"))
    assert after == before
    assert query(loc, "select value from kpi.scorecard where period_end = '2025-01-31' and kpi_id = 'staff_fte_total'") \
        == [(1.0,)]


def test_every_format_and_dialect_of_the_new_sources(loc, tmp_path):
    # accounts as XLSX with numeric account cells: the code is written without a fraction
    (loc.landing / "accounts").mkdir()
    pl.DataFrame({"account": [4000.0, 4100.0], "name": ["Salarissen", "Huur"], "cost_type": ["Personnel", "housing"],
                  "structural": ["YES", "no"]}).write_excel(loc.landing / "accounts" / "accounts_20250101.xlsx")
    # budget in the ';' dialect: '.' groups thousands in integers and amounts, ',' is the decimal comma
    write(loc, "budget/budget_20250101.csv", "2.025;1;particulieren;1.250,50\n2025;2;Objectives;1.000",
          header="year;month;line;amount")
    # staff as Parquet with native types and the personal columns an HR export holds
    (loc.landing / "staff").mkdir()
    duckdb.connect().execute(
        "copy (select 'E1' as employee_id, date '2020-01-01' as start_date, null::date as end_date, 0.888889 as fte, "
        "'permanent' as contract_type, 'yes' as structural, 'Campagnes' as department, date '1980-05-05' as birth_date, "
        "'e1@example.org' as email, 'NL91ABNA0417164300' as iban, 4321.5 as salary) "
        f"to '{loc.landing / 'staff' / 'staff_20250131.parquet'}' (format parquet)")
    # reserves as Parquet with a date and a negative amount (a fund in deficit)
    (loc.landing / "reserves").mkdir()
    duckdb.connect().execute(
        "copy (select date '2024-12-31' as balance_date, 'noodfonds' as reserve, 'earmarked_fund' as reserve_type, "
        f"-100.25 as amount) to '{loc.landing / 'reserves' / 'reserves_20250131.parquet'}' (format parquet)")
    # education in the ';' dialect with Dutch dates and a participant count with a thousands separator
    write(loc, "education/education_20250131.csv", "A1;10-01-2025;Primary;guest_lesson;1.250;EDU25",
          header=HEADERS["education"].replace(",", ";"))
    write(loc, "portfolios/portfolios_20250131.csv", " PF1 ,legacies,2021-01-15,", header=HEADERS["portfolios"])
    summary = run(loc, "2025-01-31")
    assert summary["files_rejected"] == 0, summary["rejected"]
    assert query(loc, "select account, cost_type, structural from raw.accounts order by 1") == [
        ("4000", "personnel", "yes"), ("4100", "housing", "no")]
    assert query(loc, "select year, month, line, amount from raw.budget order by month") == [
        (2025, 1, "particulieren", Decimal("1250.5")), (2025, 2, "objectives", Decimal("1000"))]
    assert query(loc, "select start_date, fte from raw.staff") == [(date(2020, 1, 1), Decimal("0.888889"))]
    assert query(loc, "select amount from raw.reserves") == [(Decimal("-100.25"),)]
    assert query(loc, "select activity_date, school_level, participants from raw.education") == [
        (date(2025, 1, 10), "primary", 1250)]
    assert query(loc, "select portfolio from raw.portfolios") == [("PF1",)]


def test_employee_id_is_stored_only_as_its_keyed_hash_and_personal_columns_never(loc):
    write(loc, "staff/staff_20250131.csv", "E1,2020-01-01,,1,permanent,yes,Campagnes,1980-05-05,e1@example.org,"
          "NL91ABNA0417164300,4321.50", header=HEADERS["staff"])
    run(loc, "2025-01-31")
    expected = hmac.new(TEST_KEY.encode(), b"E1", hashlib.sha256).hexdigest()
    assert query(loc, "select employee_key from raw.staff") == [(expected,)]
    columns = {r[0] for r in query(loc, "select column_name from duckdb_columns() where table_name = 'staff'")}
    assert not columns & {"employee_id", "birth_date", "email", "iban", "salary"}


def test_cross_source_warnings_are_checked_once_the_snapshot_exists(loc):
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,1,awareness,A")
    write(loc, "spending/spending_20250110.csv", "E1,2025-01-05,4999,CC1,10.00,")
    write(loc, "donations/donations_20250110.csv", "T1,P1,2025-01-05,10.00,particulieren,gift,,,PFX",
          header="transaction_id,person_id,booking_date,amount,income_source,income_type,campaign_code,iban,portfolio")
    run(loc, "2025-01-31")  # no accounts or portfolios ever loaded: the checks are not made
    assert query(loc, "select count(*) from meta.file_checks where check_name in ('unknown_account', "
                      "'unknown_portfolio') and not passed") == [(0,)]
    write(loc, "accounts/accounts_20250101.csv", GOOD["accounts"], header=HEADERS["accounts"])
    write(loc, "portfolios/portfolios_20250101.csv", GOOD["portfolios"], header=HEADERS["portfolios"])
    write(loc, "spending/spending_20250131.csv", "E2,2025-01-20,4999,CC1,20.00,\nE3,2025-01-21,4000,CC1,5.00,")
    write(loc, "donations/donations_20250131.csv", "T2,P1,2025-01-20,10.00,particulieren,gift,,,PFX\n"
          "T3,P1,2025-01-21,10.00,particulieren,gift,,,PF1",
          header="transaction_id,person_id,booking_date,amount,income_source,income_type,campaign_code,iban,portfolio")
    write(loc, "education/education_20250131.csv", "A1,2025-01-10,primary,guest_lesson,5001,",
          header=HEADERS["education"])
    summary = run(loc, "2025-01-31")
    assert summary["files_rejected"] == 0, summary["rejected"]
    warned = query(loc, "select f.file_name, c.check_name, c.column_name, c.failed_rows from meta.file_checks as c "
                        "join meta.files as f using (file_id) where c.severity = 'warning' and not c.passed "
                        "and c.check_name <> 'extra_columns' order by 1")
    assert warned == [("donations/donations_20250131.csv", "unknown_portfolio", "portfolio", 1),
                      ("education/education_20250131.csv", "large_activity", "participants", 1),
                      ("spending/spending_20250131.csv", "unknown_account", "account", 1)]
    # the unmapped account counts as structural: E1 10 + E2 20 (4999) + E3 5 (personnel, structural)
    assert query(loc, "select value from kpi.scorecard where period_end = '2025-01-31' "
                      "and kpi_id = 'structural_result'") == [(-35.0,)]


def test_the_budget_export_is_the_board_packs_budget_and_a_targets_list_may_be_empty(loc, tmp_path):
    import openpyxl
    from kpi.paths import DEFAULT_TARGETS
    targets = tmp_path / "targets.toml"
    targets.write_text(DEFAULT_TARGETS.read_text().replace(
        'working_organisation_cost_types = ["personnel", "housing", "office_general", "depreciation_interest"]',
        "working_organisation_cost_types = []"))
    loc = type(loc)(loc.landing, loc.warehouse, loc.out, targets)
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,1,awareness,A\nCC2,fundraising,1,,B")
    write(loc, "accounts/accounts_20250101.csv", GOOD["accounts"], header=HEADERS["accounts"])
    write(loc, "reserves/reserves_20250131.csv", GOOD["reserves"], header=HEADERS["reserves"])
    write(loc, "spending/spending_20250131.csv", "E1,2024-06-05,4000,CC1,70.00,\nE2,2024-07-05,4000,CC2,30.00,")
    write(loc, "budget/budget_20250101.csv", "2025,1,particulieren,1200\n2025,12,objectives,600",
          header=HEADERS["budget"])
    run(loc, "2025-01-31")
    # with no cost type listed, the working organisation is the fundraising category alone
    assert query(loc, "select value from kpi.scorecard where period_end = '2025-01-31' "
                      "and kpi_id = 'working_organisation_costs'") == [(30.0,)]
    sheet = openpyxl.load_workbook(loc.out / "board_pack.xlsx")["Begroting"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[2025][2] == 1200 and rows[2025][5] == 600  # the export's year, not the targets file's
