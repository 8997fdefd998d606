"""Drawing primitives of the map view: its sizes, fonts, text with a halo, curves, dashes,
clipping and rectangle helpers (pygame only; nothing about the game)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pygame

from .colour import Color
from .mapdata import Point

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
