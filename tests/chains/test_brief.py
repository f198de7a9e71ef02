"""`gongxin chain-brief`: the 链长工作简报 in 公文 layout, its figures those of `gongxin chains`."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest
from docx import Document as open_docx

from gongxin.reports.chain_brief import chain_brief_document
from tests.chains.test_cli import city_data  # noqa: F401  (the fixture)


def _text(doc) -> str:
    parts = []
    for section in doc.sections:
        for block in section.blocks:
            if hasattr(block, "sentences"):
                parts.append("".join(s.text for s in block.sentences))
    return "\n".join(parts)


def test_brief_figures_are_the_cli_figures(city_data, run_cli):  # noqa: F811
    _, out, _ = run_cli(
        "chains", "--period", "2024-04", "--chain", "nonferrous", "--format", "json"
    )
    (c,) = json.loads(out)
    doc = chain_brief_document(chain="nonferrous", period="2024-04")
    text = _text(doc)
    assert doc.title == "有色金属产业链链长工作简报（2024年4月）"
    assert [s.title for s in doc.sections] == [
        "产业链运行情况", "链长工作开展情况", "断点堵点问题解决情况", "补链强链招商情况",
    ]  # fmt: skip
    # 4810 万元; 4 nodes, 2 leaves, 1 covered → 50.0 %; P1 solved of 3 → 33.3 %; 1 overdue.
    assert f"规上工业企业{c['enterprises']}家" in text and "工业总产值4810.0万元" in text
    assert "本地配套覆盖率50.0%" in text
    assert "累计梳理断点堵点问题3个，已解决（含销号）1个，问题化解率33.3%" in text
    assert "尚未解决2个，其中超过办结时限1个" in text
    # April: one activity (04-08); 1—4月份 two (02-20, 04-08).
    assert "本月开展问链、巡链、诊链活动1次，1—4月份累计2次" in text
    unsolved = next(
        b for b in doc.sections[2].blocks if getattr(b, "title", "") == "尚未解决的问题"
    )
    assert [r[0] for r in unsolved.rows] == ["P3", "P2"] or [r[0] for r in unsolved.rows] == [
        "P2", "P3",
    ]  # fmt: skip


def test_cli_writes_a_docx(city_data, run_cli, tmp_path):  # noqa: F811
    path = tmp_path / "brief.docx"
    code, _, err = run_cli(
        "chain-brief", "--chain", "nonferrous", "--period", "2024-04", "-o", str(path)
    )
    assert code == 0, err
    docx = open_docx(io.BytesIO(path.read_bytes()))
    body = "\n".join(p.text for p in docx.paragraphs)
    assert (
        "有色金属产业链链长工作简报（2024年4月）" in body.replace("\n", "")
        and "一、产业链运行情况" in body
    )
    code, _, err = run_cli("chain-brief", "--chain", "steel", "--period", "2024-04", "-o", "x")
    assert code != 0 and "steel" in err
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "brief.pdf")], check=True, capture_output=True, text=True
    ).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    # A month's brief of a small chain: masthead, four sections and their tables on two pages.
    assert pages == 2
