"""Aktstykker as they are written (issue 15 point 10): every kind of written
amount and table heading through import, check and export, and a quoted
tekstanmærkning in litra e reproduced word for word."""

from __future__ import annotations

import html
from decimal import Decimal

import docx
import pytest

from exporters.html import render_html
from exporters.text import render_text
from exporters.word import export_docx
from forms.amounts import Unit
from forms.checks import check_draft
from forms.importing import import_file, import_text
from forms.model import BudgetTable, Category, Paragraph
from forms.signoff import canonical_content, fingerprint

HEADER = "Transportministeriet. København, den 12. november 2025."
REQUEST = "Transportministeriet anmoder hermed om Finansudvalgets tilslutning til at"
ACCOUNT = "§ 28.11.05. Vejprojekter."
C_TEXT = (
    "Sagen forelægges Finansudvalget, idet projektet kræver særskilt hjemmel, "
    "jf. budgetvejledningens pkt. 2.8.3."
)
SIGNATURE = ["København, den 12. november 2025", "Thomas Danielsen", "", "Til Finansudvalget."]

# (amount in a and e, table heading cells, rows, the unit the table is in)
CASES = {
    "kr": ("45.000.000 kr.", ["Projekt", "Kr."], [["Anlæg", "45.000.000"]], Unit.KR),
    "t. kr.": (
        "86.400 t. kr.",
        ["T. kr.", "2025", "2026"],
        [["Anlæg", "40.000", "46.400"]],
        Unit.TKR,
    ),
    "1.000 kr.": (
        "86.400 t. kr.",
        ["1.000 kr.", "2025", "2026"],
        [["Anlæg", "40.000", "46.400"]],
        Unit.TKR,
    ),
    "pl alone": (
        "45,0 mio. kr.",
        ["Mio. kr. (2025-pl)", "2025", "2026", "2027"],
        [["Anlæg", "10,0", "20,0", "15,0"]],
        Unit.MIO,
    ),
    "pl after label": (
        "45,0 mio. kr.",
        ["Delprojekter, mio. kr. (2025-pl)", "2025", "2026"],
        [["Vej", "20,0", "10,0"], ["Bro", "5,0", "10,0"]],
        Unit.MIO,
    ),
    "pl in one column": (
        "45,0 mio. kr.",
        ["Projektsøjler", "Mio. kr. (2025-pl)"],
        [["Vej", "30,0"], ["Bro", "15,0"]],
        Unit.MIO,
    ),
}


def _litra_lines(amount: str) -> tuple[str, str]:
    a = f"a. {REQUEST} igangsætte projektet med en totaludgift på {amount} under {ACCOUNT}"
    e = (
        f"e. Under henvisning til ovenstående anmoder Transportministeriet om "
        f"Finansudvalgets tilslutning til at igangsætte projektet med en totaludgift på "
        f"{amount} under {ACCOUNT} Udgiften vil blive afholdt af den på finansloven for 2025 "
        f"opførte bevilling under {ACCOUNT}"
    )
    return a, e


def _write_docx(path, case: str) -> None:
    amount, heading, rows, _ = CASES[case]
    a, e = _litra_lines(amount)
    document = docx.Document()
    for line in (HEADER, a, "b. Budget"):
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows) + 1, cols=len(heading))
    for column, text in enumerate(heading):
        table.cell(0, column).text = text
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row):
            table.cell(number, column).text = text
    for line in (f"c. {C_TEXT}", e, "f. Finansministeriets tilslutning foreligger."):
        document.add_paragraph(line)
    for line in SIGNATURE:
        if line:
            document.add_paragraph(line)
    document.save(path)


def _text_source(case: str) -> str:
    amount, heading, rows, _ = CASES[case]
    a, e = _litra_lines(amount)
    table = [" ".join(heading), *(" ".join(row) for row in rows)]
    return "\n\n".join(
        [
            HEADER,
            a,
            "b. Budget",
            "\n".join(table),
            f"c. {C_TEXT}",
            e,
            "f. Finansministeriets tilslutning foreligger.",
            "\n".join(SIGNATURE),
        ]
    )


def _table(draft) -> BudgetTable:
    [(_, _, table)] = draft.tables()
    return table


