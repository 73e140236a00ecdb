"""The live preview: the exporters' HTML of the draft in a QTextBrowser.

The HTML comes from exporters.html (the same layout as the Word file). The view
keeps its scroll position while the author types, and moves to the part being
edited when the author moves elsewhere.

Parsing the whole HTML again costs about 100 ms for a draft of 2,000
paragraphs, so a keystroke that changed the text of one paragraph (the
exporter writes one line of HTML per block) patches that paragraph's text in
the shown document instead; anything else is shown afresh.

The exporter's anchors (`<a name="litra-b-3"></a>`) are not given to Qt as
anchors: Qt keeps each anchored character's format once, found by a hash that
is the same for every list of anchor names, so every anchored format was
compared with all the earlier ones and showing a draft took time growing with
the square of its paragraphs (8,000 paragraphs: 2.7 s, against 0.4 s without
anchors). The preview moves each run of anchors to its paragraph or label cell
as a block user state (`-qt-user-state`, kept with the block and not in any
format) numbering the names, and maps names to blocks, and scrolls, by that
number; only a budget table's anchor stays a Qt anchor (see _ANCHORED_TAG).
"""

from __future__ import annotations

import re
from html import unescape

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QTextBrowser, QTextEdit, QVBoxLayout, QWidget

from desktop import theme
from desktop.editors.blockeditors import utf16_offset
from desktop.session.partstate import HEADER

ANCHORS = {HEADER: "header", **{letter: f"litra-{letter}" for letter in "abcdef"}}

_ANCHORS = r'((?:<a name="[^"<>]+"></a>)+)'
_TEXT = r"([^<]*(?:<br>[^<]*)*)"
# The exporter's lines whose only variable part is one run of text: a plain
# paragraph (text in the anchor's block) and a labelled one (label cell, then
# the text cell: the block after the anchor's).
_TEXT_LINES = (
    (re.compile(rf'^(<p class="[a-z]+">){_ANCHORS}(){_TEXT}(</p>)$'), 0),
    (
        re.compile(
            r'^(<table class="[a-z]+" cellspacing="0" cellpadding="0" width="100%"><tr>'
            r'<td class="bogstav" width="\d+" valign="top">)'
            rf'{_ANCHORS}([^<]*</td><td(?: class="[a-z]+")? valign="top">){_TEXT}(</td></tr></table>)$'
        ),
        1,
    ),
)
_ANCHOR = re.compile(r'<a name="([^"<>]+)"></a>')
# A run of anchors right after the opening tag of a paragraph or a litra label's
# cell (where the exporter writes them); a tag with a style of its own is left as
# it is. A budget table's first cell keeps its anchors: any style on a cell of a
# collapsed-border table breaks its borders in Qt, and tables are few.
_ANCHORED_TAG = re.compile(
    r'<(p|td(?= class="bogstav"))((?: [a-z]+="[^"<>]*")*)>((?:<a name="[^"<>]+"></a>)+)'
)
_TITLE = re.compile(r"^<title>([^<]*)</title>$")
_MAX_PATCHED_LINES = 8


def anchor_for(part: str, block: int | None = None) -> str:
    """The exporters' anchor of a part or of one block of a litra ('litra-b-3')."""
    if part in ANCHORS and part != HEADER and block is not None and block >= 0:
        return f"litra-{part}-{block}"
    return ANCHORS.get(part, "header")


def qt_html(html: str) -> tuple[str, list[tuple[str, ...]]]:
    """The exporter's HTML for Qt: each run of anchors after a paragraph's or cell's
    opening tag becomes that block's user state, numbering the names returned."""
    names: list[tuple[str, ...]] = []

    def to_state(match: re.Match[str]) -> str:
        tag, attributes, anchors = match.groups()
        if " style=" in attributes:
            return match.group(0)
        names.append(tuple(unescape(name) for name in _ANCHOR.findall(anchors)))
        return f'<{tag}{attributes} style="-qt-user-state:{len(names) - 1}">'

    return _ANCHORED_TAG.sub(to_state, html), names


def _plain(inner: str) -> str:
    return unescape(inner.replace("<br>", "\u2028"))


