"""The map asset (the package's ``data/map/<map id>.json``, built by ``tools/build_map.py``): loading,
fitting into a screen rectangle (aspect kept) and hit-testing. No pygame here."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from .. import resources, safefile
from ..geo import Point as Point  # re-exported: the map modules name their points by it
from ..geo import Projection, region_position

Rect = tuple[int, int, int, int]  # x, y, w, h

ASSET_DIRS = (resources.map_assets_dir(),)


class MapAssetError(Exception):
    """The map asset is missing or malformed."""


# A region with no drawn shape (a scenario's own region, or a map region the asset lacks) is a
# marker: a disc at its position (``at:``, else its first city), of this radius in canvas px and
# never less than MARKER_MIN_PX on screen.
MARKER_RADIUS = 15.0
MARKER_MIN_PX = 11


@dataclass(frozen=True)
class RegionShape:
    id: str
    polygons: tuple[tuple[Point, ...], ...]
    anchor: Point
    callout: Point | None
    cities: tuple[tuple[str, Point], ...]
    ports: dict[str, Point]
    box: tuple[float, float, float, float] | None  # off-map regions: x, y, w, h
    marker: bool = False  # no drawn shape: a disc at ``anchor`` (see MARKER_RADIUS)

    @cached_property
    def bbox(self) -> tuple[float, float, float, float]:
        if self.marker or (not self.polygons and self.box is None):
            x, y = self.anchor
            return x - MARKER_RADIUS, y - MARKER_RADIUS, x + MARKER_RADIUS, y + MARKER_RADIUS
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
    projection: Projection | None = None

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
            projection=Projection.from_json(data.get("projection")),
        )

    @classmethod
    def blank(cls, map_id: str, regions: Iterable[Any], width: float = 1600.0) -> MapGeometry:
        """A map with no asset: a canvas and a projection fitted to the regions' positions (their
        ``at:`` or capitals), on which every region is a marker (see ``with_markers``)."""
        points = [p for p in (region_position(r) for r in regions if not getattr(r, "offmap", False))
                  if p is not None] or [(0.0, 0.0)]
        lon0 = sum(p[0] for p in points) / len(points)
        lats = [p[1] for p in points]
        lat0 = sum(lats) / len(lats)
        lo, hi = max(-75.0, min(lats)), min(85.0, max(lats))
        if hi - lo < 2:
            lo, hi = lo - 1, hi + 1
        if lo < 0 < hi or abs(lo + hi) < 1e-6:  # a cone needs one hemisphere: fall back to a flat cone
            lo, hi = (1.0, 2.0) if lat0 >= 0 else (-2.0, -1.0)
        proj = Projection(lon0, lat0, lo + (hi - lo) / 6, hi - (hi - lo) / 6, (0.0, 0.0, 1.0, 1.0), 1.0, None)
        km = [proj.km(*p) for p in points]
        xs, ys = [p[0] for p in km], [p[1] for p in km]
        span_x, span_y = max(max(xs) - min(xs), 500.0), max(max(ys) - min(ys), 300.0)
        mx, my = span_x * 0.08, span_y * 0.12
        x0, x1 = min(xs) - mx, min(xs) + span_x + mx
        y0, y1 = min(ys) - my, min(ys) + span_y + my
        scale = width / (x1 - x0)
        proj = replace(proj, window_km=(x0, y0, x1, y1), px_per_km=scale)
        return cls(id=map_id, width=width, height=max(400.0, (y1 - y0) * scale), regions={}, seas={}, land=(),
                   graticule=(), projection=proj)

    @classmethod
    def for_scenario(cls, scenario: Any) -> MapGeometry:
        """The asset of the scenario's map, or without one (none shipped, or a broken one) a blank map
        where every region is a marker: drawing never fails for want of an asset."""
        gmap = scenario.map.model
        try:
            return cls.for_map(gmap.id)
        except MapAssetError:
            return cls.blank(gmap.id, gmap.regions)

    def with_markers(self, regions: Iterable[Any]) -> MapGeometry:
        """This geometry plus a marker for each of ``regions`` (map Region models) it has no shape
        for: at its position projected like the asset's cities, or, with no position (or no
        projection), in a row along the top of the map."""
        extra: dict[str, RegionShape] = {}
        unplaced: list[str] = []
        for r in regions:
            if r.id in self.regions:
                continue
            pos = None if getattr(r, "offmap", False) else region_position(r)  # an off-map box: in the row
            if pos is None or self.projection is None:
                unplaced.append(r.id)
                continue
            x, y = self.projection(*pos)
            x = min(max(x, MARKER_RADIUS * 2), self.width - MARKER_RADIUS * 2)
            y = min(max(y, MARKER_RADIUS * 2), self.height - MARKER_RADIUS * 3)
            extra[r.id] = RegionShape(r.id, (), (x, y), None, (), {}, None, marker=True)
        step = MARKER_RADIUS * 9
        for i, rid in enumerate(unplaced):
            x = MARKER_RADIUS * 4 + (i % max(1, int(self.width // step))) * step
            y = MARKER_RADIUS * 3 + (i // max(1, int(self.width // step))) * MARKER_RADIUS * 6
            extra[rid] = RegionShape(rid, (), (x, y), None, (), {}, None, marker=True)
        if not extra:
            return self
        return replace(self, regions={**self.regions, **extra})

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


#: the zoom levels the map view steps through (1: the whole map fitted into its rectangle)
ZOOM_STEPS = (1.0, 1.5, 2.0, 3.0, 4.0)


def fit_scale(geometry: MapGeometry, size: tuple[int, int]) -> float:
    """The scale at which the whole map fits into ``size`` (aspect kept): zoom 1."""
    w, h = size
    return min(w / geometry.width, h / geometry.height) if w > 0 and h > 0 else 1.0


def camera(geometry: MapGeometry, size: tuple[int, int], zoom: float, center: Point | None) -> tuple[float, int, int]:
    """(scale, ox, oy) of the map seen at ``zoom`` in a ``size`` rectangle with the canvas point
    ``center`` (None: the map's centre) as near its middle as the map's edges allow: a map
    narrower than the rectangle is centred, a wider one never leaves a gap at an edge. The
    offsets are whole pixels, so that a layer drawn at this scale blits pixel for pixel."""
    w, h = size
    s = fit_scale(geometry, size) * zoom
    cx, cy = center if center is not None else (geometry.width / 2, geometry.height / 2)
    mw, mh = round(geometry.width * s), round(geometry.height * s)

    def place(extent: int, inner: int, c: float) -> int:
        if inner <= extent:
            return (extent - inner) // 2
        return round(min(0.0, max(float(extent - inner), extent / 2 - c * s)))

    return s, place(w, mw, cx), place(h, mh, cy)


class FittedMap:
    """A MapGeometry placed in a screen rectangle: canvas ↔ screen transforms, hit-testing.
    ``scale`` and ``origin`` (both or neither) place it explicitly (a zoomed and panned view,
    see ``camera``); without them the whole map is fitted into ``rect``, centred."""

    def __init__(self, geometry: MapGeometry, rect: Rect, scale: float | None = None,
                 origin: tuple[float, float] | None = None) -> None:  # fmt: skip
        self.geometry = geometry
        self.rect = rect
        x, y, w, h = rect
        self.scale = fit_scale(geometry, (w, h)) if scale is None else scale
        if origin is None:
            self.ox = x + (w - geometry.width * self.scale) / 2
            self.oy = y + (h - geometry.height * self.scale) / 2
        else:
            self.ox, self.oy = x + origin[0], y + origin[1]

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

    @cached_property
    def land_polygons(self) -> list[list[tuple[int, int]]]:
        return [self.polygon(p) for p in self.geometry.land]

    @cached_property
    def graticule_lines(self) -> list[list[tuple[int, int]]]:
        return [self.polygon(p) for p in self.geometry.graticule]

    def in_shape(self, rid: str, pos: tuple[float, float]) -> bool:
        """Whether the screen point ``pos`` lies in ``rid``'s own shape (its polygons, its box or
        its marker disc), whatever lies over it."""
        r = self.geometry.regions[rid]
        cx, cy = self.to_canvas(pos)
        if r.marker or (not r.polygons and r.box is None):
            rad = self.marker_radius / self.scale if self.scale else MARKER_RADIUS
            return math.dist((cx, cy), r.anchor) <= rad
        x0, y0, x1, y1 = r.bbox
        if not (x0 <= cx <= x1 and y0 <= cy <= y1):
            return False
        return r.box is not None or any(point_in_polygon(cx, cy, poly) for poly in r.polygons)

    def anchor(self, rid: str) -> tuple[int, int]:
        return self.to_screen(self.geometry.regions[rid].anchor)

    def box(self, rid: str) -> Rect | None:
        b = self.geometry.regions[rid].box
        if b is None:
            return None
        x, y = self.to_screen((b[0], b[1]))
        return x, y, round(b[2] * self.scale), round(b[3] * self.scale)

    @property
    def marker_radius(self) -> int:
        """A marker's radius on screen (px)."""
        return max(MARKER_MIN_PX, round(MARKER_RADIUS * self.scale))

    def region_at(self, pos: tuple[float, float]) -> str | None:
        """The region under the screen point ``pos`` (off-map boxes and markers included), or None.
        A marker lies over any shape under it."""
        cx, cy = self.to_canvas(pos)
        rad = self.marker_radius / self.scale if self.scale else MARKER_RADIUS
        for rid, r in self.geometry.regions.items():
            if r.marker and math.dist((cx, cy), r.anchor) <= rad:
                return rid
        for rid, r in self.geometry.regions.items():
            if r.marker:
                continue
            x0, y0, x1, y1 = r.bbox
            if not (x0 <= cx <= x1 and y0 <= cy <= y1):
                continue
            if r.box is not None:
                return rid
            if any(point_in_polygon(cx, cy, poly) for poly in r.polygons):
                return rid
        return None
