"""The appeals figures over plain facts: hand-counted windows, rates, ranks."""

import datetime as dt

from gongxin.appeals.stats import AppealFacts, appeal_stats, ranking, rates

D = dt.date
DUE = D(2024, 5, 23)


def facts(code, unit, submitted, closed=None, solved=None, rating="", due=DUE):
    return AppealFacts(
        code=code, unit=unit, category="其他", region="371521", submitted=submitted,
        accepted=submitted, answered=closed, closed=closed, rated=closed if rating else None,
        rating=rating, solved=solved, sign_due=due, answer_due=due, solve_due=due,
    )  # fmt: skip


def test_zero_denominators_are_none_not_zero():
    assert rates(dict.fromkeys(
        ("appeals", "closed", "solved", "signed_on_time", "closed_on_time", "rated", "satisfied"), 0
    )) == {"response_rate": None, "on_time_rate": None, "solve_rate": None,
           "satisfaction_rate": None}  # fmt: skip


def test_units_ranked_as_published_ties_share_a_place_and_the_city_is_not_ranked():
    rows = appeal_stats(
        [
            # A: 2 of 3 solved = 66.666…; B: 2 of 3 = 66.666… (tie); C: 1 of 1 = 100.
            facts("1", "A", D(2024, 5, 6), D(2024, 5, 10), True),
            facts("2", "A", D(2024, 5, 6), D(2024, 5, 10), True),
            facts("3", "A", D(2024, 5, 6), D(2024, 5, 10), False),
            facts("4", "B", D(2024, 5, 6), D(2024, 5, 10), False),
            facts("5", "B", D(2024, 5, 6), D(2024, 5, 10), True),
            facts("6", "B", D(2024, 5, 6), D(2024, 5, 10), True),
            facts("7", "C", D(2024, 5, 6), D(2024, 5, 10), True),
            facts("8", "D", D(2024, 5, 6)),  # nothing closed: no solve rate, ranked last
        ],
        start=D(2024, 5, 1),
        end=D(2024, 5, 31),
        by="unit",
    )
    assert rows[-1].total and rows[-1].counts["closed"] == 7
    placed = [(place, row.member) for place, row in ranking(rows, "solve_rate")]
    assert placed == [(1, "C"), (2, "A"), (2, "B"), (4, "D")]


def test_an_appeal_closed_after_the_window_is_open_and_maybe_overdue_at_its_end():
    late = facts("1", "A", D(2024, 5, 6), D(2024, 6, 3), True, due=D(2024, 5, 23))
    at_may_end = appeal_stats([late], start=D(2024, 5, 1), end=D(2024, 5, 31))[-1].counts
    assert (at_may_end["closed"], at_may_end["overdue_open"]) == (0, 1)
    at_june_end = appeal_stats([late], start=D(2024, 5, 1), end=D(2024, 6, 30))[-1].counts
    assert (at_june_end["closed"], at_june_end["closed_on_time"], at_june_end["overdue_open"]) == (
        1, 0, 0,
    )  # fmt: skip
