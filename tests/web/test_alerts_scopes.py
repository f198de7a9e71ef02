"""The warnings center names a project warning's scope in Chinese (it showed "project")."""

import re

import pytest
from tests.projects.conftest import PROGRESS_CSV, PROJECTS_CSV

pytestmark = pytest.mark.django_db


def test_a_project_warning_reads_重点项目_in_the_centre(
    login, alice, enterprises, run_cli, tmp_path
):
    for kind, name, text in (
        ("projects", "p.csv", PROJECTS_CSV),
        ("project-progress", "g.csv", PROGRESS_CSV),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert run_cli("import", kind, str(path))[0] == 0
    html = login(alice).get("/alerts/?period=2024-04").content.decode()
    assert "重点项目滞后" in html
    assert re.search(r"<td[^>]*>\s*重点项目\s*</td>", html)
    assert not re.search(r">\s*project\s*<", html)
