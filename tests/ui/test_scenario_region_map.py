"""A scenario's own region is drawn at its position, with its links, and can be clicked; drawing
never fails for want of a map asset."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from pathlib import Path

import pygame
import pytest
from helpers import MAIN
from scenario_regions_helpers import KURDISTAN_AT, write_kurdish_question

from diplomacy_game.engine import Game
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.ui import mapdata
from diplomacy_game.ui.map_view import MapRenderer
from diplomacy_game.ui.mapdata import MapGeometry
from diplomacy_game.ui.palette import scenario_palette
from diplomacy_game.ui.render import HEADER_H, render_png

SIZE = (1600, 900)


def _marker_centre() -> tuple[int, int]:
    """Where Kurdistan's marker is in a render of SIZE: its lon/lat through the asset's projection."""
    g = MapGeometry.for_map("caspian_2024")
    assert g.projection is not None
    header = min(HEADER_H, SIZE[1] // 4)
    fit = g.fit((0, header, SIZE[0], SIZE[1] - header))
    return fit.to_screen(g.projection(*KURDISTAN_AT))


def test_the_asset_projection_puts_a_capital_on_its_city_dot() -> None:
    g = MapGeometry.for_map("caspian_2024")
    assert g.projection is not None
    x, y = g.projection(44.51, 40.18)  # Yerevan
    (_, (cx, cy)), = g.regions["armenia"].cities
    assert abs(x - cx) < 0.5 and abs(y - cy) < 0.5


def test_a_scenarios_own_region_is_drawn_at_its_position(tmp_path: Path) -> None:
    out, base = tmp_path / "kurd.png", tmp_path / "base.png"
    render_png(write_kurdish_question(tmp_path), out, size=SIZE)
    render_png(MAIN, base, size=SIZE)
    img, ref = pygame.image.load(str(out)), pygame.image.load(str(base))
    x, y = _marker_centre()
    scn = load_scenario(MAIN)
    pal = scenario_palette(scn, False)
    background = {tuple(pal.sea), tuple(pal.land)}
    changed = 0
    r = 12
    for dx in range(-r, r + 1):
        for dy in range(-r, r + 1):
            p = (x + dx, y + dy)
            changed += tuple(img.get_at(p))[:3] != tuple(ref.get_at(p))[:3]
    assert changed > (2 * r + 1) ** 2 // 3  # the marker covers the spot
    ring = [tuple(img.get_at((x + dx, y)))[:3] for dx in range(-r, r + 1)]
    assert any(c not in background for c in ring)


def test_a_scenarios_own_region_can_be_clicked_and_is_marked(tmp_path: Path) -> None:
    scn = load_scenario(write_kurdish_question(tmp_path))
    game = Game.new(scn, seed=1)
    pygame.font.init()
    renderer = MapRenderer(scn, MapGeometry.for_map(scn.map.model.id), scenario_palette(scn, False))
    surf = pygame.Surface((1200, 760))
    rect = pygame.Rect(0, 0, 1200, 760)
    renderer.draw(surf, rect, game.view(None))
    point = renderer.region_point("kurdistan")
    assert point is not None
    assert renderer.region_at(point) == "kurdistan"
    before = surf.copy()
    renderer.draw(surf, rect, game.view(None), targets=("kurdistan",), hover="kurdistan", highlight="kurdistan")
    x, y = point
    assert any(surf.get_at((x + dx, y)) != before.get_at((x + dx, y)) for dx in range(-30, 31))


def test_render_without_a_map_asset_draws_every_region_as_a_marker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mapdata, "ASSET_DIRS", ())
    out = tmp_path / "blank.png"
    render_png(write_kurdish_question(tmp_path), out, size=(800, 500))
    img = pygame.image.load(str(out))
    colours = {tuple(img.get_at((x, y)))[:3] for x in range(0, 800, 7) for y in range(80, 500, 7)}
    assert len(colours) > 10  # regions, links and labels, not an empty frame
    scn = load_scenario(write_kurdish_question(tmp_path))
    blank = MapGeometry.for_scenario(scn).with_markers(scn.map.model.regions)
    assert set(blank.regions) == set(scn.map.regions)
    assert all(shape.marker for shape in blank.regions.values())
