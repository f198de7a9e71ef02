"""Industry classifications as data: GB/T 4754-2017 (sections B, C, D) and high-tech manufacturing.

Two YAML files under ``gongxin/city/data`` are read into frozen dataclasses and checked on load:

* ``gbt4754_2017.yaml`` — GB/T 4754-2017《国民经济行业分类》: divisions (大类), groups (中类) and
  classes (小类) of mining, manufacturing and utilities. An enterprise's industry is a class code.
* ``high_tech_manufacturing_2017.yaml`` — 国家统计局《高技术产业（制造业）分类（2017）》
  (国统字〔2017〕200号), mapped onto GB/T 4754-2017 classes.

Pure Python (PyYAML), no Django: the engine and the tests can use it without settings.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import yaml

GBT4754_FILE = "gbt4754_2017.yaml"
HIGH_TECH_FILE = "high_tech_manufacturing_2017.yaml"

SECTIONS = frozenset({"B", "C", "D"})

# 六大高耗能行业, as used by 国家统计局 (e.g. the notes to its monthly releases on industrial
# energy production and to the annual 国民经济和社会发展统计公报): 石油、煤炭及其他燃料加工业 (25),
# 化学原料和化学制品制造业 (26), 非金属矿物制品业 (30), 黑色金属冶炼和压延加工业 (31),
# 有色金属冶炼和压延加工业 (32), 电力、热力生产和供应业 (44).
ENERGY_INTENSIVE_DIVISIONS = frozenset({"25", "26", "30", "31", "32", "44"})

# 装备制造业 in the 国家统计局 sense: divisions 33-40 (金属制品业 … 仪器仪表制造业). A city may
# override it in its configuration (``equipment_divisions``).
DEFAULT_EQUIPMENT_DIVISIONS = frozenset({"33", "34", "35", "36", "37", "38", "39", "40"})

_DIVISION_CODE = re.compile(r"^\d{2}$")
_GROUP_CODE = re.compile(r"^\d{3}$")
_CLASS_CODE = re.compile(r"^\d{4}$")


class ClassificationError(ValueError):
    """A classification file is invalid; the message names the file and the key."""


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    section: str


@dataclass(frozen=True)
class IndustryGroup:
    code: str
    name: str
    division: str


@dataclass(frozen=True)
class IndustryClass:
    code: str
    name: str
    division: str

    @property
    def group(self) -> str:
        return self.code[:3]


@dataclass(frozen=True)
class HighTechSubcategory:
    name: str
    classes: tuple[str, ...]


@dataclass(frozen=True)
class HighTechCategory:
    code: str
    name: str
    subcategories: tuple[HighTechSubcategory, ...]

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(c for sub in self.subcategories for c in sub.classes)


@dataclass(frozen=True)
class Classifications:
    sections: Mapping[str, str]
    divisions: Mapping[str, Division]
    groups: Mapping[str, IndustryGroup]
    classes: Mapping[str, IndustryClass]
    high_tech_categories: tuple[HighTechCategory, ...]
    high_tech_classes: frozenset[str]
    high_tech_category: Mapping[str, str]  # class code -> category name (中文)
    high_tech_partial: frozenset[str]  # classes the NBS list marks as only partly high-tech
    source: str
    high_tech_source: str

    def is_high_tech(self, class_code: str) -> bool:
        """Whether the class counts as high-tech manufacturing (a partial class counts whole)."""
        return class_code in self.high_tech_classes

    def division_of(self, class_code: str) -> str:
        """The 2-digit division of a known class; KeyError for a code not in GB/T 4754-2017."""
        try:
            return self.classes[class_code].division
        except KeyError:
            raise KeyError(
                f"不是 GB/T 4754-2017 B、C、D 门类的行业小类代码：{class_code!r}"
            ) from None

    def section_of(self, class_code: str) -> str:
        return self.divisions[self.division_of(class_code)].section

    def is_valid_class(self, class_code: str) -> bool:
        return class_code in self.classes

    def is_energy_intensive(self, class_code: str) -> bool:
        return self.division_of(class_code) in ENERGY_INTENSIVE_DIVISIONS


def _data_path(name: str) -> Path:
    return Path(str(resources.files("gongxin.city") / "data" / name))


def default_gbt4754_path() -> Path:
    return _data_path(GBT4754_FILE)


def default_high_tech_path() -> Path:
    return _data_path(HIGH_TECH_FILE)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader that rejects a mapping key given twice (PyYAML keeps the last silently)."""


def _construct_unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict:
    loader.flatten_mapping(node)
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            line = key_node.start_mark.line + 1
            raise ClassificationError(f"{loader.name}: 第 {line} 行键 {key!r} 重复")
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping
)


