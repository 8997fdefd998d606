"""Issue 16's readable map at 1280×720 (zoom, pan, labels, hit-testing) and issue 15's map share
(a move re-paints only the regions it changed, a hover only what it touched)."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import dataclasses
from pathlib import Path

import pygame
import pytest

from diplomacy_game.engine import Game, PendingPlay, SeatView
from diplomacy_game.engine.actions import Choose
from diplomacy_game.scenario.loader import Scenario, load_scenario
from diplomacy_game.ui.map_view import MapRenderer
from diplomacy_game.ui.mapdata import MapGeometry, camera
from diplomacy_game.ui.palette import scenario_palette
from diplomacy_game.ui.scenes.game import GameScene
from tests.helpers import MAIN
from tests.scenario_regions_helpers import write_kurdish_question
from tests.ui.ui_driver import Driver, key, move

SMALL = ("armenia", "azerbaijan", "lebanon", "syria", "tajikistan")


def start(size: tuple[int, int]) -> tuple[Driver, GameScene]:
    """The main game in a window of ``size``, Russia at the screen, its opening decision put aside."""
    d = Driver(size)
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, path=MAIN)
    game = gs.game
    while not (game.to_act()[0] == "russia" and isinstance(game.state.pending, PendingPlay)):
        seat = game.to_act()[0]
        legal = game.legal_actions(seat)
        game.apply(next((a for a in legal if isinstance(a, Choose)), legal[0]), seat)
    gs.refresh()
    gs.seen_events["russia"] = len(game.view("russia").log)
    gs.match.moment_marks["russia"] = len(game.view(None).log)  # its moments (the new leader): seen
    d.step()
    while d.app.top is not gs:
        d.app.pop()
    d.step()
    assert d.app.top is gs
    return d, gs


def game_map_rect(size: tuple[int, int]) -> pygame.Rect:
    """The map's rectangle in the game screen of a window of ``size``."""
    return start(size)[1].L.map.copy()


@pytest.fixture(scope="module")
def map_1280() -> pygame.Rect:
    return game_map_rect((1280, 720))


@pytest.fixture(scope="module")
def view(main_scenario: Scenario) -> SeatView:
    return Game.new(main_scenario, 3).view(None)


def make(scn: Scenario, colorblind: bool = False) -> MapRenderer:
    pygame.font.init()
    return MapRenderer(scn, MapGeometry.for_map(scn.map.model.id), scenario_palette(scn, colorblind))


def pixels(surf: pygame.Surface, rect: pygame.Rect | None = None) -> bytes:
    return pygame.image.tobytes(surf.subsurface(rect) if rect is not None else surf, "RGB")


@pytest.mark.parametrize("rid", SMALL)
def test_a_small_region_is_picked_by_its_label_and_its_centre_at_1280x720(
    main_scenario: Scenario, view: SeatView, map_1280: pygame.Rect, rid: str
) -> None:
    r = make(main_scenario)
    surf = pygame.Surface((1280, 720))
    r.draw(surf, map_1280, view)
    label = r.label_rect(rid)
    assert label is not None and map_1280.contains(label)
    assert r.region_at(label.center) == rid
    for p in (label.midleft, label.midright):  # the whole label, not only its middle
        assert r.region_at((p[0] + (3 if p == label.midleft else -3), p[1])) == rid
    centre = r.region_point(rid)
    assert centre is not None and r.region_at(centre) == rid


def test_the_game_screen_at_1280x720_picks_each_small_region_by_its_label_and_centre() -> None:
    _, gs = start((1280, 720))
    renderer = gs.map_panel.renderer
    assert isinstance(renderer, MapRenderer)
    for rid in SMALL:
        label = renderer.label_rect(rid)
        assert label is not None
        assert gs.region_at(label.center) == rid
        centre = renderer.region_point(rid)
        assert centre is not None and gs.region_at(centre) == rid


@pytest.mark.parametrize("size", [(1280, 720), (1600, 900)])
def test_every_label_lies_inside_its_region_or_is_linked_to_it(main_scenario: Scenario, view: SeatView,
                                                                 size: tuple[int, int]) -> None:  # fmt: skip
    rect = game_map_rect(size)
    r = make(main_scenario)
    for steps in (0, 1, 2):
        r.reset_view()
        surf = pygame.Surface(size)
        r.draw(surf, rect, view)
        r.zoom_by(steps)
        r.draw(surf, rect, view)
        fit = r.fitted
        assert fit is not None
        for rid, shape in r.geometry.regions.items():
            label = r.label_rect(rid)
            if shape.box is not None or label is None:
                continue
            local = (label.centerx - rect.x, label.centery - rect.y)
            leader = r.leader(rid)
            if leader is None:
                assert fit.in_shape(rid, local), (rid, steps)
            else:
                start, end = leader
                assert fit.in_shape(rid, (start[0] - rect.x, start[1] - rect.y)), (rid, steps)
                assert label.inflate(2, 2).collidepoint(end), (rid, steps)


