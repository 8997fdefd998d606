"""The map as the game draws it: from a SeatView only, onto any pygame Surface.

The view has a camera: a zoom (``ZOOM_STEPS``, 1 = the whole map fitted into the rectangle) and
a centre (pan). ``MapRenderer.draw`` keeps, per zoom level, a layer with the whole map at that
scale (sea, land, regions filled by controller, borders, sea links, cities, labels, influence
counters, stability) and blits the part in view. Where everything goes (labels, leader lines,
city names: a ``_Layout``) depends on the scale alone, never on influence or control, so a move
re-paints only the rectangles of the regions whose control, influence or stability changed,
clipped, over the same layout: the result is the same as a full rebuild, pixel for pixel but
for a shade on a repainted rectangle's very edge, where a line crossing it is rasterised from
the cut (SDL clips lines to whole pixels).
Hover, legal targets and the highlighted region are drawn on top (``draw_changed`` redraws
only what changed among them). No rule lives here: who controls what is read from
``view.control``.

Labels: a region's label sits inside it when it fits there; otherwise (Armenia, Lebanon at
1280×720) beside it, on a free spot, joined to it by a leader line. A click on a label picks
its region, before any shape under it; no label covers another region's centre.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pygame

from .colour import Color, mix, readable_on
from .mapdata import ZOOM_STEPS, FittedMap, MapGeometry, Point, Rect, camera, fit_scale
from .palette import Palette, pattern_tile

SEA_LINK_DASH = 7.0  # canvas px
BASE_LABEL = 22  # font px at canvas scale 1
BASE_CITY = 18
BASE_COUNTER = 19
MIN_FONT = 12  # city names, counters
MIN_LABEL = 15  # region names stay larger than city names
TEXT_SCALE_MAX = 1.1  # zoomed in, the map grows and its words stop growing at this scale
DOT_SCALE_MAX = 1.3  # and its city dots at this one
LAYER_BUDGET_PX = 8_000_000  # a zoom level whose layer would be larger is not offered
LAYERS_KEPT = 2  # zoom levels whose layers are kept (the current one and the last)
PAN_STEP = 0.2  # a pan key moves the view by this share of the rectangle


def _font(size: int, bold: bool = False) -> pygame.font.Font:
    key = (size, bold)
    f = _FONTS.get(key)
    if f is None:
        if not pygame.font.get_init():
            pygame.font.init()
        f = pygame.font.Font(None, size)
        f.bold = bold
        _FONTS[key] = f
    return f


_FONTS: dict[tuple[int, bool], pygame.font.Font] = {}


def _text(
    surf: pygame.Surface,
    text: str,
    pos: tuple[float, float],
    font: pygame.font.Font,
    color: Color,
    halo: Color | None = None,
    align: str = "center",
) -> pygame.Rect:
    img = font.render(text, True, color)
    r = img.get_rect()
    x, y = round(pos[0]), round(pos[1])
    if align == "center":
        r.center = (x, y)
    elif align == "left":
        r.midleft = (x, y)
    else:
        r.midright = (x, y)
    if halo is not None:
        back = font.render(text, True, halo)
        for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)):
            surf.blit(back, r.move(dx, dy))
    surf.blit(img, r)
    return r


def _quad(a: Point, c: Point, b: Point, n: int = 32) -> list[Point]:
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        out.append(
            (u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1])
        )
    return out


def _dashed(surf: pygame.Surface, pts: list[Point], color: Color, dash: float, width: int) -> None:
    """A dashed polyline: ``dash`` on, ``dash`` off, along its length."""
    on, left = True, dash
    for a, b in itertools.pairwise(pts):
        seg = math.dist(a, b)
        pos = 0.0
        while seg - pos > 1e-6:
            step = min(left, seg - pos)
            if on:
                t0, t1 = pos / seg, (pos + step) / seg
                p0 = (a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0)
                p1 = (a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1)
                if width <= 1:
                    pygame.draw.aaline(surf, color, p0, p1)
                else:
                    pygame.draw.line(surf, color, p0, p1, width)
            pos += step
            left -= step
            if left <= 1e-6:
                on, left = not on, dash


@contextmanager
def _clip(surf: pygame.Surface, rect: pygame.Rect) -> Iterator[None]:
    """Draw inside ``rect`` and inside whatever clip the surface already has; restore it after."""
    old = surf.get_clip()
    surf.set_clip(rect.clip(old))
    try:
        yield
    finally:
        surf.set_clip(old)


def _merge(rects: Iterable[pygame.Rect]) -> list[pygame.Rect]:
    """Rectangles with the overlapping ones united (so nothing is painted twice)."""
    out: list[pygame.Rect] = []
    for r in rects:
        r = pygame.Rect(r)
        i = r.collidelist(out)
        while i >= 0:
            r.union_ip(out.pop(i))
            i = r.collidelist(out)
        out.append(r)
    return out


def _bounds(pts: Iterable[tuple[float, float]], pad: int) -> pygame.Rect:
    xs, ys = zip(*pts, strict=True)
    x0, y0 = math.floor(min(xs)) - pad, math.floor(min(ys)) - pad
    return pygame.Rect(x0, y0, math.ceil(max(xs)) + pad - x0 + 1, math.ceil(max(ys)) + pad - y0 + 1)


def _outline(
    surf: pygame.Surface, polys: Iterable[list[tuple[int, int]]], color: Color, width: int,
    offset: tuple[int, int] = (0, 0),
) -> None:  # fmt: skip
    dx, dy = offset
    for poly in polys:
        pts = [(x + dx, y + dy) for x, y in poly] if offset != (0, 0) else poly
        if len(pts) >= 3:
            pygame.draw.lines(surf, color, True, pts, width)
            if width >= 3:  # round the joints
                for p in pts:
                    pygame.draw.circle(surf, color, p, width // 2)


@dataclass
class _Label:
    """A region's label group (stability pip, name, a row for the influence counters) in layer
    px, and its leader line when it sits outside the region."""

    group: pygame.Rect
    line_h: int
    leader: tuple[tuple[int, int], tuple[int, int]] | None = None


@dataclass
class _Layout:
    """Where everything goes at one scale, in layer px (the whole map at that scale). It depends
    on the scale alone: never on control, influence or stability."""

    fit: FittedMap
    ts: float  # the scale of words, counters and pips
    labels: dict[str, _Label] = field(default_factory=dict)
    discs: dict[str, pygame.Rect] = field(default_factory=dict)  # markers
    boxes: dict[str, pygame.Rect] = field(default_factory=dict)  # off-map regions
    region_box: dict[str, pygame.Rect] = field(default_factory=dict)  # a shape's bounds (borders included)
    land: list[pygame.Rect] = field(default_factory=list)
    graticule: list[pygame.Rect] = field(default_factory=list)
    sea_links: list[tuple[list[Point], pygame.Rect]] = field(default_factory=list)
    sea_labels: list[tuple[str, tuple[int, int], pygame.Rect]] = field(default_factory=list)
    marker_links: list[tuple[tuple[int, int], tuple[int, int], pygame.Rect]] = field(default_factory=list)
    dots: list[tuple[tuple[int, int], pygame.Rect]] = field(default_factory=list)
    city_names: list[tuple[str, pygame.Rect]] = field(default_factory=list)
    dirty: dict[str, pygame.Rect] = field(default_factory=dict)  # what a region's change re-paints
    hits: list[tuple[pygame.Rect, str]] = field(default_factory=list)  # labels first, then discs

    @property
    def size(self) -> tuple[int, int]:
        return self.fit.rect[2], self.fit.rect[3]


@dataclass
class _Layer:
    surface: pygame.Surface
    layout: _Layout
    shown: dict[str, Any]  # what each region shows (control, influence, stability), as painted
    view: Any = None  # the view last painted (views are never changed in place)


@dataclass(frozen=True)
class _Frame:
    """What the last ``draw`` put on the screen: where, through which camera, which overlays."""

    rect: tuple[int, int, int, int]
    origin: tuple[int, int]
    layer: int
    overlays: frozenset[tuple[str, str]]


class MapRenderer:
    """Draws a scenario's map from a SeatView (never from the game state)."""

    def __init__(self, scenario: Any, geometry: MapGeometry, palette: Palette) -> None:
        self.scenario = scenario
        # regions without a drawn shape (a scenario's own, or ones the asset lacks) become markers
        self.geometry = geometry.with_markers(scenario.map.model.regions)
        self.palette = palette
        self.factions: tuple[str, ...] = tuple(f.id for f in scenario.model.factions)
        self.names = {r.id: r.name for r in scenario.map.model.regions}
        self.sea_pairs = self._sea_pairs(scenario)
        self.links = {r.id: tuple(r.links) for r in scenario.map.model.regions}
        self.static_builds = 0  # how many times a whole layer was painted
        self.region_repaints = 0  # how many regions were re-painted in place after a change
        self.repainted: list[pygame.Rect] = []  # the layer rectangles the last change re-painted
        self.zoom = 1.0
        self.center: Point | None = None  # the canvas point in the middle of the view (None: the map's)
        self._layers: dict[tuple[Any, ...], _Layer] = {}
        self._fitted: FittedMap | None = None  # the view as last drawn, rect-local
        self._origin: tuple[int, int] = (0, 0)  # the layer's top-left, rect-local
        self._layer: _Layer | None = None
        self._rect: Rect = (0, 0, 0, 0)
        self._frame: _Frame | None = None

    # ------------------------------------------------------------------ public

    def set_palette(self, palette: Palette) -> None:
        if palette != self.palette:
            self.palette = palette
            self._layers.clear()
            self._frame = None

    @property
    def fitted(self) -> FittedMap | None:
        """The map as last drawn (zoom and pan included), in the drawn rect's local coordinates."""
        return self._fitted

    def view_key(self) -> tuple[float, Point | None]:
        """The camera (zoom, centre): a frame cache draws the map again when it changes."""
        return self.zoom, self.center

    def zoom_levels(self, size: tuple[int, int] | None = None) -> tuple[float, ...]:
        """The zoom levels offered for a rectangle of ``size`` (the last drawn one by default)."""
        w, h = size if size is not None else self._rect[2:]
        base = fit_scale(self.geometry, (w, h))
        area = self.geometry.width * self.geometry.height * base * base
        return tuple(z for z in ZOOM_STEPS if z == 1.0 or area * z * z <= LAYER_BUDGET_PX)

    def zoom_by(self, steps: int, at: tuple[float, float] | None = None) -> bool:
        """Zoom ``steps`` levels in (> 0) or out (< 0), keeping the map point under the screen
        point ``at`` (default: the middle of the view) where it is. True when the view changed."""
        levels = self.zoom_levels()
        cur = min(range(len(levels)), key=lambda i: abs(levels[i] - self.zoom))
        new = levels[max(0, min(len(levels) - 1, cur + steps))]
        if new == self.zoom or self._fitted is None:
            return False
        x, y, w, h = self._rect
        local = (w / 2, h / 2) if at is None else (at[0] - x, at[1] - y)
        px, py = self._fitted.to_canvas(local)
        s = fit_scale(self.geometry, (w, h)) * new
        self.zoom = new
        self.center = None if new == 1.0 else (px - (local[0] - w / 2) / s, py - (local[1] - h / 2) / s)
        self._settle()
        return True

    def pan_by(self, dx: float, dy: float) -> bool:
        """Move the view by (dx, dy) shares of its rectangle (+x: east, +y: south). True when it moved."""
        if self._fitted is None:
            return False
        _, _, w, h = self._rect
        s = self._fitted.scale
        cx, cy = self.center if self.center is not None else self._fitted.to_canvas((w / 2, h / 2))
        before = self._origin
        self.center = (cx + dx * w / s, cy + dy * h / s)
        self._settle()
        return self._camera()[1:] != before

    def reset_view(self) -> bool:
        changed = self.zoom != 1.0 or self.center is not None
        self.zoom, self.center = 1.0, None
        return changed

    def to_screen(self, p: Point) -> tuple[int, int] | None:
        """The screen point of the canvas point ``p`` as last drawn (None before any draw)."""
        if self._fitted is None:
            return None
        x, y = self._fitted.to_screen(p)
        return x + self._rect[0], y + self._rect[1]

    def to_canvas(self, pos: tuple[float, float]) -> Point | None:
        """The canvas point under the screen point ``pos`` as last drawn (None before any draw)."""
        if self._fitted is None:
            return None
        return self._fitted.to_canvas((pos[0] - self._rect[0], pos[1] - self._rect[1]))

    def label_rect(self, rid: str) -> pygame.Rect | None:
        """The screen rectangle of ``rid``'s label (or a marker's name) as last drawn, or None."""
        if self._layer is None or rid not in self._layer.layout.labels:
            return None
        return self._layer.layout.labels[rid].group.move(self._rect[0] + self._origin[0],
                                                         self._rect[1] + self._origin[1])

    def leader(self, rid: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The screen ends (at the region, at the label) of ``rid``'s leader line, or None."""
        if self._layer is None or rid not in self._layer.layout.labels:
            return None
        ln = self._layer.layout.labels[rid].leader
        if ln is None:
            return None
        ox, oy = self._rect[0] + self._origin[0], self._rect[1] + self._origin[1]
        return (ln[0][0] + ox, ln[0][1] + oy), (ln[1][0] + ox, ln[1][1] + oy)

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect | Rect,
        view: Any,
        *,
        hover: str | None = None,
        targets: Iterable[str] = (),
        highlight: str | None = None,
    ) -> None:
        r = pygame.Rect(rect)
        self._rect = (r.x, r.y, r.w, r.h)
        if r.w <= 0 or r.h <= 0:
            return
        self._prepare(view)
        assert self._layer is not None
        with _clip(surface, r):
            self._blit(surface, r, None)
            overlays = self._overlays(hover, targets, highlight)
            self._draw_overlays(surface, overlays)
        self._frame = _Frame(self._rect, self._origin, id(self._layer), overlays)

    def draw_changed(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect | Rect,
        view: Any,
        *,
        hover: str | None = None,
        targets: Iterable[str] = (),
        highlight: str | None = None,
    ) -> list[pygame.Rect] | None:
        """Like ``draw`` onto a surface that still shows this renderer's last frame there: only
        what changed is drawn again (a hover that moved, a region a move changed). Returns the
        screen rectangles drawn ([] when nothing changed), or None when it drew the whole map."""
        r = pygame.Rect(rect)
        last = self._frame
        self._rect = (r.x, r.y, r.w, r.h)
        if r.w <= 0 or r.h <= 0:
            return []
        layer_before = self._layer
        changed = self._prepare(view)
        overlays = self._overlays(hover, targets, highlight)
        if (last is None or last.rect != self._rect or last.origin != self._origin or layer_before is not self._layer
                or last.layer != id(self._layer) or changed is None):
            self.draw(surface, rect, view, hover=hover, targets=targets, highlight=highlight)
            return None
        assert self._layer is not None
        off = (r.x + self._origin[0], r.y + self._origin[1])
        L = self._layer.layout
        dirty = [L.dirty[rid].move(off) for rid in changed if rid in L.dirty]
        dirty += [self._overlay_rect(o).move(off) for o in overlays ^ last.overlays]
        rects = [d.clip(r) for d in _merge(dirty)]
        rects = [d for d in rects if d.w > 0 and d.h > 0]
        for d in rects:
            with _clip(surface, d):
                self._blit(surface, r, d)
                self._draw_overlays(surface, overlays)
        self._frame = _Frame(self._rect, self._origin, id(self._layer), overlays)
        return rects

    def region_at(self, pos: tuple[float, float]) -> str | None:
        """The region under the screen point ``pos`` as last drawn, or None. A label (or a marker)
        counts before any shape under it: a click on a region's name picks that region."""
        if self._fitted is None or self._layer is None:
            return None
        x, y, w, h = self._rect
        if not (x <= pos[0] < x + w and y <= pos[1] < y + h):
            return None
        local = (pos[0] - x, pos[1] - y)
        on_layer = (local[0] - self._origin[0], local[1] - self._origin[1])
        for hr, rid in self._layer.layout.hits:
            if hr.collidepoint(on_layer):
                return rid
        return self._fitted.region_at(local)

    def region_point(self, rid: str) -> tuple[int, int] | None:
        """A screen point inside ``rid`` as last drawn (its anchor), or None."""
        if self._fitted is None or rid not in self.geometry.regions:
            return None
        ax, ay = self._fitted.anchor(rid)
        return ax + self._rect[0], ay + self._rect[1]

    anchor_on_screen = region_point

    # ------------------------------------------------------------------ camera and layers

    def _camera(self, size: tuple[int, int] | None = None) -> tuple[float, int, int]:
        return camera(self.geometry, size or (self._rect[2], self._rect[3]), self.zoom, self.center)

    def _settle(self) -> None:
        """Keep the centre where the camera really puts it (the map's edges stop a pan)."""
        if self.center is None or self._rect[2] <= 0:
            return
        s, ox, oy = self._camera()
        self.center = ((self._rect[2] / 2 - ox) / s, (self._rect[3] / 2 - oy) / s)

    def _prepare(self, view: Any) -> set[str] | None:
        """Bring the layer of the current size and zoom up to ``view``. Returns the regions it
        re-painted in place, or None when it painted the whole layer."""
        w, h = self._rect[2], self._rect[3]
        if self.zoom not in self.zoom_levels((w, h)):
            self.zoom, self.center = 1.0, None
        s, ox, oy = self._camera((w, h))
        self._origin = (ox, oy)
        f = self._fitted
        if f is None or f.rect != (0, 0, w, h) or f.scale != s or (f.ox, f.oy) != (ox, oy):
            self._fitted = FittedMap(self.geometry, (0, 0, w, h), s, (ox, oy))  # its polygons: once per view
        key = (w, h, self.zoom)  # a new palette clears them all
        layer = self._layers.pop(key, None)
        changed: set[str] | None
        if layer is None:
            layer = self._build(s, view)
            changed = None
        else:
            changed = self._update(layer, view)
        self._layers[key] = layer  # the most recent last
        while len(self._layers) > LAYERS_KEPT:
            self._layers.pop(next(iter(self._layers)))
        self._layer = layer
        return changed

    def _shown(self, view: Any) -> dict[str, Any]:
        control, influence, stability = view.control, view.influence, view.stability
        return {rid: (control.get(rid), tuple(sorted(influence.get(rid, {}).items())), stability.get(rid))
                for rid in self.geometry.regions}

    def _build(self, s: float, view: Any) -> _Layer:
        self.static_builds += 1
        g = self.geometry
        size = (max(1, round(g.width * s)), max(1, round(g.height * s)))
        surf = pygame.Surface(size)
        if pygame.display.get_init() and pygame.display.get_surface() is not None:
            surf = surf.convert()
        layout = self._layout(FittedMap(g, (0, 0, *size), s, (0, 0)))
        self._paint(surf, layout, view, None)
        return _Layer(surf, layout, self._shown(view), view)

    def _update(self, layer: _Layer, view: Any) -> set[str] | None:
        if layer.view is view:  # the same view object as last painted: a still frame
            return set()
        layer.view = view
        shown = self._shown(view)
        changed = {rid for rid, v in shown.items() if layer.shown.get(rid) != v}
        if not changed:
            return changed
        if len(changed) * 2 > len(shown):  # most of the map: paint it whole
            self.static_builds += 1
            self._paint(layer.surface, layer.layout, view, None)
            layer.shown = shown
            return None
        self.region_repaints += len(changed)
        bounds = layer.surface.get_rect()
        self.repainted = []
        for d in _merge(layer.layout.dirty[rid] for rid in changed):
            d = d.clip(bounds)
            if d.w > 0 and d.h > 0:
                self._paint(layer.surface, layer.layout, view, d)
                self.repainted.append(d)
        layer.shown = shown
        return changed

    def _blit(self, surface: pygame.Surface, r: pygame.Rect, area: pygame.Rect | None) -> None:
        """The layer's part in view onto ``surface`` at ``r`` (only ``area`` of the screen, if given),
        and the frame around the map when it is smaller than ``r``."""
        assert self._layer is not None
        pal = self.palette
        ox, oy = r.x + self._origin[0], r.y + self._origin[1]
        lw, lh = self._layer.surface.get_size()
        mr = pygame.Rect(ox, oy, lw, lh)
        target = r if area is None else area
        if not mr.contains(target):
            surface.fill(pal.frame, target)
            pygame.draw.rect(surface, pal.border, mr.inflate(2, 2), 1)
        src = target.clip(mr)
        if src.w > 0 and src.h > 0:
            surface.blit(self._layer.surface, src.topleft, src.move(-ox, -oy))

    # ------------------------------------------------------------------ overlays

    def _overlays(self, hover: str | None, targets: Iterable[str], highlight: str | None) -> frozenset[tuple[str, str]]:
        shapes = self.geometry.regions
        out = {("target", rid) for rid in targets if rid in shapes}
        if highlight is not None and highlight in shapes:
            out.add(("highlight", highlight))
        if hover is not None and hover in shapes:
            out.add(("hover", hover))
        return frozenset(out)

    def _overlay_rect(self, overlay: tuple[str, str]) -> pygame.Rect:
        """Where an overlay draws, in layer px (generously)."""
        assert self._layer is not None
        L, rid = self._layer.layout, overlay[1]
        ts = L.ts
        if rid in L.discs:
            r = L.discs[rid].inflate(16, 16)
        elif rid in L.boxes:
            r = L.boxes[rid].inflate(16, 16)
        else:
            r = L.region_box[rid].inflate(2 * max(4, round(5 * ts)) + 4, 2 * max(4, round(5 * ts)) + 4)
        if overlay[0] == "highlight" and rid not in L.discs and rid not in L.boxes:
            ax, ay = L.fit.anchor(rid)
            rad = max(10, round(13 * ts))
            r.union_ip(pygame.Rect(ax - rad - 2, ay - round(24 * ts) - 2 * rad - 2, 2 * rad + 4, 2 * rad + 4))
        return r

    def _draw_overlays(self, surface: pygame.Surface, overlays: frozenset[tuple[str, str]]) -> None:
        assert self._fitted is not None and self._layer is not None
        off = (self._rect[0], self._rect[1])
        polys = self._fitted.region_polygons
        ts = self._layer.layout.ts
        pal = self.palette
        shapes = self.geometry.regions
        order = {"target": 0, "highlight": 1, "hover": 2}
        for kind, rid in sorted(overlays, key=lambda o: (order[o[0]], o[1])):
            box = self._fitted.box(rid)
            marker = shapes[rid].marker
            if kind == "target":
                glow = mix(pal.target, (0, 0, 0), 0.35)
                if marker:
                    c, rad = self._marker_at(rid, off)
                    pygame.draw.circle(surface, glow, c, rad + 5, 4)
                    pygame.draw.circle(surface, pal.target, c, rad + 2, 2)
                elif box is not None:
                    br = pygame.Rect(box).move(off)
                    pygame.draw.rect(surface, glow, br.inflate(6, 6), 4, border_radius=8)
                    pygame.draw.rect(surface, pal.target, br.inflate(2, 2), 2, border_radius=6)
                else:
                    _outline(surface, polys[rid], glow, max(4, round(5 * ts)), off)
                    _outline(surface, polys[rid], pal.target, 2, off)
            elif kind == "highlight":
                if marker:
                    c, rad = self._marker_at(rid, off)
                    pygame.draw.circle(surface, pal.highlight, c, rad + 6, 3)
                elif box is not None:
                    pygame.draw.rect(surface, pal.highlight, pygame.Rect(box).move(off).inflate(10, 10),
                                     3, border_radius=10)
                else:
                    _outline(surface, polys[rid], pal.highlight, 3, off)
                    ax, ay = self._fitted.anchor(rid)
                    rad = max(10, round(13 * ts))
                    c = (ax + off[0], ay + off[1] - round(24 * ts) - rad)
                    pygame.draw.circle(surface, pal.highlight, c, rad)
                    pygame.draw.circle(surface, (255, 255, 255), c, rad, 2)
                    img = _font(max(MIN_LABEL, round(22 * ts)), True).render("!", True, (255, 255, 255))
                    surface.blit(img, img.get_rect(center=c))
            elif marker:
                c, rad = self._marker_at(rid, off)
                pygame.draw.circle(surface, pal.hover, c, rad + 1, 2)
            elif box is not None:
                pygame.draw.rect(surface, pal.hover, pygame.Rect(box).move(off), 2, border_radius=6)
            else:
                _outline(surface, polys[rid], pal.hover, 2, off)

    def _marker_at(self, rid: str, off: tuple[int, int]) -> tuple[tuple[int, int], int]:
        assert self._fitted is not None
        ax, ay = self._fitted.anchor(rid)
        return (ax + off[0], ay + off[1]), self._fitted.marker_radius

    # ------------------------------------------------------------------ layout

    @staticmethod
    def _sea_pairs(scenario: Any) -> list[tuple[str, str]]:
        pairs = []
        for r in scenario.map.model.regions:
            for other in r.sea:
                pair = (min(r.id, other), max(r.id, other))
                if pair not in pairs:
                    pairs.append(pair)
        return pairs

    def _counters_width(self, ts: float, n: int | None = None) -> int:
        """The widest counter row: every faction with a two-digit count."""
        font = _font(max(MIN_FONT, round(BASE_COUNTER * ts)), True)
        bh = max(11, round(15 * ts))
        sw = max(4, round(6 * ts)) if self.palette.colorblind else 0
        k = len(self.factions) if n is None else n
        return k * (max(bh, font.size("99")[0] + 6) + sw) + 2 * max(0, k - 1)

    def _group_size(self, rid: str, ts: float) -> tuple[int, int, int]:
        """Width and height of a region's label group (the counter row always kept), and the
        height of its name line."""
        font = _font(max(MIN_LABEL, round(BASE_LABEL * ts)), True)
        name_w, line_h = font.size(self.names.get(rid, rid))
        rad = max(8, round(9 * ts))
        bh = max(11, round(15 * ts))
        return max(name_w + 2 * rad + 3, self._counters_width(ts)), line_h + bh + 2, line_h

    def _layout(self, fit: FittedMap) -> _Layout:
        g, s = self.geometry, fit.scale
        ts = min(s, TEXT_SCALE_MAX)
        L = _Layout(fit, ts)
        polys = fit.region_polygons
        bounds = pygame.Rect(0, 0, *L.size)
        L.graticule = [_bounds(pts, 1) if len(pts) >= 2 else pygame.Rect(0, 0, 0, 0) for pts in fit.graticule_lines]
        L.land = [_bounds(pts, 2) if pts else pygame.Rect(0, 0, 0, 0) for pts in fit.land_polygons]
        for rid, shape in g.regions.items():
            if shape.marker:
                continue
            if shape.box is not None:
                bx = fit.box(rid)
                assert bx is not None
                L.boxes[rid] = pygame.Rect(bx)
                L.dirty[rid] = pygame.Rect(bx).inflate(10, 10)
            elif polys[rid]:
                L.region_box[rid] = _bounds([p for poly in polys[rid] for p in poly], 3)
        # sea links and their seas' names
        width = 2 if s >= 0.75 else 1
        used: set[str] = set()
        for a, b in self.sea_pairs:
            ra, rb = g.regions.get(a), g.regions.get(b)
            if ra is None or rb is None:
                continue
            common = [sid for sid in ra.ports if sid in rb.ports and sid in g.seas]
            pts: list[Point]
            if common:
                sid = min(common, key=lambda k: math.dist(ra.ports[k], g.seas[k].center)
                          + math.dist(rb.ports[k], g.seas[k].center))
                used.add(sid)
                pts = _quad(fit.to_screen(ra.ports[sid]), fit.to_screen(g.seas[sid].center),
                            fit.to_screen(rb.ports[sid]))
            else:
                pts = [fit.anchor(a), fit.anchor(b)]
            L.sea_links.append((pts, _bounds(pts, width + max(2, round(3 * s)) + 2)))
        font = _font(max(MIN_FONT, round(BASE_CITY * ts)))
        font.italic = True
        for sid in sorted(used):
            sea = g.seas[sid]
            c = fit.to_screen(sea.label)
            r = pygame.Rect((0, 0), font.size(sea.name))
            r.center = c
            L.sea_labels.append((sea.name, c, r))
        font.italic = False
        # marker links
        lw = 3 if s >= 0.75 else 2
        done: set[tuple[str, str]] = set()
        for rid, shape in g.regions.items():
            if not shape.marker:
                continue
            for other in self.links.get(rid, ()):
                pair = (min(rid, other), max(rid, other))
                if other not in g.regions or pair in done:
                    continue
                done.add(pair)
                pa, pb = fit.anchor(rid), fit.anchor(other)
                bx = fit.box(other)
                if bx is not None:
                    pb = pygame.Rect(bx).center
                L.marker_links.append((pa, pb, _bounds([pa, pb], lw + 2 + max(2, round(3 * s)))))
        # city dots
        rad = max(2, round(3 * min(s, DOT_SCALE_MAX)))
        for shape in g.regions.values():
            if shape.box is not None:
                continue
            for _, at in shape.cities:
                x, y = fit.to_screen(at)
                L.dots.append(((x, y), pygame.Rect(x - rad - 1, y - rad - 1, 2 * rad + 3, 2 * rad + 3)))
        dots = [d for _, d in L.dots]
        occupied: list[pygame.Rect] = [r for *_, r in L.sea_labels] + list(L.boxes.values())
        # markers: the disc, the name and counters below it
        for rid, shape in g.regions.items():
            if not shape.marker:
                continue
            c = fit.anchor(rid)
            mrad = fit.marker_radius
            disc = pygame.Rect(c[0] - mrad, c[1] - mrad, 2 * mrad + 1, 2 * mrad + 1)
            w, h, line_h = self._group_size(rid, ts)
            group = pygame.Rect(0, 0, w, h)
            group.midtop = (c[0], disc.bottom + 3)
            L.discs[rid] = disc
            L.labels[rid] = _Label(group, line_h)
            L.dirty[rid] = disc.union(group).inflate(8, 8)
            occupied += [disc, group]
        # region labels: inside the region where they fit, else beside it with a leader line
        guards = self._guards(L)
        todo = [rid for rid, sh in g.regions.items() if not sh.marker and sh.box is None and rid in self.names
                and rid in L.region_box]
        todo.sort(key=lambda rid: L.region_box[rid].w * L.region_box[rid].h)
        outside = []
        for rid in todo:
            lab = self._place_inside(L, rid, occupied, guards, dots)
            if lab is None:
                outside.append(rid)
            else:
                L.labels[rid] = lab
                occupied.append(lab.group)
        for rid in outside:
            lab = self._place_outside(L, rid, occupied, guards, dots, bounds)
            L.labels[rid] = lab
            occupied.append(lab.group)
        for rid, lab in L.labels.items():
            d = lab.group.inflate(6, 6)
            if lab.leader is not None:
                d.union_ip(_bounds(lab.leader, 4))
            L.dirty[rid] = L.dirty[rid].union(d) if rid in L.dirty else d
            if rid in L.region_box:
                L.dirty[rid].union_ip(L.region_box[rid])
        for rid, bbox in L.region_box.items():
            L.dirty.setdefault(rid, bbox.copy())
        # hit zones: the labels (smallest first, so a label inside a big region's never hides a
        # small one's), then the markers' discs
        L.hits = sorted(((lab.group.copy(), rid) for rid, lab in L.labels.items()), key=lambda h: h[0].w * h[0].h)
        L.hits += [(d.copy(), rid) for rid, d in L.discs.items()]
        self._place_city_names(L, occupied, bounds)
        return L

    def _guards(self, L: _Layout) -> dict[str, pygame.Rect]:
        """What another region's label must not cover: each region's centre, and the whole of a
        region too small to hold its own label."""
        out = {}
        g = max(4, round(6 * L.ts))
        for rid, b in L.region_box.items():
            w, h, _ = self._group_size(rid, L.ts)
            ax, ay = L.fit.anchor(rid)
            guard = pygame.Rect(ax - g, ay - g, 2 * g + 1, 2 * g + 1)
            if b.w < w * 0.6 or b.h < h:  # a sliver: keep its middle clear to see and to click
                guard.union_ip(b.inflate(-b.w // 3, -b.h // 3))
            out[rid] = guard
        return out

    def _inside_share(self, L: _Layout, rid: str, r: pygame.Rect) -> float:
        pts = [(r.x + r.w * fx, r.y + r.h * fy) for fx in (0.08, 0.5, 0.92) for fy in (0.1, 0.5, 0.9)]
        return sum(1 for p in pts if L.fit.in_shape(rid, p)) / len(pts)

    def _place_inside(self, L: _Layout, rid: str, occupied: list[pygame.Rect],
                      guards: dict[str, pygame.Rect], dots: list[pygame.Rect]) -> _Label | None:  # fmt: skip
        """Over the region near its anchor, mostly inside it, on no other label nor another
        region's centre (a city dot under it only costs): None when there is no such spot."""
        shape = self.geometry.regions[rid]
        w, h, line_h = self._group_size(rid, L.ts)
        anchor = L.fit.to_screen(shape.anchor)
        others = [gd for o, gd in guards.items() if o != rid]
        group = pygame.Rect(0, 0, w, h)
        group.center = anchor
        nudges = sorted({(dx, dy) for dx in (0, w // 4, -w // 4, w // 2, -w // 2)
                         for dy in (0, line_h // 2, -line_h // 2, line_h, -line_h, 3 * line_h // 2, -3 * line_h // 2)},
                        key=lambda d: math.hypot(d[0], d[1] * 1.5))  # fmt: skip
        best: tuple[float, pygame.Rect] | None = None
        for dx, dy in nudges:
            cost = math.hypot(dx, dy * 1.5)
            if best is not None and cost >= best[0]:
                break
            cand = group.move(dx, dy)
            if cand.collidelist(occupied) >= 0 or cand.collidelist(others) >= 0:
                continue
            cost += 40.0 * len(cand.collidelistall(dots))
            if best is not None and cost >= best[0]:
                continue
            if not L.fit.in_shape(rid, cand.center) or self._inside_share(L, rid, cand) < 0.4:
                continue
            best = (cost, cand)
        return None if best is None else _Label(best[1], line_h)

    def _place_outside(self, L: _Layout, rid: str, occupied: list[pygame.Rect],
                       guards: dict[str, pygame.Rect], dots: list[pygame.Rect], bounds: pygame.Rect) -> _Label:
        """Beside the region, on the nearest free spot (the asset's callout first), with a leader."""
        shape = self.geometry.regions[rid]
        w, h, line_h = self._group_size(rid, L.ts)
        anchor = L.fit.to_screen(shape.anchor)
        others = [gd for o, gd in guards.items() if o != rid]
        labels = [lab.group for lab in L.labels.values()]
        cands: list[tuple[float, pygame.Rect]] = []
        if shape.callout is not None:
            c = pygame.Rect(0, 0, w, h)
            c.center = L.fit.to_screen(shape.callout)
            cands.append((0.0, c))
        step = max(5, round(7 * L.ts))
        for k in range(0, 16):
            d = k * step
            for i in range(16):
                a = i * math.pi / 8
                c = pygame.Rect(0, 0, w, h)
                c.center = (round(anchor[0] + math.cos(a) * (w / 2 + d)), round(anchor[1] + math.sin(a) * (h / 2 + d)))
                cands.append((d + 0.1 * i, c))
        cands.sort(key=lambda item: item[0])
        sea_bonus = 8.0 * L.ts  # over the sea (or its own region) reads best
        best: tuple[float, pygame.Rect] | None = None
        for dist, c in cands:
            if best is not None and dist - sea_bonus >= best[0]:
                break
            hits = len(c.collidelistall(occupied)) + 2 * len(c.collidelistall(others))
            cost = 1000.0 * (hits + (0 if bounds.contains(c) else 8)) + dist + 25.0 * len(c.collidelistall(dots))
            if best is not None and cost - sea_bonus >= best[0]:
                continue
            end = (min(max(anchor[0], c.left), c.right - 1), min(max(anchor[1], c.top), c.bottom - 1))
            cost += 300.0 * sum(1 for o in labels if o.clipline(anchor, end))  # a leader across a label
            if best is not None and cost - sea_bonus >= best[0]:
                continue
            if L.fit.region_at(c.center) in (None, rid):
                cost -= sea_bonus
            if best is None or cost < best[0]:
                best = (cost, c)
        assert best is not None
        group = best[1]
        if L.fit.in_shape(rid, group.center):
            return _Label(group, line_h)
        end = (min(max(anchor[0], group.left), group.right - 1), min(max(anchor[1], group.top), group.bottom - 1))
        return _Label(group, line_h, (anchor, end))

    def _place_city_names(self, L: _Layout, occupied: list[pygame.Rect], bounds: pygame.Rect) -> None:
        """City names beside their dots: right, left, above or below, where nothing is yet."""
        fit = L.fit
        font = _font(max(MIN_FONT, round(BASE_CITY * L.ts)))
        rad = max(2, round(3 * min(fit.scale, DOT_SCALE_MAX)))
        dots = [d for _, d in L.dots]
        leaders = [_bounds(lab.leader, 1) for lab in L.labels.values() if lab.leader is not None]
        for shape in self.geometry.regions.values():
            if shape.box is not None:
                continue
            for name, at in shape.cities:
                x, y = fit.to_screen(at)
                w, h = font.size(name)
                gap = rad + 3
                options = [
                    pygame.Rect(x + gap, y - h // 2, w, h),
                    pygame.Rect(x - gap - w, y - h // 2, w, h),
                    pygame.Rect(x - w // 2, y - gap - h + 2, w, h),
                    pygame.Rect(x - w // 2, y + gap - 2, w, h),
                ]
                own = pygame.Rect(x - rad - 1, y - rad - 1, 2 * rad + 3, 2 * rad + 3)

                def clash(r: pygame.Rect, own: pygame.Rect = own) -> float:
                    hits = len(r.collidelistall(occupied))
                    hits += sum(1 for d in dots if d != own and r.colliderect(d))
                    return hits + 0.5 * len(r.collidelistall(leaders)) + (0 if bounds.contains(r) else 5)

                best = min(options, key=clash)
                L.city_names.append((name, best))
                occupied.append(best)

    # ------------------------------------------------------------------ painting

    def _paint(self, surf: pygame.Surface, L: _Layout, view: Any, clip: pygame.Rect | None) -> None:
        """Paint the layer (only what meets ``clip``, inside it): the same pixels there as a
        whole paint, since everything goes where ``L`` says."""
        area = surf.get_rect() if clip is None else clip
        with _clip(surf, area):
            self._paint_all(surf, L, view, area)

    def _paint_all(self, surf: pygame.Surface, L: _Layout, view: Any, area: pygame.Rect) -> None:
        pal, fit = self.palette, L.fit
        s, ts = fit.scale, L.ts
        surf.fill(pal.sea, area)
        for pts, b in zip(fit.graticule_lines, L.graticule, strict=True):
            if len(pts) >= 2 and b.colliderect(area):
                pygame.draw.lines(surf, pal.sea_line, False, pts, 1)
        for pts, b in zip(fit.land_polygons, L.land, strict=True):
            if len(pts) >= 3 and b.colliderect(area):
                pygame.draw.polygon(surf, pal.land, pts)
                pygame.draw.aalines(surf, pal.land_border, True, pts)
        polys = fit.region_polygons
        control = view.control
        for rid, b in L.region_box.items():
            if not b.colliderect(area):
                continue
            owner = control.get(rid)
            for pts in polys[rid]:
                pygame.draw.polygon(surf, pal.fill(owner), pts)
            pattern = pal.pattern(owner)
            if pattern is not None and owner is not None:
                self._hatch(surf, polys[rid], pattern, mix(pal.color(owner), (0, 0, 0), 0.45))
        for rid, b in L.region_box.items():
            if not b.colliderect(area):
                continue
            for pts in polys[rid]:
                pygame.draw.aalines(surf, pal.border, True, pts)
                pygame.draw.lines(surf, mix(pal.border, pal.fill(control.get(rid)), 0.4), True, pts, 1)
        width = 2 if s >= 0.75 else 1
        dash = max(3.0, SEA_LINK_DASH * s)
        for link, b in L.sea_links:
            if b.colliderect(area):
                _dashed(surf, link, pal.sea_link, dash, width)
                for p in (link[0], link[-1]):
                    pygame.draw.circle(surf, pal.sea_link, p, max(2, round(3 * min(s, DOT_SCALE_MAX))))
        font = _font(max(MIN_FONT, round(BASE_CITY * ts)))
        font.italic = True
        for name, c, b in L.sea_labels:
            if b.inflate(4, 4).colliderect(area):
                _text(surf, name, c, font, pal.sea_link, pal.sea)
        font.italic = False
        lw = 3 if s >= 0.75 else 2
        for a, b2, b in L.marker_links:
            if b.colliderect(area):
                pygame.draw.line(surf, mix(pal.border, (255, 255, 255), 0.6), a, b2, lw + 2)
                pygame.draw.line(surf, pal.border, a, b2, lw)
                pygame.draw.circle(surf, pal.border, b2, max(2, round(3 * s)))
        for lab in L.labels.values():
            if lab.leader is not None and _bounds(lab.leader, 4).colliderect(area):
                a, e = lab.leader
                pygame.draw.line(surf, pal.halo, a, e, 3)
                pygame.draw.line(surf, pal.text, a, e, 1)
                pygame.draw.circle(surf, pal.halo, a, max(3, round(3.5 * ts)))
                pygame.draw.circle(surf, pal.text, a, max(2, round(2.5 * ts)))
        rad = max(2, round(3 * min(s, DOT_SCALE_MAX)))
        for (x, y), b in L.dots:
            if b.colliderect(area):
                pygame.draw.circle(surf, (255, 255, 255), (x, y), rad + 1)
                pygame.draw.circle(surf, pal.city, (x, y), rad + 1, 1)
                pygame.draw.circle(surf, pal.city, (x, y), max(1, rad - 1))
        for rid, disc in L.discs.items():
            if disc.union(L.labels[rid].group).inflate(8, 8).colliderect(area):
                self._draw_marker(surf, L, rid, view)
        for rid, box in L.boxes.items():
            if box.inflate(10, 10).colliderect(area):
                self._draw_offmap(surf, L, rid, view)
        font = _font(max(MIN_FONT, round(BASE_CITY * ts)))
        for name, b in L.city_names:  # under the labels: a region's name and counters come first
            if b.inflate(4, 4).colliderect(area):
                _text(surf, name, b.center, font, pal.city, pal.halo)
        for rid, lab in L.labels.items():
            if rid not in L.discs and lab.group.inflate(6, 6).colliderect(area):
                self._draw_label(surf, L, rid, view)

    def _draw_marker(self, surf: pygame.Surface, L: _Layout, rid: str, view: Any) -> None:
        """A region with no drawn shape: a disc in its controller's fill (hatched in the
        colour-blind palette), a second ring for a battleground, its name, stability and counters
        below."""
        pal, fit = self.palette, L.fit
        c = fit.anchor(rid)
        rad = fit.marker_radius
        owner = view.control.get(rid)
        pygame.draw.circle(surf, mix(pal.sea, (0, 0, 0), 0.3), (c[0] + 2, c[1] + 2), rad + 1)
        pygame.draw.circle(surf, pal.fill(owner), c, rad)
        pattern = pal.pattern(owner)
        if pattern is not None and owner is not None:
            ring = [(round(c[0] + (rad - 1) * math.cos(a * math.pi / 12)),
                     round(c[1] + (rad - 1) * math.sin(a * math.pi / 12))) for a in range(24)]
            self._hatch(surf, [ring], pattern, mix(pal.color(owner), (0, 0, 0), 0.45))
        pygame.draw.circle(surf, pal.border, c, rad, 2)
        if self.scenario.map.regions[rid].battleground:
            pygame.draw.circle(surf, pal.border, c, max(3, rad - 5), 1)
        self._draw_group(surf, L, rid, view)

    def _draw_group(self, surf: pygame.Surface, L: _Layout, rid: str, view: Any) -> None:
        """A label group: stability pip and name on the first line, the counters below."""
        pal, ts, lab = self.palette, L.ts, L.labels[rid]
        group, line_h = lab.group, lab.line_h
        font = _font(max(MIN_LABEL, round(BASE_LABEL * ts)), True)
        rad = max(8, round(9 * ts))
        name_rect = _text(surf, self.names.get(rid, rid), (group.centerx + rad, group.y + line_h // 2),
                          font, pal.text, pal.halo)  # fmt: skip
        stab = view.stability.get(rid)
        if stab is not None:
            self._stability_pip(surf, (name_rect.left - rad - 2, name_rect.centery), stab, ts)
        influence = view.influence.get(rid, {})
        if any(v > 0 for v in influence.values()):
            bh = max(11, round(15 * ts))
            self._counters(surf, (group.centerx, group.y + line_h + bh // 2 + 1), influence, ts)

    def _draw_label(self, surf: pygame.Surface, L: _Layout, rid: str, view: Any) -> None:
        self._draw_group(surf, L, rid, view)

    def _hatch(
        self, surf: pygame.Surface, polys: list[list[tuple[int, int]]], name: str, color: Color
    ) -> None:
        pts_all = [p for poly in polys for p in poly]
        x0 = min(p[0] for p in pts_all)
        y0 = min(p[1] for p in pts_all)
        x1 = max(p[0] for p in pts_all)
        y1 = max(p[1] for p in pts_all)
        bw, bh = x1 - x0 + 1, y1 - y0 + 1
        if bw <= 0 or bh <= 0:
            return
        tile = pattern_tile(name, color, 12)
        layer = pygame.Surface((bw, bh), pygame.SRCALPHA)
        for tx in range(-(x0 % 12), bw, 12):  # aligned to the surface, so patterns tile evenly
            for ty in range(-(y0 % 12), bh, 12):
                layer.blit(tile, (tx, ty))
        mask = pygame.Surface((bw, bh), pygame.SRCALPHA)
        for poly in polys:
            pygame.draw.polygon(mask, (255, 255, 255, 255), [(x - x0, y - y0) for x, y in poly])
        layer.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
        surf.blit(layer, (x0, y0))

    def _counters(
        self, surf: pygame.Surface, center: tuple[int, int], influence: dict[str, int], s: float
    ) -> pygame.Rect:
        """Influence counters (a box per faction with influence), centred on ``center``."""
        pal = self.palette
        items = [(f, influence.get(f, 0)) for f in self.factions if influence.get(f, 0) > 0]
        font = _font(max(MIN_FONT, round(BASE_COUNTER * s)), True)
        bh = max(11, round(15 * s))
        sw = max(4, round(6 * s)) if pal.colorblind else 0
        widths = [max(bh, font.size(str(n))[0] + 6) + sw for _, n in items]
        gap = 2
        total = sum(widths) + gap * max(0, len(items) - 1)
        x = center[0] - total // 2
        y = center[1] - bh // 2
        for (f, n), bw in zip(items, widths, strict=True):
            col = pal.color(f)
            box = pygame.Rect(x, y, bw, bh)
            pygame.draw.rect(surf, col, box, border_radius=3)
            if sw:
                name = pal.pattern(f)
                sw_rect = pygame.Rect(x + 1, y + 1, sw, bh - 2)
                pygame.draw.rect(surf, (255, 255, 255), sw_rect)
                if name:
                    tile = pattern_tile(name, (0, 0, 0), 8)
                    with _clip(surf, sw_rect):
                        for ty in range(sw_rect.y, sw_rect.bottom, 8):
                            surf.blit(tile, (sw_rect.x, ty))
            pygame.draw.rect(surf, mix(col, (0, 0, 0), 0.5), box, 1, border_radius=3)
            img = font.render(str(n), True, readable_on(col))
            surf.blit(img, img.get_rect(center=(x + sw + (bw - sw) // 2, y + bh // 2 + 1)))
            x += bw + gap
        return pygame.Rect(center[0] - total // 2, y, total, bh)

    def _stability_pip(self, surf: pygame.Surface, center: tuple[int, int], n: int, s: float) -> None:
        rad = max(8, round(9 * s))
        pts = [(center[0], center[1] - rad), (center[0] + rad, center[1]),
               (center[0], center[1] + rad), (center[0] - rad, center[1])]  # fmt: skip
        pygame.draw.polygon(surf, (60, 60, 66), pts)
        pygame.draw.polygon(surf, (245, 245, 245), pts, 1)
        img = _font(max(MIN_FONT, round(15 * s)), True).render(str(n), True, (255, 255, 255))
        surf.blit(img, img.get_rect(center=(center[0], center[1] + 1)))

    def _draw_offmap(self, surf: pygame.Surface, L: _Layout, rid: str, view: Any) -> None:
        pal, shape = self.palette, self.geometry.regions[rid]
        s = L.ts
        r = L.boxes[rid]
        owner = view.control.get(rid)
        fill = pal.offmap if owner is None else mix(pal.fill(owner), (255, 255, 255), 0.55)
        shadow = r.move(3, 3)
        pygame.draw.rect(surf, mix(pal.sea, (0, 0, 0), 0.25), shadow, border_radius=8)
        pygame.draw.rect(surf, fill, r, border_radius=8)
        if owner is not None and pal.pattern(owner):
            name = pal.pattern(owner)
            assert name is not None
            tile = pattern_tile(name, mix(pal.color(owner), (255, 255, 255), 0.5), 12)
            with _clip(surf, r.inflate(-6, -6)):
                for tx in range(r.x, r.right, 12):
                    for ty in range(r.y, r.bottom, 12):
                        surf.blit(tile, (tx, ty))
        pygame.draw.rect(surf, pal.border, r, 2, border_radius=8)
        font = _font(max(MIN_LABEL, round(BASE_LABEL * s)), True)
        small = _font(max(MIN_FONT, round(BASE_CITY * s)))
        pad = round(8 * s)
        rad = max(8, round(9 * s))
        name = self.names.get(rid, rid)
        size = max(MIN_LABEL, round(BASE_LABEL * s))
        while size > MIN_FONT and font.size(name)[0] > r.w - 2 * pad - 2 * rad - 4:
            size -= 1
            font = _font(size, True)
        title = _text(surf, name, (r.x + pad, r.y + pad + font.get_linesize() // 2),
                      font, pal.text, None, align="left")  # fmt: skip
        stab = view.stability.get(rid)
        if stab is not None:
            self._stability_pip(surf, (r.right - pad - rad, title.centery), stab, s)
        cities = " · ".join(name for name, _ in shape.cities)
        y = title.bottom + small.get_linesize() // 2 + 1
        if cities:
            _text(surf, cities, (r.x + pad, y), small, pal.text, None, align="left")
            y += small.get_linesize()
        links = [self.names.get(x, x) for x in self.links.get(rid, ())]
        if links:
            line = "acts in: " + ", ".join(links)
            words, lines, cur = line.split(" "), [], ""
            for wd in words:
                trial = f"{cur} {wd}".strip()
                if small.size(trial)[0] > r.w - 2 * pad and cur:
                    lines.append(cur)
                    cur = wd
                else:
                    cur = trial
            lines.append(cur)
            for ln in lines[:3]:
                _text(surf, ln, (r.x + pad, y), small, mix(pal.text, pal.offmap, 0.35), None,
                      align="left")
                y += small.get_linesize()
        influence = view.influence.get(rid, {})
        if any(v > 0 for v in influence.values()):
            bh = max(11, round(15 * s))
            self._counters(surf, (r.centerx, r.bottom - pad - bh // 2), influence, s)
