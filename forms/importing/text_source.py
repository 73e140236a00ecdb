"""Plain text (as extracted from a PDF, like the seed) read into paragraphs and grids.

A PDF extraction has one line per printed line. Paragraphs are rebuilt from
the signals such text carries: blank lines, a line indented by a space, a
sentence end on a line that stops short of the right margin. Litra, the
header and signature lines, sub-headings and tables written as text lines
are recognised line by line. A web transcript that runs everything together
on one line is first cut at the litra (DOMAIN section 7).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.importing import patterns as p
from forms.importing.pieces import Grid, Para, SourcePieces
from forms.lazyre import lazy_compile
from forms.textnorm import dehyphenate, fold_whitespace

MAX_HEADING_WORDS = 8
MAX_HEADING_CHARS = 70
MAX_TABLE_LINE = 160
_BULLET = lazy_compile(r"^\s*[–•·*▪◦-]\s+")
_YEAR = lazy_compile(r"^(?:19|20)\d{2}(?:-(?:pl|\d{2,4}))?$", re.IGNORECASE)
_ROW = lazy_compile(rf"^(?P<label>.*?\S)?\s*(?P<values>(?:(?<!\S){p.VALUE_TOKEN}\s*)+)$")
_TOKEN = lazy_compile(p.VALUE_TOKEN)
_CAPTION = lazy_compile(r"^\s*(?:Tabel|Oversigt)\s*\d*\b", re.IGNORECASE)
_NOTE = lazy_compile(r"^\s*(?:Anm\.|Anmærkning|Note|Kilde)\b", re.IGNORECASE)
# A line ending in one of these words continues on the next line.
_CONTINUING = frozenset(
    [
        "af",
        "at",
        "de",
        "den",
        "der",
        "det",
        "og",
        "eller",
        "for",
        "fra",
        "i",
        "med",
        "mod",
        "om",
        "på",
        "som",
        "til",
        "ved",
        "samt",
        "under",
        "efter",
        "over",
        "en",
        "et",
        "hvor",
        "hvis",
        "men",
        "ikke",
        "har",
        "er",
        "var",
        "vil",
        "kan",
        "skal",
    ]
)
# "Capacity-⏎programmet": a line-end hyphen in a compound that is hyphenated
# anyway (it appears unbroken elsewhere, or follows an acronym or a number).
_COMPOUND_BREAK = lazy_compile(r"(\w+)-\n(?:[ \t]*\n)*[ \t]*([a-zæøå]\w*)")
_OPENING_QUOTES = '»„“”"'
_CONTROL = lazy_compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def read_text(text: str) -> SourcePieces:
    """Read an aktstykke written as text into paragraphs and grids."""
    text = normalise_text(text)
    lines = text.split("\n")
    guessed: list[str] = []
    starts = litra_starts(lines)
    if len(starts) < 2:
        cut = cut_run_together(text)
        if cut is not None and cut.letters > len(starts):
            lines = cut.lines
            starts = litra_starts(lines)
            guessed.append(
                "Teksten stod i ét stykke uden linjeskift; punkterne er fundet inde i "
                "teksten, og hvert punkt er læst som ét afsnit (underoverskrifter og "
                "tabeller kunne ikke genskabes)."
            )
    return SourcePieces(_Assembler(lines, starts).run(), guessed=guessed)


def normalise_text(text: str) -> str:
    """Line ends, page breaks and stray control characters made plain; hyphenation at
    line ends undone (never a real hyphen, see forms.textnorm)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\f", "\n").replace("\t", "  ").replace("\u00ad\n", "-\n")
    text = _CONTROL.sub(" ", text)
    return dehyphenate(_keep_compound_hyphens(text))


_HYPHENATED = lazy_compile(r"\w+-\w+")


