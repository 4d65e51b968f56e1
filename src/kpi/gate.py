"""The validation gate: one Great Expectations suite per source (expectations/*.json) run on each file's rows."""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from datetime import date

from kpi.checks import FIRST_ROWS, CheckResult
from kpi.contract import REFERENCES, SOURCES
from kpi.paths import EXPECTATIONS_DIR
from kpi.sqlfiles import bind, render, sql

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
CHUNK_ROWS = 1_000_000  # rows handed to pandas at a time: memory is bounded by this, not by the file
log = logging.getLogger("kpi")
PANDAS_DATES = (date(1677, 9, 22), date(2262, 4, 11))
_PARSER_LOCK = threading.Lock()  # see settle_suite_parameters
PASS_FAIL = {"result_format": "BOOLEAN_ONLY"}
DETAILS = {"result_format": "SUMMARY", "unexpected_index_column_names": ["source_row"],
           "partial_unexpected_count": FIRST_ROWS}


def suite_document(source: str) -> dict:
    """The committed JSON of one suite."""
    return json.loads((EXPECTATIONS_DIR / f"{source}.json").read_text(encoding="utf-8"))


def suite_documents() -> list[dict]:
    """The committed JSON of every suite (expectations/*.json), in name order."""
    return [suite_document(path.stem) for path in sorted(EXPECTATIONS_DIR.glob("*.json"))]


def codes_in_force(con) -> dict[str, list[str] | None]:
    """Per snapshot that files are checked against (cost_centers, accounts, portfolios): the codes of its latest
    loaded file; None for a warning-only check whose snapshot was never loaded (the check is then not made)."""
    codes = {}
    for snapshot, column, severity in REFERENCES.values():
        loaded, values = con.execute(render("gate/codes_in_force", snapshot=snapshot, column=column)).fetchone()
        codes[snapshot] = values if loaded or severity == "error" else None
    return codes


class Gate:
    """The suites in ephemeral GX contexts, one per thread that validates; create one Gate per run."""

    def __init__(self) -> None:
        self.seconds = 0.0  # time spent in check() on all threads, for the run summary
        self._local = threading.local()
        self._lock = threading.Lock()

    @property
    def _context(self):
        if not hasattr(self._local, "context"):
            self._local.context = _new_context()
        return self._local.context

    @property
    def _suites(self) -> dict:
        if not hasattr(self._local, "suites"):
            docs = suite_documents()
            self._local.suites = _load_suites(self._context[0], docs)
            settle_suite_parameters(docs)
        return self._local.suites

    def check(self, scratch, source: str, export_date: date, row_offset: int, extra_columns: int,
              codes: dict[str, list[str]]) -> list[CheckResult]:
        """Validate scratch's `typed` rows of one file against the codes in force of the snapshots it refers to;
        one CheckResult per expectation, passed or not."""
        started = time.perf_counter()
        try:
            return self._check(scratch, source, export_date, row_offset, extra_columns, codes)
        finally:
            with self._lock:
                self.seconds += time.perf_counter() - started

    def _check(self, scratch, source, export_date, row_offset, extra_columns, codes) -> list[CheckResult]:
        _, batch_definition = self._context
        suite = self._suites[source]
        name = f"gate/{source}"
        params = bind(name, {"row_offset": row_offset, "export_date": export_date, "extra_columns": extra_columns})
        reader = scratch.execute(sql(name), params).to_arrow_reader(CHUNK_ROWS)
        results: dict[int, CheckResult] = {}
        for batch in reader:
            frame = _frame(batch)
            parameters = {"export_date": f"{export_date.isoformat()}T00:00:00", **codes}
            # pass/fail first (a quarter cheaper); the counts and first rows only for a chunk that fails
            result = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
                suite, expectation_parameters=parameters, result_format=PASS_FAIL)
            if not result.success:
                result = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
                    suite, expectation_parameters=parameters, result_format=DETAILS)
            for i, r in enumerate(result.results):
                meta = r.expectation_config.meta or {}
                column = r.expectation_config.kwargs.get("column") or r.expectation_config.kwargs.get("column_A")
                check = results.setdefault(i, CheckResult(meta.get("check", r.expectation_config.type),
                                                          _public(meta.get("column", column), source),
                                                          meta.get("severity", "error"), 0, [],
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


def _frame(batch):
    """A batch as pandas in the dtypes GX compares vectorised instead of row by row: integers as int64, dates
    as nanosecond timestamps, clamped to pandas' range (1677-2262), which lies outside every bound in the suites."""
    import pyarrow as pa
    import pyarrow.compute as pc
    columns = []
    for column in batch.columns:
        if pa.types.is_integer(column.type):
            column = column.cast(pa.int64())
        elif pa.types.is_date(column.type):
            low, high = pa.scalar(PANDAS_DATES[0], column.type), pa.scalar(PANDAS_DATES[1], column.type)
            column = pc.min_element_wise(pc.max_element_wise(column, low, skip_nulls=False), high, skip_nulls=False)
            column = column.cast(pa.timestamp("ns"))
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names).to_pandas()


def _new_context():
    """An ephemeral GX context with one pandas dataframe asset: (context, batch definition)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    asset = context.data_sources.add_pandas("exports").add_dataframe_asset("file")
    return context, asset.add_batch_definition_whole_dataframe("whole file")


def _load_suites(context, docs: list[dict]) -> dict:
    """The suites of these documents (suite_documents()) added to the context, by name."""
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration
    suites = {}
    for doc in docs:
        suite = gx.ExpectationSuite(name=doc["name"])
        for e in doc["expectations"]:
            suite.add_expectation_configuration(ExpectationConfiguration(**e))
        suites[doc["name"]] = context.suites.add(suite)
    return suites


def suite_parameter_names(docs: list[dict]) -> set[str]:
    """The names these suites (suite_documents()) take at validation time ({"$PARAMETER": name} in a kwarg)."""
    return {value["$PARAMETER"] for doc in docs for e in doc["expectations"]
            for value in e["kwargs"].values() if isinstance(value, dict) and "$PARAMETER" in value}


def settle_suite_parameters(docs: list[dict]) -> None:
    """Parse every parameter of these suites once under a lock before this thread validates.

    GX resolves $PARAMETER through one pyparsing parser shared by all threads, and pyparsing finds out how many
    arguments each parse action takes on the action's first call, without a lock: two threads making that first
    call at once can leave it wrong for the rest of the process ("push_first() missing 1 required positional
    argument"). Once one call has completed, later calls from any thread only read what it found."""
    from great_expectations.core.suite_parameters import parse_suite_parameter
    with _PARSER_LOCK:
        for name in sorted(suite_parameter_names(docs)):
            parse_suite_parameter(name, {name: None})


def _public(column: str | None, source: str) -> str | None:
    """The contract column a helper column stands for (_id_count -> the id, _age_on_export -> birth_date)."""
    helpers = {"_id_count": SOURCES[source].key, "_age_on_export": "birth_date", "_share_total": "share",
               "_extra_columns": None}
    return helpers.get(column, column)
