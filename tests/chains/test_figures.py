"""The chain figures, hand-computed: strength, coverage, problems, activities (pure functions)."""

from __future__ import annotations

import datetime as dt

from gongxin.chains import figures as F
from gongxin.chains.tree import depth_first, leaves, nested, tree_faults

D = dt.date

# 有色金属 in small: 氧化铝 → 电解铝 → {铝加工, 铝材深加工}; 热电 a second top segment.
NODES = [
    F.Node("N1", None, "氧化铝", "上游", ("3216",)),
    F.Node("N2", "N1", "电解铝", "中游", ("3216",)),
    F.Node("N3", "N2", "铝加工", "下游", ("3252",)),
    F.Node("N4", "N2", "铝材深加工", "下游", ("3311", "3312"), assessed="风险"),
    F.Node("N0", None, "热电", "上游", ("4411",)),
]
FIRMS = [
    F.Firm("A", "3216"),
    F.Firm("B", "3216"),
    F.Firm("C", "3216"),
    F.Firm("D", "3252"),
    F.Firm("E", "3311"),
    F.Firm("F", "3312"),
    F.Firm("G", "3312"),
    F.Firm("H", "1311"),  # a member whose class no node lists
]


def test_computed_strength_thresholds():
    assert [F.computed_strength(n) for n in (0, 1, 2, 3, 10)] == ["缺", "弱", "弱", "强", "强"]


def test_node_figures_and_coverage():
    figs = {f.node: f for f in F.node_figures(NODES, FIRMS)}
    # N1 and N2 share class 3216: A, B, C → 3 firms each → 强.
    assert (figs["N1"].enterprises, figs["N1"].strength) == (3, "强")
    assert (figs["N2"].enterprises, figs["N2"].strength) == (3, "强")
    # N3: D alone → 弱.
    assert (figs["N3"].enterprises, figs["N3"].strength) == (1, "弱")
    # N4: E, F, G → computed 强, but the assessment 风险 overrides it.
    assert (figs["N4"].enterprises, figs["N4"].computed, figs["N4"].strength) == (3, "强", "风险")
    assert figs["N4"].assessed and not figs["N3"].assessed
    # N0: no firm of class 4411 → 缺.
    assert (figs["N0"].enterprises, figs["N0"].strength) == (0, "缺")
    # Leaves: N3, N4, N0 (N1, N2 have children). Covered: N3 (1 firm), N4 (3) → 2 of 3.
    cov = F.coverage(list(figs.values()))
    assert (cov.nodes, cov.leaf_nodes, cov.covered_leaves) == (5, 3, 2)
    assert abs(cov.coverage - 200 / 3) < 1e-9  # 2 ÷ 3 × 100 = 66.67 %


def test_assessed_strength_does_not_change_coverage():
    # 缺 assessed on a leaf that has a firm: still covered (coverage counts firms).
    nodes = [F.Node("X", None, "甲", "上游", ("3216",), assessed="缺")]
    cov = F.coverage(F.node_figures(nodes, [F.Firm("A", "3216")]))
    assert (cov.leaf_nodes, cov.covered_leaves, cov.coverage) == (1, 1, 100.0)


def test_chain_without_leaves_has_no_coverage():
    cov = F.coverage(F.node_figures([], FIRMS))
    assert (cov.nodes, cov.leaf_nodes, cov.covered_leaves, cov.coverage) == (0, 0, 0, None)


def test_problem_figures_as_of_a_day():
    day = D(2024, 4, 30)
    problems = [
        F.ProblemFact("closed", D(2023, 11, 1), D(2024, 1, 31), D(2024, 1, 20)),  # solved
        F.ProblemFact("solved", D(2024, 2, 1), D(2024, 4, 30), D(2024, 4, 30)),  # solved on the day
        # solved after the period's end: open at 2024-04, and overdue (deadline 04-15 < 04-30)
        F.ProblemFact("solved", D(2024, 3, 1), D(2024, 4, 15), D(2024, 5, 10)),
        F.ProblemFact("in_progress", D(2024, 3, 5), D(2024, 4, 30), None),  # open, due on the day
        F.ProblemFact("assigned", D(2024, 1, 5), D(2024, 2, 29), None),  # open, overdue
        F.ProblemFact("open", D(2024, 5, 2), D(2024, 6, 30), None),  # opened after: not counted
    ]
    got = F.problem_figures(problems, day)
    # opened by 04-30: 5; solved by then: 2 → rate 2 ÷ 5 × 100 = 40; open 3; overdue 2.
    assert (got.opened, got.solved, got.open, got.overdue) == (5, 2, 3, 2)
    assert got.resolution_rate == 40.0
    # At 2024-05-31 the May solution counts: solved 3 of 6 = 50 %; open 3 (in_progress,
    # assigned, the new one); overdue: in_progress (04-30 < 05-31) and assigned → 2.
    later = F.problem_figures(problems, D(2024, 5, 31))
    assert (later.opened, later.solved, later.open, later.overdue) == (6, 3, 3, 2)
    assert later.resolution_rate == 50.0


def test_no_problems_no_rate():
    assert F.problem_figures([], D(2024, 4, 30)).resolution_rate is None


def test_activities_ytd_counts_january_to_the_day():
    dates = [D(2023, 12, 31), D(2024, 1, 1), D(2024, 4, 30), D(2024, 5, 1)]
    assert F.activities_ytd(dates, D(2024, 4, 30)) == 2


def test_tree_helpers():
    parents = {"A": None, "B": "A", "C": "B", "D": "A", "E": None}
    assert leaves(parents) == ["C", "D", "E"]
    assert depth_first(parents) == [("A", 0), ("B", 1), ("C", 2), ("D", 1), ("E", 0)]
    tree = nested(parents, {k: {"id": k} for k in parents})
    assert [t["id"] for t in tree] == ["A", "E"]
    assert tree[0]["children"][0]["children"][0]["id"] == "C"
    faults = tree_faults("x", {"A": "B", "B": "A", "C": "C", "D": "Z", "E": None})
    assert set(faults) == {"A", "B", "C", "D"}
    assert "A → B → A" in faults["A"][1]
