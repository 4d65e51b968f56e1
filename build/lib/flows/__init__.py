"""Prefect flows: thin wiring of the pipeline steps in kpi.pipeline (tasks, retries, parameters)."""
