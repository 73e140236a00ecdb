"""Hypothesis fuzzing of the draft loader: anything on disk either loads or
gives DraftFileError; it never raises anything else and never changes the file."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.draftfile import DraftFileError, load_draft
from forms.templates import example_text

EXAMPLE = example_text().encode("utf-8")
EXAMPLES = 400  # per property; three properties: 1,200 files in all


def _load(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.aktstykke"
        path.write_bytes(data)
        before = hashlib.sha256(data).hexdigest()
        try:
            load_draft(path)
        except DraftFileError as exc:
            assert exc.message and "fuzz.aktstykke" in exc.message
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    _load(data)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(0, len(EXAMPLE) - 1), st.integers(0, 255)), min_size=1, max_size=8
    ),
    st.integers(0, len(EXAMPLE)),
)
def test_damaged_example(flips, cut):
    data = bytearray(EXAMPLE[: max(cut, 1)])
    for position, value in flips:
        if position < len(data):
            data[position] = value
    _load(bytes(data))


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["ministry", "date", "sections", "flags", "signoffs", "metadata"]), _json)
def test_example_with_a_field_replaced_by_arbitrary_json(field, value):
    raw = json.loads(EXAMPLE)
    raw[field] = value
    _load(json.dumps(raw).encode("utf-8"))
