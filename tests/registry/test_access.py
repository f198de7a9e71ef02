"""Enterprises are fetched through the user's scope; invisible looks exactly like missing."""

import pytest

from gongxin.registry.access import access_enterprise, enterprises_visible
from gongxin.registry.models import Enterprise
from gongxin.registry.services import EnterpriseFacts, enterprises_upsert
from gongxin.scope import Scope

ALPHA = "91110000600037341L"
BETA = "51371526MJE9812610"


@pytest.fixture
def two_enterprises(city):
    enterprises_upsert(
        facts=[
            EnterpriseFacts(uscc=ALPHA, name="阿尔法", region="371502", industry="3216"),
            EnterpriseFacts(uscc=BETA, name="贝塔", region="371503", industry="1311"),
        ],
        actor="test",
    )


def test_the_city_sees_every_enterprise(two_enterprises):
    assert set(enterprises_visible(Scope.everything()).values_list("uscc", flat=True)) == {
        ALPHA,
        BETA,
    }


def test_a_county_sees_only_its_own_region(two_enterprises):
    county = Scope.county("371502")
    assert list(enterprises_visible(county).values_list("uscc", flat=True)) == [ALPHA]
    assert access_enterprise(county, ALPHA.lower()).name == "阿尔法"


def test_an_invisible_enterprise_raises_the_same_error_as_a_missing_one(two_enterprises):
    county = Scope.county("371502")
    with pytest.raises(Enterprise.DoesNotExist):
        access_enterprise(county, BETA)
    with pytest.raises(Enterprise.DoesNotExist):
        access_enterprise(county, "N2371502MF0000012U")
