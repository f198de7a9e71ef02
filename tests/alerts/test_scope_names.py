"""Every warning scope has its Chinese name in the warnings center and the CLI table (the
project scope showed as "project" in the 范围 column; the page: tests/web/test_alerts_scopes.py)."""

import re

from gongxin.alerts.models import WarningScope
from gongxin.alerts.wording import SCOPE_NAMES


def test_every_scope_has_a_chinese_name():
    assert set(SCOPE_NAMES) == set(WarningScope.values)
    for name in SCOPE_NAMES.values():
        assert re.fullmatch(r"[\u4e00-\u9fff]+", name), name
