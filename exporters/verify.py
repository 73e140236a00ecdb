"""Is this Word file the signed-off version? (`aktstykke verify`)

The exported .docx carries its draft. Verification recomputes the content
fingerprint of that draft, finds the sign-offs that approved exactly that
content, renders the draft to text and compares it with the text Word shows.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path

import docx

from exporters.text import render_text
from exporters.wordtext import read_docx_text
from forms.draftfile import DraftFileError, loads_draft
from forms.embedded import read_embedded_draft
from forms.signoff import SignOffState, fingerprint, short_fingerprint, state


class Outcome(IntEnum):
    """Each outcome is also the command's exit status."""

    MATCHES = 0
    CHANGED = 1
    NO_DRAFT = 3
    NO_SIGNOFF = 4


@dataclass
class Verification:
    outcome: Outcome
    message: str
    fingerprint: str = ""
    signers: list[str] = field(default_factory=list)
    diff: list[str] = field(default_factory=list)


def verify_docx(path: Path | str) -> Verification:
    """Raises DraftFileError only when the file is not a readable Word file."""
    path = Path(path)
    payload = read_embedded_draft(path)
    if payload is None:
        return Verification(
            Outcome.NO_DRAFT,
            f"»{path.name}« indeholder ingen kladde fra Aktstykke, så det kan ikke afgøres, "
            "om teksten er den godkendte.",
        )
    try:
        draft, _ = loads_draft(payload, path)
    except DraftFileError as exc:
        return Verification(
            Outcome.NO_DRAFT,
            f"Kladden i »{path.name}« kan ikke læses, så filen kan ikke kontrolleres: {exc.message}",
        )
    fp = fingerprint(draft)
    approvals = [s for s in draft.signoffs if state(s, fp) is SignOffState.CURRENT]
    if not draft.signoffs:
        return Verification(
            Outcome.NO_SIGNOFF,
            f"»{path.name}« er ikke godkendt af nogen: kladden i filen har ingen godkendelser.",
            fp,
        )
    if not approvals:
        return Verification(
            Outcome.CHANGED,
            f"Kladden i »{path.name}« er ændret, efter at den blev godkendt: ingen godkendelse "
            f"gælder indholdet med fingeraftryk {short_fingerprint(fp)}.",
            fp,
        )
    stamped = _final_fingerprint(path)
    if stamped and stamped != fp:
        return Verification(
            Outcome.CHANGED,
            f"Kladden i »{path.name}« er ændret efter den endelige eksport: filen blev "
            f"eksporteret med fingeraftryk {short_fingerprint(stamped)}, men indeholder nu "
            f"{short_fingerprint(fp)}.",
            fp,
        )
    signers = [f"{s.role} ({s.name})" for s in approvals]
    expected = render_text(draft, final=True).splitlines()
    actual = read_docx_text(path).splitlines()
    if _words(expected) != _words(actual):
        return Verification(
            Outcome.CHANGED,
            f"Teksten i »{path.name}« er ændret efter godkendelsen "
            f"(fingeraftryk {short_fingerprint(fp)}):",
            fp,
            signers,
            word_diff(expected, actual),
        )
    kind = (
        "" if stamped else " Bemærk: filen er en udkast-eksport (UDKAST), ikke den endelige udgave."
    )
    return Verification(
        Outcome.MATCHES,
        f"»{path.name}« er den godkendte version (fingeraftryk {short_fingerprint(fp)}), "
        f"godkendt af {', '.join(signers)}.{kind}",
        fp,
        signers,
    )


def _final_fingerprint(path: Path) -> str:
    """The fingerprint a final export stamped into Word's 'identifier' property."""
    try:
        return (docx.Document(str(path)).core_properties.identifier or "").strip()
    except Exception:  # an unreadable package part: treat as not stamped
        return ""


def _words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def word_diff(expected: list[str], actual: list[str], context: int = 4) -> list[str]:
    """What changed, word by word, with a few words of context either side."""
    old, new = _words(expected), _words(actual)
    out = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = " ".join(old[max(0, i1 - context) : i1])
        after = " ".join(old[i2 : i2 + context])
        removed = " ".join(old[i1:i2])
        added = " ".join(new[j1:j2])
        change = []
        if removed:
            change.append(f"[-{removed}-]")
        if added:
            change.append(f"{{+{added}+}}")
        out.append(f"… {before} {' '.join(change)} {after} …".replace("  ", " "))
    return out
