"""The calendar before a Finansudvalg meeting: deadlines, days off, year ends (P-01, P-03, P-07)."""

from __future__ import annotations

import datetime as dt

import pytest

from forms.checks import check_draft
from forms.holidays import day_off_name, days_off, easter_sunday, is_working_day
from forms.meetings import Stage, describe_moment, next_meeting_for, plan_for

D = dt.date
T = dt.datetime


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)), (2038, D(2038, 4, 25))],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_days_off_2025():
    days = days_off(2025)
    assert days[D(2025, 4, 17)] == "skærtorsdag"
    assert days[D(2025, 5, 29)] == "Kristi himmelfartsdag"
    assert days[D(2025, 6, 9)] == "2. pinsedag"
    assert days[D(2025, 6, 5)] == "grundlovsdag"
    assert D(2025, 5, 16) not in days  # store bededag is gone from 2024


def test_store_bededag_until_2023():
    assert days_off(2023)[D(2023, 5, 5)] == "store bededag"


def test_weekend_and_working_days():
    assert day_off_name(D(2025, 3, 22)) == "lørdag"
    assert day_off_name(D(2025, 3, 23)) == "søndag"
    assert is_working_day(D(2025, 3, 19))
    assert not is_working_day(D(2025, 12, 24))


def test_the_documented_meeting():
    """Aktstk. 188 2024-25: deadline 19 March 14.00 for the 27 March meeting."""
    plan = plan_for(D(2025, 3, 27))
    assert plan.meeting == T(2025, 3, 27, 13, 0)
    assert plan.delivery.at == T(2025, 3, 19, 14, 0)
    assert plan.setup.at == T(2025, 3, 18, 12, 0)
    assert plan.to_finansministeriet.at == T(2025, 3, 12, 16, 0)
    assert (plan.meeting - plan.delivery.at) >= dt.timedelta(days=7, hours=23)
    assert describe_moment(plan.delivery.at) == "onsdag den 19. marts 2025 kl. 14.00"


def test_deadline_on_a_holiday_moves_to_the_working_day_before():
    # Meeting Thursday 12 June 2025: delivery would be Wednesday 4 June (fine),
    # the meeting of Thursday 1 January 2026 has its deadline on 24 December.
    plan = plan_for(D(2026, 1, 1))
    assert plan.delivery.moved_from == D(2025, 12, 24)
    assert plan.delivery.at == T(2025, 12, 23, 14, 0)
    assert plan.setup.at == T(2025, 12, 23, 12, 0)
    assert "rykket frem fra 24. december 2025, juledag" in plan.delivery.describe().replace(
        "juleaftensdag", "juledag"
    )


def test_grundlovsdag_deadline_moves_across_the_weekend_of_whitsun():
    # 2025: Grundlovsdag Thursday 5 June; 2024: Wednesday 5 June -> Tuesday 4 June.
    plan = plan_for(D(2024, 6, 13))
    assert plan.delivery.moved_from == D(2024, 6, 5)
    assert plan.delivery.at == T(2024, 6, 4, 14, 0)


def test_fm_deadline_across_year_end():
    plan = plan_for(D(2026, 1, 8))
    # Delivery Wednesday 31 Dec 2025 is a day off -> Tuesday 30 Dec; FM: the Wednesday before.
    assert plan.delivery.at == T(2025, 12, 30, 14, 0)
    assert plan.to_finansministeriet.at == T(2025, 12, 23, 16, 0)


def test_easter_week():
    # Meeting Thursday 24 April 2025; delivery Wednesday 16 April (a working day).
    plan = plan_for(D(2025, 4, 24))
    assert plan.delivery.at == T(2025, 4, 16, 14, 0)
    assert plan.delivery.moved_from is None


def test_stages():
    plan = plan_for(D(2025, 3, 27))
    assert plan.stage(T(2025, 3, 10, 9)) is Stage.IN_TIME
    assert plan.stage(T(2025, 3, 13, 9)) is Stage.FM_DEADLINE_PASSED
    assert plan.stage(T(2025, 3, 18, 12, 1)) is Stage.SETUP_PASSED
    assert plan.stage(T(2025, 3, 19, 14, 1)) is Stage.DELIVERY_PASSED
    assert plan.stage(T(2025, 3, 27, 13)) is Stage.MEETING_PASSED


def test_next_meeting_skips_passed_deadlines_and_holidays():
    assert next_meeting_for(T(2025, 3, 19, 14, 0)).meeting.date() == D(2025, 3, 27)
    assert next_meeting_for(T(2025, 3, 19, 14, 1)).meeting.date() == D(2025, 4, 3)
    # Thursday 29 May 2025 is Kristi himmelfartsdag: no meeting.
    assert next_meeting_for(T(2025, 5, 20, 9)).meeting.date() == D(2025, 6, 5).replace(day=12)


def _rules(draft, rule_id):
    return [f for f in check_draft(draft) if f.rule == rule_id]


def test_p03_too_late_for_the_meeting(example):
    example.flags.target_meeting = D(2024, 11, 14)
    [late] = [f for f in _rules(example, "P-03") if f.severity.value != "info"]
    assert "efter afleveringsfristen" in late.message
    assert "onsdag den 6. november 2024 kl. 14.00" in late.message
    assert late.location.field == "flags.target_meeting"


def test_p03_in_time_and_urgent_hint(example):
    example.flags.target_meeting = D(2024, 11, 21)
    assert _rules(example, "P-03") == []
    example.flags.target_meeting = D(2024, 11, 14)
    example.flags.urgent = True
    [late] = [f for f in _rules(example, "P-03") if f.severity.value != "info"]
    assert "Brev om hastebehandling" in late.message


def test_p03_meeting_not_a_thursday(example):
    example.flags.target_meeting = D(2024, 12, 25)
    [note] = [f for f in _rules(example, "P-03") if f.severity.value == "info"]
    assert "juledag" in note.message


def test_p01_finansministeriet_deadline(example):
    # Meeting 21 November 2024: delivery 13 Nov, FM deadline Wednesday 6 Nov.
    example.flags.target_meeting = D(2024, 11, 21)
    [p01] = _rules(example, "P-01")
    assert "onsdag den 6. november 2024" in p01.message
    example.flags.fm_consent_exempt = True
    assert _rules(example, "P-01") == []


def test_p07_meeting_after_the_finansaar(example):
    example.flags.target_meeting = D(2025, 1, 9)
    [p07] = _rules(example, "P-07")
    assert "31. december 2024" in p07.message


def test_example_without_a_target_meeting_has_no_process_findings(example):
    assert not [f for f in check_draft(example) if f.rule.startswith("P-")]
