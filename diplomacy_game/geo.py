"""Where things are on the globe and on a map asset's canvas, with no pygame: the projection the
map build tool uses (``tools/build_map.py``), a region's position, and an asset's frame (its
canvas size and projection) for the checks that ask whether a position falls on the map.

The front end's map (``ui/mapdata.py``) and the scenario linter both build on this module."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from . import resources

Point = tuple[float, float]
EARTH_KM = 6371.0

# The squeeze ``tools/build_map.py`` applies east of a meridian (see SQUEEZE_* there): lon, lat,
# the scale it falls to and over how many km. Assets that do not say are built with these.
DEFAULT_SQUEEZE = (79.0, 40.0, 0.65, 600.0)


@dataclass(frozen=True)
class Projection:
    """The asset's projection (lon, lat → canvas px): Lambert conformal conic on a sphere, as
    ``tools/build_map.py`` builds it, with its eastward squeeze and its window."""

    lon0: float
    lat0: float
    lat1: float
    lat2: float
    window_km: tuple[float, float, float, float]  # x0, y0, x1, y1
    px_per_km: float
    squeeze: tuple[float, float, float, float] | None = DEFAULT_SQUEEZE

    @classmethod
    def from_json(cls, d: Any) -> Projection | None:
        if not isinstance(d, dict) or d.get("kind") != "lambert_conformal_conic":
            return None
        p1, p2 = d["parallels"]
        sq = d.get("squeeze", DEFAULT_SQUEEZE)
        w = d["window_km"]
        return cls(float(d["lon0"]), float(d["lat0"]), float(p1), float(p2),
                   (float(w[0]), float(w[1]), float(w[2]), float(w[3])), float(d["px_per_km"]),
                   None if sq is None else (float(sq[0]), float(sq[1]), float(sq[2]), float(sq[3])))

    @cached_property
    def _cone(self) -> tuple[float, float, float]:
        p1, p2, p0 = map(math.radians, (self.lat1, self.lat2, self.lat0))
        if abs(p1 - p2) < 1e-9:
            n = math.sin(p1)
        else:
            n = math.log(math.cos(p1) / math.cos(p2)) / math.log(
                math.tan(math.pi / 4 + p2 / 2) / math.tan(math.pi / 4 + p1 / 2))
        f = math.cos(p1) * math.tan(math.pi / 4 + p1 / 2) ** n / n
        return n, f, f / math.tan(math.pi / 4 + p0 / 2) ** n

    def km(self, lon: float, lat: float) -> Point:
        """(lon, lat) in the projection's km (x east, y north), before the squeeze."""
        n, f, rho0 = self._cone
        d = (lon - self.lon0 + 180.0) % 360.0 - 180.0
        lat = max(-80.0, min(89.0, lat))
        rho = f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** n
        t = n * math.radians(d)
        return EARTH_KM * rho * math.sin(t), EARTH_KM * (rho0 - rho * math.cos(t))

    def __call__(self, lon: float, lat: float) -> Point:
        x, y = self.km(lon, lat)
        if self.squeeze is not None:
            xa = self.km(self.squeeze[0], self.squeeze[1])[0]
            k, length = self.squeeze[2], self.squeeze[3]
            u = x - xa
            if u > 0:
                x = xa + k * u + (1 - k) * length * (1 - math.exp(-u / length))
        x0, _, _, y1 = self.window_km
        return (x - x0) * self.px_per_km, (y1 - y) * self.px_per_km


def region_position(region: Any) -> tuple[float, float] | None:
    """Where a region is on the globe (lon, lat): its ``at``, else its first city, else None."""
    at = getattr(region, "at", None)
    if at is not None:
        return float(at.lon), float(at.lat)
    cities = getattr(region, "cities", None) or []
    return (float(cities[0].lon), float(cities[0].lat)) if cities else None


@dataclass(frozen=True)
class MapFrame:
    """A map asset's canvas and its projection: enough to tell whether a (lon, lat) is on it."""

    width: float
    height: float
    projection: Projection

    def contains(self, lon: float, lat: float, margin: float = 0.0) -> bool:
        """Whether (lon, lat) projects inside the canvas (``margin`` px in from each edge)."""
        x, y = self.projection(lon, lat)
        return margin <= x <= self.width - margin and margin <= y <= self.height - margin


@lru_cache(maxsize=8)
def map_frame(map_id: str) -> MapFrame | None:
    """The frame of the shipped map asset ``map_id``; None when there is no such asset, it has no
    projection, or it cannot be read (a check that needs it then says nothing)."""
    path = resources.map_assets_dir() / f"{map_id}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        proj = Projection.from_json(data.get("projection"))
        if proj is None:
            return None
        return MapFrame(float(data["width"]), float(data["height"]), proj)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
