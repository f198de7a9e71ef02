"""Spreadsheet downloads of what a page shows (the rows are already scoped by the caller)."""

from __future__ import annotations

import io
from collections.abc import Sequence

import xlsxwriter

from gongxin.engine.catalog import default_catalog
from gongxin.export_cells import WORKBOOK_OPTIONS, xlsx_write_row
from gongxin.web.enterprise_table import Row
from gongxin.web.templatetags.figures import DISPLAY_UNITS


def _number_format(catalog: object, indicator: str) -> str:
    decimals = catalog.indicators[indicator].decimals  # type: ignore[attr-defined]
    return "#,##0." + "0" * decimals if decimals else "#,##0"


def enterprises_xlsx(
    *, rows: Sequence[Row], columns: Sequence[str], period: str | None
) -> io.BytesIO:
    """One sheet: enterprise facts then the figures, unrounded, formatted to display decimals."""
    catalog = default_catalog()
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, WORKBOOK_OPTIONS)
    sheet = book.add_worksheet("企业列表")
    head = book.add_format({"bold": True, "bg_color": "#E8F0FC", "border": 1, "text_wrap": True})
    formats = {c: book.add_format({"num_format": _number_format(catalog, c)}) for c in columns}
    headers = ["统一社会信用代码", "企业名称", "所属区县", "行业大类", "重点企业"]
    for c in columns:
        ind = catalog.indicators[c]
        unit = DISPLAY_UNITS.get(ind.unit, ind.unit)
        headers.append(f"{ind.name}（{unit}）" if unit else ind.name)
    xlsx_write_row(sheet, 0, 0, headers, head)
    for r, row in enumerate(rows, start=1):
        # Text as text (write_string): a roster name is never a formula (issue 10).
        xlsx_write_row(
            sheet,
            r,
            0,
            [
                row.uscc,
                row.name,
                row.region_name,
                f"{row.division} {row.division_name}",
                "是" if row.key else "否",
            ],
        )
        for c, ind in enumerate(columns, start=5):
            value = row.values.get(ind)
            if value is not None:
                sheet.write_number(r, c, value, formats[ind])
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 1, 32)
    sheet.set_column(2, 3, 18)
    sheet.set_column(5, 4 + len(columns), 14)
    sheet.freeze_panes(1, 2)
    if period:
        sheet.write_string(len(rows) + 2, 0, f"报告期：{period}；数据来源：工信指标引擎")
    book.close()
    out.seek(0)
    return out
