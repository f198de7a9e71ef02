"""Enterprise rules on a tiny city: thresholds exactly at the bound, missing months, escalation."""

import pytest

from tests.alerts.conftest import by_member, uscc

pytestmark = pytest.mark.django_db

R = "371525"  # 冠县


def rules(kind: str, extra: str = "") -> str:
    return f"rules:\n  - {{kind: {kind}, scope: enterprise{extra}}}\n"


def test_zero_output_is_stalled_whatever_came_before(tiny, evaluate):
    plain, key, still, new, running = uscc(1), uscc(2), uscc(3), uscc(4), uscc(5)
    for code in (plain, key, still, new, running):
        tiny.enterprise(code, R, key=code == key)
    for code in (plain, key):
        tiny.report(code, 202403, 300.0, 290.0)
        tiny.report(code, 202404, 0.0, 310.0)
    tiny.report(still, 202403, 0.0, 100.0)
    tiny.report(still, 202404, 0.0, 100.0)
    tiny.report(new, 202404, 0.0)  # no March report
    tiny.report(running, 202404, 0.04, 100.0)  # 0.04 万元 publishes as 0.0: 停产 too
    tiny.commit()
    found = by_member(evaluate(rules("stalled")))
    assert {m: f.level for m, f in found.items()} == {
        plain: "yellow", key: "red", still: "yellow", new: "yellow", running: "yellow",
    }  # fmt: skip
    assert found[plain].message == (
        f"企业{plain[-4:]}（冠县）4月工业总产值为0，上月为300.0万元，停产，请核实原因并跟进服务。"
    )
    assert found[still].message == (
        f"企业{still[-4:]}（冠县）4月工业总产值为0，上月亦为0，持续停产，请核实原因并跟进服务。"
    )
    assert found[new].message == (
        f"企业{new[-4:]}（冠县）4月工业总产值为0，停产，请核实原因并跟进服务。"
    )
    assert (found[plain].indicator, found[plain].value, found[plain].threshold) == (
        "output_month", 0.0, None,
    )  # fmt: skip


def test_stalled_in_january_looks_at_december(tiny, evaluate):
    with_dec, without = uscc(1), uscc(2)
    tiny.enterprise(with_dec, R)
    tiny.enterprise(without, R)
    tiny.report(with_dec, 202312, 200.0)
    tiny.report(with_dec, 202401, 0.0)
    tiny.report(without, 202401, 0.0)
    tiny.commit()
    found = by_member(evaluate(rules("stalled"), "2024-01"))
    assert set(found) == {with_dec, without}
    assert "上月为200.0万元" in found[with_dec].message
    assert "上月" not in found[without].message


def test_a_halt_is_not_also_an_output_drop(tiny, evaluate):
    halted, halting_since_march = uscc(1), uscc(2)
    tiny.enterprise(halted, R)
    tiny.enterprise(halting_since_march, R)
    tiny.report(halted, 202403, 300.0, 300.0)
    tiny.report(halted, 202404, 0.0, 300.0)
    tiny.report(halting_since_march, 202403, 0.0, 300.0)
    tiny.report(halting_since_march, 202404, 0.0, 300.0)
    tiny.commit()
    both = (
        "rules:\n  - {kind: stalled, scope: enterprise}\n"
        "  - {kind: output_drop, scope: enterprise}\n"
    )
    kinds = {(f.kind, f.member) for f in evaluate(both)}
    # Zero output is 停产 whether it started this month or in March: never 同比下降100.0%.
    assert kinds == {("stalled", halted), ("stalled", halting_since_march)}
    only_drop = "rules:\n  - {kind: output_drop, scope: enterprise}\n"
    assert evaluate(only_drop) == []  # even with the stalled rule switched off


def test_output_drop_bands_exactly_at_the_bound(tiny, evaluate):
    outputs = {uscc(1): 700.0, uscc(2): 699.0, uscc(3): 500.0, uscc(4): 499.0, uscc(5): 690.0}
    for code, output in outputs.items():
        tiny.enterprise(code, R, leader=code == uscc(5))
        tiny.report(code, 202404, output, 1000.0)
    tiny.commit()
    found = by_member(evaluate(rules("output_drop", ", bands: {red: -50.0, yellow: -30.0}")))
    # −30.0 is not beyond −30 (nothing); −30.1 yellow; −50.0 yellow; −50.1 red;
    # a chain leader at −31.0 is escalated to red.
    assert {m: f.level for m, f in found.items()} == {
        uscc(2): "yellow", uscc(3): "yellow", uscc(4): "red", uscc(5): "red",
    }  # fmt: skip
    assert (found[uscc(2)].value, found[uscc(2)].threshold) == (-30.1, -30.0)
    assert found[uscc(5)].message == (
        f"企业{uscc(5)[-4:]}（冠县，链主企业）4月工业总产值690.0万元，同比下降31.0%，"
        "降幅超过30.0%，请了解原因并跟进帮扶。"
    )


