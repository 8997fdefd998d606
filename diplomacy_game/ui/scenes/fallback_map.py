"""A schematic map (regions as tiles grouped by bloc), used when the real map cannot load.

It has the same interface as ``ui.map_view.MapRenderer``: ``draw(surface, rect, view, *,
hover, targets, highlight)`` and ``region_at(pos)``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pygame

from . import kit


class SchematicMap:
    def __init__(self, scenario: Any, colours: dict[str, kit.Color]) -> None:
        self.scenario = scenario
        self.colours = colours
        self._tiles: dict[str, pygame.Rect] = {}
        self._rect: pygame.Rect | None = None

    def _layout(self, rect: pygame.Rect) -> None:
        if self._rect == rect:
            return
        self._rect = pygame.Rect(rect)
        gm = self.scenario.map
        blocs = [b.id for b in gm.model.blocs]
        by_bloc: dict[str, list[str]] = {b: [] for b in blocs}
        for rid in gm.region_ids:
            by_bloc.setdefault(gm.regions[rid].bloc, []).append(rid)
        cols = [b for b in by_bloc if by_bloc[b]]
        n = max(1, len(cols))
        gap = 6
        cw = (rect.w - gap * (n + 1)) // n
        rows = max(len(v) for v in by_bloc.values()) or 1
        th = min(54, (rect.h - 30 - gap * (rows + 1)) // rows)
        self._tiles = {}
        self._heads: dict[str, pygame.Rect] = {}
        for i, b in enumerate(cols):
            x = rect.x + gap + i * (cw + gap)
            self._heads[b] = pygame.Rect(x, rect.y + 4, cw, 22)
            for j, rid in enumerate(by_bloc[b]):
                self._tiles[rid] = pygame.Rect(x, rect.y + 30 + j * (th + gap), cw, th)

    def region_at(self, pos: tuple[int, int]) -> str | None:
        for rid, r in self._tiles.items():
            if r.collidepoint(pos):
                return rid
        return None

    def region_point(self, rid: str) -> tuple[int, int] | None:
        r = self._tiles.get(rid)
        return r.center if r else None

    def draw(
        self,
        surface: pygame.Surface,
        rect: pygame.Rect,
        view: Any,
        *,
        hover: str | None = None,
        targets: Iterable[str] = (),
        highlight: str | None = None,
    ) -> None:
        self._layout(rect)  # a cache of positions only: drawing changes no game state
        tset = set(targets)
        pygame.draw.rect(surface, kit.THEME.c("map_sea"), rect)
        gm = self.scenario.map
        names = {b.id: b.name for b in gm.model.blocs}
        for b, hr in self._heads.items():
            kit.text(surface, names.get(b, b), hr.midleft, "small", kit.THEME.c("muted"), anchor="midleft",
                     max_width=hr.w)
        for rid, r in self._tiles.items():
            ctl = view.control.get(rid) if view is not None else None
            col = self.colours.get(ctl, kit.THEME.c("map_land")) if ctl else kit.THEME.c("map_land")
            pygame.draw.rect(surface, col, r, border_radius=4)
            if rid in tset:
                pygame.draw.rect(surface, kit.THEME.c("target"), r, width=3, border_radius=4)
            if rid == hover:
                pygame.draw.rect(surface, (255, 255, 255), r, width=1, border_radius=4)
            if rid == highlight:
                pygame.draw.rect(surface, (255, 255, 255), r.inflate(4, 4), width=3, border_radius=5)
            reg = gm.regions[rid]
            kit.text(surface, reg.name + (" ★" if reg.battleground else ""), (r.x + 5, r.y + 3), "small",
                     max_width=r.w - 10)
            if view is not None:
                x = r.x + 5
                for f in self.scenario.factions:
                    n = view.influence.get(rid, {}).get(f, 0)
                    if n:
                        c = self.colours.get(f, (200, 200, 200))
                        box = pygame.Rect(x, r.bottom - 19, 22, 16)
                        pygame.draw.rect(surface, c, box, border_radius=3)
                        kit.text(surface, str(n), box.center, "small", (255, 255, 255), anchor="center")
                        x += 26
                kit.text(surface, f"s{view.stability.get(rid, reg.stability)}", (r.right - 5, r.bottom - 3),
                         "small", kit.THEME.c("muted"), anchor="bottomright")