def _read_yaml(path: Path) -> object:
    if not path.exists():
        raise ClassificationError(f"分类文件不存在：{path}")
    text = path.read_text(encoding="utf-8")
    loader = _UniqueKeyLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.YAMLError as exc:
        raise ClassificationError(f"{path}: YAML 格式错误：{exc}") from exc
    finally:
        loader.dispose()


def _mapping(value: object, where: str, source: str) -> dict:
    if not isinstance(value, dict):
        raise ClassificationError(f"{source}: {where} 应为映射（键: 值）")
    return value


def _name(value: object, where: str, source: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ClassificationError(f"{source}: {where} 应为非空名称，实为 {value!r}")
    return value.strip()


def _code(value: object, pattern: re.Pattern[str], what: str, where: str, source: str) -> str:
    # Codes must be quoted strings in YAML: an unquoted 0610 would be read as a number.
    if not isinstance(value, str) or not pattern.match(value):
        raise ClassificationError(f"{source}: {where} 应为带引号的{what}代码，实为 {value!r}")
    return value


def _parse_gbt4754(
    data: object, source: str
) -> tuple[dict[str, str], dict[str, Division], dict[str, IndustryGroup], dict[str, IndustryClass]]:
    root = _mapping(data, "文件顶层", source)
    sections: dict[str, str] = {}
    for key, value in _mapping(root.get("sections"), "sections", source).items():
        if key not in SECTIONS:
            raise ClassificationError(f"{source}: sections.{key} 不是 B、C、D 门类之一")
        sections[key] = _name(value, f"sections.{key}", source)
    missing = SECTIONS - set(sections)
    if missing:
        raise ClassificationError(f"{source}: sections 缺少门类 {', '.join(sorted(missing))}")

    divisions: dict[str, Division] = {}
    groups: dict[str, IndustryGroup] = {}
    classes: dict[str, IndustryClass] = {}
    raw_divisions = _mapping(root.get("divisions"), "divisions", source)
    if not raw_divisions:
        raise ClassificationError(f"{source}: divisions 为空")
    for key, raw in raw_divisions.items():
        where = f"divisions.{key}"
        dcode = _code(key, _DIVISION_CODE, "2位行业大类", where, source)
        body = _mapping(raw, where, source)
        section = body.get("section")
        if section not in sections:
            raise ClassificationError(
                f"{source}: {where}.section 应为 B、C、D 之一，实为 {section!r}"
            )
        divisions[dcode] = Division(
            dcode, _name(body.get("name"), f"{where}.name", source), section
        )

        for gkey, gname in _mapping(body.get("groups", {}), f"{where}.groups", source).items():
            gwhere = f"{where}.groups.{gkey}"
            gcode = _code(gkey, _GROUP_CODE, "3位行业中类", gwhere, source)
            if not gcode.startswith(dcode):
                raise ClassificationError(f"{source}: {gwhere} 不属于大类 {dcode}")
            if gcode in groups:
                raise ClassificationError(
                    f"{source}: {gwhere} 与大类 {groups[gcode].division} 重复"
                )
            groups[gcode] = IndustryGroup(gcode, _name(gname, gwhere, source), dcode)

        raw_classes = _mapping(body.get("classes"), f"{where}.classes", source)
        if not raw_classes:
            raise ClassificationError(f"{source}: {where}.classes 为空")
        for ckey, cname in raw_classes.items():
            cwhere = f"{where}.classes.{ckey}"
            ccode = _code(ckey, _CLASS_CODE, "4位行业小类", cwhere, source)
            if not ccode.startswith(dcode):
                raise ClassificationError(
                    f"{source}: {cwhere} 不属于大类 {dcode}（前两位应为 {dcode}）"
                )
            if ccode in classes:
                raise ClassificationError(
                    f"{source}: {cwhere} 与大类 {classes[ccode].division} 中的小类重复"
                )
            if body.get("groups") and ccode[:3] not in groups:
                raise ClassificationError(f"{source}: {cwhere} 所属中类 {ccode[:3]} 未列出")
            classes[ccode] = IndustryClass(ccode, _name(cname, cwhere, source), dcode)

    names = [d.name for d in divisions.values()]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ClassificationError(f"{source}: divisions 中名称重复：{', '.join(dupes)}")
    return sections, divisions, groups, classes


def _parse_high_tech(
    data: object,
    source: str,
    classes: Mapping[str, IndustryClass],
    divisions: Mapping[str, Division],
) -> tuple[tuple[HighTechCategory, ...], dict[str, str], frozenset[str]]:
    root = _mapping(data, "文件顶层", source)
    raw_categories = root.get("categories")
    if not isinstance(raw_categories, list) or not raw_categories:
        raise ClassificationError(f"{source}: categories 应为非空列表")
    categories: list[HighTechCategory] = []
    category_of: dict[str, str] = {}
    partial: set[str] = set()
    for i, raw in enumerate(raw_categories):
        where = f"categories[{i}]"
        body = _mapping(raw, where, source)
        code = body.get("code")
        if not isinstance(code, str) or not code.strip():
            raise ClassificationError(f"{source}: {where}.code 应为带引号的代码，实为 {code!r}")
        cname = _name(body.get("name"), f"{where}.name", source)
        if any(c.code == code or c.name == cname for c in categories):
            raise ClassificationError(f"{source}: {where} 代码或名称重复：{code} {cname}")
        raw_subs = body.get("subcategories")
        if not isinstance(raw_subs, list) or not raw_subs:
            raise ClassificationError(f"{source}: {where}.subcategories 应为非空列表")
        subs: list[HighTechSubcategory] = []
        for j, raw_sub in enumerate(raw_subs):
            swhere = f"{where}.subcategories[{j}]"
            sub = _mapping(raw_sub, swhere, source)
            sname = _name(sub.get("name"), f"{swhere}.name", source)
            raw_classes = sub.get("classes")
            if not isinstance(raw_classes, list) or not raw_classes:
                raise ClassificationError(f"{source}: {swhere}.classes 应为非空列表")
            codes: list[str] = []
            for k, raw_cls in enumerate(raw_classes):
                cwhere = f"{swhere}.classes[{k}]"
                entry = _mapping(raw_cls, cwhere, source)
                ccode = _code(
                    entry.get("code"), _CLASS_CODE, "4位行业小类", f"{cwhere}.code", source
                )
                known = classes.get(ccode)
                if known is None:
                    raise ClassificationError(
                        f"{source}: {cwhere}.code {ccode} 不是 GB/T 4754-2017 的行业小类"
                    )
                if divisions[known.division].section != "C":
                    raise ClassificationError(
                        f"{source}: {cwhere}.code {ccode} 不属于制造业（C 门类）"
                    )
                if "name" in entry and _name(entry["name"], f"{cwhere}.name", source) != known.name:
                    raise ClassificationError(
                        f"{source}: {cwhere}.name {entry['name']!r} 与 GB/T 4754-2017 中 {ccode} "
                        f"的名称 {known.name!r} 不一致"
                    )
                if ccode in category_of:
                    raise ClassificationError(
                        f"{source}: {cwhere}.code {ccode} 重复（已列于 {category_of[ccode]}）"
                    )
                flag = entry.get("partial", False)
                if not isinstance(flag, bool):
                    raise ClassificationError(f"{source}: {cwhere}.partial 应为 true 或 false")
                if flag:
                    partial.add(ccode)
                category_of[ccode] = cname
                codes.append(ccode)
            subs.append(HighTechSubcategory(sname, tuple(codes)))
        categories.append(HighTechCategory(code, cname, tuple(subs)))
    return tuple(categories), category_of, frozenset(partial)


def parse_classifications(
    gbt_data: object, high_tech_data: object, gbt_source: str, high_tech_source: str
) -> Classifications:
    """Build and check the classifications from already-parsed YAML documents."""
    sections, divisions, groups, classes = _parse_gbt4754(gbt_data, gbt_source)
    categories, category_of, partial = _parse_high_tech(
        high_tech_data, high_tech_source, classes, divisions
    )
    return Classifications(
        sections=MappingProxyType(sections),
        divisions=MappingProxyType(divisions),
        groups=MappingProxyType(groups),
        classes=MappingProxyType(classes),
        high_tech_categories=categories,
        high_tech_classes=frozenset(category_of),
        high_tech_category=MappingProxyType(category_of),
        high_tech_partial=partial,
        source=gbt_source,
        high_tech_source=high_tech_source,
    )


def load_classifications(
    gbt_path: str | Path | None = None, high_tech_path: str | Path | None = None
) -> Classifications:
    """Read and check both files (the bundled ones unless paths are given); cached per path pair."""
    gbt = Path(gbt_path) if gbt_path is not None else default_gbt4754_path()
    high_tech = Path(high_tech_path) if high_tech_path is not None else default_high_tech_path()
    return _load(str(gbt.resolve()), str(high_tech.resolve()))


@functools.cache
def _load(gbt_path: str, high_tech_path: str) -> Classifications:
    return parse_classifications(
        _read_yaml(Path(gbt_path)), _read_yaml(Path(high_tech_path)), gbt_path, high_tech_path
    )
