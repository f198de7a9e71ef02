"""HTML is self-contained and printable; XLSX has the text sheet and one sheet per table."""

import io
import re
from html.parser import HTMLParser

from openpyxl import load_workbook

from gongxin.reports.renderers import RENDERERS, render
from tests.reports.documents import sample_document


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.refs += [v for k, v in attrs if k in ("src", "href") and v]


def test_the_renderer_registry_has_the_three_formats():
    assert sorted(RENDERERS) == ["docx", "html", "xlsx"]


def test_html_has_no_external_url_and_embeds_charts():
    html = render(sample_document(), "html").decode("utf-8")
    parser = _Refs()
    parser.feed(html)
    assert parser.refs and all(r.startswith("data:image/png;base64,") for r in parser.refs)
    text = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", html)
    assert not re.search(r"https?:|url\(|@import|//", text)
    assert {"article", "section", "table", "figure", "h1", "h2", "h3"} <= set(parser.tags)
    assert "全市增长7.9%。" in html and "一、总体情况" in html and "（一）分县情况" in html
    assert "@page { size: A4" in html


def test_xlsx_opens_with_the_text_and_table_sheets():
    book = load_workbook(io.BytesIO(render(sample_document(), "xlsx")))
    assert book.sheetnames == ["正文", "县市区", "县市区2"]
    text = [c.value for c in book["正文"]["A"] if c.value]
    assert "聊工信〔2024〕4号" in text and "一、总体情况" in text
    assert any("全市增长7.9%。" in t for t in text)
    sheet = book["县市区"]
    assert [c.value for c in sheet[2]] == ["县（市、区）", "增速（%）"]
    assert sheet["B4"].value == -1.2