def _docx_table_cells(path) -> list[list[str]]:
    [table] = docx.Document(str(path)).tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def _rules(findings, *prefixes: str) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in findings if f.rule.startswith(prefixes)]


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("source", ["docx", "text"])
def test_written_amounts_and_headings_through_import_check_and_export(tmp_path, case, source):
    amount, heading, rows, unit = CASES[case]
    if source == "docx":
        path = tmp_path / "kilde.docx"
        _write_docx(path, case)
        draft = import_file(path).draft
    else:
        draft = import_text(_text_source(case), "kilde.txt").draft
    assert draft.letters() == ["a", "b", "c", "e", "f"]

    # import: the factor from the heading, the values in the table's own unit
    table = _table(draft)
    assert table.unit is unit
    assert [row.label for row in table.rows] == [row[0] for row in rows]
    assert [v for row in table.rows for v in row.values] == [
        Decimal(cell.replace(".", "").replace(",", ".")) for row in rows for cell in row[1:]
    ]

    # check: the amount in a is read in its unit and matches the table (A-03, TAB-04);
    # the heading states the unit and a price level where written (TAB-01)
    draft.category = Category.BYGGE_ANLAEG if "pl" in case else Category.GENEREL
    findings = check_draft(draft)
    assert not _rules(findings, "A-03", "TAB-01", "TAB-04", "N-0", "E-06"), case

    # export: the heading exactly as written, in the Word file and the text
    path = tmp_path / "eksport.docx"
    export_docx(draft, path)
    cells = _docx_table_cells(path)
    if len(heading) == 2 and not heading[1][0].isdigit():
        assert cells[0][:2] == heading  # one amount column headed by the unit
    else:
        assert cells[0][: len(heading)] == heading
        assert cells[0][-1] == "I alt"
    assert " ".join(heading) in render_text(draft)
    assert amount in render_text(draft)
    preview = render_html(draft)  # the editor's preview draws the same layout
    assert all(html.escape(cell) in preview for cell in heading)

    # the export read back, from its embedded draft and as a foreign Word file
    assert _table(import_file(path).draft) == table
    foreign = import_file(path, use_embedded=False).draft
    assert _table(foreign).unit_label == table.unit_label
    assert render_text(foreign) == render_text(draft)


def test_price_level_heading_is_not_rewritten_after_the_unit():
    """The issue's case: 'Mio. kr. (2025-pl)' came out as '(2025-pl), mio. kr.'."""
    draft = import_text(_text_source("pl alone"), "kilde.txt").draft
    table = _table(draft)
    assert table.unit_label == "Mio. kr. (2025-pl)"
    assert table.label_heading == ""
    header = render_text(draft).splitlines()
    assert "Mio. kr. (2025-pl) 2025 2026 2027 I alt" in header
    assert not any("mio. kr." in line and "(2025-pl)," in line for line in header)
    assert not any(line.count("kr.") > 1 for line in header if "2025 2026" in line)


def test_plain_unit_heading_keeps_no_label_of_its_own(tmp_path):
    """'Mio. kr.' and 'Projekter, mio. kr.' are what the layout writes anyway."""
    for heading in (["Mio. kr.", "2025", "2026"], ["Projekter, mio. kr.", "2025", "2026"]):
        CASES["plain"] = ("45,0 mio. kr.", heading, [["Anlæg", "20,0", "25,0"]], Unit.MIO)
        try:
            table = _table(import_text(_text_source("plain"), "kilde.txt").draft)
        finally:
            del CASES["plain"]
        assert table.unit_label is None, heading
        assert table.label_heading == ("Projekter" if "," in heading[0] else "")


def test_thousands_heading_is_not_read_as_kroner():
    """'T. kr.' was read as kr.: a factor of a thousand lost."""
    draft = import_text(_text_source("t. kr."), "kilde.txt").draft
    table = _table(draft)
    assert table.unit is Unit.TKR
    assert table.grand_total() * 1000 == Decimal(86_400_000)


def test_a_price_level_in_the_heading_satisfies_the_investment_rules():
    draft = import_text(_text_source("pl alone"), "kilde.txt").draft
    draft.category = Category.BYGGE_ANLAEG
    assert not [f for f in check_draft(draft) if f.rule == "TAB-01"]
    # the attack: without the price level the same table is asked for one
    _table(draft).unit_label = None
    assert [f for f in check_draft(draft) if f.rule == "TAB-01" and "prisniveau" in f.message]


def test_a_written_unit_that_contradicts_the_table_unit_is_reported():
    draft = import_text(_text_source("pl alone"), "kilde.txt").draft
    _table(draft).unit = Unit.TKR
    [found] = [f for f in check_draft(draft) if f.rule == "TAB-01"]
    assert "»Mio. kr.«" in found.message


def test_the_written_unit_is_signed_content_but_old_fingerprints_stay():
    draft = import_text(_text_source("pl alone"), "kilde.txt").draft
    before = fingerprint(draft)
    _table(draft).unit_label = "Mio. kr. (2024-pl)"
    assert fingerprint(draft) != before
    _table(draft).unit_label = None
    assert '"unit_label"' not in canonical_content(draft)


# -- a quoted tekstanmærkning in litra e -----------------------------------------------

