"""The Word round trip in the editor: the "Ændringer fra Word" and
"Kommentarer" docks, File → Hent ændringer fra Word … (three-way into the
open draft), and the decisions carried out as undoable edits.

Selecting a change shows it: the form scrolls to it and selects its text or
cell, and the preview marks its paragraph. Nothing in the draft changes until
the author accepts; each accept or reject (one, all, or one author's) is one
step on the undo stack.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from desktop import dialogs
from desktop.controllers.exporting import cannot_write
from desktop.editors.blocks import table_cell
from desktop.editors.sectionform import SectionForm
from desktop.editors.tableeditor import TableEditor
from desktop.panels.changespanel import ChangesPanel
from desktop.panels.commentspanel import CommentsPanel
from desktop.panels.preview import anchor_for
from desktop.undo.reviewedits import ReviewDecision, ReviewLists, place_of
from forms.draftlock import current_user
from forms.model import Aktstykke, CommentReply, PendingChange
from forms.roundtrip.changes import UNKNOWN_AUTHOR

FETCH = "&Hent ændringer fra Word …"

Comparing = tuple[str, tuple[Aktstykke, str] | None]
"""('pending', None): the pending changes marked; ('version', (draft, file name)): the
changes since that version."""


class ReviewController(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        doc = window.doc
        self.changes = ChangesPanel()
        self.changes_dock = window.add_dock(
            "changesDock", "Ændringer fra Word", self.changes, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.comments = CommentsPanel()
        self.comments_dock = window.add_dock(
            "commentsDock", "Kommentarer", self.comments, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.changes_dock.hide()
        self.comments_dock.hide()
        self.changes_dock.toggleViewAction().setText("Vis ændringer fra Word")  # a name: capital W
        self.act_fetch = QAction(FETCH, window)
        self.act_fetch.setStatusTip(
            "Hent det, kolleger har ændret og kommenteret i en rundsendt Word-fil, ind i den "
            "åbne kladde (tre-vejs mod kladden i Word-filen)"
        )
        self.act_fetch.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.act_fetch.triggered.connect(lambda _checked=False: self.fetch())
        self.act_export_changes = QAction("Eksportér med æ&ndringer …", window)
        self.act_export_changes.setStatusTip(
            "Eksportér til Word med alt, der er ændret siden en tidligere version (en kladde "
            "eller en tidligere eksport), vist som registrerede ændringer"
        )
        self.act_export_changes.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.act_export_changes.triggered.connect(lambda _checked=False: self.export_changes())
        self.act_next = QAction("Næste ændring fra &Word", window)
        self.act_next.setShortcut("F7")
        self.act_next.triggered.connect(lambda _checked=False: self._step(1))
        self.act_previous = QAction("Forrige ændring fra Wor&d", window)
        self.act_previous.setShortcut("Shift+F7")
        self.act_previous.triggered.connect(lambda _checked=False: self._step(-1))
        goto = window.menu("goto")
        for action in (self.act_next, self.act_previous):
            window.addAction(action)
            goto.addAction(action)
        self.act_compare = QAction("Forhåndsvis ændringer siden en &version …", window)
        self.act_compare.setCheckable(True)
        self.act_compare.setShortcut(QKeySequence("Ctrl+Shift+V"))
        self.act_compare.setStatusTip(
            "Forhåndsvisningen markerer alt, der er ændret siden en tidligere version (en kladde "
            "eller en tidligere eksport), som Word-filen med ændringer viser det"
        )
        self.act_compare.toggled.connect(self._compare_toggled)
        window.menu("view").addAction(self.act_compare)
        window.addAction(self.act_compare)
        self.comparing: Comparing | None = None
        """What the preview marks: ('pending', None), or ('version', (draft, its file name))."""
        self.changes.in_preview.toggled.connect(self._pending_in_preview)
        self.changes.selected.connect(self.show_change)
        self.changes.acceptRequested.connect(self.accept)
        self.changes.rejectRequested.connect(self.reject)
        self.changes.acceptAuthorRequested.connect(self.accept_author)
        self.comments.selected.connect(self.show_comment)
        self.comments.answerRequested.connect(self.answer)
        self.comments.resolveRequested.connect(self.resolve)
        doc.reviewChanged.connect(self.refresh)
        doc.replaced.connect(self.refresh)
        doc.fileChanged.connect(self.refresh)
        self.refresh()

    # -- showing ---------------------------------------------------------------------------

    def _step(self, direction: int) -> None:
        """F7 / Shift+F7: the next or previous change, with its panel in view."""
        if not self.window.doc.draft.pending_changes:
            self.window.statusBar().showMessage("Ingen ændringer fra Word venter.", 5000)
            return
        if not self.changes_dock.isVisible():
            self.show_docks()
        self.changes_dock.raise_()
        self.changes.step(direction)

    def refresh(self) -> None:
        draft = self.window.doc.draft
        read_only = self.window.doc.read_only
        self.changes.set_changes(draft.pending_changes, read_only=read_only)
        self.comments.set_comments(draft.comments, read_only=read_only)
        if not draft.pending_changes:
            self.window.preview.highlight(None)

    def show_docks(self) -> None:
        """After a returned file came in: the changes (and comments) beside the preview."""
        window = self.window
        for dock, wanted in (
            (self.changes_dock, bool(window.doc.draft.pending_changes)),
            (self.comments_dock, bool(window.doc.draft.comments)),
        ):
            if not wanted:
                continue
            placed = window.tabifiedDockWidgets(dock) or dock.isFloating()
            if not placed and window.preview_dock.isVisible():
                window.tabifyDockWidget(window.preview_dock, dock)
            dock.show()
        if window.doc.draft.pending_changes:
            self.changes_dock.raise_()
            current = self.changes.current_id()
            if current:
                self.show_change(current)
        elif window.doc.draft.comments:
            self.comments_dock.raise_()

    def show_change(self, change_id: str) -> None:
        change = next((c for c in self.window.doc.draft.pending_changes if c.id == change_id), None)
        if change is not None:
            self.reveal(change)

    def reveal(self, change: PendingChange) -> None:
        """The change in the form (its text selected, its cell current) and in the preview."""
        window = self.window
        place = place_of(change)
        if change.letter is None:
            window.show_part("header")
            window.header_form.focus_field(place.field)
            window.preview.highlight("header")
            return
        window.show_part(change.letter)
        form = window.forms[change.letter]
        if isinstance(form, SectionForm) and form.present:
            block = change.block
            if change.kind == "insert_block" and block is not None:
                block = max(0, block - 1)  # the paragraph it comes after
            frame = form.frame_at(block) if block is not None else None
            if frame is not None and isinstance(frame.editor, TableEditor):
                column = _amount_column(change.target)
                row, column = table_cell(frame.editor, change.row, column)
                form.reveal(block, row, column)
            elif change.kind == "edit" and change.part == "text":
                form.reveal(block, None, None, change.start, change.end)
            else:
                form.reveal(block, None, None, None, None)
        window.preview.highlight(anchor_for(change.letter, change.block))

    def show_comment(self, comment_id: str) -> None:
        comment = next((c for c in self.window.doc.draft.comments if c.id == comment_id), None)
        if comment is None:
            return
        window = self.window
        if comment.letter is None:
            window.show_part("header")
            window.preview.highlight("header")
            return
        window.show_part(comment.letter)
        form = window.forms[comment.letter]
        if isinstance(form, SectionForm) and form.present and comment.block is not None:
            start = comment.start if comment.part == "text" else None
            end = comment.end if comment.part == "text" else None
            form.reveal(comment.block, None, None, start, end)
        window.preview.highlight(anchor_for(comment.letter, comment.block))

    # -- decisions --------------------------------------------------------------------------

    def accept(self, ids: list[str]) -> bool:
        count = len(ids)
        text = "godkend ændring fra Word" if count == 1 else f"godkend {count} ændringer fra Word"
        return self._decide(ids, True, text)

    def reject(self, ids: list[str]) -> bool:
        count = len(ids)
        text = "afvis ændring fra Word" if count == 1 else f"afvis {count} ændringer fra Word"
        return self._decide(ids, False, text)

    def accept_author(self, author: str | None) -> bool:
        ids = [
            c.id
            for c in self.window.doc.draft.pending_changes
            if c.author == author and not c.conflict
        ]
        name = author or UNKNOWN_AUTHOR
        return self._decide(ids, True, f"godkend {len(ids)} ændringer fra {name}")

    def _decide(self, ids: list[str], accept: bool, text: str) -> bool:
        doc = self.window.doc
        if doc.read_only or not ids:
            return False
        following = self._following(ids)
        command = ReviewDecision(doc, ids, accept=accept, text=text)
        if command.refused:
            reasons = "\n".join(f"– {reason}" for _change, reason in command.refused)
            dialogs.show_error(
                self.window,
                "Ændringen kan ikke godkendes",
                f"{len(command.refused)} ændring(er) kan ikke sættes ind i kladden, som den er "
                f"nu, og venter stadig:\n{reasons}",
            )
        if not command.changes_anything:
            return False
        doc.undo_stack.push(command)
        if following:
            self.changes.select(following)
        self.window.refresh_now()
        return True

    def _following(self, ids: list[str]) -> str:
        """The change to show after these are decided: the next one still pending."""
        pending = [c.id for c in self.window.doc.draft.pending_changes]
        after = (
            [i for i in pending[pending.index(ids[-1]) + 1 :] if i not in ids]
            if ids[-1] in pending
            else []
        )
        return after[0] if after else next((i for i in pending if i not in ids), "")

    # -- comments ---------------------------------------------------------------------------

    def answer(self, comment_id: str, text: str) -> bool:
        import datetime as dt

        doc = self.window.doc
        comments = [c.model_copy(deep=True) for c in doc.draft.comments]
        target = next((c for c in comments if c.id == comment_id), None)
        if target is None or doc.read_only:
            return False
        moment = dt.datetime.now(dt.UTC).replace(microsecond=0)
        target.replies.append(CommentReply(author=current_user()[1], date=moment, text=text))
        doc.undo_stack.push(ReviewLists(doc, "svar på kommentar", comments=comments))
        return True

    def resolve(self, comment_id: str, resolved: bool) -> bool:
        doc = self.window.doc
        comments = [c.model_copy(deep=True) for c in doc.draft.comments]
        target = next((c for c in comments if c.id == comment_id), None)
        if target is None or doc.read_only:
            return False
        target.resolved = resolved
        text = "markér kommentar som løst" if resolved else "genåbn kommentar"
        doc.undo_stack.push(ReviewLists(doc, text, comments=comments))
        return True

    # -- the preview with changes marked ----------------------------------------------------

    def preview_html(self) -> str | None:
        """The preview's HTML with the comparison marked, or None for the plain preview."""
        if self.comparing is None:
            return None  # asked at every preview: the comparison loads when first used
        from exporters.htmlchanges import compare_html
        from forms.roundtrip.review import accept_all

        draft = self.window.doc.draft
        kind, version = self.comparing
        if kind == "pending":
            if not draft.pending_changes:
                return None
            return compare_html(draft, accept_all(draft).draft)
        if version is None:
            return None
        return compare_html(version[0], draft)

    def _set_comparing(self, comparing: Comparing | None) -> None:
        self.comparing = comparing
        preview = self.window.preview
        if comparing is None:
            preview.label.setText("Sådan ser aktstykket ud i Word:")
        elif comparing[0] == "pending":
            preview.label.setText(
                "Sådan bliver aktstykket med de ventende ændringer fra Word (indsat er "
                "understreget, slettet overstreget):"
            )
        else:
            name = comparing[1][1] if comparing[1] is not None else ""
            preview.label.setText(
                f"Ændringer siden {name} er markeret (indsat understreget, slettet overstreget):"
            )
        self.window.refresh_now()

    def _pending_in_preview(self, on: bool) -> None:
        if on:
            self.act_compare.blockSignals(True)
            self.act_compare.setChecked(False)
            self.act_compare.blockSignals(False)
            self._set_comparing(("pending", None))
        elif self.comparing is not None and self.comparing[0] == "pending":
            self._set_comparing(None)

    def _compare_toggled(self, on: bool) -> None:
        from forms.draftfile import DraftFileError

        if not on:
            if self.comparing is not None and self.comparing[0] == "version":
                self._set_comparing(None)
            return
        window = self.window
        last = window.exports.last_export
        folder = str(last.parent if last else window.settings.last_folder)
        path = dialogs.choose_import_path(
            window, "Forhåndsvis ændringer siden hvilken version?", folder, VERSION_FILTER
        )
        version = None
        if path is not None:
            try:
                version = _load_version(Path(path))
            except DraftFileError as exc:
                dialogs.show_error(window, "Versionen kan ikke læses", exc.message)
        if version is None or path is None:
            self.act_compare.blockSignals(True)
            self.act_compare.setChecked(False)
            self.act_compare.blockSignals(False)
            return
        self.changes.in_preview.blockSignals(True)
        self.changes.in_preview.setChecked(False)
        self.changes.in_preview.blockSignals(False)
        window.preview_dock.show()
        window.preview_dock.raise_()
        self._set_comparing(("version", (version, Path(path).name)))

    # -- File → Eksportér med ændringer -----------------------------------------------------

    def export_changes(self) -> Path | None:
        """A Word file showing what changed since a chosen version as tracked changes."""
        from forms.draftfile import DraftFileError

        window = self.window
        last = window.exports.last_export
        folder = str(last.parent if last else window.settings.last_folder)
        version_path = dialogs.choose_import_path(
            window, "Vis ændringer siden hvilken version?", folder, VERSION_FILTER
        )
        if version_path is None:
            return None
        try:
            version = _load_version(Path(version_path))
        except DraftFileError as exc:
            dialogs.show_error(window, "Versionen kan ikke læses", exc.message)
            return None
        stem = Path(window.doc.display_name()).stem or "aktstykke"
        suggestion = str(Path(folder) / f"{stem}-ændringer.docx")
        target = dialogs.choose_export_path(
            window, "Eksportér med ændringer", suggestion, dialogs.WORD_FILTER
        )
        if target is None:
            return None
        if target.suffix.lower() != ".docx":
            target = target.with_name(target.name + ".docx")
        return self._write_changes(target, version, Path(version_path).name)

    def _write_changes(self, target: Path, version: Aktstykke, version_name: str) -> Path | None:
        from exporters.errors import ExportError
        from exporters.word import export_docx

        window = self.window
        template = window.settings.word_template
        if template is not None and not template.is_file():
            template = None
        try:
            export_docx(
                window.doc.draft,
                target,
                template=template,
                changes_since=version,
                change_author=current_user()[1],
            )
        except ExportError as exc:
            dialogs.show_error(window, "Eksport mislykkedes", exc.message)
            return None
        except OSError as exc:
            dialogs.show_error(window, "Eksport mislykkedes", cannot_write(target, exc))
            return None
        window.exports.set_last_export(target)
        window.statusBar().showMessage(
            f"Eksporteret til {target.name}: ændringerne siden {version_name} står som "
            "registrerede ændringer.",
            15000,
        )
        return target

    # -- File → Hent ændringer fra Word -----------------------------------------------------

    def fetch(self) -> bool:
        window = self.window
        path = dialogs.choose_import_path(
            window, "Hent ændringer fra Word", str(window.settings.last_folder), dialogs.WORD_FILTER
        )
        if path is None:
            return False
        return self.fetch_path(path)

    def fetch_path(self, path: Path | str) -> bool:
        """Bring a returned Word file's changes and comments into the open draft,
        three-way against the draft the file carries; one undoable step."""
        from exporters.shown import shown_document
        from forms.importing import SourceError
        from forms.importing.files import read_source
        from forms.roundtrip.returned import read_returned

        window = self.window
        path = Path(path)
        title = "Ændringerne kan ikke hentes"
        if window.doc.read_only:
            dialogs.show_error(window, title, "Kladden er åbnet skrivebeskyttet.")
            return False
        try:
            returned = read_returned(read_source(path), path.name, shown_document)
        except SourceError as exc:
            dialogs.show_error(window, title, f"{exc.message} Kladden er ikke ændret.")
            return False
        if returned.base is None:
            dialogs.show_error(
                window,
                title,
                f"»{path.name}« indeholder ingen kladde fra Aktstykke, så ændringerne kan ikke "
                "flettes ind. Brug Filer → Importér … for at læse den som en ny kladde.",
            )
            return False
        draft = window.doc.draft
        if returned.base.metadata.created != draft.metadata.created and not dialogs.ask_confirm(
            window,
            "En anden kladde",
            f"»{path.name}« er ikke eksporteret fra denne kladde.",
            "Hent alligevel",
            "Ændringerne flettes ind mod kladden i Word-filen; meget kan blive konflikter.",
        ):
            return False
        merged_draft, merged = returned.merge_into(draft)
        if not merged.changes and not (
            returned.merged_comments
            and (returned.merged_comments.added or returned.merged_comments.updated)
        ):
            dialogs.show_info(
                window,
                "Ingen ændringer",
                f"»{path.name}« viser intet nyt i forhold til kladden"
                + (f" ({merged.repeated} ændringer fandtes allerede)." if merged.repeated else "."),
            )
            return False
        doc = window.doc
        doc.undo_stack.push(
            ReviewLists(
                doc,
                f"hent ændringer fra {path.name}",
                pending_changes=merged_draft.pending_changes,
                comments=merged_draft.comments,
            )
        )
        conflicts = len(merged.conflicts)
        window.statusBar().showMessage(
            f"{len(merged.changes)} ændringer fra {path.name} venter"
            + (f", heraf {conflicts} konflikter" if conflicts else "")
            + ". Kladden ændres først, når du godkender.",
            15000,
        )
        self.show_docks()
        return True


