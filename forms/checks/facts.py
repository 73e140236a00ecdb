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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import TypeVar, cast

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


_T = TypeVar("_T")

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


@dataclass(eq=False)
class BlockFacts:
    """One block of a litra with the scanner's tokens, and what is derived from them.

    The checker keeps a block's facts while its content is unchanged (forms.checks.engine),
    so what is derived here is computed once per block text: a keystroke in one
    paragraph derives that paragraph's facts only, and the litra's facts are
    assembled from the blocks' pieces."""

    index: int
    kind: str
    """'paragraph', 'subheading' or 'table'."""
    text: str = ""
    tokens: tuple[Token, ...] = ()
    table: BudgetTable | None = None

    @cached_property
    def amounts(self) -> tuple[Token, ...]:
        """Amount tokens with a value."""
        return tuple(
            t for t in self.tokens if t.kind is TokenKind.AMOUNT and isinstance(t.value, Decimal)
        )

    @cached_property
    def accounts(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.kind is TokenKind.ACCOUNT)

    @cached_property
    def flawed(self) -> tuple[Token, ...]:
        """Tokens the scanner found written wrongly (quoted or not)."""
        return tuple(t for t in self.tokens if t.issues)

    @cached_property
    def quote_marks(self) -> tuple[tuple[int, str], ...]:
        return _quote_marks(self.text) if self.kind != "table" else ()

    @cached_property
    def amount_forms(self) -> dict[Decimal, dict[str, list[tuple[int, int, int]]]]:
        """Well-formed amounts by value (kr.), then by spelling, in the order they stand:
        value -> spelling -> [(block, start, end)] (SectionFacts.amount_forms)."""
        forms: dict[Decimal, dict[str, list[tuple[int, int, int]]]] = {}
        for token in self.amounts:
            value = token.value_kr
            if token.issues or value is None:
                continue
            written = _spelling(token.text)
            forms.setdefault(value, {}).setdefault(written, []).append(
                (self.index, token.start, token.end)
            )
        return forms

    def derived(self, compute: Callable[[BudgetTable], _T]) -> _T:
        """`compute(table)` for a table block, once per block (for the table rules).

        Only for what depends on the table alone: the checker's table is a private
        copy, parsed from the table's content, and never changed."""
        assert self.table is not None
        memo: dict[object, object] = self.__dict__.setdefault("_derived", {})
        if compute not in memo:
            memo[compute] = compute(self.table)
        return cast(_T, memo[compute])


@lru_cache(maxsize=4096)
def _spelling(text: str) -> str:
    return " ".join(text.split())


@lru_cache(maxsize=50_000)
def _match(pattern: re.Pattern[str], text: str) -> tuple[int, int] | None:
    match = pattern.match(text)
    return match.span() if match else None


@lru_cache(maxsize=50_000)
def _first_match(pattern: re.Pattern[str], text: str) -> tuple[int, int] | None:
    match = pattern.search(text)
    return match.span() if match else None


_CHUNK = 64
"""Prose blocks per run whose aggregates are remembered together (SectionFacts)."""

_Forms = dict[Decimal, dict[str, list[tuple[int, int, int]]]]


def _merge_forms(into: _Forms, forms: _Forms) -> None:
    """Append `forms` to `into`, keeping the order of first appearance (lists are new)."""
    for value, spellings in forms.items():
        target = into.setdefault(value, {})
        for written, spans in spellings.items():
            target.setdefault(written, []).extend(spans)


@lru_cache(maxsize=4096)
def _chunk_forms(chunk: tuple[BlockFacts, ...]) -> _Forms:
    """The amount forms of a run of blocks no quotation touches (keyed by the blocks
    themselves: their facts are replaced, not changed, when their text changes)."""
    forms: _Forms = {}
    for block in chunk:
        if block.amount_forms:
            _merge_forms(forms, block.amount_forms)
    return forms


@lru_cache(maxsize=4096)
def _chunk_marks(chunk: tuple[BlockFacts, ...]) -> tuple[tuple[int, int, str], ...]:
    """(block, offset, mark) of every quotation mark in a run of prose blocks."""
    return tuple((b.index, at, char) for b in chunk for at, char in b.quote_marks)


@lru_cache(maxsize=4096)
def _chunk_flawed(chunk: tuple[BlockFacts, ...]) -> tuple[tuple[int, Token], ...]:
    """(block, token) of every token written wrongly in a run of prose blocks."""
    return tuple((b.index, t) for b in chunk for t in b.flawed)


@lru_cache(maxsize=4096)
def _chunk_search(
    pattern: re.Pattern[str], chunk: tuple[BlockFacts, ...], at_start: bool
) -> tuple[int, int, int] | None:
    for block in chunk:
        found = _match(pattern, block.text) if at_start else _first_match(pattern, block.text)
        if found is not None:
            return block.index, found[0], found[1]
    return None


