"""The `aktstykke` command.

`aktstykke [FILE]` opens the editor; `aktstykke COMMAND …` runs headless.
Each command lives in its own module in cli/commands/ with a `register`
function; headless commands never import Qt. COMMANDS names them with their
one-line help, so `aktstykke --help` and the parser import no command module
and `aktstykke COMMAND` imports only that command's (a test holds the table to
what each module registers).

A first argument that is neither a command nor an existing file is refused
with exit status 2 ("ukendt kommando »chek«. Mente du »check«?"), never taken
for a file to open. A program error never shows a traceback: it goes to the
log file (forms.logfile), the user gets one Danish line naming the file, and
the exit status is 70.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import importlib
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from forms import logfile
from forms.version import APP_VERSION

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2
EXIT_INTERNAL = logfile.EXIT_INTERNAL
EXIT_INTERRUPTED = 130

_ARGPARSE_DANISH = {
    "the following arguments are required": "følgende argumenter mangler",
    "unrecognized arguments": "ukendte argumenter",
    "invalid choice": "ugyldigt valg",
    "expected one argument": "forventer én værdi",
    "argument": "argument",
    "choose from": "vælg mellem",
}


class DanishHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        return super().add_usage(usage, actions, groups, "brug: " if prefix is None else prefix)


class DanishArgumentParser(argparse.ArgumentParser):
    """argparse in Danish: help, usage and error lines; exit status 2 for bad arguments."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", DanishHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumenter"
        self._optionals.title = "tilvalg"
        self.add_argument(
            "-h", "--help", action="help", default=argparse.SUPPRESS, help="vis denne hjælp"
        )

    def error(self, message: str) -> None:  # type: ignore[override]
        for english, danish in _ARGPARSE_DANISH.items():
            message = message.replace(english, danish)
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fejl: {message}\n")


@dataclass(frozen=True)
class Command:
    """A command as `aktstykke --help` lists it; its module is imported only to run it."""

    name: str
    module: str
    help: str


COMMANDS: tuple[Command, ...] = (
    Command(
        "check", "cli.commands.check", "kontrollér en kladde og vis fejl, advarsler og bemærkninger"
    ),
    Command("export", "cli.commands.export", "eksportér en kladde til Word, PDF, tekst eller HTML"),
    Command(
        "import",
        "cli.commands.importing",
        "lav en kladde ud fra et aktstykke (.docx, .pdf, .txt), eller hent ændringer "
        "fra en rundsendt Word-fil ind i en kladde",
    ),
    Command(
        "keys", "cli.commands.keys", "dit certifikat til underskrifter og de betroede certifikater"
    ),
    Command(
        "new",
        "cli.commands.new",
        "opret en ny kladde, tom eller ud fra en almindelig slags aktstykke",
    ),
    Command(
        "signoff",
        "cli.commands.signoff",
        "registrér, vis eller tilbagekald godkendelser af en kladde",
    ),
    Command("verify", "cli.commands.verify", "kontrollér, om en Word-fil er den godkendte version"),
)
COMMAND_NAMES = frozenset(c.name for c in COMMANDS)


def command_module(command: Command) -> ModuleType:
    """The module that registers and runs `command`."""
    return importlib.import_module(command.module)


def build_parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the `chosen` command's module is imported and registers its
    arguments, the others are listed with their help line from COMMANDS."""
    parser = DanishArgumentParser(
        prog="aktstykke",
        description="Skriv, tjek og eksportér aktstykker til Folketingets Finansudvalg. "
        "Uden kommando åbnes editoren.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"aktstykke {APP_VERSION}",
        help="vis programmets version",
    )
    commands = parser.add_subparsers(
        dest="command", metavar="KOMMANDO", parser_class=DanishArgumentParser
    )
    for command in COMMANDS:
        if command.name == chosen:
            command_module(command).register(commands)
        else:
            commands.add_parser(command.name, help=command.help)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _printable_streams()
    logfile.setup_logging()
    if sys.excepthook is sys.__excepthook__:
        logfile.install_excepthook()  # a worker thread's or shutdown's error is logged too
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        if sys.stderr is not None:
            print("aktstykke: afbrudt.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a program error: the log gets the traceback, not the user
        return logfile.report_crash("aktstykke", exc)


def _main(args: list[str]) -> int:
    if not args:
        return _open_editor(args)
    if args[0] not in COMMAND_NAMES and not args[0].startswith("-"):
        return _open_file_or_explain(args, sorted(COMMAND_NAMES))
    # The first word that is not an option is the command (the program's own
    # options, --help and --version, take no value).
    chosen = next((arg for arg in args if not arg.startswith("-")), None)
    parser = build_parser(chosen)
    parsed = parser.parse_args(args)
    if parsed.command is None:
        parser.print_help()
        return EXIT_USAGE
    return int(parsed.run(parsed) or 0)


def _open_file_or_explain(args: list[str], known: list[str]) -> int:
    """`aktstykke FILE` opens the editor; anything else is said to be unknown."""
    from forms.limits import shown

    path = Path(args[0])
    first = shown(args[0], 80)
    try:
        is_file, is_dir = path.is_file(), path.is_dir()
    except OSError:  # e.g. a name too long for the file system
        is_file = is_dir = False
    if is_file:
        return _open_editor(args)
    if is_dir:
        return _usage_error(
            f"»{first}« er en mappe; angiv en kladde (.aktstykke) eller en Word-fil (.docx)."
        )
    if path.suffix or "/" in args[0] or "\\" in args[0]:  # a path (kladde.aktstykke), not a command
        return _usage_error(f"filen »{first}« findes ikke.")
    close = difflib.get_close_matches(args[0].lower(), known, n=1)
    if close:
        return _usage_error(f"ukendt kommando »{first}«. Mente du »{close[0]}«?")
    return _usage_error(
        f"ukendt kommando »{first}«. Kommandoerne er: {', '.join(known)} (se aktstykke "
        "--help); en fil åbnes i editoren med »aktstykke FIL«."
    )


def _usage_error(message: str) -> int:
    print(f"aktstykke: fejl: {message}", file=sys.stderr)
    return EXIT_USAGE


def _printable_streams() -> None:
    """Text that cannot be encoded (a file name with undecodable bytes, a lone
    surrogate) is printed escaped instead of raising UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _open_editor(args: list[str]) -> int:
    if len(args) > 1:
        print("aktstykke: fejl: editoren åbner højst én fil ad gangen.", file=sys.stderr)
        return EXIT_USAGE
    from desktop.app import run_editor  # Qt is imported only here

    return run_editor(args[0] if args else None)


if __name__ == "__main__":
    sys.exit(main())
