"""docs/projects.md: its worked example is imported and its expected figures checked, and its
column lists match the schemas."""

import json
import re
from pathlib import Path

import pytest

from gongxin.ingest.schemas_projects import PROJECT_PROGRESS, PROJECTS
from gongxin.wording import rounded

DOC = (Path(__file__).resolve().parents[2] / "docs" / "projects.md").read_text(encoding="utf-8")
pytestmark = pytest.mark.django_db


def block(name: str) -> str:
    match = re.search(rf"<!-- example:{name} -->\n```csv\n(.*?)```", DOC, re.S)
    return match.group(1)


def expected_rows() -> list[list[str]]:
    part = DOC.split("<!-- example:expected -->", 1)[1].strip().splitlines()
    rows = []
    for line in part[2:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in line.strip("|").split("|")])
    return rows


def test_the_worked_example(city, data_dir, run_cli, tmp_path):
    for kind in ("projects", "project-progress"):
        path = tmp_path / f"{kind}.csv"
        path.write_text(block(kind), encoding="utf-8")
        assert run_cli("import", kind, str(path))[0] == 0
    rows = expected_rows()
    assert len(rows) == 3
    for period, code, ytd, completion, ahead, stage, level in rows:
        _, out, _ = run_cli("projects", "--period", period, "--format", "json")
        [p] = [r for r in json.loads(out) if r["code"] == code]
        assert p["investment_ytd"] == float(ytd)
        if completion == "—":
            assert p["completion"] is None and p["ahead_pp"] is None
        else:
            assert rounded(p["completion"], 1) == float(completion)
            assert rounded(p["ahead_pp"], 1) == float(ahead)
        assert (p["stage"], p["level"]) == (stage, level)
    _, out, _ = run_cli("projects", "--period", "2024-04", "--by", "city", "--format", "json")
    [c] = json.loads(out)
    assert (c["projects"], c["plan_investment"], c["investment_ytd"]) == (2, 12000, 6500)
    assert (c["started"], c["due_to_start"], c["start_rate"]) == (1, 2, 50.0)
    assert (c["in_stats"], c["green"], c["yellow"]) == (1, 1, 1)


@pytest.mark.parametrize("schema", [PROJECTS, PROJECT_PROGRESS])
def test_the_doc_lists_every_column(schema):
    for column in schema.columns:
        assert f"`{column.key}` {column.label}" in " ".join(DOC.split()), column.key
