"""Danish spell-check of an aktstykke's prose, headless (issue 15 point 6).

The words are judged by Hunspell with the Danish dictionary (Stavekontrolden, the
files Debian ships as hunspell-da, carried in resources/dictionaries/ so the
program finds them on every platform), through enchant (pyenchant). This module
decides which words are checked at all; the domain's own words are never flagged:

- words with a digit, single letters, words in capitals (IOM, ICMPD, ICMPDs) and
  abbreviations with their period (pkt., jf., mio., kr., bl.a., Aktstk.);
- ministry names (resources/ministries.json) and the domain's words that the
  dictionary lacks (resources/dictionaries/fagord.txt);
- the author's own words ("Tilføj til ordbog"), kept in the user's data folder;
- § accounts, amounts and dates (they hold digits), web and mail addresses.

A hyphenated compound ("Capacity-programmet", "EU-landene") passes when the
dictionary knows it whole or knows each part. Every verdict is cached per word,
so a keystroke costs a dictionary look-up only for a word not seen before.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from forms.atomic import atomic_write_bytes, os_error_reason
from forms.lazyre import lazy_compile

LANGUAGE = "da_DK"
FOLDER = "dictionaries"
"""resources/dictionaries/: hunspell/da_DK.aff and .dic, fagord.txt."""
APP_NAME = "Aktstykke"
PERSONAL_FILE = "ordbog.txt"
SUGGESTIONS = 6
_CACHE_LIMIT = 200_000

# A word: letters and digits, joined by inner hyphens or apostrophes; a
# trailing hyphen belongs to it ("Børne- og Undervisningsministeriet").
_TOKEN = lazy_compile(r"\w+(?:[-'’]\w+)*-?")
_ADDRESS = lazy_compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_CAPITALS = lazy_compile(r"[A-ZÆØÅ]{2,}(?:s|['’]s)?")
# Abbreviations the dictionary may lack; checked with their period only.
ABBREVIATIONS = frozenset(
    "akt aktstk bl ca dvs ekskl eks el evt fl fx hhv ifm ift iht inkl jf jvf kr mfl mht mia "  # noqa: SIM905
    "mio mm mv nr ol osv pct pga pkt stk tkr tlf vedr vha".split()
)


class SpellingUnavailable(Exception):
    """The dictionary or enchant could not be loaded; `message` says why, in Danish."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Misspelling:
    """A word the dictionary does not know, as a span of the text (Python offsets)."""

    start: int
    end: int
    word: str


def dictionary_folder() -> Path:
    return Path(str(resources.files("resources").joinpath(FOLDER)))


def personal_path() -> Path:
    """The personal word list in the user's data folder (platformdirs)."""
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False) / PERSONAL_FILE


@cache
def _domain_words() -> frozenset[str]:
    words: set[str] = set()
    folder = resources.files("resources")
    text = folder.joinpath(FOLDER, "fagord.txt").read_text("utf-8")
    words.update(line.strip() for line in text.splitlines() if line.strip()[:1] not in ("", "#"))
    data = json.loads(folder.joinpath("ministries.json").read_text("utf-8"))
    for name in data.get("names", ()):
        for part in _TOKEN.findall(str(name)):
            words.update((part, part.rstrip("-")))
    return frozenset(words)


