"""The indicator catalog: dimensions, measures and indicators loaded from YAML and validated.

The catalog is data (``catalog.yaml``); a new ratio indicator is one entry there and no code.
Loading checks the file with one rule per concern (see ``RULES``); every problem names the file
and the key, e.g. ``catalog.yaml: indicators[va_share_ytd].formula: unknown name 'va_yt'``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from gongxin.engine import formula
from gongxin.engine.fields import ATTRIBUTES, FIELDS

DEFAULT_PATH = Path(__file__).with_name("catalog.yaml")

DIMENSION_KINDS = {"city", "attribute", "flag", "chain", "enterprise"}
AGGS = {"sum", "count"}
WINDOWS = {"ytd", "month"}
CALIBERS = {"all", "same", "base"}
INDICATOR_KINDS = {"formula", "rank", "reference", "count_groups"}
REFERENCE_PERIODS = {"month", "year"}
# Units whose values are whole numbers (returned as int).
INTEGER_UNITS = {"count", "rank"}


class CatalogError(ValueError):
    """The catalog file is invalid; ``problems`` lists every finding."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("invalid indicator catalog:\n" + "\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Dimension:
    id: str
    name: str
    kind: str
    column: str | None = None
    order: tuple[str, ...] = ()
    missing: str | None = None  # member code of enterprises without the attribute


@dataclass(frozen=True)
class Measure:
    name: str
    agg: str
    expr: str | None = None  # over enterprise-month fields (sum measures)
    window: str | None = None  # ytd / month (sum measures)
    caliber: str = "all"
    where: str | None = None  # condition over enterprise totals and attributes
    # sum only over enterprise-months that also report this field (the two sides of a ratio)
    matched: str | None = None


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    unit: str
    kind: str
    definition: str
    decimals: int
    dims: tuple[str, ...]
    formula: str | None = None
    of: str | None = None  # rank: the indicator ranked (1 = largest)
    series: str | None = None  # reference
    scope: str | None = None  # reference: a literal scope, or "member"
    period: str | None = None  # reference: month / year
    over: str | None = None  # count_groups: the dimension whose members are counted
    where: str | None = None  # count_groups: condition on each group

    @property
    def is_integer(self) -> bool:
        return self.unit in INTEGER_UNITS


@dataclass(frozen=True)
class Catalog:
    dimensions: Mapping[str, Dimension]
    measures: Mapping[str, Measure]
    indicators: Mapping[str, Indicator]
    source: str = field(default="catalog.yaml", compare=False)

    def indicator(self, indicator_id: str) -> Indicator:
        return self.indicators[indicator_id]


# --- loading -------------------------------------------------------------------------------


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys silently; a catalog must not."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        seen.add(key)
    return dict(loader.construct_pairs(node))


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def load_catalog(path: str | Path | None = None) -> Catalog:
    """Load and validate a catalog file (default: the packaged ``catalog.yaml``)."""
    path = Path(path) if path is not None else DEFAULT_PATH
    text = path.read_text(encoding="utf-8")
    return parse_catalog(text, source=path.name)


@functools.cache
def default_catalog() -> Catalog:
    return load_catalog()


def parse_catalog(text: str, *, source: str = "catalog.yaml") -> Catalog:
    try:
        raw = yaml.load(text, Loader=_UniqueKeyLoader)
    except yaml.YAMLError as exc:
        raise CatalogError([f"{source}: {exc}"]) from exc
    problems: list[str] = []
    catalog = _build(raw, source, problems)
    if not problems:
        for rule in RULES:
            problems.extend(rule(catalog, raw, source))
    if problems:
        raise CatalogError(problems)
    return catalog


def _build(raw: Any, source: str, problems: list[str]) -> Catalog:
    if not isinstance(raw, dict):
        problems.append(
            f"{source}: the file must be a mapping with dimensions, measures, indicators"
        )
        raw = {}
    for section in ("dimensions", "measures", "indicators"):
        if section not in raw:
            problems.append(f"{source}: {section}: missing section")
    dimensions = {
        key: _dimension(key, value, source, problems)
        for key, value in _mapping(raw.get("dimensions"), f"{source}: dimensions", problems)
    }
    measures = {
        key: _measure(key, value, source, problems)
        for key, value in _mapping(raw.get("measures"), f"{source}: measures", problems)
    }
    indicators: dict[str, Indicator] = {}
    entries = raw.get("indicators") or []
    if not isinstance(entries, list):
        problems.append(f"{source}: indicators: must be a list")
        entries = []
    for position, entry in enumerate(entries):
        indicator = _indicator(position, entry, list(dimensions), source, problems)
        if indicator is not None and indicator.id not in indicators:
            indicators[indicator.id] = indicator
    return Catalog(
        dimensions=MappingProxyType(dimensions),
        measures=MappingProxyType(measures),
        indicators=MappingProxyType(indicators),
        source=source,
    )