def _keep_compound_hyphens(text: str) -> str:
    hyphenated = set(_HYPHENATED.findall(text))

    def join(match: re.Match[str]) -> str:
        before, after = match.group(1), match.group(2)
        if after in ("og", "eller", "samt", "til"):
            # "Udlændinge- og Integrationsministeriet": a suspended compound.
            return f"{before}- {after}"
        compound = f"{before}-{after}"
        acronym = before.isdigit() or (len(before) >= 2 and before.isupper())
        if acronym or compound in hyphenated:
            return compound
        return match.group(0)

    return _COMPOUND_BREAK.sub(join, text)


def litra_starts(lines: list[str]) -> dict[int, str]:
    """Line index -> letter for lines that open a litra: the letter must come
    after the previous one, and the line must start a paragraph."""
    found: dict[int, str] = {}
    previous = ""
    last_text = ""
    for index, line in enumerate(lines):
        if not line.strip():
            last_text = ""
            continue
        match = p.LITRA_AT_START.match(line)
        if (
            match
            and match.group(1) > previous
            and (
                not last_text
                or p.sentence_end(last_text)
                or _is_anchor(last_text.strip())
                or _ROW.match(last_text.strip())  # a table ends the previous litra
            )
        ):
            found[index] = match.group(1)
            previous = match.group(1)
        last_text = line
    return found


@dataclass
class RunTogether:
    lines: list[str]
    letters: int


def cut_run_together(text: str) -> RunTogether | None:
    """Cut text whose litra run together on a line into lines: the published
    additions, the header, one line per litra, the signature and addressee."""
    accepted: list[re.Match[str]] = []
    for match in p.LITRA_ANYWHERE.finditer(text):
        if not accepted or match.group(1) > accepted[-1].group(1):
            accepted.append(match)
    if len(accepted) < 2:
        return None
    lines: list[str] = []
    lines += _cut_at_anchors(text[: accepted[0].start()])
    for here, following in zip(accepted, [*accepted[1:], None], strict=True):
        end = following.start() if following else len(text)
        part = fold_whitespace(text[here.start() : end])
        if following is None:
            lines += _cut_signature(part)
        else:
            lines += ["", part]
    return RunTogether(lines, len(accepted))


def _cut_at_anchors(head: str) -> list[str]:
    lines: list[str] = []
    position = 0
    for match in p.RUN_TOGETHER_ANCHORS.finditer(head):
        before = fold_whitespace(head[position : match.start()])
        if before:
            lines += ["", before]
        lines += ["", fold_whitespace(match.group(0))]
        position = match.end()
    rest = fold_whitespace(head[position:])
    if rest:
        lines += ["", rest]
    return lines


_SIGNATURE_DATE = lazy_compile(
    rf"(?<![\w-])[A-ZÆØÅ][\wæøå-]*,?\s+den\s+\d{{1,2}}\.\s*(?:{p._MONTH})(?:\s+\d{{4}})?\.?"
)
_ADDRESSEE_INLINE = lazy_compile(r"Til\s+Finansudvalget\s*\.?", re.IGNORECASE)


def _cut_signature(last: str) -> list[str]:
    """The last litra of a run-together text carries the signature and addressee."""
    addressees = list(_ADDRESSEE_INLINE.finditer(last))
    if not addressees:
        return ["", last]
    addressee = addressees[-1]
    body = last[: addressee.start()]
    dates = list(_SIGNATURE_DATE.finditer(body))
    lines: list[str] = []
    if dates:
        date = dates[-1]
        lines += ["", body[: date.start()].strip(), "", date.group(0).strip()]
        minister = body[date.end() :].strip()
        if minister:
            lines += ["", minister]
    else:
        lines += ["", body.strip()]
    lines += ["", addressee.group(0).strip()]
    lines += _cut_at_anchors(last[addressee.end() :])
    return lines


