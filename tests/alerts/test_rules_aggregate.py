"""Region, industry and city rules on a tiny city, with hand-computed answers.

Growth is output growth here (no PPI → 100, no value-added ratio → 1). Regions, April 2024:
茌平 2.0 %, 莘县 1.9 %, 冠县 3.1 %, 阳谷 5.0 %, 东阿 7.0 %, 东昌府 10.0 % (no target).
"""

import pytest

from tests.alerts.conftest import by_member, uscc

pytestmark = pytest.mark.django_db

GROWTH = {  # region: (output a month, a year earlier)
    "371503": 1020.0,  # 茌平区 2.0 %: gap to 7 = −5.0 exactly
    "371522": 1019.0,  # 莘县 1.9 %: gap −5.1
    "371525": 1031.0,  # 冠县 3.1 %: gap −3.9
    "371521": 1050.0,  # 阳谷县 5.0 %: gap −2.0 exactly
    "371524": 1070.0,  # 东阿县 7.0 %: gap 0
    "371502": 1100.0,  # 东昌府区 10.0 %, no target
}


@pytest.fixture
def regions(tiny):
    for i, (region, output) in enumerate(GROWTH.items()):
        tiny.enterprise(uscc(i, region), region)
        tiny.months(uscc(i, region), 2024, range(1, 5), output, 1000.0)
        if region != "371502":
            tiny.reference("target_va_growth", region, "2024", 7.0)
    tiny.reference("benchmark_va_growth_ytd", "province", "2024-04", 8.0)
    tiny.commit()
    return tiny


BELOW_TARGET = """
rules:
  - {kind: below_target, scope: region, bands: {red: -5.0, yellow: -2.0, blue: 0.0}}
"""


def test_below_target_bands_and_their_boundaries(regions, evaluate):
    found = by_member(evaluate(BELOW_TARGET))
    levels = {m: f.level for m, f in found.items()}
    # −5.1 red; exactly −5.0 stays yellow; −3.9 yellow; exactly −2.0 stays blue; 0 fires nothing.
    assert levels == {"371522": "red", "371503": "yellow", "371525": "yellow", "371521": "blue"}
    guan = found["371525"]
    assert (guan.indicator, guan.value, guan.threshold) == ("va_gap_to_target_ytd", -3.9, -2.0)
    assert guan.scope == "region" and guan.region == "371525"
    assert guan.message == (
        "冠县 1—4月规上工业增加值增长3.1%，低于年度目标7.0%共3.9个百分点，列全市第4位，"
        "请分析原因、落实追赶措施。"
    )


def test_below_target_needs_a_target(regions, evaluate):
    # 东昌府区 has no target: no warning, whatever its growth.
    assert "371502" not in by_member(evaluate(BELOW_TARGET))


def test_below_target_for_the_city_uses_the_config_code(regions, evaluate):
    # The city's 2024 target (7.0) comes with the city configuration; growth 4.8 % → −2.2.
    rules = "rules:\n  - {kind: below_target, scope: city}\n"
    (finding,) = evaluate(rules)
    assert (finding.scope, finding.member, finding.name) == ("city", "371500", "聊城市")
    assert finding.level == "yellow" and finding.region == ""
    assert "列全市" not in finding.message


def test_rank_bottom_counts_places_from_the_bottom(regions, evaluate):
    rules = "rules:\n  - {kind: rank_bottom, scope: region, bands: {yellow: 1, blue: 3}}\n"
    found = by_member(evaluate(rules))
    # 莘县 last (yellow); 茌平 and 冠县 2nd and 3rd from the bottom (blue, 3rd included).
    assert {m: f.level for m, f in found.items()} == {
        "371522": "yellow",
        "371503": "blue",
        "371525": "blue",
    }
    assert (found["371522"].value, found["371522"].threshold) == (6, 6)
    assert found["371522"].message == (
        "莘县 1—4月规上工业增加值增长1.9%，在全市6个县市区中列第6位（倒数第1位），"
        "请分析拖累因素、提出改进措施。"
    )


