"""KPI pipeline for the strategy 2022–2025 scorecard: exports -> DuckDB -> board outputs."""

__version__ = "0.1.0"
