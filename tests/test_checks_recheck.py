"""The re-check after an edit of the large draft (issue 16): the incremental
checker keeps each block's facts while the block is unchanged and assembles its
litra's facts from them, so what it finds after any sequence of edits must be
exactly what a fresh checker finds in the draft as it then stands."""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from decimal import Decimal
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.largedraft import large_draft
from forms.checks import INTERNAL, Checker, check_draft, phrases
from forms.checks.facts import _QUOTES, SectionFacts
from forms.model import Aktstykke, BudgetTable, Category, Kind, Paragraph, SubHeading
from tests.test_checks_properties import PIECES

# Besides the rules' pieces: quotation marks (a quotation may run over several
# paragraphs, and amounts and flaws inside one are not reported), amounts spelled
# alike and not (N-07 compares them over the litra), the consent sentence split
# over a line break (S-03), and text that may well end up inside a quotation.
QUOTED = [
    "»",
    "«",
    "„",
    "“",
    "”",
    '"',
    "»12,5 mio. kr.«",
    "12,5 mio. kr.",
    "12,5  mio.  kr.",
    "12,5 mio.kr.",
    "12,50 mio. kr.",
    "12.500.000 kr.",
    "1,5 mio. kr.",
    "Finansministeriets\ntilslutning foreligger",
    "finansministeriets  tilslutning  foreligger.",
]


@cache
def _large() -> str:
    """The large draft as JSON: built (and signed off) once, read afresh per example."""
    return large_draft().model_dump_json()


def _blocks(draft: Aktstykke, letter: str) -> list:
    section = draft.section(letter)
    assert section is not None
    return section.blocks


def _tables(draft: Aktstykke) -> list[BudgetTable]:
    return [b for b in _blocks(draft, "b") if isinstance(b, BudgetTable)]


KINDS = [
    "type",
    "type",
    "type",
    "replace",
    "insert",
    "delete",
    "subheading",
    "cell",
    "table text",
    "other litra",
    "context",
]


def _edit(rng: random.Random) -> tuple[str, int, str, Decimal]:
    """One edit as (kind, where, text, amount), drawn from a seeded generator so that
    every example is a rich one (the test shows the edit that went wrong)."""
    pieces = rng.choices(PIECES + QUOTED * 2, k=rng.randint(1, 8))
    amount = Decimal(rng.randint(-10_000, 10_000)).scaleb(-1)
    return rng.choice(KINDS), rng.randrange(10**6), " ".join(pieces), amount


def _apply(draft: Aktstykke, edit: tuple[str, int, str, Decimal]) -> None:
    kind, where, text, amount = edit
    blocks = _blocks(draft, "b")
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    if kind == "type" and paragraphs:  # a keystroke's worth at the end of a paragraph
        paragraph = paragraphs[where % len(paragraphs)]
        paragraph.text = f"{paragraph.text} {text}"
    elif kind == "replace" and paragraphs:
        paragraphs[where % len(paragraphs)].text = text
    elif kind == "insert":  # every later block moves one place
        blocks.insert(where % (len(blocks) + 1), Paragraph(text=text))
    elif kind == "delete" and blocks:
        del blocks[where % len(blocks)]
    elif kind == "subheading":
        blocks.insert(where % (len(blocks) + 1), SubHeading(text=text))
    elif kind == "cell" and _tables(draft):  # in place, as the table editor does
        table = _tables(draft)[where % len(_tables(draft))]
        row = table.rows[where % len(table.rows)]
        values = list(row.values)
        values[where % len(values)] = amount
        row.values = values
        if where % 3 == 0:
            row.stated_total = amount
        if where % 5 == 1:  # kept as typed, unread (IN-01)
            row.raw_values = {where % len(values): text}
    elif kind == "table text" and _tables(draft):
        table = _tables(draft)[where % len(_tables(draft))]
        if where % 2:
            table.note = text
        else:
            table.columns[where % len(table.columns)] = text
    elif kind == "other litra":  # a and e feed document rules (TAB-04, E-06, N-07)
        letter = "ae"[where % 2]
        others = [b for b in _blocks(draft, letter) if isinstance(b, Paragraph)]
        others[where % len(others)].text += f" {text}"
    elif kind == "context":
        draft.kind = list(Kind)[where % len(Kind)]
        draft.category = list(Category)[where % len(Category)]


