"""forms.gcpause: the collector is paused inside, restored after, also on error."""

from __future__ import annotations

import gc

import pytest

from forms.checks import check_draft
from forms.gcpause import gc_paused
from forms.templates import load_example


def test_paused_inside_and_restored_after_also_on_error() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_nested_pauses_restore_the_collector() -> None:
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_loading_and_checking_leave_the_collector_running() -> None:
    draft = load_example()  # loads_draft, paused inside
    assert gc.isenabled()
    check_draft(draft)
    assert gc.isenabled()
