"""The only way code serving a user fetches enterprises: through the user's scope.

A county user sees enterprise-level data of its own region only; an enterprise outside it is
reported exactly like one that does not exist (``Enterprise.DoesNotExist``, a 404 on pages), so
that a user cannot learn which USCCs the city holds elsewhere.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongxin.registry.models import Enterprise
from gongxin.registry.uscc import uscc_normalise
from gongxin.scope import Scope


def enterprises_visible(scope: Scope) -> QuerySet[Enterprise]:
    """Every enterprise ``scope`` may see at enterprise level."""
    qs = Enterprise.objects.all()
    if scope.regions is None:
        return qs
    return qs.filter(region_id__in=sorted(scope.regions))


def access_enterprise(scope: Scope, uscc: str) -> Enterprise:
    """The enterprise, if ``scope`` may see it; ``Enterprise.DoesNotExist`` otherwise or if none."""
    return enterprises_visible(scope).get(uscc=uscc_normalise(uscc))
