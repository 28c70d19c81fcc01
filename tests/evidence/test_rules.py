"""Each co-creation standards rule at its edges (pure functions: no database)."""

import datetime

import pytest

from samskap.evidence import rules
from samskap.evidence.rules import AT_RISK, MET, NOT_MET

D = datetime.date
START, END = D(2021, 1, 1), D(2021, 12, 31)
AFTER = D(2022, 3, 1)  # the period is over


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert rules.add_months(D(2021, 1, 10), 6) == D(2021, 7, 10)
    assert rules.add_months(D(2021, 8, 31), 6) == D(2022, 2, 28)
    assert rules.add_months(D(2023, 8, 31), 6) == D(2024, 2, 29)
    assert rules.add_months(D(2021, 12, 15), 12) == D(2022, 12, 15)


# --- 1.1 ------------------------------------------------------------------------------------------


def test_1_1_the_issue_example_january_and_august_is_not_met_and_a_meeting_between_makes_it_met():
    held = [D(2021, 1, 10), D(2021, 8, 1)]
    outcome = rules.regular_meetings(held, START, END, AFTER, rules=True)
    assert outcome.verdict == NOT_MET
    assert outcome.detail == {"after": D(2021, 1, 10), "until": D(2021, 8, 1)}
    assert rules.regular_meetings([*held, D(2021, 4, 20)], START, END, AFTER, rules=True).verdict == MET


def test_1_1_exactly_six_months_apart_is_met_one_day_more_is_not():
    assert rules.regular_meetings([D(2021, 1, 10), D(2021, 7, 10)], START, END, AFTER, rules=True).verdict == MET
    assert rules.regular_meetings([D(2021, 1, 10), D(2021, 7, 11)], START, END, AFTER, rules=True).verdict == NOT_MET


def test_1_1_the_start_of_the_period_and_its_end_count_as_edges_of_a_gap():
    # First meeting exactly six months after the start: met; a day later: not.
    assert rules.regular_meetings([D(2021, 7, 1), D(2021, 12, 1)], START, END, AFTER, rules=True).verdict == MET
    assert rules.regular_meetings([D(2021, 7, 2), D(2021, 12, 1)], START, END, AFTER, rules=True).verdict == NOT_MET
    # The last meeting more than six months before the end: not met.
    outcome = rules.regular_meetings([D(2021, 3, 1), D(2021, 6, 30)], START, END, AFTER, rules=True)
    assert outcome.verdict == NOT_MET
    assert outcome.detail["until"] == END
    assert (
        rules.regular_meetings([D(2021, 3, 1), D(2021, 6, 30)], START, D(2021, 12, 30), AFTER, rules=True).verdict
        == MET
    )


def test_1_1_without_public_rules_is_not_met_however_often_the_forum_meets():
    monthly = [D(2021, month, 1) for month in range(1, 13)]
    assert rules.regular_meetings(monthly, START, END, AFTER, rules=False).verdict == NOT_MET


def test_1_1_while_the_period_runs_a_scheduled_meeting_in_time_is_met_otherwise_at_risk():
    today = D(2021, 5, 1)
    assert rules.regular_meetings([D(2021, 2, 1)], START, END, today, rules=True).verdict == AT_RISK
    # Scheduled on the last allowed day (1 August): met; the day after: at risk.
    assert rules.regular_meetings([D(2021, 2, 1), D(2021, 8, 1)], START, END, today, rules=True).verdict == MET
    outcome = rules.regular_meetings([D(2021, 2, 1), D(2021, 8, 2)], START, END, today, rules=True)
    assert outcome.verdict == AT_RISK
    assert outcome.detail == {"deadline": D(2021, 8, 1)}
    # A gap already too long while the period runs: not met at once.
    assert rules.regular_meetings([D(2021, 2, 1)], START, END, D(2021, 8, 2), rules=True).verdict == NOT_MET
    # Meetings outside the period do not count.
    assert rules.regular_meetings([D(2020, 12, 1)], START, END, AFTER, rules=True).verdict == NOT_MET