def _is_anchor(text: str) -> bool:
    """A line that is a part of its own: header, signature, FiU's additions."""
    if len(text) > 300:
        return False
    return bool(
        p.PUBLISHED_NUMBER.match(text)
        or p.PUBLISHED_SESSION.match(text)
        or p.PUBLISHED_DECIDED.match(text)
        or p.PRINT_CODE.match(text)
        or p.ADDRESSEE.match(text)
        or p.PLACE_DATE.match(text)
        or p.HEADER.match(text)
    )


@dataclass
class _Table:
    start: int
    end: int  # exclusive
    grid: Grid


class _Assembler:
    """Walks the lines once, emitting paragraphs, headings and grids."""

    def __init__(self, lines: list[str], starts: dict[int, str]):
        self.lines = [line.rstrip() for line in lines]
        self.starts = starts
        widths = sorted(len(line.strip()) for line in self.lines if len(line.strip()) >= 40)
        self.wide = widths[int(len(widths) * 0.9)] if widths else 80
        # Text saved from a word processor (and our own text export) has one
        # line per paragraph; printed lines from a PDF are never this long.
        self.line_per_paragraph = bool(widths) and widths[len(widths) // 2] > 150
        self.first_litra = min(starts, default=len(self.lines))
        self.last_litra = max(starts, default=-1)
        self.pieces: list[Para | Grid] = []
        self.current: list[str] = []
        self.current_litra: str | None = None
        self.current_bullet = False

    def run(self) -> list[Para | Grid]:
        lines = self.lines
        index = 0
        pending_litra: str | None = None
        while index < len(lines):
            line = lines[index]
            text = line.strip()
            if not text:
                index += 1
                continue
            if index in self.starts:
                self.flush()
                match = p.LITRA_AT_START.match(line)
                assert match is not None
                rest = line[match.end() :].strip()
                if not rest:
                    pending_litra = self.starts[index]
                    index += 1
                    continue
                pending_litra = None
                self.current_litra = self.starts[index]
                if self._is_heading(index, rest):
                    self.pieces.append(Para(rest, heading=True, litra=self.current_litra))
                    self.current_litra = None
                else:
                    self.current = [rest]
                index += 1
                continue
            table = None if index in self.starts else self._table_at(index)
            if table is not None:
                self.flush()
                if pending_litra:
                    self.pieces.append(Para("", litra=pending_litra))
                    pending_litra = None
                self.pieces.append(table.grid)
                index = table.end
                continue
            if self._anchor_at(index, text):
                self.flush()
                self.pieces.append(Para(fold_whitespace(text)))
                index += 1
                continue
            if pending_litra:
                self.current_litra, pending_litra = pending_litra, None
                if self._is_heading(index, text):
                    self.pieces.append(Para(text, heading=True, litra=self.current_litra))
                    self.current_litra = None
                else:
                    self.current = [text]
                index += 1
                continue
            if self._starts_paragraph(index) or self._after_sentence(index):
                # A title line after a full-width sentence end starts anew too:
                # the last line of a paragraph ends a sentence, a title does not.
                if not self._starts_paragraph(index) and not self._is_heading(index, text):
                    self.current.append(text)
                    index += 1
                    continue
                self.flush()
                if self._is_heading(index, text):
                    self.pieces.append(Para(fold_whitespace(text), heading=True))
                    index += 1
                    continue
                self.current_bullet = bool(_BULLET.match(text))
            self.current.append(text)
            index += 1
        self.flush()
        if pending_litra:
            self.pieces.append(Para("", litra=pending_litra))
        return self.pieces

    def _anchor_at(self, index: int, text: str) -> bool:
        """Header lines count only before the first litra, signature lines only
        after the last one: in between, such a line is part of the prose."""
        if index < self.first_litra or index > self.last_litra:
            return _is_anchor(text)
        return False

    def flush(self) -> None:
        if self.current or self.current_litra:
            self.pieces.append(
                Para(
                    fold_whitespace(" ".join(self.current)),
                    litra=self.current_litra,
                    list_item=self.current_bullet,
                )
            )
        self.current = []
        self.current_litra = None
        self.current_bullet = False

    def _previous(self, index: int) -> tuple[str, bool]:
        """The previous non-blank line and whether blank lines came between."""
        blank = False
        for back in range(index - 1, -1, -1):
            if self.lines[back].strip():
                return self.lines[back], blank
            blank = True
        return "", blank

    def _starts_paragraph(self, index: int) -> bool:
        if not self.current:
            return True
        line = self.lines[index]
        if _BULLET.match(line) or self.line_per_paragraph:
            return True
        previous, blank = self._previous(index)
        if not p.sentence_end(previous):
            return False
        if previous.rstrip().endswith(":") and line.lstrip()[:1] in _OPENING_QUOTES:
            return True  # a quotation set off after its colon (a tekstanmærkning in e)
        indented = line[:1].isspace()
        short = len(previous.strip()) < 0.75 * self.wide
        return blank or indented or short

    def _is_heading(self, index: int, text: str) -> bool:
        words = text.split()
        if not (1 <= len(words) <= MAX_HEADING_WORDS) or len(text) > MAX_HEADING_CHARS:
            return False
        if not text[0].isupper() or p.sentence_end(text) or text.endswith((",", ";", "-", "–")):
            return False
        if _ROW.match(text) or self._anchor_at(index, text) or p.UNIT_PHRASE.search(text):
            return False
        if words[-1].lower() in _CONTINUING or (
            not self.line_per_paragraph and len(text) > 0.7 * self.wide
        ):
            return False  # a wrapped line of prose, not a title
        following = self._next_text(index)
        if following is None or index + 1 in self.starts:
            return False
        return bool(re.match(r"[A-ZÆØÅ0-9”“\"«§(]", following)) or bool(_BULLET.match(following))

    def _next_text(self, index: int) -> str | None:
        for line in self.lines[index + 1 :]:
            if line.strip():
                return line.strip()
        return None

    # Tables written as text lines -------------------------------------------------

    def _after_sentence(self, index: int) -> bool:
        previous, _ = self._previous(index)
        return bool(self.current) and p.sentence_end(previous)

    def _table_at(self, index: int) -> _Table | None:
        if self.current and not (self._starts_paragraph(index) or self._after_sentence(index)):
            return None
        lines = self.lines
        first = lines[index].strip()
        caption = ""
        if _CAPTION.match(first) and index + 1 < len(lines) and lines[index + 1].strip():
            caption = first
            header_index = index + 1
        else:
            header_index = index
        header = lines[header_index].strip()
        if len(header) > MAX_TABLE_LINE:
            return None
        header_columns = _header_value_columns(header)
        row_start = header_index + 1 if header_columns is not None else header_index
        rows: list[tuple[str, list[str]]] = []
        cursor = row_start
        while cursor < len(lines) and lines[cursor].strip():
            row = _split_row(lines[cursor].strip())
            if row is None or cursor in self.starts:
                break
            rows.append(row)
            cursor += 1
        if not rows:
            return None
        counts = [len(values) for _, values in rows]
        if header_columns is not None:
            width = header_columns or min(counts)
        else:
            # No header: only a run ending in an "I alt" row is taken as a table.
            if len(rows) < 2 or not p.TOTAL_LABEL.match(rows[-1][0]):
                return None
            width = min(counts)
        if width == 0 or min(counts) < width:
            return None
        cells = [_regroup(label, values, width) for label, values in rows]
        if any(not label or not re.search(r"[^\W\d_]", label) for label, _ in cells):
            return None
        grid_rows: list[list[str]] = []
        if header_columns is not None:
            grid_rows.append(_split_header(header, width))
        grid_rows += [[label, *values] for label, values in cells]
        if grid_rows[0][0] == "§" or grid_rows[0][0].startswith(("§ ", "§\t")):
            grid_rows = _split_accounts(grid_rows)
        note = ""
        if cursor < len(lines) and _NOTE.match(lines[cursor]):
            note_lines = []
            while cursor < len(lines) and lines[cursor].strip():
                note_lines.append(lines[cursor].strip())
                cursor += 1
            note = fold_whitespace(" ".join(note_lines))
        elif (
            cursor < len(lines)
            and lines[cursor].strip()
            and cursor not in self.starts
            and not self._row_or_paragraph_start(cursor)
        ):
            return None
        return _Table(index, cursor, Grid(grid_rows, caption=caption, note=note, from_text=True))

    def _row_or_paragraph_start(self, index: int) -> bool:
        """A table must end where a paragraph could begin."""
        text = self.lines[index].strip()
        return bool(re.match(r"[A-ZÆØÅ0-9”“\"«§(–-]", text))


_ACCOUNT_LABEL = lazy_compile(r"^§?\s*(\d{1,2}\.\d{1,2}(?:\.\d{2}){0,2}\.?)\s+(.*)$")


def _split_accounts(rows: list[list[str]]) -> list[list[str]]:
    """A table headed '§' carries each row's account before its label."""
    header, *data = rows
    out = [["§", header[0].removeprefix("§").strip(), *header[1:]]]
    for label, *values in data:
        match = _ACCOUNT_LABEL.match(label)
        account, text = (match.group(1), match.group(2)) if match else ("", label)
        out.append([account, text, *values])
    return out


def _split_row(line: str) -> tuple[str, list[str]] | None:
    if len(line) > MAX_TABLE_LINE:
        return None
    match = _ROW.match(line)
    if match is None:
        return None
    values = _TOKEN.findall(match.group("values"))
    return (match.group("label") or "").strip(), values


def _regroup(label: str, values: list[str], width: int) -> tuple[str, list[str]]:
    """Leading numbers beyond the table's width belong to the label ('Aktivitet 1')."""
    extra = values[: len(values) - width]
    return " ".join([label, *extra]).strip(), values[len(values) - width :]


def _header_value_columns(header: str) -> int | None:
    """How many value columns a header line announces: 0 when it names only
    the unit (the width then comes from the rows), None when it is no header."""
    if p.sentence_end(header) and not header.rstrip().lower().endswith("kr."):
        return None
    tokens = p.UNIT_PHRASE.sub(" ", header).split()
    years = sum(1 for token in tokens if _YEAR.match(token))
    has_total = bool(re.search(r"\bI\s+alt\s*$", header, re.IGNORECASE))
    if years >= 2 or (years >= 1 and has_total):
        return years + (1 if has_total else 0)
    if p.UNIT_PHRASE.search(header) and not _ROW.match(header) and len(tokens) <= 6:
        return 0
    return None


def _split_header(header: str, width: int) -> list[str]:
    """'Projektsøjler Mio. kr.' -> ['Projektsøjler', 'Mio. kr.'] for one column;
    'Mio. kr. 2025 2026 I alt' -> ['Mio. kr.', '2025', '2026', 'I alt']."""
    if width == 1:
        units = list(p.UNIT_PHRASE.finditer(header))
        after = header[units[-1].end() :] if units else ""
        if units and (not after.strip() or p.PRICE_LEVEL.match(after)):
            # 'Projektsøjler Mio. kr. (2025-pl)': the unit heading keeps its price level.
            return [header[: units[-1].start()].strip(), header[units[-1].start() :].strip()]
    tail: list[str] = []
    rest = header
    total = re.search(r"\s*\bI\s+alt\s*$", rest, re.IGNORECASE)
    if total:
        tail.append(rest[total.start() :].strip())
        rest = rest[: total.start()]
    while len(tail) < width:
        parts = rest.rsplit(None, 1)
        if not parts:
            break
        tail.insert(0, parts[-1])
        rest = parts[0] if len(parts) == 2 else ""
    if len(tail) < width:
        return [header, *[""] * width]
    return [rest.strip(), *tail]
