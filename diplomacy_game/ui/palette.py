"""Map colours: a normal palette and a colour-blind-safe one (Okabe–Ito), plus hatch patterns.

Everything faction-specific comes from the scenario: the normal palette is each faction's
``color``; the colour-blind palette gives each faction the Okabe–Ito colour nearest to its
own (each used once, in faction order), and a hatch pattern, the faction's ``pattern`` or
the next one unused, so that control reads without colour. No faction id is known here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pygame

from .colour import GREY, Color, mix, rgb

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO: dict[str, Color] = {
    "orange": (230, 159, 0),
    "sky_blue": (86, 180, 233),
    "bluish_green": (0, 158, 115),
    "yellow": (240, 228, 66),
    "blue": (0, 114, 178),
    "vermillion": (213, 94, 0),
    "reddish_purple": (204, 121, 167),
}

PATTERNS: tuple[str, ...] = ("diagonal", "dots", "crosshatch", "horizontal", "backslash", "vertical")


@dataclass(frozen=True)
class Palette:
    name: str
    colorblind: bool
    factions: dict[str, Color]
    patterns: dict[str, str] = field(default_factory=dict)
    sea: Color = (168, 196, 216)
    sea_line: Color = (150, 180, 203)
    land: Color = (222, 216, 200)
    land_border: Color = (196, 189, 172)
    neutral: Color = (190, 188, 182)
    border: Color = (88, 84, 78)
    text: Color = (28, 28, 30)
    halo: Color = (246, 244, 238)
    city: Color = (30, 30, 30)
    sea_link: Color = (40, 78, 130)
    target: Color = (255, 214, 0)
    hover: Color = (255, 255, 255)
    highlight: Color = (220, 20, 120)
    panel: Color = (36, 40, 48)
    panel_text: Color = (236, 236, 236)
    offmap: Color = (232, 230, 222)
    frame: Color = (52, 56, 64)

    def color(self, faction: str) -> Color:
        return self.factions.get(faction, (128, 128, 128))

    def fill(self, faction: str | None) -> Color:
        """The fill of a region controlled by ``faction`` (None: neutral)."""
        if faction is None:
            return self.neutral
        return mix(self.color(faction), (255, 255, 255), 0.28 if not self.colorblind else 0.2)

    def pattern(self, faction: str | None) -> str | None:
        """The hatch drawn over a region ``faction`` controls (only in the colour-blind palette)."""
        if faction is None or not self.colorblind:
            return None
        return self.patterns.get(faction)


def _faction_specs(factions: Iterable[Any]) -> list[tuple[str, str | None, str | None]]:
    """(id, colour, pattern) of faction models (``id``, ``color``, ``pattern``) or plain ids."""
    out: list[tuple[str, str | None, str | None]] = []
    for f in factions:
        if isinstance(f, str):
            out.append((f, None, None))
        else:
            out.append((str(f.id), getattr(f, "color", None), getattr(f, "pattern", None)))
    return out


def _distance(a: Color, b: Color) -> float:
    """A perceptual distance (the "redmean" approximation)."""
    r = (a[0] + b[0]) / 2
    dr, dg, db = a[0] - b[0], a[1] - b[1], a[2] - b[2]
    return float(((2 + r / 256) * dr * dr + 4 * dg * dg + (2 + (255 - r) / 256) * db * db) ** 0.5)


def make_palette(factions: Iterable[Any], colorblind: bool = False) -> Palette:
    """A palette for ``factions``: faction models (``id``, ``color``, ``pattern``) or plain ids, in order."""
    specs = _faction_specs(factions)
    colours: dict[str, Color] = {}
    patterns: dict[str, str] = {}
    if colorblind:
        free = list(OKABE_ITO.values())
        for fid, hexcol, _ in specs:
            own = rgb(hexcol) if hexcol else None
            if not free:
                colours[fid] = GREY
            elif own is None:
                colours[fid] = free.pop(0)
            else:
                best = min(free, key=lambda c: _distance(c, own))
                free.remove(best)
                colours[fid] = best
        spare = [p for p in PATTERNS if p not in {pat for _, _, pat in specs}]
        for fid, _, pat in specs:
            patterns[fid] = pat or (spare.pop(0) if spare else "dots")
        return Palette(
            "colorblind", True, colours, patterns,
            neutral=(200, 200, 200), land=(228, 226, 220), sea=(190, 214, 232),
            target=(240, 228, 66), highlight=(204, 121, 167),
        )  # fmt: skip
    for fid, hexcol, _ in specs:
        colours[fid] = rgb(hexcol) if hexcol else GREY
    return Palette("normal", False, colours)


def scenario_palette(scenario: Any, colorblind: bool = False) -> Palette:
    """The palette of a loaded scenario (``diplomacy_game.scenario.loader.Scenario``)."""
    return make_palette(scenario.model.factions, colorblind)


def pattern_tile(name: str, color: Color, size: int = 12) -> Any:
    """A transparent ``size``×``size`` pygame Surface with one tile of hatch ``name``."""
    tile = pygame.Surface((size, size), pygame.SRCALPHA)
    c = (*color, 255)
    w = max(1, size // 8)
    if name == "diagonal":
        pygame.draw.line(tile, c, (0, size), (size, 0), w + 1)
        pygame.draw.line(tile, c, (-size // 2, size // 2), (size // 2, -size // 2), w + 1)
        pygame.draw.line(tile, c, (size // 2, size + size // 2), (size + size // 2, size // 2), w + 1)
    elif name == "backslash":
        pygame.draw.line(tile, c, (0, 0), (size, size), w + 1)
        pygame.draw.line(tile, c, (size // 2, -size // 2), (size + size // 2, size // 2), w + 1)
        pygame.draw.line(tile, c, (-size // 2, size // 2), (size // 2, size + size // 2), w + 1)
    elif name == "dots":
        r = max(1, size // 6)
        pygame.draw.circle(tile, c, (size // 4, size // 4), r)
        pygame.draw.circle(tile, c, (3 * size // 4, 3 * size // 4), r)
    elif name == "crosshatch":
        pygame.draw.line(tile, c, (0, size // 2), (size, size // 2), w)
        pygame.draw.line(tile, c, (size // 2, 0), (size // 2, size), w)
    elif name == "horizontal":
        pygame.draw.line(tile, c, (0, size // 2), (size, size // 2), w + 1)
    elif name == "vertical":
        pygame.draw.line(tile, c, (size // 2, 0), (size // 2, size), w + 1)
    else:
        raise ValueError(f"unknown pattern {name!r}")
    return tile