def _mapping(value: Any, where: str, problems: list[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    if value is None:
        return
    if not isinstance(value, dict):
        problems.append(f"{where}: must be a mapping")
        return
    for key, item in value.items():
        if not isinstance(item, dict):
            problems.append(f"{where}.{key}: must be a mapping")
            continue
        yield str(key), item


def _allowed_keys(item: dict[str, Any], allowed: set[str], where: str, problems: list[str]) -> None:
    for key in item:
        if key not in allowed:
            problems.append(f"{where}.{key}: unknown key (allowed: {', '.join(sorted(allowed))})")


def _choice(
    item: dict[str, Any], key: str, choices: set[str], where: str, problems: list[str]
) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if value not in choices:
        problems.append(f"{where}.{key}: {value!r} is not one of {', '.join(sorted(choices))}")
        return None
    return str(value)


def _dimension(key: str, item: dict[str, Any], source: str, problems: list[str]) -> Dimension:
    where = f"{source}: dimensions.{key}"
    _allowed_keys(item, {"name", "kind", "column", "order", "missing"}, where, problems)
    kind = _choice(item, "kind", DIMENSION_KINDS, where, problems) or "attribute"
    if "kind" not in item:
        problems.append(f"{where}.kind: required")
    column = item.get("column")
    if kind in {"attribute", "flag"} and column not in ATTRIBUTES:
        problems.append(f"{where}.column: {column!r} is not an enterprise attribute")
    return Dimension(
        id=key,
        name=str(item.get("name", key)),
        kind=kind,
        column=column,
        order=tuple(str(v) for v in item.get("order") or ()),
        missing=item.get("missing"),
    )


def _measure(key: str, item: dict[str, Any], source: str, problems: list[str]) -> Measure:
    where = f"{source}: measures.{key}"
    _allowed_keys(item, {"agg", "expr", "window", "caliber", "where", "matched"}, where, problems)
    agg = _choice(item, "agg", AGGS, where, problems) or "sum"
    if "agg" not in item:
        problems.append(f"{where}.agg: required")
    if agg == "sum":
        for required in ("expr", "window"):
            if required not in item:
                problems.append(f"{where}.{required}: required for a sum measure")
    matched = item.get("matched")
    if matched is not None and (matched not in FIELDS or agg != "sum"):
        problems.append(f"{where}.matched: {matched!r} is not a field of a sum measure")
    if matched is not None and item.get("caliber", "all") != "all":
        problems.append(f"{where}.matched: only for levels (caliber all)")
    if agg == "count" and any(k in item for k in ("expr", "window", "caliber")):
        problems.append(f"{where}: a count measure counts enterprises; only 'where' qualifies it")
    return Measure(
        name=key,
        agg=agg,
        expr=None if item.get("expr") is None else str(item["expr"]),
        window=_choice(item, "window", WINDOWS, where, problems),
        caliber=_choice(item, "caliber", CALIBERS, where, problems) or "all",
        where=None if item.get("where") is None else str(item["where"]),
        matched=None if matched is None else str(matched),
    )


_INDICATOR_KEYS = {
    "id", "name", "unit", "kind", "definition", "decimals", "dims", "formula", "measure",
    "of", "series", "scope", "period", "over", "where",
}  # fmt: skip
_KIND_KEYS = {
    "formula": {"formula"},
    "rank": {"of"},
    "reference": {"series", "scope", "period"},
    "count_groups": {"over", "where"},
}


def _indicator(
    position: int, item: Any, dims: list[str], source: str, problems: list[str]
) -> Indicator | None:
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        problems.append(f"{source}: indicators[{position}]: needs an 'id'")
        return None
    where = f"{source}: indicators[{item['id']}]"
    _allowed_keys(item, _INDICATOR_KEYS, where, problems)
    if "measure" in item:
        if "formula" in item:
            problems.append(f"{where}: give either 'measure' or 'formula', not both")
        # A measure-backed indicator is the formula naming that measure.
        item = {**item, "formula": str(item["measure"])}
    kind = _choice(item, "kind", INDICATOR_KINDS, where, problems) or "formula"
    for required in ("name", "unit", "definition", *sorted(_KIND_KEYS[kind])):
        if item.get(required) in (None, ""):
            problems.append(f"{where}.{required}: required")
    for other_kind, keys in _KIND_KEYS.items():
        if other_kind != kind:
            for key in sorted(keys & set(item) - _KIND_KEYS[kind]):
                problems.append(f"{where}.{key}: not used by kind {kind}")
    decimals = item.get("decimals", 1)
    if not isinstance(decimals, int) or isinstance(decimals, bool) or decimals < 0:
        problems.append(f"{where}.decimals: must be an integer ≥ 0")
        decimals = 1
    raw_dims = item.get("dims", dims)
    if not isinstance(raw_dims, list) or not raw_dims:
        problems.append(f"{where}.dims: must be a non-empty list of dimensions")
        raw_dims = dims
    period = _choice(item, "period", REFERENCE_PERIODS, where, problems)
    return Indicator(
        id=item["id"],
        name=str(item.get("name", "")),
        unit=str(item.get("unit", "")),
        kind=kind,
        definition=" ".join(str(item.get("definition", "")).split()),
        decimals=decimals,
        dims=tuple(str(d) for d in raw_dims),
        formula=None if item.get("formula") is None else str(item["formula"]),
        of=item.get("of"),
        series=item.get("series"),
        scope=item.get("scope"),
        period=period,
        over=item.get("over"),
        where=None if item.get("where") is None else str(item["where"]),
    )


# --- rules: one per concern ------------------------------------------------------------------

Rule = Callable[[Catalog, Any, str], list[str]]


def check_unique_ids(catalog: Catalog, raw: Any, source: str) -> list[str]:
    seen: set[Any] = set()
    problems = []
    for entry in raw.get("indicators") or []:
        indicator_id = entry.get("id") if isinstance(entry, dict) else None
        if indicator_id in seen:
            problems.append(f"{source}: indicators[{indicator_id}]: duplicate id")
        seen.add(indicator_id)
    return problems


def check_dimensions(catalog: Catalog, raw: Any, source: str) -> list[str]:
    problems = []
    for indicator in catalog.indicators.values():
        for dim in indicator.dims:
            if dim not in catalog.dimensions:
                problems.append(
                    f"{source}: indicators[{indicator.id}].dims: unknown dimension {dim!r}"
                )
        if indicator.kind == "count_groups":
            over = catalog.dimensions.get(indicator.over or "")
            if over is None or over.kind != "attribute":
                problems.append(
                    f"{source}: indicators[{indicator.id}].over: {indicator.over!r} is not an "
                    "attribute dimension"
                )
    if "city" not in catalog.dimensions:
        problems.append(f"{source}: dimensions.city: the city dimension is required")
    return problems


def _parsed(text: str, where: str, problems: list[str]) -> formula.References | None:
    try:
        return formula.references(formula.parse(text))
    except formula.FormulaError as exc:
        problems.append(f"{where}: {exc}")
        return None


def check_measures(catalog: Catalog, raw: Any, source: str) -> list[str]:
    problems: list[str] = []
    sums = {m.name for m in catalog.measures.values() if m.agg == "sum"}
    for measure in catalog.measures.values():
        where = f"{source}: measures.{measure.name}"
        if measure.expr is not None:
            refs = _parsed(measure.expr, f"{where}.expr", problems)
            if refs is not None:
                if refs.city or refs.previous:
                    problems.append(f"{where}.expr: city. and previous() belong in indicators")
                for name in sorted(refs.names - FIELDS.keys()):
                    problems.append(
                        f"{where}.expr: unknown field {name!r} "
                        f"(fields: {', '.join(sorted(FIELDS))})"
                    )
                if measure.caliber != "all":
                    for name in sorted(refs.names & FIELDS.keys()):
                        if FIELDS[name].base is None:
                            problems.append(
                                f"{where}.caliber: field {name!r} has no year-earlier base"
                            )
        if measure.where is not None:
            refs = _parsed(measure.where, f"{where}.where", problems)
            if refs is not None:
                for name in sorted(refs.names - sums - ATTRIBUTES):
                    problems.append(
                        f"{where}.where: unknown name {name!r} (a sum measure or an attribute)"
                    )
                if refs.city or refs.previous:
                    problems.append(f"{where}.where: city. and previous() belong in indicators")
    return problems


def _indicator_refs(indicator: Indicator) -> list[tuple[str, str]]:
    texts = []
    if indicator.formula is not None:
        texts.append(("formula", indicator.formula))
    if indicator.where is not None:
        texts.append(("where", indicator.where))
    return texts


def check_formulas(catalog: Catalog, raw: Any, source: str) -> list[str]:
    problems: list[str] = []
    for indicator in catalog.indicators.values():
        for key, text in _indicator_refs(indicator):
            where = f"{source}: indicators[{indicator.id}].{key}"
            refs = _parsed(text, where, problems)
            if refs is None:
                continue
            for name in sorted(refs.names - catalog.measures.keys() - catalog.indicators.keys()):
                problems.append(f"{where}: unknown name {name!r} (not a measure or indicator)")
            for name in sorted(refs.city - catalog.measures.keys()):
                problems.append(f"{where}: unknown measure in city.{name}")
            for name in sorted(refs.previous - catalog.indicators.keys()):
                problems.append(f"{where}: unknown indicator in previous({name})")
        if indicator.kind == "rank" and indicator.of not in catalog.indicators:
            problems.append(
                f"{source}: indicators[{indicator.id}].of: unknown indicator {indicator.of!r}"
            )
        if (
            indicator.kind == "reference"
            and indicator.scope is not None
            and not (isinstance(indicator.scope, str))
        ):
            problems.append(f"{source}: indicators[{indicator.id}].scope: must be text")
    return problems


def check_name_collisions(catalog: Catalog, raw: Any, source: str) -> list[str]:
    # Formulas resolve a name to the measure first; an indicator sharing a measure's name must
    # therefore be that measure, or the two readings would differ.
    problems = []
    for indicator in catalog.indicators.values():
        if indicator.id in catalog.measures and (
            indicator.kind != "formula" or (indicator.formula or "").strip() != indicator.id
        ):
            problems.append(
                f"{source}: indicators[{indicator.id}]: shares its id with a measure but is not "
                "'measure: <that measure>'"
            )
    return problems


def dependencies(catalog: Catalog, indicator: Indicator) -> tuple[set[str], set[str]]:
    """Indicators this one uses now, and those it uses as of the previous month."""
    now: set[str] = set()
    before: set[str] = set()
    for _, text in _indicator_refs(indicator):
        try:
            refs = formula.references(formula.parse(text))
        except formula.FormulaError:
            continue  # reported by check_formulas
        now |= {n for n in refs.names if n in catalog.indicators and n not in catalog.measures}
        before |= set(refs.previous)
    if indicator.kind == "rank" and indicator.of:
        now.add(indicator.of)
    return now, before


def check_cycles(catalog: Catalog, raw: Any, source: str) -> list[str]:
    problems: list[str] = []
    state: dict[str, int] = {}  # 1 = visiting, 2 = done

    def visit(indicator_id: str, path: list[str]) -> None:
        if state.get(indicator_id) == 2:
            return
        if state.get(indicator_id) == 1:
            cycle = " → ".join([*path[path.index(indicator_id) :], indicator_id])
            problems.append(f"{source}: indicators[{indicator_id}]: circular definition {cycle}")
            return
        state[indicator_id] = 1
        now, before = dependencies(catalog, catalog.indicators[indicator_id])
        for dep in sorted(now | before):
            visit(dep, [*path, indicator_id])
        state[indicator_id] = 2

    for indicator_id in catalog.indicators:
        visit(indicator_id, [])
    if problems:
        return problems
    # previous() of an indicator that itself looks back would need two months back.
    for indicator in catalog.indicators.values():
        for dep in sorted(dependencies(catalog, indicator)[1]):
            if _looks_back(catalog, dep):
                problems.append(
                    f"{source}: indicators[{indicator.id}]: previous({dep}) uses an indicator "
                    "that itself uses previous()"
                )
    return problems


def _looks_back(catalog: Catalog, indicator_id: str) -> bool:
    now, before = dependencies(catalog, catalog.indicators[indicator_id])
    return bool(before) or any(_looks_back(catalog, dep) for dep in now)


RULES: tuple[Rule, ...] = (
    check_unique_ids,
    check_dimensions,
    check_measures,
    check_formulas,
    check_name_collisions,
    check_cycles,
)
