"""Estimate vs official: the difference of the figures shown; flagged beyond 0.5 pp."""

from decimal import Decimal

from gongxin.reconciliation import reconcile


def test_the_difference_is_of_the_rounded_figures():
    # 7.86 shows 7.9 and 7.64 shows 7.6: 0.3 (the exact 0.22 would round to 0.2)
    found = reconcile(7.86, 7.64)
    assert found.difference == Decimal("0.3")
    assert found.text() == "测算 7.9% / 统计局 7.6%，差0.3个百分点"
    assert not found.flagged


def test_the_flag_is_strictly_beyond_half_a_point():
    assert reconcile(8.1, 7.6).flagged is False  # 0.5
    assert reconcile(8.2, 7.6).flagged is True  # 0.6
    assert reconcile(7.0, 7.6).flagged is True  # −0.6
    # binary noise: (107.75/100 − 1) × 100 = 7.7499… shows 7.8; 7.8 − 7.3 = 0.5, not flagged
    assert reconcile((107.75 / 100 - 1) * 100, 7.3).flagged is False


def test_equal_as_shown_and_missing():
    assert reconcile(7.94, 7.86).text() == "测算 7.9% / 统计局 7.9%，两者一致"
    assert reconcile(None, 7.6) is None
    assert reconcile(7.9, None) is None