MEMOS = (
    _quote_marks,
    _spelling,
    _match,
    _first_match,
    _chunk_forms,
    _chunk_marks,
    _chunk_flawed,
    _chunk_search,
)
"""What this module remembers across checks (by text, or by the blocks' facts); the
benchmark's cold check clears it."""


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
        return [(b.index, t) for b in self.texts for t in b.amounts]

    @cached_property
    def accounts(self) -> list[tuple[int, Token]]:
        return [(b.index, t) for b in self.texts for t in b.accounts]

    @cached_property
    def malformed(self) -> list[tuple[int, Token]]:
        """Tokens the scanner found written wrongly, with their block; not those
        inside a quotation, whose wording is cited and may not be corrected."""
        found: list[tuple[int, Token]] = []
        for chunk in self._text_chunks:
            flawed = _chunk_flawed(chunk)
            if flawed and self._touches_quotation(chunk[0].index, chunk[-1].index):
                found += [(i, t) for i, t in flawed if not self.is_quoted(i, t)]
            else:
                found += flawed
        return found

    @cached_property
    def _quoted_spans(self) -> list[tuple[tuple[int, int], tuple[int, int]]]:
        """(start, end) of every closed quotation, also one running over several
        paragraphs (a tekstanmærkning quoted in e), each as (block index, offset in
        the block): ordered as the positions in `text`. A quotation never closed in
        the litra covers nothing. Only the marks are visited (_chunk_marks)."""
        spans: list[tuple[tuple[int, int], tuple[int, int]]] = []
        opened: tuple[int, int] | None = None
        closers = ""
        for chunk in self._text_chunks:
            for index, at, char in _chunk_marks(chunk):
                if opened is None:
                    if char in _QUOTES:
                        opened, closers = (index, at), _QUOTES[char]
                elif char in closers:
                    spans.append((opened, (index, at + 1)))
                    opened = None
        return spans

    @cached_property
    def _quote_starts(self) -> list[tuple[int, int]]:
        return [start for start, _ in self._quoted_spans]

    @cached_property
    def _prose_indices(self) -> frozenset[int]:
        return frozenset(b.index for b in self.texts)

    def is_quoted(self, block: int, token: Token) -> bool:
        """Whether a token of a prose block stands inside a quotation."""
        return self._quoted_at(block, token.start)

    def _quoted_at(self, block: int, offset: int) -> bool:
        spans = self._quoted_spans
        if not spans or block not in self._prose_indices:
            return False
        start = (block, offset)
        found = bisect_right(self._quote_starts, start) - 1
        return found >= 0 and spans[found][0] <= start < spans[found][1]

    def _touches_quotation(self, first: int, last: int | None = None) -> bool:
        """Whether a quotation begins, ends or runs through the blocks first..last."""
        spans = self._quoted_spans
        if not spans:
            return False
        found = bisect_right(self._quote_starts, (first if last is None else last, 1 << 62)) - 1
        return found >= 0 and spans[found][1][0] >= first

    @cached_property
    def _text_chunks(self) -> list[tuple[BlockFacts, ...]]:
        """The prose blocks in runs of _CHUNK: a run's aggregates are remembered with
        the run's blocks (facts kept while unchanged), so a keystroke re-assembles
        the run it fell in and merges the others' whole."""
        texts = self.texts
        return [tuple(texts[i : i + _CHUNK]) for i in range(0, len(texts), _CHUNK)]

    @cached_property
    def _paragraph_chunks(self) -> list[tuple[BlockFacts, ...]]:
        paragraphs = self.paragraphs
        return [tuple(paragraphs[i : i + _CHUNK]) for i in range(0, len(paragraphs), _CHUNK)]

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
        thousands of amounts, and a Location is made only for what is reported.
        Assembled from the blocks' own (BlockFacts.amount_forms)."""
        forms: dict[Decimal, dict[str, list[tuple[int, int, int]]]] = {}
        for chunk in self._text_chunks:
            if not self._touches_quotation(chunk[0].index, chunk[-1].index):
                _merge_forms(forms, _chunk_forms(chunk))
                continue
            for block in chunk:
                pieces = block.amount_forms
                if not pieces:
                    continue
                if not self._touches_quotation(block.index):
                    _merge_forms(forms, pieces)
                    continue
                for value, spellings in pieces.items():
                    for written, spans in spellings.items():
                        kept = [s for s in spans if not self._quoted_at(s[0], s[1])]
                        if kept:
                            forms.setdefault(value, {}).setdefault(written, []).extend(kept)
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

    def locate(self, pattern: re.Pattern[str]) -> tuple[int, int, int] | None:
        """(block, start, end) of the first match in the prose, paragraph by paragraph
        (a match never runs over a paragraph break); the search is remembered with
        the paragraphs' texts, so a keystroke searches the paragraph it changed."""
        for chunk in self._text_chunks:
            found = _chunk_search(pattern, chunk, False)
            if found is not None:
                return found
        return None

    def locate_at_start(self, pattern: re.Pattern[str]) -> tuple[int, int, int] | None:
        """(block, start, end) of the first paragraph (not sub-heading) that begins with
        a match of the pattern (`pattern.match`), remembered as `locate` is."""
        for chunk in self._paragraph_chunks:
            found = _chunk_search(pattern, chunk, True)
            if found is not None:
                return found
        return None

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
