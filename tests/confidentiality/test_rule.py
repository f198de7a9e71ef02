"""The small-cell rule on plain rows (统计法: fewer than 3 enterprises)."""

from gongxin.confidentiality import NOTE, protect_rows, sees_member, withheld_members
from gongxin.scope import Scope

COUNTY = Scope.county("371521")
CITY = Scope.everything()


def rows(dim_members: dict[str, int]) -> list[dict]:
    out = []
    for member, n in dim_members.items():
        out.append({"indicator": "output_ytd", "member": member, "name": member, "value": 100.0 * n,
                    "unit": "万元"})  # fmt: skip
        out.append({"indicator": "enterprises", "member": member, "name": member, "value": n,
                    "unit": "count"})  # fmt: skip
    return out


def counts(dim: str, dim_members: dict[str, int | None]) -> dict:
    return {(dim, m): n for m, n in dim_members.items()}


def test_who_sees_what():
    assert sees_member(CITY, "industry", "33")
    assert sees_member(COUNTY, "region", "371521")  # its own region
    assert not sees_member(COUNTY, "region", "371502")
    assert not sees_member(COUNTY, "industry", "33")  # a division holds every region's firms
    assert not sees_member(COUNTY, "city", "371500")
    assert sees_member(COUNTY, "enterprise", "91371521MA3C00001A")  # the engine scoped them
    assert sees_member(COUNTY, "industry", "33", {"region": "371521"})  # filtered to its own
    assert sees_member(COUNTY, "industry", "33", [("region", "371521")])
    assert not sees_member(COUNTY, "industry", "33", {"region": "371502"})


def test_fewer_than_three_is_withheld_for_those_who_may_not_see():
    members = {"371521": 1, "371502": 2, "371503": 3, "371522": 0, "371525": None}
    assert withheld_members(members, COUNTY, "region") == {"371502", "371522", "371525"}
    assert withheld_members(members, CITY, "region") == frozenset()


def test_withheld_rows_say_so_and_keep_the_count():
    sizes = {"371521": 1, "371502": 2, "371503": 3}
    out = protect_rows(rows(sizes), counts("region", sizes), COUNTY, dim="region")
    by = {(r["member"], r["indicator"]): r for r in out}
    assert by[("371502", "output_ytd")] == {
        "indicator": "output_ytd", "member": "371502", "name": "371502", "value": None,
        "unit": "万元", "suppressed": True, "note": NOTE,
    }  # fmt: skip
    assert by[("371502", "enterprises")]["value"] == 2
    assert by[("371521", "output_ytd")]["value"] == 100.0  # own region, even with 1 firm
    assert by[("371503", "output_ytd")]["value"] == 300.0  # 3 firms: published
    assert protect_rows(rows(sizes), counts("region", sizes), CITY, dim="region") == rows(sizes)


def test_a_cube_row_carries_its_own_dimension():
    row = {"dim": "industry", "indicator": "output_ytd", "member": "33", "name": "x",
           "value": 5.0, "unit": "万元"}  # fmt: skip
    out = protect_rows([row], {("industry", "33"): 2}, COUNTY, dim="")
    assert out[0]["suppressed"] is True
