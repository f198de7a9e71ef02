"""A deterministic synthetic city (Liaocheng by default) written as the contract's files.

``generate`` builds the city in memory: roster, monthly reports 2022-01 … 2024-06, corrections
and reference series, calibrated so that the records reproduce the city's published figures;
``write_files`` writes them as CSV. Same seed and size ⇒ byte-identical files. The demo only
ever produces records: every figure is computed later by the engine from what was imported.
"""

from __future__ import annotations

import random
import time

from gongxin.city.classifications import load_classifications
from gongxin.city.config import CityConfig, load_city_config
from gongxin.demo.calibrate import calibrate
from gongxin.demo.corrections import make_corrections
from gongxin.demo.figures import Records, ReferenceEngine, published_figures
from gongxin.demo.model import DemoCity
from gongxin.demo.reference import build_reference, official_figures
from gongxin.demo.roster import draw_enterprises, finish_roster
from gongxin.demo.series import generate_rows
from gongxin.demo.writer import records, round_rows, write_files

DEFAULT_SEED = 4754
DEFAULT_SIZE = 3000

__all__ = [
    "DEFAULT_SEED",
    "DEFAULT_SIZE",
    "DemoCity",
    "Records",
    "check_figures",
    "generate",
    "records",
    "write_files",
]


def generate(
    seed: int = DEFAULT_SEED, size: int = DEFAULT_SIZE, config: CityConfig | None = None
) -> DemoCity:
    """Build the synthetic city: ``size`` enterprises in the roster, calibrated records."""
    started = time.perf_counter()
    config = config or load_city_config()
    classifications = load_classifications()
    # Separate streams per stage: changing one stage does not reshuffle the others.
    enterprises = draw_enterprises(random.Random(f"{seed}:roster"), config, classifications, size)
    city = DemoCity(
        seed=seed,
        config=config,
        enterprises=enterprises,
        rows={},
        reference=build_reference(random.Random(f"{seed}:reference"), config),
    )
    generate_rows(city)
    city.calibration["months"] = calibrate(city)
    round_rows(city)
    make_corrections(random.Random(f"{seed}:corrections"), city)
    round_rows(city)
    finish_roster(random.Random(f"{seed}:finish"), city)
    # The bureau's official figures, close to what the records give (reconciliation).
    official = official_figures(random.Random(f"{seed}:official"), config, records(city))
    city.reference.update(official)
    city.calibration["seconds"] = time.perf_counter() - started
    return city


def check_figures(city: DemoCity, recs: Records | None = None) -> dict[str, float]:
    """The published figures as the independent reference computation finds them."""
    classifications = load_classifications()
    engine = ReferenceEngine(recs or records(city), classifications.is_high_tech)
    return published_figures(engine)
