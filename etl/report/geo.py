"""The province boundaries of the maps (data/reference/geo/provinces.geojson) and the
attribution their CC BY 4.0 licence asks for under every map (geo/SOURCE.md).

Read once per process: the file is 70 kB and never changes while the app runs.
"""

from __future__ import annotations

import json
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from etl.core import settings

# The key of a feature is its Kemendagri code, the same as the agency code of a province.
KEY = "id"
# Under every map: who made the boundaries, the licence and that they were changed (the
# Papua codes); geo/SOURCE.md says what exactly. Both languages, like every text shown.
ATTRIBUTION = (
    "Batas provinsi: “Indonesia GeoJSON & TopoJSON Maps (38 Provinces)”, denyherianto, CC BY 4.0 "
    "(kode Papua disesuaikan; lihat data/reference/geo/SOURCE.md). Hanya untuk tampilan.",
    "Province boundaries: “Indonesia GeoJSON & TopoJSON Maps (38 Provinces)”, denyherianto, "
    "CC BY 4.0 (Papua codes corrected; see data/reference/geo/SOURCE.md). For display only.",
)
SOURCE_URL = "https://github.com/denyherianto/indonesia-geojson-topojson-maps-with-38-provinces"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"


def geo_dir() -> Path:
    return settings.REFERENCE_DIR / "geo"


@lru_cache(maxsize=1)
def provinces() -> dict:
    """The FeatureCollection, one feature per province, `id` = the province's code, its rings
    wound the way plotly draws them (`_wound`)."""
    collection = json.loads((geo_dir() / "provinces.geojson").read_text(encoding="utf-8"))
    for feature in collection["features"]:
        feature["geometry"] = _wound(feature["geometry"])
    return collection


def _signed_area(ring: list) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def _wound(geometry: dict) -> dict:
    """Outer rings clockwise, holes counter-clockwise: plotly's map (d3-geo, spherical) reads a
    counter-clockwise outer ring, as RFC 7946 writes it, as the whole globe *but* the island,
    and one such province paints the map over. Same points, only their order (in memory)."""

    def polygon(rings: list) -> list:
        return [
            ring[::-1] if (_signed_area(ring) > 0) == (i == 0) else ring
            for i, ring in enumerate(rings)
        ]

    if geometry["type"] == "Polygon":
        return {**geometry, "coordinates": polygon(geometry["coordinates"])}
    return {**geometry, "coordinates": [polygon(p) for p in geometry["coordinates"]]}


def codes() -> list[str]:
    return [str(f[KEY]) for f in provinces()["features"]]


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


def _area(ring: list) -> float:
    return abs(_signed_area(ring))


@lru_cache(maxsize=1)
def label_points() -> dict[str, tuple[float, float]]:
    """Code → (longitude, latitude) where a province's status symbol is drawn: the mean of the
    outer ring of its largest island (an archipelago's mean would fall in the sea)."""
    points = {}
    for feature in provinces()["features"]:
        ring = max(_rings(feature["geometry"]), key=_area)
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        points[str(feature[KEY])] = (sum(xs) / len(xs), sum(ys) / len(ys))
    return points


@lru_cache(maxsize=1)
def bounds(margin: float = 0.5) -> tuple[tuple[float, float], tuple[float, float]]:
    """((west, east), (south, north)) of every boundary, a margin around: the map's frame."""
    xs, ys = [], []
    for feature in provinces()["features"]:
        for ring in _rings(feature["geometry"]):
            xs += [p[0] for p in ring]
            ys += [p[1] for p in ring]
    return (min(xs) - margin, max(xs) + margin), (min(ys) - margin, max(ys) + margin)