@pytest.mark.parametrize("size", [(1280, 720), (1600, 900)])
def test_no_label_covers_another_regions_centre(main_scenario: Scenario, view: SeatView,
                                                size: tuple[int, int]) -> None:  # fmt: skip
    rect = game_map_rect(size)
    r = make(main_scenario)
    surf = pygame.Surface(size)
    for steps in (0, 1, 3):
        r.reset_view()
        r.draw(surf, rect, view)
        r.zoom_by(steps)
        r.draw(surf, rect, view)
        for rid in r.geometry.regions:
            p = r.region_point(rid)
            assert p is not None
            if rect.collidepoint(p):
                assert r.region_at(p) == rid, (rid, steps)


def test_zoom_keeps_the_point_under_the_pointer_and_round_trips(main_scenario: Scenario, view: SeatView,
                                                                map_1280: pygame.Rect) -> None:  # fmt: skip
    r = make(main_scenario)
    surf = pygame.Surface((1280, 720))
    r.draw(surf, map_1280, view)
    at = r.region_point("armenia")
    assert at is not None
    before = r.to_canvas(at)
    s0 = r.fitted.scale if r.fitted else 0
    assert r.zoom_by(2, at)
    r.draw(surf, map_1280, view)
    assert r.zoom == 2.0 and r.fitted is not None and r.fitted.scale == pytest.approx(2 * s0)
    after = r.to_canvas(at)
    assert before is not None and after is not None
    assert abs(before[0] - after[0]) * r.fitted.scale < 1.5 and abs(before[1] - after[1]) * r.fitted.scale < 1.5
    assert r.region_at(at) == "armenia"
    for p in [(map_1280.x + 7, map_1280.y + 9), map_1280.center, (map_1280.right - 3, map_1280.bottom - 2)]:
        c = r.to_canvas(p)
        assert c is not None and r.to_screen(c) == p
    # Armenia is several times wider than at zoom 1
    xs = [x for poly in r.fitted.region_polygons["armenia"] for x, _ in poly]
    assert max(xs) - min(xs) >= 30


def test_pan_moves_the_view_and_stops_at_the_maps_edge(main_scenario: Scenario, view: SeatView,
                                                       map_1280: pygame.Rect) -> None:  # fmt: skip
    r = make(main_scenario)
    surf = pygame.Surface((1280, 720))
    r.draw(surf, map_1280, view)
    assert not r.pan_by(0.2, 0)  # the whole map in view: nothing to pan
    r.zoom_by(2)
    r.draw(surf, map_1280, view)
    p = map_1280.center
    c0 = r.to_canvas(p)
    assert r.pan_by(0.2, 0)
    r.draw(surf, map_1280, view)
    c1 = r.to_canvas(p)
    assert c0 is not None and c1 is not None and c1[0] > c0[0] and c1[1] == pytest.approx(c0[1])
    for _ in range(40):
        r.pan_by(-0.2, -0.2)
    r.draw(surf, map_1280, view)
    assert not r.pan_by(-0.2, -0.2)  # at the north-west corner
    assert r.to_screen((0.0, 0.0)) == map_1280.topleft
    assert r.reset_view() and r.zoom == 1.0


def test_camera_centres_a_narrow_map_and_never_leaves_a_gap(main_scenario: Scenario) -> None:
    g = MapGeometry.for_map(main_scenario.map.model.id)
    s, ox, oy = camera(g, (900, 460), 1.0, (0.0, 0.0))
    assert ox > 0 and oy == 0  # narrower than the rectangle: centred, whatever the centre asked
    s, ox, oy = camera(g, (900, 460), 3.0, (0.0, 0.0))
    assert (ox, oy) == (0, 0)
    s, ox, oy = camera(g, (900, 460), 3.0, (g.width, g.height))
    assert ox + round(g.width * s) == 900 and oy + round(g.height * s) == 460


