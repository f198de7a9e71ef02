"""The four chain files: accepted whole, or rejected whole with every problem listed."""

from __future__ import annotations

from gongxin.chains.models import ChainActivity, ChainNode, ChainProblem, ChainTarget
from gongxin.registry.models import AuditEntry
from tests.chains.conftest import MAP_HEADER, NONFERROUS_MAP
from tests.ingest.files import ALPHA, BETA

PROBLEM_HEADER = [
    "code", "chain", "node", "uscc", "category", "description", "owner_unit",
    "opened_on", "deadline", "status", "solved_on",
]  # fmt: skip


def test_chain_map_is_stored_in_file_order(chain_map):
    nodes = list(ChainNode.objects.filter(chain="nonferrous").values_list("code", "parent"))
    assert nodes == [("N1", ""), ("N2", "N1"), ("N3", "N2"), ("N4", "N2"), ("N0", "")]
    n4 = ChainNode.objects.get(chain="nonferrous", code="N4")
    assert n4.classes == ["3311", "3312"] and n4.strength == "弱"
    assert AuditEntry.objects.filter(action="chain_map_replace", key="nonferrous").count() == 1


def test_chain_map_reimport_replaces_the_tree(chain_map, importer, files):
    result = importer(
        "chain-map", files.csv([MAP_HEADER, ["nonferrous", "A", "", "铝", "中游", "3216", ""]])
    )
    assert result.status == "committed", result.errors
    assert result.summary["replaced"] == 1
    assert list(ChainNode.objects.filter(chain="nonferrous").values_list("code", flat=True)) == [
        "A"
    ]
    audit = AuditEntry.objects.filter(action="chain_map_replace").order_by("pk").last()
    assert (audit.old, audit.new) == ("5 个环节", "1 个环节")


def test_identical_chain_map_changes_nothing(chain_map, importer, files):
    result = importer("chain-map", files.csv(NONFERROUS_MAP))
    assert result.status == "committed"
    assert result.summary["written"] == 0


def test_bad_chain_map_is_rejected_whole_with_every_problem(importer, files, roster):
    result = importer(
        "chain-map",
        files.csv(
            [
                MAP_HEADER,
                ["nonferrous", "N1", "", "氧化铝", "上游", "3216", ""],
                ["steel", "S1", "", "炼钢", "上游", "3120", ""],  # unknown chain
                ["nonferrous", "N2", "N9", "电解铝", "中游", "3216", ""],  # parent missing
                ["nonferrous", "N3", "N4", "甲", "下游", "9999", ""],  # cycle N3↔N4, bad class
                ["nonferrous", "N4", "N3", "乙", "下游", "", ""],
                ["nonferrous", "N1", "", "重复", "上游", "", ""],  # duplicate node
            ]
        ),
    )
    assert result.status == "rejected"
    found = {(p.row, p.column) for p in result.errors}
    assert found == {
        (3, "chain"),
        (4, "parent"),
        (5, "classes"),
        (5, "parent"),
        (6, "parent"),
        (7, "node"),
    }
    messages = " ".join(p.message for p in result.errors)
    assert "steel" in messages and "N9" in messages and "9999" in messages
    assert "N3 → N4 → N3" in messages
    assert ChainNode.objects.count() == 0


def test_activities_import(chain_map, importer, files):
    header = ["date", "chain", "kind", "form", "leader", "enterprises", "summary"]
    rows = [header, ["2024-03-05", "nonferrous", "巡链", "现场调研", "链长", ALPHA, "调研氧化铝"]]
    result = importer("chain-activities", files.csv(rows))
    assert result.status == "committed", result.errors
    activity = ChainActivity.objects.get()
    assert activity.enterprises == [ALPHA] and str(activity.date) == "2024-03-05"
    again = importer("chain-activities", files.csv(rows))
    assert again.summary["unchanged"] == 1 and ChainActivity.objects.count() == 1
    bad = importer(
        "chain-activities",
        files.csv(
            [header, ["2024-03-05", "x", "看链", "现场调研", "链长", "91110000600037342L", "s"]]
        ),
    )
    assert bad.status == "rejected"
    assert {(p.row, p.column) for p in bad.errors} == {
        (2, "chain"),
        (2, "kind"),
        (2, "enterprises"),
    }


