"""The checker: runs every registered rule over a draft, incrementally.

The editor re-checks on every pause in typing, so work is cached at three
levels: the scanner's tokens per paragraph text, each block's facts (and what
they derive) by its place and content, and each litra's facts and
section-rule findings keyed by the litra's content and the context. A
keystroke in one paragraph rescans that paragraph only, re-runs the section
rules of its litra on facts assembled from the blocks' cached pieces, and the
(cheap) document rules.

The checker fails closed: a rule, the scanner or the checker itself that
crashes, a rule module that cannot be imported and threshold data that cannot
be read are each an INTERN *error* (the traceback goes to the log), so a check
that did not run can never pass as "0 fejl" and the final export is refused.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from forms.checks.facts import BlockFacts, Context, DocumentFacts, SectionFacts, at_document
from forms.checks.registry import INTERNAL, LOAD_ERRORS, RULES, Rule, generation
from forms.findings import Finding, Location, Severity
from forms.gcpause import gc_paused
from forms.limits import shown
from forms.model import LETTERS, Aktstykke, Block, BudgetTable, Paragraph, Section
from forms.scanner import Token, scan

log = logging.getLogger(__name__)

_AREA_ORDER = {"header": 0, "section": 1, "signature": 2, "document": 3}
_LETTER_ORDER = {letter: index for index, letter in enumerate(LETTERS)}


class Checker:
    """An object the editor keeps: `.check(draft)` re-checks what changed."""

    def __init__(self, section_cache: int = 32, scan_cache: int = 50_000):
        self._scans: dict[str, tuple[Token, ...]] = {}
        self._scan_limit = scan_cache
        self._sections: OrderedDict[tuple[object, ...], SectionFacts] = OrderedDict()
        self._section_limit = section_cache
        self._tables: dict[str, BudgetTable] = {}
        self._blocks: dict[tuple[int, object], BlockFacts] = {}
        """A block's facts by its place and content: kept while the block is unchanged,
        so what BlockFacts derives is derived once per block."""

    def scan(self, text: str) -> tuple[Token, ...]:
        """The scanner's tokens for a paragraph text, cached (for underlining too)."""
        tokens = self._scans.get(text)
        if tokens is None:
            tokens = tuple(scan(text))
            if len(self._scans) >= self._scan_limit:
                self._scans.clear()
            self._scans[text] = tokens
        return tokens

    def check(self, draft: Aktstykke, *, final: bool = False) -> list[Finding]:
        """All findings, ordered header, a-f, signature, document."""
        try:
            with gc_paused():  # grows with the draft (forms.gcpause)
                return self._check(draft, final)
        except Exception as exc:  # fail closed: a check that did not run is an error
            log.exception("the checker failed")
            self._sections.clear()
            return [
                _internal(
                    at_document(),
                    f"Kontrollen kunne ikke gennemføres på grund af en programfejl "
                    f"({_describe(exc)}).",
                )
            ]

    def _check(self, draft: Aktstykke, final: bool) -> list[Finding]:
        ctx = Context.from_draft(draft)
        rules = list(RULES.values())
        section_rules = [r for r in rules if r.scope == "section"]
        keys = [self._key(s, ctx) for s in draft.sections]
        sections = [
            self._section(k, s, ctx, section_rules)
            for k, s in zip(keys, draft.sections, strict=True)
        ]
        signed = (
            draft.ministry,
            draft.place,
            draft.date,
            draft.effective_signature_date,
            draft.minister,
            draft.flags.fm_consent_exempt,
            tuple((key[0], key[3]) for key in keys),  # f too: its extra text is signed
        )
        doc = DocumentFacts(draft, ctx, sections, final, signed)
        findings = [f for facts in sections for f in facts.findings]
        if ctx.threshold_error:
            findings.append(_internal_data(ctx.threshold_error))
        for module, error in LOAD_ERRORS.items():
            findings.append(_internal_module(module, error))
        for rule in rules:
            if rule.scope == "document":
                findings.extend(_run(rule, doc))
        return sorted(findings, key=_order)

    @staticmethod
    def _key(section: Section, ctx: Context) -> tuple[object, ...]:
        return (section.letter, ctx.key, generation(), tuple(_block_key(b) for b in section.blocks))

    def _section(
        self, key: tuple[object, ...], section: Section, ctx: Context, rules: list[Rule]
    ) -> SectionFacts:
        facts = self._sections.get(key)
        if facts is not None:
            self._sections.move_to_end(key)
            return facts
        block_keys = key[3]
        assert isinstance(block_keys, tuple)
        blocks, crashes = [], []
        for index, block in enumerate(section.blocks):
            try:
                blocks.append(self._block(index, block, block_keys[index]))
            except Exception as exc:  # the scanner: the rules still see the block, unread
                log.exception("reading block %d of litra %s failed", index, section.letter)
                blocks.append(_unread(index, block))
                crashes.append(
                    _internal(
                        Location(area="section", letter=section.letter, block=index),
                        f"Teksten i blok {index + 1} kunne ikke læses af kontrollen på grund af "
                        f"en programfejl ({_describe(exc)}); beløb og henvisninger i den er "
                        "ikke kontrolleret.",
                    )
                )
        facts = SectionFacts(section.letter, blocks, crashes)
        for rule in rules:
            if rule.applies_to(section.letter):
                facts.findings.extend(_run(rule, facts, ctx))
        self._sections[key] = facts
        if len(self._sections) > self._section_limit:
            self._sections.popitem(last=False)
        return facts

    def _block(self, index: int, block: Block, key: object) -> BlockFacts:
        facts = self._blocks.get((index, key))
        if facts is None:
            facts = self._read(index, block, key)
            if len(self._blocks) >= self._scan_limit:
                self._blocks.clear()
            self._blocks[(index, key)] = facts
        return facts

    def _read(self, index: int, block: Block, key: object) -> BlockFacts:
        if isinstance(block, BudgetTable):
            # A copy made from the table's JSON key: the cached facts must not change when
            # the editor edits the table in place, and an unchanged table is parsed once.
            assert isinstance(key, tuple)  # ("table", its JSON): _block_key
            json_text = key[1]
            table = self._tables.get(json_text)
            if table is None:
                table = BudgetTable.model_validate_json(json_text)
                if len(self._tables) >= self._scan_limit:
                    self._tables.clear()
                self._tables[json_text] = table
            return BlockFacts(index, "table", table=table)
        kind = "paragraph" if isinstance(block, Paragraph) else "subheading"
        return BlockFacts(index, kind, block.text, self.scan(block.text))


