"""The enterprise roster: who the enterprises are, where, in which class, and when above scale.

``draw_enterprises`` fixes identities and hidden size parameters before any series exist;
``finish_roster`` adds what depends on the generated (calibrated) figures: size category,
key-enterprise flag, land and chain positions.
"""

from __future__ import annotations

import random

from gongxin.city.classifications import Classifications
from gongxin.city.config import CityConfig
from gongxin.demo.industries import (
    CLASS_WORDS,
    CP,
    DE,
    DIVISION_SPECS,
    DIVISIONS,
    GT,
    GX,
    GXQ,
    JK,
    KIND_WEIGHTS,
    LQ,
    REGION_WEIGHTS,
    SX,
    YG,
)
from gongxin.demo.model import EMPLOYEES, OUTPUT, REVENUE, DemoCity, Enterprise, ym_range
from gongxin.demo.names import company_name, make_uscc

# The city's giants, placed by hand so that the big picture looks like Liaocheng: an aluminium
# complex with its own power plant in 茌平, a copper smelter in 阳谷, a chemical group in the
# high-tech zone, steel plate in 冠县, paper in 高唐, buses and wheels in the development zone.
# (division, region, class, annual output in 2021 in 万元, ownership)
ANCHORS: tuple[tuple[str, str, str, float, str], ...] = (
    ("32", CP, "3216", 2_600_000, "私营"),
    ("26", GXQ, "2614", 1_500_000, "国有"),
    ("32", YG, "3211", 1_400_000, "国有"),
    ("32", CP, "3252", 900_000, "私营"),
    ("44", CP, "4412", 700_000, "私营"),
    ("31", GX, "3130", 650_000, "私营"),
    ("22", GT, "2221", 420_000, "私营"),
    ("26", SX, "2621", 350_000, "私营"),
    ("25", SX, "2511", 300_000, "私营"),
    ("36", JK, "3650", 280_000, "国有"),
    ("13", GT, "1331", 260_000, "私营"),
    ("38", YG, "3831", 220_000, "私营"),
    ("36", JK, "3670", 180_000, "外商投资"),
    ("27", DE, "2740", 160_000, "国有"),
    ("34", LQ, "3451", 90_000, "私营"),
)

OWNERSHIP_DEFAULT = (
    ("私营", 0.72),
    ("其他", 0.13),
    ("外商投资", 0.05),
    ("港澳台投资", 0.03),
    ("国有", 0.04),
    ("集体", 0.03),
)
OWNERSHIP_UTILITY = (
    ("国有", 0.35),
    ("私营", 0.35),
    ("其他", 0.2),
    ("外商投资", 0.05),
    ("集体", 0.05),
)

# Chain membership rules: (chain, test(division, class, region), probability). The first rule
# a firm matches decides its primary chain (if the draw succeeds); SECONDARY rules add a second.
PRIMARY_RULES = (
    ("nev", lambda d, c, r: c in {"3612", "3841", "3849"}, 0.95),
    ("biomed", lambda d, c, r: d == "27" or c.startswith("358") or c in {"1491", "1492"}, 0.85),
    ("ict", lambda d, c, r: d in {"39", "40"} or c in {"3831", "3832", "3833"}, 0.7),
    ("nonferrous", lambda d, c, r: d == "32", 0.95),
    ("nonferrous", lambda d, c, r: (d == "44" and r == CP) or c == "3312", 0.6),
    ("ferrous", lambda d, c, r: d == "31", 0.9),
    ("ferrous", lambda d, c, r: c in {"3340", "3391", "3393", "4210"}, 0.5),
    ("chemical", lambda d, c, r: d in {"25", "26", "28"}, 0.85),
    ("chemical", lambda d, c, r: d == "29", 0.35),
    ("building", lambda d, c, r: d == "30", 0.8),
    ("building", lambda d, c, r: d in {"10", "20"}, 0.45),
    ("auto", lambda d, c, r: d == "36", 0.85),
    ("auto", lambda d, c, r: c == "2911", 0.6),
    ("machinery", lambda d, c, r: d in {"34", "35", "37"}, 0.7),
    ("textile", lambda d, c, r: d in {"17", "18", "19"}, 0.8),
    ("paper", lambda d, c, r: d in {"22", "23"}, 0.85),
    ("agrifood", lambda d, c, r: d in {"13", "14", "15"}, 0.7),
)
SECONDARY_RULES = (
    ("nonferrous", lambda d, c, r: c in {"3670", "3831"}, 0.3),
    ("nev", lambda d, c, r: c in {"3670", "3823", "3825"}, 0.25),
    ("auto", lambda d, c, r: c in {"3451", "3412", "3453"}, 0.25),
    ("textile", lambda d, c, r: d == "28", 0.35),
    ("machinery", lambda d, c, r: c in {"3391", "3393"}, 0.2),
    ("chemical", lambda d, c, r: c == "2911", 0.2),
    ("biomed", lambda d, c, r: c == "1495", 0.2),
)


