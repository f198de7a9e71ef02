"""The demo chain files: 12 maps of real classes, 25 activities in 2024 Jan–Apr, ~150 problems."""

from __future__ import annotations

import datetime as dt

import pytest

from gongxin.chains import figures as F
from gongxin.chains.tree import tree_faults
from gongxin.city.classifications import load_classifications
from gongxin.demo.chains import chain_files


@pytest.fixture(scope="module")
def rows(small_city):
    return chain_files(small_city)


def test_every_chain_has_a_valid_tree_of_real_classes(rows, small_city):
    classes = load_classifications()
    chains = {r["chain"] for r in rows["chain-map.csv"]}
    assert chains == {c.code for c in small_city.config.chains}
    for chain in chains:
        nodes = [r for r in rows["chain-map.csv"] if r["chain"] == chain]
        assert tree_faults(chain, {r["node"]: r["parent"] or None for r in nodes}) == {}
        for r in nodes:
            for code in filter(None, r["classes"].split(";")):
                assert classes.is_valid_class(code), (chain, r["node"], code)


def test_25_activities_in_2024_january_to_april(rows):
    dates = [dt.date.fromisoformat(r["date"]) for r in rows["chain-activities.csv"]]
    assert F.activities_ytd(dates, dt.date(2024, 4, 30)) == 25
    kinds = [r["kind"] for r in rows["chain-activities.csv"] if r["date"] >= "2024-01-01"]
    assert {k: kinds.count(k) for k in set(kinds)} == {"问链": 3, "巡链": 16, "诊链": 6}


def test_problems_resolution_rate_near_the_published_level(rows):
    problems = rows["chain-problems.csv"]
    assert 140 <= len(problems) <= 160
    facts = [
        F.ProblemFact(
            r["status"],
            dt.date.fromisoformat(r["opened_on"]),
            dt.date.fromisoformat(r["deadline"]),
            dt.date.fromisoformat(r["solved_on"]) if r["solved_on"] else None,
        )
        for r in problems
    ]
    got = F.problem_figures(facts, dt.date(2024, 4, 30))
    # The city published 98.6 % for 1—4月 2024 (enterprises' problems); within a point of it.
    assert abs(got.resolution_rate - 98.6) < 1.0
    assert got.overdue >= 1  # one problem is solved only in May: overdue at April's end
    assert all(r["solved_on"] for r in problems if r["status"] in ("solved", "closed"))
    assert all(r["deadline"] >= r["opened_on"] for r in problems)


def test_targets_are_for_thin_nodes_and_some_link_a_project(rows):
    targets = rows["chain-targets.csv"]
    assert targets and any(t["project_code"].startswith("XM2024-") for t in targets)
    assert all(t["stage"] in ("线索", "洽谈", "签约", "落地") for t in targets)


def test_same_seed_same_files(small_city):
    assert chain_files(small_city) == chain_files(small_city)
