"""Screenshots of the editor with the example, for looking at it.

Usage: .venv/bin/python scripts/screenshots.py OUT_FOLDER

Writes, for 1366x768 and 1920x1080: the main window on litra a
(main-WxH.png), litra b with the budget table being edited and its finding
(table-WxH.png), the preview (preview-WxH.png), the header form
(header-WxH.png), the sign-off panel with stale, revoked and untrusted
sign-offs (signoff-WxH.png, signoff-panel-WxH.png), the disabled final
export's tooltip (final-tooltip-WxH.png), litra f (litra-f-WxH.png), the
sign-off dialog for a role and for Finansministeriet's consent
(signoff-dialog.png, consent-dialog.png), the open warnings asked for at the
final export (acknowledge-dialog.png), the settings page for certificates
(signature-settings.png), the
window after importing the seed text with a line the import could not place
(import-WxH.png, the report in import-report-WxH.png), a new draft from the
example with an amount finding and its "Bekræft beløb" buttons
(previous-WxH.png) and, for an orienterende aktstykke, the navigator
(orienterende-WxH.png), changes and comments from Word waiting in their docks, with
a misspelled word underlined in litra b (review-WxH.png, review-comments-WxH.png),
the header with a Finansudvalg meeting, its deadlines and P-03 (meeting-WxH.png), a
five-year table in litra b with its frozen label and "I alt" columns
(table-wide-WxH.png) and "Vis som sider" (pages-WxH.png, where LibreOffice and
pdftoppm are installed).
Runs offscreen on two screens of those sizes, each window opening at the size its
screen has room for, unless a display is set (e.g. DISPLAY=:99 QT_QPA_PLATFORM=xcb
under Xvfb; then the window is resized).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = ((1366, 768), (1920, 1080))


def _offscreen_screens() -> None:
    """Qt's offscreen platform with one screen per size (Qt's default is one 800x800)."""
    import json

    if os.environ.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return
    screens, x = [], 0
    for width, height in SIZES:
        screens.append(
            {
                "name": f"{width}x{height}",
                "x": x,
                "y": 0,
                "width": width,
                "height": height,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        )
        x += width
    config = Path(tempfile.gettempdir()) / "aktstykke-screens.json"
    config.write_text(json.dumps({"screens": screens}), "utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


if not os.environ.get("DISPLAY"):
    _offscreen_screens()


def place(window, width: int, height: int) -> None:
    """On the screen of that size, at the size the window chooses; else resized."""
    from PySide6.QtWidgets import QApplication

    for screen in QApplication.screens():
        geometry = screen.geometry()
        if (geometry.width(), geometry.height()) == (width, height):
            window.setScreen(screen)
            window.move(geometry.topLeft())
            window.fit_to_screen()
            return
    window.resize(width, height)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("Brug: scripts/screenshots.py MAPPE", file=sys.stderr)
        return 2
    out = Path(argv[1])
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QLineEdit

    app = QApplication([])
    from desktop.app import configure_application
    from desktop.editors.tableeditor import TableEditor
    from desktop.editors.tablemodel import FIRST_AMOUNT_COLUMN
    from desktop.session.partstate import HEADER
    from desktop.session.settings import Settings
    from desktop.testing import settings_in
    from desktop.window.mainwindow import MainWindow
    from forms.model import Kind

    configure_application(app)
    example = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    with tempfile.TemporaryDirectory() as top:
        for width, height in SIZES:
            folder = Path(top) / f"{width}x{height}"  # no layout carried between sizes
            folder.mkdir()
            window = MainWindow(settings=Settings(settings_in(Path(folder))))
            place(window, width, height)
            window.show()
            window.open_path(example, ask_save=False)
            settle()
            suffix = f"{width}x{height}"

            window.focus_part("a")
            settle()
            window.grab().save(str(out / f"main-{suffix}.png"))

            window.focus_part(HEADER)
            settle()
            window.grab().save(str(out / f"header-{suffix}.png"))
            shoot_meeting(window, out, suffix, settle)
            shoot_wide_table(window, out, suffix, settle)
            shoot_pages(window, out, suffix, settle)

            window.focus_part("b")
            form = window.forms["b"]
            table = next(f.editor for f in form.frames if isinstance(f.editor, TableEditor))
            table.model.setData(table.model.index(0, FIRST_AMOUNT_COLUMN), "60,0")
            window.refresh_now()
            form.reveal(table.block, 1, FIRST_AMOUNT_COLUMN)
            view = table.view
            view.edit(view.currentIndex())
            line = view.focusWidget()
            if isinstance(line, QLineEdit):
                line.setText("1,250.5")  # being typed the English way: refused on Enter
            settle()
            window.grab().save(str(out / f"table-{suffix}.png"))
            if isinstance(line, QLineEdit):
                view.commitData(line)
                view.closeEditor(line, QAbstractItemDelegate.EndEditHint.NoHint)
            settle()
            window.grab().save(str(out / f"table-refused-{suffix}.png"))

            window.preview_dock.setFloating(False)
            window.preview.scroll_to("litra-b-10")
            settle()
            window.preview.grab().save(str(out / f"preview-{suffix}.png"))

            shoot_signoff(window, out, suffix, settle)

            combo = window.header_form.kind
            combo.setCurrentIndex(combo.findData(Kind.ORIENTERENDE))
            combo.activated.emit(combo.currentIndex())
            window.focus_part("c")
            settle()
            window.grab().save(str(out / f"orienterende-{suffix}.png"))

            window._closing = True
            window.close()
            del window
            settle()
            shoot_import(Settings(settings_in(Path(folder))), width, height, out, settle)
            shoot_review(Settings(settings_in(Path(folder))), width, height, out, settle)
    for path in sorted(out.glob("*.png")):
        print(path)
    app.quit()
    return 0


def shoot_meeting(window, out: Path, suffix: str, settle) -> None:
    """The header with the meeting of 14 November 2024 chosen for the urgent example:
    its deadlines and P-03 at the field; undone afterwards."""
    import datetime as dt

    form = window.header_form
    index = form.meeting_index(dt.date(2024, 11, 14))
    form.meeting.setCurrentIndex(index)
    form.meeting.activated.emit(index)
    form.flags["urgent"].click()
    window.refresh_now()
    settle()
    form.ensureWidgetVisible(form.meeting_findings)
    settle()
    window.grab().save(str(out / f"meeting-{suffix}.png"))
    window.doc.undo_stack.undo()
    window.doc.undo_stack.undo()
    form.verticalScrollBar().setValue(0)


def shoot_wide_table(window, out: Path, suffix: str, settle) -> None:
    """A five-year table in litra b: at 1366x768 its years scroll between the frozen
    label and "I alt" columns. Undone afterwards."""
    from decimal import Decimal

    from desktop.editors.tableeditor import TableEditor
    from desktop.undo.edits import InsertBlock
    from forms.model import BudgetTable, TableRow

    table = BudgetTable(
        caption="Udgiftsprofil",
        unit_label="Mio. kr. (2025-pl)",
        columns=["2025", "2026", "2027", "2028", "2029"],
        rows=[
            TableRow(label="Projektledelse og styregruppe", values=[Decimal("5.0")] * 5),
            TableRow(label="Udvikling af system", values=[Decimal("10.0")] * 5),
        ],
    )
    window.doc.undo_stack.push(InsertBlock(window.doc, "b", 1, table, "tilføj tabel"))
    window.focus_part("b")
    window.refresh_now()
    form = window.forms["b"]
    editor = form.frames[1].editor
    assert isinstance(editor, TableEditor)
    form.reveal(1, 0, 4)
    settle()
    window.grab().save(str(out / f"table-wide-{suffix}.png"))
    editor.view.grab().save(str(out / f"table-wide-view-{suffix}.png"))
    window.doc.undo_stack.undo()
    window.refresh_now()


def shoot_pages(window, out: Path, suffix: str, settle) -> None:
    """Vis som sider, once the pages are made (or its message when a tool is missing)."""
    import time

    dialog = window.exports.show_pages()
    started = time.monotonic()
    while dialog.is_busy() and time.monotonic() - started < 120:
        settle()
        time.sleep(0.05)
    settle()
    dialog.grab().save(str(out / f"pages-{suffix}.png"))
    dialog.close()


def shoot_signoff(window, out: Path, suffix: str, settle) -> None:
    """The Godkendelser panel with current, stale and revoked sign-offs (the
    table edit above made the example's own sign-offs stale), the disabled
    final export's tooltip, and litra f awaiting Finansministeriet."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication, QToolTip

    from desktop.undo.signoffedits import SignOffCommand, revoke_signoff
    from forms.pki import load_identity

    people = ROOT / "resources" / "signoff" / "example"
    mette = load_identity(people / "mette-holm.p12", None)
    hanne = load_identity(people / "hanne-vestergaard.p12", None)
    # The example authority is trusted for the example's own content only: after the
    # edit above, Mette's new sign-off is from an unknown signer.
    window.doc.undo_stack.push(SignOffCommand(window.doc, "Kontorchef", mette))
    revoke_signoff(window.doc, 2, hanne)
    window.signoff_dock.show()
    window.signoff_dock.raise_()
    window.signoff.final.update_state()
    settle()
    window.grab().save(str(out / f"signoff-{suffix}.png"))
    window.signoff.panel.grab().save(str(out / f"signoff-panel-{suffix}.png"))

    action = window.signoff.final.action
    button = window.toolbar.widgetForAction(action)
    if button is not None:
        QToolTip.showText(button.mapToGlobal(QPoint(10, button.height())), action.toolTip())
        settle()
        tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel")]
        if tips and tips[0].isVisible():
            tips[0].grab().save(str(out / f"final-tooltip-{suffix}.png"))
        QToolTip.hideText()
    window.focus_part("f")
    settle()
    window.grab().save(str(out / f"litra-f-{suffix}.png"))
    shoot_dialogs(out, settle)


def shoot_dialogs(out: Path, settle) -> None:
    """The sign-off dialog (a role; Finansministeriet's consent with its reference),
    the open warnings at the final export, and the settings page."""
    import tempfile

    from desktop.dialogs.signoffdialog import SignOffDialog
    from desktop.dialogs.signoffsettings import SignatureSettingsDialog
    from desktop.dialogs.signoffwarnings import AcknowledgeDialog
    from forms.pkisettings import SignatureSettings, save_settings
    from forms.signoff import known_roles

    roles = known_roles()
    dialog = SignOffDialog(roles, "Afdelingschef", "Jens Krogh", "3CB70FDD6A72", roles[-1])
    dialog.show()
    settle()
    dialog.grab().save(str(out / "signoff-dialog.png"))
    dialog.role.setCurrentText(roles[-1])
    dialog.journal.setText("2024-18820")
    dialog.sent_by.setText("Anne Bech, Budgetafdelingen")
    settle()
    dialog.grab().save(str(out / "consent-dialog.png"))
    dialog.close()
    warnings = AcknowledgeDialog(
        [
            "E-05 (litra e, afsnit 1, tegn 1–26): Forslaget i litra e indledes normalt "
            "»Under henvisning til ovenstående …« og gentager anmodningen fra litra a.",
            "N-02 (litra b, afsnit 3, tegn 10–18): Enheden skrives »mio. kr.«.",
        ],
        "Mette Holm",
    )
    warnings.show()
    settle()
    warnings.grab().save(str(out / "acknowledge-dialog.png"))
    warnings.close()
    with tempfile.TemporaryDirectory() as home:
        saved = {
            k: os.environ.get(k) for k in ("XDG_CONFIG_HOME", "AKTSTYKKE_TRUST", "AKTSTYKKE_CERT")
        }
        os.environ["XDG_CONFIG_HOME"] = home
        os.environ.pop("AKTSTYKKE_TRUST", None)
        os.environ.pop("AKTSTYKKE_CERT", None)
        people = ROOT / "resources" / "signoff" / "example"
        save_settings(SignatureSettings(people / "mette-holm.p12", people))
        page = SignatureSettingsDialog()
        page.show()
        settle()
        page.grab().save(str(out / "signature-settings.png"))
        page.close()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def shoot_import(settings, width: int, height: int, out: Path, settle) -> None:
    """After File → Importér (the report beside the preview, an I-01 finding) and
    after Ny fra tidligere aktstykke (an R-01 finding selected, its buttons)."""
    from desktop.window.mainwindow import MainWindow

    suffix = f"{width}x{height}"
    seed = ROOT / "tests" / "data" / "seed.txt"
    example = ROOT / "resources" / "examples" / "capacity-2024.aktstykke"
    window = MainWindow(settings=settings)
    place(window, width, height)
    window.show()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "aktstykke-2023.txt"
        source.write_text(seed.read_text("utf-8") + "\nBilag: Projektdokument.\n", "utf-8")
        window.importing.import_path(source, ask_save=False)
    window.refresh_now()
    settle()
    window.grab().save(str(out / f"import-{suffix}.png"))
    window.importing.view.grab().save(str(out / f"import-report-{suffix}.png"))

    window.doc.undo_stack.clear()
    window.doc.load(window.doc.draft)  # unmodified, so no question before the next one
    window.importing.new_from_previous_path(example, ask_save=False)
    window.refresh_now()
    tree = window.findings_view.tree
    for group in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(group)
        if item.childCount() and "R-01" in item.child(0).text(0):
            tree.setCurrentItem(item.child(0))
            break
    settle()
    window.grab().save(str(out / f"previous-{suffix}.png"))
    window._closing = True
    window.close()
    settle()


def shoot_review(settings, width: int, height: int, out: Path, settle) -> None:
    """The example as if it came back from Word: two colleagues' changes pending,
    a comment with a reply, and a word the dictionary does not know."""
    import datetime as dt

    from desktop.editors.spellhighlight import service
    from desktop.window.mainwindow import MainWindow
    from forms.model import CommentReply, Paragraph, ReviewComment
    from forms.roundtrip.diff import diff_drafts
    from forms.templates import load_example

    example = load_example()
    edited = example.model_copy(deep=True)
    blocks = edited.section("b").blocks
    first = blocks[1]
    assert isinstance(first, Paragraph)
    first.text = first.text.replace("har der", "havde der")
    blocks.insert(3, Paragraph(text="Et nyt afsnit om programmets styrekomité."))
    when = dt.datetime(2024, 11, 14, 10, 30, tzinfo=dt.UTC)
    changes = diff_drafts(example, edited, source="retur.docx")
    authors = ("Hans Hansen", "Karen Berg")
    draft = example.model_copy(deep=True)
    draft.pending_changes = [
        c.model_copy(update={"author": authors[i % 2], "date": when}) for i, c in enumerate(changes)
    ]
    quoted = blocks[2]
    assert isinstance(quoted, Paragraph)
    draft.comments = [
        ReviewComment(
            id="k1",
            author="Karen Berg",
            date=when,
            text="Hvor stor er puljen i 2025?",
            letter="b",
            block=2,
            start=0,
            end=len("Med henblik"),
            quote="Med henblik",
            replies=[CommentReply(author="Hans Hansen", date=when, text="Se tabellen.")],
        )
    ]
    typo = draft.section("b").blocks[4]
    assert isinstance(typo, Paragraph)
    typo.text = typo.text.replace("bygger i høj grad", "byger i høj grad", 1)
    service().wait()
    window = MainWindow(settings=settings, draft=draft)
    place(window, width, height)
    window.show()
    window.focus_part("b")
    window.review.show_docks()
    window.review.changes.list.setCurrentRow(0)
    window.refresh_now()
    settle()
    window.grab()  # the paragraphs are painted once: now they are checked
    settle()
    suffix = f"{width}x{height}"
    window.grab().save(str(out / f"review-{suffix}.png"))
    window.review.comments_dock.raise_()
    window.review.comments.list.setCurrentRow(0)
    settle()
    window.grab().save(str(out / f"review-comments-{suffix}.png"))
    window._closing = True
    window.close()
    settle()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
