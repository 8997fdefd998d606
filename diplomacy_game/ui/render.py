"""Render the map to a PNG without a window (``diplomacy-game render``)."""

from __future__ import annotations

import os
from typing import Any

# Rendering needs no display (fonts and image.save work without one). Without a display, pick
# SDL's dummy driver so that nothing here or after can fail for want of one; with a display,
# leave the driver alone: this module may be imported in a process that opens a window.
if not (os.environ.get("SDL_VIDEODRIVER") or os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")):  # fmt: skip
    os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

from ..ai.policy import RandomPlayer
from ..engine import Game
from ..engine.turn import month_name
from ..scenario.loader import load_scenario
from .colour import mix
from .map_draw import _font, _text
from .map_view import MapRenderer
from .mapdata import MapGeometry
from .palette import Palette, scenario_palette

HEADER_H = 64
MAX_STEPS = 100_000


def play_until(game: Any, turn: int, seed: int) -> None:
    """Play random legal moves until ``turn`` (0-based) starts or the game ends."""
    player = RandomPlayer(seed)
    steps = 0
    while not game.is_over() and game.state.turn < turn and steps < MAX_STEPS:
        seat = game.to_act()[0]
        game.apply(player.pick(game.legal_actions(seat)), seat)
        steps += 1


def draw_header(surf: pygame.Surface, rect: pygame.Rect, scenario: Any, view: Any, pal: Palette) -> None:
    pygame.draw.rect(surf, pal.panel, rect)
    big = _font(30, True)
    small = _font(20)
    x = rect.x + 16
    title = _text(surf, scenario.model.title, (x, rect.y + 22), big, pal.panel_text, align="left")
    month = f"{month_name(view.month)}  ·  turn {view.turn + 1}/{len(scenario.months)}  ·  {view.phase}"
    if view.outcome:
        month += "  ·  game over"
    _text(surf, month, (x, rect.y + 48), small, mix(pal.panel_text, pal.panel, 0.25), align="left")
    chips = []
    vx = rect.right - 16
    for fid in reversed([f.id for f in scenario.model.factions]):
        text = f"{scenario.faction(fid).name} {view.vp.get(fid, 0)} VP"
        img = small.render(text, True, pal.panel_text)
        chip = pygame.Rect(0, 0, img.get_width() + 18, 26)
        chip.midright = (vx, rect.y + rect.h // 2)
        chips.append((fid, img, chip))
        vx = chip.left - 8
    tx = max(title.right + 40, rect.x + 460) if vx > rect.x + 900 else title.right + 30
    for tid, value in view.tracks.items():
        track = scenario.tracks.get(tid)
        name = track.name if track is not None else tid
        hi = track.max if track is not None else value
        label = f"{name}: {value}/{hi}"
        if tx + max(small.size(label)[0], 120) > vx - 10:
            break  # no room left before the victory points
        r = _text(surf, label, (tx, rect.y + 22), small, pal.panel_text, align="left")
        lo = track.min if track is not None else 0
        bar = pygame.Rect(tx, rect.y + 38, max(r.w, 120), 10)
        pygame.draw.rect(surf, mix(pal.panel, (255, 255, 255), 0.15), bar, border_radius=4)
        frac = 0.0 if hi <= lo else (value - lo) / (hi - lo)
        fill = bar.copy()
        fill.w = round(bar.w * max(0.0, min(1.0, frac)))
        pygame.draw.rect(surf, (230, 190, 80), fill, border_radius=4)
        tx = bar.right + 30
    for fid, img, chip in chips:
        pygame.draw.rect(surf, pal.color(fid), chip, border_radius=6)
        pygame.draw.rect(surf, (255, 255, 255), chip, 1, border_radius=6)
        surf.blit(img, img.get_rect(center=chip.center))


def render_view(
    scenario: Any,
    view: Any,
    size: tuple[int, int],
    *,
    colorblind: bool = False,
    geometry: MapGeometry | None = None,
    targets: tuple[str, ...] = (),
    highlight: str | None = None,
) -> pygame.Surface:
    """The header and the map for ``view``, on a new Surface of ``size``."""
    if not pygame.font.get_init():
        pygame.font.init()
    geometry = geometry or MapGeometry.for_scenario(scenario)
    pal = scenario_palette(scenario, colorblind)
    surf = pygame.Surface(size)
    surf.fill(pal.panel)
    w, h = size
    header = pygame.Rect(0, 0, w, min(HEADER_H, h // 4))
    draw_header(surf, header, scenario, view, pal)
    renderer = MapRenderer(scenario, geometry, pal)
    renderer.draw(surf, pygame.Rect(0, header.bottom, w, h - header.bottom), view,
                  targets=targets, highlight=highlight)  # fmt: skip
    return surf


def render_png(
    scenario_path: str | os.PathLike[str],
    out_path: str | os.PathLike[str],
    size: tuple[int, int] = (1600, 900),
    seed: int = 0,
    turn: int | None = None,
    *,
    colorblind: bool = False,
) -> None:
    """Load a scenario, start a game (played at random up to ``turn``), save the map as PNG.

    ``turn`` counts from 1 like the header does (``None``: the opening position). Raises
    ContentError for a broken scenario (without a map asset the regions are drawn as markers), and
    pygame.error / OSError when the file cannot be written.
    """
    scn = load_scenario(scenario_path)
    game = Game.new(scn, seed)
    if turn is not None:
        play_until(game, turn - 1, seed)
    surf = render_view(scn, game.view(None), size, colorblind=colorblind)
    pygame.image.save(surf, os.fspath(out_path))