def _pick(rng: random.Random, weighted: dict[str, float] | tuple[tuple[str, float], ...]) -> str:
    items = list(weighted.items()) if isinstance(weighted, dict) else list(weighted)
    total = sum(w for _, w in items)
    x = rng.random() * total
    for key, w in items:
        x -= w
        if x < 0:
            return key
    return items[-1][0]


def _division_counts(n: int) -> dict[str, int]:
    """Enterprises per division: proportional to the specs, at least 3 each, summing to ``n``."""
    total = sum(d.firms for d in DIVISIONS)
    raw = {d.code: n * d.firms / total for d in DIVISIONS}
    counts = {k: max(3, int(v)) for k, v in raw.items()}
    order = sorted(raw, key=lambda k: (-(raw[k] - int(raw[k])), k))
    i = 0
    while sum(counts.values()) < n:
        counts[order[i % len(order)]] += 1
        i += 1
    big = sorted(counts, key=lambda k: (-counts[k], k))
    i = 0
    while sum(counts.values()) > n:
        k = big[i % len(big)]
        if counts[k] > 3:
            counts[k] -= 1
        i += 1
    return counts


def _region_weights(config: CityConfig, division: str) -> dict[str, float]:
    spec = DIVISION_SPECS[division]
    weights = {}
    for r in config.regions:
        base = REGION_WEIGHTS.get(r.code, KIND_WEIGHTS.get(r.kind, 8))
        weights[r.code] = base * spec.regions.get(r.code, 1)
    return weights


def _size_multipliers(rng: random.Random, n: int) -> list[float]:
    """Stratified draws of a truncated Pareto excess: the same shape for every seed.

    Stratifying keeps the top-5 % share of output (>50 %) stable from seed to seed; which
    enterprise gets which draw is random.
    """
    alpha, cap = 1.1, 250.0
    draws = []
    for i in range(n):
        u = (i + rng.random()) / n
        draws.append(min(cap, (1.0 - u) ** (-1.0 / alpha)) - 1.0)
    rng.shuffle(draws)
    return draws


