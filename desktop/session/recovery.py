"""Recovery files: the open draft written every 30 seconds to the user's
application data folder, never over the user's own file.

Each editor window has a slot: SLOT.aktstykke (the draft) and SLOT.json (which
file it belongs to, its content hash when opened, and which process wrote it).
A slot whose process no longer runs was left by a crash and is offered back.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from forms.atomic import atomic_write_bytes
from forms.dates import format_long_datetime
from forms.draftfile import DraftFileError, dumps_draft, loads_draft
from forms.model import Aktstykke
from forms.oscompat import process_alive


@dataclass(frozen=True)
class RecoveryEntry:
    slot: str
    draft_file: Path
    source: Path | None
    source_hash: str | None
    name: str
    saved: dt.datetime
    pid: int
    host: str

    def describe(self) -> str:
        local = self.saved.astimezone()
        when = format_long_datetime(local)
        where = f" (filen {self.source})" if self.source else " (aldrig gemt)"
        return (
            f"Der er en gendannelsesfil for »{self.name}«{where}, gemt automatisk {when}. "
            "Vil du gendanne den? Gendan åbner den gemte udgave, så du kan gemme den; "
            "Kassér sletter gendannelsesfilen."
        )


class RecoveryStore:
    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def _files(self, slot: str) -> tuple[Path, Path]:
        return self.folder / f"{slot}.aktstykke", self.folder / f"{slot}.json"

    def write(
        self,
        slot: str,
        draft: Aktstykke,
        *,
        source: Path | None,
        source_hash: str | None,
        name: str,
    ) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        draft_file, meta_file = self._files(slot)
        atomic_write_bytes(draft_file, dumps_draft(draft).encode("utf-8"))
        meta = {
            "source": str(source) if source else None,
            "source_hash": source_hash,
            "name": name,
            "saved": dt.datetime.now(dt.UTC).isoformat(),
            "pid": os.getpid(),
            "host": socket.gethostname(),
        }
        atomic_write_bytes(meta_file, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
        return draft_file

    def remove(self, slot: str) -> None:
        for path in self._files(slot):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def entries(self) -> list[RecoveryEntry]:
        if not self.folder.is_dir():
            return []
        found = []
        for meta_file in sorted(self.folder.glob("*.json")):
            slot = meta_file.stem
            draft_file = meta_file.with_suffix(".aktstykke")
            try:
                meta = json.loads(meta_file.read_text("utf-8"))
                saved = dt.datetime.fromisoformat(meta["saved"])
                entry = RecoveryEntry(
                    slot=slot,
                    draft_file=draft_file,
                    source=Path(meta["source"]) if meta.get("source") else None,
                    source_hash=meta.get("source_hash"),
                    name=str(meta.get("name") or draft_file.name),
                    saved=saved,
                    pid=int(meta.get("pid", 0)),
                    host=str(meta.get("host", "")),
                )
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if draft_file.is_file():
                found.append(entry)
        return found

    def orphans(self) -> list[RecoveryEntry]:
        """Slots whose editor no longer runs: left by a crash."""
        here = socket.gethostname()
        return [e for e in self.entries() if not (e.host == here and process_alive(e.pid))]

    def load(self, entry: RecoveryEntry) -> Aktstykke:
        try:
            text = entry.draft_file.read_text("utf-8")
        except OSError as exc:
            raise DraftFileError(
                entry.draft_file, f"Gendannelsesfilen kan ikke læses: {exc.strerror}."
            ) from None
        draft, _ = loads_draft(text, entry.draft_file)
        return draft
