"""The demo city's key projects (重点项目): 100 chain projects of 2023 and 100 of 2024.

Written as the contract's files — the year lists, a later list of 2024 with a few plan changes,
and monthly progress (2023-01 … 2023-12, 2024-01 … 2024-06) — and loaded through the real
importers like every other demo file. Projects spread over the regions and chains, each placed
inside its own county's polygon (a few without coordinates); some start late, some never enter
the statistics (纳统), a few change their plan during the year.

Calibration, like ``calibrate.py`` for the indicators: money is drawn at random and then
scaled so that the records reproduce the figures the city published (``TARGETS``). Only records
come out of here; ``gongxin projects`` computes the figures from what was imported:
- 2024-04: 100 projects, investment 1–4月 953,000 万元, 57.7 % of the annual plan;
- 2023-11: all 100 projects of 2023 started, 30 in production, completion 128.5 %.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field

from gongxin.demo.model import DemoCity
from gongxin.projects.geo import CityShape, city_shape

# The published figures the demo's records are calibrated to (万元, %, counts).
TARGET_2024_04_INVESTMENT = 953_000.0
TARGET_2024_04_COMPLETION = 57.7
TARGET_2023_11_COMPLETION = 128.5
TARGET_2023_11_IN_PRODUCTION = 30
PROJECTS_PER_YEAR = 100
UNPLACED_PER_YEAR = 5
LAST_YM = {2023: 202312, 2024: 202406}

PROJECT_COLUMNS = (
    "code",
    "year",
    "name",
    "owner",
    "uscc",
    "region",
    "chain",
    "kind",
    "level",
    "pool",
    "total_investment",
    "plan_investment",
    "plan_start",
    "plan_production",
    "lng",
    "lat",
)
PROGRESS_COLUMNS = (
    "period",
    "code",
    "investment",
    "started_on",
    "in_stats_on",
    "production_on",
    "problem",
)

KINDS = ("强链", "延链", "补链", "技改", "新建")
KIND_WEIGHTS = (30, 20, 20, 20, 10)
GRADES = ("省重点", "市重点", "县重点")
PRODUCTS = {
    "nonferrous": ("高端铝材", "铜基新材料", "铝合金轮毂", "精密铜管"),
    "agrifood": ("肉制品深加工", "玉米深加工", "预制菜", "功能糖"),
    "ferrous": ("特钢棒材", "精密钢管", "冷轧薄板", "不锈钢制品"),
    "chemical": ("精细化工", "新型材料中间体", "聚碳酸酯", "氢能"),
    "building": ("装配式建筑部品", "新型墙材", "高性能混凝土", "节能玻璃"),
    "machinery": ("智能农机", "高端轴承", "数控机床", "液压件"),
    "auto": ("汽车零部件", "车桥总成", "制动系统", "汽车轴承"),
    "textile": ("高端纺纱", "功能面料", "品牌服装", "产业用纺织品"),
    "nev": ("新能源汽车整车", "动力电池", "电机电控", "充换电设备"),
    "paper": ("高档生活用纸", "包装纸板", "特种纸", "绿色印刷"),
    "biomed": ("生物制药", "医疗器械", "原料药", "中药饮片"),
    "ict": ("电子元器件", "智能终端", "工业互联网平台", "数据中心"),
}
PROBLEMS = (
    "用地指标尚未落实",
    "环评手续办理中",
    "施工许可证待办理",
    "融资到位滞后",
    "设备采购周期长",
    "电力增容待审批",
    "施工用工短缺",
)
INVESTORS = ("山东", "江苏", "浙江", "广东", "北京", "上海")


@dataclass
class DemoProject:
    code: str
    year: int
    name: str
    owner: str
    uscc: str
    region: str
    chain: str
    kind: str
    grade: str
    total: float
    plan: float
    plan_start: dt.date
    plan_production: dt.date | None
    lng: float | None
    lat: float | None
    started_on: dt.date | None = None
    in_stats_on: dt.date | None = None
    production_on: dt.date | None = None
    # ym -> investment of the month (万元)
    months: dict[int, float] = field(default_factory=dict)
    problems: dict[int, str] = field(default_factory=dict)
    revised_plan: float | None = None
    revised_start: dt.date | None = None


def _day(rng: random.Random, year: int, month: int) -> dt.date:
    return dt.date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))


def _add_months(day: dt.date, months: int, rng: random.Random) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return _day(rng, index // 12, index % 12 + 1)


def _ym(day: dt.date) -> int:
    return day.year * 100 + day.month


def _point(rng: random.Random, shape: CityShape | None, region: str) -> tuple[float, float] | None:
    if shape is None or region not in shape.regions:
        return None
    x0, y0, x1, y1 = shape.region_bounds(region)
    for _ in range(10_000):
        lng, lat = rng.uniform(x0, x1), rng.uniform(y0, y1)
        if shape.contains(region, lng, lat):
            return round(lng, 5), round(lat, 5)
    return None


def _scale_to(values: list[float], total: float, decimals: int = 1) -> list[float]:
    """``values`` scaled to sum to ``total`` exactly after rounding to ``decimals``.

    The rounding residue goes to the largest value, so the sum of what the file carries is
    the target to the last digit.
    """
    factor = total / sum(values)
    out = [round(v * factor, decimals) for v in values]
    big = max(range(len(out)), key=out.__getitem__)
    out[big] = round(out[big] + total - sum(out), decimals)
    return out


def _draw(
    rng: random.Random, city: DemoCity, shape: CityShape | None, year: int
) -> list[DemoProject]:
    regions = [r.code for r in city.config.regions]
    chains = [c.code for c in city.config.chains]
    by_place: dict[tuple[str, str], list] = {}
    for e in city.enterprises:
        for chain in e.chains:
            by_place.setdefault((e.region, chain), []).append(e)
    projects = []
    # A few projects come without coordinates (listed beside the map, not on it).
    unplaced = set(rng.sample(range(PROJECTS_PER_YEAR), UNPLACED_PER_YEAR))
    for i in range(PROJECTS_PER_YEAR):
        # every region and chain gets projects; then spread at random
        region = regions[i % len(regions)] if i < 2 * len(regions) else rng.choice(regions)
        chain = chains[i % len(chains)] if i < 2 * len(chains) else rng.choice(chains)
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        product = rng.choice(PRODUCTS.get(chain, ("新材料",)))
        firms = by_place.get((region, chain), [])
        if firms and rng.random() < 0.6:
            firm = rng.choice(firms)
            owner, uscc = firm.name, firm.uscc
        else:
            owner = f"{rng.choice(INVESTORS)}{product}科技有限公司"
            uscc = ""
        total = round(rng.lognormvariate(10.3, 0.7), -1)  # median ≈ 30,000 万元
        point = None if i in unplaced else _point(rng, shape, region)
        scale = rng.choice(("年产", "新建", "扩建"))
        projects.append(
            DemoProject(
                code=f"XM{year}{i + 1:03d}",
                year=year,
                name=f"{scale}{product}项目",
                owner=owner,
                uscc=uscc,
                region=region,
                chain=chain,
                kind=kind,
                grade=rng.choices(GRADES, (15, 60, 25))[0],
                total=total,
                plan=total * rng.uniform(0.3, 0.6),
                plan_start=dt.date(year, 1, 1),
                plan_production=None,
                lng=point[0] if point else None,
                lat=point[1] if point else None,
            )
        )
    return projects


def _milestones_2024(rng: random.Random, projects: list[DemoProject]) -> None:
    """Plan and actual dates: continuing projects, on-time and late starts, some never 纳统."""
    for p in projects:
        roll = rng.random()
        if roll < 0.55:  # continuing: started in 2023
            p.plan_start = _day(rng, 2023, rng.randint(3, 11))
            p.started_on = p.plan_start + dt.timedelta(days=rng.randint(0, 20))
        else:
            p.plan_start = _day(rng, 2024, rng.randint(1, 6))
            late = rng.random()
            if late < 0.70:  # on time
                p.started_on = p.plan_start + dt.timedelta(days=rng.randint(0, 15))
            elif late < 0.90:  # 1–3 months late
                p.started_on = _add_months(p.plan_start, rng.randint(1, 3), rng)
            # else: not started by June
        if p.started_on and p.started_on > dt.date(2024, 6, 30):
            p.started_on = None
        if p.started_on and rng.random() > 0.12:  # 12 % of started projects never 纳统
            p.in_stats_on = max(_add_months(p.started_on, rng.randint(0, 1), rng), p.started_on)
            if p.in_stats_on > dt.date(2024, 6, 30):
                p.in_stats_on = None
        p.plan_production = _add_months(p.plan_start, rng.randint(8, 20), rng)
        if p.started_on and p.plan_production <= dt.date(2024, 6, 30) and rng.random() < 0.7:
            p.production_on = min(p.plan_production, dt.date(2024, 6, 28))
            p.production_on = max(p.production_on, p.in_stats_on or p.started_on)


def _milestones_2023(rng: random.Random, projects: list[DemoProject]) -> None:
    """All started by 2023-11; exactly TARGET_2023_11_IN_PRODUCTION in production by then."""
    producing = set(rng.sample(range(len(projects)), TARGET_2023_11_IN_PRODUCTION))
    for i, p in enumerate(projects):
        p.plan_start = _day(rng, rng.choice((2022, 2023)), rng.randint(1, 12))
        if p.plan_start > dt.date(2023, 9, 30):
            p.plan_start = _day(rng, 2023, rng.randint(1, 9))
        p.started_on = p.plan_start + dt.timedelta(days=rng.randint(0, 25))
        if p.started_on > dt.date(2023, 10, 31):
            p.started_on = dt.date(2023, 10, rng.randint(1, 31))
        p.in_stats_on = max(_add_months(p.started_on, rng.randint(0, 1), rng), p.started_on)
        if p.in_stats_on > dt.date(2023, 11, 30):
            p.in_stats_on = dt.date(2023, 11, rng.randint(1, 30))
        if i in producing:
            p.production_on = max(_day(rng, 2023, rng.randint(3, 11)), p.in_stats_on)
            if p.production_on > dt.date(2023, 11, 30):
                p.production_on = dt.date(2023, 11, 30)
            p.plan_production = max(
                _add_months(p.production_on, rng.randint(-1, 1), rng),
                p.plan_start + dt.timedelta(days=90),
            )
        else:
            p.plan_production = _day(rng, rng.choice((2023, 2024)), 12)
            if rng.random() < 0.2:  # a few finish in December, after the anchor month
                p.production_on = dt.date(2023, 12, rng.randint(5, 28))


def _active_months(p: DemoProject, first: int, last: int) -> list[int]:
    start = _ym(p.started_on) if p.started_on else None
    if start is None:
        return []
    return [ym for ym in range(first, last + 1) if ym >= start]


def _money(rng: random.Random, projects: list[DemoProject], year: int) -> None:
    """Monthly investment, scaled to the targets over the anchor window."""
    if year == 2024:
        anchor, plan_total = 202404, TARGET_2024_04_INVESTMENT / TARGET_2024_04_COMPLETION * 100
        anchor_total = TARGET_2024_04_INVESTMENT
    else:
        anchor = 202311
        plan_total = sum(p.plan for p in projects)
        anchor_total = None
    plans = _scale_to([p.plan for p in projects], round(plan_total), decimals=0)
    for p, plan in zip(projects, plans, strict=True):
        p.plan = plan
    if anchor_total is None:
        anchor_total = round(sum(plans) * TARGET_2023_11_COMPLETION / 100, 1)
    # Raw draws: a project's pace (share of its plan per active month) varies; laggards exist.
    cells: list[tuple[DemoProject, int]] = []
    raw: list[float] = []
    for p in projects:
        pace = rng.choice((0.04, 0.08, 0.12, 0.16, 0.2))
        for ym in _active_months(p, year * 100 + 1, anchor):
            cells.append((p, ym))
            raw.append(p.plan * pace * rng.uniform(0.6, 1.4))
    for (p, ym), value in zip(cells, _scale_to(raw, anchor_total), strict=True):
        p.months[ym] = value
    # After the anchor month: the same pace, unscaled (no published figure to meet).
    for p in projects:
        recent = [v for ym, v in p.months.items()]
        typical = sum(recent) / len(recent) if recent else p.plan * 0.05
        for ym in _active_months(p, anchor + 1, LAST_YM[year]):
            p.months[ym] = round(typical * rng.uniform(0.6, 1.4), 1)
    for p in projects:
        first = _ym(p.started_on) if p.started_on else year * 100 + 1
        for ym in range(max(first, year * 100 + 1), LAST_YM[year] + 1):
            p.months.setdefault(ym, 0.0)
        if p.started_on is None:
            for ym in range(year * 100 + 1, LAST_YM[year] + 1):
                p.months[ym] = 0.0


def _problems(rng: random.Random, projects: list[DemoProject], year: int) -> None:
    for p in projects:
        if p.started_on is None or (p.started_on and rng.random() < 0.15):
            ym = rng.choice(sorted(p.months))
            p.problems[ym] = rng.choice(PROBLEMS)


def _plan_changes(rng: random.Random, projects: list[DemoProject]) -> list[DemoProject]:
    """A few 2024 plans revised in May: more money, a later start. The baseline stays."""
    changed = rng.sample(projects, 5)
    for p in changed:
        p.revised_plan = round(p.plan * rng.choice((0.8, 1.2, 1.5)))
        if p.started_on is None:
            p.revised_start = _add_months(p.plan_start, 2, rng)
    return changed


@dataclass
class DemoProjects:
    by_year: dict[int, list[DemoProject]]
    revised: list[DemoProject]


def generate_projects(city: DemoCity) -> DemoProjects:
    rng = random.Random(f"{city.seed}:projects")
    shape = city_shape(city.config.code)
    by_year = {}
    for year in (2023, 2024):
        projects = _draw(rng, city, shape, year)
        (_milestones_2023 if year == 2023 else _milestones_2024)(rng, projects)
        _money(rng, projects, year)
        _problems(rng, projects, year)
        by_year[year] = projects
    return DemoProjects(by_year=by_year, revised=_plan_changes(rng, by_year[2024]))


def _fmt(value: float) -> str:
    return f"{value:.1f}" if not float(value).is_integer() else str(int(value))


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def project_rows(projects: list[DemoProject], revised: bool = False) -> list[dict[str, str]]:
    out = []
    for p in projects:
        out.append(
            {
                "code": p.code,
                "year": str(p.year),
                "name": p.name,
                "owner": p.owner,
                "uscc": p.uscc,
                "region": p.region,
                "chain": p.chain,
                "kind": p.kind,
                "level": p.grade,
                "pool": "实施",
                "total_investment": _fmt(p.total),
                "plan_investment": _fmt(p.revised_plan if revised else p.plan),
                "plan_start": _iso(
                    p.revised_start if revised and p.revised_start else p.plan_start
                ),
                "plan_production": _iso(p.plan_production),
                "lng": "" if p.lng is None else f"{p.lng:.5f}",
                "lat": "" if p.lat is None else f"{p.lat:.5f}",
            }
        )
    return out


def progress_rows(projects: list[DemoProject]) -> list[dict[str, str]]:
    out = []
    for ym in sorted({ym for p in projects for ym in p.months}):
        end = dt.date(ym // 100, ym % 100, calendar.monthrange(ym // 100, ym % 100)[1])
        for p in projects:
            if ym not in p.months:
                continue

            def known(day: dt.date | None, end: dt.date = end) -> str:
                return _iso(day) if day and day <= end else ""

            out.append(
                {
                    "period": f"{ym // 100:04d}-{ym % 100:02d}",
                    "code": p.code,
                    "investment": _fmt(p.months[ym]),
                    "started_on": known(p.started_on),
                    "in_stats_on": known(p.in_stats_on),
                    "production_on": known(p.production_on),
                    "problem": p.problems.get(ym, ""),
                }
            )
    return out


# (kind, file name) in import order
PROJECT_FILES = (
    ("projects", "projects-2023.csv"),
    ("project-progress", "project-progress-2023.csv"),
    ("projects", "projects-2024.csv"),
    ("project-progress", "project-progress-2024.csv"),
    ("projects", "projects-2024-adjusted.csv"),
)


def project_files(city: DemoCity) -> dict[str, tuple[tuple[str, ...], list[dict[str, str]]]]:
    """File name → (columns, rows) of the demo's project files."""
    demo = generate_projects(city)
    rows_2024 = project_rows(demo.by_year[2024])
    rows_revised = {r["code"]: r for r in project_rows(demo.revised, revised=True)}
    return {
        "projects-2023.csv": (PROJECT_COLUMNS, project_rows(demo.by_year[2023])),
        "project-progress-2023.csv": (PROGRESS_COLUMNS, progress_rows(demo.by_year[2023])),
        "projects-2024.csv": (PROJECT_COLUMNS, rows_2024),
        "project-progress-2024.csv": (PROGRESS_COLUMNS, progress_rows(demo.by_year[2024])),
        # The whole list again, as a bureau re-sends it: unchanged rows write nothing.
        "projects-2024-adjusted.csv": (
            PROJECT_COLUMNS,
            [rows_revised.get(r["code"], r) for r in rows_2024],
        ),
    }
