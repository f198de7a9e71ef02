"""The full cube at province scale (500k enterprises × 24 months). Opt-in: it writes a 200 MB
snapshot. Run with ``GONGXIN_PERF=1 pytest tests/engine -k performance``; the budget in seconds
is ``GONGXIN_PERF_BUDGET`` (default 3, the target on 2 cores).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import duckdb
import pytest

from gongxin.engine import Engine

from .scale import write_scale_snapshot

pytestmark = pytest.mark.skipif(
    not os.environ.get("GONGXIN_PERF"), reason="set GONGXIN_PERF=1 to run the scale test"
)


@pytest.mark.slow
def test_the_full_cube_over_12m_enterprise_months_fits_the_budget(tmp_path: Path) -> None:
    path = tmp_path / "scale.duckdb"
    write_scale_snapshot(path, int(os.environ.get("GONGXIN_PERF_ENTERPRISES", "500000")))
    con = duckdb.connect(str(path), read_only=True)
    con.execute("SET threads = 2")
    engine = Engine(con)
    started = time.perf_counter()
    cube = engine.cube(period="2024-12")
    elapsed = time.perf_counter() - started
    assert len(cube) > 0
    assert elapsed < float(os.environ.get("GONGXIN_PERF_BUDGET", "3")), f"{elapsed:.2f} s"
