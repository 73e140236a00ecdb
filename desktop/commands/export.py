"""`aktstykke export FILE -o OUT.docx|.pdf|.txt|.html [--template T] [--changes-since V]`.

FILE is a draft (.aktstykke) or a Word file exported by the program (its
embedded draft is used; refused when the file was changed in Word since, as
exporting would drop those changes). With --changes-since the Word file
shows what changed since that version as native tracked changes. The output is replaced atomically; the input is
never touched. Exit 0 exported, 1 the export failed, 2 unusable input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from exporters.errors import ExportError, TemplateError
from exporters.formats import FORMATS, TEMPLATE_FORMATS, export_file
from exporters.pdf import MISSING, soffice_available
from exporters.word import export_docx
from forms.draftfile import (
    SUFFIX,
    DraftFileError,
    DraftInUse,
    LoadedDraft,
    load_draft,
    update_draft,
)
from forms.draftlock import open_elsewhere
from forms.embedded import load_docx_draft
from forms.finalgate import final_export_blockers, final_footer_note
from forms.model import Aktstykke
from forms.signoff import default_signer_name, record_final_export

PROG = "aktstykke export"
WORD_INPUTS = (".docx", ".docm")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "export",
        help="eksportér en kladde til Word, PDF, tekst eller HTML",
        description="Eksportér en kladde (.aktstykke) eller en eksporteret Word-fil til "
        "Word (.docx), PDF (.pdf, kræver LibreOffice), tekst (.txt) eller HTML (.html). "
        "En eksisterende fil erstattes helt eller slet ikke.",
    )
    parser.add_argument(
        "file", metavar="FIL", help="kladden (.aktstykke) eller en .docx fra programmet"
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="UD",
        help="den eksporterede fil; endelsen vælger formatet",
    )
    parser.add_argument(
        "--template",
        metavar="SKABELON",
        help="ministeriets egen Word-skabelon (.docx eller .dotx) med brevhoved og typografier",
    )
    parser.add_argument(
        "--final",
        action="store_true",
        help="endelig udgave til ministerens underskrift: uden UDKAST og med fingeraftryk; "
        "kræver at tjekket ikke finder fejl, og at alle påkrævede godkendelser er gældende",
    )
    parser.add_argument(
        "--changes-since",
        metavar="VERSION",
        help="Eksportér med ændringer: Word-filen viser som registrerede ændringer (Spor "
        "ændringer) alt, der er ændret siden VERSION – en kladde (.aktstykke) eller en "
        "tidligere eksport (.docx)",
    )
    parser.add_argument(
        "--author",
        metavar="NAVN",
        help="navnet, ændringerne står med i Word (standard: systemets brugernavn)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    source = Path(args.file)
    target = Path(args.output)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(FORMATS)
        return _fail(f"»{target.name}« har en ukendt endelse; der kan eksporteres til {known}.", 2)
    if not target.parent.is_dir():
        return _fail(f"mappen »{target.parent}« findes ikke.", 2)
    if _same_file(source, target):
        return _fail(
            f"eksporten ville overskrive inputfilen »{source.name}«. Vælg et andet navn.", 2
        )
    loaded = _load(source)
    if isinstance(loaded, int):
        return loaded
    draft, saved = loaded
    template = Path(args.template) if args.template else None
    if template is not None and suffix not in TEMPLATE_FORMATS:
        print(
            f"{PROG}: bemærk: --template bruges kun til Word og PDF; den ignoreres for "
            f"{FORMATS[suffix]}.",
            file=sys.stderr,
        )
        template = None
    if suffix == ".pdf" and not soffice_available():
        return _fail(MISSING, 1)
    since = None
    if args.changes_since:
        if suffix != ".docx" or args.final:
            return _fail(
                "--changes-since laver en Word-fil (.docx) med registrerede ændringer; den kan "
                "ikke bruges til andre formater eller til den endelige udgave.",
                2,
            )
        since = _load_version(Path(args.changes_since))
        if isinstance(since, int):
            return since
    footer_note = None
    event = None
    if args.final:
        blockers = final_export_blockers(draft)
        if blockers:
            print(f"{PROG}: fejl: den endelige udgave kan ikke laves endnu:", file=sys.stderr)
            for reason in blockers:
                print(f"  – {reason}", file=sys.stderr)
            return 1
        # The audit line is written back into the draft file: not while someone
        # has it open in the editor, whose next save would not know of it.
        holder = open_elsewhere(saved.path) if saved is not None else None
        if holder is not None:
            return _fail(DraftInUse(saved.path, holder).message, 2)
        # The audit line travels inside the exported file and, for a draft file,
        # is saved back to it once the export has succeeded.
        event = record_final_export(draft, default_signer_name(), target.name)
        footer_note = final_footer_note(draft)
    try:
        if since is not None:
            report = export_docx(
                draft,
                target,
                template=template,
                changes_since=since,
                change_author=args.author or default_signer_name(),
            )
        else:
            report = export_file(
                draft, target, template=template, final=args.final, footer_note=footer_note
            )
    except TemplateError as exc:
        return _fail(exc.message, 2)
    except ExportError as exc:
        return _fail(exc.message, 1)
    if event is not None and saved is not None:
        try:
            # Appended to the draft as it is on disk now, under its lock, so a
            # sign-off recorded during the export is kept.
            update_draft(saved.path, lambda current: _append_audit(current, event))
        except DraftFileError as exc:
            print(
                f"{PROG}: bemærk: eksporten er lavet, men logbogen i kladden kunne ikke "
                f"opdateres: {exc.message}",
                file=sys.stderr,
            )
    final = "Endelig udgave e" if args.final else "E"
    print(f"{final}ksporteret til {FORMATS[suffix]}: {target}")
    if since is not None:
        print(
            f"Ændringerne siden {Path(args.changes_since).name} står som registrerede ændringer "
            f"af {args.author or default_signer_name()}."
        )
    note = report.fallback_message()
    if note:
        print(f"Bemærk: {note}")
    return 0


def _load_version(path: Path) -> Aktstykke | int:
    """The version changes are shown since: a draft file or an earlier export."""
    try:
        if path.suffix.lower() in WORD_INPUTS:
            return load_docx_draft(path)
        return load_draft(path).draft
    except DraftFileError as exc:
        return _fail(exc.message, 2)


def _append_audit(draft: Aktstykke, event) -> None:
    draft.audit = [*draft.audit, event]


def _load(source: Path) -> tuple[Aktstykke, LoadedDraft | None] | int:
    suffix = source.suffix.lower()
    try:
        if suffix == SUFFIX:
            loaded = load_draft(source)
            return loaded.draft, loaded
        if suffix in WORD_INPUTS:
            return _returned_draft(source), None
    except DraftFileError as exc:
        return _fail(exc.message, 2)
    return _fail(
        f"»{source.name}« kan ikke eksporteres: angiv en kladde ({SUFFIX}) eller en Word-fil "
        "(.docx), som programmet har eksporteret.",
        2,
    )


def _returned_draft(source: Path) -> Aktstykke:
    """The draft in a Word file, refused when the file shows something else:
    exporting it would silently drop what colleagues changed in Word."""
    from exporters.shown import shown_document
    from forms.importing import SourceError
    from forms.importing.files import read_source
    from forms.roundtrip.returned import read_returned

    try:
        returned = read_returned(read_source(source), source.name, shown_document)
    except SourceError as exc:
        raise DraftFileError(source, exc.message) from None
    if returned.base is None:
        return load_docx_draft(source)  # its message says there is no draft
    if returned.differs:
        count = len(returned.changes)
        raise DraftFileError(
            source,
            f"»{source.name}« er ændret i Word ({count} ændring{'er' if count != 1 else ''} i "
            "forhold til kladden i filen), og en eksport herfra ville tabe dem. Hent "
            f"ændringerne først: »aktstykke import {source.name} -o KLADDE.aktstykke« (eller "
            "--into en eksisterende kladde), og eksportér kladden.",
        )
    return returned.base


def _same_file(source: Path, target: Path) -> bool:
    try:
        return source.resolve() == target.resolve() or (
            target.exists() and source.exists() and source.samefile(target)
        )
    except OSError:
        return False


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: fejl: {message}", file=sys.stderr)
    return code
