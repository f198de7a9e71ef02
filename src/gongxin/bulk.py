"""Bulk work without the cyclic garbage collector: an import's records, a page of 20,000 rows.

An import builds hundreds of thousands of container objects (a list of values per row, a
record, a tuple per inserted row) and keeps them all alive until it ends. Each allocation
counts towards CPython's cyclic collector, which then walks every live container again and
again, finding nothing to free: at 360,000 rows that walking took about half the time of
parsing, unpickling and checking the records. The battle map builds a status, a row and a map
point for each of a province's 20,000 projects: every other request paid a full collection of
the server's heap for them (about 110 ms of a 400 ms page). Neither forms reference cycles that
matter (whatever few there are is collected once the collector is back on), so these bulk
phases run with it paused.

The pause is process-wide (``gc.disable``); nested and concurrent users (two uploads, or an
upload and a page, on the web server's threads) are counted, and the collector comes back when
the last one leaves, as it was before the first one came."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the body with the cyclic garbage collector off (reference counting still frees)."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
