"""Time the engine against pandas and hand-written SQL, side by side, in one run.

    python benchmarks/run.py --scale city|province|nation|all [--repeat N] [--period 2024-12]

Per scale (synthetic snapshots from benchmarks/datagen.py, cached under --data-dir):

(a) ``Engine.cube`` for one period, every catalog indicator on every dimension, consumed as the
    web and the bulletin do: the per-dimension blocks (``Result.blocks``) and ``len(result)``,
    not the 22M-row dict expansion of ``Result.rows``. Once through em_ytd (the default) and
    once through the general path (``use_derived=False``); also the pandas subset alone;
(b) the same cube in pandas (benchmarks/pandas_cube.py; its subset, loading timed apart), with
    an agreement check of every value it computes against the engine's;
(c) hand-written DuckDB SQL for VA growth YTD by region against
    ``Engine.query(indicators=["va_growth_ytd"], by="region")``, with an agreement check;
(d) a cached repeat of the cube and of the region query on the same engine.

Every timing is repeated; best and median are reported. The record (and the machine) is
written into docs/performance.md between the markers of its own section.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import duckdb
import pandas as pd

from benchmarks import datagen, hand_sql, pandas_cube
from gongxin.engine import Engine, derived
from gongxin.engine.compiler import Request
from gongxin.engine.period import Period

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- engine-benchmark:begin -->", "<!-- engine-benchmark:end -->"
TITLE = "Engine benchmark"
# --quick: the cube and hand SQL only, recorded in a section of their own
QUICK_BEGIN, QUICK_END = "<!-- engine-quick:begin -->", "<!-- engine-quick:end -->"
QUICK_TITLE = "Engine: full cube and hand SQL after the publication-grade changes (issue 9)"


@dataclass
class Timing:
    name: str
    times: list[float]
    note: str = ""

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class ScaleRecord:
    scale: str
    enterprises: int
    enterprise_months: int
    snapshot_mb: float
    timings: list[Timing]
    checks: list[str]


def _time(repeat: int, fn: Callable[[], Any]) -> tuple[list[float], Any]:
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - started)
    return times, value


def snapshot(scale: str, data_dir: Path) -> tuple[Path, str]:
    """The cached snapshot of a scale, generated (and em_ytd built) if missing."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"{scale}-v{datagen.VERSION}-duckdb{duckdb.__version__}.duckdb"
    if path.exists():
        return path, "cached"
    tmp = path.with_suffix(".tmp")
    started = time.perf_counter()
    datagen.write_snapshot(tmp, datagen.SCALES[scale], build_derived=False)
    written = time.perf_counter() - started
    con = duckdb.connect(str(tmp))
    con.execute("SET enable_progress_bar = false")
    started = time.perf_counter()
    derived.build(con)
    con.execute("CHECKPOINT")
    built = time.perf_counter() - started
    con.close()
    tmp.rename(path)
    return path, f"generated in {written:.1f} s, em_ytd built in {built:.1f} s"


def _consume(result: Any) -> int:
    """What the web and the bulletin touch: the blocks, their columns and the row count."""
    return sum(len(c.values) for b in result.blocks for c in b.columns) + len(result)


def _agree(expected: dict[tuple[str, str, str], Any], engine_values: Callable[..., Any]) -> str:
    compared = mismatched = 0
    keys: dict[tuple[str, str], set[str]] = {}
    for dim, indicator, member in expected:
        keys.setdefault((dim, indicator), set()).add(member)
    for (dim, indicator), members in keys.items():
        got = {str(k): v for k, v in engine_values(indicator, dim).items()}
        if set(got) != members:
            mismatched += len(set(got) ^ members)
        for member in members & set(got):
            value, other = expected[(dim, indicator, member)], got[member]
            compared += 1
            same = (value is None and other is None) or (
                value is not None
                and other is not None
                and math.isclose(value, other, rel_tol=1e-9, abs_tol=1e-9)
            )
            mismatched += not same
    return f"{compared} values compared, {mismatched} differ"


