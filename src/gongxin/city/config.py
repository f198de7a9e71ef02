"""The city configuration: a TOML file read into frozen dataclasses and checked on load.

Nothing in the code names a particular city: codes, names, chains, thresholds and targets come
from this file. Liaocheng is the bundled default; ``GONGXIN_CITY=path`` selects another.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

REGION_KINDS = frozenset({"district", "county", "county_city", "zone"})
_REGION_CODE = re.compile(r"^\d{6}$")
_CHAIN_CODE = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
_DIVISION = re.compile(r"^\d{2}$")


class CityConfigError(ValueError):
    """The configuration file is invalid; the message names the file and the key."""


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str


@dataclass(frozen=True)
class Chain:
    code: str
    name: str
    flagship: bool = False
    # The chain-chief system (产业链链长制): the 链长 (titles, e.g. 分管副市长) and the work team
    # (工作专班) of the chain; empty when the city does not run the system.
    leaders: tuple[str, ...] = ()
    team: str = ""


@dataclass(frozen=True)
class Target:
    series: str
    scope: str
    period: str
    value: float


@dataclass(frozen=True)
class CityConfig:
    code: str
    name: str
    short_name: str
    province: str
    bureau: str
    doc_abbrev: str
    above_scale_threshold: float
    equipment_divisions: frozenset[str]
    regions: tuple[Region, ...]
    chains: tuple[Chain, ...]
    targets: tuple[Target, ...]
    source: str
    # 1—2月: January is not published alone; February's figures are January–February's
    publish_jan_feb_together: bool = False
    # 总链长: the city leaders over all chains (titles), from ``[chain_system] chief_leaders``.
    chief_leaders: tuple[str, ...] = ()

    def region(self, code: str) -> Region | None:
        return next((r for r in self.regions if r.code == code), None)

    def chain(self, code: str) -> Chain | None:
        return next((c for c in self.chains if c.code == code), None)

    @property
    def region_codes(self) -> frozenset[str]:
        return frozenset(r.code for r in self.regions)

    @property
    def chain_codes(self) -> frozenset[str]:
        return frozenset(c.code for c in self.chains)


def default_config_path() -> Path:
    return Path(str(resources.files("gongxin.city") / "data" / "liaocheng.toml"))


def _require(table: dict, key: str, where: str, source: str) -> object:
    if key not in table or table[key] in ("", None):
        raise CityConfigError(f"{source}: {where}.{key} 缺失（必填）")
    return table[key]


def parse_city_config(text: str, source: str) -> CityConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CityConfigError(f"{source}: TOML 格式错误：{exc}") from exc
    city = data.get("city")
    if not isinstance(city, dict):
        raise CityConfigError(f"{source}: 缺少 [city] 段")
    code = str(_require(city, "code", "city", source))
    if not _REGION_CODE.match(code):
        raise CityConfigError(f"{source}: city.code 应为6位区划代码，实为 {code!r}")
    equipment = [str(d) for d in city.get("equipment_divisions", [])]
    for d in equipment:
        if not _DIVISION.match(d):
            raise CityConfigError(f"{source}: city.equipment_divisions 含无效行业大类 {d!r}")

    regions: list[Region] = []
    for i, raw in enumerate(data.get("regions", [])):
        where = f"regions[{i}]"
        rcode = str(_require(raw, "code", where, source))
        if not _REGION_CODE.match(rcode):
            raise CityConfigError(f"{source}: {where}.code 应为6位区划代码，实为 {rcode!r}")
        kind = str(raw.get("kind", "county"))
        if kind not in REGION_KINDS:
            raise CityConfigError(
                f"{source}: {where}.kind 应为 {', '.join(sorted(REGION_KINDS))} 之一，实为 {kind!r}"
            )
        regions.append(Region(rcode, str(_require(raw, "name", where, source)), kind))
    if not regions:
        raise CityConfigError(f"{source}: 至少需要一个 [[regions]]")

    chains: list[Chain] = []
    for i, raw in enumerate(data.get("chains", [])):
        where = f"chains[{i}]"
        ccode = str(_require(raw, "code", where, source))
        if not _CHAIN_CODE.match(ccode):
            raise CityConfigError(
                f"{source}: {where}.code 应为小写英文字母开头的代码，实为 {ccode!r}"
            )
        leaders = raw.get("leaders", [])
        if not isinstance(leaders, list) or not all(isinstance(x, str) for x in leaders):
            raise CityConfigError(f"{source}: {where}.leaders 应为文本列表（链长职务）")
        chains.append(
            Chain(
                ccode,
                str(_require(raw, "name", where, source)),
                bool(raw.get("flagship")),
                leaders=tuple(leaders),
                team=str(raw.get("team", "")),
            )
        )
    chief = data.get("chain_system", {}).get("chief_leaders", [])
    if not isinstance(chief, list) or not all(isinstance(x, str) for x in chief):
        raise CityConfigError(f"{source}: chain_system.chief_leaders 应为文本列表（总链长职务）")

    for label, codes in (
        ("regions", [r.code for r in regions]),
        ("chains", [c.code for c in chains]),
    ):
        dupes = sorted({c for c in codes if codes.count(c) > 1})
        if dupes:
            raise CityConfigError(f"{source}: {label} 中代码重复：{', '.join(dupes)}")

    targets: list[Target] = []
    for i, raw in enumerate(data.get("targets", [])):
        where = f"targets[{i}]"
        try:
            value = float(_require(raw, "value", where, source))  # type: ignore[arg-type]
        except (TypeError, ValueError) as exc:
            raise CityConfigError(f"{source}: {where}.value 应为数值") from exc
        targets.append(
            Target(
                series=str(_require(raw, "series", where, source)),
                scope=str(_require(raw, "scope", where, source)),
                period=str(_require(raw, "period", where, source)),
                value=value,
            )
        )

    return CityConfig(
        code=code,
        name=str(_require(city, "name", "city", source)),
        short_name=str(city.get("short_name") or city["name"]),
        province=str(city.get("province", "")),
        bureau=str(city.get("bureau") or f"{city['name']}工业和信息化局"),
        doc_abbrev=str(city.get("doc_abbrev") or city["name"][:1] + "工信"),
        above_scale_threshold=float(city.get("above_scale_threshold", 2000)),
        equipment_divisions=frozenset(equipment or [str(d) for d in range(33, 41)]),
        regions=tuple(regions),
        chains=tuple(chains),
        targets=tuple(targets),
        source=source,
        publish_jan_feb_together=bool(city.get("publish_jan_feb_together", False)),
        chief_leaders=tuple(chief),
    )


def load_city_config(path: str | Path | None = None) -> CityConfig:
    """Read the configuration at ``path``, else ``settings.CITY_CONFIG``, else Liaocheng."""
    if path is None:
        path = _configured_path()
    return _load(str(Path(path).resolve()))


@functools.cache
def _load(path: str) -> CityConfig:
    p = Path(path)
    if not p.exists():
        raise CityConfigError(f"城市配置文件不存在：{p}")
    return parse_city_config(p.read_text(encoding="utf-8"), str(p))


def _configured_path() -> Path:
    import os

    configured = os.environ.get("GONGXIN_CITY")
    return Path(configured) if configured else default_config_path()
