"""The catalog file: loaded, validated rule by rule, and documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gongxin.engine import CatalogError, Engine, default_catalog, load_catalog
from gongxin.engine.catalog import DEFAULT_PATH, parse_catalog

from .snapshot_builder import build_snapshot

METHODOLOGY = Path(__file__).resolve().parents[2] / "docs" / "methodology.md"
BASE = DEFAULT_PATH.read_text(encoding="utf-8")


def with_indicator(entry: str) -> str:
    return BASE.rstrip() + "\n" + entry


def problems(text: str) -> list[str]:
    with pytest.raises(CatalogError) as excinfo:
        parse_catalog(text)
    return excinfo.value.problems


def test_the_packaged_catalog_loads_with_at_least_30_indicators() -> None:
    catalog = load_catalog()
    assert len(catalog.indicators) >= 30
    assert all(re.search(r"[\u4e00-\u9fff]", i.name) for i in catalog.indicators.values())


def test_it_rejects_a_duplicate_id() -> None:
    text = with_indicator(
        "  - {id: output_ytd, name: 产值, unit: 万元, measure: output_ytd, definition: x}\n"
    )
    assert "catalog.yaml: indicators[output_ytd]: duplicate id" in problems(text)


def test_it_rejects_an_unknown_measure_in_a_formula() -> None:
    text = with_indicator(
        "  - {id: odd, name: 怪, unit: '%', formula: 'output_ytd / sales_yt', definition: x}\n"
    )
    assert (
        "catalog.yaml: indicators[odd].formula: unknown name 'sales_yt' "
        "(not a measure or indicator)" in problems(text)
    )


def test_it_rejects_an_unknown_dimension() -> None:
    text = with_indicator(
        "  - {id: odd, name: 怪, unit: '%', formula: output_ytd, dims: [county], definition: x}\n"
    )
    assert "catalog.yaml: indicators[odd].dims: unknown dimension 'county'" in problems(text)


def test_it_rejects_an_unknown_field_in_a_measure() -> None:
    text = BASE.replace(
        "  va_ytd: {agg: sum, expr: va, window: ytd}",
        "  va_ytd: {agg: sum, expr: vaa, window: ytd}",
    )
    assert any(
        p.startswith("catalog.yaml: measures.va_ytd.expr: unknown field 'vaa'")
        for p in problems(text)
    )


def test_it_rejects_a_circular_definition() -> None:
    text = with_indicator(
        "  - {id: ping, name: 甲, unit: '%', formula: pong + 1, definition: x}\n"
        "  - {id: pong, name: 乙, unit: '%', formula: ping - 1, definition: x}\n"
    )
    assert any("circular definition" in p for p in problems(text))


def test_it_rejects_bad_formula_syntax_and_unknown_functions() -> None:
    text = with_indicator(
        "  - {id: odd, name: 怪, unit: '%', formula: 'sqrt(output_ytd)', definition: x}\n"
        "  - {id: odder, name: 怪, unit: '%', formula: 'output_ytd +', definition: x}\n"
    )
    found = problems(text)
    assert any(
        p.startswith("catalog.yaml: indicators[odd].formula: unknown function") for p in found
    )
    assert any(p.startswith("catalog.yaml: indicators[odder].formula: syntax error") for p in found)


def test_it_rejects_a_duplicate_yaml_key() -> None:
    text = BASE.replace(
        "measures:\n", "measures:\n  va_ytd: {agg: sum, expr: va, window: ytd}\n", 1
    )
    assert any("duplicate key 'va_ytd'" in p for p in problems(text))


def test_a_new_ratio_indicator_is_one_catalog_entry(tmp_path: Path) -> None:
    path = tmp_path / "catalog.yaml"
    path.write_text(
        with_indicator(
            "  - id: domestic_sales_share_ytd\n"
            "    name: 内销比重\n"
            "    unit: '%'\n"
            "    formula: (sales_ytd - export_ytd) / sales_ytd * 100\n"
            "    definition: Sales not exported as a share of sales.\n"
        ),
        encoding="utf-8",
    )
    spec = {
        "enterprise": [{"uscc": "A"}],
        "above_scale": [{"uscc": "A"}],
        "monthly": [{"uscc": "A", "ym": 202401, "output": 100, "sales": 80, "export": 20}],
    }
    engine = Engine(build_snapshot(spec), load_catalog(path))
    result = engine.query(indicators=["domestic_sales_share_ytd"], period="2024-01")
    assert result.values("domestic_sales_share_ytd") == {"371500": 75.0}


def test_every_catalog_indicator_has_a_methodology_section() -> None:
    text = METHODOLOGY.read_text(encoding="utf-8")
    headings = set(re.findall(r"^### (\S+) — ", text, flags=re.MULTILINE))
    missing = [i for i in default_catalog().indicators if i not in headings]
    assert missing == []
    for indicator in default_catalog().indicators.values():
        assert f"### {indicator.id} — {indicator.name}" in text
