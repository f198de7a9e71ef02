"""The files: contract headers and rules, py columns, revisions, and the figures read back."""

import csv

import pytest

from gongxin.city.classifications import load_classifications
from gongxin.demo import check_figures, write_files
from gongxin.demo.corrections import SLIP_YM
from gongxin.demo.figures import PUBLISHED, Records, ReferenceEngine, published_figures
from gongxin.demo.model import ym_str

CONTRACT_ROSTER = {
    "uscc",
    "name",
    "region",
    "industry",
    "above_scale_from",
    "above_scale_to",
    "chains",
    "chain_role",
    "ownership",
    "size",
    "land_mu",
    "key",
}
MEASURES = ("output", "sales", "export", "revenue", "profit", "electricity")
CONTRACT_MONTHLY = {"period", "uscc", *MEASURES, "employees", *(f"{m}_py" for m in MEASURES)}
CONTRACT_REFERENCE = {"series", "scope", "period", "value"}


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


@pytest.fixture(scope="module")
def files(small_city, tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    paths = write_files(small_city, out)
    return {p.name: read(p) for p in paths}


def test_file_set_and_headers_are_contract_keys(files):
    assert list(files) == [
        "roster.csv",
        "reference.csv",
        "monthly-2022.csv",
        "monthly-2023.csv",
        "monthly-2024.csv",
        "monthly-corrections.csv",
        "daily.csv",
        "projects-2023.csv",
        "project-progress-2023.csv",
        "projects-2024.csv",
        "project-progress-2024.csv",
        "projects-2024-adjusted.csv",
        "chain-map.csv",
        "chain-activities.csv",
        "chain-problems.csv",
        "chain-targets.csv",
    ]
    assert files["daily.csv"][0] == ["date", "uscc", "electricity"]
    assert set(files["roster.csv"][0]) <= CONTRACT_ROSTER
    assert set(files["reference.csv"][0]) == CONTRACT_REFERENCE
    for name, (header, _) in files.items():
        if name.startswith("monthly"):
            assert set(header) == CONTRACT_MONTHLY, name


def test_roster_values_follow_the_rules(files, small_city):
    chains = {c.code for c in small_city.config.chains}
    regions = {r.code for r in small_city.config.regions}
    for row in files["roster.csv"][1]:
        assert row["region"] in regions
        assert len(row["industry"]) == 4 and "0610" <= row["industry"] <= "4690"
        assert not row["chains"] or set(row["chains"].split(";")) <= chains
        assert row["chain_role"] in ("", "链主", "骨干", "配套")
        assert not row["chain_role"] or row["chains"]
        assert row["ownership"] in ("国有", "集体", "私营", "外商投资", "港澳台投资", "其他")
        assert row["size"] in ("大型", "中型", "小型", "微型")
        assert row["key"] in ("是", "否")
        for key in ("above_scale_from", "above_scale_to"):
            assert row[key] == "" or (len(row[key]) == 7 and row[key][4] == "-")
        if row["above_scale_from"] and row["above_scale_to"]:
            assert row["above_scale_from"] <= row["above_scale_to"]


def test_monthly_rows_follow_the_rules(files):
    roster = {r["uscc"]: r for r in files["roster.csv"][1]}
    seen = set()
    for name in ("monthly-2022.csv", "monthly-2023.csv", "monthly-2024.csv"):
        year = name[8:12]
        for row in files[name][1]:
            assert row["period"].startswith(year)
            assert row["uscc"] in roster
            key = (row["uscc"], row["period"])
            assert key not in seen
            seen.add(key)
            assert float(row["output"]) >= 0 and int(row["employees"]) >= 0
            for m in ("sales", "export", "revenue", "electricity"):
                assert float(row[m]) >= 0
            spell = roster[row["uscc"]]
            assert not spell["above_scale_from"] or spell["above_scale_from"] <= row["period"]
            assert not spell["above_scale_to"] or row["period"] <= spell["above_scale_to"]
    periods = {p for _, p in seen}
    assert min(periods) == "2022-01" and max(periods) == "2024-06" and len(periods) == 30


def test_py_columns_only_where_no_report_is_stored(files):
    rows22 = files["monthly-2022.csv"][1]
    # 2022: the prior year is not stored, so the rows carry it (except new plants that cannot).
    assert sum(r["output_py"] != "" for r in rows22) > 0.99 * len(rows22)
    stored = {(r["uscc"], r["period"]) for r in rows22}
    for name in ("monthly-2023.csv", "monthly-2024.csv"):
        rows = files[name][1]
        stored |= {(r["uscc"], r["period"]) for r in rows}
        with_py = [r for r in rows if r["output_py"] != ""]
        assert 0 < len(with_py) < 0.1 * len(rows)
        for r in with_py:
            year, month = r["period"].split("-")
            assert (r["uscc"], f"{int(year) - 1}-{month}") not in stored


def test_corrections_revise_reports_of_the_main_files(files):
    main = {}
    for name in ("monthly-2022.csv", "monthly-2023.csv", "monthly-2024.csv"):
        main.update({(r["uscc"], r["period"]): r for r in files[name][1]})
    corrections = files["monthly-corrections.csv"][1]
    assert 5 <= len(corrections) <= 20
    slips = 0
    for row in corrections:
        first = main[(row["uscc"], row["period"])]
        assert first["output"] != row["output"]
        if float(first["output"]) > 5000 * float(row["output"]):
            slips += 1  # 元 for 万元
            assert row["period"] == ym_str(SLIP_YM)
    assert slips == 1


def test_reference_file(files):
    rows = files["reference.csv"][1]
    series = {r["series"] for r in rows}
    assert series == {
        "ppi", "va_ratio", "benchmark_va_growth_ytd", "target_va_growth", "official_va_growth_ytd",
    }  # fmt: skip
    official = [r for r in rows if r["series"] == "official_va_growth_ytd"]
    # the city and its 11 regions, February–June 2024
    assert {r["period"] for r in official} == {f"2024-0{m}" for m in range(2, 7)}
    assert len({r["scope"] for r in official}) == 12
    ppi = [r for r in rows if r["series"] == "ppi"]
    assert len({r["scope"] for r in ppi}) == 32 and len(ppi) == 32 * 30
    ratios = [r for r in rows if r["series"] == "va_ratio"]
    assert {r["period"] for r in ratios} == {"2022", "2023"}
    assert all(0 < float(r["value"]) < 1 for r in ratios)
    bench = [r for r in rows if r["series"] == "benchmark_va_growth_ytd"]
    assert {r["scope"] for r in bench} == {"province", "nation"} and len(bench) == 36


def test_files_read_back_give_the_published_figures(files, small_city):
    recs = Records(
        roster=files["roster.csv"][1],
        monthly=[
            row
            for name in (
                "monthly-2022.csv",
                "monthly-2023.csv",
                "monthly-2024.csv",
                "monthly-corrections.csv",
            )
            for row in files[name][1]
        ],
        reference=files["reference.csv"][1],
    )
    from_files = published_figures(ReferenceEngine(recs, load_classifications().is_high_tech))
    assert from_files == pytest.approx(check_figures(small_city))
    for fig in PUBLISHED:
        assert abs(from_files[fig.key] - fig.value) <= 0.05


def test_without_the_corrections_the_figures_differ(files):
    recs = Records(
        roster=files["roster.csv"][1],
        monthly=[
            row
            for name in ("monthly-2022.csv", "monthly-2023.csv", "monthly-2024.csv")
            for row in files[name][1]
        ],
        reference=files["reference.csv"][1],
    )
    engine = ReferenceEngine(recs, load_classifications().is_high_tech)
    # The 元-for-万元 slip in August 2023 is still in: the year's growth is absurd.
    assert engine.va_growth_ytd("2023-12")["city"] > 50