class PersonalWords:
    """The author's own words, one per line in a UTF-8 file, saved atomically."""

    HEADER = "# Aktstykke: ord, du har tilføjet til ordbogen (ét ord pr. linje)\n"

    def __init__(self, path: Path | None = None):
        self.path = path or personal_path()
        self.error: str | None = None
        """Why the file could not be read; then it is never written over."""
        self._words: set[str] = set()
        self._load()

    def _load(self) -> None:
        try:
            text = self.path.read_text("utf-8")
        except FileNotFoundError:
            return
        except UnicodeDecodeError:
            self.error = f"Den personlige ordbog »{self.path}« er ikke en UTF-8-tekstfil."
            return
        except OSError as exc:
            self.error = (
                f"Den personlige ordbog »{self.path}« kan ikke læses: {os_error_reason(exc)}."
            )
            return
        self._words = {w.strip() for w in text.splitlines() if w.strip() and w[0] != "#"}

    def __contains__(self, word: str) -> bool:
        return word in self._words or (word[:1].isupper() and word.lower() in self._words)

    def words(self) -> list[str]:
        return sorted(self._words, key=str.casefold)

    def add(self, word: str) -> None:
        """Add a word and save the list; SpellingUnavailable (Danish) when it cannot."""
        word = word.strip()
        if not word or word in self._words:
            return
        if self.error:
            raise SpellingUnavailable(f"{self.error} Ordet »{word}« er ikke tilføjet.")
        words = self._words | {word}
        data = (self.HEADER + "".join(f"{w}\n" for w in sorted(words, key=str.casefold))).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, data)
        except OSError as exc:
            raise SpellingUnavailable(
                f"Ordet »{word}« kunne ikke gemmes i den personlige ordbog »{self.path}«: "
                f"{os_error_reason(exc)}."
            ) from exc
        self._words = words


class Dictionary(Protocol):
    """What the spell-check asks of a dictionary (enchant's Dict, or a test's)."""

    def check(self, word: str) -> bool: ...

    def suggest(self, word: str) -> list[str]: ...


class SpellChecker:
    """Danish spell-check with the domain's words and the author's own.

    `load()` opens the dictionary (a few tenths of a second; the editor does it in
    the background). Until then, or when it cannot be loaded, nothing is flagged
    and `unavailable` says why."""

    def __init__(self, personal: PersonalWords | None = None, backend: Dictionary | None = None):
        self.personal = personal if personal is not None else PersonalWords()
        self._backend = backend
        self.unavailable: str | None = None
        self._known: dict[str, bool] = {}
        self._suggested: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    # -- the dictionary -------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        return self._backend is not None

    def load(self) -> SpellChecker:
        """Open the Danish dictionary; on failure `unavailable` holds the reason."""
        with self._lock:
            if self._backend is None and self.unavailable is None:
                _domain_words()  # read here, off the editor's thread, not when made
                try:
                    self._backend = _open_dictionary()
                except SpellingUnavailable as exc:
                    self.unavailable = exc.message
        return self

    # -- what is checked ------------------------------------------------------------------

    def misspelled(self, text: str, skip: tuple[int, int] | None = None) -> list[Misspelling]:
        """The words of a text the dictionary does not know, in order. `skip` is a span
        (the word being typed) that is left alone."""
        if not self.ready or not text:
            return []
        hidden = []
        if "@" in text or "://" in text or "www." in text:
            hidden = [m.span() for m in _ADDRESS.finditer(text)]
        found = []
        for match in _TOKEN.finditer(text):
            start, end = match.span()
            if skip is not None and start <= skip[1] and skip[0] <= end:
                continue
            if hidden and any(a <= start < b for a, b in hidden):
                continue
            word = match.group()
            if not self.is_known(word, abbreviated=text[end : end + 1] == "."):
                found.append(Misspelling(start, end, word))
        return found

    def is_known(self, word: str, *, abbreviated: bool = False) -> bool:
        """Whether a word passes: the domain's rules, then the dictionary (cached)."""
        key = f"{word}." if abbreviated else word
        verdict = self._known.get(key)
        if verdict is None:
            verdict = self._judge(word, abbreviated)
            if len(self._known) >= _CACHE_LIMIT:
                self._known.clear()
            self._known[key] = verdict
        return verdict

    def _judge(self, word: str, abbreviated: bool) -> bool:
        if self._skipped(word, abbreviated) or word in self.personal:
            return True
        if self._backend is None:
            return True
        if self._check(word) or (abbreviated and self._check(f"{word}.")):
            return True
        stem = word.rstrip("-")
        if stem != word and (self._skipped(stem, False) or self._check(stem)):
            return True
        if "-" in stem:  # a compound passes when each part does
            return all(
                self._skipped(part, False) or part in self.personal or self._check(part)
                for part in stem.split("-")
            )
        return False

    def _skipped(self, word: str, abbreviated: bool) -> bool:
        return (
            len(word) < 2
            or any(ch.isdigit() or ch == "_" for ch in word)
            or bool(_CAPITALS.fullmatch(word))
            or word in _domain_words()
            or (abbreviated and word.lower() in ABBREVIATIONS)
        )

    def _check(self, word: str) -> bool:
        if self._backend is None:
            return True  # not loaded: nothing is flagged
        try:
            return bool(self._backend.check(word))
        except Exception:  # a word enchant cannot take (e.g. odd characters) is not flagged
            return True

    # -- suggestions and the personal list -------------------------------------------------

    def suggestions(self, word: str) -> list[str]:
        """Up to six corrections, best first (cached)."""
        backend = self._backend
        if backend is None:
            return []
        found = self._suggested.get(word)
        if found is None:
            try:
                found = [s for s in backend.suggest(word) if s != word][:SUGGESTIONS]
            except Exception:
                found = []
            if len(self._suggested) >= 1000:
                self._suggested.clear()
            self._suggested[word] = found
        return list(found)

    def add_word(self, word: str) -> None:
        """'Tilføj til ordbog': never flagged again, here and in later sessions."""
        self.personal.add(word)
        self._known = {k: v for k, v in self._known.items() if v}


