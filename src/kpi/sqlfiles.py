"""The one loader of SQL text: every statement the pipeline runs lives in a file under sql/."""

from __future__ import annotations

import hashlib
import re
from functools import cache

from kpi.paths import SQL_DIR

_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_IDENT = re.compile(r"[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?")  # a name, or schema.name


@cache
def sql(name: str) -> str:
    """The text of sql/<name>.sql, e.g. sql('staging/stg_members')."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def sql_version(*names: str) -> str:
    """A version of the SQL in these files (16 hex digits of the SHA-256 of their text): a table kept from build
    to build is merged into or updated only by the same SQL that built it."""
    return hashlib.sha256("".join(sql(n) for n in names).encode()).hexdigest()[:16]


def render(name: str, **identifiers: str) -> str:
    """sql/<name>.sql with its {placeholders} filled in; only for names of tables and columns, never values."""
    for value in identifiers.values():
        if not _IDENT.fullmatch(value):
            raise ValueError(f"not an SQL identifier: {value!r}")
    return sql(name).format(**identifiers)


def bind(name: str, params: dict) -> dict:
    """The subset of params that sql/<name>.sql uses ($name placeholders); DuckDB rejects unused ones."""
    used = set(_PARAM.findall(sql(name)))
    return {k: v for k, v in params.items() if k in used}


def run_script(con, name: str, **params) -> None:
    """Execute sql/<name>.sql on con, binding the $named parameters it uses."""
    bound = bind(name, params)
    if bound:
        con.execute(sql(name), bound)
    else:
        con.execute(sql(name))


def set_variables(con, **values) -> None:
    """Set the DuckDB variables that SQL files read with getvariable('<name>')."""
    for name, value in values.items():
        con.execute(f"set variable {name} = $1", [value])


def run_script_with_variables(con, name: str, **variables) -> None:
    """Execute sql/<name>.sql after setting the variables it reads with getvariable(): DuckDB binds $named
    parameters only in a script's last statement."""
    set_variables(con, **variables)
    run_script(con, name)


def query(con, name: str, **params):
    """A relation for the single SELECT in sql/<name>.sql with its $named parameters bound."""
    return con.execute(sql(name), bind(name, params))


def create_table_as(con, table: str, name: str, **params) -> None:
    """Materialise the SELECT in sql/<name>.sql as table (replacing it), binding its $named parameters."""
    con.execute(f"create or replace table {table} as {sql(name)}", bind(name, params))


def records(con, name: str, **params) -> list[dict]:
    """The rows of the SELECT in sql/<name>.sql as dicts."""
    rel = query(con, name, **params)
    cols = [d[0] for d in rel.description]
    return [dict(zip(cols, row)) for row in rel.fetchall()]
