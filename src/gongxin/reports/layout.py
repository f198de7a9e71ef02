"""Layout arithmetic shared by the renderers: text widths in ems, table columns, title lines.

Plain functions over strings and numbers (no python-docx): a column's width is computed from
its content, a long title is broken by meaning. docs/reports.md ("Tables" and "Titles") gives
the rules with worked examples, which tests/reports/test_layout.py checks.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

# --- widths ---------------------------------------------------------------------------------
# A CJK character is one em wide (so are the "ambiguous" signs —, ↑, ×, which CJK fonts draw
# full-width); a digit, Latin letter or half-width sign about half an em.
# 仿宋_GB2312 draws digits half an em wide, but a machine without it substitutes a Latin font
# for them (DejaVu Sans on a Linux server: digits 0.64 em, "." 0.32): 0.62 a character keeps a
# number from wrapping whichever font draws it. "%" is about a full em in those fonts.
HALF_EM = 0.62
WIDE_SIGNS = "%"


AUTOSPACE_EM = 0.25  # Word, WPS and LibreOffice add space between a 汉字 and a digit or letter
_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[0-9A-Za-z]")


def text_width(text: str) -> float:
    """Width of ``text`` in ems: wide/full-width characters 1, everything else ``HALF_EM``, and
    ``AUTOSPACE_EM`` where a 汉字 meets a digit or Latin letter (5月10日 has three such joins)."""
    width = 0.0
    previous = ""
    for ch in text:
        if ch in "\n\r":
            continue
        wide = ch in WIDE_SIGNS or unicodedata.east_asian_width(ch) in ("W", "F", "A")
        width += 1.0 if wide else HALF_EM
        if previous and (
            (_HAN.match(previous) and _LATIN.match(ch))
            or (_LATIN.match(previous) and _HAN.match(ch))
        ):
            width += AUTOSPACE_EM
        previous = ch
    return width


# --- tables ---------------------------------------------------------------------------------
MM_PER_PT = 25.4 / 72
CELL_MARGIN_MM = 1.0  # left and right cell margin each, written into the table (w:tblCellMar)
AIR_EM = 0.4  # a little air so rounding in a renderer never pushes the last character over
TABLE_SIZES = (12.0, 10.5, 9.0)  # 小4号, 5号, 小5号: the first at which the numbers fit
ONE_LINE_SIZES = (12.0, 10.5)  # sizes at which the font may step down so names fit one line
LONG_TEXT_MIN_EM = 6.0  # a long text column (a message) may wrap, but not narrower than this


@dataclass(frozen=True)
class ColumnPlan:
    font_size: float  # pt
    widths_mm: list[float]  # sum = the width given


HEADER_ONE_LINE = 3  # a header of up to three pieces (位次, 较上月) stays on one line


def _header_min(header: str) -> float:
    """The width (em) at which a header fits: on one line, or on two lines broken before a
    unit in brackets (增速 / （%）) or, for a header of more than three pieces, between lines
    of at least two pieces each (疑似 / 停产) — never one character a line, never inside a
    number or a short unit such as （%）."""
    tokens = re.findall(r"（[^）]{1,3}）|[0-9A-Za-z.%]+|.", header)
    widths = [text_width(t) for t in tokens]
    n = len(tokens)
    splits = [
        k
        for k in range(1, n)
        if (k == n - 1 and tokens[k].startswith("（") and k >= 2)
        or (n > HEADER_ONE_LINE and 2 <= k <= n - 2)
    ]
    return min(
        [sum(widths), *(max(sum(widths[:k]), sum(widths[k:])) for k in splits)],
    )


def _water_fill(widths: list[float], targets: list[float], budget: float) -> float:
    """Raise every column below its target by the same amount until it reaches the target or
    the budget is spent (short deficits are met first); returns what is left of the budget."""
    open_ = [i for i in range(len(widths)) if targets[i] > widths[i] + 1e-9]
    while budget > 1e-9 and open_:
        grow = min(budget / len(open_), min(targets[i] - widths[i] for i in open_))
        for i in open_:
            widths[i] += grow
        budget -= grow * len(open_)
        open_ = [i for i in open_ if targets[i] > widths[i] + 1e-9]
    return budget


def plan_columns(
    headers: list[str],
    rows: list[list[str]],
    numeric: list[bool],
    width_mm: float,
    sizes: tuple[float, ...] = TABLE_SIZES,
) -> ColumnPlan:
    """Column widths from the content, the table exactly ``width_mm`` wide.

    In ems at the table's font size, each column *needs*: a number column its widest value
    (numbers never wrap) and its header on two lines; a text column its header on two lines
    and its widest value up to ``LONG_TEXT_MIN_EM``. The font is the largest of ``sizes`` at
    which the needs fit. What is left is given in two rounds, each by water-filling (every
    column short of the round's target grows by the same amount, so short deficits are met
    first): first the text columns' widest values on one line (names), then every header on
    one line. Anything still left is shared in proportion to the widths.
    """
    n = len(headers)
    data = [max((text_width(str(r[i])) for r in rows), default=0.0) for i in range(n)]
    head_min = [_header_min(h) for h in headers]
    head_full = [text_width(h) for h in headers]
    need_em = [
        max(data[i], head_min[i])
        if numeric[i]
        else max(head_min[i], min(data[i], LONG_TEXT_MIN_EM))
        for i in range(n)
    ]
    one_line_em = [need_em[i] if numeric[i] else max(need_em[i], data[i]) for i in range(n)]
    header_em = [max(one_line_em[i], head_full[i]) for i in range(n)]
    pad = 2 * CELL_MARGIN_MM

    def mm(ems: list[float], em: float) -> list[float]:
        return [(e + AIR_EM) * em + pad for e in ems]

    size = sizes[-1]
    for candidate in sizes:
        if sum(mm(need_em, candidate * MM_PER_PT)) <= width_mm:
            size = candidate
            break
    # A step down (小4号 → 5号) is worth it when it puts every name on one line.
    if sum(mm(one_line_em, size * MM_PER_PT)) > width_mm:
        for candidate in ONE_LINE_SIZES:
            if candidate < size and sum(mm(one_line_em, candidate * MM_PER_PT)) <= width_mm:
                size = candidate
                break
    em = size * MM_PER_PT
    widths = mm(need_em, em)
    if sum(widths) >= width_mm:
        # Even the needs do not fit at the smallest size (a dozen wide number columns): shrink
        # in proportion; numbers may then wrap.
        return ColumnPlan(size, [w * width_mm / sum(widths) for w in widths])
    budget = width_mm - sum(widths)
    budget = _water_fill(widths, mm(one_line_em, em), budget)
    budget = _water_fill(widths, mm(header_em, em), budget)
    total = sum(widths)
    return ColumnPlan(size, [w + budget * w / total for w in widths])


# --- titles ---------------------------------------------------------------------------------
# Words of the domain a title must not be broken inside; longest first when matched.
TITLE_WORDS = (
    "规模以上工业增加值",
    "规模以上工业",
    "工业和信息化",
    "工业经济运行",
    "工业经济",
    "工业企业",
    "运行情况",
    "主要指标",
    "日调度情况",
    "日调度",
    "周分析",
    "月通报",
    "增加值",
    "产业链",
    "行业大类",
    "县（市、区）",
    "高新技术产业开发区",
    "经济技术开发区",
    "旅游度假区",
    "开发区",
    "用电",
    "情况",
    "通报",
    "全市",
    "关于",
    "企业",
    "工业",
    "运行",
    "经济",
    "增速",
    "贡献",
    "预警",
    "处置",
    "名单",
    "分析",
)
# Unbreakable: dates and numbers with their units, a bracketed aside, a Latin word.
_ATOM = re.compile(
    r"\d{4}年(?:\d{1,2}(?:—\d{1,2})?月(?:份|\d{1,2}日)?)?"
    r"|\d{1,2}(?:—\d{1,2})?月(?:份|\d{1,2}日)?"
    r"|第\d+周"
    r"|[0-9A-Za-z.%]+"
)
# A place name: two to four characters and a suffix (a 市, 县 or 区, or an X经济技术开发区).
_PLACE = re.compile(
    r"[\u4e00-\u9fff]{2,4}?(?:高新技术产业开发区|经济技术开发区|旅游度假区|开发区|县|区|市)"
)
# Where a break reads well: before a bracketed aside, after 关于…, before 的 / 情况 / 通报.
_GOOD_BEFORE = ("（", "的", "情况", "运行情况", "主要指标", "通报")
TITLE_LINE_EM = 20  # 2号 (22 pt) in the 156 mm text block: 442 pt / 22 pt = 20 characters


def title_tokens(title: str) -> list[str]:
    """Split a title into pieces that may not be broken: dates, numbers, place names, domain
    words, an aside in brackets, else single characters."""
    tokens: list[str] = []
    i = 0
    words = sorted(TITLE_WORDS, key=len, reverse=True)
    while i < len(title):
        if title[i] == "（":
            end = title.find("）", i)
            if end != -1 and end - i <= 16:
                tokens.append(title[i : end + 1])
                i = end + 1
                continue
        m = _ATOM.match(title, i)
        if m and m.end() > i:
            tokens.append(m.group())
            i = m.end()
            continue
        m = _PLACE.match(title, i)
        if m:
            tokens.append(m.group())
            i = m.end()
            continue
        word = next((w for w in words if title.startswith(w, i)), None)
        if word:
            tokens.append(word)
            i += len(word)
            continue
        tokens.append(title[i])
        i += 1
    return tokens


def _break_cost(tokens: list[str], k: int) -> float:
    """Cost of breaking before ``tokens[k]``: 0 at a good boundary, more between two plain
    characters (which may be one word the list does not know)."""
    before, after = tokens[k - 1], tokens[k]
    if after.startswith(_GOOD_BEFORE) or before == "关于":
        return 0.0
    if len(before) > 1 and len(after) > 1:
        return 1.0  # between two known words, dates or numbers
    if len(before) > 1 or len(after) > 1:
        return 3.0  # a single character may belong to a name the list does not know
    return 6.0  # between two single characters


def break_title(title: str, line_em: float = TITLE_LINE_EM) -> list[str]:
    """The title's lines: one if it fits, else two (upper longer or equal: a trapezoid) or
    three (the middle longest, a diamond, or each shorter than the one above, a trapezoid),
    broken only between tokens, at the cheapest boundaries, the lines as even as the
    boundaries allow."""
    if text_width(title) <= line_em:
        return [title]
    tokens = title_tokens(title)
    widths = [text_width(t) for t in tokens]
    n = len(tokens)

    def width(a: int, b: int) -> float:
        return sum(widths[a:b])

    best: tuple[float, list[int]] | None = None
    for k in range(1, n):
        top, bottom = width(0, k), width(k, n)
        if top > line_em or bottom > line_em:
            continue
        shape = 0.0 if top >= bottom else 1.0  # prefer the upper line the longer
        cost = _break_cost(tokens, k) * 2 + abs(top - bottom) / 2 + shape
        if best is None or cost < best[0]:
            best = (cost, [k])
    if best is None:
        for a in range(1, n - 1):
            for b in range(a + 1, n):
                lines = (width(0, a), width(a, b), width(b, n))
                if max(lines) > line_em:
                    continue
                diamond = lines[1] >= max(lines[0], lines[2])
                trapezoid = lines[0] >= lines[1] >= lines[2]
                shape = 0.0 if diamond or trapezoid else 4.0
                cost = (
                    (_break_cost(tokens, a) + _break_cost(tokens, b)) * 2
                    + (max(lines) - min(lines)) / 2
                    + shape
                )
                if best is None or cost < best[0]:
                    best = (cost, [a, b])
    if best is None:  # longer than three lines: fill greedily, still between tokens
        lines, line = [], ""
        for t in tokens:
            if line and text_width(line + t) > line_em:
                lines.append(line)
                line = ""
            line += t
        return [*lines, line]
    cuts = [0, *best[1], n]
    return ["".join(tokens[a:b]) for a, b in itertools.pairwise(cuts)]
