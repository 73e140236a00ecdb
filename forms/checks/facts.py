"""What the rules read: the draft's context, and facts per litra computed once.

`SectionFacts` holds a litra's blocks with the scanner's tokens, and derives
what several rules need (amounts, accounts, words) lazily. The checker caches
it with the litra's content, so a keystroke in one litra does not rescan the
others, and document rules (TAB-04, E-06, N-07 …) work from these summaries.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache

from forms.checks.registry import finding
from forms.findings import Finding, Location
from forms.lazyre import lazy_compile
from forms.model import Aktstykke, BudgetTable, Category, Flags, Kind
from forms.scanner import Token, TokenKind
from forms.thresholds import ThresholdDataError, ThresholdSet, thresholds_for

_WORD = lazy_compile(r"\w+")
_SPACES = lazy_compile(r"\s+")
# Opening quote -> the marks that close it: »…«, „…“, “…”, ”…” (Danish), "…".
_QUOTES = {"»": "«", "„": "“”", "“": "”", "”": "”", '"': '"'}
# Every opening or closing mark: the quotation scan visits these only, not every character.
_QUOTE_MARKS = lazy_compile(
    "[" + re.escape("".join(sorted(set("".join(_QUOTES) + "".join(_QUOTES.values()))))) + "]"
)


@lru_cache(maxsize=50_000)
def _quote_marks(text: str) -> tuple[tuple[int, str], ...]:
    """Where a paragraph's quotation marks stand: read once per paragraph text, so a
    keystroke rescans only the paragraph it changed."""
    if not _QUOTE_MARKS.search(text):
        return ()
    return tuple((m.start(), m.group()) for m in _QUOTE_MARKS.finditer(text))


_REWORDED = frozenset({"N-03"})
"""Scanner rules whose finding the token's corrected form does not correct."""


@dataclass(frozen=True)
class Context:
    """The facts outside a litra that litra rules depend on (part of the cache key)."""

    ministry: str
    kind: Kind
    category: Category
    finansaar: int | None
    date: dt.date | None
    flags: Flags
    thresholds: ThresholdSet | None
    threshold_error: str | None
    key: tuple[object, ...]

    @classmethod
    def from_draft(cls, draft: Aktstykke) -> Context:
        flags = draft.flags.model_copy()
        finansaar = draft.finansaar or (draft.date.year if draft.date else None)
        try:
            thresholds = thresholds_for(
                bv_version=flags.bv_version, finansaar=finansaar, day=draft.date
            )
            error = None
        except ThresholdDataError as exc:
            thresholds, error = None, exc.message
        key = (
            draft.ministry,
            draft.kind,
            draft.category,
            finansaar,
            draft.date,
            flags.model_dump_json(),
        )
        return cls(
            " ".join(draft.ministry.split()),
            draft.kind,
            draft.category,
            finansaar,
            draft.date,
            flags,
            thresholds,
            error,
            key,
        )


@dataclass
class BlockFacts:
    index: int
    kind: str
    """'paragraph', 'subheading' or 'table'."""
    text: str = ""
    tokens: tuple[Token, ...] = ()
    table: BudgetTable | None = None


