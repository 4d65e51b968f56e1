"""The validation gate: one Great Expectations suite per source (expectations/*.json) run on each file's rows."""

from __future__ import annotations

import json
import logging
import os
import time
from datetime import date
from functools import cached_property

from kpi.checks import FIRST_ROWS, CheckResult
from kpi.contract import SOURCES
from kpi.paths import EXPECTATIONS_DIR
from kpi.sqlfiles import bind, sql

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
CHUNK_ROWS = 1_000_000  # rows handed to pandas at a time: memory is bounded by this, not by the file
log = logging.getLogger("kpi")


def suite_document(source: str) -> dict:
    """The committed JSON of one suite."""
    return json.loads((EXPECTATIONS_DIR / f"{source}.json").read_text(encoding="utf-8"))


class Gate:
    """An ephemeral GX context with the suites loaded; create one per run and validate file after file."""

    seconds = 0.0  # time spent in check(), for the run summary

    @cached_property
    def _context(self):
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig
        logging.getLogger("great_expectations").setLevel(logging.WARNING)
        context = gx.get_context(mode="ephemeral")
        context.variables.progress_bars = ProgressBarsConfig(globally=False)
        asset = context.data_sources.add_pandas("exports").add_dataframe_asset("file")
        return context, asset.add_batch_definition_whole_dataframe("whole file")

    @cached_property
    def _suites(self) -> dict:
        import great_expectations as gx
        from great_expectations.expectations.expectation_configuration import ExpectationConfiguration
        context, _ = self._context
        suites = {}
        for path in sorted(EXPECTATIONS_DIR.glob("*.json")):
            doc = suite_document(path.stem)
            suite = gx.ExpectationSuite(name=doc["name"])
            for e in doc["expectations"]:
                suite.add_expectation_configuration(ExpectationConfiguration(**e))
            suites[doc["name"]] = context.suites.add(suite)
        return suites

    def check(self, scratch, source: str, export_date: date, row_offset: int, extra_columns: int,
              cost_centers: list[str]) -> list[CheckResult]:
        """Validate scratch's `typed` rows of one file; one CheckResult per expectation, passed or not."""
        started = time.perf_counter()
        try:
            return self._check(scratch, source, export_date, row_offset, extra_columns, cost_centers)
        finally:
            self.seconds += time.perf_counter() - started

    def _check(self, scratch, source, export_date, row_offset, extra_columns, cost_centers) -> list[CheckResult]:
        _, batch_definition = self._context
        suite = self._suites[source]
        name = f"gate/{source}"
        params = bind(name, {"row_offset": row_offset, "export_date": export_date, "extra_columns": extra_columns})
        reader = scratch.execute(sql(name), params).to_arrow_reader(CHUNK_ROWS)
        results: dict[int, CheckResult] = {}
        for batch in reader:
            frame = batch.to_pandas()
            result = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
                suite,
                expectation_parameters={"export_date": export_date.isoformat(), "cost_centers": cost_centers},
                result_format={"result_format": "SUMMARY", "unexpected_index_column_names": ["source_row"],
                               "partial_unexpected_count": FIRST_ROWS},
            )
            for i, r in enumerate(result.results):
                meta = r.expectation_config.meta or {}
                column = r.expectation_config.kwargs.get("column") or r.expectation_config.kwargs.get("column_A")
                check = results.setdefault(i, CheckResult(meta.get("check", r.expectation_config.type),
                                                          _public(column, source), meta.get("severity", "error"), 0, [],
                                                          meta.get("message", r.expectation_config.type), True))
                if r.success:
                    continue
                check.passed = False
                if r.exception_info and r.exception_info.get("raised_exception"):
                    check.message += f" (the check could not run: {r.exception_info.get('exception_message')})"
                    check.severity = "error"
                    continue
                check.failed_rows += int(r.result.get("unexpected_count") or 0)
                rows = [int(x["source_row"]) for x in r.result.get("partial_unexpected_index_list") or []]
                check.first_rows = sorted(check.first_rows + rows)[:FIRST_ROWS]
        return list(results.values())


def _public(column: str | None, source: str) -> str | None:
    """The contract column a helper column stands for (_id_count -> the id, _age_on_export -> birth_date)."""
    helpers = {"_id_count": SOURCES[source].key, "_age_on_export": "birth_date", "_share_total": "share",
               "_extra_columns": None}
    return helpers.get(column, column)
