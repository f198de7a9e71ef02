"""Errors a clerk can act on: the messages are Chinese and name what to fix."""

from __future__ import annotations

UNKNOWN_INDICATOR = (
    "未知指标：{value}。请使用指标目录中的指标编号（如 va_growth_ytd），"
    "完整列表见 docs/methodology.md。"
)
UNKNOWN_DIMENSION = "未知分组维度：{value}。可选维度：{choices}。"
BAD_PERIOD = "报告期格式有误：{value}。请按 YYYY-MM 填写，如 2024-04。"
NO_INDICATOR = "请至少指定一个指标。"
BAD_FILTER = "筛选条件有误：{value}。请按 维度=代码 填写，如 region=371522。"
UNKNOWN_FILTER_MEMBER = "筛选条件 {dim}={code} 中的代码不存在：请使用该维度的成员代码。"


class EngineError(ValueError):
    """A request the engine cannot answer; ``str(error)`` is the clerk-facing message."""
