"""Starting points for a draft: a new empty one, and the bundled example."""

from __future__ import annotations

import datetime as dt
from importlib import resources

from forms.draftfile import loads_draft
from forms.model import Aktstykke, Kind, Paragraph, Section
from forms.signoff import FM_CONSENT_TEXT

EXAMPLE = "capacity-2024.aktstykke"


def new_draft(today: dt.date | None = None) -> Aktstykke:
    """An empty søgende draft dated today, with the points a søgende aktstykke
    needs (a, b, c, e) and f, whose sentence appears once Finansministeriet
    has signed off."""
    today = today or dt.date.today()
    return Aktstykke(
        date=today,
        finansaar=today.year,
        kind=Kind.SOEGENDE,
        sections=[
            *(Section(letter=letter, blocks=[Paragraph()]) for letter in "abce"),
            Section(letter="f", blocks=[Paragraph(text=FM_CONSENT_TEXT)]),
        ],
    )


def example_text(name: str = EXAMPLE) -> str:
    return resources.files("resources").joinpath("examples", name).read_text("utf-8")


def load_example(name: str = EXAMPLE) -> Aktstykke:
    """The bundled example draft (the seed aktstykke, word for word)."""
    draft, _ = loads_draft(example_text(name), name)
    return draft