def run_scale(
    scale: str, period: str, repeat: int, data_dir: Path, *, quick: bool = False
) -> ScaleRecord:
    path, origin = snapshot(scale, data_dir)
    con = duckdb.connect(str(path), read_only=True)
    n_ent = int(con.execute("SELECT COUNT(*) FROM enterprise").fetchone()[0])  # type: ignore[index]
    n_em = int(con.execute("SELECT COUNT(*) FROM monthly").fetchone()[0])  # type: ignore[index]
    timings: list[Timing] = []
    checks = [f"snapshot {path.name}: {origin}"]

    # (a) the full cube, em_ytd and general path; each repeat on a fresh engine (no cache)
    times, cube = _time(repeat, lambda: _full_cube(Engine(con), period))
    timings.append(Timing("(a) engine full cube", times, f"{len(cube):,} values"))
    if quick:
        # the cube, and the hand-written SQL against the engine's query (with its agreement)
        sql = hand_sql.va_growth_by_region(period)
        times, rows = _time(repeat, lambda: con.execute(sql).fetchall())
        timings.append(Timing("(c) hand-written SQL, VA growth by region", times))
        times, result = _time(
            repeat,
            lambda: Engine(con).query(indicators=["va_growth_ytd"], period=period, by="region"),
        )
        timings.append(Timing("(c) engine query, VA growth by region", times))
        hand = {("region", "va_growth_ytd", str(r)): v for r, v in rows}
        checks.append("hand SQL vs engine: " + _agree(hand, result.values))
        con.close()
        return ScaleRecord(scale, n_ent, n_em, path.stat().st_size / 2**20, timings, checks)
    times, _ = _time(repeat, lambda: _full_cube(Engine(con, use_derived=False), period))
    timings.append(Timing("(a) engine full cube, general path", times, "no em_ytd"))
    dims = tuple(pandas_cube.DIMS)
    request = Request(tuple(pandas_cube.INDICATORS), Period.parse(period), dims)
    times, _ = _time(repeat, lambda: _consume(Engine(con)._run(request, with_dim=True)))
    timings.append(Timing("(a) engine, pandas' subset", times, "like for like with (b)"))

    # (b) pandas
    timing, values = _pandas(con, period, repeat)
    timings.append(timing)
    checks.append("pandas vs engine: " + _agree(values, cube.values))

    # (c) hand-written SQL vs the engine's query, VA growth YTD by region
    sql = hand_sql.va_growth_by_region(period)
    times, rows = _time(repeat, lambda: con.execute(sql).fetchall())
    timings.append(Timing("(c) hand-written SQL, VA growth by region", times))
    times, result = _time(
        repeat,
        lambda: Engine(con).query(indicators=["va_growth_ytd"], period=period, by="region"),
    )
    timings.append(Timing("(c) engine query, VA growth by region", times))
    times, general = _time(
        repeat,
        lambda: Engine(con, use_derived=False).query(
            indicators=["va_growth_ytd"], period=period, by="region"
        ),
    )
    timings.append(Timing("(c) engine query, general path", times, "no em_ytd"))
    hand = {("region", "va_growth_ytd", str(r)): v for r, v in rows}
    checks.append("hand SQL vs engine: " + _agree(hand, result.values))
    checks.append("hand SQL vs engine general path: " + _agree(hand, general.values))

    # (d) cached repeats on one engine
    engine = Engine(con)
    _full_cube(engine, period)
    engine.query(indicators=["va_growth_ytd"], period=period, by="region")
    times, _ = _time(max(repeat, 5), lambda: _full_cube(engine, period))
    timings.append(Timing("(d) cached repeat, full cube", times))
    times, _ = _time(
        max(repeat, 5),
        lambda: engine.query(indicators=["va_growth_ytd"], period=period, by="region"),
    )
    timings.append(Timing("(d) cached repeat, region query", times))
    con.close()
    return ScaleRecord(
        scale=scale,
        enterprises=n_ent,
        enterprise_months=n_em,
        snapshot_mb=path.stat().st_size / 2**20,
        timings=timings,
        checks=checks,
    )


def _pandas(
    con: duckdb.DuckDBPyConnection, period: str, repeat: int
) -> tuple[Timing, dict[tuple[str, str, str], float | None]]:
    """Load the tables once (timed apart), then the pandas cube ``repeat`` times."""
    load_times, tables = _time(1, lambda: pandas_cube.load(con))
    times, values = _time(repeat, lambda: pandas_cube.cube(tables, period))
    note = f"+ {load_times[0]:.2f} s to load the tables"
    return Timing("(b) pandas, subset", times, note), values


def _full_cube(engine: Engine, period: str) -> Any:
    result = engine.cube(period=period)
    _consume(result)
    return result


