"""The importer never raises anything but SourceError, whatever text it is given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms.importing import SourceError, import_text
from tests.helpers import SEED

EXAMPLES = 400
"""Examples per test; three tests, 1,200 texts in all (about 5 s)."""

SEED_LINES = SEED.read_text("utf-8").splitlines()

# Pieces that steer the importer into its branches: litra, headers, dates,
# FiU's additions, table lines, signature, hyphens and blank lines.
FRAGMENTS = st.sampled_from(
    [
        "a. ",
        "b. ",
        "c. ",
        "e. ",
        "f. ",
        "d.",
        "Udenrigsministeriet. København, den 12. november 2024.",
        "København, den 31. februar 2024",
        "den 10. juni ",
        "Aktstykke nr. 7",
        "Folketinget 2013-14 (2. samling)",
        "Afgjort den 19. juni 2014",
        "Tiltrådt af Finansudvalget den 19. juni 2014.",
        "Til Finansudvalget.",
        "Projektsøjler Mio. kr.",
        "Mio. kr. 2025 2026 I alt",
        "IOM 50,0",
        "I alt 100,0 1.250,5 -",
        "§ 06.32.10.13 Aktivitet 1 1,0 2,0",
        "Develop-",
        "Udlændinge- ",
        "og",
        "Baggrund",
        "UDKAST",
        "FORTROLIGT",
        "• punkt",
        " / ",
        "\n",
        "\n\n",
        "\t",
        " ",
        "\f",
        "\u00ad",
        "999999999999999999999999,9 mio. kr.",
    ]
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_raises_only_source_error(text):
    try:
        result = import_text(text)
    except SourceError as exc:
        assert exc.message
    else:
        assert result.draft.sections


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=20)), max_size=40).map("".join))
def test_aktstykke_like_fragments_raise_only_source_error(text):
    try:
        import_text(text)
    except SourceError as exc:
        assert exc.message


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_seed_raises_only_source_error(data):
    lines = list(SEED_LINES)
    for _ in range(data.draw(st.integers(0, 6))):
        index = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "garble", "join"]))
        if action == "drop":
            del lines[index]
        elif action == "dup":
            lines.insert(index, lines[index])
        elif action == "garble":
            lines[index] = data.draw(st.text(max_size=60))
        elif index + 1 < len(lines):
            lines[index : index + 2] = [lines[index] + lines[index + 1]]
        if not lines:
            break
    try:
        import_text("\n".join(lines))
    except SourceError as exc:
        assert exc.message