def test_rank_bottom_min_share_leaves_out_small_members(regions, evaluate):
    rules = "rules:\n  - {kind: rank_bottom, scope: region, min_share: 17.0}\n"
    # Each region holds about 1/6 (16.x %) of value added, 东昌府 and 东阿 a little more.
    assert evaluate(rules) == []


def test_below_province_bands(regions, evaluate):
    rules = "rules:\n  - {kind: below_province, scope: region, bands: {yellow: -3.0, blue: -1.0}}\n"
    found = by_member(evaluate(rules))
    # 8.0 province: 阳谷 −3.0 exactly → blue; 冠县 −4.9 → yellow; 东阿 −1.0 exactly → nothing.
    assert found["371521"].level == "blue"
    assert found["371525"].level == "yellow"
    assert "371524" not in found
    assert found["371525"].message == (
        "冠县 1—4月规上工业增加值增长3.1%，低于全省（8.0%）4.9个百分点，请对标分析差距。"
    )


def test_below_province_needs_a_benchmark(regions, evaluate):
    rules = "rules:\n  - {kind: below_province, scope: region}\n"
    assert evaluate(rules, "2024-03") == []  # no province figure for March


def test_below_province_on_industries(regions, evaluate):
    rules = "rules:\n  - {kind: below_province, scope: industry, bands: {yellow: -1.0}}\n"
    (finding,) = evaluate(rules)
    assert (finding.scope, finding.member, finding.region) == ("industry", "33", "")


RANK_DROP = "rules:\n  - {kind: rank_drop, scope: region, bands: {yellow: 3, blue: 2}}\n"


@pytest.fixture
def reshuffled(tiny):
    """Through March A > B > C > D; in April A collapses to last (rank 1 → 4)."""
    for i, (region, output) in enumerate(
        [("371502", 1100.0), ("371503", 1080.0), ("371521", 1060.0), ("371522", 1040.0)]
    ):
        tiny.enterprise(uscc(i, region), region)
        tiny.months(uscc(i, region), 2024, range(1, 4), output, 1000.0)
        tiny.report(uscc(i, region), 202404, 500.0 if i == 0 else output, 1000.0)
    tiny.commit()
    return tiny


def test_rank_drop_fires_at_k_places(reshuffled, evaluate):
    (finding,) = evaluate(RANK_DROP)
    assert (finding.member, finding.level, finding.value, finding.threshold) == (
        "371502", "yellow", -3, -3,
    )  # fmt: skip
    assert finding.message == (
        "东昌府区 1—4月规上工业增加值增速列全市县市区第4位，较1—3月下降3位，请分析原因。"
    )


def test_rank_drop_is_silent_in_january(reshuffled, evaluate):
    assert evaluate(RANK_DROP, "2024-01") == []


def test_a_gap_in_a_message_is_the_difference_of_the_figures_it_quotes(tiny, evaluate):
    # 冠县 grows 1072.4 / 1000 − 1 = 7.24 % (shows 7.2); the province 7.86 % (shows 7.9):
    # the message says 0.7 (7.9 − 7.2), never 0.6 (the exact gap −0.62 rounded).
    tiny.enterprise(uscc(1, "371525"), "371525")
    tiny.months(uscc(1, "371525"), 2024, range(1, 5), 1072.4, 1000.0)
    tiny.reference("benchmark_va_growth_ytd", "province", "2024-04", 7.86)
    tiny.commit()
    rules = "rules:\n  - {kind: below_province, scope: region, bands: {blue: -0.65}}\n"
    (finding,) = evaluate(rules)
    assert finding.message == (
        "冠县 1—4月规上工业增加值增长7.2%，低于全省（7.9%）0.7个百分点，请对标分析差距。"
    )
    assert finding.value == -0.7  # classified on the same figure (−0.7 < −0.65)
