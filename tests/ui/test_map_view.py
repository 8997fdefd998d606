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
    over = [rid for rid in geometry.regions
            if (lr := renderer.label_rect(rid)) is not None and lr.collidepoint(caspian)]
    assert renderer.region_at(caspian) == (over[0] if over else None)  # the sea, or a label set on it
    assert renderer.region_at((5, 5)) is None  # outside the rect


def test_static_layer_is_cached_and_only_changed_regions_are_repainted(renderer: MapRenderer, view: SeatView) -> None:
    surf = pygame.Surface((1600, 900))
    renderer.draw(surf, RECT, view)
    renderer.draw(surf, RECT, view, hover="iran", targets=("turkey", "iraq"), highlight="syria")
    renderer.draw(surf, RECT.move(5, 0), view)  # moved, same size
    assert renderer.static_builds == 1 and renderer.region_repaints == 0
    changed = dataclasses.replace(view, control={**view.control, "turkey": "russia"})
    renderer.draw(surf, RECT, changed)
    assert renderer.static_builds == 1 and renderer.region_repaints == 1
    more = {**changed.influence, "turkey": {**changed.influence["turkey"], "iran": 9}}
    renderer.draw(surf, RECT, dataclasses.replace(changed, influence=more))
    assert renderer.static_builds == 1 and renderer.region_repaints == 2
    renderer.draw(surf, pygame.Rect(0, 0, 800, 450), dataclasses.replace(changed, influence=more))
    assert renderer.static_builds == 2  # another size: another layer


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


def test_faction_colours_and_patterns_come_from_the_scenario_not_from_faction_ids() -> None:
    from diplomacy_game.ui.palette import OKABE_ITO

    factions = [SimpleNamespace(id="russia", color="#000000", pattern=None),
                SimpleNamespace(id="china", color="#d01010", pattern="vertical"),
                SimpleNamespace(id="india", color="#e0a000", pattern=None)]
    normal = make_palette(factions)
    assert normal.color("russia") == (0, 0, 0) and normal.color("china") == (0xd0, 0x10, 0x10)
    cb = make_palette([*factions, "nepal"], colorblind=True)
    assert cb.color("china") == OKABE_ITO["vermillion"]  # the nearest Okabe-Ito colour to a red
    assert cb.color("india") == OKABE_ITO["orange"]
    assert cb.pattern("china") == "vertical"  # the scenario's own pattern
    pats = [cb.pattern(f) for f in ("russia", "china", "india", "nepal")]
    assert len(set(pats)) == 4 and pats[0] == "diagonal"  # the others: the next unused, in order
    assert len({cb.color(f) for f in ("russia", "china", "india", "nepal")}) == 4


def test_the_shipped_scenario_keeps_its_look(main_scenario: Scenario) -> None:
    """The colours the game drew before they moved into the scenario file."""
    assert scenario_palette(main_scenario).factions == {
        "russia": (196, 58, 49), "iran": (46, 139, 87), "west": (47, 104, 181)}
    cb = scenario_palette(main_scenario, colorblind=True)
    assert cb.factions == {"russia": (213, 94, 0), "iran": (0, 158, 115), "west": (0, 114, 178)}
    assert cb.patterns == {"russia": "diagonal", "iran": "dots", "west": "crosshatch"}
