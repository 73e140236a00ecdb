"""Domain knowledge the editor shows is worked out once in forms/ (issue 14,
point 4) and tested here without Qt: each expected value is written out."""

import datetime as dt
from decimal import Decimal

from forms import ministries
from forms.amounts import Unit
from forms.catalog import danish_list, points_of
from forms.consent import ConsentState, fm_consent
from forms.dates import format_long_datetime
from forms.model import BudgetTable, Kind, TableRow
from forms.signoff import revoke


def test_points_of_each_type_come_from_the_catalog():
    assert points_of(Kind.SOEGENDE) == "a, b, c, e og f (d efter behov)"
    assert points_of(Kind.ORIENTERENDE) == "a, b og f (d efter behov)"
    assert danish_list(["c", "e"]) == "c og e"
    assert danish_list(["a"]) == "a"
    assert danish_list([]) == ""


def test_the_ministry_names_are_the_data_files():
    names = ministries.names()
    # Among those the header form's own list used to lack.
    assert "Økonomiministeriet" in names
    assert "Finansministeriet" in names
    assert len(names) == len(set(names))


def test_unit_factor_in_kroner():
    assert [unit.factor for unit in Unit] == [
        Decimal(1),
        Decimal(1000),
        Decimal(1_000_000),
        Decimal(1_000_000_000),
    ]


def test_long_date_and_time():
    assert format_long_datetime(dt.datetime(2024, 11, 4, 15, 5)) == "4. november 2024 kl. 15.05"
    assert format_long_datetime(dt.datetime(2025, 3, 1, 9, 0)) == "1. marts 2025 kl. 09.00"


def _table() -> BudgetTable:
    return BudgetTable(
        columns=["2024", "2025"],
        rows=[
            TableRow(label="A", values=[Decimal(1), Decimal(2)], raw_values={1: "2,x"}),
            TableRow(label="B", values=[Decimal(3)]),
        ],
        stated_column_totals=[Decimal(4), Decimal(2)],
    )


def test_a_column_inserted_moves_values_typed_text_and_stated_totals():
    table = _table()
    table.insert_column(1, "Ny")
    assert table.columns == ["2024", "Ny", "2025"]
    assert table.rows[0].values == [Decimal(1), None, Decimal(2)]
    assert table.rows[0].raw_values == {2: "2,x"}
    assert table.rows[1].values == [Decimal(3), None, None]
    assert table.stated_column_totals == [Decimal(4), None, Decimal(2)]


def test_a_column_removed_takes_its_values_typed_text_and_stated_total():
    table = _table()
    table.remove_column(1)
    assert table.columns == ["2024"]
    assert table.rows[0].values == [Decimal(1)]
    assert table.rows[0].raw_values == {}
    assert table.rows[1].values == [Decimal(3)]
    assert table.stated_column_totals == [Decimal(4)]
    table = _table()
    table.remove_column(0)
    assert table.rows[0].raw_values == {0: "2,x"}
    assert table.stated_column_totals == [Decimal(2)]


def test_fm_consent_granted_awaiting_and_exempt(example):
    from tests.helpers import identity

    consent = fm_consent(example)
    assert consent.state is ConsentState.GRANTED
    assert consent.sentence == "Finansministeriets tilslutning foreligger."
    assert consent.record is not None and consent.record.role == "Finansministeriet"
    assert consent.navigator_note == "godkendt af Finansministeriet"

    example.minister = "Ny Minister"  # the content changed: the consent no longer counts
    consent = fm_consent(example)
    assert consent.state is ConsentState.AWAITING
    assert consent.sentence == "[Afventer Finansministeriets tilslutning]"
    assert consent.navigator_note == "afventer Finansministeriet"

    example.flags.fm_consent_exempt = True
    consent = fm_consent(example)
    assert consent.state is ConsentState.EXEMPT
    assert consent.sentence is None
    assert consent.navigator_note == "udelades: undtaget fra FM's tilslutning"

    example.flags.fm_consent_exempt = False
    example.minister = "Lars Løkke Rasmussen"
    index = next(i for i, s in enumerate(example.signoffs) if s.role == "Finansministeriet")
    revoke(example, index, identity("Frida Fuldmægtig"))
    assert fm_consent(example).state is ConsentState.AWAITING


def test_one_table_of_danish_reasons_for_os_errors():
    import errno

    from forms.atomic import os_error_reason

    full = OSError(errno.ENOSPC, "No space left on device")
    assert os_error_reason(full) == "der er ikke mere plads på drevet"
    missing = FileNotFoundError(errno.ENOENT, "No such file or directory")
    assert os_error_reason(missing) == "filen eller mappen findes ikke"
    assert os_error_reason(missing, reading=True) == "filen findes ikke"
    denied = PermissionError(errno.EACCES, "Permission denied")
    assert os_error_reason(denied, reading=True) == "du har ikke adgang til den"
    long = OSError(errno.ENAMETOOLONG, "File name too long")
    assert os_error_reason(long) == "navnet eller stien er for lang til filsystemet"
    odd = OSError(errno.EIO, "Input/output error")
    assert os_error_reason(odd) == "Input/output error"
