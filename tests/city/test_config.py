"""The city configuration is data: Liaocheng by default, another city one file away."""

from pathlib import Path

import pytest

from gongxin.city.config import (
    CityConfigError,
    default_config_path,
    load_city_config,
    parse_city_config,
)

DEZHOU = Path(default_config_path()).parent / "dezhou.toml"


def test_the_default_is_liaocheng_with_the_contracts_codes():
    config = load_city_config()
    assert (config.code, config.name) == ("371500", "聊城市")
    assert [r.code for r in config.regions] == [
        "371502", "371503", "371521", "371522", "371524", "371525",
        "371526", "371581", "371571", "371572", "371573",
    ]  # fmt: skip
    assert config.region("371573").name == "江北水城旅游度假区"
    assert [c.code for c in config.chains] == [
        "nonferrous", "agrifood", "ferrous", "chemical", "building", "machinery",
        "auto", "textile", "nev", "paper", "biomed", "ict",
    ]  # fmt: skip
    assert config.chain("ict").name == "新一代信息技术"
    assert config.equipment_divisions == frozenset(str(d) for d in range(33, 41))
    assert config.above_scale_threshold == 2000


def test_gongxin_city_selects_another_configuration(monkeypatch):
    monkeypatch.setenv("GONGXIN_CITY", str(DEZHOU))
    config = load_city_config()
    assert (config.code, config.name, config.doc_abbrev) == ("371400", "德州市", "德工信")
    assert config.region_codes == {"371402", "371403", "371482"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[city]\nname='x'\n", "city.code 缺失"),
        ("[city]\ncode='3715'\nname='x'\n", "city.code 应为6位区划代码"),
        ("[city]\ncode='371500'\nname='x'\n", "至少需要一个 [[regions]]"),
        (
            "[city]\ncode='371500'\nname='x'\n[[regions]]\ncode='371502'\nname='a'\nkind='town'\n",
            "regions[0].kind",
        ),
        (
            "[city]\ncode='371500'\nname='x'\n[[regions]]\ncode='371502'\nname='a'\n"
            "[[regions]]\ncode='371502'\nname='b'\n",
            "regions 中代码重复：371502",
        ),
        (
            "[city]\ncode='371500'\nname='x'\n[[regions]]\ncode='371502'\nname='a'\n"
            "[[chains]]\ncode='Bad Code'\nname='链'\n",
            "chains[0].code",
        ),
        ("[city\n", "TOML 格式错误"),
    ],
)
def test_a_bad_configuration_names_the_file_and_key(text, message):
    with pytest.raises(CityConfigError) as exc:
        parse_city_config(text, "bad.toml")
    assert str(exc.value).startswith("bad.toml: ")
    assert message in str(exc.value)


def test_no_city_code_or_name_is_hard_coded_in_the_source():
    """Liaocheng lives in its configuration file and the demo, nowhere else in the code."""
    src = Path(__file__).resolve().parents[2] / "src" / "gongxin"
    offenders = []
    for path in src.rglob("*.py"):
        # Demo and city data (boundary builders) are city-specific by design.
        if {"demo", "migrations", "data"} & set(path.parts) or path.stem == "demo":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("371500", "聊城", "Liaocheng"):
            if needle in text and path.name != "config.py":
                offenders.append(f"{path.relative_to(src)}: {needle}")
    assert offenders == []