class PreviewView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout.addWidget(self.notice)
        self.label = QLabel("Sådan ser aktstykket ud i Word:")
        self.label.setWordWrap(True)
        self.label.setStyleSheet(f"color: {theme.css(theme.muted())};")
        layout.addWidget(self.label)
        self.browser = QTextBrowser()
        self.label.setBuddy(self.browser)
        self.browser.setOpenLinks(False)
        self.browser.setUndoRedoEnabled(False)
        self.browser.setAccessibleName("Forhåndsvisning af aktstykket")
        self.browser.setAccessibleDescription(
            "Sådan ser aktstykket ud i Word; opdateres mens du skriver."
        )
        layout.addWidget(self.browser, 1)
        self.browser.installEventFilter(self)
        self._html = ""
        self._lines: list[str] = []
        self._states: list[tuple[str, ...]] = []
        self._blocks: dict[str, int] | None = None
        self._anchor: str | None = None
        self._scroll_when_shown: str | None = None
        self.patched = 0
        """How many updates were patched in place (for tests and benchmarks)."""

    def html(self) -> str:
        return self._html

    def set_unavailable(self, message: str) -> None:
        self.notice.setText(message)
        self.notice.setVisible(True)

    def set_html(self, html: str, anchor: str | None) -> None:
        """Show new HTML; keep the scroll position while the author stays in one
        place, and scroll to the new place when the author moved."""
        self.notice.setVisible(False)
        moved = anchor != self._anchor
        if html != self._html:
            lines = html.split("\n")
            if not self._patch(lines):
                bar = self.browser.verticalScrollBar()
                position = bar.value()
                shown, self._states = qt_html(html)
                self.browser.setHtml(shown)
                self._blocks = None
                # Map the anchors while the author pauses, not on the next keystroke.
                QTimer.singleShot(0, self._block_numbers)
                # Keep the place; scroll_to below moves only when the new place is not in view.
                bar.setValue(position)
            self._html = html
            self._lines = lines
            if getattr(self, "_highlight", None) is not None:
                self._apply_highlight()
        if moved and anchor is not None:
            self.scroll_to(anchor)

    def highlight(self, anchor: str | None) -> None:
        """Mark the paragraph that starts at `anchor` (a change from Word being
        reviewed) with a background; None takes the mark away."""
        self._highlight = anchor
        self._apply_highlight()
        if anchor is not None:
            self.scroll_to(anchor)

    def _apply_highlight(self) -> None:
        anchor = getattr(self, "_highlight", None)
        numbers = self._block_numbers() if anchor is not None and self._html else {}
        first = numbers.get(anchor) if anchor is not None else None
        if first is None and anchor is not None and anchor.count("-") == 2:
            first = numbers.get(anchor.rsplit("-", 1)[0])
        if first is None:
            self.browser.setExtraSelections([])
            return
        later = sorted(n for n in set(numbers.values()) if n > first)
        last = min(later[0] - 1 if later else first + 2, first + 2)
        document = self.browser.document()
        cursor = QTextCursor(document.findBlockByNumber(first))
        end = document.findBlockByNumber(max(first, last))
        cursor.setPosition(
            end.position() + max(0, end.length() - 1), QTextCursor.MoveMode.KeepAnchor
        )
        selection = QTextEdit.ExtraSelection()
        char_format = QTextCharFormat()
        char_format.setBackground(theme.highlight_background())
        selection.format = char_format
        selection.cursor = cursor
        self.browser.setExtraSelections([selection])

    def scroll_to(self, anchor: str) -> None:
        """Show the place `anchor` names: left where it is when that place is already in
        view; a block the preview does not show yet (an empty paragraph just added)
        counts as the block before it, so the view never jumps to the top."""
        self._anchor = anchor
        self._scroll_when_shown = None
        if not self._html:
            return
        numbers = self._block_numbers()
        shown = _shown_anchor(anchor, numbers)
        if shown is None:
            return
        document = self.browser.document()
        block = document.findBlockByNumber(numbers[shown])
        rect = document.documentLayout().blockBoundingRect(block)
        bar = self.browser.verticalScrollBar()
        height = self.browser.viewport().height()
        top = int(rect.top())
        visible_part = int(min(rect.height(), height / 3))
        if bar.value() <= top and top + visible_part <= bar.value() + height:
            return
        self._scroll_to_block(block, shown)

    def _scroll_to_block(self, block: QTextBlock, name: str) -> None:
        """What QTextBrowser.scrollToAnchor does for an anchor in the block's first
        line (the anchors are block states here): that line at the top of the view."""
        if not self.browser.isVisible():
            self._scroll_when_shown = name  # the layout has no size yet
            return
        document = self.browser.document()
        top = document.documentLayout().blockBoundingRect(block).top()
        lines = block.layout()
        if lines is not None and lines.lineCount():
            top += lines.lineAt(0).y()
        bar = self.browser.verticalScrollBar()
        target = round(top)
        if bar.maximum() < target:
            # The view learns the document's height in the pauses while it is laid
            # out; the block is laid out now, so tell the view (as Qt does for anchors).
            layout = document.documentLayout()
            layout.documentSizeChanged.emit(layout.documentSize())
        bar.setValue(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser and event.type() == QEvent.Type.Show:
            name, self._scroll_when_shown = self._scroll_when_shown, None
            if name is not None and self._html:
                numbers = self._block_numbers()
                if name in numbers:
                    block = self.browser.document().findBlockByNumber(numbers[name])
                    self._scroll_to_block(block, name)
        return super().eventFilter(watched, event)

    # -- patching one paragraph in place ---------------------------------------------------

    def _patch(self, lines: list[str]) -> bool:
        """Patch the text of the changed paragraphs in place; False: draw afresh."""
        old = self._lines
        if not old or len(old) != len(lines):
            return False
        changed = [i for i, (a, b) in enumerate(zip(old, lines, strict=True)) if a != b]
        if not changed or len(changed) > _MAX_PATCHED_LINES:
            return False
        edits = []
        title = None
        for index in changed:
            match = _TITLE.match(lines[index])
            if match and _TITLE.match(old[index]):
                title = _plain(match.group(1))  # the head's title: not drawn, just kept
                continue
            edit = self._text_edit(old[index], lines[index])
            if edit is None:
                return False
            edits.append(edit)
        document = self.browser.document()
        for edit in edits:  # block numbers do not change: order does not matter
            _apply(document, *edit)
        if title is not None:
            document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
        self.patched += 1
        return True

    def _text_edit(self, before: str, after: str):
        """(block, old text, new text) when only a paragraph's text differs."""
        for pattern, offset in _TEXT_LINES:
            old, new = pattern.match(before), pattern.match(after)
            if old is None or new is None:
                continue
            if old.group(1, 2, 3, 5) != new.group(1, 2, 3, 5):
                return None
            anchor = _ANCHOR.search(old.group(2))
            number = self._block_numbers().get(unescape(anchor.group(1))) if anchor else None
            if number is None:
                return None
            block = self.browser.document().findBlockByNumber(number + offset)
            old_text, new_text = _plain(old.group(4)), _plain(new.group(4))
            if not block.isValid() or block.text() != old_text:
                return None
            # The text's first character carries the anchor when it is not the block's state.
            anchored = offset == 0 and _first_anchored(block)
            if anchored and not _patchable(old_text, new_text):
                return None
            return block, old_text, new_text, anchored
        return None

    def _block_numbers(self) -> dict[str, int]:
        """Anchor name -> block number in the shown document, built once per setHtml."""
        if self._blocks is None:
            self._blocks = _anchor_blocks(self.browser.document(), self._states)
        return self._blocks


def _shown_anchor(anchor: str, numbers: dict[str, int]) -> str | None:
    """`anchor`, or for a block not shown the nearest block before it, or its litra."""
    if anchor in numbers:
        return anchor
    part, _, block = anchor.rpartition("-")
    if part.startswith("litra-") and part.count("-") == 1 and block.isdigit():
        for earlier in range(int(block) - 1, -1, -1):
            if f"{part}-{earlier}" in numbers:
                return f"{part}-{earlier}"
        return part if part in numbers else None
    return None


def _common(old: str, new: str) -> tuple[int, int]:
    """Lengths of the common prefix and (non-overlapping) suffix."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, suffix


def _patchable(old: str, new: str) -> bool:
    """The first character may carry the anchor: it must stay (text may go before it)."""
    prefix, suffix = _common(old, new)
    return bool(old) and (prefix > 0 or suffix == len(old))


def _apply(document: QTextDocument, block, old: str, new: str, anchored: bool) -> None:
    prefix, suffix = _common(old, new)
    cursor = QTextCursor(document)
    start = block.position() + utf16_offset(old, prefix)
    if prefix == 0 and old:
        # Written before the first character: take its look, not its anchor.
        cursor.setPosition(start + 1)
        char_format = cursor.charFormat()
        char_format.setAnchor(False)
        char_format.setAnchorNames([])
        cursor.setPosition(start)
        if not anchored:
            cursor.setPosition(
                block.position() + utf16_offset(old, len(old) - suffix),
                QTextCursor.MoveMode.KeepAnchor,
            )
        cursor.insertText(new[: len(new) - suffix], char_format)
        return
    cursor.setPosition(start)
    cursor.setPosition(
        block.position() + utf16_offset(old, len(old) - suffix), QTextCursor.MoveMode.KeepAnchor
    )
    cursor.insertText(new[prefix : len(new) - suffix])


def _first_anchored(block: QTextBlock) -> bool:
    iterator = block.begin()
    return not iterator.atEnd() and bool(iterator.fragment().charFormat().anchorNames())


def _anchor_blocks(document: QTextDocument, states: list[tuple[str, ...]]) -> dict[str, int]:
    """Anchor name -> number of its block: by the block's state (qt_html), or by an
    anchor Qt kept in a character's format (one qt_html left as it was)."""
    found: dict[str, int] = {}
    block = document.begin()
    while block.isValid():
        state = block.userState()
        if 0 <= state < len(states):
            for name in states[state]:
                found.setdefault(name, block.blockNumber())
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid():
                for name in fragment.charFormat().anchorNames():
                    found.setdefault(name, block.blockNumber())
            iterator += 1
        block = block.next()
    return found
