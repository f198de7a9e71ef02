"""The documents as a reader sees them: rendered by LibreOffice to PDF, then read back.

One small city (300 enterprises, daily electricity), each document built and rendered once
(module-scoped); the checks read the PDF's text and word boxes (poppler's ``pdftotext``).
Skipped only when LibreOffice (``soffice``) is not installed (.ci/run installs it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice (soffice) or poppler (pdftotext) is not installed",
)

CJK = re.compile(r"[\u4e00-\u9fff]")
BODY_PAGES = {
    "bulletin": 5,
    "dispatch": 2,
    "weekly": 3,
    "county_bulletin": 5,
    "county_dispatch": 2,
}
COUNTY = "371521"  # 阳谷县
# The bottom of the text block: 297 mm − 35 mm = 262 mm = 742.7 pt from the top of the page.
TEXT_BOTTOM_PT = (297 - 35) * 72 / 25.4


def gongxin(*args: str, env: dict) -> None:
    """Run the CLI as a user does, in a data directory of its own."""
    result = subprocess.run(
        [sys.executable, "-m", "gongxin.cli.main", *args], env=env, capture_output=True, timeout=900
    )
    assert result.returncode == 0, (args, result.stderr.decode()[-2000:])


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, dict]:
    out = tmp_path_factory.mktemp("rendered")
    env = {**os.environ, "GONGXIN_DATA_DIR": str(out / "data")}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # the CLI's own settings, not the test run's
    gongxin("init", env=env)
    gongxin("demo", "--size", "300", "--no-users", env=env)
    commands = {
        "bulletin": ["bulletin", "--period", "2024-04", "--format", "docx"],
        "dispatch": ["dispatch", "--date", "2024-05-08", "--format", "docx"],
        "weekly": ["weekly", "--week", "2024-W19", "--format", "docx"],
        "county_bulletin": [
            "bulletin",
            "--period",
            "2024-04",
            "--format",
            "docx",
            "--region",
            COUNTY,
        ],
        "county_dispatch": [
            "dispatch",
            "--date",
            "2024-05-08",
            "--format",
            "docx",
            "--region",
            COUNTY,
        ],
    }
    paths = []
    for name, args in commands.items():
        gongxin(*args, "-o", str(out / f"{name}.docx"), env=env)
        paths.append(str(out / f"{name}.docx"))
    # A profile of its own: a LibreOffice already running for someone else would take the job.
    profile = f"-env:UserInstallation=file://{out / 'lo-profile'}"
    subprocess.run(
        ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(out), *paths],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return {
        name: {"docx": open_docx(str(out / f"{name}.docx")), "pdf": out / f"{name}.pdf"}
        for name in commands
    }


def cells(docx) -> list[list[list[str]]]:
    """The document's tables (the 版记 left out) as rows of cell texts."""
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in docx.tables
        if table._tbl.tblPr.find(qn("w:tblpPr")) is None
    ]


def attachment_count(docx) -> int:
    """附件：1.×× … n.×× in the body (or a single 附件：××)."""
    notes = [p.text for p in docx.paragraphs]
    start = next((i for i, t in enumerate(notes) if t.startswith("附件：")), None)
    if start is None:
        return 0
    count = 1
    for text in notes[start + 1 :]:
        if not re.match(r"\d+\.", text):
            break
        count += 1
    return count


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    return text.split("\f")[:-1]


def _boxes(pdf: Path) -> ElementTree.Element:
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    return ElementTree.fromstring(xml)


def words(pdf: Path) -> set[str]:
    """Every word poppler finds (a table cell's number or date is one word when unbroken)."""
    return {w.text for w in _boxes(pdf).iter("word") if w.text}


