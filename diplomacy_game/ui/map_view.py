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

The pieces: ``map_camera`` (zoom, pan, screen ↔ canvas), ``map_layout`` (where everything
goes at a scale), ``map_paint`` (painting a layer), ``map_draw`` (sizes and primitives); this
module keeps the layers, draws the frame and its overlays, and hit-tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pygame

from .colour import mix
from .map_camera import MapCamera
from .map_draw import LAYERS_KEPT, MIN_LABEL, _clip, _font, _merge, _outline
from .map_layout import MapLayout, _Layout
from .map_paint import MapPainter
from .mapdata import FittedMap, MapGeometry, Point, Rect
from .palette import Palette


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


class MapRenderer(MapCamera, MapLayout, MapPainter):
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
        items = sorted(overlays, key=lambda o: (order[o[0]], o[1]))
        targets = [o for o in items if o[0] == "target"]
        for kind, rid in items:
            if targets and kind != "target":  # the targets' outlines are drawn: the labels over them
                self._labels_over(surface, targets)
                targets = []
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
        if targets:
            self._labels_over(surface, targets)

    def _labels_over(self, surface: pygame.Surface, targets: list[tuple[str, str]]) -> None:
        """The labels (names, stability, counters) the target outlines pass near, drawn again
        over them: an outline never cuts a small region's name or hides its counters."""
        assert self._layer is not None
        L, view = self._layer.layout, self._layer.view
        ox, oy = self._rect[0] + self._origin[0], self._rect[1] + self._origin[1]
        areas = [self._overlay_rect(o) for o in targets]
        clip = surface.get_clip().move(-ox, -oy)  # what is being drawn, in layer px
        for rid, lab in L.labels.items():
            group = lab.group.inflate(4, 4)
            if group.colliderect(clip) and group.collidelist(areas) >= 0:
                self._draw_group(surface, L, rid, view, shift=(ox, oy))

    def _marker_at(self, rid: str, off: tuple[int, int]) -> tuple[tuple[int, int], int]:
        assert self._fitted is not None
        ax, ay = self._fitted.anchor(rid)
        return (ax + off[0], ay + off[1]), self._fitted.marker_radius
