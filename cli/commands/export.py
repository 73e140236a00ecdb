"""`aktstykke export FILE -o OUT.docx|.pdf|.txt|.html [--template T] [--changes-since V]`,
and `aktstykke export FILE --urgency-letter -o LETTER.docx` for the letter asking for
urgent treatment (an urgent draft, B-03).

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
from typing import TYPE_CHECKING

from cli.commands._identity import add_certificate_argument
from exporters.errors import ExportError, TemplateError
from exporters.formats import FORMATS, TEMPLATE_FORMATS, export_file
from exporters.output import check_target, same_file, short_name
from forms.draftfile import (
    SUFFIX,
    DraftFileError,
    DraftInUse,
    LoadedDraft,
    load_draft,
    update_draft,
)
from forms.draftlock import current_user, open_elsewhere

if TYPE_CHECKING:
    from exporters.final import FinalExport
    from forms.model import Aktstykke

# What only the final export, --changes-since or a Word input needs is imported
# there: `aktstykke export kladde.aktstykke -o x.docx` loads neither the checks
# nor the signing (issue 16).

PROG = "aktstykke export"
WORD_INPUTS = (".docx", ".docm")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
        "kræver at tjekket ikke finder fejl, at alle påkrævede godkendelser er gældende og "
        "underskrevet med betroede certifikater, og at hver åben advarsel er kvitteret",
    )
    parser.add_argument(
        "--acknowledge",
        action="append",
        default=[],
        metavar="REGEL[,REGEL]",
        help="kvittér for de åbne advarsler med disse regel-id'er (fx E-05,TAB-05) ved "
        "endelig eksport; kvitteringen skrives i logbogen med dit navn",
    )
    parser.add_argument(
        "--acknowledge-all-warnings",
        action="store_true",
        help="kvittér for alle åbne advarsler ved endelig eksport (de vises og skrives i logbogen)",
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
    parser.add_argument(
        "--urgency-letter",
        action="store_true",
        help="eksportér i stedet brevet til Finansudvalgets formand om hastebehandling "
        "(Word, .docx); kun for en kladde, der er markeret som hastende",
    )
    add_certificate_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    source = Path(args.file)
    target = Path(args.output)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(FORMATS)
        return _fail(
            f"»{short_name(target.name)}« har en ukendt endelse; der kan eksporteres til {known}.",
            2,
        )
    if not _is_folder(target.parent):
        return _fail(f"mappen »{target.parent}« findes ikke.", 2)
    try:
        check_target(target)  # before the work: a name too long, a folder
    except ExportError as exc:
        return _fail(exc.message, 2)
    if same_file(source, target):
        return _fail(
            f"eksporten ville overskrive inputfilen »{source.name}«. Vælg et andet navn.", 2
        )
    loaded = _load(source)
    if isinstance(loaded, int):
        return loaded
    draft, saved = loaded
    if args.urgency_letter:
        return _urgency_letter(args, draft, target)
    template = Path(args.template) if args.template else _ministry_template(suffix)
    if template is not None and suffix not in TEMPLATE_FORMATS:
        print(
            f"{PROG}: bemærk: --template bruges kun til Word og PDF; den ignoreres for "
            f"{FORMATS[suffix]}.",
            file=sys.stderr,
        )
        template = None
    if suffix == ".pdf":
        from exporters.pdf import MISSING, soffice_available

        if not soffice_available():
            return _fail(MISSING, 1)
    since: Aktstykke | None = None
    if args.changes_since:
        if suffix != ".docx" or args.final:
            return _fail(
                "--changes-since laver en Word-fil (.docx) med registrerede ændringer; den kan "
                "ikke bruges til andre formater eller til den endelige udgave.",
                2,
            )
        version = _load_version(Path(args.changes_since))
        if isinstance(version, int):
            return version
        since = version
    final: FinalExport | None = None
    identity = None
    if args.final:
        from cli.commands._identity import identity_for
        from exporters.final import FinalExport
        from forms.finalgate import unacknowledged, warning_line
        from forms.pki import PkiError
        from forms.signoff import SignOffError

        final = FinalExport.start(draft)
        if final.blockers:
            print(f"{PROG}: fejl: den endelige udgave kan ikke laves endnu:", file=sys.stderr)
            for reason in final.blockers:
                print(f"  – {reason}", file=sys.stderr)
            return 1
        # The audit lines are written back into the draft file: not while someone
        # has it open in the editor, whose next save would not know of them.
        holder = open_elsewhere(saved.path) if saved is not None else None
        if saved is not None and holder is not None:
            return _fail(DraftInUse(saved.path, holder).message, 2)
        named = [rule for value in args.acknowledge for rule in value.split(",")]
        pending = [] if args.acknowledge_all_warnings else unacknowledged(final.warnings, named)
        if pending:
            print(
                f"{PROG}: fejl: {len(pending)} åbne advarsler skal kvitteres ved navn, før den "
                "endelige udgave laves:",
                file=sys.stderr,
            )
            for finding in pending:
                print(f"  – {warning_line(finding)}", file=sys.stderr)
            rules = ",".join(dict.fromkeys(f.rule for f in pending))
            print(
                f"Kvittér med --acknowledge {rules} (eller --acknowledge-all-warnings).",
                file=sys.stderr,
            )
            return 1
        try:
            identity = identity_for(args)
            # The audit lines (acknowledged warnings, the export) travel inside the
            # exported file and, for a draft file, are saved back to it once the
            # export has succeeded.
            final.sign(identity, target)
        except (PkiError, SignOffError) as exc:
            return _fail(exc.message, 2)
        for line in final.acknowledgements():
            print(f"Kvitteret af {identity.name}: {line}")
    try:
        if since is not None:
            from exporters.word import export_docx

            report = export_docx(
                draft,
                target,
                template=template,
                changes_since=since,
                change_author=args.author or current_user()[1],
            )
        else:
            report = export_file(
                draft,
                target,
                template=template,
                final=final is not None,
                footer_note=final.footer_note if final is not None else None,
                signer=identity,
            )
    except TemplateError as exc:
        return _fail(exc.message, 2)
    except ExportError as exc:
        return _fail(exc.message, 1)
    if final is not None and final.recorded and saved is not None and identity is not None:
        from forms.signoffrecord import append_recorded

        recorded, signer = final.recorded, identity
        try:
            # Appended to the draft as it is on disk now, under its lock, so a
            # sign-off recorded during the export is kept.
            update_draft(saved.path, lambda current: append_recorded(current, recorded, signer))
        except DraftFileError as exc:
            print(
                f"{PROG}: bemærk: eksporten er lavet, men logbogen i kladden kunne ikke "
                f"opdateres: {exc.message}",
                file=sys.stderr,
            )
    done = "Endelig udgave e" if args.final else "E"
    print(f"{done}ksporteret til {FORMATS[suffix]}: {target}")
    if since is not None:
        print(
            f"Ændringerne siden {Path(args.changes_since).name} står som registrerede ændringer "
            f"af {args.author or current_user()[1]}."
        )
    note = report.fallback_message()
    if note:
        print(f"Bemærk: {note}")
    return 0


def _urgency_letter(args: argparse.Namespace, draft: Aktstykke, target: Path) -> int:
    from exporters.urgentletter import export_urgency_letter

    if target.suffix.lower() != ".docx":
        return _fail("brevet om hastebehandling er en Word-fil: angiv -o BREV.docx.", 2)
    if args.final or args.changes_since or args.template:
        return _fail(
            "--urgency-letter kan ikke kombineres med --final, --changes-since eller --template.",
            2,
        )
    if not draft.flags.urgent:
        return _fail(
            "kladden er ikke markeret som hastende (»Sagen haster« i hovedet), så der er "
            "intet brev om hastebehandling at eksportere.",
            2,
        )
    try:
        export_urgency_letter(draft, target)
    except ExportError as exc:
        return _fail(exc.message, 1)
    except OSError as exc:
        from forms.atomic import os_error_reason

        return _fail(f"»{target.name}« kan ikke skrives: {os_error_reason(exc)}.", 1)
    print(f"Brevet om hastebehandling er eksporteret til Word: {target}")
    if draft.flags.target_meeting is None:
        print(
            "Bemærk: der er ikke valgt et møde i Finansudvalget; brevet beder om behandling "
            "»hurtigst muligt«."
        )
    return 0


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
        from forms.embedded import load_docx_draft

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


def _load_version(path: Path) -> Aktstykke | int:
    """The version changes are shown since: a draft file or an earlier export."""
    try:
        if path.suffix.lower() in WORD_INPUTS:
            from forms.embedded import load_docx_draft

            return load_docx_draft(path)
        return load_draft(path).draft
    except DraftFileError as exc:
        return _fail(exc.message, 2)


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # a name too long for the file system
        return False


def _fail(message: str, code: int) -> int:
    print(f"{PROG}: fejl: {message}", file=sys.stderr)
    return code


def _ministry_template(suffix: str) -> Path | None:
    """The template ministry IT set for everyone (AKTSTYKKE_TEMPLATE), for Word and PDF;
    a note, and our own template, when it does not exist."""
    from forms.sitesettings import ministry_template, ministry_template_problem

    path = ministry_template()
    if path is None or suffix not in TEMPLATE_FORMATS:
        return None
    problem = ministry_template_problem(path)
    if problem is not None:
        print(f"{PROG}: bemærk: {problem}", file=sys.stderr)
        return None
    return path
