"""The bulletin's words for non-response of the base (``base_coverage_ytd``).

Growth compares same-caliber enterprise-months only (``docs/methodology.md``, "Non-response and
the coverage of the base"); the methodology puts the coverage beside every growth figure. The
bulletin states the city's coverage once, after its growth, and names the regions whose growth
covers less than :data:`LOW_COVERAGE` per cent of their output. Every number is traced.
"""

from __future__ import annotations

from gongxin import wording
from gongxin.reports.figures import Numbers, constant, join_sentences, say
from gongxin.reports.model import Sentence

COVERAGE = "base_coverage_ytd"
# Below this share of a region's output in growth, its growth describes only part of it.
LOW_COVERAGE = 95


def city_coverage(n: Numbers) -> list[Sentence]:
    """``增速按同口径计算，覆盖全市规上工业总产值的98.7%。``"""
    share = n.fig(COVERAGE)
    if share is None:
        return []
    return [say("增速按同口径计算，覆盖全市规上工业总产值的{}。", share)]


def regions_low_coverage(n: Numbers) -> list[Sentence]:
    """The regions whose growth covers less than 95 % of their output, with the share."""
    shares = n.values(COVERAGE, "region")
    names = n.names(COVERAGE, "region")
    low = [m for m, v in shares.items() if wording.rounded(v) < LOW_COVERAGE]
    if not low:
        return []
    items = []
    for m in low:
        share = n.fig(COVERAGE, "region", m)
        assert share is not None
        items.append(say("{}（{}）", names[m], share))
    bound = constant(f"{LOW_COVERAGE}%", float(LOW_COVERAGE))
    return [
        join_sentences(
            [
                say("同口径覆盖率低于{}、增速仅反映部分企业的有", bound),
                join_sentences(items),
                Sentence("。"),
            ],
            "",
        )
    ]
