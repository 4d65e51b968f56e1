"""marts.fct_costs: allocation through the cost-center key is exact at the organisation's real sizes."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import polars as pl

from conftest import query, run, write

REAL_SIZE = Path(__file__).parent / "sql" / "real_size_money" / "landing"


def test_allocation_of_a_million_euro_line_over_eight_decimal_shares_is_exact_to_the_cent(loc):
    shutil.copytree(REAL_SIZE, loc.landing, dirs_exist_ok=True)
    assert run(loc, "2025-06-30")["files_rejected"] == 0
    allocated = dict(query(loc, "select category, sum(allocated_amount) from marts.fct_costs "
                                "where entry_id = 'S1' group by category"))
    line = Decimal("1234567.89")
    assert allocated == {"objectives": line * Decimal("0.33333333"), "fundraising": line * Decimal("0.33333333"),
                         "management_admin": line * Decimal("0.33333334")}
    assert sum(allocated.values()) == line
    # a booking of 10^8 euros split three ways, summed over the year
    assert query(loc, "select sum(allocated_amount) from marts.fct_costs where year(booking_date) = 2024") == \
        [(Decimal("99999999.99"),)]


def test_parquet_shares_as_doubles_keep_eight_decimals(loc):
    loc.landing.joinpath("cost_centers").mkdir()
    pl.DataFrame({"cost_center": ["CCS", "CCS"], "category": ["objectives", "fundraising"],
                  "share": [0.12345678, 0.87654322]}).write_parquet(loc.landing / "cost_centers/cost_centers_20240101.parquet")
    write(loc, "spending/spending_20240131.csv", "E1,2024-01-31,4000,CCS,100000000.00,")
    assert run(loc, "2024-01-31")["files_rejected"] == 0
    assert dict(query(loc, "select category, sum(allocated_amount) from marts.fct_costs group by category")) == \
        {"objectives": Decimal("12345678.00"), "fundraising": Decimal("87654322.00")}
