"""The map asset (the package's ``data/map/<map id>.json``, built by ``tools/build_map.py``): loading,
fitting into a screen rectangle (aspect kept) and hit-testing. No pygame here."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .. import resources, safefile

Point = tuple[float, float]
Rect = tuple[int, int, int, int]  # x, y, w, h

ASSET_DIRS = (resources.map_assets_dir(),)


class MapAssetError(Exception):
    """The map asset is missing or malformed."""


@dataclass(frozen=True)
class RegionShape:
    id: str
    polygons: tuple[tuple[Point, ...], ...]
    anchor: Point
    callout: Point | None
    cities: tuple[tuple[str, Point], ...]
    ports: dict[str, Point]
    box: tuple[float, float, float, float] | None  # off-map regions: x, y, w, h

    @cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        if self.box is not None:
            x, y, w, h = self.box
            return x, y, x + w, y + h
        xs = [p[0] for poly in self.polygons for p in poly]
        ys = [p[1] for poly in self.polygons for p in poly]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class Sea:
    id: str
    name: str
    center: Point  # where sea links bend toward
    label: Point


@dataclass(frozen=True)
class MapGeometry:
    """The asset in its virtual canvas (``width`` × ``height``)."""

    id: str
    width: float
    height: float
    regions: dict[str, RegionShape]
    seas: dict[str, Sea]
    land: tuple[tuple[Point, ...], ...]
    graticule: tuple[tuple[Point, ...], ...]

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> MapGeometry:
        try:
            data = json.loads(safefile.read_text(path, "asset"))
            return cls.from_json(data)
        except safefile.FileRefused as exc:
            raise MapAssetError(f"{path}: cannot read the map asset: {exc.message}") from exc
        except (ValueError, KeyError, TypeError, IndexError, RecursionError) as exc:
            raise MapAssetError(f"{path}: malformed map asset: {exc}") from exc

    @classmethod
    def for_map(cls, map_id: str) -> MapGeometry:
        """The asset of map ``map_id`` from the shipped map assets."""
        for d in ASSET_DIRS:
            p = d / f"{map_id}.json"
            if p.is_file():
                return cls.load(p)
        raise MapAssetError(f"no map asset {map_id}.json in " + ", ".join(map(str, ASSET_DIRS)))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MapGeometry:
        def pt(v: Any) -> Point:
            return float(v[0]), float(v[1])

        regions = {}
        for rid, r in data["regions"].items():
            box = r.get("box")
            regions[rid] = RegionShape(
                id=rid,
                polygons=tuple(tuple(pt(p) for p in poly) for poly in r.get("polygons", [])),
                anchor=pt(r["anchor"]),
                callout=pt(r["callout"]) if r.get("callout") else None,
                cities=tuple((str(c["name"]), pt(c["at"])) for c in r.get("cities", [])),
                ports={k: pt(v) for k, v in r.get("ports", {}).items()},
                box=(float(box[0]), float(box[1]), float(box[2]), float(box[3])) if box else None,
            )
        seas = {
            sid: Sea(sid, str(s["name"]), pt(s["center"]), pt(s.get("label", s["center"])))
            for sid, s in data.get("seas", {}).items()
        }
        return cls(
            id=str(data.get("id", "")),
            width=float(data["width"]),
            height=float(data["height"]),
            regions=regions,
            seas=seas,
            land=tuple(tuple(pt(p) for p in poly) for poly in data.get("land", [])),
            graticule=tuple(tuple(pt(p) for p in ln) for ln in data.get("graticule", [])),
        )

    def fit(self, rect: Rect) -> FittedMap:
        """The map scaled into ``rect`` (aspect kept, centred)."""
        return FittedMap(self, rect)


def point_in_polygon(x: float, y: float, poly: tuple[Point, ...]) -> bool:
    inside = False
    j = len(poly) - 1
    for i in range(len(poly)):
        xi, yi = poly[i]
        xj, yj = poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


class FittedMap:
    """A MapGeometry placed in a screen rectangle: canvas ↔ screen transforms, hit-testing."""

    def __init__(self, geometry: MapGeometry, rect: Rect) -> None:
        self.geometry = geometry
        self.rect = rect
        x, y, w, h = rect
        self.scale = min(w / geometry.width, h / geometry.height) if w > 0 and h > 0 else 1.0
        self.ox = x + (w - geometry.width * self.scale) / 2
        self.oy = y + (h - geometry.height * self.scale) / 2

    @property
    def map_rect(self) -> Rect:
        """The screen rectangle the map itself covers inside ``rect``."""
        g = self.geometry
        return (
            round(self.ox), round(self.oy), round(g.width * self.scale), round(g.height * self.scale)
        )

    def to_screen(self, p: Point) -> tuple[int, int]:
        return round(self.ox + p[0] * self.scale), round(self.oy + p[1] * self.scale)

    def to_canvas(self, p: tuple[float, float]) -> Point:
        return (p[0] - self.ox) / self.scale, (p[1] - self.oy) / self.scale

    def polygon(self, poly: tuple[Point, ...]) -> list[tuple[int, int]]:
        s, ox, oy = self.scale, self.ox, self.oy
        return [(round(ox + x * s), round(oy + y * s)) for x, y in poly]

    @cached_property
    def region_polygons(self) -> dict[str, list[list[tuple[int, int]]]]:
        return {
            rid: [self.polygon(p) for p in r.polygons] for rid, r in self.geometry.regions.items()
        }

    def anchor(self, rid: str) -> tuple[int, int]:
        return self.to_screen(self.geometry.regions[rid].anchor)

    def box(self, rid: str) -> Rect | None:
        b = self.geometry.regions[rid].box
        if b is None:
            return None
        x, y = self.to_screen((b[0], b[1]))
        return x, y, round(b[2] * self.scale), round(b[3] * self.scale)

    def region_at(self, pos: tuple[float, float]) -> str | None:
        """The region under the screen point ``pos`` (off-map boxes included), or None."""
        cx, cy = self.to_canvas(pos)
        for rid, r in self.geometry.regions.items():
            x0, y0, x1, y1 = r.bbox
            if not (x0 <= cx <= x1 and y0 <= cy <= y1):
                continue
            if r.box is not None:
                return rid
            if any(point_in_polygon(cx, cy, poly) for poly in r.polygons):
                return rid
        return None
