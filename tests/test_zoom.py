"""Issue 18, point 3: at 200 % (QT_SCALE_FACTOR=2 on 1920×1080 leaves 960×540
logical pixels) with a doubled font, the window fits, the form scrolls down
rather than sideways, and no dialog is taller than the screen.

Measured in logical pixels with the font doubled in the test's own process;
tests/screens.py takes the screenshots with QT_SCALE_FACTOR=2 as well."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QScrollArea, QStyleOptionViewItem

from desktop.dialogs.screenfit import MARGIN, ScreenFit
from desktop.dialogs.signoffdialog import SignOffDialog
from desktop.session.partstate import PARTS
from forms.signoff import known_roles

pytestmark = pytest.mark.usefixtures("app_names")

SCREEN = QSize(960, 540)


@pytest.fixture
def big_font(qapp):
    original = qapp.font()
    font = qapp.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    qapp.setFont(font)
    yield
    qapp.setFont(original)


def test_the_window_fits_a_200_percent_screen(big_font, make_window, draft_file):
    window = make_window()
    assert window.open_path(draft_file)
    window.resize(SCREEN)
    QCoreApplication.processEvents()
    minimum = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert minimum.width() <= SCREEN.width() and minimum.height() <= SCREEN.height(), minimum
    for part in PARTS:
        window.focus_part(part)
        for _ in range(3):
            QCoreApplication.processEvents()
        form = window.forms[part]
        area = form if isinstance(form, QScrollArea) else form.scroll_area
        if not area.isVisible():  # a litra left out shows a note instead
            continue
        # Down, never sideways: every line of the form is read without scrolling across.
        assert area.horizontalScrollBar().maximum() == 0, part
    header = window.forms["header"]
    assert header.verticalScrollBar().maximum() > 0  # it scrolls rather than clips


def test_long_texts_wrap_rather_than_widen_the_header(big_font, make_window, draft_file):
    window = make_window()
    assert window.open_path(draft_file)
    form = window.forms["header"]
    for box in form.findChildren(QCheckBox):
        label = box.property("wrappedLabel")
        if box.text():  # a short one needs no label of its own
            assert box.minimumSizeHint().width() < 400, box.text()
        else:
            assert isinstance(label, QLabel) and label.wordWrap() and label.buddy() is box
    for combo in form.findChildren(QComboBox):
        assert combo.minimumSizeHint().width() < 400, combo.accessibleName()


def test_a_tall_dialog_scrolls_above_its_buttons(big_font, qtbot):
    roles = known_roles()
    dialog = SignOffDialog(
        roles, "Finansministeriet", "Mette Holm", "ABCDEF12", "Finansministeriet"
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    fit = dialog.findChild(ScreenFit)
    assert fit is not None
    room = dialog.screen().availableGeometry().size() - MARGIN
    assert fit.height() <= room.height()
    assert dialog.buttons.isVisible() and dialog.ok.isVisibleTo(dialog)
    if fit.widget().height() > room.height():
        assert fit.verticalScrollBar().maximum() > 0


def test_a_litra_with_a_long_title_leaves_the_docks_room(big_font, make_window, draft_file):
    """Title and "Medtag punkt" on one line set the form's minimum width (litra f's
    bold title at 2x), and the preview was left a sliver of a dock."""
    window = make_window()
    assert window.open_path(draft_file)
    window.resize(SCREEN)
    QCoreApplication.processEvents()
    widest = max(window.forms[letter].minimumSizeHint().width() for letter in "abcdef")
    assert widest <= SCREEN.width() * 0.42, widest
    assert window.header_form.widget().minimumSizeHint().width() <= SCREEN.width() * 0.42
    assert window.preview_dock.width() >= SCREEN.width() * 0.3, window.preview_dock.width()


@pytest.mark.parametrize("part", ["b", "f"])
def test_the_head_of_a_litra_scrolls_rather_than_squeezes(big_font, make_window, draft_file, part):
    """Litra f's consent note and long title over the guidance: at 200 % their lines
    overlapped, squeezed below the height their width needs. The head scrolls instead."""
    window = make_window()
    assert window.open_path(draft_file)
    window.resize(SCREEN)
    window.focus_part(part)
    for _ in range(3):
        QCoreApplication.processEvents()
    form = window.forms[part]
    labels = [
        label
        for label in form.findChildren(QLabel)
        if label.isVisible() and label.wordWrap() and label.text()
    ]
    assert labels
    for label in labels:
        needed = label.heightForWidth(label.width())
        assert label.height() >= needed - 1, (label.text()[:40], label.height(), needed)


def test_the_date_is_shown_whole_at_200_percent(big_font, make_window, draft_file):
    """Beside its "Kalender …" button the date field was narrower than its date and
    showed it scrolled ("vember 2024"); the button goes under it when narrow."""
    window = make_window()
    assert window.open_path(draft_file)
    window.resize(SCREEN)
    window.focus_part("header")
    for _ in range(3):
        QCoreApplication.processEvents()
    edit = window.header_form.date.edit
    needed = edit.fontMetrics().horizontalAdvance(edit.text())
    assert edit.text() and edit.width() >= needed + 8, (edit.width(), needed)


def test_the_date_and_its_button_share_a_line_at_100_percent(make_window, draft_file):
    window = make_window()
    assert window.open_path(draft_file)
    window.focus_part("header")
    QCoreApplication.processEvents()
    field = window.header_form.date
    assert field.button.y() == field.edit.y()


def test_navigator_entries_wrap_rather_than_cut_at_200_percent(big_font, make_window, draft_file):
    """At 200 % the navigator cannot be as wide as its lines: they were cut with "…"
    ("b. Sagsfrem…"); now a line wraps, every word is drawn and each line fits."""
    window = make_window()
    assert window.open_path(draft_file)
    window.resize(SCREEN)
    window.show()
    for _ in range(3):
        QCoreApplication.processEvents()
    navigator = window.navigator
    delegate = navigator.itemDelegate()
    metrics = QFontMetrics(navigator.font())
    option = QStyleOptionViewItem()
    option.initFrom(navigator)
    option.font = navigator.font()
    option.widget = navigator
    option.decorationSize = navigator.iconSize()
    room = delegate.text_width(option)
    assert 0 < room < navigator.preferred_width()  # narrower than the lines need
    wrapped_any = False
    for row in range(navigator.count()):
        item = navigator.item(row)
        drawn = delegate.lines(option, navigator.indexFromItem(item))
        # Every character is drawn (a word wider than the room breaks inside it,
        # with a hyphen).
        joined = "".join(line.removesuffix("-") for line in drawn)
        assert "".join(joined.split()) == "".join(item.text().split()), drawn
        for line in drawn:
            assert metrics.horizontalAdvance(line) <= room, f"»{line}« is cut"
        height = navigator.visualItemRect(item).height()
        assert height >= len(drawn) * metrics.height(), (item.text(), height)
        wrapped_any = wrapped_any or len(drawn) > 2
    assert wrapped_any


def test_a_navigator_narrowed_while_open_lays_its_entries_out_again(make_window, draft_file):
    """Dragging the splitter made entries wrap, but the list kept their old heights:
    the third line of "c. Motivering for forelæggelsen" was drawn over litra d."""
    window = make_window()
    assert window.open_path(draft_file)
    window.resize(1366, 768)
    window.show()
    for _ in range(3):
        QCoreApplication.processEvents()
    navigator = window.navigator
    total = sum(window.splitter.sizes())
    window.splitter.setSizes([150, total - 150])
    QTest.qWait(50)  # the list lays its items out on a zero timer
    metrics = QFontMetrics(navigator.font())
    option = QStyleOptionViewItem()
    option.initFrom(navigator)
    option.font = navigator.font()
    option.widget = navigator
    option.decorationSize = navigator.iconSize()
    rects = []
    wrapped_any = False
    for row in range(navigator.count()):
        item = navigator.item(row)
        drawn = navigator.itemDelegate().lines(option, navigator.indexFromItem(item))
        wrapped_any = wrapped_any or len(drawn) > 2
        rect = navigator.visualItemRect(item)
        assert rect.height() >= len(drawn) * metrics.height(), (item.text(), drawn, rect)
        rects.append(rect)
    assert wrapped_any
    for above, below in itertools.pairwise(rects):
        assert above.bottom() < below.top(), (above, below)
