"""Helpers for the bad-input corpus, shared by the command-line and editor tests.

EXTREMES are drafts the loader accepts although their values are at the edge
of what an aktstykke can hold: every command and the editor must handle them
without a traceback (the refused ones are the fixtures in tests/data/broken/).
`embed_draft` puts any bytes where an exported Word file carries its draft.
"""

from __future__ import annotations

import base64
import copy
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

from forms.draftfile import dumps_draft
from forms.templates import load_example

LARGEST = "999999999999999.9"


def _table(raw: dict) -> dict:
    return raw["sections"][1]["blocks"][10]


def _largest_amounts(raw: dict) -> None:
    for row in _table(raw)["rows"]:
        row["values"] = [LARGEST for _ in row["values"]]
        row["stated_total"] = "-" + LARGEST
    _table(raw)["stated_grand_total"] = "0.0000000001"
    raw["flags"]["tb_amount"] = LARGEST
    raw["flags"]["new_laaneramme"] = "-" + LARGEST


def _sums_beyond_the_bound(raw: dict) -> None:
    # Each value is allowed; their sum (10^18) is not, and must still be shown.
    _table(raw)["rows"] = [{"label": f"Række {i}", "values": [LARGEST]} for i in range(1000)]


def _edge_dates(raw: dict) -> None:
    raw["date"] = "9999-12-31"
    raw["signature_date"] = "0001-01-01"
    raw["finansaar"] = 9999


def _edge_times(raw: dict) -> None:
    raw["signoffs"][0]["time"] = "0001-01-03T00:00:00+05:00"
    raw["metadata"]["created"] = "9999-12-30T00:00:00-12:00"
    raw["metadata"]["modified"] = "0001-01-03T00:00:00"


BIG = 2**31 - 1
"""The largest whole number a draft may hold (forms.limits)."""


def _huge_integers(raw: dict) -> None:
    raw["finansaar"] = -BIG
    raw["review"] = [
        {"letter": "b", "block": BIG, "start": -BIG, "end": BIG, "original": "1"},
        {"letter": "b", "block": 10, "row": BIG, "column": -5, "original": "1"},
        {"letter": "b", "block": 1, "start": 50, "end": 2, "original": "x"},
        {"field": "nonsense", "original": "1"},
    ]
    raw["import_notes"] = [
        {"letter": "b", "block": BIG, "text": "x", "reason": "y"},
        {"letter": "c", "block": -3, "text": "x", "reason": "y"},
    ]


def _control_characters(raw: dict) -> None:
    raw["minister"] = "Lars\x00 Løkke"
    raw["sections"][1]["blocks"][1]["text"] = "a\x00b\x0bc\x1fd\ufffe\uffff \u202eomvendt\u2028"
    _table(raw)["caption"] = "Tabel\x01"
    _table(raw)["rows"][0]["label"] = "IOM\x02"
    raw["flags"]["session"] = "\x00" * 3
    raw["flags"]["bv_version"] = "../../../etc/passwd"


def _odd_shapes(raw: dict) -> None:
    _table(raw)["columns"] = []
    _table(raw)["rows"][0]["values"] = ["1"] * 300
    _table(raw)["rows"][1]["account"] = "§" * 500 + "06.32.10.13" * 50
    raw["sections"] = raw["sections"] + copy.deepcopy(raw["sections"])
    raw["published"] = {"number": "\x07", "session": "x" * 10000, "decided": "9999-99-99"}


EXTREMES: dict[str, Callable[[dict], None]] = {
    "largest-amounts": _largest_amounts,
    "sums-beyond-the-bound": _sums_beyond_the_bound,
    "edge-dates": _edge_dates,
    "edge-times": _edge_times,
    "huge-integers": _huge_integers,
    "control-characters": _control_characters,
    "odd-shapes": _odd_shapes,
}


def write_extreme(name: str, folder: Path) -> Path:
    raw = json.loads(dumps_draft(load_example()))
    EXTREMES[name](raw)
    path = folder / f"{name}.aktstykke"
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), "utf-8")
    return path


def exported_example_docx(folder: Path) -> bytes:
    """The example exported to Word, to carry other drafts."""
    from exporters.formats import export_file

    path = folder / "eksempel.docx"
    export_file(load_example(), path)
    return path.read_bytes()


def embed_draft(docx: bytes, payload: bytes, target: Path) -> Path:
    """A copy of the Word file `docx` whose embedded draft is `payload` (base64, as
    the exporter writes a draft that XML cannot hold)."""
    from forms.embedded import NAMESPACE, ROOT_TAG

    source = zipfile.ZipFile(io.BytesIO(docx))
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if NAMESPACE.encode() in data:
                data = (
                    f'<{ROOT_TAG} xmlns="{NAMESPACE}" encoding="base64">'
                    f"{base64.b64encode(payload).decode('ascii')}</{ROOT_TAG}>"
                ).encode()
            out.writestr(info, data)
    return target
