"""kpi.frame_stack: code called with room does not map a new frame-stack chunk each time its depth crosses 16 KB."""

from __future__ import annotations

import resource
import threading

import pytest

from kpi.frame_stack import call_with_room

DEPTH, TIMES = 400, 2_000  # 400 frames of ~100 bytes cross a fresh thread's first 16 KB chunk


def _descend(n: int) -> int:
    return _descend(n - 1) + 1 if n else 0


def _oscillate() -> int:
    """Go DEPTH calls deep and back, TIMES times: the minor page faults this thread took meanwhile."""
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    for _ in range(TIMES):
        assert _descend(DEPTH) == DEPTH
    return resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before


def _on_fresh_thread(fn):
    """fn() on a new thread (whose frame stack starts with one 16 KB chunk); its result."""
    result = []
    thread = threading.Thread(target=lambda: result.append(fn()))
    thread.start()
    thread.join()
    return result[0]


def test_deep_calls_stop_faulting_in_new_chunks_with_room():
    without = _on_fresh_thread(_oscillate)
    with_room = _on_fresh_thread(lambda: call_with_room(_oscillate))
    assert without >= TIMES  # each descent maps a new chunk and touches it (the cost being avoided)
    assert with_room < TIMES / 20


def test_call_with_room_passes_arguments_results_and_errors_through():
    assert call_with_room(divmod, 7, 2) == (3, 1)
    assert call_with_room(sorted, [3, 1, 2], reverse=True) == [3, 2, 1]
    with pytest.raises(ZeroDivisionError):
        call_with_room(divmod, 1, 0)