def test_output_drop_watch_limits_the_enterprises(tiny, evaluate):
    tiny.enterprise(uscc(1), R)
    tiny.enterprise(uscc(2), R, size="大型")
    for code in (uscc(1), uscc(2)):
        tiny.report(code, 202404, 100.0, 1000.0)
    tiny.commit()
    found = evaluate(rules("output_drop", ", watch: [large]"))
    assert [f.member for f in found] == [uscc(2)]


def test_electricity_divergence(tiny, evaluate):
    cases = {uscc(1): 120.0, uscc(2): 121.0, uscc(3): 50.0}  # electricity; output flat
    for code, power in cases.items():
        tiny.enterprise(code, R)
        tiny.report(code, 202404, 1000.0, 1000.0, electricity=power, electricity_py=100.0)
    tiny.enterprise(uscc(4), R)  # no electricity reported: nothing to compare
    tiny.report(uscc(4), 202404, 500.0, 1000.0)
    tiny.commit()
    found = by_member(evaluate(rules("electricity_divergence")))
    # +20.0 pp exactly is not beyond 20; +21.0 blue; −50.0 beyond 40 → yellow.
    assert {m: f.level for m, f in found.items()} == {uscc(2): "blue", uscc(3): "yellow"}
    assert (found[uscc(2)].value, found[uscc(2)].threshold) == (21.0, 20.0)
    assert (found[uscc(3)].value, found[uscc(3)].threshold) == (-50.0, -40.0)
    assert "疑似隐性停产减产" in found[uscc(3)].message
    assert "疑似产值少报" in found[uscc(2)].message


def test_missing_report_of_key_enterprises_and_chain_leaders(tiny, evaluate):
    key, leader, plain, reported = uscc(1), uscc(2), uscc(3), uscc(4)
    tiny.enterprise(key, R, key=True)
    tiny.enterprise(leader, R, leader=True)
    tiny.enterprise(plain, R)
    tiny.enterprise(reported, R, key=True)
    tiny.report(reported, 202404, 100.0)
    tiny.commit()
    found = by_member(evaluate(rules("missing_report")))
    assert set(found) == {key, leader}
    assert found[leader].message == (
        f"企业{leader[-4:]}（冠县，链主企业）未报送4月月度运行数据，请督促企业尽快报送。"
    )
    assert (found[key].indicator, found[key].value, found[key].threshold) == (
        "missing_reports", 1, None,
    )  # fmt: skip


def test_leaving_scale_pro_rata(tiny, evaluate):
    # 2,000 万元 a year → 666.7 for January–April; bands: blue below 90 %, yellow below 75 %.
    monthly = {uscc(1): 150.0, uscc(2): 149.9, uscc(3): 100.0}  # 90.0 %, 89.9 %, 60.0 %
    for code, output in monthly.items():
        tiny.enterprise(code, R)
        tiny.months(code, 2024, range(1, 5), output, output)
    tiny.enterprise(uscc(4), R, from_ym=202403)  # entered in March: 2 months, 333.3
    tiny.months(uscc(4), 2024, (3, 4), 100.0, 100.0)  # 200 → 60 %
    tiny.enterprise(uscc(5), R)  # no April report: not judged
    tiny.months(uscc(5), 2024, (1, 2, 3), 10.0, 10.0)
    tiny.commit()
    found = by_member(evaluate(rules("leaving_scale")))
    assert {m: f.level for m, f in found.items()} == {
        uscc(2): "blue", uscc(3): "yellow", uscc(4): "yellow",
    }  # fmt: skip
    assert (found[uscc(3)].value, found[uscc(3)].threshold) == (400.0, 500.0)
    assert found[uscc(4)].message == (
        f"企业{uscc(4)[-4:]}（冠县）3—4月工业总产值200.0万元，为规上标准按月折算值333.3万元"
        "（年2,000万元×2/12）的60.0%，有退出规上的风险，请关注企业经营情况。"
    )
