"""The letter asking Finansudvalget's chair for urgent treatment (B-03, P-03, DOMAIN section 8).

An aktstykke delivered after the deadline for the meeting it must reach needs a
letter to the chair explaining why it cannot wait (Aktstk. 188 2024-25). The
text comes from the draft: the meeting and its deadline, the account litra a
names, and the sentences of b and c that say why the case is urgent; what the
draft does not say is left in [brackets] for the author. Qt-free and Word-free:
exporters/urgentletter.py draws it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from forms.checks import phrases
from forms.dates import format_long_date
from forms.lazyre import lazy_compile
from forms.meetings import describe_moment, plan_for
from forms.model import Aktstykke, Paragraph
from forms.scanner import TokenKind, scan

CHAIR = "Til Finansudvalgets formand"
_SENTENCE = lazy_compile(r"[^.!?]+(?:[.!?]+|$)")


@dataclass(frozen=True)
class UrgencyLetter:
    sender: str
    date_line: str
    addressee: str
    subject: str
    paragraphs: tuple[str, ...]
    closing: str
    minister: str


def _sentences(draft: Aktstykke, letters: str) -> list[str]:
    found = []
    for letter in letters:
        section = draft.section(letter)
        for block in section.blocks if section else ():
            if not isinstance(block, Paragraph):
                continue
            for sentence in _SENTENCE.findall(block.text):
                if phrases.URGENCY.search(sentence.casefold()):
                    found.append(" ".join(sentence.split()))
    return found


def _account(draft: Aktstykke) -> str | None:
    section = draft.section("a")
    for block in section.blocks if section else ():
        if isinstance(block, Paragraph):
            for token in scan(block.text):
                if token.kind is TokenKind.ACCOUNT:
                    rest = block.text[token.end :].split(".")[0].strip()
                    return (
                        f"{token.text.strip()} {rest}".strip().rstrip(".") if rest else token.text
                    )
    return None


def urgency_letter(draft: Aktstykke) -> UrgencyLetter:
    """The letter for `draft`; placeholders in [brackets] where the draft is silent."""
    ministry = " ".join(draft.ministry.split()).rstrip(".") or "[ministeriet]"
    day = draft.date or dt.date.today()
    date_line = f"{draft.place.strip() or 'København'}, den {format_long_date(day)}"
    account = _account(draft)
    subject_of = f"vedrørende {account}" if account else "om [sagen]"
    subject = f"Anmodning om hastebehandling af aktstykke {subject_of}"
    meeting = draft.flags.target_meeting
    if meeting is not None:
        plan = plan_for(meeting)
        when = (
            f"på udvalgets møde den {format_long_date(meeting)}, selv om aktstykket fremsendes "
            f"efter afleveringsfristen ({describe_moment(plan.delivery.at)})"
        )
    else:
        when = "hurtigst muligt, selv om aktstykket fremsendes efter afleveringsfristen"
    opening = (
        f"{ministry} fremsender hermed vedlagte aktstykke {subject_of} og anmoder om, at "
        f"Finansudvalget behandler aktstykket {when}."
    )
    reasons = _sentences(draft, "bc")
    because = (
        "Baggrunden for anmodningen er følgende: " + " ".join(reasons)
        if reasons
        else "Baggrunden for anmodningen er, at [hvorfor sagen ikke kan afvente den normale "
        "behandling]."
    )
    paragraphs = (
        opening,
        because,
        "Finansministeriet er orienteret om anmodningen.",
    )
    return UrgencyLetter(
        sender=ministry,
        date_line=date_line,
        addressee=CHAIR,
        subject=subject,
        paragraphs=paragraphs,
        closing="Med venlig hilsen",
        minister=" ".join(draft.minister.split()) or "[ministerens navn]",
    )
