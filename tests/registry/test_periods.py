"""YYYY-MM ↔ ym integers, with Chinese errors."""

import pytest

from gongxin.registry import periods
from gongxin.registry.periods import PeriodError, year_parse, ym_format, ym_from_parts, ym_parse


def test_it_round_trips_a_month():
    assert ym_parse("2024-04") == 202404
    assert ym_format(202404) == "2024-04"
    assert ym_parse(" 2023-12 ") == 202312


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-4", periods.ERR_MONTH_FORMAT.format(value="2024-4")),
        ("2024/04", periods.ERR_MONTH_FORMAT.format(value="2024/04")),
        ("2024-13", periods.ERR_MONTH_RANGE.format(value="2024-13")),
        ("2024-00", periods.ERR_MONTH_RANGE.format(value="2024-00")),
        ("2204-01", periods.ERR_YEAR_RANGE.format(year=2204, low=1949, high=2100)),
    ],
)
def test_it_rejects_a_bad_month(text, message):
    with pytest.raises(PeriodError) as exc:
        ym_parse(text)
    assert str(exc.value) == message


def test_it_parses_years_and_calendar_parts():
    assert year_parse("2024") == 2024
    assert ym_from_parts(2024, 4) == 202404
    with pytest.raises(PeriodError) as exc:
        year_parse("24")
    assert str(exc.value) == periods.ERR_YEAR_FORMAT.format(value="24")
