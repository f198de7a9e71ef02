"""Charts are drawn on plain ``Figure`` objects: safe on the web server's threads, and no
pyplot (its global figure registry and GUI backend set-up) in the server process."""

import hashlib
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

from gongxin.reports import charts


def _draw(i: int) -> str:
    png = charts.ranked_bars(
        ["东昌府区", "临清市", "茌平区"][: 1 + i % 3],
        [7.8, -2.1, 12.5][: 1 + i % 3],
        target=6.0 if i % 2 else None,
        target_label="全市目标",
    )
    assert png.startswith(b"\x89PNG")
    return hashlib.sha256(png).hexdigest()


def test_charts_drawn_at_once_on_threads_equal_those_drawn_one_by_one():
    alone = [_draw(i) for i in range(12)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(_draw, range(12)))
    assert together == alone
    assert len(set(alone)) == 6  # the six different charts are different images


def test_pyplot_is_never_imported():
    code = "import gongxin.reports.charts, sys; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"