@dataclass
class SectionFacts:
    letter: str
    blocks: list[BlockFacts]
    findings: list[Finding] = field(default_factory=list)
    """What the section rules found (set by the checker)."""

    # -- locations ----------------------------------------------------------------------

    def at(
        self, block: int | None = None, start: int | None = None, end: int | None = None
    ) -> Location:
        return Location(area="section", letter=self.letter, block=block, start=start, end=end)

    def at_token(self, block: int, token: Token) -> Location:
        return self.at(block, token.start, token.end)

    def at_cell(self, block: int, row: int | None, column: int | None) -> Location:
        return Location(area="section", letter=self.letter, block=block, row=row, column=column)

    # -- derived facts (computed once per cached section) ---------------------------------

    @cached_property
    def texts(self) -> list[BlockFacts]:
        """Paragraphs and sub-headings, in order."""
        return [b for b in self.blocks if b.kind != "table"]

    @cached_property
    def paragraphs(self) -> list[BlockFacts]:
        return [b for b in self.blocks if b.kind == "paragraph"]

    @cached_property
    def tables(self) -> list[tuple[int, BudgetTable]]:
        return [(b.index, b.table) for b in self.blocks if b.table is not None]

    @cached_property
    def text(self) -> str:
        """All prose of the litra, paragraphs separated by blank lines."""
        return "\n\n".join(b.text for b in self.texts)

    @cached_property
    def folded(self) -> str:
        """The prose with whitespace folded and case removed, for phrase checks."""
        return _SPACES.sub(" ", self.text).strip().casefold()

    @cached_property
    def is_empty(self) -> bool:
        return not any(b.text.strip() for b in self.texts) and not any(
            t.rows for _, t in self.tables
        )

    @cached_property
    def word_count(self) -> int:
        return sum(len(_WORD.findall(b.text)) for b in self.paragraphs)

    def tokens(self, kind: TokenKind | None = None) -> Iterator[tuple[int, Token]]:
        """(block index, token) for every token of the litra's prose."""
        for block in self.texts:
            for token in block.tokens:
                if kind is None or token.kind is kind:
                    yield block.index, token

    @cached_property
    def amounts(self) -> list[tuple[int, Token]]:
        return [(i, t) for i, t in self.tokens(TokenKind.AMOUNT) if isinstance(t.value, Decimal)]

    @cached_property
    def accounts(self) -> list[tuple[int, Token]]:
        return list(self.tokens(TokenKind.ACCOUNT))

    @cached_property
    def malformed(self) -> list[tuple[int, Token]]:
        """Tokens the scanner found written wrongly, with their block; not those
        inside a quotation, whose wording is cited and may not be corrected."""
        return [
            (b.index, t)
            for b in self.texts
            for t in b.tokens
            if t.issues and not self.is_quoted(b.index, t)
        ]

    @cached_property
    def _quoted_spans(self) -> list[tuple[int, int]]:
        """(start, end) in `text` of every closed quotation, also one running over
        several paragraphs (a tekstanmærkning quoted in e). A quotation never
        closed in the litra covers nothing."""
        spans: list[tuple[int, int]] = []
        opened, closers = -1, ""
        for block, offset in zip(self.texts, self._offsets, strict=True):
            for at, char in _quote_marks(block.text):
                position = offset + at
                if opened < 0:
                    if char in _QUOTES:
                        opened, closers = position, _QUOTES[char]
                elif char in closers:
                    spans.append((opened, position + 1))
                    opened = -1
        return spans

    def is_quoted(self, block: int, token: Token) -> bool:
        """Whether a token of a prose block stands inside a quotation."""
        spans = self._quoted_spans
        if not spans:
            return False
        position = self._positions.get(block)
        if position is None:
            return False
        start = self._offsets[position] + token.start
        found = bisect_right(spans, (start, float("inf"))) - 1
        return found >= 0 and spans[found][0] <= start < spans[found][1]

    @cached_property
    def amounts_kr(self) -> set[Decimal]:
        return {t.value_kr for _, t in self.amounts if t.value_kr is not None}

    @cached_property
    def hovedkonti(self) -> dict[str, tuple[int, Token]]:
        """Well-formed references at hovedkonto level or below, by hovedkonto."""
        found: dict[str, tuple[int, Token]] = {}
        for index, token in self.accounts:
            if token.hovedkonto and not token.issues:
                found.setdefault(token.hovedkonto, (index, token))
        return found

    @cached_property
    def amount_forms(self) -> dict[Decimal, dict[str, list[tuple[int, int, int]]]]:
        """Well-formed amounts by value (kr.), then by how they are written (N-07):
        value -> spelling -> [(block, start, end)]. Plain tuples: a large litra has
        thousands of amounts, and a Location is made only for what is reported."""
        forms: dict[Decimal, dict[str, list[tuple[int, int, int]]]] = {}
        spelling: dict[str, str] = {}
        for index, token in self.amounts:
            value = token.value_kr
            if token.issues or value is None or self.is_quoted(index, token):
                continue
            written = spelling.get(token.text)
            if written is None:
                written = spelling[token.text] = " ".join(token.text.split())
            forms.setdefault(value, {}).setdefault(written, []).append(
                (index, token.start, token.end)
            )
        return forms

    def issue_findings(self, rule_id: str) -> Iterator[Finding]:
        """The scanner's issues for one rule as findings, with the corrected form, which
        replaces the token as it stands (but for N-03: a negative amount is reworded,
        not rewritten, and its minus sign is not part of the token)."""
        for index, token in self.malformed:
            for issue in token.issues:
                if issue.rule == rule_id:
                    yield finding(
                        rule_id,
                        self.at_token(index, token),
                        issue.message,
                        token.corrected,
                        issue.severity,
                        replacement=token.corrected if rule_id not in _REWORDED else None,
                    )

    def search(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """The first match of a phrase pattern in the folded prose (memoised)."""
        memo: dict[re.Pattern[str], re.Match[str] | None] = self.__dict__.setdefault(
            "_search_memo", {}
        )
        if pattern not in memo:
            memo[pattern] = pattern.search(self.folded)
        return memo[pattern]

    @cached_property
    def _positions(self) -> dict[int, int]:
        """Block index -> its position among the prose blocks."""
        return {b.index: i for i, b in enumerate(self.texts)}

    @cached_property
    def _offsets(self) -> list[int]:
        """Where each prose block starts in `text`."""
        offsets, position = [], 0
        for block in self.texts:
            offsets.append(position)
            position += len(block.text) + 2
        return offsets

    def locate(self, pattern: re.Pattern[str]) -> tuple[int, int, int] | None:
        """(block, start, end) of the first match in the prose, searched in one pass."""
        match = pattern.search(self.text)
        if match is None:
            return None
        position = bisect_right(self._offsets, match.start()) - 1
        offset = self._offsets[position]
        return self.texts[position].index, match.start() - offset, match.end() - offset

    def find(self, pattern: re.Pattern[str]) -> tuple[int, re.Match[str]] | None:
        """The first paragraph match of a pattern, with its block, for a location."""
        for block in self.texts:
            match = pattern.search(block.text)
            if match:
                return block.index, match
        return None


@dataclass
class DocumentFacts:
    """The whole draft for document rules, with the cached facts per litra."""

    draft: Aktstykke
    ctx: Context
    sections: list[SectionFacts]
    final: bool = False
    """True when checking for a final export (F-03 becomes a warning)."""
    signed_key: tuple[object, ...] = ()
    """Equal for drafts whose signed content is equal: it covers everything the sign-off
    fingerprint reads (forms/signoff.py) and a little more (stated totals)."""

    def section(self, letter: str) -> SectionFacts | None:
        return next((s for s in self.sections if s.letter == letter), None)

    def letters(self) -> list[str]:
        return [s.letter for s in self.sections]


def at_header(field_name: str | None = None) -> Location:
    return Location(area="header", field=field_name)


def at_signature(field_name: str | None = None) -> Location:
    return Location(area="signature", field=field_name)


def at_document(field_name: str | None = None) -> Location:
    return Location(area="document", field=field_name)


def at_letter(letter: str) -> Location:
    """A whole litra (also one that is missing: the editor offers to add it)."""
    return Location(area="section", letter=letter)


def fold(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()
