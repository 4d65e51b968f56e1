"""Imports that a library makes but uses only later, if ever: imported on their first use instead.

Great Expectations imports scipy.stats and altair (~0.7 s of CPU, 40% of its import) for three statistical
expectations (KL divergence, two Kolmogorov-Smirnov tests) that use them only while they validate or draw; the
committed suites use none of them. kpi.gate imports Great Expectations inside `deferred("scipy.stats",
"altair")`: the modules imported in the block get placeholders that import the real module on first use. A
placeholder is in `sys.modules` only for the block, so every other import of the module, before or after, is
Python's own. (importlib.util.LazyLoader leaves its lazy module in sys.modules for good, and on Python 3.11
a thread that uses it while another thread's first use is still loading it can find it half loaded.)"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from contextlib import contextmanager

_LOCK = threading.RLock()  # one real import at a time; re-entrant, as that import may use another placeholder


class _Placeholder(types.ModuleType):
    """Stands for a module that is not imported yet; the first attribute asked for imports it."""

    def __getattr__(self, attr: str):  # called only for what the placeholder itself does not have
        return getattr(_real(self), attr)


@contextmanager
def deferred(*names: str):
    """For the block, `import name` and `from package import module` give a placeholder for each module named;
    a module imported already or not installed is left alone."""
    with _LOCK:
        placeholders = [p for p in map(_stand_in, names) if p is not None]
    try:
        yield
    finally:
        with _LOCK:
            for placeholder in placeholders:
                _withdraw(placeholder)


def _stand_in(name: str) -> _Placeholder | None:
    """Put a placeholder for module `name` into sys.modules (and on its package), unless there is no need."""
    spec = None if name in sys.modules else importlib.util.find_spec(name)
    if spec is None:
        return None
    placeholder = _Placeholder(name)
    placeholder.__spec__ = spec  # what importlib.util.find_spec answers while it stands in
    sys.modules[name] = placeholder
    package, _, child = name.rpartition(".")
    if package:
        setattr(sys.modules[package], child, placeholder)
    return placeholder


def _withdraw(placeholder: _Placeholder) -> None:
    """Take a placeholder out of sys.modules and off its package, where it still stands."""
    name = placeholder.__name__
    package, _, child = name.rpartition(".")
    if sys.modules.get(name) is placeholder:
        del sys.modules[name]
    if package and sys.modules[package].__dict__.get(child) is placeholder:
        delattr(sys.modules[package], child)


def _real(placeholder: _Placeholder) -> types.ModuleType:
    """The module a placeholder stands for, imported on the first use (by whichever thread comes first)."""
    with _LOCK:
        real = placeholder.__dict__.get("_real")
        if real is None:
            _withdraw(placeholder)  # used inside the block: import the module itself now
            real = importlib.import_module(placeholder.__name__)
            placeholder.__dict__["_real"] = real
        return real
