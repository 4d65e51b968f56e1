"""Reading every format and dialect of exports.md "File formats" into typed raw rows."""

from __future__ import annotations

import codecs
from datetime import date
from decimal import Decimal

import duckdb
import polars as pl

from conftest import HEADERS, query, run, write


def donations(loc):
    return query(loc, "select transaction_id, booking_date, amount from raw.donations order by transaction_id")


def test_comma_csv_with_point_decimals(loc):
    write(loc, "donations/donations_20240131.csv", """
T1,P1,2024-01-05,1234.56,particulieren,gift,,NL00BANK0123456789
T2,,2024-01-06,-12.50,particulieren,membership_fee,,
""")
    run(loc)
    assert donations(loc) == [("T1", date(2024, 1, 5), Decimal("1234.56")), ("T2", date(2024, 1, 6), Decimal("-12.5"))]


def test_semicolon_csv_with_decimal_comma_thousands_and_dutch_dates(loc):
    header = HEADERS["donations"].replace(",", ";")
    write(loc, "donations/donations_20240131.csv", """
T1;P1;5-1-2024;1.234,56;particulieren;gift;;
T2;P2;06-01-2024;-12,5;particulieren;gift;;
T3;P3;2024-01-07;7;particulieren;gift;;
""", header=header)
    run(loc)
    assert donations(loc) == [("T1", date(2024, 1, 5), Decimal("1234.56")),
                              ("T2", date(2024, 1, 6), Decimal("-12.5")),
                              ("T3", date(2024, 1, 7), Decimal("7"))]


def test_utf8_bom_and_header_case_and_spaces(loc):
    header = " Transaction_ID , PERSON_ID,booking_date,Amount ,income_source,income_type,campaign_code,iban"
    path = write(loc, "donations/donations_20240131.csv", "T1,P1,2024-01-05,10.00,particulieren,gift,,", header=header)
    path.write_bytes(codecs.BOM_UTF8 + path.read_bytes())
    run(loc)
    assert donations(loc) == [("T1", date(2024, 1, 5), Decimal("10"))]


def test_windows_1252_fallback_keeps_accents_and_euro_sign(loc):
    write(loc, "cost_centers/cost_centers_20240101.csv", "CC1,objectives,1,awareness,Café € zaal")
    path = loc.landing / "cost_centers/cost_centers_20240101.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    run(loc)
    assert query(loc, "select name from raw.cost_centers") == [("Café € zaal",)]
    assert query(loc, "select reason from meta.files where status = 'loaded'")[0][0] == "read as Windows-1252 (not valid UTF-8)"


def test_header_only_file_loads_with_zero_rows(loc):
    write(loc, "actions/actions_20240131.csv", HEADERS["actions"] + "\n", header="none")
    summary = run(loc)
    assert summary["files_loaded"] == 1 and summary["files_rejected"] == 0
    assert query(loc, "select rows, status from meta.files") == [(0, "loaded")]


def test_xlsx_first_sheet_with_real_dates_and_numbers(loc):
    frame = pl.DataFrame({"Transaction_ID": ["T1", "T2"], "person_id": [None, "P2"],
                          "booking_date": [date(2024, 2, 29), date(2024, 1, 2)], "amount": [12.5, 1e-05],
                          "income_source": ["particulieren", "subsidies_overheden"], "income_type": ["gift", "grant"]})
    (loc.landing / "donations").mkdir()
    frame.write_excel(loc.landing / "donations" / "donations_20240301.xlsx")
    run(loc, "2024-03-31")
    assert donations(loc) == [("T1", date(2024, 2, 29), Decimal("12.5")), ("T2", date(2024, 1, 2), Decimal("0.00001"))]


def test_parquet_with_native_types(loc, tmp_path):
    (loc.landing / "donations").mkdir()
    con = duckdb.connect()
    con.execute(f"""copy (select 'T1' as transaction_id, 'P1' as person_id, date '2024-01-31' as booking_date,
                    12.345::double as amount, 'particulieren' as income_source)
                    to '{loc.landing / "donations" / "donations_20240131.parquet"}' (format parquet)""")
    run(loc)
    assert donations(loc) == [("T1", date(2024, 1, 31), Decimal("12.345"))]
