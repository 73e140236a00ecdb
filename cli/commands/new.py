"""`aktstykke new -o FILE [--kind KIND]`: a new draft dated today, empty or from a
starting point for one of the usual kinds of aktstykke (forms/starters.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.draftfile import SUFFIX, DraftFileError, save_draft
from forms.starters import EMPTY, STARTERS, StarterError, keys, make_draft


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kinds = "; ".join(f"{s.key}: {s.title.lower()}" for s in STARTERS)
    parser = commands.add_parser(
        "new",
        help="opret en ny kladde, tom eller ud fra en almindelig slags aktstykke",
        description="Opret en ny kladde dateret i dag. Med --kind får kladden punkterne, "
        "standardformuleringerne og tabellen for den slags aktstykke, med eksempeltekst i "
        f"[klammer], som du skriver over. Slags: {kinds}.",
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="FIL", help="den nye kladde (.aktstykke)"
    )
    parser.add_argument(
        "-k",
        "--kind",
        choices=keys(),
        default=EMPTY,
        metavar="SLAGS",
        help=f"udgangspunktet: {', '.join(keys())} (standard: {EMPTY})",
    )
    parser.add_argument("--ministerium", default="", metavar="NAVN", help="ministeriets navn")
    parser.add_argument("--minister", default="", metavar="NAVN", help="ministerens navn")
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
        draft = make_draft(args.kind, ministry=args.ministerium, minister=args.minister)
        save_draft(path, draft)
    except StarterError as exc:
        print(f"aktstykke new: fejl: {exc.message}", file=sys.stderr)
        return 2
    except DraftFileError as exc:
        print(f"aktstykke new: fejl: {exc.message}", file=sys.stderr)
        return 2
    if args.kind == EMPTY:
        print(f"Ny kladde oprettet: {path}")
    else:
        title = next(s.title for s in STARTERS if s.key == args.kind)
        print(f"Ny kladde oprettet: {path} ({title.lower()})")
    return 0
