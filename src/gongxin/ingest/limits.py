"""Bounds on what an import file may make a process read or allocate.

A file is refused, with a Chinese message naming the limit, before the reader builds anything
in proportion to what the file *claims* (a declared sheet dimension, a zip member's size) rather
than to what it holds. The bounds are far above a real file of the contract (a city's monthly
file is about 3,000 rows × 15 columns; the largest benchmark file 360,000 rows × 15 columns) and
far below what would hurt a server. ``docs/imports.md`` lists them ("Limits").
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileLimits:
    # Data rows plus header; a row number in an XLSX sheet is counted as a row even if the
    # rows before it are empty (the reader gives every row up to the last one).
    max_rows: int = 500_000
    # Columns of the widest row; the contract's widest kind has 15.
    max_columns: int = 256
    # rows × columns of the sheet's used range: what the XLSX reader allocates, cell by cell.
    max_cells: int = 15_000_000
    # Every member of the XLSX zip, decompressed.
    max_uncompressed_bytes: int = 200 * 1024 * 1024
    # Decompressed / compressed size of one zip member, checked for members above 1 MB
    # decompressed (a tiny part compresses at any ratio). Real sheets compress 5–20×.
    max_ratio: int = 100
    ratio_min_bytes: int = 1024 * 1024
    # Members of the zip (a workbook has a dozen or so parts).
    max_members: int = 1_000
    # Characters in one CSV field (the longest contract value is a 200-character name).
    max_field_chars: int = 10_000


LIMITS = FileLimits()

ERR_UNCOMPRESSED = "文件解压后超过 {limit} MB 上限（约 {size} MB）：请拆分后分批导入"
ERR_RATIO = (
    "文件压缩比异常（{name} 解压后是压缩时的 {ratio} 倍，上限 {limit} 倍）：不像正常的 Excel 文件"
)
ERR_MEMBERS = "文件包含 {count} 个部件，超过 {limit} 个上限：不像正常的 Excel 文件"
ERR_ROWS = "工作表超过 {limit} 行上限（第 {row} 行）：请拆分后分批导入"
ERR_COLUMNS = "工作表超过 {limit} 列上限（第 {column} 列）：请删除多余的列"
ERR_CELLS = (
    "工作表范围 {ref} 含 {cells} 个单元格，超过 {limit} 个上限：请删除表格之外的单元格"
    "（如远处误填的一个单元格）后再导入"
)
ERR_CSV_ROWS = "文件超过 {limit} 行上限：请拆分后分批导入"
ERR_CSV_COLUMNS = "第 {row} 行有 {count} 列，超过 {limit} 列上限"
ERR_CSV_FIELD = "第 {line} 行附近有单元格超过 {limit} 个字符上限"


def mb(size: int) -> str:
    return f"{size / 2**20:.0f}"


# --- Plausible values ------------------------------------------------------------------------
# One firm-month of a money field (万元): 10⁹ 万元 is 10 万亿元, above the yearly output of any
# enterprise in China; a value above it is a unit or typing error, never data.
MONEY_MAX = 1e9
# One firm-month of electricity (万千瓦时): 10⁷ 万千瓦时 = 1,000 亿 kWh, more than the largest
# plant in the country uses in a year.
ELECTRICITY_MAX = 1e7
# One firm-day of electricity (万千瓦时).
DAILY_ELECTRICITY_MAX = 1e6
EMPLOYEES_MAX = 1_000_000
LAND_MU_MAX = 1e6
# A reference value (index, rate, ratio, published figure): any magnitude beyond this is noise.
REFERENCE_MAX = 1e12

# Periods: none before 2000 (the platform's earliest statistics), none after next month.
PERIOD_FIRST_YEAR = 2000
ERR_PERIOD_FUTURE = "期 {period} 晚于下月（{latest}）：不接受未来的数据，请核对年份"
ERR_PERIOD_EARLY = "期 {period} 早于 {first} 年：请核对年份"


def latest_ym(today) -> int:
    """The latest acceptable month: the month after ``today``'s."""
    year, month = today.year, today.month + 1
    if month == 13:
        year, month = year + 1, 1
    return year * 100 + month


def period_problem(ym: int, today, shown: str | None = None) -> str | None:
    """Why the month ``ym`` (YYYYMM) is implausible, or None."""
    shown = shown or f"{ym // 100:04d}-{ym % 100:02d}"
    latest = latest_ym(today)
    if ym > latest:
        return ERR_PERIOD_FUTURE.format(
            period=shown, latest=f"{latest // 100:04d}-{latest % 100:02d}"
        )
    if ym // 100 < PERIOD_FIRST_YEAR:
        return ERR_PERIOD_EARLY.format(period=shown, first=PERIOD_FIRST_YEAR)
    return None
