"""Layout arithmetic: text widths, column widths from the content, titles broken by meaning."""

import pytest

from gongxin.reports.layout import (
    AIR_EM,
    CELL_MARGIN_MM,
    HALF_EM,
    MM_PER_PT,
    break_title,
    plan_columns,
    text_width,
    title_tokens,
)


def test_text_width_counts_cjk_as_one_em_and_digits_as_half():
    assert text_width("聊城市") == 3
    # 4 digits × 0.62 + 年 (1) + the space the word processor puts between 4 and 年 (0.25)
    assert text_width("2024年") == pytest.approx(4 * HALF_EM + 1 + 0.25)
    # 5月10日: three joins of a digit and a 汉字
    assert text_width("5月10日") == pytest.approx(3 * HALF_EM + 2 + 3 * 0.25)
    # the em dash and the arrows are drawn full-width in CJK fonts
    assert text_width("1—4") == pytest.approx(2 * HALF_EM + 1)
    assert text_width("↑1") == pytest.approx(1 + HALF_EM)


def column_mm(ems: float, size: float = 12.0) -> float:
    return (ems + AIR_EM) * size * MM_PER_PT + 2 * CELL_MARGIN_MM


def test_a_name_gets_its_whole_line_and_numbers_are_never_narrower_than_their_value():
    headers = ["县（市、区）", "增速（%）", "位次", "预警"]
    rows = [["聊城经济技术开发区", "12.3", "11", "红"], ["冠县", "-1.2", "2", "—"]]
    plan = plan_columns(headers, rows, [False, True, True, False], 156)
    assert plan.font_size == 12
    assert sum(plan.widths_mm) == pytest.approx(156)
    # 聊城经济技术开发区: 9 ems at 12 pt = 9.4 × 4.233 mm + 2 mm margins = 41.8 mm at least
    assert plan.widths_mm[0] >= column_mm(9) - 1e-9
    # at least the widest value 12.3 (4 × 0.62 em) and 增速 / （%）on two lines (（%）= 3 em)
    assert plan.widths_mm[1] >= column_mm(3) - 1e-9
    assert plan.widths_mm[1] >= column_mm(4 * HALF_EM) - 1e-9
    # 预警: at least its header on two lines (one character a line) — never less than one em
    assert plan.widths_mm[3] >= column_mm(1) - 1e-9


def test_long_texts_share_what_is_left_and_short_names_stay_on_one_line():
    message = "某某有限公司1—4月工业总产值413.6万元，为规上标准按月折算值666.7万元的62.0%。" * 2
    headers = ["级别", "对象", "预警内容", "处置状态"]
    rows = [["黄色预警", "聊城峰晟服饰有限公司", message, "待处置"]]
    plan = plan_columns(headers, rows, [False] * 4, 156)
    # 聊城峰晟服饰有限公司 (10 ems) on one line; 黄色预警 (4 ems) too
    assert plan.widths_mm[1] >= column_mm(10) - 1e-9
    assert plan.widths_mm[0] >= column_mm(4) - 1e-9
    # the message takes the rest and wraps: 156 − the three others
    assert plan.widths_mm[2] == pytest.approx(156 - sum(plan.widths_mm[i] for i in (0, 1, 3)))


def test_many_number_columns_step_the_font_down_rather_than_wrap_numbers():
    headers = [f"指标{i}（万元）" for i in range(12)]
    rows = [["123456789.0"] * 12]
    plan = plan_columns(headers, rows, [True] * 12, 156)
    # "123456789.0" = 11 × 0.62 em + 0.4 em air = 7.22 em; a column = 7.22 em + 2 mm margins.
    # 12 columns at 9 pt (3.175 mm an em): 12 × 24.9 mm = 299 mm > 156: the smallest size,
    # shrunk to fit
    assert plan.font_size == 9
    assert sum(plan.widths_mm) == pytest.approx(156)
    few = plan_columns(headers[:5], [rows[0][:5]], [True] * 5, 156)
    # 5 columns at 12 pt (4.233 mm): 5 × 32.6 = 163 mm > 156; at 10.5 pt (3.704 mm):
    # 5 × 28.7 = 144 mm ≤ 156
    assert few.font_size == 10.5


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        # short: one line
        ("各县（市、区）规模以上工业增加值主要指标", ["各县（市、区）规模以上工业增加值主要指标"]),
        # never "运行情 / 况", never inside the date
        (
            "关于2024年1—4月份全市工业经济运行情况的通报",
            ["关于2024年1—4月份全市", "工业经济运行情况的通报"],
        ),
        (
            "聊城市工业企业用电日调度情况（2024年5月8日）",
            ["聊城市工业企业用电日调度情况", "（2024年5月8日）"],
        ),
        (
            # a place name is one token: never 聊城 / 经济技术开发区
            "关于2024年1—12月份聊城经济技术开发区工业经济运行情况的通报",
            ["关于2024年1—12月份", "聊城经济技术开发区工业经济运行情况的通报"],
        ),
    ],
)
def test_titles_break_by_meaning(title, lines):
    assert break_title(title) == lines
    assert "".join(lines) == title