def _reference(facts: SectionFacts) -> tuple[object, object, object]:
    """The litra's amount forms (N-07), flawed tokens and S-03 search computed the way
    the checker did before it assembled them from blocks: over the litra's whole text,
    with quotation spans as offsets into it."""
    texts = facts.texts
    offsets, position = [], 0
    for block in texts:
        offsets.append(position)
        position += len(block.text) + 2
    spans: list[tuple[int, int]] = []
    opened, closers = -1, ""
    for block, offset in zip(texts, offsets, strict=True):
        for at, char in enumerate(block.text):
            if opened < 0:
                if char in _QUOTES:
                    opened, closers = offset + at, _QUOTES[char]
            elif char in closers:
                spans.append((opened, offset + at + 1))
                opened = -1
    where = {b.index: offsets[i] for i, b in enumerate(texts)}

    def quoted(block: int, start: int) -> bool:
        at = where[block] + start
        found = bisect_right(spans, (at, float("inf"))) - 1
        return found >= 0 and spans[found][0] <= at < spans[found][1]

    forms: dict[Decimal, dict[str, list[tuple[int, int, int]]]] = {}
    flawed = []
    for block in texts:
        for token in block.tokens:
            if token.issues and not quoted(block.index, token.start):
                flawed.append((block.index, token))
            value = token.value_kr if isinstance(token.value, Decimal) else None
            if token.kind.name != "AMOUNT" or token.issues or value is None:
                continue
            if quoted(block.index, token.start):
                continue
            written = " ".join(token.text.split())
            forms.setdefault(value, {}).setdefault(written, []).append(
                (block.index, token.start, token.end)
            )
    consent = None
    for block in texts:  # paragraph by paragraph (SectionFacts.locate)
        match = re.search(r"finansministeriets\s+tilslutning\s+foreligger\.?", block.text, re.I)
        if match:
            consent = (block.index, *match.span())
            break
    return forms, flawed, consent


def _section_b(checker: Checker) -> SectionFacts:
    """The checker's facts of litra b as last checked (the most recently used)."""
    return [f for f in checker._sections.values() if f.letter == "b"][-1]


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.integers(min_value=0, max_value=2**32))
def test_the_recheck_after_edits_of_the_large_draft_equals_a_fresh_check(seed):
    rng = random.Random(seed)
    draft = Aktstykke.model_validate_json(_large())
    checker = Checker()
    assert checker.check(draft) == check_draft(draft)
    for _ in range(12):
        edit = _edit(rng)
        _apply(draft, edit)
        again = checker.check(draft)
        assert again == check_draft(draft), edit
        assert not [f for f in again if f.rule == INTERNAL], edit
        facts = _section_b(checker)
        forms, flawed, consent = _reference(facts)
        assert facts.amount_forms == forms, edit
        assert list(facts.amount_forms) == list(forms), edit  # first spelling first (N-07)
        assert facts.malformed == flawed, edit
        assert facts.locate(phrases.FM_CONSENT_RAW) == consent, edit


def test_quotations_over_paragraphs_hide_their_amounts_and_flaws_from_the_recheck():
    """A quotation opened in one paragraph and closed several later covers the
    amounts between; editing a paragraph inside it keeps them covered."""
    draft = Aktstykke.model_validate_json(_large())
    checker = Checker()
    blocks = _blocks(draft, "b")
    paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
    first, inside, last = paragraphs[100], paragraphs[101], paragraphs[103]
    checker.check(draft)
    inside.text += " Heraf 12,5 mio.kr., 100.0 mio. kr. og 12.500.000 kr."
    found = {f.rule for f in checker.check(draft) if f.location.block == blocks.index(inside)}
    assert found == {"N-01", "N-02", "N-07"}
    first.text += " »Citat begynder"
    last.text = "og slutter« her. " + last.text
    again = checker.check(draft)
    assert again == check_draft(draft)
    assert not [f for f in again if f.location.block == blocks.index(inside)]
    inside.text += " Endnu 12,5 mio.kr. og 12.500.000 kr."  # typed inside the quotation
    assert not [f for f in checker.check(draft) if f.location.block == blocks.index(inside)]
    last.text = last.text.replace("«", "")  # never closed: covers nothing
    unquoted = checker.check(draft)
    assert {f.rule for f in unquoted if f.location.block == blocks.index(inside)} == {
        "N-01",
        "N-02",
        "N-07",
    }


def test_the_recheck_reuses_the_facts_of_unchanged_blocks():
    """Work proportional to the edit: only the edited paragraph's facts are new."""
    draft = Aktstykke.model_validate_json(_large())
    checker = Checker()
    checker.check(draft)
    before = {id(f) for f in checker._blocks.values()}
    paragraph = [b for b in _blocks(draft, "b") if isinstance(b, Paragraph)][500]
    paragraph.text += " Tilføjet med 1,5 mio. kr."
    checker.check(draft)
    new = [f for f in checker._blocks.values() if id(f) not in before]
    assert [f.text for f in new] == [paragraph.text]
