"""Where the map's words and counters go at one scale (a ``MapLayout``): labels inside their
region when they fit, else beside it with a leader line; city names; sea links; hit zones.
It depends on the scale alone, never on control, influence or stability. A mixin of
``MapRenderer``."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pygame

from .map_draw import (
    BASE_CITY,
    BASE_COUNTER,
    BASE_LABEL,
    DOT_SCALE_MAX,
    MIN_FONT,
    MIN_LABEL,
    TEXT_SCALE_MAX,
    _bounds,
    _font,
    _quad,
)
from .mapdata import FittedMap, MapGeometry, Point
from .palette import Palette


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


class MapLayout:
    """Computes a ``_Layout`` for a fitted map (the renderer's geometry, names and factions)."""

    geometry: MapGeometry
    palette: Palette
    factions: tuple[str, ...]
    names: dict[str, str]
    sea_pairs: list[tuple[str, str]]
    links: dict[str, tuple[str, ...]]


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
