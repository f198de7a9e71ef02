"""Small cells (统计法): a county user sees "—" and the note for others' members under 3 firms."""

import re

import pytest

pytestmark = pytest.mark.django_db

NOTE = "注：不足3家，按统计法不公开"


def cell(html: str, member: str, indicator: str) -> str:
    row = re.search(rf'data-member="{member}".*?</tr>', html, re.S).group(0)
    return re.search(rf'data-value="{indicator}">([^<]*)<', row).group(1)


def test_a_county_user_sees_other_regions_small_cells_withheld(login, bob, enterprises):
    # 371521 (bob's own) has 2 enterprises, 371502 has 1.
    html = login(bob).get("/regions/?period=2024-04").content.decode()
    # output_ytd of bob's own two firms: (1001 + … + 1004) + (1101 + … + 1104) = 8,420.0
    assert cell(html, "371521", "output_ytd") == "8,420.0"
    assert cell(html, "371502", "output_ytd") == "—"
    assert cell(html, "371502", "enterprises") == "1"  # the count says why
    assert NOTE in html


def test_a_divisions_page_and_a_member_page_withhold_too(login, bob, enterprises):
    client = login(bob)
    html = client.get("/industries/?period=2024-04").content.decode()
    # division 33 has one firm (bob's own): a division holds firms of every region, so a
    # county user gets it withheld like any other under 3 (the rule does not look inside)
    assert cell(html, "33", "output_ytd") == "—"
    assert NOTE in html
    member = client.get("/industries/17/?period=2024-04").content.decode()
    assert NOTE in member
    assert 'data-value="output_ytd">—<' in member


def test_a_city_user_sees_everything(login, alice, enterprises):
    html = login(alice).get("/regions/?period=2024-04").content.decode()
    # 371502's one firm: 1201 + 1202 + 1203 + 1204 = 4,810.0
    assert cell(html, "371502", "output_ytd") == "4,810.0"
    assert NOTE not in html
