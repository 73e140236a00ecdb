"""The window's file commands: New, Open, Save, Save As, recent files, the lock
beside an open draft, the watch on its file, autosave to a recovery file and
recovery.

A controller with explicit dependencies: the document, the settings, the
recovery store, the widget its questions are asked over and where status lines
go. The window makes one and calls it from its actions.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from desktop import dialogs, services, theme
from desktop.session.document import DraftDocument
from desktop.session.recovery import RecoveryEntry, RecoveryStore
from desktop.session.settings import Settings
from forms.draftfile import (
    SUFFIX,
    DraftChangedOnDisk,
    DraftFileError,
    LoadedDraft,
    content_hash,
    load_draft,
    save_draft,
)
from forms.draftlock import HEARTBEAT, DraftBusy, DraftLock, DraftLocked, draft_guard
from forms.model import Aktstykke


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file a path names now, following symlinks; None when
    it is gone or the file system has no inode numbers."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if info.st_ino else None


def find_by_identity(folder: Path, identity: tuple[int, int] | None) -> Path | None:
    """The draft in `folder` that is the given file (renamed there), if any."""
    if identity is None:
        return None
    try:
        with os.scandir(folder) as entries:
            for entry in itertools.islice(entries, 5000):  # a huge network folder
                if entry.name.endswith(SUFFIX) and file_identity(Path(entry.path)) == identity:
                    return Path(entry.path)
    except OSError:
        return None
    return None


def settled(path: Path, loaded: LoadedDraft) -> LoadedDraft:
    """The draft as on disk once a change another program had begun is done.

    Called after the lock is taken: from then on the command line leaves the
    draft alone, but it may have been writing it just before."""
    try:
        with draft_guard(path):
            if content_hash(path.read_bytes()) == loaded.content_hash:
                return loaded
            return load_draft(path)
    except (DraftBusy, DraftFileError, OSError):
        return loaded  # the save's own check still catches a change


def is_bundled_example(path: Path) -> bool:
    examples = Path(str(resources.files("resources").joinpath("examples")))
    try:
        return path.resolve().parent == examples.resolve()
    except OSError:
        return False


AUTOSAVE_MS = 30_000
AUTOSAVE_IDLE_MS = 2_000
"""A pause this long after an edit brings the recovery file up to date: a hard
crash (which runs no Python, so no emergency save) then loses the last moments
of typing, not up to 30 seconds of it (a sub-heading and the paragraphs after it)."""

Status = Callable[[str, int], None]
"""Shows a Danish line in the status bar for so many milliseconds."""


class FileController(QObject):
    """Files, lock and recovery for one editor window."""

    def __init__(
        self,
        parent: QWidget,
        doc: DraftDocument,
        settings: Settings,
        recovery: RecoveryStore | None,
        status: Status,
        *,
        autosave_ms: int = AUTOSAVE_MS,
        autosave_idle_ms: int = AUTOSAVE_IDLE_MS,
    ):
        super().__init__(parent)
        self.parent_widget = parent
        """What the questions are asked over."""
        self.doc = doc
        self.settings = settings
        self.recovery = recovery
        self.status = status
        self.slot = uuid.uuid4().hex
        """This window's recovery file (desktop.session.recovery)."""
        self.lock: DraftLock | None = None
        self.disk_identity: tuple[int, int] | None = None
        """The open file as it was opened or last saved (device, inode)."""
        self.folder_hint: Path | None = None
        """Where Save As suggests an untitled draft (the folder of its source)."""
        self.word_file_opener: Callable[[Path], bool] | None = None
        """Opens a Word file as the import controller does (compared with the draft it
        carries); set by it. Without it, Open reads only the embedded draft."""
        self._changes = 0
        self._autosaved_changes = 0

        self.disk_label = QLabel()
        self.disk_label.setStyleSheet(f"color: {theme.fg(theme.Meaning.ERROR)};")
        self.disk_label.setVisible(False)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed_on_disk)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.autosave_idle_timer = QTimer(self)
        self.autosave_idle_timer.setSingleShot(True)
        self.autosave_idle_timer.setInterval(autosave_idle_ms)
        self.autosave_idle_timer.timeout.connect(self.autosave)
        # A lock on a network share is judged from other computers by its age
        # (forms.draftlock.STALE_AFTER): say every few minutes that it is still held.
        self.heartbeat_timer = QTimer(self)
        self.heartbeat_timer.setInterval(int(HEARTBEAT.total_seconds() * 1000))
        self.heartbeat_timer.timeout.connect(self.refresh_lock)
        self.heartbeat_timer.start()
        doc.contentChanged.connect(self._on_content_changed)
        doc.replaced.connect(self._on_replaced)
        doc.fileChanged.connect(self.watch)

    def refresh_lock(self) -> None:
        if self.lock is not None:
            self.lock.refresh()

    def _on_content_changed(self) -> None:
        self._changes += 1
        self.autosave_idle_timer.start()

    def _on_replaced(self) -> None:
        self._changes += 1

    def stop(self) -> None:
        """The window closes: no more autosaves, the lock and the recovery file go."""
        self.autosave_timer.stop()
        self.autosave_idle_timer.stop()
        self.heartbeat_timer.stop()
        self.release_lock()
        self.recovery_remove()

    # -- files --------------------------------------------------------------------------------------

    def is_pristine(self) -> bool:
        """An untitled draft nobody has touched: Open and Recover may reuse the window."""
        return self.doc.path is None and not self.doc.modified and self.doc.origin is None

    def maybe_save(self) -> bool:
        """Before the draft is replaced or the window closes: True when it may go."""
        if not self.doc.modified or self.doc.read_only:
            return True
        choice = dialogs.ask_unsaved(self.parent_widget, self.doc.display_name())
        if choice == "save":
            return self.save()
        return choice == "discard"

    def new_file(self) -> bool:
        """Ny …: a new draft, empty or from a starting point (forms/starters.py);
        True unless the author cancelled or kept the open one."""
        draft = self.doc.draft
        choice = dialogs.ask_new(self.parent_widget, draft.ministry, draft.minister)
        if choice is None or not self.maybe_save():
            return False
        self.release_lock()
        self.recovery_remove()
        from forms.starters import make_draft

        self.doc.load(make_draft(choice.kind, ministry=choice.ministry, minister=choice.minister))
        return True

    def load_untitled(
        self,
        draft: Aktstykke,
        *,
        origin: str,
        name: str | None,
        folder: Path | None = None,
        dirty: bool = True,
    ) -> None:
        """Replace the open draft by one without a file of its own (an import, a
        Word file, the example, a copy): the lock goes, the recovery file too;
        Save As suggests `name` in `folder`."""
        self.release_lock()
        self.recovery_remove()
        self.doc.load(draft, origin=origin, dirty=dirty)
        if folder is not None:
            self.folder_hint = folder
        self.doc.set_suggested_name(name)

    def open_file(self) -> bool:
        if not self.maybe_save():
            return False
        folder = str(self.doc.path.parent) if self.doc.path else self.settings.last_folder
        path = dialogs.choose_open_path(self.parent_widget, folder)
        if path is None:
            return False
        return self.open_path(path, ask_save=False)

    def fill_recent(self, menu: QMenu) -> None:
        """The File › Seneste filer menu, made when it opens."""
        menu.clear()
        files = self.settings.recent_files()
        if not files:
            empty = menu.addAction("(ingen)")
            empty.setEnabled(False)
            return
        for number, path in enumerate(files, start=1):
            action = menu.addAction(f"&{number} {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))

    def open_path(self, path: Path | str, *, ask_save: bool = True) -> bool:
        """Open a draft (.aktstykke) or an exported Word file that carries its draft."""
        path = Path(path)
        if ask_save and not self.maybe_save():
            return False
        if path.suffix.lower() == ".docx":
            return self._open_docx(path)
        try:
            loaded = load_draft(path)
        except DraftFileError as exc:
            dialogs.show_error(self.parent_widget, "Kladden kan ikke åbnes", exc.message)
            if not path.exists():
                self.settings.remove_recent(path)
            return False
        if is_bundled_example(path):
            # The program's own example is never written to: work on a copy.
            self.load_untitled(loaded.draft, origin="eksempel", name=path.name, dirty=False)
            return True
        new_lock = DraftLock(path)
        lock: DraftLock | None = new_lock
        read_only = False
        try:
            new_lock.acquire()
        except DraftLocked as locked:
            holder = locked.info
            if self.lock is not None and self.lock.draft == path and holder == self.lock.info:
                lock = self.lock  # reopening the draft this window already holds
            else:
                choice = dialogs.ask_locked(
                    self.parent_widget, holder.describe(path.name), holder.is_stale()
                )
                if choice == "cancel":
                    return False
                if choice == "copy":
                    self.load_untitled(loaded.draft, origin="kopi", name=f"Kopi af {path.name}")
                    return True
                if choice == "override":
                    try:
                        new_lock.acquire(force=True)
                    except (DraftLocked, OSError):
                        lock = None
                else:
                    read_only = True
                    lock = None
        except OSError:
            lock = None
            self.status(
                "Der kunne ikke lægges en lås ved kladden (mappen er skrivebeskyttet); "
                "andre får ikke at vide, at du har den åben.",
                15000,
            )
        if self.lock is not lock:
            self.release_lock()
        self.lock = lock
        if lock is not None:
            loaded = settled(path, loaded)
        self.disk_identity = file_identity(path)
        self.recovery_remove()
        self.doc.suggested_name = None
        self.doc.load(
            loaded.draft,
            path=path,
            content_hash=loaded.content_hash,
            migrated_from=loaded.migrated_from,
            read_only=read_only,
        )
        self.settings.add_recent(path)
        if loaded.migrated_from is not None:
            self.status(
                f"Kladden var gemt i et ældre filformat ({loaded.migrated_from}) og er opdateret. "
                "Den oprindelige fil gemmes som sikkerhedskopi (.bak), første gang du gemmer.",
                15000,
            )
        return True

    def _open_docx(self, path: Path) -> bool:
        if self.word_file_opener is not None:
            # A returned file: compared with its draft (desktop/controllers/importing.py).
            return self.word_file_opener(path)
        try:
            draft = services.load_docx_draft(path)
        except DraftFileError as exc:
            dialogs.show_error(self.parent_widget, "Word-filen kan ikke åbnes", exc.message)
            return False
        except services.ServiceMissing as exc:
            dialogs.show_error(self.parent_widget, "Word-filen kan ikke åbnes", str(exc))
            return False
        self.load_untitled(
            draft, origin="fra Word", name=path.with_suffix(".aktstykke").name, folder=path.parent
        )
        self.settings.add_recent(path)
        self.status(
            f"Kladden er hentet fra {path.name}. Gem den som aktstykke-fil for at arbejde videre.",
            15000,
        )
        return True

    def save(self) -> bool:
        doc = self.doc
        if doc.path is None or doc.read_only:
            return self.save_as()
        if not doc.path.exists():
            return self._file_gone(doc.path)
        return self._save_to(doc.path, expected=doc.content_hash, migrated_from=doc.migrated_from)

    def _file_gone(self, path: Path) -> bool:
        """The open draft's file was moved, renamed or deleted: never recreate it
        under the old name behind the author's back; offer Save As."""
        moved_to = find_by_identity(path.parent, self.disk_identity)
        where = f" Den ser ud til at være omdøbt til »{moved_to.name}«." if moved_to else ""
        self._show_disk_state(gone=True)
        message = (
            f"Kladden »{path.name}« findes ikke længere i mappen »{path.parent}«: den er "
            f"flyttet, omdøbt eller slettet, mens den var åben.{where} Den bliver ikke gemt "
            "igen under det gamle navn. Vælg »Gem som …« for at gemme dit arbejde der, "
            "hvor du vil have det."
        )
        if dialogs.ask_moved(self.parent_widget, message) != "save_as":
            return False
        return self.save_as(suggestion=moved_to or path)

    def save_as(self, suggestion: Path | None = None) -> bool:
        doc = self.doc
        if suggestion is not None:
            start = str(suggestion)
        elif doc.path is not None:
            start = str(doc.path)
        else:
            folder = self.folder_hint or Path(self.settings.last_folder)
            name = doc.suggested_name or "aktstykke.aktstykke"
            if not name.endswith(".aktstykke"):
                name += ".aktstykke"
            start = str(Path(folder) / name)
        path = dialogs.choose_save_path(self.parent_widget, start)
        if path is None:
            return False
        if (
            doc.path is not None
            and doc.path.exists()
            and path.resolve() == doc.path.resolve()
            and not doc.read_only
        ):
            return self._save_to(
                doc.path, expected=doc.content_hash, migrated_from=doc.migrated_from
            )
        # The very file that was opened, found under a new name: still check that
        # nobody changed it. Any other existing file the save dialog already
        # asked about replacing.
        identity = self.disk_identity
        same_file = (
            doc.path is not None
            and not doc.read_only
            and identity is not None
            and file_identity(path) == identity
        )
        expected = doc.content_hash if same_file else None
        new_lock = DraftLock(path)
        lock: DraftLock | None = new_lock
        try:
            new_lock.acquire()
        except DraftLocked as locked:
            if self.lock is not None and self.lock.path == new_lock.path and self.lock.still_ours():
                lock = self.lock  # our own lock, left beside a name the file no longer has
            elif not locked.info.is_stale():
                dialogs.show_error(
                    self.parent_widget,
                    "Filen er i brug",
                    locked.info.describe(path.name) + " Vælg et andet navn.",
                )
                return False
            else:
                new_lock.acquire(force=True)
        except OSError:
            lock = None
        if not self._save_to(path, expected=expected, force=expected is None):
            if lock is not None and lock is not self.lock:
                lock.release()
            return False
        if self.lock is not None and self.lock is not lock:
            self.release_lock()
        self.lock = lock
        return True

    def _save_to(
        self, path: Path, *, expected: str | None, migrated_from=None, force=False
    ) -> bool:
        try:
            new_hash = save_draft(
                path,
                self.doc.draft,
                expected_hash=expected,
                force=force,
                migrated_from=migrated_from,
            )
        except DraftChangedOnDisk as exc:
            choice = dialogs.ask_changed_on_disk(self.parent_widget, exc.message)
            if choice == "overwrite":
                return self._save_to(
                    path, expected=expected, migrated_from=migrated_from, force=True
                )
            if choice == "save_as":
                return self.save_as()
            return False
        except DraftFileError as exc:
            dialogs.show_error(self.parent_widget, "Kladden kan ikke gemmes", exc.message)
            return False
        self.doc.mark_saved(path, new_hash)
        self.disk_identity = file_identity(path)
        self.disk_label.setVisible(False)
        self.recovery_remove()
        self.settings.add_recent(path)
        self.status(f"Gemt: {path.name}", 5000)
        return True

    def watch(self) -> None:
        watched = self.watcher.files()
        if watched:
            self.watcher.removePaths(watched)
        if self.doc.path is not None and self.doc.path.exists():
            self.watcher.addPath(str(self.doc.path))

    def _on_file_changed_on_disk(self, name: str) -> None:
        path = self.doc.path
        if path is None or Path(name) != path:
            return
        if path.exists() and path not in [Path(p) for p in self.watcher.files()]:
            self.watcher.addPath(str(path))  # an atomic replace drops the watch
        if not path.exists():
            self._show_disk_state(gone=True)
            return
        try:
            changed = content_hash(path.read_bytes()) != self.doc.content_hash
        except OSError:
            changed = True
        self.disk_label.setVisible(changed)
        if changed:
            self._show_disk_state(gone=False)

    def _show_disk_state(self, *, gone: bool) -> None:
        if gone:
            self.disk_label.setText("Filen er flyttet, omdøbt eller slettet")
            self.disk_label.setToolTip(
                "Filen findes ikke længere der, hvor du åbnede den. Når du gemmer, bliver du "
                "spurgt, hvor den skal gemmes; den gemmes ikke igen under det gamle navn."
            )
        else:
            self.disk_label.setText("Filen er ændret på disken af en anden")
            self.disk_label.setToolTip(
                "Et andet program eller en kollega har ændret filen, siden du åbnede den. "
                "Når du gemmer, bliver du spurgt, om du vil overskrive eller gemme under et andet navn."
            )
        self.disk_label.setVisible(True)

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- recovery ---------------------------------------------------------------------------------------

    def write_recovery(self) -> Path | None:
        """Write the draft to this window's recovery file (also called on a crash)."""
        if self.recovery is None or not self.doc.modified:
            return None
        path = self.recovery.write(
            self.slot,
            self.doc.draft,
            source=self.doc.path,
            source_hash=self.doc.content_hash,
            name=self.doc.display_name(),
        )
        self._autosaved_changes = self._changes
        return path

    def autosave(self) -> Path | None:
        if self.recovery is None:
            return None
        if not self.doc.modified:
            self.recovery_remove()
            return None
        if self._autosaved_changes == self._changes:
            return None
        try:
            return self.write_recovery()
        except OSError as exc:
            self.status(
                f"Den automatiske gendannelseskopi kunne ikke gemmes: {exc.strerror or exc}.", 15000
            )
            return None

    def recovery_remove(self) -> None:
        if self.recovery is not None:
            self.recovery.remove(self.slot)
        self._autosaved_changes = self._changes

    def recover(self, entry: RecoveryEntry) -> bool:
        """Load a recovery file left by a crash into this window."""
        try:
            draft = self.recovery.load(entry) if self.recovery else None
        except DraftFileError as exc:
            dialogs.show_error(self.parent_widget, "Gendannelse mislykkedes", exc.message)
            return False
        if draft is None:
            return False
        source = entry.source if entry.source and entry.source.exists() else None
        lock = None
        if source is not None:
            lock = DraftLock(source)
            try:
                lock.acquire()
            except DraftLocked as locked:
                if locked.info.is_stale():
                    lock.acquire(force=True)
                else:
                    lock = None
                    source = None  # someone else has it open: recover as an untitled copy
            except OSError:
                lock = None
        self.release_lock()
        self.lock = lock
        self.disk_identity = file_identity(source) if source is not None else None
        self.doc.load(
            draft,
            path=source,
            content_hash=entry.source_hash if source else None,
            origin="gendannet",
            dirty=True,
        )
        if source is None:
            self.doc.set_suggested_name(entry.name if entry.name.endswith(".aktstykke") else None)
        if self.recovery is not None:  # it held the entry's draft
            self.recovery.remove(entry.slot)
        self._changes += 1
        self.write_recovery()
        return True
