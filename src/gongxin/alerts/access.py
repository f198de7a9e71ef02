"""The only way code serving a user fetches warnings: through the user's scope.

A county user sees aggregate warnings (region, industry, chain, city) of every region, as
they are published in the bulletin, but enterprise warnings of its own region only; a warning
outside that is reported exactly like one that does not exist. It may act (assign, close …)
only on warnings of its own region: its enterprises' and its region's own.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongxin.alerts.models import StoredWarning, WarningScope
from gongxin.registry.permissions import Forbidden
from gongxin.scope import Scope

ERR_NOT_FOUND = "未找到编号为 {id} 的预警"
ERR_NOT_YOUR_REGION = "只能处置本区县的预警：该预警不属于{label}"
ERR_ASSIGN_OUTSIDE = "只能交办给本区县：{region} 不属于{label}"


class WarningForbidden(Forbidden):
    """A visible warning the user may not act on (a 403, not a 404)."""


def warnings_visible(scope: Scope) -> QuerySet[StoredWarning]:
    qs = StoredWarning.objects.all()
    if scope.regions is None:
        return qs
    return qs.filter(~Q(scope=WarningScope.ENTERPRISE) | Q(region__in=sorted(scope.regions)))


def warning_access(scope: Scope, warning_id: int) -> StoredWarning:
    """The warning, if ``scope`` may see it; ``StoredWarning.DoesNotExist`` otherwise."""
    return warnings_visible(scope).get(pk=warning_id)


def warning_check_actionable(
    scope: Scope, warning: StoredWarning, *, region: str | None = None
) -> None:
    """Raise WarningForbidden unless ``scope`` may act on ``warning`` (and assign to ``region``)."""
    if scope.regions is None:
        return
    if warning.region not in scope.regions:
        raise WarningForbidden(ERR_NOT_YOUR_REGION.format(label=scope.label))
    if region and region not in scope.regions:
        raise WarningForbidden(ERR_ASSIGN_OUTSIDE.format(region=region, label=scope.label))
