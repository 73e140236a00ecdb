"""Atomic save under a crash: a child killed at random moments while saving.

The child (forked, so it starts in milliseconds) saves two different versions
in turn as fast as it can; the parent kills it with SIGKILL after a random
delay. Whatever the moment, the file on disk must be one complete version.
"""

import multiprocessing
import os
import random
import signal
import sys
import time

import pytest

from benchmarks.largedraft import large_draft
from forms.draftfile import dumps_draft, load_draft, save_draft
from forms.draftlock import guard_path

KILLS = 200

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs fork and SIGKILL")


def _save_forever(path, drafts):
    while True:
        for draft in drafts:
            save_draft(path, draft)


def test_file_is_always_complete_after_a_kill_during_save(tmp_path):
    path = tmp_path / "kladde.aktstykke"
    old = large_draft(paragraphs=400, tables=6)
    new = old.model_copy(deep=True)
    new.minister = "Ny Minister"
    started = time.perf_counter()
    save_draft(path, old)
    # Kills spread over a few saves' time: on a loaded machine one save can take
    # longer than the 30 ms that suffice on a quiet one, and a kill must be able
    # to land after the first save has finished as well as in the middle of one.
    longest = max(0.03, 4 * (time.perf_counter() - started))
    context = multiprocessing.get_context("fork")
    rng = random.Random(20241112)
    seen = set()
    for _ in range(KILLS):
        child = context.Process(target=_save_forever, args=(path, [old, new]))
        child.start()
        time.sleep(rng.uniform(0.001, longest))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        loaded = load_draft(path).draft  # raises if the file were half written
        assert loaded.minister in ("Lars Løkke Rasmussen", "Ny Minister")
        body = loaded.model_copy(update={"metadata": old.metadata, "minister": old.minister})
        assert dumps_draft(body) == dumps_draft(old)
        seen.add(loaded.minister)
    guard = guard_path(path).name  # a child killed while holding the draft's guard
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in (path.name, guard)]
    assert all(name.endswith(".tmp") for name in leftovers)  # only orphaned temp files
    assert seen == {"Lars Løkke Rasmussen", "Ny Minister"}  # the kills landed mid-stream
    # The operating system dropped the dead child's lock: the next save does not
    # wait for it, and removes the guard file it left.
    started = time.monotonic()
    save_draft(path, old)
    assert time.monotonic() - started < 2
    assert not guard_path(path).exists()
