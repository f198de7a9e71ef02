"""The battle map in a real browser: points on the city map coloured by level, filters,
sorting, a project page with its chart; a county user sees its own region's projects only."""

import csv

import pytest

from gongxin.demo.projects import PROJECT_FILES, project_files
from tests.e2e.conftest import SCREENSHOTS


@pytest.fixture
def projects_site(site, tmp_path):
    from gongxin.demo import DEFAULT_SEED, generate
    from gongxin.ingest.services import import_file

    files = project_files(generate(seed=DEFAULT_SEED, size=200))
    for kind, name in PROJECT_FILES:
        columns, rows = files[name]
        path = tmp_path / name
        with open(path, "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        assert import_file(kind=kind, path=path, actor="test").ok
    return site


def test_the_battle_map_shows_every_project(page_as, projects_site):
    page = page_as("alice", 1366, 768)
    page.goto(f"{projects_site}/projects/?period=2024-04")
    page.locator("#battle-map[data-chart-ready] canvas").wait_for(timeout=15000)
    assert page.locator("[data-total=projects]").inner_text() == "100"
    assert page.locator("[data-total=completion]").inner_text() == "57.7"
    rows = page.locator("#project-table tbody tr")
    assert rows.count() == 100
    unplaced = page.locator(".unplaced li").count()
    assert 0 < unplaced < 20
    page.screenshot(
        path=str(SCREENSHOTS / "gongxin-projects-battle-map-1366x768.png"), full_page=True
    )
    # Filter: red only
    page.select_option("select[name=level]", "red")
    page.click(".project-filters button[type=submit]")
    page.locator("#battle-map[data-chart-ready]").wait_for(timeout=15000)
    levels = page.locator("#project-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.level)"
    )
    assert levels and set(levels) == {"red"}
    # Sort by completion, descending: the first row has the highest completion
    page.click("a[data-sort=completion]")
    values = page.locator("#project-table tbody tr td:nth-child(8)").all_inner_texts()
    numbers = [float(v) for v in values if v != "—"]
    assert numbers == sorted(numbers, reverse=True)
    # A project's page draws its plan-vs-actual chart
    page.locator("#project-table tbody tr td:nth-child(2) a").first.click()
    page.locator("[data-chart=lines][data-chart-ready]").wait_for(timeout=15000)
    assert page.locator("#milestones tbody tr").count() == 3
    page.screenshot(path=str(SCREENSHOTS / "gongxin-project-page-1366x768.png"), full_page=True)


def test_a_county_user_sees_only_its_region(page_as, projects_site):
    page = page_as("bob", 1366, 768)
    page.goto(f"{projects_site}/projects/?period=2024-04")
    page.locator("#battle-map[data-chart-ready]").wait_for(timeout=15000)
    regions = set(page.locator("#project-table tbody tr td:nth-child(3)").all_inner_texts())
    assert regions == {"阳谷县"}


def test_the_cockpit_card(page_as, projects_site):
    page = page_as("alice", 1366, 768)
    page.goto(f"{projects_site}/?period=2024-04")
    card = page.locator(".panel-projects")
    assert card.locator("[data-card=projects]").inner_text() == "100"
    assert card.locator("[data-card=completion]").inner_text() == "57.7"
    card.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "gongxin-cockpit-projects-card-1366x768.png"))