def _enchant_folder(folder: Path) -> Path | None:
    """A folder of the user's that enchant may write to, with a copy of the program's
    dictionary in hunspell/ (kept equal to it); None when none can be made."""
    import platformdirs

    target = platformdirs.user_cache_path(APP_NAME, appauthor=False) / "enchant"
    try:
        (target / "hunspell").mkdir(parents=True, exist_ok=True)
        for name in (f"{LANGUAGE}.aff", f"{LANGUAGE}.dic"):
            source, copy = folder / "hunspell" / name, target / "hunspell" / name
            wanted = source.stat()
            if copy.is_file():
                found = copy.stat()
                if (found.st_size, found.st_mtime_ns) == (wanted.st_size, wanted.st_mtime_ns):
                    continue
            partial = copy.with_name(f".{name}.tmp")
            shutil.copy2(source, partial)
            os.replace(partial, copy)
    except OSError:
        return None
    return target


_OPENED: list[Dictionary] = []
_OPENING = threading.Lock()


def _open_dictionary() -> Dictionary:
    """The Danish dictionary, opened once per program and shared."""
    with _OPENING:
        if not _OPENED:
            _OPENED.append(_open_enchant())
        return _OPENED[0]


def _open_enchant() -> Dictionary:
    """enchant's Danish Hunspell dictionary from the program's own files."""
    folder = dictionary_folder()
    if not (folder / "hunspell" / f"{LANGUAGE}.dic").is_file():
        raise SpellingUnavailable(
            f"Stavekontrollen er slået fra: den danske ordbog mangler i »{folder}«."
        )
    # enchant reads dictionaries from its configuration folder's hunspell/ (and writes
    # its own word lists there), reading the folder's name when it is first imported.
    os.environ["ENCHANT_CONFIG_DIR"] = str(_enchant_folder(folder) or folder)
    try:
        import enchant
    except (ImportError, OSError) as exc:
        raise SpellingUnavailable(
            "Stavekontrollen er slået fra: programbiblioteket enchant findes ikke på "
            f"computeren ({exc}). På Debian og Ubuntu: installér pakken libenchant-2-2."
        ) from exc
    try:
        broker = enchant.Broker()
        dictionary: Dictionary = broker.request_dict(LANGUAGE)
        return dictionary
    except Exception as exc:
        raise SpellingUnavailable(
            f"Stavekontrollen er slået fra: den danske ordbog kunne ikke åbnes ({exc})."
        ) from exc
