"""Warnings are evaluated after every committed import, for the months it touched."""

import pytest

from gongxin.alerts.models import Evaluation, StoredWarning
from gongxin.alerts.touched import months_of, periods_to_evaluate
from tests.ingest.conftest import files, importer, roster  # noqa: F401  (fixtures)
from tests.ingest.files import ALPHA, BETA

pytestmark = pytest.mark.django_db

HEADER = ["报告期", "统一社会信用代码", "工业总产值(当年价格)", "上年同期工业总产值"]


def test_months_a_period_names():
    assert months_of(202404) == ({202404}, set())
    assert months_of("2024-04") == ({202404}, set())
    assert months_of("2024-01~02") == ({202401, 202402}, set())  # 1—2月 combined
    assert months_of("2024") == (set(), {2024})
    assert months_of("nonsense") == (set(), set())


def test_the_latest_touched_months_with_data():
    data = [202312, 202401, 202402, 202403, 202404]
    assert periods_to_evaluate(["2024-02", 202404, "2025-01"], data) == [202402, 202404]
    assert periods_to_evaluate(["2024"], data) == [202402, 202403, 202404]  # latest 3 of 4
    assert periods_to_evaluate(None, data) == [202402, 202403, 202404]  # roster: latest 3
    assert periods_to_evaluate(None, []) == []


def test_a_monthly_import_stores_the_months_warnings_without_anyone_asking(
    roster,  # noqa: F811
    importer,  # noqa: F811
    files,  # noqa: F811
):
    assert not Evaluation.objects.exists()  # a roster without monthly data: nothing to evaluate
    rows = [HEADER, ["2024-03", ALPHA, "300", "290"], ["2024-04", ALPHA, "0", "310"]]
    rows += [["2024-03", BETA, "80", "80"], ["2024-04", BETA, "81", "80"]]
    result = importer("monthly", files.csv(rows))
    assert result.status == "committed", result.errors
    assert sorted(Evaluation.objects.values_list("period", "actor")) == [
        ("2024-03", "alice"),
        ("2024-04", "alice"),
    ]
    stalled = StoredWarning.objects.get(period="2024-04", kind="stalled")
    assert stalled.member == ALPHA
    assert "上月为300.0万元，停产" in stalled.message
    assert not StoredWarning.objects.filter(kind="output_drop").exists()  # never also −100 %

    # A correction of April re-evaluates April only: the halt was a slip, the warning resolves.
    importer("monthly", files.csv([HEADER, ["2024-04", ALPHA, "305", "310"]]))
    assert Evaluation.objects.filter(period="2024-04").count() == 2
    assert Evaluation.objects.filter(period="2024-03").count() == 1
    stalled.refresh_from_db()
    assert stalled.firing is False


def test_a_long_history_evaluates_only_the_latest_months(
    roster,  # noqa: F811
    importer,  # noqa: F811
    files,  # noqa: F811
):
    rows = [HEADER] + [[f"2024-{m:02d}", ALPHA, "300", "290"] for m in range(1, 13)]
    importer("monthly", files.csv(rows))
    assert sorted(Evaluation.objects.values_list("period", flat=True)) == [
        "2024-10",
        "2024-11",
        "2024-12",
    ]


def test_a_project_import_re_evaluates_the_months_it_touched(
    roster,  # noqa: F811
    importer,  # noqa: F811
    files,  # noqa: F811
    tmp_path,
    django_capture_on_commit_callbacks,
):
    from tests.projects.conftest import PROGRESS_CSV, PROJECTS_CSV

    rows = [HEADER, ["2024-03", ALPHA, "300", "290"], ["2024-04", ALPHA, "310", "300"]]
    assert importer("monthly", files.csv(rows)).status == "committed"
    assert not StoredWarning.objects.filter(kind="project_lag").exists()  # no projects yet
    (tmp_path / "p.csv").write_text(PROJECTS_CSV, encoding="utf-8")
    (tmp_path / "g.csv").write_text(PROGRESS_CSV, encoding="utf-8")
    # The warnings are evaluated once the import's transaction has committed.
    with django_capture_on_commit_callbacks(execute=True):
        assert importer("projects", tmp_path / "p.csv").status == "committed"
    # The list names its year: the latest months of 2024 with data (March, April) again.
    assert Evaluation.objects.filter(period="2024-04").count() == 2

    # Before any progress: P001 has invested nothing by April (red), P002 has not started.
    def lagging() -> set[tuple[str, str, str]]:
        firing = StoredWarning.objects.filter(period="2024-04", kind="project_lag", firing=True)
        return set(firing.values_list("scope", "member", "level"))

    assert lagging() == {("project", "P001", "red"), ("project", "P002", "yellow")}
    with django_capture_on_commit_callbacks(execute=True):
        assert importer("project-progress", tmp_path / "g.csv").status == "committed"
    assert Evaluation.objects.filter(period="2024-04").count() == 3
    # P001 reported 54 % done, its start and 纳统: its warning no longer fires; P002 still lags.
    assert lagging() == {("project", "P002", "yellow")}
    # An identical re-import writes nothing and evaluates nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert importer("project-progress", tmp_path / "g.csv").status == "committed"
    assert Evaluation.objects.filter(period="2024-04").count() == 3
