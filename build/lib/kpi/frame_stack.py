"""Calls that run with room on CPython's frame stack, so that deep code does not map and unmap it all the time.

CPython 3.11 keeps the frames of a thread's Python calls in 16 KB chunks of memory of their own (mmap). When a
call needs more than the chunk has left, a new chunk is mapped; when that call returns, the chunk is unmapped at
once. Code whose call depth keeps crossing a chunk's end, as a deep import does module after module, pays a
map, a page fault and an unmap each time: importing Great Expectations on a thread of its own did so ~42,000
times (`strace`), ~0.3 s of CPU while Prefect's server starts, and the server's own imports ~10,000 times.
call_with_room(fn) calls fn from a frame that reserves ~58 KB of value stack it never uses: that frame gets a
128 KB chunk of its own, and the calls fn makes have its other ~70 KB (about 500 frames) before they cross a
chunk's end. The reserved part is address space only: pages nobody writes are never faulted in."""

from __future__ import annotations

from typing import Callable, TypeVar

T = TypeVar("T")
RESERVED_SLOTS = 7_300  # 8-byte slots; with CPython's own margin (1,000 slots) it asks for more than 64 KB


def call_with_room(fn: Callable[..., T], *args, **kwargs) -> T:
    """fn(*args, **kwargs), called from a frame that starts a 128 KB frame-stack chunk (see the module)."""
    return fn(*args, **kwargs)


call_with_room.__code__ = call_with_room.__code__.replace(
    co_stacksize=call_with_room.__code__.co_stacksize + RESERVED_SLOTS)