VERSION_FILTER = (
    "Tidligere versioner (*.aktstykke *.docx);;Aktstykker (*.aktstykke);;Word-filer (*.docx)"
)


def _load_version(path: Path) -> Aktstykke:
    from forms.draftfile import load_draft
    from forms.embedded import load_docx_draft

    if path.suffix.lower() == ".docx":
        return load_docx_draft(path)
    return load_draft(path).draft


def _amount_column(target: str | None) -> int | None:
    if target and target.startswith("cell:value:"):
        return int(target.rsplit(":", 1)[1])
    return None


def install(window) -> ReviewController:
    controller = ReviewController(window)
    menu = window.menu("file")
    actions = menu.actions()
    anchor = next((a for a in actions if a.text().startswith("Ny fra &tidligere")), None)
    if anchor is not None and anchor in actions:
        index = actions.index(anchor)
        following = actions[index + 1] if index + 1 < len(actions) else None
        if following is None:
            menu.addAction(controller.act_fetch)
        else:
            menu.insertAction(following, controller.act_fetch)
    else:
        menu.addAction(controller.act_fetch)
    window.addAction(controller.act_fetch)
    exports = getattr(window, "act_export_template", None)
    if exports is not None and exports in menu.actions():
        index = menu.actions().index(exports)
        following = menu.actions()[index + 1] if index + 1 < len(menu.actions()) else None
        if following is None:
            menu.addAction(controller.act_export_changes)
        else:
            menu.insertAction(following, controller.act_export_changes)
    else:
        menu.addAction(controller.act_export_changes)
    window.addAction(controller.act_export_changes)
    return controller
