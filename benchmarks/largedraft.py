"""A large synthetic draft: about 2,000 paragraphs and 30 tables of 12 x 6; and
one five times its size, 10,000 paragraphs and 200 tables (issue 16, point 5).

Used by the benchmarks and by tests that need a big, valid draft. Generated
each time, never committed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

from cryptography.hazmat.primitives.asymmetric import ec

from forms.amounts import Unit
from forms.model import Aktstykke, BudgetTable, ConsentReference, Paragraph, SubHeading, TableRow
from forms.pki import Identity, self_signed_certificate
from forms.signoff import required_roles, role_config, sign_off
from forms.templates import load_example

SIGNED = dt.datetime(2024, 11, 11, tzinfo=dt.UTC)

SENTENCE = (
    "Projektet gennemføres i perioden 2025-2030 med en samlet udgift på 12,5 mio. kr. "
    "om året, som afholdes under § 06.32.10.13. Tilskud til projekter, jf. aftalen af "
    "12. november 2024, og den forventede effekt er en reduktion på 15 pct. "
)


def large_draft(paragraphs: int = 2000, tables: int = 30) -> Aktstykke:
    """The example's frame with a section b of the given size."""
    draft = load_example()
    section_b = draft.section("b")
    assert section_b is not None
    blocks: list = []
    per_table = max(1, paragraphs // max(1, tables))
    table_no = 0
    for index in range(paragraphs):
        if index % 50 == 0:
            blocks.append(SubHeading(text=f"Delprojekt {index // 50 + 1}"))
        blocks.append(Paragraph(text=f"{index + 1}. " + SENTENCE * 2))
        if (index + 1) % per_table == 0 and table_no < tables:
            blocks.append(_table(table_no))
            table_no += 1
    section_b.blocks = blocks
    draft.metadata.created = dt.datetime(2024, 11, 12, tzinfo=dt.UTC)
    # The example's sign-offs approved other content: sign this one off afresh.
    draft.signoffs, draft.audit = [], []
    fm = role_config().finansministeriet
    reference = ConsentReference(journal="2024-1", date=SIGNED.date(), sender="Benchmark")
    for role in required_roles(draft):
        sign_off(draft, role, _identity(role), SIGNED, reference if role == fm else None)
    return draft


def huge_draft() -> Aktstykke:
    """Five times the large draft: 10,000 paragraphs and 200 tables."""
    return large_draft(10_000, 200)


@cache
def _identity(role: str) -> Identity:
    """A self-signed signer per role (not trusted: the benchmarks time the checking)."""
    key = ec.generate_private_key(ec.SECP256R1())
    return Identity(self_signed_certificate(f"{role} Benchmark", key, now=SIGNED), key)


def _table(number: int) -> BudgetTable:
    years = [str(2025 + i) for i in range(6)]
    rows = [
        TableRow(
            label=f"Aktivitet {r + 1}",
            account=f"06.32.10.{10 + r:02d}",
            values=[Decimal(f"{(number + r + c) % 97}.{(r * c) % 10}") for c in range(6)],
        )
        for r in range(12)
    ]
    return BudgetTable(
        caption=f"Tabel {number + 1}",
        unit=Unit.MIO,
        label_heading="Mio. kr.",
        columns=years,
        rows=rows,
    )