@pytest.mark.parametrize("colorblind", [False, True])
@pytest.mark.parametrize("steps", [0, 2])
def test_a_move_repaints_only_its_regions_and_matches_a_full_paint(
    main_scenario: Scenario, view: SeatView, map_1280: pygame.Rect, colorblind: bool, steps: int
) -> None:
    inc, full = make(main_scenario, colorblind), make(main_scenario, colorblind)
    surf, ref = pygame.Surface((1280, 720)), pygame.Surface((1280, 720))
    inc.draw(surf, map_1280, view)
    inc.zoom_by(steps, inc.region_point("armenia"))
    inc.draw(surf, map_1280, view)
    builds = inc.static_builds
    influence = {**view.influence, "armenia": {"russia": 4, "iran": 12, "west": 1},
                 "syria": {}, "turkey": {**view.influence["turkey"], "west": 7}}  # fmt: skip
    control = {**view.control, "armenia": "iran", "syria": None, "turkey": "west"}
    stability = {**view.stability, "syria": 1}
    moved = dataclasses.replace(view, influence=influence, control=control, stability=stability)
    inc.draw(surf, map_1280, moved)
    assert inc.static_builds == builds and inc.region_repaints == 3
    full.zoom, full.center = inc.zoom, inc.center
    full.draw(ref, map_1280, moved)
    assert full.static_builds == 1
    # the same pixels as a whole paint, but for a shade where a line is cut by a repainted
    # rectangle's edge (SDL rasterises a clipped line from the cut)
    ox, oy = map_1280.x + inc._origin[0], map_1280.y + inc._origin[1]
    edges = [d.move(ox, oy) for d in inc.repainted]
    assert edges and sum(d.w * d.h for d in edges) < map_1280.w * map_1280.h // 3
    a, b = pygame.PixelArray(surf), pygame.PixelArray(ref)
    try:
        for x in range(map_1280.x, map_1280.right):
            for y in range(map_1280.y, map_1280.bottom):
                if a[x, y] != b[x, y]:
                    near = [d for d in edges
                            if d.inflate(4, 4).collidepoint(x, y) and not d.inflate(-4, -4).collidepoint(x, y)]
                    assert near, (x, y)
                    ca, cb = surf.unmap_rgb(a[x, y]), ref.unmap_rgb(b[x, y])
                    assert max(abs(ca[i] - cb[i]) for i in range(3)) <= 16, (x, y, ca, cb)
    finally:
        a.close()
        b.close()


def test_draw_changed_redraws_only_the_hover_and_matches_a_full_draw(main_scenario: Scenario, view: SeatView,
                                                                     map_1280: pygame.Rect) -> None:  # fmt: skip
    r, ref_r = make(main_scenario), make(main_scenario)
    surf, ref = pygame.Surface((1280, 720)), pygame.Surface((1280, 720))
    assert r.draw_changed(surf, map_1280, view, targets=("iraq",)) is None  # the first frame: all of it
    assert r.draw_changed(surf, map_1280, view, targets=("iraq",)) == []
    rects = r.draw_changed(surf, map_1280, view, hover="armenia", targets=("iraq",))
    assert rects and sum(x.w * x.h for x in rects) < map_1280.w * map_1280.h // 10
    ref_r.draw(ref, map_1280, view, hover="armenia", targets=("iraq",))
    assert pixels(surf, map_1280) == pixels(ref, map_1280)
    r.draw_changed(surf, map_1280, view, hover="iraq", targets=("iraq",), highlight="syria")
    moved = dataclasses.replace(view, control={**view.control, "lebanon": "russia"})
    rects = r.draw_changed(surf, map_1280, moved, hover="iraq", targets=("iraq",), highlight="syria")
    assert rects and sum(x.w * x.h for x in rects) < map_1280.w * map_1280.h // 4
    ref_r.draw(ref, map_1280, moved, hover="iraq", targets=("iraq",), highlight="syria")
    assert pixels(surf, map_1280) == pixels(ref, map_1280)


def test_the_game_zooms_with_the_wheel_and_keys_and_pans_with_shift_arrows() -> None:
    d, gs = start((1280, 720))
    r = gs.map_panel.renderer
    assert isinstance(r, MapRenderer)
    d.step([move(gs.L.map.center)])
    d.step([pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False)])
    assert r.zoom == 1.5
    d.step([key(pygame.K_EQUALS, "=")])
    d.step([key(pygame.K_PLUS, "+")])
    assert r.zoom == 3.0
    before = r.to_canvas(gs.L.map.center)
    card = gs.sel_card
    d.step([key(pygame.K_RIGHT, mod=pygame.KMOD_SHIFT)])
    after = r.to_canvas(gs.L.map.center)
    assert before is not None and after is not None and after[0] > before[0]
    assert gs.sel_card == card  # Shift+Right pans; Right alone still walks the hand
    d.step([key(pygame.K_MINUS, "-")])
    assert r.zoom == 2.0
    d.step([key(pygame.K_HOME)])
    assert r.zoom == 1.0 and r.center is None


def test_a_scenarios_own_region_is_drawn_and_clicked_when_zoomed(tmp_path: Path) -> None:
    scn = load_scenario(write_kurdish_question(tmp_path))
    view = Game.new(scn, seed=1).view(None)
    r = make(scn)
    surf = pygame.Surface((1200, 760))
    rect = pygame.Rect(0, 0, 1200, 760)
    r.draw(surf, rect, view)
    r.zoom_by(2, r.region_point("kurdistan"))
    r.draw(surf, rect, view)
    p = r.region_point("kurdistan")
    assert p is not None and rect.collidepoint(p) and r.region_at(p) == "kurdistan"
    label = r.label_rect("kurdistan")
    assert label is not None and r.region_at(label.center) == "kurdistan"
