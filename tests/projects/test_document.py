"""The monthly project lists as a document: every number traced to the figures; DOCX and XLSX
through the CLI, read back with independent readers."""

import json

import docx
import openpyxl
import pytest

from gongxin.projects.document import projects_document
from gongxin.scope import Scope
from gongxin.wording import rounded

pytestmark = pytest.mark.django_db


@pytest.mark.usefixtures("two_projects")
def test_every_number_of_the_text_is_a_figure_of_the_cli(run_cli):
    doc = projects_document(scope=Scope.everything(), period=202404)
    _, out, _ = run_cli("projects", "--period", "2024-04", "--by", "city", "--format", "json")
    [city] = json.loads(out)
    figures = [f for s in doc.sentences() for f in s.figures]
    assert {f.terms[0].indicator for f in figures} >= {"projects", "investment_ytd", "completion"}
    for f in figures:
        assert f.source == "projects"
        [term] = f.terms
        assert f.value == pytest.approx(rounded(city[term.indicator], f.decimals)), term
    text = "".join(s.text for s in doc.sentences())
    # 2 projects; plan 12000 + 0; 6500 invested; 6500/12000 = 54.2 %; 54.17 − 33.33 = 20.8 pp
    assert "重点项目2个，年度计划投资12,000万元，累计完成投资6,500万元" in text
    assert "完成年度计划的54.2%，超过时间进度20.8个百分点" in text
    # P001 started (due), P002 due (plan 02-01) not started: start rate 1/2 = 50 %
    assert "计划开工项目开工率50.0%" in text
    assert "红色预警项目0个，黄色预警项目1个" in text


@pytest.mark.usefixtures("two_projects")
def test_docx_and_xlsx_through_the_cli(run_cli, tmp_path):
    path = tmp_path / "p.docx"
    code, _, err = run_cli(
        "projects-report", "--period", "2024-04", "--format", "docx", "-o", str(path)
    )
    assert code == 0, err
    document = docx.Document(str(path))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "重点项目推进情况通报（1—4月份）" in body
    cells = {c.text for t in document.tables for r in t.rows for c in r.cells}
    assert {"P001", "用地指标未落实", "新能源电池项目"} <= cells  # progress, problems, duties
    xlsx = tmp_path / "p.xlsx"
    code, _, err = run_cli(
        "projects-report", "--period", "2024-04", "--format", "xlsx", "-o", str(xlsx)
    )
    assert code == 0, err
    book = openpyxl.load_workbook(xlsx)
    assert {"进度清单", "问题清单", "责任清单"} <= set(book.sheetnames)
    duties = [[c.value for c in row] for row in book["责任清单"].iter_rows()]
    assert any("P002" in row and "黄色" in row for row in duties)


def test_a_county_document_holds_its_region_only(two_projects):
    doc = projects_document(scope=Scope.county("371521"), period=202404)
    cells = {c for t in doc.tables() for row in t.rows for c in row}
    assert "P002" in cells and "P001" not in cells
    assert "阳谷县纳入调度的重点项目1个" in "".join(s.text for s in doc.sentences())
