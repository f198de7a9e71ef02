"""Company names and unified social credit codes (USCC) for synthetic enterprises.

Names follow the usual patterns of the region (聊城市…有限公司, 山东…股份有限公司, 临清市…有限公司)
built from a trade name of two auspicious characters and an industry word. Trade names of the
city's well-known real enterprises are avoided so that no synthetic firm is mistaken for one.
"""

from __future__ import annotations

import random

from stdnum.cn import uscc as stdnum_uscc

TRADE_CHARS = (
    "华泰鑫恒盛瑞嘉润宏金源丰达福隆和兴昌德顺利安康泽浩宇辰博创力天正元永新海凯汇远春明光"
    "聚诚致佳荣晟益茂万航豪腾岳川峰鼎坤晨旭耀誉锦佑祺翔铭裕联众邦晶"
)
# Trade names of real Liaocheng enterprises (and other famous ones) that must not appear.
AVOID = frozenset(
    {
        "信发",
        "华泰",
        "祥光",
        "时风",
        "鲁西",
        "泉林",
        "中通",
        "骏程",
        "友升",
        "蓝山",
        "冠宏",
        "兴运",
        "信通",
        "凤祥",
        "金号",
        "昌润",
        "阿胶",
        "华通",
        "惠达",
        "东元",
        "国兴",
        "金蔡",
        "泰和",
        "华鲁",
        "万达",
        "恒大",
        "海尔",
        "联想",
        "华为",
        "中兴",
        "美的",
        "格力",
        "新华",
        "光明",
        "和平",
        "兴华",
        "力天",
        "金光",
        "恒源",
        "泰山",
        "鲁泰",
    }
)
# Place prefixes in names, by region code of the default configuration.
PLACE_PREFIX: dict[str, tuple[str, ...]] = {
    "371502": ("聊城市", "聊城"),
    "371503": ("聊城市茌平区", "茌平"),
    "371521": ("阳谷", "阳谷县"),
    "371522": ("莘县",),
    "371524": ("东阿", "东阿县"),
    "371525": ("冠县",),
    "371526": ("高唐", "高唐县"),
    "371581": ("临清市", "临清"),
    "371571": ("聊城", "聊城市"),
    "371572": ("聊城", "聊城市"),
    "371573": ("聊城市",),
}

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def _org_value(ch: str) -> int:
    return int(ch) if ch.isdigit() else ord(ch) - ord("A") + 10


def org_check_char(body8: str) -> str:
    """GB 11714 check character of an 8-character organisation code body."""
    c = 11 - sum(_org_value(ch) * w for ch, w in zip(body8, _ORG_WEIGHTS, strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def make_uscc(rng: random.Random, region: str, used: set[str]) -> str:
    """A valid, unused 18-character USCC of an enterprise (91) registered in ``region``.

    The organisation code (characters 9–17) is either an old-style numeric code, as most
    established firms carry, or a post-2015 ``MA…`` code; both end in their GB 11714 check.
    """
    while True:
        if rng.random() < 0.55:
            body = rng.choice("67") + "".join(rng.choice("0123456789") for _ in range(7))
        else:
            body = "MA" + "".join(rng.choice(_USCC_ALPHABET) for _ in range(6))
        code17 = "91" + region + body + org_check_char(body)
        code = code17 + stdnum_uscc.calc_check_digit(code17)
        if code not in used:
            used.add(code)
            return code


def trade_name(rng: random.Random) -> str:
    while True:
        a, b = rng.choice(TRADE_CHARS), rng.choice(TRADE_CHARS)
        if a != b and a + b not in AVOID:
            return a + b


def company_name(
    rng: random.Random,
    *,
    region: str,
    words: tuple[str, ...],
    ownership: str,
    large: bool,
    city_short: str,
    used: set[str],
) -> str:
    """A unique, plausible Chinese company name."""
    for _ in range(1000):
        trade, word = trade_name(rng), rng.choice(words)
        r = rng.random()
        if ownership in ("外商投资", "港澳台投资") and r < 0.6:
            name = f"{trade}{word}（山东）有限公司"
        elif large and r < 0.55:
            name = f"山东{trade}{word}{rng.choice(('股份有限公司', '集团有限公司'))}"
        elif r < 0.3:
            name = f"山东{trade}{word}有限公司"
        else:
            place = rng.choice(PLACE_PREFIX.get(region, (city_short,)))
            name = f"{place}{trade}{word}有限公司"
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("could not find an unused company name")  # pragma: no cover
