"""The map as the game draws it: from a SeatView only, onto any pygame Surface.

``MapRenderer.draw`` keeps a static layer (sea, land, regions filled by controller, borders,
sea links, cities, labels, influence counters, stability) in a Surface of the target size and
rebuilds it only when the size, the palette or what the view says about control, influence
or stability changes. Hover, legal targets and the highlighted region are drawn on top every
frame. No rule lives here: who controls what is read from ``view.control``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from typing import Any

import pygame

from .colour import Color, mix, readable_on
from .mapdata import FittedMap, MapGeometry, Point, Rect
from .palette import Palette, pattern_tile

SEA_LINK_DASH = 7.0  # canvas px
BASE_LABEL = 22  # font px at canvas scale 1
BASE_CITY = 18
BASE_COUNTER = 19
MIN_FONT = 12  # city names, counters
MIN_LABEL = 15  # region names stay larger than city names


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
        self.static_builds = 0  # how many times the static layer was (re)built
        self._static: pygame.Surface | None = None
        self._static_key: Any = None
        self._fitted: FittedMap | None = None
        self._rect: Rect = (0, 0, 0, 0)
        self._hit_rects: list[tuple[pygame.Rect, str]] = []

    # ------------------------------------------------------------------ public

    def set_palette(self, palette: Palette) -> None:
        if palette != self.palette:
            self.palette = palette
            self._static_key = None

    @property
    def fitted(self) -> FittedMap | None:
        """The map fitted into the last drawn rect, in that rect's local coordinates."""
        return self._fitted

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
        key = self._key(r.size, view)
        if self._static is None or key != self._static_key:
            self._build_static(r.size, view)
            self._static_key = key
        assert self._static is not None and self._fitted is not None
        surface.blit(self._static, r.topleft)
        off = r.topleft
        polys = self._fitted.region_polygons
        s = self._fitted.scale
        pal = self.palette
        shapes = self.geometry.regions
        for rid in targets:
            if rid not in shapes:
                continue
            box = self._fitted.box(rid)
            glow = mix(pal.target, (0, 0, 0), 0.35)
            if shapes[rid].marker:
                c, rad = self._marker_at(rid, off)
                pygame.draw.circle(surface, glow, c, rad + 5, 4)
                pygame.draw.circle(surface, pal.target, c, rad + 2, 2)
            elif box is not None:
                br = pygame.Rect(box).move(off)
                pygame.draw.rect(surface, glow, br.inflate(6, 6), 4, border_radius=8)
                pygame.draw.rect(surface, pal.target, br.inflate(2, 2), 2, border_radius=6)
            else:
                _outline(surface, polys[rid], glow, max(4, round(5 * s)), off)
                _outline(surface, polys[rid], pal.target, 2, off)
        if highlight is not None and highlight in shapes:
            box = self._fitted.box(highlight)
            if shapes[highlight].marker:
                c, rad = self._marker_at(highlight, off)
                pygame.draw.circle(surface, pal.highlight, c, rad + 6, 3)
            elif box is not None:
                pygame.draw.rect(surface, pal.highlight, pygame.Rect(box).move(off).inflate(10, 10),
                                 3, border_radius=10)
            else:
                _outline(surface, polys[highlight], pal.highlight, 3, off)
                ax, ay = self._fitted.anchor(highlight)
                rad = max(10, round(13 * s))
                c = (ax + off[0], ay + off[1] - round(24 * s) - rad)
                pygame.draw.circle(surface, pal.highlight, c, rad)
                pygame.draw.circle(surface, (255, 255, 255), c, rad, 2)
                img = _font(max(MIN_LABEL, round(22 * s)), True).render("!", True, (255, 255, 255))
                surface.blit(img, img.get_rect(center=c))
        if hover is not None and hover in shapes:
            box = self._fitted.box(hover)
            if shapes[hover].marker:
                c, rad = self._marker_at(hover, off)
                pygame.draw.circle(surface, pal.hover, c, rad + 1, 2)
            elif box is not None:
                pygame.draw.rect(surface, pal.hover, pygame.Rect(box).move(off), 2, border_radius=6)
            else:
                _outline(surface, polys[hover], pal.hover, 2, off)

    def region_at(self, pos: tuple[float, float]) -> str | None:
        """The region under the screen point ``pos`` as last drawn (labels count), or None."""
        if self._fitted is None:
            return None
        x, y, w, h = self._rect
        if not (x <= pos[0] < x + w and y <= pos[1] < y + h):
            return None
        local = (pos[0] - x, pos[1] - y)
        for hr, rid in self._hit_rects:
            if hr.collidepoint(local):
                return rid
        return self._fitted.region_at(local)

    def region_point(self, rid: str) -> tuple[int, int] | None:
        """A screen point inside ``rid`` as last drawn (its label anchor), or None."""
        if self._fitted is None or rid not in self.geometry.regions:
            return None
        ax, ay = self._fitted.anchor(rid)
        return ax + self._rect[0], ay + self._rect[1]

    anchor_on_screen = region_point

    def _marker_at(self, rid: str, off: tuple[int, int]) -> tuple[tuple[int, int], int]:
        assert self._fitted is not None
        ax, ay = self._fitted.anchor(rid)
        return (ax + off[0], ay + off[1]), self._fitted.marker_radius

    # ------------------------------------------------------------------ static layer

    def _key(self, size: tuple[int, int], view: Any) -> Any:
        return (
            size,
            self.palette,
            tuple(sorted(view.control.items())),
            tuple(sorted((r, tuple(sorted(v.items()))) for r, v in view.influence.items())),
            tuple(sorted(view.stability.items())),
        )

    @staticmethod
    def _sea_pairs(scenario: Any) -> list[tuple[str, str]]:
        pairs = []
        for r in scenario.map.model.regions:
            for other in r.sea:
                pair = (min(r.id, other), max(r.id, other))
                if pair not in pairs:
                    pairs.append(pair)
        return pairs

    def _build_static(self, size: tuple[int, int], view: Any) -> None:
        self.static_builds += 1
        w, h = size
        if self._static is None or self._static.get_size() != size:
            self._static = pygame.Surface(size).convert() if pygame.display.get_init() and \
                pygame.display.get_surface() is not None else pygame.Surface(size)
        if self._fitted is None or self._fitted.rect != (0, 0, w, h):
            self._fitted = self.geometry.fit((0, 0, w, h))
        surf, fit, pal, g = self._static, self._fitted, self.palette, self.geometry
        self._hit_rects = []
        surf.fill(pal.frame)
        mr = pygame.Rect(fit.map_rect)
        surf.fill(pal.sea, mr)
        surf.set_clip(mr)
        for ln in g.graticule:
            pts = fit.polygon(ln)
            if len(pts) >= 2:
                pygame.draw.lines(surf, pal.sea_line, False, pts, 1)
        for poly in g.land:
            pts = fit.polygon(poly)
            pygame.draw.polygon(surf, pal.land, pts)
            pygame.draw.aalines(surf, pal.land_border, True, pts)
        polys = fit.region_polygons
        control = view.control
        for rid, shape in g.regions.items():
            if shape.box is not None or shape.marker:
                continue
            owner = control.get(rid)
            for pts in polys[rid]:
                pygame.draw.polygon(surf, pal.fill(owner), pts)
            pattern = pal.pattern(owner)
            if pattern is not None and owner is not None:
                self._hatch(surf, polys[rid], pattern, mix(pal.color(owner), (0, 0, 0), 0.45))
        for rid, shape in g.regions.items():
            if shape.box is None:
                for pts in polys[rid]:
                    pygame.draw.aalines(surf, pal.border, True, pts)
                    pygame.draw.lines(surf, mix(pal.border, pal.fill(control.get(rid)), 0.4),
                                      True, pts, 1)
        sea_labels = self._draw_sea_links(surf, fit)
        self._draw_marker_links(surf, fit)
        surf.set_clip(None)
        pygame.draw.rect(surf, pal.border, mr.inflate(2, 2), 1)
        dots = self._city_dots(surf, fit)
        occupied = [*dots, *sea_labels]
        for rid, shape in g.regions.items():
            if shape.marker:
                occupied.extend(self._draw_marker(surf, fit, rid, view))
        for rid, shape in g.regions.items():
            if shape.marker:
                continue
            if shape.box is not None:
                occupied.append(self._draw_offmap(surf, fit, rid, view))
            elif rid in self.names:
                occupied.append(self._draw_label(surf, fit, rid, view, occupied))
        self._city_names(surf, fit, occupied, dots)

    def _draw_marker_links(self, surf: pygame.Surface, fit: FittedMap) -> None:
        """A marker's land links: lines from its disc to each linked region (its sea links are
        dashed with the others, in ``_draw_sea_links``)."""
        g, pal = self.geometry, self.palette
        width = 3 if fit.scale >= 0.75 else 2
        done: set[tuple[str, str]] = set()
        for rid, shape in g.regions.items():
            if not shape.marker:
                continue
            for other in self.links.get(rid, ()):
                pair = (min(rid, other), max(rid, other))
                if other not in g.regions or pair in done:
                    continue
                done.add(pair)
                a, b = fit.anchor(rid), fit.anchor(other)
                box = fit.box(other)
                if box is not None:
                    b = pygame.Rect(box).center
                pygame.draw.line(surf, mix(pal.border, (255, 255, 255), 0.6), a, b, width + 2)
                pygame.draw.line(surf, pal.border, a, b, width)
                pygame.draw.circle(surf, pal.border, b, max(2, round(3 * fit.scale)))

    def _draw_marker(self, surf: pygame.Surface, fit: FittedMap, rid: str, view: Any) -> list[pygame.Rect]:
        """A region with no drawn shape: a disc in its controller's fill (hatched in the
        colour-blind palette), a second ring for a battleground, its name, stability and counters
        below. Returns the rectangles it covers (also hit zones)."""
        pal, s = self.palette, fit.scale
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
        disc = pygame.Rect(c[0] - rad, c[1] - rad, 2 * rad + 1, 2 * rad + 1)
        font = _font(max(MIN_LABEL, round(BASE_LABEL * s)), True)
        name = self.names.get(rid, rid)
        line_h = font.get_linesize()
        pip = max(8, round(9 * s))
        name_rect = _text(surf, name, (c[0] + pip, disc.bottom + 3 + line_h // 2), font, pal.text, pal.halo)
        stab = view.stability.get(rid)
        if stab is not None:
            self._stability_pip(surf, (name_rect.left - pip - 2, name_rect.centery), stab, s)
        group = name_rect.union(pygame.Rect(name_rect.left - 2 * pip - 4, name_rect.y, 2 * pip + 4, name_rect.h))
        influence = view.influence.get(rid, {})
        if any(v > 0 for v in influence.values()):
            bh = max(11, round(15 * s))
            group = group.union(self._counters(surf, (c[0], name_rect.bottom + bh // 2 + 1), influence, s))
        self._hit_rects.append((disc.copy(), rid))
        self._hit_rects.append((group.copy(), rid))
        return [disc, group]

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

    def _draw_sea_links(self, surf: pygame.Surface, fit: FittedMap) -> list[pygame.Rect]:
        g, pal = self.geometry, self.palette
        width = 2 if fit.scale >= 0.75 else 1
        dash = max(3.0, SEA_LINK_DASH * fit.scale)
        used: set[str] = set()
        for a, b in self.sea_pairs:
            ra, rb = g.regions.get(a), g.regions.get(b)
            if ra is None or rb is None:
                continue
            common = [sid for sid in ra.ports if sid in rb.ports and sid in g.seas]
            if common:
                sid = min(common, key=lambda k: math.dist(ra.ports[k], g.seas[k].center)
                          + math.dist(rb.ports[k], g.seas[k].center))
                used.add(sid)
                pa, pb = fit.to_screen(ra.ports[sid]), fit.to_screen(rb.ports[sid])
                pts = _quad(pa, fit.to_screen(g.seas[sid].center), pb)
            else:
                pts = [fit.anchor(a), fit.anchor(b)]
            _dashed(surf, pts, pal.sea_link, dash, width)
            for p in (pts[0], pts[-1]):
                pygame.draw.circle(surf, pal.sea_link, p, max(2, round(3 * fit.scale)))
        font = _font(max(MIN_FONT, round(BASE_CITY * fit.scale)))
        font.italic = True
        rects = []
        for sid in sorted(used):
            sea = g.seas[sid]
            cx, cy = fit.to_screen(sea.label)
            rects.append(_text(surf, sea.name, (cx, cy), font, pal.sea_link, pal.sea))
        font.italic = False
        return rects

    def _city_dots(self, surf: pygame.Surface, fit: FittedMap) -> list[pygame.Rect]:
        pal = self.palette
        rad = max(2, round(3 * fit.scale))
        rects = []
        for shape in self.geometry.regions.values():
            if shape.box is not None:
                continue
            for _, at in shape.cities:
                x, y = fit.to_screen(at)
                pygame.draw.circle(surf, (255, 255, 255), (x, y), rad + 1)
                pygame.draw.circle(surf, pal.city, (x, y), rad + 1, 1)
                pygame.draw.circle(surf, pal.city, (x, y), max(1, rad - 1))
                rects.append(pygame.Rect(x - rad - 1, y - rad - 1, 2 * rad + 3, 2 * rad + 3))
        return rects

    def _city_names(
        self, surf: pygame.Surface, fit: FittedMap, occupied: list[pygame.Rect],
        dots: list[pygame.Rect],
    ) -> None:  # fmt: skip
        """City names beside their dots: right, left, above or below, where nothing is yet."""
        pal = self.palette
        font = _font(max(MIN_FONT, round(BASE_CITY * fit.scale)))
        rad = max(2, round(3 * fit.scale))
        bounds = pygame.Rect(fit.map_rect)
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

                def clash(r: pygame.Rect, own: pygame.Rect = own) -> int:
                    hits = sum(1 for o in occupied if r.colliderect(o))
                    hits += sum(1 for d in dots if d != own and r.colliderect(d))
                    return hits + (0 if bounds.contains(r) else 5)

                best = min(options, key=clash)
                _text(surf, name, best.center, font, pal.city, pal.halo)
                occupied.append(best)

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
                    surf.set_clip(sw_rect)
                    for ty in range(sw_rect.y, sw_rect.bottom, 8):
                        surf.blit(tile, (sw_rect.x, ty))
                    surf.set_clip(None)
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

    def _label_size(self, rid: str, view: Any, s: float) -> tuple[int, int, int]:
        """Width and height of a region's label group, and the height of its name line."""
        font = _font(max(MIN_LABEL, round(BASE_LABEL * s)), True)
        name_w, line_h = font.size(self.names[rid])
        rad = max(8, round(9 * s))
        w = name_w + 2 * rad + 3
        h = line_h
        influence = view.influence.get(rid, {})
        n = sum(1 for v in influence.values() if v > 0)
        if n:
            bh = max(11, round(15 * s))
            w = max(w, n * (bh + 10))
            h += bh + 1
        return w, h, line_h

    def _draw_label(
        self, surf: pygame.Surface, fit: FittedMap, rid: str, view: Any,
        occupied: list[pygame.Rect],
    ) -> pygame.Rect:  # fmt: skip
        pal, shape = self.palette, self.geometry.regions[rid]
        s = fit.scale
        anchor = fit.to_screen(shape.anchor)
        at = fit.to_screen(shape.callout) if shape.callout else anchor
        w, h, line_h = self._label_size(rid, view, s)
        group = pygame.Rect(0, 0, w, h)
        group.center = at
        # nudge off city dots, sea names and the labels already placed
        nudges = [(0, 0), (0, line_h // 2), (0, -line_h // 2), (0, line_h), (0, -line_h)]
        if shape.callout:  # a callout may also slide sideways, away from its region
            side = 1 if at[0] >= anchor[0] else -1
            nudges += [(side * w // 3, 0), (side * w // 3, line_h // 2), (side * w // 3, -line_h // 2)]
        else:  # a label may slide sideways while it stays over its region
            nudges += [(w // 3, 0), (-w // 3, 0), (w // 3, line_h // 2), (-w // 3, line_h // 2)]
        best, best_hits = group, math.inf
        for dx, dy in nudges:
            cand = group.move(dx, dy)
            if dx and not shape.callout and fit.region_at(cand.center) != rid:
                continue
            hits = sum(1 for o in occupied if cand.colliderect(o))
            if hits < best_hits:
                best, best_hits = cand, hits
            if hits == 0:
                break
        group = best
        at = group.center
        influence = view.influence.get(rid, {})
        has_counters = any(v > 0 for v in influence.values())
        font = _font(max(MIN_LABEL, round(BASE_LABEL * s)), True)
        if shape.callout:
            pygame.draw.aaline(surf, pal.border, anchor, at)
            pygame.draw.circle(surf, pal.border, anchor, max(2, round(2.5 * s)))
        rad = max(8, round(9 * s))
        name_rect = _text(surf, self.names[rid], (group.centerx + rad, group.y + line_h // 2),
                          font, pal.text, pal.halo)  # fmt: skip
        stab = view.stability.get(rid)
        if stab is not None:
            self._stability_pip(surf, (name_rect.left - rad - 2, name_rect.centery), stab, s)
        if has_counters:
            bh = max(11, round(15 * s))
            self._counters(surf, (group.centerx, name_rect.bottom + bh // 2 + 1), influence, s)
        if shape.callout:
            self._hit_rects.append((group.copy(), rid))
        return group

    def _draw_offmap(
        self, surf: pygame.Surface, fit: FittedMap, rid: str, view: Any
    ) -> pygame.Rect:
        pal, shape = self.palette, self.geometry.regions[rid]
        s = fit.scale
        box = fit.box(rid)
        assert box is not None
        r = pygame.Rect(box)
        owner = view.control.get(rid)
        fill = pal.offmap if owner is None else mix(pal.fill(owner), (255, 255, 255), 0.55)
        shadow = r.move(3, 3)
        pygame.draw.rect(surf, mix(pal.sea, (0, 0, 0), 0.25), shadow, border_radius=8)
        pygame.draw.rect(surf, fill, r, border_radius=8)
        if owner is not None and pal.pattern(owner):
            name = pal.pattern(owner)
            assert name is not None
            tile = pattern_tile(name, mix(pal.color(owner), (255, 255, 255), 0.5), 12)
            surf.set_clip(r.inflate(-6, -6))
            for tx in range(r.x, r.right, 12):
                for ty in range(r.y, r.bottom, 12):
                    surf.blit(tile, (tx, ty))
            surf.set_clip(None)
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
        return r
