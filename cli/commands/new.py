"""`aktstykke new -o FILE`: an empty søgende draft dated today."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.draftfile import SUFFIX, DraftFileError, save_draft
from forms.templates import new_draft


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser("new", help="opret en tom kladde til et søgende aktstykke")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FIL", help="den nye kladde (.aktstykke)"
    )
    parser.add_argument("--force", action="store_true", help="overskriv en eksisterende fil")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = Path(args.output)
    if path.suffix != SUFFIX:
        print(
            f"aktstykke new: fejl: kladden skal have endelsen {SUFFIX} (fik »{path.name}«).",
            file=sys.stderr,
        )
        return 2
    if path.exists() and not args.force:
        print(
            f"aktstykke new: fejl: »{path}« findes allerede og er ikke overskrevet. "
            "Vælg et andet navn, eller brug --force.",
            file=sys.stderr,
        )
        return 2
    if not path.parent.is_dir():
        print(f"aktstykke new: fejl: mappen »{path.parent}« findes ikke.", file=sys.stderr)
        return 2
    try:
        save_draft(path, new_draft())
    except DraftFileError as exc:
        print(f"aktstykke new: fejl: {exc.message}", file=sys.stderr)
        return 2
    print(f"Ny kladde oprettet: {path}")
    return 0
