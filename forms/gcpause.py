"""The cyclic garbage collector paused for an allocation-heavy step.

Loading a draft and checking it allocate hundreds of thousands of objects and
free them by reference counting; the cyclic collector, triggered by the
allocations alone, meanwhile walks every live object again, the draft's too,
so with it running those steps grew faster than the draft (issue 16, point 5:
7-18 x the time for 5 x the draft). Paused, they grow with the draft; cycles
made meanwhile are collected once the collector runs again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block, then restore it as it was.

    Process-wide, as gc is: two threads each pausing leave it enabled once the
    one that found it enabled is done, never disabled for good.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
