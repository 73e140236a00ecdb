"""The Finansudvalg meeting in the header form, its deadlines and findings, and the
letter asking for urgent treatment from the menu and the command line (issue 15 point 9)."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from cli.main import main
from desktop.editors.headerform import HeaderForm, meeting_label
from desktop.session.partstate import HEADER
from forms.draftfile import save_draft
from forms.meetings import describe_plan, meeting_choices, plan_for

pytestmark = pytest.mark.usefixtures("app_names")

NOW = dt.datetime(2024, 11, 4, 9, 30)


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setattr(HeaderForm, "now", staticmethod(lambda: NOW))


def _choose(window, day: dt.date) -> None:
    combo = window.header_form.meeting
    index = window.header_form.meeting_index(day)
    assert index > 0, f"{day} is not offered"
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_meeting_choices_are_thursdays_without_holidays():
    days = meeting_choices(dt.date(2025, 5, 20), count=4)
    assert all(day.weekday() == 3 for day in days)
    # Thursday 29 May 2025 is Kristi himmelfartsdag, 5 June grundlovsdag: not offered.
    assert days == [
        dt.date(2025, 5, 22),
        dt.date(2025, 6, 12),
        dt.date(2025, 6, 19),
        dt.date(2025, 6, 26),
    ]


def test_describe_plan_names_every_deadline_and_where_now_falls():
    lines = describe_plan(plan_for(dt.date(2024, 11, 21)), dt.datetime(2024, 11, 12, 13, 0))
    text = "\n".join(lines)
    assert "Udkast til Finansministeriet: onsdag den 6. november 2024" in text
    assert "Opsætningsfrist: tirsdag den 12. november 2024 kl. 12.00" in text
    assert "Aflevering til Finansudvalget: onsdag den 13. november 2024 kl. 14.00" in text
    assert lines[-1].endswith("opsætningsfristen er overskredet.")


def test_the_header_offers_meetings_and_shows_their_deadlines(window):
    window.focus_part(HEADER)
    form = window.header_form
    combo = form.meeting
    assert combo.itemData(0) is None and combo.itemText(0) == "Intet møde valgt"
    assert "Vælg det møde" in form.deadlines.text()
    offered = [combo.itemData(i) for i in range(1, combo.count())]
    assert dt.date(2024, 11, 21) in offered and all(d.weekday() == 3 for d in offered)
    assert (
        combo.itemText(form.meeting_index(dt.date(2024, 11, 21))) == "torsdag den 21. november 2024"
    )

    _choose(window, dt.date(2024, 11, 21))
    assert window.doc.draft.flags.target_meeting == dt.date(2024, 11, 21)
    shown = form.deadlines.text()
    assert "Opsætningsfrist: tirsdag den 12. november 2024 kl. 12.00" in shown
    assert "Aflevering til Finansudvalget: onsdag den 13. november 2024 kl. 14.00" in shown
    assert "Udkast til Finansministeriet: onsdag den 6. november 2024" in shown
    assert "mandag den 4. november 2024 kl. 09.30): i god tid." in shown

    window.doc.undo_stack.undo()
    assert window.doc.draft.flags.target_meeting is None
    assert combo.currentIndex() == 0 and "Vælg det møde" in form.deadlines.text()


def test_p01_and_p03_show_at_the_meeting_field(window):
    form = window.header_form
    _choose(window, dt.date(2024, 11, 21))  # FM deadline 6 November, draft dated 12 November
    window.refresh_now()
    assert {f.rule for f in form._findings} == {"P-01"}
    assert form.meeting_findings.isVisibleTo(form)
    assert "Finansministeriet senest onsdag den 6. november 2024" in form.meeting_findings.text()

    _choose(window, dt.date(2024, 11, 14))  # delivery deadline 6 November: too late
    window.refresh_now()
    assert "P-03" in {f.rule for f in form._findings}
    assert "efter afleveringsfristen" in form.meeting_findings.text()

    # Activating the finding goes to the meeting field.
    [p03] = [f for f in window.findings if f.rule == "P-03"]
    window.reveal_finding(p03)
    assert window.stack.currentWidget() is form
    assert form.meeting.hasFocus()

    _choose(window, dt.date(2024, 12, 5))
    window.refresh_now()
    assert form._findings == [] and not form.meeting_findings.isVisibleTo(form)


def test_a_meeting_not_among_the_choices_is_kept_and_shown(window):
    window.doc.draft.flags.target_meeting = dt.date(2024, 12, 25)
    window.header_form.sync()
    combo = window.header_form.meeting
    assert combo.currentData() == dt.date(2024, 12, 25)
    assert combo.currentText() == meeting_label(dt.date(2024, 12, 25))


def test_the_urgency_letter_menu_follows_the_urgent_flag(window, script, tmp_path):
    action = window.act_export_urgency
    assert action in window.menu("file").actions()
    assert not action.isEnabled()
    window.header_form.flags["urgent"].click()
    assert window.doc.draft.flags.urgent
    assert action.isEnabled()

    _choose(window, dt.date(2024, 11, 14))
    target = tmp_path / "hastebrev.docx"
    script.answer("choose_export_path", target)
    action.trigger()
    document = docx.Document(io.BytesIO(target.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Til Finansudvalgets formand" in text
    assert "mødet den 14. november 2024" in text.replace("møde den", "mødet den")
    assert window.exports.last_export == target

    window.doc.undo_stack.undo()  # the meeting
    window.doc.undo_stack.undo()  # the urgent mark
    assert not window.doc.draft.flags.urgent and not action.isEnabled()


def test_cli_exports_the_urgency_letter(example, tmp_path, capsys):
    draft = tmp_path / "kladde.aktstykke"
    letter = tmp_path / "brev.docx"
    save_draft(draft, example)
    assert main(["export", str(draft), "--urgency-letter", "-o", str(letter)]) == 2
    assert "ikke markeret som hastende" in capsys.readouterr().err
    assert not letter.exists()

    example.flags.urgent = True
    example.flags.target_meeting = dt.date(2024, 11, 14)
    save_draft(draft, example)
    assert main(["export", str(draft), "--urgency-letter", "-o", str(tmp_path / "b.pdf")]) == 2
    assert "-o BREV.docx" in capsys.readouterr().err
    assert main(["export", str(draft), "--urgency-letter", "-o", str(letter)]) == 0
    assert "Brevet om hastebehandling er eksporteret" in capsys.readouterr().out
    text = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
    assert "Anmodning om hastebehandling" in text
    assert "onsdag den 6. november 2024 kl. 14.00" in text


def test_meetings_at_the_ends_of_the_calendar(window):
    assert meeting_choices(dt.date(9999, 12, 20)) == [dt.date(9999, 12, 23), dt.date(9999, 12, 30)]
    window.doc.draft.date = dt.date(9999, 12, 31)
    window.doc.draft.flags.target_meeting = dt.date(1, 1, 4)
    form = window.header_form
    form.sync()  # neither the choices nor the deadlines overflow
    assert form.meeting.currentData() == dt.date(1, 1, 4)
    assert "kan ikke regnes ud" in form.deadlines.text()


def test_where_the_deadlines_stand_follows_the_clock(window, monkeypatch):
    _choose(window, dt.date(2024, 11, 21))
    form = window.header_form
    assert "i god tid." in form.deadlines.text()
    later = dt.datetime(2024, 11, 13, 15, 0)  # after the delivery deadline
    monkeypatch.setattr(HeaderForm, "now", staticmethod(lambda: later))
    form.clock.timeout.emit()
    assert "onsdag den 13. november 2024 kl. 15.00): afleveringsfristen er overskredet." in (
        form.deadlines.text()
    )
