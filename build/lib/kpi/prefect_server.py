"""Prefect's API server process for kpi.prefect_api.TemporaryApi: `python -m kpi.prefect_server FD` serves
Prefect's app with uvicorn on the listening TCP socket FD, the server's imports (~2 s) run first without the
cyclic garbage collector, which would spend ~0.5 s of them collecting, and with room on the frame stack
(kpi.frame_stack).

The socket is handed to uvicorn as a TCP socket, not through uvicorn's --fd, which takes every descriptor
for a Unix socket: asyncio then leaves TCP_NODELAY off on each connection, and every API call waits ~45 ms
for the client's delayed acknowledgement (Nagle's algorithm)."""

from __future__ import annotations

import gc
import socket
import sys

from kpi.frame_stack import call_with_room


def serve(fd: int) -> None:
    """Import the server's code with the collector off, then serve Prefect's app on the listening socket fd."""
    gc.disable()
    import prefect.server.api.server  # noqa: F401  (what uvicorn imports for the app factory)
    gc.freeze()  # what the imports built stays for the process's life: no later collection needs to visit it
    gc.enable()
    import uvicorn

    listening = socket.socket(fileno=fd)  # family and type read from the descriptor: TCP
    config = uvicorn.Config("prefect.server.api.server:create_app", factory=True, log_level="error",
                            lifespan="on")
    uvicorn.Server(config).run(sockets=[listening])


if __name__ == "__main__":
    call_with_room(serve, int(sys.argv[1]))  # its imports are deep (kpi.frame_stack)