def test_problems_import_and_update_keeps_history(chain_map, importer, files):
    row = ["P1", "nonferrous", "N2", ALPHA, "要素保障", "电价高", "市发改委", "2024-01-10",
           "2024-03-31", "in_progress", ""]  # fmt: skip
    result = importer("chain-problems", files.csv([PROBLEM_HEADER, row]))
    assert result.status == "committed", result.errors
    problem = ChainProblem.objects.get(code="P1")
    assert problem.region == "371502" and problem.status == "in_progress"
    solved = [*row[:9], "已解决", "2024-04-02"]
    result = importer("chain-problems", files.csv([PROBLEM_HEADER, solved]))
    assert result.summary["updated"] == 1
    problem.refresh_from_db()
    assert problem.status == "solved" and str(problem.solved_on) == "2024-04-02"
    events = list(problem.events.values_list("from_status", "to_status"))
    assert events == [("", "in_progress"), ("in_progress", "solved")]


def test_bad_problems_are_rejected_whole(chain_map, importer, files):
    rows = [
        PROBLEM_HEADER,
        ["P1", "nonferrous", "", "", "融资", "贷款难", "", "2024-01-10", "2024-03-31", "open", ""],
        ["P2", "nonferrous", "", "", "融资", "已解决无日期", "", "2024-01-10", "2024-03-31",
         "solved", ""],  # solved without solved_on
        ["P3", "nonferrous", "", "", "融资", "时限早", "", "2024-02-10", "2024-01-31", "open",
         ""],  # deadline before the opening
        ["P4", "chain9", "N9", BETA, "融资", "未知链", "", "2024-01-10", "2024-03-31", "closed",
         "2024-02-01"],  # unknown chain
        ["P5", "nonferrous", "N9", "91110000600037342L", "融资", "未知环节", "", "2024-01-10",
         "2024-03-31", "open", ""],  # unknown node, firm not in the roster
        ["P1", "nonferrous", "", "", "融资", "重复", "", "2024-01-10", "2024-03-31", "open", ""],
    ]  # fmt: skip
    result = importer("chain-problems", files.csv(rows))
    assert result.status == "rejected"
    assert {(p.row, p.column) for p in result.errors} == {
        (3, "solved_on"),
        (4, "deadline"),
        (5, "chain"),
        (6, "node"),
        (6, "uscc"),
        (7, "code"),
    }
    assert ChainProblem.objects.count() == 0


def test_targets_import(chain_map, importer, files):
    header = ["chain", "node", "company", "location", "stage", "project_code"]
    result = importer(
        "chain-targets",
        files.csv(
            [
                header,
                ["nonferrous", "N4", "某铝材公司", "江苏", "洽谈", "XM2024-001"],
                ["nonferrous", "N7", "某公司", "", "签约", ""],
            ]
        ),
    )
    assert result.status == "rejected"
    assert [(p.row, p.column) for p in result.errors] == [(3, "node")]
    result = importer(
        "chain-targets",
        files.csv([header, ["nonferrous", "N4", "某铝材公司", "江苏", "洽谈", "XM2024-001"]]),
    )
    assert result.status == "committed", result.errors
    assert ChainTarget.objects.get().project_code == "XM2024-001"


def test_import_through_the_cli(chain_map, run_cli, files):
    rows = [["产业链", "环节编号", "目标企业", "阶段"], ["nonferrous", "N0", "某热电", "线索"]]
    code, _out, err = run_cli("import", "chain-targets", str(files.csv(rows)))
    assert code == 0, err
    assert ChainTarget.objects.filter(node="N0").exists()
