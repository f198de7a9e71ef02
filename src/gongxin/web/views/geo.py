"""Region boundaries for the cockpit map, served from the city package (no map service)."""

from __future__ import annotations

from importlib import resources

from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.cache import cache_control

from gongxin.city.config import load_city_config


@cache_control(private=True, max_age=24 * 3600)
def geo(request: HttpRequest, code: str) -> FileResponse:
    """``<city code>.geojson`` of the configured city; 404 for any other code or none drawn."""
    if code != load_city_config().code:
        raise Http404("no boundaries")
    path = resources.files("gongxin.city") / "data" / "geo" / f"{code}.geojson"
    if not path.is_file():
        raise Http404("no boundaries")
    return FileResponse(path.open("rb"), content_type="application/geo+json")
