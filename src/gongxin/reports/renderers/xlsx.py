"""XLSX: the text on a sheet 正文 (one sentence block per row), then one sheet per table."""

from __future__ import annotations

import io
import re

import xlsxwriter

from gongxin.export_cells import WORKBOOK_OPTIONS
from gongxin.reports.model import Chart, Document, Paragraph, Table
from gongxin.wording import chinese_date

TEXT_SHEET = "正文"
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def _sheet_name(table: Table, used: set[str], index: int) -> str:
    base = _BAD_SHEET_CHARS.sub("", table.sheet or table.title)[:28] or f"表{index}"
    name, n = base, 2
    while name in used:
        name = f"{base[:26]}{n}"
        n += 1
    used.add(name)
    return name


def render(doc: Document) -> bytes:
    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, WORKBOOK_OPTIONS)
    book.set_properties({"title": doc.title, "author": doc.signature})
    text = book.add_worksheet(TEXT_SHEET)
    wrap = book.add_format(
        {"text_wrap": True, "valign": "top", "font_name": "仿宋_GB2312", "font_size": 12}
    )
    bold = book.add_format({"bold": True, "font_name": "黑体", "font_size": 12, "valign": "top"})
    title = book.add_format(
        {"bold": True, "font_size": 16, "align": "center", "font_name": "方正小标宋简体"}
    )
    head = book.add_format({"bold": True, "border": 1, "align": "center", "text_wrap": True})
    cell = book.add_format({"border": 1})
    num = book.add_format({"border": 1, "align": "right"})
    text.set_column(0, 0, 100)
    row = 0

    def line(value: str, fmt=wrap) -> None:
        nonlocal row
        text.write_string(row, 0, value, fmt)
        row += 1

    line(doc.number, bold)
    text.write_string(row, 0, doc.title, title)
    row += 2
    line(doc.addressee, wrap)
    used = {TEXT_SHEET}
    # One sheet per table occurrence, in reading order (the order doc.tables() gives).
    names = [_sheet_name(t, used, i) for i, t in enumerate(doc.tables(), start=1)]
    tables: list[tuple[str, Table]] = []
    charts = 0

    def blocks(items) -> None:
        nonlocal row, charts
        for block in items:
            if isinstance(block, Paragraph):
                line("　　" + block.text)
            elif isinstance(block, Table):
                name = names[len(tables)]
                tables.append((name, block))
                line(f"（见工作表“{name}”：{block.title}）")
            elif isinstance(block, Chart):
                charts += 1
                line(f"图{charts}　{block.title}", bold)
                text.insert_image(
                    row,
                    0,
                    f"chart{charts}.png",
                    {
                        "image_data": io.BytesIO(block.png),
                        "x_scale": 0.45,
                        "y_scale": 0.45,
                        "object_position": 1,
                    },
                )
                row += 22

    blocks(doc.lead)
    for _, label, section in doc.numbered():
        line(label + section.title, bold)
        blocks(section.blocks)
    blocks(doc.closing)
    for i, attachment in enumerate(doc.attachments, start=1):
        line(f"附件{i}：{attachment.title}", bold)
        blocks(attachment.blocks)
    row += 1
    line(doc.signature)
    line(chinese_date(doc.date))
    if doc.cc:
        line(f"抄送：{doc.cc}")
    if doc.printer:
        line(f"{doc.printer}　{chinese_date(doc.date)}印发")

    for name, table in tables:
        sheet = book.add_worksheet(name)
        sheet.write_string(0, 0, table.title, bold)
        for c, header in enumerate(table.headers):
            sheet.write_string(1, c, header, head)
            width = max(len(str(v)) for v in [header, *(r[c] for r in table.rows)])
            sheet.set_column(c, c, min(60, 2.2 * width + 2))
        for r, values in enumerate(table.rows, start=2):
            for c, value in enumerate(values):
                numeric = table.numeric[c] and _is_number(value)
                if numeric:
                    sheet.write_number(r, c, float(value), num)
                else:
                    sheet.write_string(r, c, value, cell)
        if table.note:
            sheet.write_string(len(table.rows) + 3, 0, f"注：{table.note}")
        sheet.freeze_panes(2, 1)
    book.close()
    return buf.getvalue()


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
