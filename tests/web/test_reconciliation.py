"""The estimate (测算) beside the statistics bureau's figure, imported as a reference series."""

import json

import pytest
from tests.ingest.files import write_csv

pytestmark = pytest.mark.django_db

# The reported city (tests/web/personas.py), 2024-04, no PPI (100) and no ratios (1):
#   city:   output YTD 4010 + 4410 + 4810 = 13230 on a base of 3600 + 4000 + 4400 = 12000
#           → 13230 / 12000 − 1 = 10.25 % → shows 10.3 (half up)
#   371521: 8420 / 7600 − 1 = 10.789… % → 10.8;  371502: 4810 / 4400 − 1 = 9.318… % → 9.3
OFFICIAL = [
    ["序列", "范围", "期", "值"],
    ["official_va_growth_ytd", "city", "2024-04", "10.0"],  # 10.3 − 10.0 = 0.3: shown, no flag
    ["official_va_growth_ytd", "371521", "2024-04", "10.2"],  # 10.8 − 10.2 = 0.6 > 0.5: flag
    ["official_va_growth_ytd", "371502", "2024-04", "9.8"],  # 9.3 − 9.8 = −0.5: not beyond
]


@pytest.fixture
def official(enterprises, run_cli, tmp_path):
    code, out, err = run_cli("import", "reference", str(write_csv(tmp_path / "o.csv", OFFICIAL)))
    assert code == 0, err
    return out


def test_the_official_figure_is_a_queryable_indicator(official, run_cli):
    code, out, err = run_cli(
        "query", "--indicator", "official_va_growth_ytd", "--indicator", "va_growth_ytd",
        "--period", "2024-04", "--by", "region", "--format", "json",
    )  # fmt: skip
    assert code == 0, err
    values = {(r["member"], r["indicator"]): r["value"] for r in json.loads(out)}
    assert values[("371521", "official_va_growth_ytd")] == 10.2
    assert values[("371521", "va_growth_ytd")] == pytest.approx(8420 / 7600 * 100 - 100)


def test_the_cockpit_shows_both_and_the_region_page_flags(login, alice, bob, official):
    html = login(alice).get("/?period=2024-04").content.decode()
    assert "测算 10.3% / 统计局 10.0%，差0.3个百分点" in html
    assert 'data-reconcile="ok"' in html
    client = login(bob)
    page = client.get("/regions/371521/?period=2024-04").content.decode()
    assert "测算 10.8% / 统计局 10.2%，差0.6个百分点" in page
    assert 'data-reconcile="flagged"' in page and "偏差超过0.5个百分点" in page
    # 371502 has one enterprise: bob gets its estimate withheld (统计法), alice sees both
    assert "测算" not in client.get("/regions/371502/?period=2024-04").content.decode()
    other = login(alice).get("/regions/371502/?period=2024-04").content.decode()
    assert "测算 9.3% / 统计局 9.8%，差0.5个百分点" in other
    assert 'data-reconcile="ok"' in other


def test_without_an_official_figure_nothing_is_shown(login, alice, enterprises):
    html = login(alice).get("/?period=2024-04").content.decode()
    assert "统计局" not in html.split("kpis")[1].split("</section>")[0]
