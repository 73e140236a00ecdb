"""The calendar of the process before a Finansudvalg meeting (DOMAIN section 8, P-01, P-03).

Finansudvalget normally meets on Thursdays at 13.00. For a meeting, the
aktstykke must be delivered by Wednesday 14.00 in the week before (at least
eight days ahead), the set-up deadline is Tuesday 12.00 that week, and the
draft must be with Finansministeriet at the latest on the Wednesday before the
delivery deadline (BV 3.4.1, 3.4.3). A deadline on a day off moves to the
working day before. An aktstykke delivered after the deadline needs a letter to
the chair asking for urgent treatment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from forms.dates import format_long_date, format_long_datetime
from forms.holidays import day_off_name, working_day_on_or_before

MEETING_TIME = dt.time(13, 0)
DELIVERY_TIME = dt.time(14, 0)
SETUP_TIME = dt.time(12, 0)
FM_TIME = dt.time(16, 0)
"""No hour is given for Finansministeriet; the end of its working day is assumed."""

WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


class Stage(StrEnum):
    """Where a given moment falls relative to a meeting's deadlines."""

    IN_TIME = "i god tid"
    FM_DEADLINE_PASSED = "fristen for Finansministeriet er overskredet"
    SETUP_PASSED = "opsætningsfristen er overskredet"
    DELIVERY_PASSED = "afleveringsfristen er overskredet"
    MEETING_PASSED = "mødet er afholdt"


@dataclass(frozen=True)
class Deadline:
    what: str
    at: dt.datetime
    moved_from: dt.date | None = None
    """The calendar day the rule gives, when that was a day off."""

    def describe(self) -> str:
        moved = ""
        if self.moved_from is not None:
            moved = f" (rykket frem fra {format_long_date(self.moved_from)}, {day_off_name(self.moved_from)})"
        return f"{self.what}: {describe_moment(self.at)}{moved}"


@dataclass(frozen=True)
class MeetingPlan:
    meeting: dt.datetime
    to_finansministeriet: Deadline
    setup: Deadline
    delivery: Deadline

    @property
    def deadlines(self) -> tuple[Deadline, ...]:
        return (self.to_finansministeriet, self.setup, self.delivery)

    def stage(self, moment: dt.datetime) -> Stage:
        if moment >= self.meeting:
            return Stage.MEETING_PASSED
        if moment > self.delivery.at:
            return Stage.DELIVERY_PASSED
        if moment > self.setup.at:
            return Stage.SETUP_PASSED
        if moment > self.to_finansministeriet.at:
            return Stage.FM_DEADLINE_PASSED
        return Stage.IN_TIME


def describe_moment(moment: dt.datetime) -> str:
    """'onsdag den 19. marts 2025 kl. 14.00'."""
    return f"{WEEKDAYS[moment.weekday()]} den {format_long_datetime(moment)}"


def _deadline(what: str, day: dt.date, time: dt.time) -> Deadline:
    working = working_day_on_or_before(day)
    return Deadline(what, dt.datetime.combine(working, time), None if working == day else day)


def plan_for(meeting_day: dt.date) -> MeetingPlan:
    """The deadlines for a meeting on this day (normally a Thursday)."""
    # "The week before": the Wednesday and Tuesday of the previous calendar week.
    monday_before = meeting_day - dt.timedelta(days=meeting_day.weekday() + 7)
    delivery_day = monday_before + dt.timedelta(days=2)
    setup_day = monday_before + dt.timedelta(days=1)
    delivery = _deadline("Aflevering til Finansudvalget", delivery_day, DELIVERY_TIME)
    setup = _deadline("Opsætningsfrist", setup_day, SETUP_TIME)
    # The Wednesday before the delivery Wednesday the rule gives (before any move).
    to_fm = _deadline("Udkast til Finansministeriet", delivery_day - dt.timedelta(days=7), FM_TIME)
    return MeetingPlan(dt.datetime.combine(meeting_day, MEETING_TIME), to_fm, setup, delivery)


def next_meeting_for(moment: dt.datetime) -> MeetingPlan:
    """The first Thursday meeting whose delivery deadline has not passed at `moment`."""
    day = moment.date()
    day += dt.timedelta(days=(3 - day.weekday()) % 7)
    while True:
        plan = plan_for(day)
        if moment <= plan.delivery.at and day_off_name(day) is None:
            return plan
        day += dt.timedelta(days=7)


def meeting_choices(around: dt.date, count: int = 16) -> list[dt.date]:
    """Thursdays Finansudvalget can meet on, from the first on or after `around`
    (a Thursday that is a day off, e.g. Kristi himmelfartsdag, is left out); fewer
    at the end of the calendar (year 9999)."""
    found: list[dt.date] = []
    try:
        day = around + dt.timedelta(days=(3 - around.weekday()) % 7)
        while len(found) < count:
            if day_off_name(day) is None:
                found.append(day)
            day += dt.timedelta(days=7)
    except OverflowError:
        pass
    return found


def describe_plan(plan: MeetingPlan, now: dt.datetime) -> list[str]:
    """The deadlines of a meeting, one line each, and where `now` falls (Danish)."""
    lines = [deadline.describe() for deadline in plan.deadlines]
    lines.append(f"Mødet: {describe_moment(plan.meeting)}")
    lines.append(f"Nu ({describe_moment(now)}): {plan.stage(now).value}.")
    return lines
