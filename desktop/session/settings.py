"""The editor's settings, each declared once with its type and default (QSettings)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8


class Settings:
    def __init__(self, settings: QSettings | None = None):
        self.q = settings or QSettings()

    # -- recent files -------------------------------------------------------------------

    def recent_files(self) -> list[Path]:
        """Recent drafts that still exist; missing ones are dropped for good."""
        stored = self._list("files/recent")
        existing = [p for p in stored if Path(p).is_file()]
        if existing != stored:
            self.q.setValue("files/recent", existing)
        return [Path(p) for p in existing]

    def add_recent(self, path: Path) -> None:
        text = str(Path(path).resolve())
        files = [p for p in self._list("files/recent") if p != text]
        self.q.setValue("files/recent", [text, *files][:MAX_RECENT])
        self.q.setValue("files/last_folder", str(Path(text).parent))

    def remove_recent(self, path: Path) -> None:
        text = str(Path(path).resolve())
        self.q.setValue("files/recent", [p for p in self._list("files/recent") if p != text])

    def _list(self, key: str) -> list[str]:
        value = self.q.value(key, [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list | tuple) else []

    @property
    def last_folder(self) -> str:
        return str(self.q.value("files/last_folder", str(Path.home())))

    # -- export -------------------------------------------------------------------------

    @property
    def word_template(self) -> Path | None:
        """The author's own choice, else the template ministry IT set for everyone."""
        value = self.q.value("export/word_template", "")
        if value:
            return Path(str(value))
        from forms.sitesettings import ministry_template

        path = ministry_template()
        return path if path is not None and path.is_file() else None

    @word_template.setter
    def word_template(self, path: Path | None) -> None:
        self.q.setValue("export/word_template", str(path) if path else "")

    # -- window layout --------------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        value = self.q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self.q.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)
        self.q.sync()