# --- 2.1 ------------------------------------------------------------------------------------------


def test_2_1_a_published_plan_is_met_a_draft_at_risk_before_its_start_and_not_met_from_it():
    assert rules.public_page(True, START, D(2020, 1, 1)).verdict == MET
    assert rules.public_page(False, START, D(2020, 12, 31)).verdict == AT_RISK
    assert rules.public_page(False, START, START).verdict == NOT_MET


# --- 2.2 ------------------------------------------------------------------------------------------


def test_2_2_half_years_are_calendar_halves_overlapping_the_period():
    assert rules.half_years(D(2021, 9, 1), D(2022, 8, 31)) == [
        (D(2021, 7, 1), D(2021, 12, 31)),
        (D(2022, 1, 1), D(2022, 6, 30)),
        (D(2022, 7, 1), D(2022, 12, 31)),
    ]
    assert rules.half_years(D(2021, 6, 30), D(2021, 7, 1)) == [
        (D(2021, 1, 1), D(2021, 6, 30)),
        (D(2021, 7, 1), D(2021, 12, 31)),
    ]


def test_2_2_two_documents_in_each_half_year_is_met_one_is_not():
    both = [D(2021, 1, 1), D(2021, 6, 30), D(2021, 7, 1), D(2021, 12, 31)]
    outcome, rows = rules.repository_updates(both, START, END, AFTER)
    assert outcome.verdict == MET
    assert [row.updates for row in rows] == [2, 2]
    outcome, rows = rules.repository_updates(both[:3], START, END, AFTER)
    assert outcome.verdict == NOT_MET
    assert outcome.detail == {"first": D(2021, 7, 1), "last": D(2021, 12, 31)}
    assert [row.state for row in rows] == [MET, NOT_MET]
    # A document dated outside the half-year does not count for it.
    outcome, _rows = rules.repository_updates([*both[:3], D(2022, 1, 1)], START, END, AFTER)
    assert outcome.verdict == NOT_MET


def test_2_2_the_running_half_year_with_too_few_is_at_risk_and_coming_ones_do_not_count_yet():
    today = D(2021, 6, 30)  # the last day of the first half: still running
    outcome, rows = rules.repository_updates([D(2021, 3, 1)], START, END, today)
    assert outcome.verdict == AT_RISK
    assert [row.state for row in rows] == [AT_RISK, ""]
    outcome, rows = rules.repository_updates([D(2021, 3, 1)], START, END, D(2021, 7, 1))
    assert outcome.verdict == NOT_MET
    outcome, _rows = rules.repository_updates([], START, END, D(2020, 6, 1))
    assert outcome.verdict == AT_RISK  # nothing has begun


# --- 3.1 ------------------------------------------------------------------------------------------


def test_3_1_fourteen_days_of_notice_is_met_thirteen_is_not():
    first = D(2021, 4, 15)
    assert rules.timeline_notice(D(2021, 4, 1), first, AFTER).verdict == MET
    outcome = rules.timeline_notice(D(2021, 4, 2), first, AFTER)
    assert outcome.verdict == NOT_MET
    assert outcome.detail == {"days": 13}


def test_3_1_an_unpublished_timeline_is_at_risk_while_there_is_still_time():
    first = D(2021, 4, 15)
    assert rules.timeline_notice(None, first, D(2021, 4, 1)).verdict == AT_RISK
    assert rules.timeline_notice(None, first, D(2021, 4, 2)).verdict == NOT_MET
    assert rules.timeline_notice(None, None, D(2021, 4, 2)).verdict == NOT_MET


# --- 3.2 ------------------------------------------------------------------------------------------


def test_3_2_a_way_to_give_input_opened_by_the_plan_s_start_is_met():
    start = D(2021, 9, 1)
    assert rules.way_to_give_input([D(2021, 5, 1)], start, D(2021, 5, 1)).verdict == MET
    assert rules.way_to_give_input([start], start, AFTER).verdict == MET
    assert rules.way_to_give_input([D(2021, 5, 2)], start, D(2021, 5, 1)).verdict == AT_RISK
    assert rules.way_to_give_input([], start, D(2021, 8, 31)).verdict == AT_RISK
    assert rules.way_to_give_input([], start, start).verdict == NOT_MET
    # A consultation on the self-assessment, a day after the start, is not co-creation.
    assert rules.way_to_give_input([D(2021, 9, 2)], start, AFTER).verdict == NOT_MET


