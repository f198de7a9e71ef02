"""Charts as PNG bytes (matplotlib, Agg) with Chinese labels in a local CJK font.

The font is found by family name among the fonts matplotlib knows (installed system fonts);
nothing is downloaded at run time. Debian: ``apt-get install fonts-wqy-microhei``.

Figures are plain ``matplotlib.figure.Figure`` objects, never pyplot's: pyplot keeps every open
figure in one global registry, which the web server's threads (two report downloads at once)
would share, and importing it sets up a GUI backend the server never uses (about 0.3 s more on
the first request of a process).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure

from gongxin.errors import UserError
from gongxin.wording import number

CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Source Han Sans SC",
    "SimHei",
    "Microsoft YaHei",
)
ERR_NO_CJK_FONT = (
    "未找到可用于图表中文标注的字体（需要 {families} 之一）：请由管理员安装中文字体，"
    "如 Debian/Ubuntu 执行 apt-get install fonts-wqy-microhei"
)
DPI = 200
BAR = "#1f4e9c"
BAR_LOW = "#c0392b"
TARGET = "#d35400"
GRID = "#cccccc"


@functools.cache
def cjk_font() -> str:
    """The first installed family of ``CJK_FAMILIES``."""
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in CJK_FAMILIES:
        if family in installed:
            return family
    raise UserError(ERR_NO_CJK_FONT.format(families="、".join(CJK_FAMILIES)))


def _figure(width_mm: float, height_mm: float):
    # The same two settings for every chart of the process (read when artists are made), so
    # threads setting them concurrently cannot disagree.
    matplotlib.rcParams["font.family"] = cjk_font()
    matplotlib.rcParams["axes.unicode_minus"] = False  # the CJK fonts lack U+2212
    fig = Figure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=DPI)
    return fig, fig.subplots()


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def ranked_bars(
    names: Sequence[str],
    values: Sequence[float],
    *,
    target: float | None,
    target_label: str,
    value_label: str = "%",
) -> bytes:
    """Horizontal bars, fastest on top, with a dashed vertical line at the target."""
    pairs = sorted(zip(names, values, strict=True), key=lambda p: p[1])
    fig, ax = _figure(150, 20 + 8 * len(pairs))
    labels = [p[0] for p in pairs]
    data = [p[1] for p in pairs]
    colours = [BAR_LOW if target is not None and v < target else BAR for v in data]
    bars = ax.barh(labels, data, color=colours, height=0.6)
    for bar, v in zip(bars, data, strict=True):
        ax.annotate(
            number(v),
            (bar.get_width(), bar.get_y() + bar.get_height() / 2),
            xytext=(3 if v >= 0 else -3, 0),
            textcoords="offset points",
            ha="left" if v >= 0 else "right",
            va="center",
            fontsize=8,
        )
    if target is not None:
        ax.axvline(target, color=TARGET, linestyle="--", linewidth=1.2, label=target_label)
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.axvline(0, color="#333333", linewidth=0.6)
    ax.set_xlabel(value_label, fontsize=9)
    ax.tick_params(labelsize=8)
    ax.grid(axis="x", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    lo, hi = min([0.0, *data]), max([0.0, *data, target or 0.0])
    pad = (hi - lo) * 0.12 or 1.0
    ax.set_xlim(lo - (pad if lo < 0 else 0), hi + pad)
    return _png(fig)


def trend_lines(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    target: float | None,
    target_label: str,
    value_label: str = "%",
) -> bytes:
    """One line per series over the months, values labelled, the target as a dashed line."""
    fig, ax = _figure(150, 75)
    styles = [("#1f4e9c", "o"), ("#7f8c8d", "s"), ("#27ae60", "^")]
    x = list(range(len(labels)))
    for (name, values), (colour, marker) in zip(series, styles, strict=False):
        points = [(i, v) for i, v in zip(x, values, strict=True) if v is not None]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, color=colour, marker=marker, markersize=4, linewidth=1.6, label=name)
        if name == series[0][0]:
            for i, v in points:
                ax.annotate(
                    number(v),
                    (i, v),
                    xytext=(0, 6),
                    textcoords="offset points",
                    ha="center",
                    fontsize=8,
                    color=colour,
                )
    if target is not None:
        ax.axhline(target, color=TARGET, linestyle="--", linewidth=1.2, label=target_label)
    ax.set_xticks(x, labels, fontsize=8)
    ax.set_ylabel(value_label, fontsize=9)
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="y", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.legend(fontsize=8, frameon=False, loc="best")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(x) == 1:
        ax.set_xlim(-0.5, 0.5)
    return _png(fig)


def daily_bars(
    labels: Sequence[str], values: Sequence[float], baselines: Sequence[float | None]
) -> bytes:
    """The week's daily electricity as bars, the baseline of each day as a line."""
    fig, ax = _figure(150, 70)
    x = list(range(len(labels)))
    ax.bar(x, values, color=BAR, width=0.6, label="日用电量")
    points = [(i, b) for i, b in zip(x, baselines, strict=True) if b is not None]
    if points:
        xs, ys = zip(*points, strict=True)
        ax.plot(xs, ys, color=TARGET, marker="o", markersize=3, linewidth=1.2, label="基线")
    ax.set_xticks(x, labels, fontsize=8)
    ax.set_ylabel("万千瓦时", fontsize=9)
    ax.tick_params(axis="y", labelsize=8)
    ax.grid(axis="y", color=GRID, linewidth=0.5)
    ax.set_axisbelow(True)
    ax.legend(fontsize=8, frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _png(fig)
