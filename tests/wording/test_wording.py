"""One rounding rule for every output: half up (四舍五入) on the exact value; 持平 for 0.0."""

from decimal import Decimal

import pytest

from gongxin import wording
from gongxin.alerts import wording as alert_wording
from gongxin.reports.figures import change, gap
from gongxin.reports.model import Figure
from gongxin.text_tables import format_number
from gongxin.web.templatetags.figures import fig, growth, num, trend


def growth_of(current: float, base: float) -> float:
    return (current / base - 1) * 100  # how the engine computes a growth, in binary floats


def test_halves_round_up_on_the_exact_value():
    # (107.75 / 100 − 1) × 100 = 7.749999999999996 in binary: the true value 7.75 shows 7.8.
    assert growth_of(107.75, 100) < 7.75
    assert wording.number(growth_of(107.75, 100)) == "7.8"
    # (100.05 / 100 − 1) × 100 = 0.04999999999999449: the true 0.05 shows 0.1.
    assert wording.number(growth_of(100.05, 100)) == "0.1"
    assert wording.number(7.85) == "7.9"
    assert wording.number(-7.85) == "-7.9"  # half away from zero, as by hand
    # the float nearest 2.675 is 2.67499999999999982236431605997495353221893310546875
    assert wording.number(2.675, 2) == "2.68"
    assert wording.rounded(0.05) == 0.1
    assert wording.exact(7.749999999999996) == Decimal("7.750000000")


def test_noise_is_snapped_but_real_digits_are_kept():
    # 7.7499999 is a real value below the half (9 decimal places keep it): it shows 7.7.
    assert wording.number(7.7499999) == "7.7"
    assert wording.number(7.7499999999) == "7.8"  # beyond 9 places: noise


def test_never_minus_zero_and_none_is_a_dash():
    assert wording.number(-0.04) == "0.0"
    assert wording.number(-0.0) == "0.0"
    assert wording.number(None) == "—"
    assert wording.number(1234567.85, grouping=True) == "1,234,567.9"
    assert wording.number(2.5, 0) == "3"


def test_growth_words():
    assert wording.growth(7.86) == "增长7.9%"
    assert wording.growth(-3.14) == "下降3.1%"
    # −0.04 % never reads 下降0.0% nor 增长0.0%
    assert wording.growth(-0.04) == "持平"
    assert wording.growth(0.049) == "持平"
    assert wording.growth(growth_of(100.05, 100)) == "增长0.1%"


def test_gap_is_the_difference_of_the_rounded_figures():
    # 7.24 shows 7.2 and 7.86 shows 7.9: the text says 0.7 (7.9 − 7.2),
    # not 0.6 (7.86 − 7.24 = 0.62 → 0.6).
    assert wording.gap(7.24, 7.86) == "低于全省0.7个百分点"
    assert wording.gap(9.8, 7.9) == "高于全省1.9个百分点"
    assert wording.gap(7.94, 7.86, "全国") == "与全国持平"  # both show 7.9
    assert wording.points(-0.31) == "回落0.3个百分点"
    assert wording.points(0.02) == "持平"


def test_against_time_reads_the_rounded_gap():
    assert wording.against_time(3.25) == "超过时间进度3.3个百分点"  # half up; round() gives 3.2
    assert wording.against_time(-33.333) == "落后时间进度33.3个百分点"  # never "超 -33.3"
    assert wording.against_time(-0.04) == "与时间进度持平"  # rounds to 0.0


def test_every_output_shows_the_same_digits():
    value = growth_of(107.75, 100)
    assert format_number(value, 1) == "7.8"  # CLI table
    assert fig(value, "va_growth_ytd") == "7.8"  # web
    assert num(value, 1) == "7.8"
    assert alert_wording.number(value) == "7.8"  # warnings
    assert alert_wording.growth(value) == "增长7.8%"
    assert alert_wording.growth(-0.04) == "持平"
    assert alert_wording.published(value) == 7.8
    assert growth(-0.04) == "持平"
    assert trend(-0.04) == ""  # neither red nor green: it reads 0.0
    assert format_number(1234.5, 0) == "1,235"


@pytest.mark.parametrize(("shown", "text"), [(7.9, "增长7.9%"), (-3.1, "下降3.1%"), (0.0, "持平")])
def test_document_wording_of_a_figure(shown, text):
    figure = Figure(wording.number(abs(shown)) + "%", shown, (), 1)
    sentence = change(figure)
    assert sentence.text == text
    assert sentence.figures == (() if shown == 0 else (figure,))


def test_document_gap_wording():
    assert gap(Figure("0.7个百分点", -0.7, (), 1), "全省平均").text == "低于全省平均0.7个百分点"
    assert gap(Figure("0.0个百分点", 0.0, (), 1), "全省平均").text == "与全省平均持平"