# --- 4.1 ------------------------------------------------------------------------------------------


def test_4_1_all_input_answered_is_met_some_is_at_risk_until_the_plan_starts():
    due = D(2021, 9, 1)
    assert rules.reasoned_response(10, 10, due, AFTER).verdict == MET
    assert rules.reasoned_response(10, 9, due, D(2021, 8, 31)).verdict == AT_RISK
    outcome = rules.reasoned_response(10, 9, due, due)
    assert outcome.verdict == NOT_MET
    assert outcome.detail == {"received": 10, "answered": 9}
    assert rules.reasoned_response(0, 0, due, D(2021, 8, 31)).verdict == AT_RISK
    assert rules.reasoned_response(0, 0, due, due).verdict == NOT_MET


# --- 5.1 ------------------------------------------------------------------------------------------


def test_5_1_two_meetings_in_each_year_of_implementation_counted_from_the_start():
    start, end = D(2019, 9, 1), D(2021, 8, 31)
    two_a_year = [D(2019, 9, 1), D(2020, 8, 31), D(2020, 9, 1), D(2021, 8, 31)]
    outcome, years = rules.implementation_meetings(two_a_year, start, end, AFTER)
    assert outcome.verdict == MET
    assert [(y.first, y.last, y.held) for y in years] == [
        (D(2019, 9, 1), D(2020, 8, 31), 2),
        (D(2020, 9, 1), D(2021, 8, 31), 2),
    ]
    # The second year's last meeting a day late (after the plan's end) leaves it with one.
    outcome, years = rules.implementation_meetings([*two_a_year[:3], D(2021, 9, 1)], start, end, AFTER)
    assert outcome.verdict == NOT_MET
    assert outcome.detail == {"first": D(2020, 9, 1), "last": D(2021, 8, 31)}


def test_5_1_a_last_part_shorter_than_a_year_needs_one_meeting():
    start, end = D(2019, 9, 1), D(2020, 12, 31)
    outcome, years = rules.implementation_meetings([D(2019, 10, 1), D(2020, 3, 1), D(2020, 10, 1)], start, end, AFTER)
    assert [y.required for y in years] == [2, 1]
    assert outcome.verdict == MET


def test_5_1_the_running_year_counts_scheduled_meetings_and_is_at_risk_without_enough():
    start, end = D(2021, 1, 1), D(2021, 12, 31)
    today = D(2021, 6, 1)
    assert rules.implementation_meetings([D(2021, 3, 1)], start, end, today)[0].verdict == AT_RISK
    outcome, years = rules.implementation_meetings([D(2021, 3, 1), D(2021, 10, 1)], start, end, today)
    assert outcome.verdict == MET
    assert (years[0].held, years[0].scheduled) == (1, 1)
    # On the last day of the year a meeting that day counts as held.
    assert rules.implementation_meetings([D(2021, 3, 1), END], start, end, END)[0].verdict == MET
    assert rules.implementation_meetings([D(2021, 3, 1)], start, end, D(2022, 1, 1))[0].verdict == NOT_MET


@pytest.mark.parametrize("today", [D(2021, 1, 1), D(2021, 12, 31)])
def test_every_rule_answers_one_of_the_three_verdicts(today):
    outcomes = [
        rules.regular_meetings([], START, END, today, rules=True),
        rules.public_page(False, START, today),
        rules.repository_updates([], START, END, today)[0],
        rules.timeline_notice(None, START, today),
        rules.way_to_give_input([], START, today),
        rules.reasoned_response(0, 0, START, today),
        rules.implementation_meetings([], START, END, today)[0],
    ]
    assert {o.verdict for o in outcomes} <= {MET, AT_RISK, NOT_MET}
