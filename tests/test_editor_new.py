"""The editor's "Ny …": the dialog offers every starting point, and New makes it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop import dialogs
from desktop.dialogs.newdialog import NewChoice, NewDialog
from desktop.undo.edits import EditText
from forms.findings import Severity
from forms.model import Category
from forms.starters import EMPTY, STARTERS

pytestmark = pytest.mark.usefixtures("app_names")


def test_new_offers_the_starting_points_with_the_current_ministry(window, script):
    script.answer("ask_new", NewChoice("it-projekt", "Udenrigsministeriet", "Lars Løkke Rasmussen"))
    window.act_new.trigger()
    [(ministry, minister)] = script.asked("ask_new")
    assert (ministry, minister) == ("Udenrigsministeriet", "Lars Løkke Rasmussen")
    draft = window.doc.draft
    assert draft.category is Category.IT and draft.date == dt.date.today()
    assert draft.ministry == "Udenrigsministeriet"
    assert "§ 06.11.01." in draft.section("a").blocks[0].text
    assert window.doc.path is None and not window.doc.modified
    window.refresh_now()
    assert not [f for f in window.findings if f.severity is Severity.ERROR]
    window.focus_part("b")
    assert len(window.forms["b"].frames) == len(draft.section("b").blocks)


def test_cancelled_new_changes_nothing_and_asks_nothing_more(window, script):
    before = window.doc.draft.model_dump()
    script.answer("ask_new", None)
    window.act_new.trigger()
    assert window.doc.draft.model_dump() == before
    assert not script.asked("ask_unsaved")


def test_new_over_unsaved_work_asks_to_save_first(window, script):
    doc = window.doc
    doc.undo_stack.push(EditText(doc, "a", 0, "Ændret.", "skriv i litra a"))
    script.answer("ask_new", NewChoice("orienterende", "Udenrigsministeriet", ""))
    script.answer("ask_unsaved", "cancel")
    window.act_new.trigger()
    assert script.asked("ask_unsaved")
    assert doc.draft.section("a").blocks[0].text == "Ændret."  # kept: the author cancelled


def test_the_action_says_it_opens_a_dialog(window):
    assert window.act_new.text() == "&Ny …"


def test_dialog_lists_every_starting_point_and_describes_the_chosen_one(qtbot):
    dialog = NewDialog("Transportministeriet", " Thomas  Danielsen ")
    qtbot.addWidget(dialog)
    titles = [dialog.kinds.item(i).text() for i in range(dialog.kinds.count())]
    assert titles == [s.title for s in STARTERS]
    assert dialog.current().key == EMPTY
    dialog.select("bygge-anlaeg")
    assert "prisniveau" in dialog.description.text()
    choice = dialog.choice()
    assert choice == NewChoice("bygge-anlaeg", "Transportministeriet", "Thomas Danielsen")
    assert dialog.ministry.findText("Udenrigsministeriet") >= 0  # the known ministries
    texts = {b.text() for b in dialog.buttons.buttons()}
    assert texts == {"&Opret", "Annuller"}
    assert dialog.kinds.accessibleName() and dialog.ministry.accessibleName()
    assert all(dialog.kinds.item(i).toolTip() for i in range(dialog.kinds.count()))


def test_ask_new_returns_the_choice_made_in_the_dialog(qtbot):
    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewDialog)
        dialog.select("tillaegsbevilling")
        dialog.ministry.setCurrentText("Skatteministeriet")
        dialog.create_button.click()

    QTimer.singleShot(0, answer)
    choice = dialogs.ask_new(None, "Udenrigsministeriet", "")
    assert choice == NewChoice("tillaegsbevilling", "Skatteministeriet", "")


def test_ask_new_cancelled_returns_none(qtbot):
    def cancel():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewDialog)
        dialog.reject()

    QTimer.singleShot(0, cancel)
    assert dialogs.ask_new(None, "", "") is None