def draw_enterprises(
    rng: random.Random, config: CityConfig, classifications: Classifications, size: int
) -> list[Enterprise]:
    """Identities, classes, regions, above-scale spells and hidden sizes of ``size`` firms."""
    region_codes = {r.code for r in config.regions}
    anchors = [a for a in ANCHORS if a[1] in region_codes]
    anchors = anchors[: max(3, min(len(anchors), size // 150))]
    counts = _division_counts(size - len(anchors))
    used_uscc: set[str] = set()
    used_names: set[str] = set()
    multipliers = _size_multipliers(rng, size - len(anchors))
    firms: list[Enterprise] = []

    def make(division: str, region: str, cls: str, base: float, ownership: str) -> Enterprise:
        spec = DIVISION_SPECS[division]
        if cls not in classifications.classes:
            raise ValueError(f"demo class {cls} is not a GB/T 4754-2017 class")
        words = CLASS_WORDS.get(cls, spec.words)
        name = company_name(
            rng,
            region=region,
            words=words,
            ownership=ownership,
            large=base > 80_000,
            city_short=config.short_name,
            used=used_names,
        )
        return Enterprise(
            uscc=make_uscc(rng, region, used_uscc),
            name=name,
            region=region,
            industry=cls,
            division=division,
            high_tech=classifications.is_high_tech(cls),
            ownership=ownership,
            base=base,
        )

    for division, region, cls, base, ownership in anchors:
        firms.append(make(division, region, cls, base, ownership))
    k = 0
    for spec in DIVISIONS:
        regions = _region_weights(config, spec.code)
        utility = spec.code in {"44", "45", "46"}
        for _ in range(counts[spec.code]):
            base = 2300.0 + 1500.0 * spec.scale * multipliers[k]
            k += 1
            firms.append(
                make(
                    spec.code,
                    _pick(rng, regions),
                    _pick(rng, spec.classes),
                    round(base, 1),
                    _pick(rng, OWNERSHIP_UTILITY if utility else OWNERSHIP_DEFAULT),
                )
            )
    _ensure_every_region(rng, config, firms, len(anchors), used_names)
    _assign_spells(rng, firms[len(anchors) :], size)
    return firms


def _ensure_every_region(
    rng: random.Random,
    config: CityConfig,
    firms: list[Enterprise],
    skip: int,
    used_names: set[str],
) -> None:
    """A tiny region may draw no enterprise in a small city; move one there."""
    for region in config.regions:
        if any(e.region == region.code for e in firms):
            continue
        movable = [e for e in firms[skip:] if e.division not in {"10"}]
        by_region: dict[str, int] = {}
        for e in movable:
            by_region[e.region] = by_region.get(e.region, 0) + 1
        donor = max(sorted(by_region), key=lambda c: by_region[c])
        victim = rng.choice([e for e in movable if e.region == donor])
        victim.region = region.code
        # The USCC and often the name carry the place; keep them consistent.
        victim.uscc = make_uscc(rng, region.code, {e.uscc for e in firms})
        used_names.discard(victim.name)
        victim.name = company_name(
            rng,
            region=region.code,
            words=CLASS_WORDS.get(victim.industry, DIVISION_SPECS[victim.division].words),
            ownership=victim.ownership,
            large=False,
            city_short=config.short_name,
            used=used_names,
        )


def _assign_spells(rng: random.Random, firms: list[Enterprise], size: int) -> None:
    """Entries and exits: mostly at year boundaries (NBS updates the frame each January)."""
    smaller = sorted(firms, key=lambda e: (e.base, e.uscc))[: int(len(firms) * 0.6)]
    rng.shuffle(smaller)
    plan = [
        ("exit", 202212, max(1, round(0.03 * size))),
        ("exit", 202312, max(1, round(0.035 * size))),
        ("exit_mid", 0, max(1, round(0.004 * size))),
        ("entrant", 202301, max(1, round(0.045 * size))),
        ("entrant", 202401, max(1, round(0.035 * size))),
    ]
    i = 0
    for kind, ym, count in plan:
        for e in smaller[i : i + count]:
            if kind == "exit":
                e.status, e.to_ym = "exit", ym
            elif kind == "exit_mid":
                e.status, e.to_ym = "exit", rng.choice((202304, 202307, 202309, 202403))
            else:
                e.status, e.from_ym = "entrant", ym
                e.reports_py = rng.random() < 0.85
        i += count
    # New plants: new production entering the statistics mid-year, any size.
    rest = [e for e in firms if e.status == "frame" and e.division not in {"44", "45", "46"}]
    for e in rng.sample(rest, max(1, round(0.005 * size))):
        e.status, e.new_plant = "plant", True
        e.from_ym = rng.choice((202207, 202306, 202309, 202403, 202405))
        e.reports_py = rng.random() < 0.5


SIZE_LARGE, SIZE_MEDIUM, SIZE_SMALL, SIZE_MICRO = "大型", "中型", "小型", "微型"


def size_class(revenue: float, employees: float) -> str:
    """工信部联企业〔2011〕300号, industry: by employees and annual revenue (万元)."""
    if employees >= 1000 and revenue >= 40000:
        return SIZE_LARGE
    if employees >= 300 and revenue >= 2000:
        return SIZE_MEDIUM
    if employees >= 20 and revenue >= 300:
        return SIZE_SMALL
    return SIZE_MICRO


def annual(city: DemoCity, e: Enterprise, index: int) -> float:
    """The enterprise's latest twelve reported months of one value, annualised if fewer."""
    months = [ym for ym in ym_range(e.first_ym, e.last_ym)][-12:]
    rows = city.rows[e.uscc]
    values = [rows[ym][index] for ym in months]
    return sum(values) * 12 / len(values) if values else 0.0


def finish_roster(rng: random.Random, city: DemoCity) -> None:
    """Size, key flag, land and chains from the (final) figures."""
    firms = city.enterprises
    output = {e.uscc: annual(city, e, OUTPUT) for e in firms}
    for e in firms:
        rows = city.rows[e.uscc]
        months = ym_range(e.first_ym, e.last_ym)[-12:]
        employees = sum(rows[ym][EMPLOYEES] for ym in months) / len(months)
        e.size = size_class(annual(city, e, REVENUE), employees)
        spec = DIVISION_SPECS[e.division]
        if rng.random() < 0.95:
            e.land_mu = round(output[e.uscc] / spec.per_mu * rng.lognormvariate(0, 0.35), 1)
    active = [e for e in firms if e.to_ym is None]
    n_key = max(5, min(150, round(len(firms) * 0.04)))
    for e in sorted(active, key=lambda e: (-output[e.uscc], e.uscc))[:n_key]:
        e.key = True
    _assign_chains(rng, city, output)


def _assign_chains(rng: random.Random, city: DemoCity, output: dict[str, float]) -> None:
    chain_codes = [c.code for c in city.config.chains]
    known = set(chain_codes)
    members: dict[str, list[Enterprise]] = {c: [] for c in chain_codes}
    for e in city.enterprises:
        for chain, test, p in PRIMARY_RULES:
            if chain in known and test(e.division, e.industry, e.region):
                if rng.random() < p:
                    e.chains = [chain]
                    members[chain].append(e)
                break
    # A chain whose firms all missed the draw still gets its largest matching firm.
    for chain in chain_codes:
        if members[chain]:
            continue
        candidates = [
            e
            for e in city.enterprises
            if not e.chains
            and any(c == chain and t(e.division, e.industry, e.region) for c, t, _ in PRIMARY_RULES)
        ]
        if candidates:
            best = max(candidates, key=lambda e: (output[e.uscc], e.uscc))
            best.chains = [chain]
            members[chain].append(best)
    leaders_min: dict[str, float] = {}
    for chain, firms in members.items():
        ranked = sorted(firms, key=lambda e: (-output[e.uscc], e.uscc))
        active = [e for e in ranked if e.to_ym is None]
        n_leaders = 1 if len(firms) < 15 else 2 if len(firms) < 60 else 3
        leaders = active[:n_leaders]
        for e in leaders:
            e.chain_role = "链主"
        rest = [e for e in ranked if e not in leaders]
        n_core = max(1, round(len(firms) * 0.15))
        for i, e in enumerate(rest):
            e.chain_role = "骨干" if i < n_core else "配套"
        leaders_min[chain] = min((output[e.uscc] for e in leaders), default=0.0)
    # Second chains: never for a chain leader (the role is one per firm) and only below the
    # second chain's leaders, so that every chain's leaders remain its largest firms.
    for e in city.enterprises:
        if not e.chains or e.chain_role == "链主":
            continue
        for chain, test, p in SECONDARY_RULES:
            if (
                chain in known
                and chain not in e.chains
                and test(e.division, e.industry, e.region)
                and output[e.uscc] < leaders_min.get(chain, 0.0)
                and rng.random() < p
            ):
                e.chains.append(chain)
                break
