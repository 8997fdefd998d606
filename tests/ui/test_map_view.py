"""The map asset, hit-testing, the renderer's cache and the palettes."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import dataclasses
import json
from pathlib import Path
from types import SimpleNamespace

import pygame
import pytest

from diplomacy_game.engine import Game, SeatView
from diplomacy_game.scenario.loader import Scenario
from diplomacy_game.ui.map_view import MapRenderer
from diplomacy_game.ui.mapdata import ASSET_DIRS, MapGeometry
from diplomacy_game.ui.palette import make_palette, pattern_tile, scenario_palette

ASSET = ASSET_DIRS[0] / "caspian_2024.json"
RECT = pygame.Rect(0, 60, 1600, 840)


@pytest.fixture(scope="module")
def geometry() -> MapGeometry:
    return MapGeometry.for_map("caspian_2024")


@pytest.fixture(scope="module")
def view(main_scenario: Scenario) -> SeatView:
    return Game.new(main_scenario, 3).view(None)


@pytest.fixture()
def renderer(main_scenario: Scenario, geometry: MapGeometry) -> MapRenderer:
    pygame.font.init()
    return MapRenderer(main_scenario, geometry, scenario_palette(main_scenario))


def test_asset_is_small_and_covers_every_region(main_scenario: Scenario, geometry: MapGeometry) -> None:
    assert ASSET.stat().st_size < 300_000
    data = json.loads(Path(ASSET).read_text(encoding="utf-8"))
    assert "Natural Earth" in data["source"]
    for r in main_scenario.map.model.regions:
        shape = geometry.regions[r.id]
        if r.offmap:
            assert shape.box is not None
        else:
            assert shape.polygons, r.id
            for poly in shape.polygons:
                assert all(0 <= x <= geometry.width and 0 <= y <= geometry.height for x, y in poly)
    names = {name for shape in geometry.regions.values() for name, _ in shape.cities}
    assert {"Moscow", "Kazan", "Tehran", "Ashgabat", "Tabriz", "Baku", "Pyongyang"} <= names


@pytest.mark.parametrize("rect", [(0, 0, 1600, 988), (0, 60, 1600, 840), (37, 11, 700, 420)])
def test_region_at_each_anchor_is_that_region(geometry: MapGeometry, rect: tuple[int, ...]) -> None:
    fit = geometry.fit(rect)  # type: ignore[arg-type]
    for rid in geometry.regions:
        assert fit.region_at(fit.anchor(rid)) == rid


def test_fit_keeps_the_aspect_ratio(geometry: MapGeometry) -> None:
    fit = geometry.fit((10, 20, 2000, 600))
    x, _y, w, h = fit.map_rect
    assert h == 600 and abs(w / h - geometry.width / geometry.height) < 0.01
    assert x > 10 and x + w < 2010  # centred


def test_renderer_region_at_anchor_and_sea(
    renderer: MapRenderer, view: SeatView, geometry: MapGeometry
) -> None:
    surf = pygame.Surface((1600, 900))
    renderer.draw(surf, RECT, view)
    for rid in geometry.regions:
        p = renderer.region_point(rid)
        assert p is not None and renderer.region_at(p) == rid
    fit = geometry.fit((RECT.x, RECT.y, RECT.w, RECT.h))
    caspian = fit.to_screen(geometry.seas["caspian"].center)
    assert renderer.region_at(caspian) is None
    assert renderer.region_at((5, 5)) is None  # outside the rect


def test_static_layer_is_cached_and_rebuilt_on_change(renderer: MapRenderer, view: SeatView) -> None:
    surf = pygame.Surface((1600, 900))
    renderer.draw(surf, RECT, view)
    renderer.draw(surf, RECT, view, hover="iran", targets=("turkey", "iraq"), highlight="syria")
    renderer.draw(surf, RECT.move(5, 0), view)  # moved, same size
    assert renderer.static_builds == 1
    changed = dataclasses.replace(view, control={**view.control, "turkey": "russia"})
    renderer.draw(surf, RECT, changed)
    assert renderer.static_builds == 2
    more = {**changed.influence, "turkey": {**changed.influence["turkey"], "iran": 9}}
    renderer.draw(surf, RECT, dataclasses.replace(changed, influence=more))
    assert renderer.static_builds == 3
    renderer.draw(surf, pygame.Rect(0, 0, 800, 450), dataclasses.replace(changed, influence=more))
    assert renderer.static_builds == 4


def test_control_changes_the_fill(renderer: MapRenderer, view: SeatView, geometry: MapGeometry) -> None:
    surf = pygame.Surface((1600, 900))
    fit = geometry.fit((RECT.x, RECT.y, RECT.w, RECT.h))
    # a point inside Kazakhstan away from its label: a fifth of the way from anchor to a vertex
    ax, ay = geometry.regions["kazakhstan"].anchor
    vx, vy = geometry.regions["kazakhstan"].polygons[0][0]
    p = fit.to_screen((ax + (vx - ax) * 0.5, ay + (vy - ay) * 0.5))
    renderer.draw(surf, RECT, dataclasses.replace(view, control={**view.control, "kazakhstan": None}))
    neutral = tuple(surf.get_at(p))[:3]
    renderer.draw(surf, RECT, dataclasses.replace(view, control={**view.control, "kazakhstan": "west"}))
    assert tuple(surf.get_at(p))[:3] != neutral
    assert tuple(surf.get_at(p))[:3] == renderer.palette.fill("west")


def test_draws_from_a_view_alone(main_scenario: Scenario, geometry: MapGeometry) -> None:
    """Anything with control, influence and stability will do: the renderer never sees a game."""
    regions = main_scenario.map.region_ids
    stub = SimpleNamespace(
        control={r: None for r in regions},
        influence={r: {"russia": 1} for r in regions},
        stability={r: 2 for r in regions},
    )
    pygame.font.init()
    r = MapRenderer(main_scenario, geometry, scenario_palette(main_scenario, colorblind=True))
    surf = pygame.Surface((640, 400))
    r.draw(surf, surf.get_rect(), stub, targets=regions, highlight="iran", hover="russia")
    assert r.static_builds == 1


def test_colorblind_palette_has_a_distinct_pattern_per_faction(main_scenario: Scenario) -> None:
    pal = scenario_palette(main_scenario, colorblind=True)
    pats = [pal.pattern(f) for f in main_scenario.factions]
    assert all(pats) and len(set(pats)) == len(pats)
    pygame.init()
    tiles = [pygame.image.tobytes(pattern_tile(p, (0, 0, 0), 12), "RGBA") for p in pats if p]
    assert len(set(tiles)) == len(tiles)
    colours = [pal.color(f) for f in main_scenario.factions]
    assert len(set(colours)) == len(colours)
    normal = scenario_palette(main_scenario)
    assert all(normal.pattern(f) is None for f in main_scenario.factions)


def test_unknown_factions_fall_back_to_the_scenario_colour() -> None:
    factions = [SimpleNamespace(id="russia", color="#000000"), SimpleNamespace(id="china", color="#123456")]
    assert make_palette(factions).color("china") == (0x12, 0x34, 0x56)
    assert make_palette(factions).color("russia") != (0, 0, 0)  # the palette's own
    cb = make_palette([*factions, "india"], colorblind=True)
    pats = [cb.pattern(f) for f in ("russia", "china", "india")]
    assert len(set(pats)) == 3
    assert len({cb.color(f) for f in ("russia", "china", "india")}) == 3
