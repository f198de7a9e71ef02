"""Key-project benchmark: 20,000 projects × 12 months (a province's list), in-process.

    .venv/bin/python benchmarks/projects/run.py [--projects 20000] [--months 12] [--repeat 5]

1. generates (seeded) a project list of ``--projects`` rows and ``--projects × --months``
   monthly progress rows as CSV, in a fresh data directory after ``gongxin init``;
2. starts the parse worker's forkserver (as a running server has it: once per process, ~1 s,
   timed and printed on its own), then times ``import_file`` for both files (parse in the
   worker, check, one write transaction) → rows/s;
3. times ``projects_figures(..., by="region")`` — what ``gongxin projects --by region`` runs —
   and without ``by`` (every project): the first call, then the median of ``--repeat`` runs;
4. loads the WSGI application as ``gongxin serve`` does (URLconf and views imported at
   start-up; timed, not counted), then times the battle-map page (``/projects/``) through
   Django's test client as a city user: server time of the first request, then the median of
   ``--repeat`` requests (nothing is cached between requests: each recomputes every project's
   figures).

Nothing is asserted; the figures go into docs/performance.md ("Key projects").
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REGIONS = ("371502", "371503", "371521", "371522", "371524", "371525", "371526", "371581")
CHAINS = ("nonferrous", "agrifood", "ferrous", "chemical", "building", "machinery", "auto", "nev")
KINDS = ("强链", "延链", "补链", "技改", "新建")


def write_files(folder: Path, projects: int, months: int, seed: int = 1) -> tuple[Path, Path]:
    rng = random.Random(seed)
    plist, progress = folder / "projects.csv", folder / "progress.csv"
    starts = {}
    with open(plist, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "year", "name", "owner", "region", "chain", "kind",
                    "total_investment", "plan_investment", "plan_start", "lng", "lat"])  # fmt: skip
        for i in range(projects):
            code = f"BM{i:06d}"
            start = rng.randint(1, 12)
            starts[code] = start
            total = rng.randint(5_000, 200_000)
            w.writerow([code, 2024, f"基准项目{i}", f"项目单位{i}", rng.choice(REGIONS),
                        rng.choice(CHAINS), rng.choice(KINDS), total, round(total * 0.4),
                        f"2024-{start:02d}-15", round(rng.uniform(115.6, 116.3), 5),
                        round(rng.uniform(36.0, 36.8), 5)])  # fmt: skip
    with open(progress, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["period", "code", "investment", "started_on", "in_stats_on", "problem"])
        for month in range(1, months + 1):
            for code, start in starts.items():
                started = f"2024-{start:02d}-20" if month >= start else ""
                stats = f"2024-{start + 1:02d}-05" if month > start and start < 12 else ""
                w.writerow([f"2024-{month:02d}", code, rng.randint(0, 3000), started, stats,
                            "用地待批" if rng.random() < 0.02 else ""])  # fmt: skip
    return plist, progress


def median_seconds(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--months", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="gongxin-bench-projects-"))
    os.environ["GONGXIN_DATA_DIR"] = str(work / "data")
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongxin.settings"
    from gongxin.cli.main import main as gongxin

    assert gongxin(["init", "-q"]) == 0
    plist, progress = write_files(work, args.projects, args.months)

    from django.conf import settings
    from django.test import Client

    from gongxin.ingest.services import LIMITS, import_file
    from gongxin.ingest.worker import parse_bounded
    from gongxin.projects.selectors import projects_figures
    from gongxin.registry.permissions import Actor
    from gongxin.registry.users import user_create_or_update
    from gongxin.scope import Scope

    t = time.perf_counter()
    parse_bounded(
        kind="projects",
        path=plist,
        limits=LIMITS,
        memory_mb=settings.GONGXIN_IMPORT_WORKER_MEMORY_MB,
        seconds=600,
    )
    print(f"parse worker start-up and a first parse (not counted): {time.perf_counter() - t:.2f} s")
    for name, kind, path, rows in (
        ("project list", "projects", plist, args.projects),
        ("monthly progress", "project-progress", progress, args.projects * args.months),
    ):
        t = time.perf_counter()
        result = import_file(kind=kind, path=path, actor="bench")
        seconds = time.perf_counter() - t
        assert result.ok, result.errors[:5]
        print(f"import {name}: {rows:,} rows in {seconds:.2f} s = {rows / seconds:,.0f} rows/s")
    t = time.perf_counter()
    again = import_file(kind="project-progress", path=progress, actor="bench")
    print(f"re-import progress (unchanged): {time.perf_counter() - t:.2f} s, {again.summary}")

    period = 202400 + args.months
    scope = Scope.everything()
    t = time.perf_counter()
    projects_figures(scope=scope, period=period, by="region")
    print(f"projects --by region, first call: {(time.perf_counter() - t) * 1000:.0f} ms")
    by_region = median_seconds(
        lambda: projects_figures(scope=scope, period=period, by="region"), args.repeat
    )
    every = median_seconds(lambda: projects_figures(scope=scope, period=period), args.repeat)
    county = median_seconds(
        lambda: projects_figures(scope=Scope.county("371521"), period=period, by="region"),
        args.repeat,
    )
    print(f"projects --by region (in-process): {by_region * 1000:.0f} ms")
    print(f"projects, every project (in-process): {every * 1000:.0f} ms")
    print(f"projects --by region, one county's scope: {county * 1000:.0f} ms")

    user, _ = user_create_or_update(
        username="bench",
        role="city_admin",
        region=None,
        password="Gx!bench-2024",
        actor=Actor.system("bench"),
    )
    # As ``gongxin serve`` starts: the WSGI module loads the URLconf and every view at start-up.
    t = time.perf_counter()
    import gongxin.wsgi

    print(f"server start-up, URLconf and views (not counted): {time.perf_counter() - t:.2f} s")
    client = Client()
    client.force_login(user)
    url = f"/projects/?period=2024-{args.months:02d}"
    sizes = []

    def page() -> None:
        response = client.get(url)
        assert response.status_code == 200
        sizes.append(len(response.content))

    first = median_seconds(page, 1)
    print(f"battle-map page {url}, first request: {first * 1000:.0f} ms server time")
    server = median_seconds(page, args.repeat)
    print(f"battle-map page {url}: {server * 1000:.0f} ms server time, {sizes[-1] / 1e6:.1f} MB")
    for query in ("&level=red&sort=completion", "&region=371521&page=2"):
        filtered = median_seconds(lambda q=query: client.get(url + q), args.repeat)
        print(f"battle-map page {url}{query}: {filtered * 1000:.0f} ms server time")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
    sys.exit(main())
