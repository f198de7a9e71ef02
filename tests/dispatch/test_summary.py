"""复产率, newly halted and resumed, groups by region and division."""

import datetime as dt

import pytest

from gongxin.dispatch.detection import HALTED, MISSING, NO_BASELINE, NORMAL, Judgement
from gongxin.dispatch.rules import dispatch_rules
from gongxin.dispatch.summary import Facts, parse_iso_week, summarise_day
from gongxin.dispatch.workdays import holiday_calendar
from gongxin.errors import UserError

TODAY, YESTERDAY = dt.date(2024, 6, 4), dt.date(2024, 6, 3)


def j(uscc, day, reading, baseline, status):
    return Judgement(uscc, day, "workday", reading, baseline, status)


FACTS = {
    u: Facts(u, f"企业{u}", region, f"区{region}", division, f"行业{division}")
    for u, region, division in [
        ("A", "371502", "32"),
        ("B", "371502", "26"),
        ("C", "371503", "32"),
        ("D", "371503", "26"),
        ("E", "371503", "26"),
    ]
}


def test_resumption_rate_and_changes_since_yesterday():
    today = {
        "A": j("A", TODAY, 10, 10, NORMAL),
        "B": j("B", TODAY, 1, 10, HALTED),  # halted both days
        "C": j("C", TODAY, 0, 20, HALTED),  # newly halted
        "D": j("D", TODAY, 8, 10, NORMAL),  # resumed
        "E": j("E", TODAY, None, 10, MISSING),
    }
    yesterday = {
        "A": j("A", YESTERDAY, 10, 10, NORMAL),
        "B": j("B", YESTERDAY, 1, 10, HALTED),
        "C": j("C", YESTERDAY, 20, 20, NORMAL),
        "D": j("D", YESTERDAY, 0, 10, HALTED),
        "E": j("E", YESTERDAY, 5, None, NO_BASELINE),
    }
    d = summarise_day(
        day=TODAY,
        today=today,
        yesterday=yesterday,
        facts=FACTS,
        regions=[("371502", "东昌府区"), ("371503", "茌平区")],
        calendar=holiday_calendar(),
        rules=dispatch_rules(),
    )
    c = d.city
    assert (c.firms, c.reported, c.normal, c.halted, c.missing) == (5, 4, 2, 2, 1)
    assert c.resumption_rate == pytest.approx(50.0)
    assert c.electricity == pytest.approx(19)
    assert c.vs_baseline == pytest.approx((19 / 50 - 1) * 100)
    assert [f.uscc for f in d.halted] == ["C", "B"]  # largest baseline first
    assert [f.uscc for f in d.newly_halted] == ["C"]
    assert [f.uscc for f in d.resumed] == ["D"]
    regions = {g.code: g for g in d.regions}
    assert (regions["371502"].resumption_rate, regions["371503"].resumption_rate) == (50.0, 50.0)
    assert (regions["371503"].newly_halted, regions["371503"].resumed) == (1, 1)
    assert [g.code for g in d.divisions] == ["26", "32"]
    assert d.as_dict()["city"]["resumption_rate"] == 50.0


def test_an_iso_week_is_parsed_to_its_monday():
    assert parse_iso_week("2024-W19") == dt.date(2024, 5, 6)
    with pytest.raises(UserError, match="ISO 周"):
        parse_iso_week("2024-19")
