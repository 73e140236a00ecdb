"""Draft files (.aktstykke): UTF-8 JSON of the model, saved atomically.

Loading never modifies the file and never raises anything but DraftFileError,
whose Danish message names the file and what is wrong with it. Every write
holds the draft's guard (forms.draftlock); a read–change–write goes through
update_draft, which re-reads the draft under it.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from forms.atomic import atomic_write_bytes, os_error_reason, real_path
from forms.draftlock import DraftBusy, LockInfo, draft_guard, lock_path, open_elsewhere
from forms.gcpause import gc_paused
from forms.limits import ERROR_TYPE, shown
from forms.migrations import migrate
from forms.model import SCHEMA_VERSION, Aktstykke
from forms.version import APP_VERSION

SUFFIX = ".aktstykke"
MAX_BYTES = 50 * 1024 * 1024


class DraftFileError(Exception):
    """A draft that cannot be read or written; `message` is Danish."""

    def __init__(self, path: Path | str, message: str):
        super().__init__(message)
        self.path = Path(path)
        self.message = message


class DraftChangedOnDisk(DraftFileError):
    """The file was changed by someone else since it was loaded."""


class DraftInUse(DraftFileError):
    """Someone else has the draft open in the editor; `holder` says who."""

    def __init__(self, path: Path | str, holder: LockInfo):
        name = Path(path).name
        super().__init__(
            path,
            f"{holder.describe(name)} Den er ikke ændret. Luk kladden i editoren, og prøv "
            f"igen. (Har ingen den åben, kan låsefilen »{lock_path(path).name}« slettes.)",
        )
        self.holder = holder


class DraftBusyError(DraftFileError):
    """Another program was changing the draft and did not finish in time."""

    def __init__(self, path: Path | str, busy: DraftBusy):
        super().__init__(path, busy.describe(Path(path).name))
        self.holder = busy.holder


T = TypeVar("T")


@dataclass
class LoadedDraft:
    draft: Aktstykke
    path: Path
    content_hash: str
    migrated_from: int | None = None
    """The schema version the file had when it was older than ours."""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dumps_draft(draft: Aktstykke) -> str:
    """The draft as the JSON text we write: indented, UTF-8, one key a line."""
    return draft.model_dump_json(indent=2) + "\n"


def loads_draft(text: str, source: Path | str) -> tuple[Aktstykke, int | None]:
    """Parse draft JSON (from a file or a Word file's embedded part).

    Returns the model and the schema version it was migrated from (or None).
    """
    with gc_paused():  # grows with the draft (forms.gcpause)
        return _loads_draft(text, source)


def _loads_draft(text: str, source: Path | str) -> tuple[Aktstykke, int | None]:
    name = shown(Path(source).name, 120)
    try:
        raw, duplicate = _parse_json(text)
    except json.JSONDecodeError as exc:
        raise DraftFileError(
            source,
            f"Filen »{name}« er ikke et gyldigt aktstykke: indholdet er "
            f"beskadiget eller ufuldstændigt (linje {exc.lineno}, kolonne {exc.colno}).",
        ) from None
    except RecursionError:
        raise DraftFileError(
            source, f"Filen »{name}« er ikke et aktstykke: indholdet er for dybt indlejret."
        ) from None
    except ValueError:  # an integer of more than 4,300 digits (Python's own limit)
        raise DraftFileError(
            source, f"Filen »{name}« er ikke et gyldigt aktstykke: et tal har alt for mange cifre."
        ) from None
    if duplicate is not None:
        raise DraftFileError(
            source,
            f"Filen »{name}« er ikke et gyldigt aktstykke: feltet »{shown(duplicate.duplicate)}« "
            f"står to gange i {_json_path(raw, duplicate)}, så det er uklart, hvilken værdi "
            "der gælder.",
        )
    if not isinstance(raw, dict):
        raise DraftFileError(source, f"Filen »{name}« er ikke et aktstykke.")
    version = _schema_version(raw)
    if version is None:
        raise DraftFileError(
            source,
            f"Filen »{name}« er ikke et aktstykke: den mangler et gyldigt "
            "filformatnummer (metadata.schema_version).",
        )
    if version > SCHEMA_VERSION:
        raise DraftFileError(
            source,
            f"Filen »{name}« er gemt af en nyere version af Aktstykke (filformat "
            f"{version}; denne version kan læse til og med filformat {SCHEMA_VERSION}). "
            "Opdatér programmet for at åbne den. Filen er ikke ændret.",
        )
    migrated_from = None
    if version < SCHEMA_VERSION:
        try:
            raw = migrate(raw, version)
        except Exception:
            raise DraftFileError(
                source,
                f"Filen »{name}« er gemt i et ældre filformat ({version}), som ikke "
                "kunne opdateres: indholdet svarer ikke til formatet.",
            ) from None
        migrated_from = version
    try:
        draft = Aktstykke.model_validate(raw)
    except ValidationError as exc:
        raise DraftFileError(source, _describe_invalid(name, exc)) from None
    except RecursionError:
        raise DraftFileError(
            source, f"Filen »{name}« er ikke et aktstykke: indholdet er for dybt indlejret."
        ) from None
    return draft, migrated_from


def load_draft(path: Path | str) -> LoadedDraft:
    path = Path(path)
    data = _read_bytes(path)
    if not data.strip():
        raise DraftFileError(path, f"Filen »{path.name}« er tom – den indeholder intet aktstykke.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DraftFileError(
            path,
            f"Filen »{path.name}« er ikke et aktstykke: den er ikke tekst i UTF-8 "
            f"(ugyldig byte ved position {exc.start}).",
        ) from None
    draft, migrated_from = loads_draft(text.removeprefix("\ufeff"), path)
    return LoadedDraft(draft, path, content_hash(data), migrated_from)


def save_draft(
    path: Path | str,
    draft: Aktstykke,
    *,
    expected_hash: str | None = None,
    force: bool = False,
    migrated_from: int | None = None,
) -> str:
    """Save atomically and return the new content hash.

    Holds the draft's guard (forms.draftlock) from the check to the rename, so
    no other program's change slips in between. Refuses with DraftInUse when
    someone else has the draft open in the editor. With `expected_hash` (the
    hash the file had when it was loaded), refuse with DraftChangedOnDisk if the
    file on disk differs, unless `force`. When the draft was migrated from an
    older format, the original file is kept once as NAME.aktstykke.bak before
    it is first overwritten. Through a symlink, the symlink's target is written.
    """
    path = Path(path)
    with _guarded(path):
        _refuse_if_open_elsewhere(path)
        target = real_path(path)
        if target.exists() and expected_hash is not None and not force:
            current = content_hash(_read_bytes(path))
            if current != expected_hash:
                raise DraftChangedOnDisk(
                    path,
                    f"Filen »{path.name}« er blevet ændret af et andet program eller "
                    "en kollega, siden du åbnede den. Den er ikke overskrevet. Gem dit "
                    "arbejde under et andet navn, eller vælg at overskrive.",
                )
        draft.metadata.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
        draft.metadata.app_version = APP_VERSION
        data = dumps_draft(draft).encode("utf-8")
        try:
            if migrated_from is not None and target.exists():
                backup = target.with_name(target.name + ".bak")
                if not backup.exists():
                    atomic_write_bytes(backup, target.read_bytes())
            atomic_write_bytes(target, data)
        except OSError as exc:
            raise DraftFileError(path, _describe_os_error(path, exc, "gemmes")) from None
    return content_hash(data)


def update_draft(path: Path | str, change: Callable[[Aktstykke], T]) -> T:
    """Read, change and write a draft as one step that no other program interleaves.

    Under the draft's guard: refuse with DraftInUse when someone else has the
    draft open in the editor, read the draft as it is on disk now, apply
    `change` and save. Returns what `change` returned; when `change` raises,
    nothing is written.
    """
    path = Path(path)
    if not real_path(path).is_file():
        load_draft(path)  # its message says what is wrong (missing, a folder, …)
    with _guarded(path):
        _refuse_if_open_elsewhere(path)
        loaded = load_draft(path)
        result = change(loaded.draft)
        save_draft(
            path,
            loaded.draft,
            expected_hash=loaded.content_hash,
            migrated_from=loaded.migrated_from,
        )
    return result


@contextmanager
def _guarded(path: Path) -> Iterator[None]:
    """The draft's guard, its failures as DraftFileError naming the file."""
    # filelock creates missing folders for its lock file; a draft is never
    # saved into a folder that is not there.
    folder = real_path(path).parent
    if not folder.is_dir():
        missing = FileNotFoundError(errno.ENOENT, "No such file or directory")
        raise DraftFileError(path, _describe_os_error(path, missing, "gemmes"))
    stack = ExitStack()
    try:
        stack.enter_context(draft_guard(path))
    except DraftBusy as busy:
        raise DraftBusyError(path, busy) from None
    except OSError as exc:
        raise DraftFileError(path, _describe_os_error(path, exc, "gemmes")) from None
    with stack:
        yield


def _refuse_if_open_elsewhere(path: Path) -> None:
    holder = open_elsewhere(path)
    if holder is not None:
        raise DraftInUse(path, holder)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DraftFileError(
                path,
                f"Filen »{path.name}« er for stor til at være et aktstykke "
                f"({size // (1024 * 1024)} MB; højst {MAX_BYTES // (1024 * 1024)} MB).",
            )
        return path.read_bytes()
    except DraftFileError:
        raise
    except OSError as exc:
        raise DraftFileError(path, _describe_os_error(path, exc, "læses")) from None


def _describe_os_error(path: Path, exc: OSError, verb: str) -> str:
    tail = " Den gemte version på disken er uændret." if verb == "gemmes" else ""
    return f"Filen »{shown(path.name, 80)}« kan ikke {verb}: {os_error_reason(exc)}.{tail}"


def _schema_version(raw: dict[str, Any]) -> int | None:
    metadata = raw.get("metadata")
    if not isinstance(metadata, dict):
        return None
    version = metadata.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return None
    return version


_PYDANTIC_REASONS = {
    "missing": "mangler",
    "extra_forbidden": "er ikke et felt i et aktstykke",
    "decimal_parsing": "er ikke et tal",
    "decimal_type": "er ikke et tal",
    "int_parsing": "er ikke et heltal",
    "int_type": "er ikke et heltal",
    "string_type": "skal være tekst",
    "string_unicode": "indeholder et tegn, der ikke er gyldig Unicode",
    "bool_type": "skal være sand eller falsk",
    "bool_parsing": "skal være sand eller falsk",
    "list_type": "skal være en liste",
    "dict_type": "skal være et objekt",
    "model_type": "skal være et objekt",
    "date_parsing": "er ikke en dato (ÅÅÅÅ-MM-DD)",
    "date_from_datetime_parsing": "er ikke en dato (ÅÅÅÅ-MM-DD)",
    "date_type": "er ikke en dato (ÅÅÅÅ-MM-DD)",
    "datetime_parsing": "er ikke et tidspunkt",
    "datetime_from_date_parsing": "er ikke et tidspunkt",
    "enum": "er ikke en af de tilladte værdier",
    "literal_error": "er ikke en af de tilladte værdier",
    "union_tag_invalid": "er ikke en kendt bloktype (paragraph, subheading, table)",
    "union_tag_not_found": "mangler bloktype (type)",
    "finite_number": "skal være et endeligt tal",
}


def _describe_invalid(name: str, exc: ValidationError) -> str:
    problems = []
    for error in exc.errors()[:3]:
        own = error["type"] == ERROR_TYPE
        context = error.get("ctx", {}) if own else {}
        loc = tuple(error["loc"]) + ((context["index"],) if "index" in context else ())
        where = _path_text(loc)
        reason = context.get("reason") or _PYDANTIC_REASONS.get(
            error["type"], "har en ugyldig værdi"
        )
        value = error.get("input")
        if own and ("index" in context or not isinstance(value, str | int)):
            value = context["value"]  # the list item, or a Decimal or time as text
        shown_value = ""
        if error["type"] not in ("missing",) and isinstance(value, str | int | float | bool):
            text = repr(value) if not isinstance(value, str) else f"»{shown(value)}«"
            shown_value = f" (værdi {text})"
        problems.append(f"feltet {where}{shown_value} {reason}")
    more = exc.error_count() - len(problems)
    extra = f" og {more} fejl mere" if more > 0 else ""
    return f"Filen »{name}« er ikke et gyldigt aktstykke: " + "; ".join(problems) + extra + "."


_BLOCK_TAGS = frozenset({"paragraph", "subheading", "table"})


def _path_text(loc: tuple[int | str, ...]) -> str:
    """('sections', 1, 'blocks', 0, 'table', 'rows', 0) -> 'sections[1].blocks[0].rows[0]':
    the JSON path in the file, without the block type pydantic adds to the location."""
    text = ""
    for index, part in enumerate(loc):
        if isinstance(part, int):
            text += f"[{part}]"
        elif not (part in _BLOCK_TAGS and index >= 2 and loc[index - 2] == "blocks"):
            text += ("." if text else "") + shown(str(part))
    return text or "(roden)"


class _Duplicates(dict[str, object]):
    """A JSON object that had a key twice (the last value kept, as json does)."""

    duplicate: str


def _first_repeated(keys: Iterable[str]) -> str:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    raise ValueError("no key repeats")


def _parse_json(text: str) -> tuple[object, _Duplicates | None]:
    """The JSON value and the first object in it that repeats a key (or None)."""
    marked: list[_Duplicates] = []

    def object_from(pairs: list[tuple[str, object]]) -> dict[str, object]:
        result = dict(pairs)
        if len(result) == len(pairs):
            return result
        duplicate = _Duplicates(result)
        duplicate.duplicate = _first_repeated(k for k, _ in pairs)
        marked.append(duplicate)
        return duplicate

    raw = json.loads(text, object_pairs_hook=object_from)
    return raw, (marked[0] if marked else None)


def _json_path(raw: object, target: object) -> str:
    """Where `target` sits inside `raw`, as 'sections[1].blocks[0]'."""
    stack: list[tuple[object, str]] = [(raw, "")]
    while stack:
        value, where = stack.pop()
        if value is target:
            return where or "(roden)"
        if isinstance(value, dict):
            stack.extend(
                (v, f"{where}.{shown(k)}" if where else shown(k)) for k, v in value.items()
            )
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(value))
    return "(roden)"
