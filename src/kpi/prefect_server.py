"""Prefect's API server process for kpi.prefect_api.TemporaryApi: uvicorn's own command line, with the server's
imports (~2 s) run first without the cyclic garbage collector, which would spend ~0.5 s of them collecting."""

from __future__ import annotations

import gc

if __name__ == "__main__":
    gc.disable()
    import prefect.server.api.server  # noqa: F401  (what uvicorn would import for the app factory)
    gc.freeze()  # what the imports built stays for the process's life: no later collection needs to visit it
    gc.enable()
    from uvicorn.main import main

    main()
