"""`gongxin bulletin` writes the three formats of the same bulletin."""

import io

from docx import Document as open_docx
from docx.oxml.ns import qn
from docx.shared import Mm
from openpyxl import load_workbook
from tests.reports.city import import_small_city


def test_bulletin_in_docx_html_and_xlsx(city, data_dir, tmp_path, run_cli):
    import_small_city(tmp_path / "files")
    outputs = {}
    for fmt in ("docx", "html", "xlsx"):
        path = tmp_path / f"b.{fmt}"
        code, _, err = run_cli(
            "bulletin",
            "--period",
            "2024-04",
            "--format",
            fmt,
            "-o",
            str(path),
            "--date",
            "2024-05-20",
            "--number",
            "7",
        )
        assert code == 0, err
        outputs[fmt] = path.read_bytes()
    doc = open_docx(io.BytesIO(outputs["docx"]))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.02)
    assert abs(section.top_margin - Mm(37)) < Mm(0.02)
    texts = [p.text for p in doc.paragraphs]
    assert "聊工信〔2024〕7号" in texts
    assert "一、全市工业经济运行总体情况" in texts and "二、各县（市、区）运行情况" in texts
    assert "2024年5月20日" in texts
    title = doc.paragraphs[
        # the title broken by meaning: a line break after 全市
        [p.text for p in doc.paragraphs].index("关于2024年1—4月份全市\n工业经济运行情况的通报")
    ]
    assert title.runs[0]._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正小标宋简体"
    assert len(doc.inline_shapes) == 2  # the trend and the region chart
    html = outputs["html"].decode("utf-8")
    assert "http" not in html and html.count("data:image/png;base64,") == 2
    body_sentence = next(t for t in texts if t.startswith("1—4月份，全市规模以上工业增加值"))
    assert body_sentence in html
    book = load_workbook(io.BytesIO(outputs["xlsx"]))
    assert book.sheetnames[0] == "正文" and "附件1 县市区" in book.sheetnames
    assert any(body_sentence in (c.value or "") for c in book["正文"]["A"])


def test_bulletin_without_data_says_what_to_import(city, data_dir, tmp_path, run_cli):
    code, _, err = run_cli(
        "bulletin", "--period", "2024-04", "--format", "html", "-o", str(tmp_path / "b.html")
    )
    assert code == 2 and "没有规上工业企业的月度数据" in err


def test_bulletin_is_dated_after_its_period_by_default_and_refuses_an_earlier_date(
    city, data_dir, tmp_path, run_cli
):
    # refused before any data is read: April's figures cannot exist on 30 April
    code, _, err = run_cli(
        "bulletin", "--period", "2024-04", "--format", "docx", "-o", str(tmp_path / "b.docx"),
        "--date", "2024-04-30",
    )  # fmt: skip
    assert code == 2 and "成文日期 2024-04-30 不在报告期 2024-04 结束之后" in err
    assert "2024-05-01 或之后" in err


def test_default_dates_and_numbers_follow_the_period():
    import datetime as dt

    from gongxin.reports.bulletin import bulletin_number, default_bulletin_date
    from gongxin.reports.weekly import last_closed_month

    # the 20th of the next month; 2024-07-20 is a Saturday → Monday 22nd
    assert default_bulletin_date(202404) == dt.date(2024, 5, 20)
    assert default_bulletin_date(202406) == dt.date(2024, 7, 22)
    assert default_bulletin_date(202412) == dt.date(2025, 1, 20)
    # the year of the issuing date, the serial the period's month
    assert bulletin_number(202412, dt.date(2025, 1, 20), "聊工信") == "聊工信〔2025〕12号"
    assert bulletin_number(202404, dt.date(2024, 5, 20), "聊工信", 9) == "聊工信〔2024〕9号"
    # a weekly dated 13 May 2024 can know April's monthly data at most; on 1 June, May's
    assert last_closed_month(dt.date(2024, 5, 13)) == 202404
    assert last_closed_month(dt.date(2024, 6, 1)) == 202405
    assert last_closed_month(dt.date(2024, 1, 5)) == 202312
