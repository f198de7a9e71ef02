"""GET /api/v1/catalog: the indicators of `gongxin catalog list --format json`, with definitions."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from gongxin.api.schemas import Indicator

router = Router(tags=["指标"])


@router.get("", response=list[Indicator], summary="指标目录")
def catalog(request: HttpRequest):
    from gongxin.engine import default_catalog

    return [
        {
            "id": i.id,
            "name": i.name,
            "unit": i.unit,
            "dims": list(i.dims),
            "definition": i.definition,
        }
        for i in default_catalog().indicators.values()
    ]
