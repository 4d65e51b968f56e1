"""The pseudonymisation key and the SQL macro that turns a person_id into its HMAC-SHA256 person_key."""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from kpi.errors import UsageError
from kpi.sqlfiles import run_script, set_variables

KEY_ENV = "KPI_PSEUDONYM_KEY"
KEY_FILE_ENV = "KPI_KEY_FILE"


def key_file(warehouse: Path) -> Path:
    """Where the key file lives: $KPI_KEY_FILE, else pseudonym.key beside the warehouse."""
    return Path(os.environ.get(KEY_FILE_ENV) or warehouse.parent / "pseudonym.key")


def load_key(warehouse: Path) -> bytes:
    """The key from $KPI_PSEUDONYM_KEY, else from the key file, created (mode 0600) on first use."""
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV].encode("utf-8")
    path = key_file(warehouse)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(secrets.token_hex(32))
    if path.stat().st_mode & 0o077:
        raise UsageError(f"The key file {path} is readable by others; restrict it with 'chmod 600 {path}'.")
    key = path.read_text().strip().encode("utf-8")
    if not key:
        raise UsageError(f"The key file {path} is empty; restore it from backup or set {KEY_ENV}.")
    return key


def fingerprint(key: bytes) -> str:
    """A value that tells keys apart without revealing them (stored in meta.settings)."""
    return hashlib.sha256(b"kpi-key-fingerprint:" + key).hexdigest()[:16]


def install(con, key: bytes) -> None:
    """Define the temp macro person_key(person_id) on a DuckDB connection (RFC 2104 HMAC-SHA256)."""
    block = key if len(key) <= 64 else hashlib.sha256(key).digest()
    block = block.ljust(64, b"\0")
    set_variables(con, kpi_hmac_ipad=bytes(b ^ 0x36 for b in block), kpi_hmac_opad=bytes(b ^ 0x5C for b in block))
    run_script(con, "macros/person_key")
