"""GET /api/v1/alerts?period=YYYY-MM — to be written by the warnings work (gongxin.alerts).

The contract (shared data-contract.md, "Warnings out" and "Users, web and API"): the same JSON
array as `gongxin alerts --period P --format json`, evaluated with ``request.scope`` so that a
county user sees enterprise warnings of its own region only. Add the operation to ``router``
below as ``@router.get("", response=list[...])``; it is already mounted at /api/v1/alerts and
inherits bearer-token authentication from the API. Until then the path answers 404.
"""

from __future__ import annotations

from ninja import Router

router = Router(tags=["预警"])