def check_draft(draft: Aktstykke, *, final: bool = False) -> list[Finding]:
    """All findings of a draft, ordered header, a-f, signature, document.

    `final=True` checks for a final export, where asserting Finansministeriet's
    consent without its sign-off (F-03) is a warning rather than a reminder.
    """
    return Checker().check(draft, final=final)


def _block_key(block: Block) -> object:
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, BudgetTable):
        return ("table", block.model_dump_json())
    return ("subheading", block.text)


def _unread(index: int, block: Block) -> BlockFacts:
    if isinstance(block, BudgetTable):
        return BlockFacts(index, "table", table=block)
    kind = "paragraph" if isinstance(block, Paragraph) else "subheading"
    return BlockFacts(index, kind, block.text)


def _run(rule: Rule, *args: Any) -> Iterable[Finding]:
    """A rule's findings; a rule that crashes is an INTERN error, never propagated."""
    try:
        findings = list(rule.func(*args))
        wrong = [f for f in findings if not isinstance(f, Finding)]
        if wrong:
            raise TypeError(f"the rule returned {type(wrong[0]).__name__}, not a Finding")
        return findings
    except Exception as exc:  # a broken rule must not stop the others
        log.exception("rule %s failed", rule.id)
        letter = getattr(args[0], "letter", None)
        location = Location(area="section", letter=letter) if letter else at_document()
        return [
            _internal(
                location,
                f"Kontrollen {rule.id} ({rule.title}) kunne ikke gennemføres på grund af en "
                f"programfejl ({_describe(exc)}). De øvrige kontroller er gennemført.",
            )
        ]


def _internal_data(message: str) -> Finding:
    return _internal(
        at_document("bv_version"),
        f"{message} Kontroller, der bruger tærskler, er sprunget over.",
    )


def _internal_module(module: str, error: str) -> Finding:
    return _internal(
        at_document(),
        f"Kontrollerne i »{module}« kunne ikke indlæses ({error}); de øvrige kontroller er "
        "gennemført.",
    )


def _internal(location: Location, message: str) -> Finding:
    """A check that did not run: an error, so the draft cannot pass the final export
    with something unchecked."""
    return Finding(
        rule=INTERNAL,
        severity=Severity.ERROR,
        location=location,
        message=f"{message} Aktstykket kan ikke eksporteres endeligt, før kontrollen kan "
        "gennemføres; detaljerne står i programmets logfil. Meld gerne fejlen.",
    )


def _describe(exc: Exception) -> str:
    text = shown(str(exc), 200)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _order(finding: Finding) -> tuple[int, ...]:
    location = finding.location
    position = location.start if location.start is not None else location.row
    return (
        _AREA_ORDER.get(location.area, 9),
        _LETTER_ORDER.get(location.letter or "", -1),
        -1 if location.block is None else location.block,
        -1 if position is None else position,
        -1 if location.column is None else location.column,
    )


def summary_line(findings: Iterable[Finding]) -> str:
    """'2 fejl, 1 advarsel, 0 bemærkninger'."""
    counts = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    for finding in findings:
        counts[finding.severity] += 1
    errors, warnings, infos = counts.values()
    return (
        f"{errors} fejl, {warnings} {'advarsel' if warnings == 1 else 'advarsler'}, "
        f"{infos} {'bemærkning' if infos == 1 else 'bemærkninger'}"
    )
