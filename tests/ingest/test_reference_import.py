"""Reference series: known series only, scope and period per series, revisions."""

import pytest

from gongxin.ingest.kinds import reference
from gongxin.ingest.problems import Problem
from gongxin.ingest.series import SERIES
from gongxin.stats.models import ReferenceValue

HEADER = ["序列", "范围", "期", "值"]


def test_it_imports_each_known_series(importer, files):
    result = importer(
        "reference",
        files.csv(
            [
                HEADER,
                ["ppi", "32", "2024-04", "98.7"],
                ["va_ratio", "32", "2024", "0.21"],
                ["benchmark_va_growth_ytd", "province", "2024-04", "7.1"],
                ["target_va_growth", "city", "2025", "7.5"],
                ["target_va_growth", "371502", "2025", "8"],
            ]
        ),
    )
    assert result.status == "committed", result.errors
    assert set(
        ReferenceValue.objects.filter(batch_id=result.batch_id).values_list(
            "series", "scope", "period", "value"
        )
    ) == {
        ("ppi", "32", "2024-04", 98.7),
        ("va_ratio", "32", "2024", 0.21),
        ("benchmark_va_growth_ytd", "province", "2024-04", 7.1),
        ("target_va_growth", "371500", "2025", 7.5),
        ("target_va_growth", "371502", "2025", 8.0),
    }


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (
            ["va_rate", "32", "2024", "0.2"],
            "series",
            reference.ERR_UNKNOWN_SERIES.format(series="va_rate", known="、".join(SERIES)),
        ),
        (
            ["ppi", "05", "2024-04", "99"],
            "scope",
            reference.ERR_DIVISION_SCOPE.format(series="ppi", scope="05"),
        ),
        (
            ["benchmark_va_growth_ytd", "city", "2024-04", "7"],
            "scope",
            reference.ERR_BENCHMARK_SCOPE.format(series="benchmark_va_growth_ytd", scope="city"),
        ),
        (
            ["target_va_growth", "371599", "2024", "7"],
            "scope",
            reference.ERR_TARGET_SCOPE.format(series="target_va_growth", scope="371599"),
        ),
        (
            ["ppi", "32", "2024", "99"],
            "period",
            "应为 YYYY-MM 格式的年月（如 2024-04），实为“2024”",
        ),
        (
            ["va_ratio", "32", "2024-04", "0.2"],
            "period",
            "应为 YYYY 格式的年份（如 2024），实为“2024-04”",
        ),
        (
            ["va_ratio", "32", "2024", "21"],
            "value",
            reference.ERR_VALUE_AT_MOST_MAXIMUM.format(series="va_ratio", maximum="1", value="21"),
        ),
        (
            ["ppi", "32", "2024-04", "0"],
            "value",
            reference.ERR_VALUE_ABOVE_MINIMUM.format(series="ppi", minimum="0", value="0"),
        ),
    ],
)
def test_it_rejects_a_value_its_series_does_not_allow(importer, files, row, column, message):
    result = importer("reference", files.csv([HEADER, row]))
    assert result.errors == [Problem(2, column, message)]


def test_it_rejects_the_same_value_twice_in_a_file(importer, files):
    result = importer(
        "reference",
        files.csv([HEADER, ["ppi", "32", "2024-04", "98"], ["ppi", "32", "2024-04", "99"]]),
    )
    assert result.errors == [Problem(3, "period", reference.ERR_DUPLICATE.format(other=2))]


def test_an_unusual_ppi_is_a_warning(importer, files):
    result = importer("reference", files.csv([HEADER, ["ppi", "32", "2024-04", "-1.3"]]))
    assert result.status == "rejected"
    result = importer("reference", files.csv([HEADER, ["ppi", "32", "2024-04", "1.3"]]))
    assert result.warnings == [
        Problem(
            2,
            "value",
            reference.WARN_UNUSUAL.format(
                series="ppi", value="1.3", low="50", high="200", unit="上年同月=100"
            ),
        )
    ]


def test_a_changed_value_is_a_new_revision(importer, files):
    importer("reference", files.csv([HEADER, ["ppi", "32", "2024-04", "98"]]))
    result = importer("reference", files.csv([HEADER, ["ppi", "32", "2024-04", "97.5"]]))
    assert result.summary["revised"] == 1
    assert list(
        ReferenceValue.objects.filter(series="ppi")
        .order_by("revision")
        .values_list("revision", "value")
    ) == [(1, 98.0), (2, 97.5)]