def lines(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """Every text line: (page, xMin, yMin, yMax, text without spaces)."""
    out = []
    for number, page in enumerate(_boxes(pdf).iter("page"), start=1):
        for line in page.iter("line"):
            text = "".join(w.text or "" for w in line.iter("word"))
            box = [float(line.get(k)) for k in ("xMin", "yMin", "yMax")]
            out.append((number, *box, text))
    return out


def body_pages(texts: list[str]) -> int:
    """Pages before the first attachment (a page opening with 附件 or 附件1)."""
    for i, text in enumerate(texts):
        if re.match(r"附件\s*\d*$", text.strip().splitlines()[0].strip() if text.strip() else ""):
            return i
    return len(texts)


@pytest.mark.parametrize("name", list(BODY_PAGES))
def test_the_body_is_short_and_each_attachment_starts_a_page(rendered, name):
    texts = pages(rendered[name]["pdf"])
    count = attachment_count(rendered[name]["docx"])
    if not name.startswith("county_"):
        assert count, name  # the city's documents have their lists as attachments
    assert body_pages(texts) <= BODY_PAGES[name], (name, len(texts))
    labels = [f"附件{i}" if count > 1 else "附件" for i in range(1, count + 1)]
    openings = [t.strip().splitlines()[0].replace(" ", "") for t in texts if t.strip()]
    for label in labels:
        assert label in openings, (name, label)


def test_the_bulletin_lists_its_attachments_in_the_body(rendered):
    text = "".join(pages(rendered["bulletin"]["pdf"])[:5])
    assert "附件：1." in text.replace(" ", "")


def test_the_weekly_first_page_is_not_mostly_blank(rendered):
    first = [line for line in lines(rendered["weekly"]["pdf"]) if line[0] == 1]
    # the text reaches the lower third of the page (the text block ends at 742.7 pt)
    assert max(line[3] for line in first) > TEXT_BOTTOM_PT * 2 / 3


def _cell_bigrams(docx) -> set[str]:
    return {
        text[i : i + 2]
        for table in cells(docx)
        for row in table
        for text in row
        for i in range(len(text) - 1)
    }


@pytest.mark.parametrize("name", list(BODY_PAGES))
def test_no_table_cell_prints_one_character_per_line(rendered, name):
    """A line of one character with the next line under it continuing a table cell's text
    (预 / 警, 较 / 上 / 月, 县 / （市、区）): a cell too narrow for its content."""
    grams = _cell_bigrams(rendered[name]["docx"])
    every = lines(rendered[name]["pdf"])
    single = [line for line in every if CJK.fullmatch(line[4])]
    stacked = []
    for page, x, top, bottom, text in single:
        for page2, x2, top2, _, text2 in every:
            below = 0 < top2 - top < 1.6 * (bottom - top)
            if page2 == page and abs(x2 - x) < 1 and below and text + text2[:1] in grams:
                stacked.append((page, text + text2))
    assert not stacked, (name, stacked[:10])


@pytest.mark.parametrize("name", list(BODY_PAGES))
def test_numbers_and_dates_in_tables_are_never_wrapped(rendered, name):
    found = words(rendered[name]["pdf"])
    values = {text for table in cells(rendered[name]["docx"]) for row in table[1:] for text in row}
    numbers = {v for v in values if re.fullmatch(r"-?[0-9][0-9.,]*", v)}
    dates = {v for v in values if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)}
    missing = sorted(v for v in numbers | dates if v not in found)
    assert not missing, (name, missing[:10])


def test_the_titles_break_between_words(rendered):
    first = [line[4] for line in lines(rendered["bulletin"]["pdf"]) if line[0] == 1]
    assert "工业经济运行情况的通报" in first
    first = [line[4] for line in lines(rendered["dispatch"]["pdf"]) if line[0] == 1]
    assert "（2024年5月8日）" in first


def test_the_closing_block_sits_at_the_foot_of_the_last_page(rendered):
    all_lines = lines(rendered["bulletin"]["pdf"])
    last = max(line[0] for line in all_lines)
    printed = [line for line in all_lines if line[4].endswith("印发")]
    assert printed and printed[-1][0] == last
    # its last line ends within a line of the bottom of the text block
    assert abs(printed[-1][3] - TEXT_BOTTOM_PT) < 20, printed[-1]


def test_the_county_editions_are_the_countys(rendered):
    bulletin = "".join(pages(rendered["county_bulletin"]["pdf"])).replace(" ", "")
    assert "关于2024年1—4月份阳谷县\n工业经济运行情况的通报" in bulletin  # broken by meaning
    assert "阳谷县工业和信息化主管部门：" in bulletin
    assert "（全市增长" in bulletin  # the city as context
    dispatch = "".join(pages(rendered["county_dispatch"]["pdf"])).replace(" ", "")
    assert "阳谷县监测工业企业" in dispatch and "作为参照，全市监测工业企业" in dispatch
    # no other county's name in the county's firm lists or figures
    assert "东昌府区" not in dispatch
