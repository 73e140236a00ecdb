"""Issue 18, points 1 and 2: every finding reaches a screen reader, and every
colour comes from the palette (readable on a light, a dark and a high-contrast
palette, and never the only sign of a state)."""

from __future__ import annotations

import re
from itertools import combinations
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QImage, QPalette

from desktop import accessibility, theme
from desktop.editors.blockeditors import Mark, ParagraphEditor, SubHeadingEditor
from desktop.panels.findingsview import FindingsView
from desktop.session.document import DraftDocument
from forms.findings import Finding, Location, Severity
from forms.model import Paragraph, SubHeading
from forms.templates import load_example
from tests.a11y_helpers import PALETTES, high_contrast_palette
from tests.editor_helpers import table_editor

pytestmark = pytest.mark.usefixtures("app_names")

DESKTOP = Path(__file__).resolve().parent.parent / "desktop"
ROLE = QPalette.ColorRole
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)


# -- point 2: colours by meaning -------------------------------------------------------------


def test_no_fixed_colour_outside_the_theme_module():
    """The 43 literals the issue counted are gone: a colour is asked for by meaning."""
    literal = re.compile(
        r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|rgba?\(|QColor\(\s*[\"'\d]"
        r"|GlobalColor\.(?!transparent)\w+|Qt\.(red|green|blue|yellow|gray|white|black)\b"
    )
    found = [
        f"{path.relative_to(DESKTOP)}:{number}: {line.strip()}"
        for path in DESKTOP.rglob("*.py")
        if path.name != "theme.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if literal.search(line.split("  #")[0])
    ]
    assert found == []


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_every_meaning_is_readable_on_the_palette(qapp, name):
    palette = PALETTES[name]()
    high = name == "high-contrast"
    assert theme.is_high_contrast(palette) is high
    minimum = theme.HIGH_CONTRAST if high else theme.MINIMUM_CONTRAST
    for meaning in theme.Meaning:
        colour = theme.foreground(meaning, palette)
        for role in (ROLE.Base, ROLE.Window):
            ratio = theme.contrast(colour, palette.color(role))
            assert ratio >= minimum, (name, meaning, role, ratio)
        tint = theme.background(meaning, palette)
        assert theme.contrast(palette.color(ROLE.Text), tint) >= theme.MINIMUM_CONTRAST
        if high:  # no tints in high contrast: the text and icons carry the state
            assert tint == palette.color(ROLE.Base)


@pytest.mark.parametrize("name", sorted(PALETTES))
def test_the_states_stay_apart_on_every_palette(qapp, name):
    palette = PALETTES[name]()
    states = [theme.Meaning.ERROR, theme.Meaning.WARNING, theme.Meaning.INFO, theme.Meaning.CURRENT]
    colours = [theme.foreground(m, palette) for m in states]
    for a, b in combinations(colours, 2):
        distance = sum(abs(x - y) for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))
        assert distance > 60, (name, a.name(), b.name())


def _mask(severity: Severity) -> QImage:
    image = theme.severity_icon(severity).pixmap(32, 32).toImage()
    return image.convertToFormat(QImage.Format.Format_Alpha8)


def test_each_severity_has_its_own_shape_not_only_a_colour(qapp):
    """Grey it out and the icons still differ: a square, a triangle, a circle."""
    for a, b in combinations(SEVERITIES, 2):
        assert _mask(a) != _mask(b), (a, b)


def test_a_dark_palette_gives_lighter_colours_than_a_light_one(qapp):
    light, dark = PALETTES["default"](), PALETTES["dark"]()
    for meaning in (theme.Meaning.ERROR, theme.Meaning.MUTED, theme.Meaning.CURRENT):
        assert theme.luminance(theme.foreground(meaning, dark)) > theme.luminance(
            theme.foreground(meaning, light)
        )


def test_the_window_built_under_high_contrast_uses_its_colours(qapp, make_window, draft_file):
    """Style sheets take their colours when they are made: under a high-contrast
    palette the guidance panel has no light tint of its own."""
    original = qapp.palette()
    qapp.setPalette(high_contrast_palette())
    try:
        window = make_window()
        assert window.open_path(draft_file)
        sheet = window.forms["a"].guidance.styleSheet()
        assert "#000000" in sheet and "#f3f6fa" not in sheet
    finally:
        qapp.setPalette(original)


# -- point 1: findings reach a screen reader -------------------------------------------------


def _doc() -> DraftDocument:
    draft = load_example()
    draft.section("a").blocks = [
        SubHeading(text="Baggrund"),
        Paragraph(text="Ministeriet anmoder."),
    ]
    return DraftDocument(draft)


@pytest.fixture
def events(monkeypatch):
    """The accessibility events the editor sends, as if a screen reader listened."""
    sent: list = []

    class Listening:
        Event = QAccessible.Event
        isActive = staticmethod(lambda: True)
        updateAccessibility = staticmethod(lambda event: sent.append((event.type(), event)))

    monkeypatch.setattr(accessibility, "QAccessible", Listening)
    accessibility.announced.clear()
    return sent


def test_a_new_finding_at_the_focused_paragraph_is_announced(qtbot, events):
    editor = ParagraphEditor(_doc(), "a", 1)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    editor.set_marks([Mark(0, 10, Severity.ERROR, "Beløbet er ikke skrevet på dansk.")])
    assert editor.accessibleDescription() == "Fejl: Beløbet er ikke skrevet på dansk."
    kinds = [kind for kind, _ in events]
    assert QAccessible.Event.DescriptionChanged in kinds
    assert QAccessible.Event.Announcement in kinds
    assert accessibility.announced[-1] == (editor, "Fejl: Beløbet er ikke skrevet på dansk.")
    # The same finding again is not said twice; a changed one is.
    count = len(accessibility.announced)
    editor.set_marks([Mark(0, 10, Severity.ERROR, "Beløbet er ikke skrevet på dansk.")])
    assert len(accessibility.announced) == count
    editor.set_marks([Mark(0, 10, Severity.WARNING, "Tjek beløbet.")])
    assert accessibility.announced[-1][1] == "Advarsel: Tjek beløbet."
    # Gone: the description is empty again, and nothing is announced.
    editor.set_marks([])
    assert editor.accessibleDescription() == ""
    assert accessibility.announced[-1][1] == "Advarsel: Tjek beløbet."


def test_a_finding_away_from_the_focus_is_described_but_not_announced(qtbot, events):
    doc = _doc()
    heading = SubHeadingEditor(doc, "a", 0)
    qtbot.addWidget(heading)
    heading.set_marks([Mark(0, 3, Severity.WARNING, "Overskriften er tom.")])
    assert heading.accessibleDescription() == "Advarsel: Overskriften er tom."
    assert accessibility.announced == []
    assert [kind for kind, _ in events] == [QAccessible.Event.DescriptionChanged]
    # Not by colour alone: the sub-heading shows the severity's icon as well.
    assert len(heading.actions()) == 1
    heading.set_marks([])
    assert heading.actions() == []


def test_table_cells_expose_their_finding_and_announce_it_when_focused(qtbot, window, events):
    editor = table_editor(window)
    view, model = editor.view, editor.model
    column = model.columnCount() - 1
    view.setFocus()
    view.setCurrentIndex(model.index(0, column))
    qtbot.waitUntil(lambda: accessibility.has_focus(view))
    accessibility.announced.clear()
    model.set_findings({(0, column): (Severity.ERROR, "Summen passer ikke.")})
    assert accessibility.announced == [(view, "Fejl: Summen passer ikke.")]
    interface = QAccessible.queryAccessibleInterface(view)
    cells = [interface.child(i) for i in range(interface.childCount())]
    described = [
        c.text(QAccessible.Text.Description) for c in cells if c.role() == QAccessible.Role.Cell
    ]
    assert "Fejl: Summen passer ikke." in described
    model.set_findings({(0, column): (Severity.ERROR, "Summen passer ikke.")})
    assert len(accessibility.announced) == 1  # unchanged: said once


def test_a_typed_finding_is_announced_in_the_window(qtbot, window, events):
    """End to end: type a non-Danish amount in litra a; after the check the finding
    is the paragraph's description and is announced while the author is there."""
    window.focus_part("a")
    editor = window.forms["a"].frames[0].editor
    assert isinstance(editor, ParagraphEditor)
    editor.setFocus()
    qtbot.waitUntil(lambda: accessibility.has_focus(editor))
    cursor = editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    qtbot.keyClicks(editor, " Det koster 100.0 mio kr i alt.")
    qtbot.waitUntil(lambda: any(w is editor for w, _ in accessibility.announced), timeout=5000)
    text = next(t for w, t in accessibility.announced if w is editor)
    assert text.split(":")[0] in ("Fejl", "Advarsel") and text in editor.accessibleDescription()


def test_findings_panel_items_read_severity_rule_and_place(qtbot):
    view = FindingsView()
    qtbot.addWidget(view)
    finding = Finding(
        rule="N-01",
        severity=Severity.ERROR,
        location=Location(area="section", letter="a"),
        message="Beløbet mangler enhed.",
    )
    view.set_findings([finding])
    group = view.tree.topLevelItem(0)
    item = group.child(0)
    assert item.data(0, Qt.ItemDataRole.AccessibleTextRole) == (
        "Fejl N-01, litra a: Beløbet mangler enhed."
    )


def test_high_contrast_outlines_only_under_a_high_contrast_palette(qapp):
    original, sheet = qapp.palette(), qapp.styleSheet()
    try:
        qapp.setPalette(high_contrast_palette())
        theme.install(qapp)
        assert "QLineEdit" in qapp.styleSheet() and "#ffffff" in qapp.styleSheet()
        qapp.setStyleSheet("")
        qapp.setPalette(PALETTES["dark"]())
        theme.install(qapp)
        assert qapp.styleSheet() == ""
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setPalette(original)


def test_a_wrapped_check_box_is_toggled_by_its_text_and_named_by_it(qtbot):
    from PySide6.QtWidgets import QCheckBox

    box = QCheckBox("Sagen &haster")
    row = accessibility.wrapping(box)
    qtbot.addWidget(row)
    row.show()
    label = box.property("wrappedLabel")
    assert box.accessibleName() == "Sagen haster" and label.buddy() is box
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton)
    assert box.isChecked()


def test_an_unreadable_header_date_is_described_and_announced(qtbot, window, events):
    window.activateWindow()
    qtbot.waitActive(window)
    window.focus_part("header")
    edit = window.header_form.date.edit
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClicks(edit, "31. februar 2025")
    assert edit.accessibleDescription().startswith("Fejl: ")
    assert "28 dage" in edit.accessibleDescription()
    assert accessibility.announced and accessibility.announced[-1][0] is edit
    edit.selectAll()
    qtbot.keyClicks(edit, "3.12.2024")
    assert edit.accessibleDescription() == ""
