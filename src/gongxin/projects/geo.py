"""The city's boundaries for project coordinates: bounds and point-in-polygon, no Django.

Read from the same local GeoJSON the cockpit's map draws (``city/data/geo/<city>.geojson``).
An import checks a project's point against the city's bounding box (the contract's "inside the
city's bounds"); the demo places each project inside its own county's polygon.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class CityShape:
    # region code -> polygons, each a list of rings (outer first, then holes)
    regions: dict[str, list[list[Ring]]]

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(min lng, min lat, max lng, max lat) over every region."""
        xs, ys = [], []
        for polygons in self.regions.values():
            for polygon in polygons:
                for x, y in polygon[0]:
                    xs.append(x)
                    ys.append(y)
        return min(xs), min(ys), max(xs), max(ys)

    def in_bounds(self, lng: float, lat: float) -> bool:
        x0, y0, x1, y1 = self.bounds
        return x0 <= lng <= x1 and y0 <= lat <= y1

    def region_bounds(self, code: str) -> tuple[float, float, float, float]:
        ring = [pt for polygon in self.regions[code] for pt in polygon[0]]
        return (
            min(p[0] for p in ring),
            min(p[1] for p in ring),
            max(p[0] for p in ring),
            max(p[1] for p in ring),
        )

    def contains(self, code: str, lng: float, lat: float) -> bool:
        """Whether the point lies inside region ``code`` (even-odd rule, holes excluded)."""
        for polygon in self.regions.get(code, ()):
            if _in_ring(polygon[0], lng, lat) and not any(
                _in_ring(hole, lng, lat) for hole in polygon[1:]
            ):
                return True
        return False


def _in_ring(ring: Ring, x: float, y: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def parse_shape(text: str) -> CityShape:
    data = json.loads(text)
    regions: dict[str, list[list[Ring]]] = {}
    for feature in data.get("features", []):
        code = str(feature.get("properties", {}).get("code") or feature.get("id"))
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        regions[code] = [
            [[(float(x), float(y)) for x, y, *_ in ring] for ring in p] for p in polygons
        ]
    return CityShape(regions)


@functools.cache
def city_shape(city_code: str) -> CityShape | None:
    """The shape of city ``city_code``, or None when no map of it is drawn."""
    path = resources.files("gongxin.city") / "data" / "geo" / f"{city_code}.geojson"
    if not path.is_file():
        return None
    return parse_shape(path.read_text("utf-8"))
