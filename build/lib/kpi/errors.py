"""User-facing errors: one sentence that says what to fix, and the exit code that goes with it."""

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_LOCKED, EXIT_FAILED = 0, 1, 2, 3, 4


class KpiError(Exception):
    """An error the user can act on; its message is one sentence that says what to fix."""

    exit_code = EXIT_FAILED


class UsageError(KpiError):
    """Wrong command-line use or configuration."""

    exit_code = EXIT_USAGE


class WarehouseLocked(KpiError):
    """Another run holds the warehouse."""

    exit_code = EXIT_LOCKED


class RunFailed(KpiError):
    """The run stopped; the warehouse and outputs were left as they were."""

    exit_code = EXIT_FAILED
