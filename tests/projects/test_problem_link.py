"""A project's reported problem opens a chain's 断点堵点 problem (issue 13), prefilled."""

import re
from html import unescape

import pytest
from django.test import Client

from tests.web.personas import persona

pytestmark = pytest.mark.django_db


def test_a_reported_problem_opens_the_chain_problem_form_prefilled(two_projects):
    alice = Client()
    alice.force_login(persona("alice"))
    page = alice.get("/projects/P001/?year=2024&period=2024-04").content.decode()
    links = re.findall(r'data-open-problem href="([^"]+)"', page)
    assert len(links) == 1  # 2024-02: 用地指标未落实
    form = alice.get(unescape(links[0])).content.decode()
    assert "年产10万吨铝材项目（P001）：用地指标未落实" in form
    assert '<option value="nonferrous" selected>' in form  # the project's chain
    # The analyst reads the project but is not offered the step.
    dave = Client()
    dave.force_login(persona("dave"))
    assert "data-open-problem" not in dave.get("/projects/P001/?year=2024").content.decode()
