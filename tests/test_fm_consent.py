"""Litra f comes from Finansministeriet's sign-off, never from typed text."""

from exporters.text import render_text
from forms.model import Paragraph
from forms.signoff import revoke
from tests.helpers import identity

CONSENT = "f.\tFinansministeriets tilslutning foreligger."
# Written out, not imported from the code: the test must fail if the wording drifts.
AWAITING = "f.\t[Afventer Finansministeriets tilslutning]"


def test_the_signed_example_states_the_consent(example):
    assert CONSENT in render_text(example).splitlines()


def test_without_a_current_fm_signoff_the_draft_shows_it_is_awaited(example):
    index = next(i for i, s in enumerate(example.signoffs) if s.role == "Finansministeriet")
    revoke(example, index, identity("Frida Fuldmægtig"))
    lines = render_text(example).splitlines()
    assert CONSENT not in lines
    assert AWAITING in lines


def test_an_edit_after_fm_signed_makes_f_wait_again(example):
    example.minister = "Ny Minister"
    assert AWAITING in render_text(example).splitlines()


def test_typing_the_sentence_does_not_produce_consent(example):
    example.signoffs, example.audit = [], []
    example.section("f").blocks = [Paragraph(text="Finansministeriets tilslutning foreligger.")]
    assert CONSENT not in render_text(example).splitlines()


def test_exempt_aktstykke_has_no_f(example):
    example.flags.fm_consent_exempt = True
    assert not any(line.startswith("f.") for line in render_text(example).splitlines())


def test_other_text_typed_in_f_is_kept_and_is_content(example):
    example.section("f").blocks.append(Paragraph(text="/ Kontorchef Mette Holm"))
    lines = render_text(example).splitlines()
    # Extra text in f is content: it makes the sign-offs stale, and is shown.
    assert lines[lines.index(AWAITING) + 1] == "/ Kontorchef Mette Holm"
