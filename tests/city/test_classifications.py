"""The bundled GB/T 4754-2017 and high-tech manufacturing data, and the loader's checks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gongxin.city.classifications import (
    DEFAULT_EQUIPMENT_DIVISIONS,
    ENERGY_INTENSIVE_DIVISIONS,
    ClassificationError,
    default_gbt4754_path,
    default_high_tech_path,
    load_classifications,
)


@pytest.fixture(scope="module")
def cls():
    return load_classifications()


# --- GB/T 4754-2017 ---------------------------------------------------------------------------


def test_sections(cls):
    assert dict(cls.sections) == {
        "B": "采矿业",
        "C": "制造业",
        "D": "电力、热力、燃气及水生产和供应业",
    }


def test_exactly_41_divisions(cls):
    assert len(cls.divisions) == 41
    expected = [f"{n:02d}" for n in range(6, 47)]
    assert sorted(cls.divisions) == expected


def test_section_membership(cls):
    by_section: dict[str, set[str]] = {"B": set(), "C": set(), "D": set()}
    for code, div in cls.divisions.items():
        assert div.code == code
        by_section[div.section].add(code)
    assert by_section["B"] == {f"{n:02d}" for n in range(6, 13)}
    assert by_section["C"] == {str(n) for n in range(13, 44)}
    assert by_section["D"] == {"44", "45", "46"}


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("06", "煤炭开采和洗选业"),
        ("11", "开采专业及辅助性活动"),
        ("13", "农副食品加工业"),
        ("15", "酒、饮料和精制茶制造业"),
        ("25", "石油、煤炭及其他燃料加工业"),
        ("27", "医药制造业"),
        ("37", "铁路、船舶、航空航天和其他运输设备制造业"),
        ("39", "计算机、通信和其他电子设备制造业"),
        ("43", "金属制品、机械和设备修理业"),
        ("44", "电力、热力生产和供应业"),
        ("46", "水的生产和供应业"),
    ],
)
def test_division_names(cls, code, name):
    assert cls.divisions[code].name == name


def test_class_counts(cls):
    assert 550 <= len(cls.classes) <= 700
    assert len(cls.classes) == 666
    per_section = {"B": 0, "C": 0, "D": 0}
    for code in cls.classes:
        per_section[cls.section_of(code)] += 1
    assert per_section == {"B": 39, "C": 609, "D": 18}
    assert len(cls.groups) == 207


def test_class_codes_are_well_formed(cls):
    for code, ic in cls.classes.items():
        assert ic.code == code
        assert len(code) == 4 and code.isdigit()
        assert code.startswith(ic.division)
        assert ic.group in cls.groups
        assert cls.groups[ic.group].division == ic.division
        assert "0610" <= code <= "4690"
    assert min(cls.classes) == "0610"
    assert max(cls.classes) == "4690"
    # every division and every group has at least one class
    assert {ic.division for ic in cls.classes.values()} == set(cls.divisions)
    assert {ic.group for ic in cls.classes.values()} == set(cls.groups)


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("0610", "烟煤和无烟煤开采洗选"),
        ("0722", "海洋天然气及可燃冰开采"),
        ("1200", "其他采矿业"),
        ("1311", "稻谷加工"),
        ("1340", "制糖业"),
        ("1351", "牲畜屠宰"),
        ("1352", "禽类屠宰"),
        ("1353", "肉制品及副产品加工"),
        ("1522", "瓶（罐）装饮用水制造"),
        ("2511", "原油加工及石油制品制造"),
        ("2710", "化学药品原料药制造"),
        ("2762", "基因工程药物和疫苗制造"),
        ("3011", "水泥制造"),
        ("3110", "炼铁"),
        ("3216", "铝冶炼"),
        ("3311", "金属结构制造"),
        ("3491", "工业机器人制造"),
        ("3511", "矿山机械制造"),
        ("3612", "新能源车整车制造"),
        ("3741", "飞机制造"),
        ("3825", "光伏设备及元器件制造"),
        ("3831", "电线、电缆制造"),
        ("3841", "锂离子电池制造"),
        ("3911", "计算机整机制造"),
        ("3915", "信息安全设备制造"),
        ("3919", "其他计算机制造"),
        ("3973", "集成电路制造"),
        ("4343", "航空航天器修理"),
        ("4411", "火力发电"),
        ("4412", "热电联产"),
        ("4417", "生物质能发电"),
        ("4419", "其他电力生产"),
        ("4420", "电力供应"),
        ("4430", "热力生产和供应"),
        ("4511", "天然气生产和供应业"),
        ("4512", "液化石油气生产和供应业"),
        ("4520", "生物质燃气生产和供应业"),
        ("4610", "自来水生产和供应"),
        ("4690", "其他水的处理、利用与分配"),
    ],
)
def test_spot_checks(cls, code, name):
    assert cls.classes[code].name == name


def test_codes_that_do_not_exist(cls):
    for code in ("0600", "1310", "3910", "4418", "4410", "4500", "4700", "0510", "5110"):
        assert not cls.is_valid_class(code)
    with pytest.raises(KeyError):
        cls.division_of("4418")


def test_division_of(cls):
    assert cls.division_of("1311") == "13"
    assert cls.division_of("0610") == "06"
    assert cls.division_of("4610") == "46"
    assert cls.section_of("0911") == "B"
    assert cls.section_of("4430") == "D"


def test_electricity_classes(cls):
    assert [c for c in cls.classes if c.startswith("44")] == [
        "4411", "4412", "4413", "4414", "4415", "4416", "4417", "4419", "4420", "4430",
    ]  # fmt: skip


def test_named_division_sets_exist(cls):
    assert set(cls.divisions) >= ENERGY_INTENSIVE_DIVISIONS
    assert set(cls.divisions) >= DEFAULT_EQUIPMENT_DIVISIONS
    assert {cls.divisions[d].section for d in DEFAULT_EQUIPMENT_DIVISIONS} == {"C"}
    assert cls.is_energy_intensive("3110")
    assert cls.is_energy_intensive("4411")
    assert not cls.is_energy_intensive("3911")


# --- high-tech manufacturing (2017) -----------------------------------------------------------


def test_high_tech_categories(cls):
    assert [c.name for c in cls.high_tech_categories] == [
        "医药制造业",
        "航空、航天器及设备制造业",
        "电子及通信设备制造业",
        "计算机及办公设备制造业",
        "医疗仪器设备及仪器仪表制造业",
        "信息化学品制造业",
    ]
    sizes = [len(c.classes) for c in cls.high_tech_categories]
    assert sizes == [9, 6, 35, 8, 25, 2]
    assert len(cls.high_tech_classes) == 85


def test_high_tech_classes_exist_in_manufacturing(cls):
    for code in cls.high_tech_classes:
        assert code in cls.classes
        assert cls.section_of(code) == "C"
        assert cls.high_tech_category[code] in {c.name for c in cls.high_tech_categories}


def test_high_tech_membership(cls):
    for code in ("2710", "2780", "3741", "4343", "3562", "3832", "3833", "3841", "3911", "3474",
                 "3973", "3963", "3581", "4011", "4090", "2664", "2665"):  # fmt: skip
        assert cls.is_high_tech(code), code
    for code in ("1311", "3831", "3842", "3964", "3587", "4030", "4050", "2661", "3612", "4411"):
        assert not cls.is_high_tech(code), code
    assert cls.high_tech_category["2710"] == "医药制造业"
    assert cls.high_tech_category["4343"] == "航空、航天器及设备制造业"
    assert cls.high_tech_category["3841"] == "电子及通信设备制造业"
    assert cls.high_tech_category["3474"] == "计算机及办公设备制造业"
    assert cls.high_tech_category["4040"] == "医疗仪器设备及仪器仪表制造业"
    assert cls.high_tech_category["2664"] == "信息化学品制造业"


def test_partial_classes_are_high_tech(cls):
    assert cls.high_tech_partial <= cls.high_tech_classes


def test_load_is_cached():
    assert load_classifications() is load_classifications()


# --- the validator ----------------------------------------------------------------------------


def _gbt() -> dict:
    return yaml.safe_load(default_gbt4754_path().read_text(encoding="utf-8"))


def _high_tech() -> dict:
    return yaml.safe_load(default_high_tech_path().read_text(encoding="utf-8"))


def _write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _load(tmp_path: Path, gbt: object = None, high_tech: object = None):
    gbt_path = _write(tmp_path, "gbt.yaml", _gbt() if gbt is None else gbt)
    ht_path = _write(tmp_path, "ht.yaml", _high_tech() if high_tech is None else high_tech)
    return load_classifications(gbt_path, ht_path), gbt_path, ht_path


def test_round_trip_of_the_bundled_files(tmp_path):
    loaded, _, _ = _load(tmp_path)
    assert len(loaded.classes) == 666
    assert loaded.high_tech_classes == load_classifications().high_tech_classes


def test_rejects_class_outside_its_division(tmp_path):
    gbt = _gbt()
    gbt["divisions"]["13"]["classes"]["1411"] = "错放的小类"
    with pytest.raises(ClassificationError) as exc:
        _load(tmp_path, gbt=gbt)
    assert "gbt.yaml" in str(exc.value)
    assert "divisions.13.classes.1411" in str(exc.value)


def test_rejects_malformed_class_code(tmp_path):
    gbt = _gbt()
    gbt["divisions"]["13"]["classes"]["131"] = "三位代码"
    with pytest.raises(ClassificationError, match=r"gbt\.yaml.*divisions\.13\.classes\.131"):
        _load(tmp_path, gbt=gbt)


def test_rejects_unquoted_code(tmp_path):
    path = tmp_path / "gbt.yaml"
    text = default_gbt4754_path().read_text(encoding="utf-8").replace('"1311":', "1311:")
    path.write_text(text, encoding="utf-8")
    ht = _write(tmp_path, "ht.yaml", _high_tech())
    with pytest.raises(ClassificationError, match=r"divisions\.13\.classes\.1311"):
        load_classifications(path, ht)


def test_rejects_duplicate_key_in_file(tmp_path):
    path = tmp_path / "gbt.yaml"
    text = default_gbt4754_path().read_text(encoding="utf-8")
    text = text.replace('      "1312": 小麦加工\n', '      "1312": 小麦加工\n      "1311": 重复\n')
    path.write_text(text, encoding="utf-8")
    ht = _write(tmp_path, "ht.yaml", _high_tech())
    with pytest.raises(ClassificationError, match=r"gbt\.yaml.*'1311'"):
        load_classifications(path, ht)


def test_rejects_bad_section(tmp_path):
    gbt = _gbt()
    gbt["divisions"]["44"]["section"] = "E"
    with pytest.raises(ClassificationError, match=r"divisions\.44\.section"):
        _load(tmp_path, gbt=gbt)


def test_rejects_unknown_high_tech_class(tmp_path):
    ht = _high_tech()
    ht["categories"][0]["subcategories"][0]["classes"].append({"code": "2719"})
    with pytest.raises(ClassificationError) as exc:
        _load(tmp_path, high_tech=ht)
    assert "ht.yaml" in str(exc.value)
    assert "categories[0].subcategories[0].classes[2].code" in str(exc.value)


def test_rejects_duplicate_high_tech_class(tmp_path):
    ht = _high_tech()
    ht["categories"][5]["subcategories"][0]["classes"].append({"code": "2710"})
    with pytest.raises(ClassificationError, match=r"ht\.yaml.*2710.*重复"):
        _load(tmp_path, high_tech=ht)


def test_rejects_high_tech_name_mismatch(tmp_path):
    ht = _high_tech()
    ht["categories"][0]["subcategories"][0]["classes"][0]["name"] = "化学药品制造"
    with pytest.raises(ClassificationError, match=r"classes\[0\]\.name"):
        _load(tmp_path, high_tech=ht)


def test_rejects_non_manufacturing_high_tech_class(tmp_path):
    ht = _high_tech()
    ht["categories"][0]["subcategories"][0]["classes"].append({"code": "4411"})
    with pytest.raises(ClassificationError, match="制造业"):
        _load(tmp_path, high_tech=ht)


def test_partial_flag_is_read(tmp_path):
    ht = _high_tech()
    ht["categories"][4]["subcategories"][0]["classes"][0]["partial"] = True
    loaded, _, _ = _load(tmp_path, high_tech=ht)
    assert loaded.high_tech_partial == frozenset({"3581"})
    assert loaded.is_high_tech("3581")


def test_missing_file(tmp_path):
    with pytest.raises(ClassificationError, match="不存在"):
        load_classifications(tmp_path / "nope.yaml", default_high_tech_path())
