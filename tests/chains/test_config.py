"""链长 and 总链长 in the city configuration: titles, and cities without them still load."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongxin.city.config import CityConfigError, load_city_config, parse_city_config

DATA = Path(__file__).resolve().parents[2] / "src" / "gongxin" / "city" / "data"


def test_liaocheng_has_leaders_and_teams_for_every_chain():
    config = load_city_config(DATA / "liaocheng.toml")
    assert config.chief_leaders == ("市委书记", "市长")
    assert len(config.chains) == 12
    for chain in config.chains:
        assert chain.leaders and chain.team.endswith("）"), chain.code


def test_dezhou_without_a_chain_system_still_loads():
    config = load_city_config(DATA / "dezhou.toml")
    assert config.chief_leaders == ()
    assert all(c.leaders == () and c.team == "" for c in config.chains)


def test_leaders_must_be_a_list_of_titles():
    text = """
[city]
code = "371500"
name = "某市"
[[regions]]
code = "371502"
name = "某区"
[[chains]]
code = "x"
name = "某链"
leaders = "副市长"
"""
    with pytest.raises(CityConfigError, match="leaders"):
        parse_city_config(text, "t.toml")
