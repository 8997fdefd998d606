"""Painting a map layer: sea, land, regions filled by controller (hatched in the colour-blind
palette), borders, sea links, cities, labels, influence counters, stability pips, markers and
off-map boxes, all where a ``_Layout`` says. A mixin of ``MapRenderer``."""

from __future__ import annotations

import math
from typing import Any

import pygame

from .colour import Color, mix, readable_on
from .map_draw import (
    BASE_CITY,
    BASE_COUNTER,
    BASE_LABEL,
    DOT_SCALE_MAX,
    MIN_FONT,
    MIN_LABEL,
    SEA_LINK_DASH,
    _bounds,
    _clip,
    _dashed,
    _font,
    _text,
)
from .map_layout import _Layout
from .mapdata import MapGeometry
from .palette import Palette, pattern_tile


class MapPainter:
    """Paints a layer (or a clipped part of it) from a view."""

    scenario: Any
    geometry: MapGeometry
    palette: Palette
    factions: tuple[str, ...]
    names: dict[str, str]
    links: dict[str, tuple[str, ...]]


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

    def _draw_group(self, surf: pygame.Surface, L: _Layout, rid: str, view: Any,
                    shift: tuple[int, int] = (0, 0)) -> None:  # fmt: skip
        """A label group: stability pip and name on the first line, the counters below (moved by
        ``shift``: onto the screen rather than the layer)."""
        pal, ts, lab = self.palette, L.ts, L.labels[rid]
        group, line_h = lab.group.move(shift), lab.line_h
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
