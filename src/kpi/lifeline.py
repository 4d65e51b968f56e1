"""A flow command runs in a child process that ends when `kpi` ends, also when `kpi` is killed outright.

Why: Prefect's ephemeral server is a child of the process that runs the flow, and a process killed with
SIGKILL cannot stop it; the child here asks Linux for SIGTERM when `kpi` dies, ends as usual, and Prefect
stops its server on the way out."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys

CHILD = "KPI_LIFELINE_PARENT"  # set in the child's environment: the pid of the `kpi` process it belongs to
PR_SET_PDEATHSIG = 1  # prctl(2)


def run_in_child(argv: list[str]) -> int:
    """Run `kpi argv` in a child process and return its exit code; Ctrl-C reaches the child, which stops."""
    child = subprocess.Popen([sys.executable, "-m", "kpi.cli", *argv], env={**os.environ, CHILD: str(os.getpid())})
    while True:
        try:
            return child.wait()
        except KeyboardInterrupt:  # the child got the same SIGINT from the terminal; wait for it to stop
            continue


def in_child() -> bool:
    """Whether this process is a child started by run_in_child."""
    return CHILD in os.environ


def die_with_parent() -> None:
    """In the child: end with SIGTERM when the parent ends, and make SIGTERM a normal exit (atexit runs)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != int(os.environ[CHILD]):  # the parent ended before prctl took effect
        sys.exit(128 + signal.SIGTERM)
