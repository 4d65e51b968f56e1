"""Prefect's temporary API server, started as a command begins so that it boots while the pipeline imports.

In ephemeral mode Prefect starts its server only when the first flow is called: the command first imports
the server's own code (about 2 s of CPU the command never uses) and then waits about 3 s for the server to
answer. A `kpi` command that will run a flow starts the same server (Prefect's uvicorn app, the way
prefect.server.api.server.SubprocessASGIServer starts it) before anything else, points Prefect at it the
way Prefect's own test harness does, and waits for it only just before the flow (ready()). A configured
Prefect API (PREFECT_API_URL in the environment or a profile) is used as before."""

from __future__ import annotations

import atexit
import logging
import os
import select
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from kpi.errors import UsageError

log = logging.getLogger("kpi")


class TemporaryApi:
    """One uvicorn process (kpi.prefect_server) serving Prefect's API on a free port of 127.0.0.1, stopped by stop().

    The port is bound here and the listening socket handed to the server process, so no other process can
    take the port between choosing and binding it."""

    def __init__(self) -> None:
        with socket.socket() as listening:
            listening.bind(("127.0.0.1", 0))
            listening.listen(128)
            self.port = listening.getsockname()[1]
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kpi.prefect_server", str(listening.fileno())],
                pass_fds=(listening.fileno(),),
                env={**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
                     "PREFECT__SERVER_FINAL": "1"})
        self.url = f"http://127.0.0.1:{self.port}/api"
        atexit.register(self.stop)  # also when the command ends some other way
        log.info("Starting temporary Prefect server on http://127.0.0.1:%d", self.port)

    def ready(self) -> None:
        """Wait until the server answers; raise RuntimeError when it exits or does not answer in time."""
        from prefect.settings import PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS  # as Prefect's own server waits
        timeout = PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS.value()
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the temporary Prefect server exited with code {self.process.returncode} "
                                   "(its error is above)")
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=1) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the temporary Prefect server did not answer within {timeout:.0f} s")
            time.sleep(0.05)

    def stop(self) -> None:
        """Stop the server (a no-op when it has stopped)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                wait_for_exit(self.process, timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def wait_for_exit(process: subprocess.Popen, timeout: float) -> int:
    """process.wait(timeout), woken by the exit itself: Popen.wait polls with sleeps that grow to 50 ms, so it
    noticed the server's exit ~40 ms late. A pidfd (Linux) becomes readable when the process exits."""
    try:
        pidfd = os.pidfd_open(process.pid)
    except (AttributeError, OSError):  # not Linux, or the process is gone already
        return process.wait(timeout)
    try:
        if not select.select([pidfd], [], [], timeout)[0]:
            raise subprocess.TimeoutExpired(process.args, timeout)
    finally:
        os.close(pidfd)
    return process.wait()


def _check_prefect_home() -> None:
    """Create Prefect's home folder (PREFECT_HOME, else ~/.prefect) the way Prefect does, without its parents;
    raise UsageError when that fails: the server would only exit, with a traceback, unable to open its database."""
    home = Path(os.environ.get("PREFECT_HOME") or "~/.prefect").expanduser()
    try:
        home.mkdir(exist_ok=True)
    except OSError as e:
        raise UsageError(f"Prefect's home folder {home} cannot be created ({e.strerror}); create it or set "
                         "PREFECT_HOME to a folder that exists and can be written.") from None


@contextmanager
def early(wanted: bool):
    """Start a TemporaryApi for the commands inside, or yield None: when not wanted, when Prefect is already
    imported (its own ephemeral server may be running in this process) or when an API is configured."""
    if not wanted or "prefect" in sys.modules or os.environ.get("PREFECT_API_URL"):
        yield None
        return
    _check_prefect_home()
    api = TemporaryApi()
    try:
        with ExitStack() as stack:
            from prefect.settings import (PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
                                          PREFECT_SERVER_EPHEMERAL_ENABLED, PREFECT_UI_URL, get_current_settings,
                                          temporary_settings)
            if get_current_settings().api.url or not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
                api.stop()  # a profile names a server, or ephemeral mode is off: Prefect decides as before
                yield None
                return
            from prefect.context import _temporary_global_settings_context, get_settings_context
            # No UI is served (as in ephemeral mode), so no "View at" link to one either. No heartbeats: they
            # let a server find crashed runs later, and this one stops with the command; ending their thread
            # held every flow run up to a second.
            stack.enter_context(temporary_settings({PREFECT_API_URL: api.url, PREFECT_UI_URL: "",
                                                    PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}))
            stack.enter_context(_temporary_global_settings_context(get_settings_context()))
            try:
                yield api
            finally:
                _drain()
    finally:
        api.stop()


def _drain() -> None:
    """Send the logs and events still queued before the server stops (as Prefect's test harness does)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    for worker in (APILogWorker, EventsWorker):
        try:
            worker.drain_all(timeout=5)
        except Exception as e:  # never let a late log line hide the command's own outcome
            log.warning("could not send the last Prefect %s: %s", worker.__name__, e)