def machine() -> list[str]:
    model = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        ram = f"{kib / 2**20:.1f} GiB"
    threads = duckdb.connect().execute("SELECT current_setting('threads')").fetchone()[0]  # type: ignore[index]
    load = os.getloadavg() if hasattr(os, "getloadavg") else ()
    return [
        f"- CPU: {model}, nproc {os.cpu_count()}; DuckDB threads {threads}",
        f"- RAM: {ram}",
        f"- Python {platform.python_version()}, DuckDB {duckdb.__version__}, "
        f"pandas {pd.__version__}, {platform.system()} {platform.release()}",
        "- load average at the end of the run: "
        + ", ".join(f"{x:.2f}" for x in load)
        + " (other processes share the machine)",
    ]


def render(records: list[ScaleRecord], command: str, period: str, repeat: int) -> str:
    lines = [
        BEGIN,
        f"Command: `{command}` (period {period}, {repeat} repeats; best / median in seconds).",
        "",
        *machine(),
        "",
        "| scale | enterprises | enterprise-months | measurement | best s | median s | note |",
        "|---|---:|---:|---|---:|---:|---|",
    ]
    for r in records:
        for t in r.timings:
            lines.append(
                f"| {r.scale} | {r.enterprises:,} | {r.enterprise_months:,} | {t.name} | "
                f"{t.best:.3f} | {t.median:.3f} | {t.note} |"
            )
    lines += ["", "Ratios (best times):", ""]
    for r in records:
        t = {x.name: x for x in r.timings}
        cube = t["(a) engine full cube"].best
        if "(b) pandas, subset" not in t:  # --quick
            hand = t["(c) hand-written SQL, VA growth by region"].best
            query = t["(c) engine query, VA growth by region"].best
            lines.append(
                f"- {r.scale}: full cube {cube:.2f} s; engine / hand SQL {query / hand:.2f}×; "
                f"snapshot {r.snapshot_mb:,.0f} MB"
            )
            continue
        subset = t["(a) engine, pandas' subset"].best
        pandas = t["(b) pandas, subset"].best
        hand = t["(c) hand-written SQL, VA growth by region"].best
        query = t["(c) engine query, VA growth by region"].best
        general = t["(c) engine query, general path"].best
        cached = t["(d) cached repeat, full cube"].median
        lines.append(
            f"- {r.scale}: full cube {cube:.2f} s; pandas / engine (same subset) "
            f"{pandas / subset:.1f}×, pandas subset / full cube {pandas / cube:.1f}×; "
            f"engine / hand SQL {query / hand:.2f}× (general path {general / hand:.2f}×); "
            f"cached cube {cached * 1000:.1f} ms; snapshot {r.snapshot_mb:,.0f} MB"
        )
    lines += ["", "Checks:", ""]
    for r in records:
        lines += [f"- {r.scale}: {c}" for c in r.checks]
    lines.append(END)
    return "\n".join(lines)


def write_doc(block: str, doc: Path, *, quick: bool = False) -> None:
    """Replace this script's block in doc, keeping every other section as it is."""
    begin, end, title = (QUICK_BEGIN, QUICK_END, QUICK_TITLE) if quick else (BEGIN, END, TITLE)
    block = block.replace(BEGIN, begin).replace(END, end)
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        tail = rest.split(end, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + f"\n\n## {title}\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["tiny", "city", "province", "nation", "all"])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--period", default="2024-12")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=Path(os.environ.get("GONGXIN_BENCH_DIR", "/tmp/gongxin-bench")),
    )
    parser.add_argument("--doc", type=Path, default=DOC, help="where to write the record")
    parser.add_argument("--no-doc", action="store_true", help="print only")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="only the full cube and hand SQL vs the engine (its own section of the doc)",
    )
    args = parser.parse_args(argv)
    scale = args.scale or "city"
    scales = ["city", "province", "nation"] if scale == "all" else [scale]
    # (tiny: 300 enterprises, for the test that keeps this script from rotting)
    records = []
    for name in scales:
        record = run_scale(name, args.period, args.repeat, args.data_dir, quick=args.quick)
        records.append(record)
        print(f"\n{name}: {record.enterprises:,} enterprises, {record.enterprise_months:,} reports")
        for t in record.timings:
            print(f"  {t.name:<44} best {t.best:8.3f} s  median {t.median:8.3f} s  {t.note}")
        for check in record.checks:
            print(f"  check: {check}")
    command = "python benchmarks/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    block = render(records, command.strip(), args.period, args.repeat)
    if not args.no_doc:
        write_doc(block, args.doc, quick=args.quick)
    failed = [c for r in records for c in r.checks if " 0 differ" not in c and "differ" in c]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
