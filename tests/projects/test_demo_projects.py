"""The demo's project files, imported through the CLI, give the published figures.

The generator only scales random draws towards the targets; the figures here are computed by
``gongxin projects`` from what was imported (a small roster is enough: projects do not depend
on the enterprises' data). The full demo is checked the same way in
``tests/demo/test_project_seed_figures.py`` (slow).
"""

import csv
import json

import pytest

from gongxin.demo.projects import PROJECT_FILES, project_files
from gongxin.projects.geo import city_shape
from gongxin.projects.models import Project, ProjectPlanRevision
from gongxin.wording import rounded

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_projects(small_city, city, data_dir, run_cli, tmp_path):
    files = project_files(small_city)
    for kind, name in PROJECT_FILES:
        columns, rows = files[name]
        path = tmp_path / name
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        code, _, err = run_cli("import", kind, str(path))
        assert code == 0, err
    return files


def city_row(run_cli, period):
    code, out, err = run_cli("projects", "--period", period, "--by", "city", "--format", "json")
    assert code == 0, err
    [row] = json.loads(out)
    return row


def test_published_figures_come_out_of_the_cli(demo_projects, run_cli):
    april = city_row(run_cli, "2024-04")
    assert april["projects"] == 100
    assert april["investment_ytd"] == pytest.approx(953_000, abs=0.05)
    assert rounded(april["completion"], 1) == 57.7
    november = city_row(run_cli, "2023-11")
    assert november["projects"] == 100 and november["started"] == 100
    assert november["in_production"] == 30
    assert rounded(november["completion"], 1) == 128.5


def test_demo_has_laggards_plan_changes_and_points_inside_their_county(demo_projects, run_cli):
    june = city_row(run_cli, "2024-06")
    assert june["red"] > 0 and june["yellow"] > 0 and june["started"] < 100
    assert june["started"] > june["in_stats"]  # some never 纳统
    assert ProjectPlanRevision.objects.filter(revision=2).count() == 5
    shape = city_shape("371500")
    placed = Project.objects.exclude(lng=None)
    assert 0 < Project.objects.filter(lng=None).count() < 30
    assert all(shape.contains(p.region_id, p.lng, p.lat) for p in placed)
    _, out, _ = run_cli("projects", "--period", "2024-06", "--by", "region", "--format", "json")
    assert all(r["projects"] > 0 for r in json.loads(out))
    _, out, _ = run_cli("projects", "--period", "2024-06", "--by", "chain", "--format", "json")
    assert all(r["projects"] > 0 for r in json.loads(out))
