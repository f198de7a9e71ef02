"""A small chain-chief set over tests/web/personas.py's city, for the API, web and matrix tests.

有色金属 (nonferrous): 铜冶炼 N1 → 铜材加工 N2 (3311) → 电线电缆 N3 (3831); 阳谷铜业 (371521, bob)
is its 链主, 阳谷电缆 a member. Problems: WT-BOB on 阳谷铜业 (371521), WT-CAROL on 东昌府纺织
(371502), WT-CITY without a firm. One activity, one 招商 target.
"""

from __future__ import annotations

import datetime as dt

from tests.web.personas import ENTERPRISES

YANGGU_COPPER, YANGGU_CABLE, DONGCHANG_TEXTILE = (e[0] for e in ENTERPRISES)


def chains_create() -> dict[str, str]:
    from gongxin.chains.models import (
        ChainActivity,
        ChainNode,
        ChainProblem,
        ChainProblemEvent,
        ChainTarget,
    )
    from gongxin.registry.models import ChainMembership

    ChainMembership.objects.get_or_create(
        enterprise_id=YANGGU_COPPER, chain_id="nonferrous", defaults={"role": "链主"}
    )
    ChainMembership.objects.get_or_create(enterprise_id=YANGGU_CABLE, chain_id="nonferrous")
    ChainMembership.objects.get_or_create(enterprise_id=DONGCHANG_TEXTILE, chain_id="textile")
    for i, (code, parent, name, stream, classes) in enumerate(
        (
            ("N1", "", "铜冶炼", "上游", ["3211"]),
            ("N2", "N1", "铜材加工", "中游", ["3311"]),
            ("N3", "N2", "电线电缆", "下游", ["3831"]),
        )
    ):
        ChainNode.objects.get_or_create(
            chain_id="nonferrous", code=code,
            defaults={"parent": parent, "name": name, "stream": stream, "classes": classes,
                      "order": i},
        )  # fmt: skip
    activity, _ = ChainActivity.objects.get_or_create(
        chain_id="nonferrous", date=dt.date(2024, 3, 12), kind="巡链", form="现场调研",
        leader="链长", defaults={"enterprises": [YANGGU_COPPER], "summary": "走访阳谷铜业"},
    )  # fmt: skip
    for code, chain, uscc, region in (
        ("WT-BOB", "nonferrous", YANGGU_COPPER, "371521"),
        ("WT-CAROL", "textile", DONGCHANG_TEXTILE, "371502"),
        ("WT-CITY", "nonferrous", None, ""),
    ):
        problem, created = ChainProblem.objects.get_or_create(
            code=code,
            defaults={
                "chain_id": chain, "enterprise_id": uscc, "region": region, "category": "要素保障",
                "description": f"{code} 用电增容", "opened_on": dt.date(2024, 2, 1),
                "deadline": dt.date(2024, 3, 31), "status": "assigned",
                "owner_unit": "国网聊城供电公司",
            },
        )  # fmt: skip
        if created:
            ChainProblemEvent.objects.create(
                problem=problem, actor="test", action="import", to_status="assigned"
            )
    ChainTarget.objects.get_or_create(
        chain_id="nonferrous", node="N1", company="江苏某铜业有限公司",
        defaults={"location": "江苏", "stage": "洽谈", "project_code": "XM2024-001"},
    )  # fmt: skip
    return {"chain": "nonferrous", "activity": str(activity.pk), "problem": "WT-BOB",
            "carol_problem": "WT-CAROL", "node": "N2", "uscc": YANGGU_COPPER}  # fmt: skip
