"""Uploads from the browser: who may upload what, the scope check, and the import history.

City roles upload every kind. A county user uploads enterprise data of its own region only:
monthly (and daily) files whose every USCC is an enterprise of that region. The roster and the
reference series are city-wide registers, so they stay with the city (a county roster row could
move an enterprise out of another county, and proving otherwise would tell the county which
USCCs exist elsewhere).
"""

from __future__ import annotations

from pathlib import Path

from django.db.models import QuerySet

from gongxin.ingest.columns import Record
from gongxin.ingest.kinds import import_kinds
from gongxin.ingest.models import ImportBatch
from gongxin.ingest.problems import Problem
from gongxin.ingest.services import Gate, ImportResult, import_file
from gongxin.registry.access import enterprises_visible
from gongxin.registry.models import UserProfile
from gongxin.registry.permissions import (
    COUNTY_IMPORT_KINDS,
    Actor,
    import_authorise,
    import_kinds_allowed,
)
from gongxin.scope import Scope
from gongxin.stats.models import MonthlyReport

ALLOWED_SUFFIXES = (".csv", ".xlsx")
COUNTY_KINDS = COUNTY_IMPORT_KINDS

ERR_SUFFIX = "只接受 CSV（UTF-8）或 XLSX 文件，实为“{name}”"
ERR_TOO_LARGE = "文件过大（{size:.1f} MB，上限 {limit:.0f} MB）：请拆分后分批上传"
ERR_KIND = "请选择数据类型"
ERR_NO_FILE = "请选择要上传的文件"
ERR_OUT_OF_SCOPE = "企业不属于{region}或不在企业名录中：县区用户只能上传本区县企业的数据"


def upload_kinds(actor: Actor) -> list[tuple[str, str]]:
    """``(kind, 中文)`` the actor may upload (the role table decides), in a clerk's order."""
    order = ("monthly", "daily", "roster", "reference")
    kinds = import_kinds()
    names = [k for k in order if k in kinds] + sorted(k for k in kinds if k not in order)
    return [(k, kinds[k].label) for k in import_kinds_allowed(actor, names)]


def scope_gate(*, scope: Scope, region_name: str) -> Gate | None:
    """A check of parsed records: rows naming an enterprise outside the county's region.

    None for a city user. It runs on the records the bounded worker parsed (the server never
    opens the file itself). A USCC that is not in the roster gets the same message as one of
    another region, so the answer reveals nothing.
    """
    if scope.is_everything:
        return None

    def gate(records: list[Record]) -> list[Problem]:
        cells = [(r.row, r["uscc"]) for r in records if r["uscc"]]
        usccs = sorted({u for _, u in cells})
        visible: set[str] = set()
        for start in range(0, len(usccs), 900):
            chunk = usccs[start : start + 900]
            found = enterprises_visible(scope).filter(uscc__in=chunk)
            visible |= set(found.values_list("uscc", flat=True))
        message = ERR_OUT_OF_SCOPE.format(region=region_name)
        return [Problem(row, "uscc", message) for row, uscc in cells if uscc not in visible]

    return gate


def upload_import(
    *, actor: Actor, kind: str, path: Path, filename: str, region_name: str
) -> ImportResult:
    """Import an uploaded file as ``actor``: the one place an upload's permission is checked.

    Raises Forbidden when the role may not import ``kind`` (a city analyst: nothing; a county
    user: monthly and daily only). A county user's rows naming enterprises outside its region
    are refused by the scope gate on the records the bounded worker parsed (nothing imported).
    """
    import_authorise(actor=actor, kind=kind)
    gate = scope_gate(scope=actor.scope, region_name=region_name)
    return import_file(kind=kind, path=path, actor=actor.name, filename=filename, gate=gate)


def import_history(scope: Scope) -> QuerySet[ImportBatch]:
    """Import attempts the user may see: all for the city; a county's own users' for a county.

    A batch holds no region, and a city import may carry every county's enterprises, so a county
    user sees the attempts made by users of its own region only.
    """
    qs = ImportBatch.objects.all()
    if not scope.is_everything:
        actors = UserProfile.objects.filter(region_id__in=sorted(scope.regions or ()))
        qs = qs.filter(actor__in=list(actors.values_list("user__username", flat=True)))
    return qs


def batch_visible(scope: Scope, batch_id: int) -> ImportBatch | None:
    return import_history(scope).filter(pk=batch_id).first()


def month_revisions(*, scope: Scope, ym: int) -> list[dict]:
    """Enterprise-months of ``ym`` stored more than once, with every revision (newest first)."""
    reports = (
        MonthlyReport.objects.filter(ym=ym, enterprise__in=enterprises_visible(scope))
        .select_related("enterprise", "batch")
        .order_by("enterprise_id", "-revision")
    )
    revised = set(reports.filter(revision__gt=1).values_list("enterprise_id", flat=True).distinct())
    groups: dict[str, dict] = {}
    for r in reports.filter(enterprise_id__in=sorted(revised)):
        group = groups.setdefault(
            r.enterprise_id, {"uscc": r.enterprise_id, "name": r.enterprise.name, "revisions": []}
        )
        group["revisions"].append(r)
        if "current" not in group and r.batch.withdrawn_at is None:
            group["current"] = r.pk  # the newest revision whose import was not withdrawn
    return list(groups.values())


def latest_revised_period(*, scope: Scope) -> str | None:
    """The newest month with a revised report the scope sees (``YYYY-MM``), or None."""
    ym = (
        MonthlyReport.objects.filter(revision__gt=1, enterprise__in=enterprises_visible(scope))
        .order_by("-ym")
        .values_list("ym", flat=True)
        .first()
    )
    return None if ym is None else f"{ym // 100}-{ym % 100:02d}"
