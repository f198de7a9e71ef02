"""The DOCX follows GB/T 9704-2012 as shared/docs/gongwen.md puts it in numbers."""

import io

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gongxin.reports.renderers import render
from tests.reports.documents import sample_document


@pytest.fixture(scope="module")
def docx():
    return open_docx(io.BytesIO(render(sample_document(), "docx")))


def east_asia(run) -> str | None:
    fonts = run._element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia"))


def paragraph(docx, text):
    """The paragraph whose text (line breaks left out) is ``text``."""
    return next(p for p in docx.paragraphs if p.text.replace("\n", "") == text)


def test_page_is_a4_with_the_standard_margins_and_line_grid(docx):
    s = docx.sections[0]
    got = [
        s.page_width,
        s.page_height,
        s.top_margin,
        s.bottom_margin,
        s.left_margin,
        s.right_margin,
    ]
    want = [Mm(210), Mm(297), Mm(37), Mm(35), Mm(28), Mm(26)]
    # DOCX stores lengths in twips (1/1440 inch): a millimetre is exact to 0.02 mm
    assert all(abs(g - w) < Mm(0.02) for g, w in zip(got, want, strict=True)), got
    grid = s._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "578"  # 28.9 pt: 22 lines in 225 mm


def test_body_is_16pt_fangsong_with_exact_spacing_and_two_character_indent(docx):
    p = paragraph(docx, "全市增长7.9%。")
    fmt = p.paragraph_format
    assert (fmt.line_spacing_rule, fmt.line_spacing) == (WD_LINE_SPACING.EXACTLY, Pt(28.9))
    assert fmt.first_line_indent == Pt(32)
    assert p._p.pPr.ind.get(qn("w:firstLineChars")) == "200"
    run = p.runs[0]
    assert (run.font.size, run.font.name, east_asia(run)) == (Pt(16), "仿宋_GB2312", "仿宋_GB2312")
    normal = docx.styles["Normal"]
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_title_is_22pt_xiaobiaosong_centred_under_a_red_rule(docx):
    title = paragraph(docx, "关于2024年1—4月份全市工业经济运行情况的通报")
    # broken by meaning, after 全市: never inside 运行情况 or the date
    assert title.text == "关于2024年1—4月份全市\n工业经济运行情况的通报"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert (title.runs[0].font.size, east_asia(title.runs[0])) == (Pt(22), "方正小标宋简体")
    number = paragraph(docx, "聊工信〔2024〕4号")
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    assert (
        paragraph(docx, "各县（市、区）工业和信息化主管部门：").alignment == WD_ALIGN_PARAGRAPH.LEFT
    )


@pytest.mark.parametrize(
    ("text", "font"),
    [
        ("一、总体情况", "黑体"),
        ("（一）分县情况", "楷体_GB2312"),
        ("1.细项", "仿宋_GB2312"),
        ("（1）再细", "仿宋_GB2312"),
        ("二、下一步工作", "黑体"),
    ],
)
def test_headings_are_numbered_by_level_in_their_fonts(docx, text, font):
    run = paragraph(docx, text).runs[0]
    assert (run.font.size, east_asia(run)) == (Pt(16), font)


def test_footers_carry_page_fields_odd_right_even_left(docx):
    assert docx.settings.odd_and_even_pages_header_footer
    section = docx.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)
    for p in (odd, even):
        assert p.text == "— 1 —"  # the PAGE field's cached result between the dashes
        assert " PAGE " in [t.text for t in p._p.iter(qn("w:instrText"))]
        assert {east_asia(r) for r in p.runs} == {"宋体"}
        assert {r.font.size for r in p.runs} == {Pt(14)}


def test_date_signature_attachments_and_closing_block(docx):
    texts = [p.text for p in docx.paragraphs]
    assert "2024年5月20日" in texts
    assert "附件：行业表" in texts
    closing = docx.tables[-1]
    assert closing.rows[0].cells[0].text == "抄送：市政府办公室，市统计局。"
    # floating at the bottom of the text block: the foot of the last page
    place = closing._tbl.tblPr.find(qn("w:tblpPr"))
    assert (place.get(qn("w:vertAnchor")), place.get(qn("w:tblpYSpec"))) == ("margin", "bottom")
    printed = closing.rows[1].cells[0].paragraphs[0]
    assert printed.text == "聊城市工业和信息化局办公室\t2024年5月20日印发"
    assert {east_asia(r) for r in printed.runs} == {"仿宋_GB2312"}
    assert printed.runs[0].font.size == Pt(14)


def test_tables_have_fixed_widths_that_agree_and_fill_the_text_block(docx):
    for table in docx.tables[:-1]:
        tbl_pr = table._tbl.tblPr
        assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        # 156 mm = 8844 twips (1 mm = 56.69 twips), give or take the rounding of each column
        assert abs(sum(grid) - 8844) <= len(grid)
        assert int(tbl_pr.find(qn("w:tblW")).get(qn("w:w"))) == sum(grid)
        for row in table.rows:
            cells = [int(c._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) for c in row.cells]
            assert cells == grid


def test_tables_and_charts_are_in_the_document(docx):
    assert len(docx.tables) == 3  # two tables and the 版记
    assert docx.tables[0].rows[1].cells[0].text == "东昌府区"
    cell_run = docx.tables[0].rows[1].cells[1].paragraphs[0].runs[0]
    assert (cell_run.font.size, east_asia(cell_run)) == (Pt(12), "仿宋_GB2312")
    assert len(docx.inline_shapes) == 1
