"""The `aktstykke` command.

`aktstykke [FILE]` opens the editor; `aktstykke COMMAND …` runs headless.
Each command lives in its own module in desktop/commands/ with a `register`
function; headless commands never import Qt.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import desktop.commands
from forms.version import APP_VERSION

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

_ARGPARSE_DANISH = {
    "the following arguments are required": "følgende argumenter mangler",
    "unrecognized arguments": "ukendte argumenter",
    "invalid choice": "ugyldigt valg",
    "expected one argument": "forventer én værdi",
    "argument": "argument",
    "choose from": "vælg mellem",
}


class DanishHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "brug: " if prefix is None else prefix)


class DanishArgumentParser(argparse.ArgumentParser):
    """argparse in Danish: help, usage and error lines; exit status 2 for bad arguments."""

    def __init__(self, *args, **kwargs):
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


def command_modules() -> list:
    return [
        importlib.import_module(f"desktop.commands.{info.name}")
        for info in pkgutil.iter_modules(desktop.commands.__path__)
        if not info.name.startswith("_")
    ]


def build_parser() -> argparse.ArgumentParser:
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
    for module in command_modules():
        module.register(commands)
    parser.set_defaults(command_names=frozenset(commands.choices))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    known = parser.get_default("command_names")
    if not args or (args[0] not in known and not args[0].startswith("-")):
        return _open_editor(args)
    parsed = parser.parse_args(args)
    if parsed.command is None:
        parser.print_help()
        return EXIT_USAGE
    return int(parsed.run(parsed) or 0)


def _open_editor(args: list[str]) -> int:
    if len(args) > 1:
        print("aktstykke: fejl: editoren åbner højst én fil ad gangen.", file=sys.stderr)
        return EXIT_USAGE
    from desktop.app import run_editor  # Qt is imported only here

    return run_editor(args[0] if args else None)


if __name__ == "__main__":
    sys.exit(main())
