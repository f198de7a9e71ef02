"""The test personas shared by tests/web and tests/api, and a tiny reported city.

alice: city_admin (sees every enterprise); dave: city_analyst (reads everything, changes
nothing); bob: county_user of 371521 (阳谷县); carol: county_user of 371502 (东昌府区).
"""

from __future__ import annotations

from django.utils import timezone

PASSWORD = "Gx!test-2024-pass"

PERSONAS = {
    "alice": ("city_admin", None),
    "dave": ("city_analyst", None),
    "bob": ("county_user", "371521"),
    "carol": ("county_user", "371502"),
}

# Two enterprises in 阳谷县 (bob), one in 东昌府区 (carol).
ENTERPRISES = [
    ("91371521MA3C00001A", "阳谷铜业有限公司", "371521", "3311"),
    ("91371521MA3C00002B", "阳谷电缆有限公司", "371521", "3831"),
    ("91371502MA3C00003C", "东昌府纺织有限公司", "371502", "1711"),
]


def persona(name: str):
    from gongxin.registry.permissions import Actor
    from gongxin.registry.users import user_create_or_update

    role, region = PERSONAS[name]
    user, _ = user_create_or_update(
        username=name, role=role, region=region, password=PASSWORD, actor=Actor.system("test")
    )
    return user


def enterprises_create() -> list:
    """Enterprises above scale with April 2024 reports and their own prior-year figures."""
    from gongxin.ingest.models import ImportBatch
    from gongxin.registry.models import AboveScaleSpell, Enterprise
    from gongxin.stats.models import DataVersion, MonthlyReport

    batch = ImportBatch.objects.create(
        kind="monthly", filename="test.csv", sha256="0" * 64, actor="test", status="committed"
    )
    created = []
    for i, (uscc, name, region, industry) in enumerate(ENTERPRISES):
        e = Enterprise.objects.create(
            uscc=uscc, name=name, region_id=region, industry_id=industry, key=i == 0
        )
        AboveScaleSpell.objects.create(enterprise=e)
        for month in (1, 2, 3, 4):
            MonthlyReport.objects.create(
                enterprise=e,
                ym=202400 + month,
                batch=batch,
                recorded_at=timezone.now(),
                output=1000.0 + 100 * i + month,
                sales=950.0 + 100 * i,
                revenue=1100.0 + 100 * i,
                profit=50.0 - 40 * i,
                electricity=80.0 + i,
                employees=300,
                output_py=900.0 + 100 * i,
                sales_py=900.0,
                revenue_py=1000.0,
                profit_py=40.0,
                electricity_py=75.0,
            )
        created.append(e)
    DataVersion.bump()
    return created