INTRO = (
    "Under henvisning til ovenstående anmoder Beskæftigelsesministeriet om "
    "Finansudvalgets tilslutning til, at der på forslag til lov om tillægsbevilling for "
    "2025 optages følgende tekstanmærkning under § 17 (materielle bestemmelser):"
)
QUOTE = [
    "»Nr. 117. ad 17.46.11.01.",
    "Beskæftigelsesministeren bemyndiges til at yde tilskud på op til 5 mio. kr. årligt "
    "til kommuner under § 17.46.11.01., jf. lov nr. 548 af 8. juni 2006.",
    "Stk. 2. Ubrugte midler på 0,5 mio. kr. kan overføres til 2026.«",
]


def _with_quote(quote: list[str], closing: str = "«", opening: str = "»") -> str:
    quote = [line.replace("»", opening).replace("«", closing) for line in quote]
    return "\n".join(
        [
            "Beskæftigelsesministeriet. København, den 12. november 2025.",
            "",
            "a. Beskæftigelsesministeriet anmoder hermed om Finansudvalgets tilslutning til at "
            "yde tilskud på 5,0 mio. kr. under § 17.46.11. Tilskud til kommuner.",
            "",
            "b. Ordningen er ny og kræver hjemmel på finansloven.",
            "",
            "c. Sagen forelægges Finansudvalget, idet ordningen kræver hjemmel, jf. "
            "budgetvejledningens pkt. 3.3.1.",
            "",
            f"e. {INTRO}",
            *quote,
            "f. Finansministeriets tilslutning foreligger.",
            "",
            "København, den 12. november 2025",
            "Ane Halsboe-Jørgensen",
            "",
            "Til Finansudvalget.",
        ]
    )


@pytest.mark.parametrize("quotes", [("»", "«"), ("„", "“"), ("”", "”")])
def test_quoted_tekstanmaerkning_is_read_and_exported_word_for_word(tmp_path, quotes):
    opening, closing = quotes
    draft = import_text(_with_quote(QUOTE, closing, opening), "kilde.txt").draft
    # the litra after the quotation is found (a closing « or “ ended no sentence)
    assert draft.letters() == ["a", "b", "c", "e", "f"]
    expected = [INTRO, *(q.replace("»", opening).replace("«", closing) for q in QUOTE)]
    assert [b.text for b in draft.section("e").blocks] == expected
    exported = render_text(draft, final=True).splitlines()
    start = exported.index(f"e.\t{INTRO}")
    assert exported[start + 1 : start + 4] == expected[1:]
    # and again from our own text and Word exports
    again = import_text(render_text(draft, final=True), "igen.txt").draft
    assert [b.text for b in again.section("e").blocks] == expected
    path = tmp_path / "eksport.docx"
    export_docx(draft, path)
    foreign = import_file(path, use_embedded=False).draft
    assert [b.text for b in foreign.section("e").blocks] == expected


def test_checks_do_not_correct_inside_the_quotation():
    draft = import_text(_with_quote(QUOTE), "kilde.txt").draft
    findings = check_draft(draft)
    in_e = [f for f in findings if f.location.letter == "e"]
    # '5 mio. kr.' is the law's wording: no N-01; its amounts are not the request's
    # (E-06); the underkonto it is about is not a TB line (E-07)
    assert not [f for f in in_e if f.rule in ("N-01", "N-07", "E-06", "E-07")]


def test_the_same_wording_outside_a_quotation_is_still_corrected():
    unquoted = [line.strip("»«") for line in QUOTE]
    draft = import_text(_with_quote(unquoted), "kilde.txt").draft
    rules = {f.rule for f in check_draft(draft) if f.location.letter == "e"}
    assert {"N-01", "E-07"} <= rules


def test_a_quotation_never_closed_exempts_nothing():
    draft = import_text(_with_quote([QUOTE[0], QUOTE[1], QUOTE[2].rstrip("«")]), "k.txt").draft
    rules = {f.rule for f in check_draft(draft) if f.location.letter == "e"}
    assert "N-01" in rules


def test_a_short_quotation_inside_a_sentence_is_cited_text_too(example):
    section = example.section("b")
    section.blocks.append(Paragraph(text="Programmet hedder ”Fond 100.0 mio kr” i aftalen."))
    section.blocks.append(Paragraph(text="Udenfor citat står 100.0 mio kr."))
    findings = [f for f in check_draft(example) if f.rule in ("N-01", "N-02")]
    blocks = {f.location.block for f in findings}
    assert blocks == {len(section.blocks) - 1}


def test_a_negative_amount_is_judged_by_its_own_line_whatever_was_scanned_before():
    """The scanner shares the analysis of equal texts; N-03 depends on the line too."""
    from forms.scanner import scan

    prose = "Der er en merudgift: -5,0 mio. kr. på kontoen."
    line = "§ 12.11.01. Departementet: -5,0 mio. kr."

    def n03(text):
        return [t for t in scan(text) if any(i.rule == "N-03" for i in t.issues)]

    for order in ((prose, line), (line, prose)):
        for text in order:
            assert bool(n03(text)) == (text is prose), order
