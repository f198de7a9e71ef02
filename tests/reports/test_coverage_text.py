"""The bulletin's non-response words on a hand-computed case (tests/engine/cases/levels.yaml).

371502 (东昌府区): A reports every month with a base — 370 of 370 in growth, 100 %.
371503 (茌平区): B 50 + 60 + 0 = 110, of which Jan (50) and Mar (0) have a base; C 40, no
base — 50 of 150 in growth, 33.3 %. City: 420 of 520 = 80.8 %.
"""

from pathlib import Path

import yaml

from gongxin.engine import Engine
from gongxin.reports.coverage_text import city_coverage, regions_low_coverage
from gongxin.reports.figures import Numbers
from tests.engine.snapshot_builder import build_snapshot

CASE = Path(__file__).parents[1] / "engine" / "cases" / "levels.yaml"


def numbers() -> Numbers:
    spec = yaml.safe_load(CASE.read_text("utf-8"))
    engine = Engine(build_snapshot(spec["snapshot"], derived=True))
    return Numbers(engine, "2024-03", "371500")


def test_the_city_coverage_follows_its_growth():
    [sentence] = city_coverage(numbers())
    assert sentence.text == "增速按同口径计算，覆盖全市规上工业总产值的80.8%。"
    [figure] = sentence.figures
    assert figure.value == 80.8 and figure.terms[0].indicator == "base_coverage_ytd"


def test_regions_below_95_percent_are_named_with_their_share():
    [sentence] = regions_low_coverage(numbers())
    assert sentence.text == "同口径覆盖率低于95%、增速仅反映部分企业的有茌平区（33.3%）。"
    assert [f.source for f in sentence.figures] == ["definition", "engine"]