def test_dates_and_domain_words_are_single_tokens():
    tokens = title_tokens("关于2024年1—4月份全市工业经济运行情况的通报")
    assert "2024年1—4月份" in tokens
    assert "工业经济运行" in tokens and "情况" in tokens
    assert "2024年5月8日" in title_tokens("调度（2024年5月8日）")[-1]


def test_a_very_long_title_takes_three_lines_as_a_diamond_or_trapezoid():
    title = "关于2024年1—12月份聊城高新技术产业开发区重点产业链工业经济运行情况的通报"
    lines = break_title(title)
    assert "".join(lines) == title
    assert len(lines) == 3
    widths = [text_width(line) for line in lines]
    assert max(widths) <= 20
    diamond = widths[1] >= max(widths[0], widths[2])
    trapezoid = widths[0] >= widths[1] >= widths[2]
    assert diamond or trapezoid, lines
    for line in lines:  # no line ends inside a date
        assert not line.endswith(("2024年", "1—", "12月"))


def test_a_header_breaks_between_whole_characters_never_one_a_line():
    # 较上月 (three characters) stays on one line: 3 ems, never 较上 / 月 or one a line
    plan = plan_columns(["名称", "较上月"], [["东昌府区", "↑1"]], [False, True], 40)
    assert plan.widths_mm[1] >= column_mm(3) - 1e-9


def test_the_font_steps_down_when_that_puts_every_name_on_one_line():
    # a name of 20 ems and 6 number columns of 1234.5 (6 × 0.62 + 0.4 air = 4.12 ems): one line
    # needs 20.4 + 6 × 4.12 = 45.1 ems; at 12 pt 45.1 × 4.233 mm + 7 × 2 mm = 205 mm, at 10.5 pt
    # 45.1 × 3.704 + 14 = 181 mm — too wide either way, so the font stays 12 pt and the name wraps
    name = "聊" * 20
    wide = plan_columns(["名称", *"ABCDEF"], [[name, *["1234.5"] * 6]], [False] + [True] * 6, 156)
    assert wide.font_size == 12
    # a name of 12 ems: 12.4 + 6 × 4.12 = 37.1 ems
    # × 4.233 + 14 = 171 mm > 156; at 10.5 pt 37.1 × 3.704 + 14 = 151 mm ≤ 156: one line
    name = "聊" * 12
    plan = plan_columns(["名称", *"ABCDEF"], [[name, *["1234.5"] * 6]], [False] + [True] * 6, 156)
    assert plan.font_size == 10.5
    assert plan.widths_mm[0] >= column_mm(12, 10.5) - 1e-9


def test_a_bracketed_unit_goes_to_the_second_line_whole_and_no_line_is_one_character():
    # 增速 / （%）: 2 and 3 ems, the wider 3 (（ and ） 1 em each, % 1 em)
    plan = plan_columns(["名称", "增速（%）"], [["冠县", "1.0"]], [False, True], 40)
    assert plan.widths_mm[1] >= column_mm(3) - 1e-9
    # 县（市、区）: breaking before the bracket would leave 县 alone: one line, 6 ems
    plan = plan_columns(["县（市、区）", "增速（%）"], [["冠县", "1.0"]], [False, True], 60)
    assert plan.widths_mm[0] >= column_mm(6) - 1e-9
