"""The process before a Finansudvalg meeting: P-01, P-03, P-07 (DOMAIN sections 4.15, 8).

Decided from the draft's own dates, never from the clock, so a check gives the
same answer tomorrow: the header date is the day the aktstykke goes to
Finansudvalget, the target meeting is the author's choice (flags.target_meeting).
The editor shows the same plan against the current time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from forms.checks.facts import DocumentFacts, at_header
from forms.checks.registry import finding, rule
from forms.dates import format_long_date
from forms.findings import Finding, Severity
from forms.holidays import day_off_name
from forms.meetings import describe_moment, plan_for


@rule("P-03", Severity.WARNING, "Mødet, aktstykket skal nå, ligger for tæt på", scope="document")
def meeting_too_close(doc: DocumentFacts) -> Iterator[Finding]:
    meeting, sent = doc.draft.flags.target_meeting, doc.draft.date
    if meeting is None:
        return
    closed = day_off_name(meeting)
    if closed is not None or meeting.weekday() != 3:
        why = f"er en {closed}" if closed else "er ikke en torsdag"
        yield finding(
            "P-03",
            at_header("flags.target_meeting"),
            f"Mødet den {format_long_date(meeting)} {why}; Finansudvalget mødes normalt "
            "torsdag kl. 13.00. Kontrollér mødedatoen.",
            severity=Severity.INFO,
        )
    if sent is None:
        return
    plan = plan_for(meeting)
    if dt.datetime.combine(sent, dt.time(0, 0)) > plan.delivery.at:
        urgent = (
            " Aktstykket er markeret som hastende; send et brev til formanden med "
            "begrundelsen (eksportér »Brev om hastebehandling«)."
            if doc.ctx.flags.urgent
            else " Vælg et senere møde, eller markér sagen som hastende og send et brev til "
            "formanden om hastebehandling."
        )
        yield finding(
            "P-03",
            at_header("flags.target_meeting"),
            f"Aktstykket er dateret {format_long_date(sent)}, efter afleveringsfristen for "
            f"mødet den {format_long_date(meeting)} ({describe_moment(plan.delivery.at)}; "
            f"mindst otte dage før mødet).{urgent}",
        )


@rule(
    "P-01", Severity.WARNING, "Udkastet skal forelægges Finansministeriet i tide", scope="document"
)
def finansministeriet_in_time(doc: DocumentFacts) -> Iterator[Finding]:
    meeting, sent = doc.draft.flags.target_meeting, doc.draft.date
    if meeting is None or sent is None or doc.ctx.flags.fm_consent_exempt:
        return
    plan = plan_for(meeting)
    fm = plan.to_finansministeriet
    if sent > fm.at.date() and dt.datetime.combine(sent, dt.time(0, 0)) <= plan.delivery.at:
        yield finding(
            "P-01",
            at_header("flags.target_meeting"),
            f"Udkastet skal være hos Finansministeriet senest {describe_moment(fm.at)} for at nå "
            f"mødet den {format_long_date(meeting)} (onsdagen før afleveringsfristen). "
            "Kontrollér, at Finansministeriet har fået udkastet i tide.",
        )


@rule(
    "P-07",
    Severity.WARNING,
    "Aktstykker for et finansår skal tiltrædes inden årets udgang",
    scope="document",
)
def within_finansaar(doc: DocumentFacts) -> Iterator[Finding]:
    meeting, year = doc.draft.flags.target_meeting, doc.ctx.finansaar
    if meeting is None or year is None or meeting.year <= year:
        return
    yield finding(
        "P-07",
        at_header("flags.target_meeting"),
        f"Mødet den {format_long_date(meeting)} ligger efter finansåret {year}. Et aktstykke "
        f"for finansåret {year} kan ikke tiltrædes efter den 31. december {year} "
        "(budgetvejledningens pkt. 3.4.3).",
    )
