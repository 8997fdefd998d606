"""Fixes from the second new player's playtest (s5-play): the tool after a one-shot faction
action, the catch-up rows, labels over the target outlines, the crisis warning on a target
forced by a rival's operations, and the status line's small slips."""

from __future__ import annotations

import dataclasses

import pygame
from helpers import MAIN
from ui_driver import NOTICES, Driver, click, key, letter, move

from diplomacy_game.engine.actions import PlaceInfluence, UseAction
from diplomacy_game.engine.recap import RecapStep
from diplomacy_game.engine.state import LogEntry
from diplomacy_game.ui import intents as it
from diplomacy_game.ui.intents import Intent
from diplomacy_game.ui.modes.ops import InfluenceTool, OpsMode
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.catchup import CatchUpScene
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog
from diplomacy_game.ui.scenes.game import GameScene


def _to_play(d: Driver, gs: GameScene, limit: int = 80) -> None:
    for _ in range(limit):
        if isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(d.top, ChoiceDialog):
            d.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1")])
        elif gs.pending_kind == "play" and d.top is gs:
            return
        else:
            d.step(dt=1.0)
    raise AssertionError("the human seat never got to play a card")


def _ops_with(d: Driver, gs: GameScene, seat: str, points: int) -> None:
    """The seat at the screen plays its first card for operations, with ``points`` to spend."""
    _to_play(d, gs)
    st = gs.game.state
    card = st.hands[seat][0]
    d.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1"), letter("o")])
    assert gs.pending_kind == "ops", card
    st.pending = dataclasses.replace(st.pending, points=points)  # type: ignore[type-var]
    gs.refresh()
    d.step()


def test_after_a_one_shot_faction_action_a_region_click_places_influence() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    _ops_with(d, gs, "iran", 3)
    gs.game.state.leaders["iran"] = "raisi"  # Arms transfer is not while a caretaker leads
    gs.refresh()
    d.step()
    b = next(b for b in gs.L.buttons if b.key == "mode:act:arms_transfer")
    assert b.enabled, b.reason
    d.step([click(b.rect.center)])
    assert gs.armed == UseAction("arms_transfer")
    d.step([key(pygame.K_RETURN)])
    assert gs.view.pending.points == 1  # type: ignore[union-attr]
    assert gs.input == OpsMode(InfluenceTool())  # used up for the turn: back to placing influence
    b = next(b for b in gs.L.buttons if b.key == "mode:influence")
    assert b.selected
    region = next(a.region for a in gs.legal if isinstance(a, PlaceInfluence) and d.region_point(gs, a.region))
    before = gs.view.influence.get(region, {}).get("iran", 0)
    d.step([click(d.region_point(gs, region))])  # type: ignore[arg-type]
    assert gs.view.influence[region]["iran"] == before + 1, gs.message
    assert "Arms transfer" not in gs.message


def _step(gs: GameScene, mover: str, lines: list[tuple[str, str, dict[str, object]]]) -> RecapStep:
    return RecapStep(mover, 0, tuple(LogEntry(0, t, k, None, dict(data)) for t, k, data in lines), gs.view)


def test_catchup_rows_show_a_crisis_and_victory_points_and_whole_titles() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    long_title = "The West places influence in Qatar (1 op), then in Kuwait, Oman and the United Arab Emirates"
    crisis = _step(gs, "west", [
        (long_title, "influence", {}),
        ("The event of 'Drones for the Front' fires for Iran.", "opponent_event", {}),
        ("Western Concern: 4 → 5 (Iran).", "track", {"track": "western_concern"}),
        ("Crisis! Western Concern is at its maximum (Iran).", "crisis", {"track": "western_concern", "by": "iran"}),
        ("Iran -1 VP (now 3).", "vp", {"faction": "iran", "delta": -1}),
    ])
    quiet = _step(gs, "russia", [("Russia places influence in Armenia (1 op).", "influence", {})])
    scene = CatchUpScene(d.app, gs, "iran", [quiet, crisis])
    d.app.push(scene)
    drawn = d.step()
    rows = " ".join(t for t in drawn if t not in scene.lines)
    assert "⚠ Crisis: Western Concern; Iran −1 VP" in rows
    assert "Crisis" not in " ".join(scene._row_lines(0, 400))  # a quiet step has no mark
    # the long headline is drawn whole, over several lines of its row, never cut
    words = long_title.split()
    assert all(w in rows for w in words[-4:]) and "…" not in rows


def test_a_stale_not_your_turn_message_is_gone_when_the_turn_comes() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    for _ in range(40):
        if d.top is gs and gs.seat is None:
            break
        if isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        else:
            d.step(dt=0.0)
    assert d.top is gs and gs.seat is None, "Iran never waited for Russia"
    gs.handle(Intent(it.LETTER, value="d"))  # as the key does (the computer may move in a frame)
    assert "D is not available now: it is not your turn" in gs.message
    _to_play(d, gs)
    assert "not your turn" not in gs.message
    assert "not your turn" not in " ".join(d.step())


def test_no_stale_region_tooltip_after_the_catchup_closes() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    _to_play(d, gs)
    pt = d.region_point(gs, "iraq")
    assert pt is not None
    d.step([move(pt)])
    assert gs.hover_region == "iraq"
    d.app.push(CatchUpScene(d.app, gs, "iran", [_step(gs, "russia", [("Russia passes.", "info", {})])]))
    d.step()
    d.step([move((gs.L.right.centerx, gs.L.right.bottom - 3))])  # the pointer leaves the map meanwhile
    d.step([key(pygame.K_RETURN)])
    assert d.top is gs
    assert gs.hover_region is None
    assert "Iraq" not in d.step()  # no tooltip naming it


def test_a_disabled_faction_action_button_still_shows_its_letter() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    _ops_with(d, gs, "iran", 3)
    gs.game.state.leaders["iran"] = "mokhber"  # a caretaker: Arms transfer is refused
    gs.refresh()
    drawn: list[str] = []
    kit.add_recorder(drawn.append)
    try:
        surf = pygame.Surface(d.app.size)
        for b in gs.L.buttons:
            if b.key in ("mode:act:arms_transfer", "mode:act:iranian_trade"):
                drawn.clear()
                b.draw(surf)
                assert b.hint and b.hint in drawn, (b.key, b.enabled, drawn)
                assert b.label in drawn or all(w in " ".join(drawn) for w in b.label.split()), drawn
    finally:
        kit.remove_recorder(drawn.append)


def test_the_target_prompt_says_where_the_card_text_is() -> None:
    from diplomacy_game.engine.actions import PlayCard

    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=2)
    _to_play(d, gs)
    gs.game.state.hands["russia"][0] = "cis_moscow"  # a Russian card whose event needs a target
    gs.refresh()
    assert gs.submit(PlayCard("cis_moscow", "event"))
    d.app.mouse = (gs.L.right.centerx, gs.L.right.bottom - 5)
    drawn = d.step()
    assert "on the map)" not in gs.prompt()
    assert "panel at the right" in gs.prompt()
    detail = next(t for t in drawn if t == gs.scn.cards["cis_moscow"].title)
    assert detail  # the card's text is drawn, in the right panel (test_layout_fit checks where)


def test_crisis_warning_on_a_target_a_rivals_operations_forced() -> None:
    """The West plays Iran's 'Friends in the Levant' for operations at Western Concern 4: Iran
    picks the event's target, and is warned before it confirms that it sets off the crisis."""
    from diplomacy_game.engine import PendingTarget
    from diplomacy_game.engine.actions import ChooseTarget

    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    _to_play(d, gs)
    st = gs.game.state
    st.pending = PendingTarget("iran", "levant_network", ("iraq", "syria", "lebanon"))
    st.tracks["western_concern"] = 4
    gs.refresh()
    d.step()
    assert gs.pending_kind == "target"
    pt = d.region_point(gs, "iraq")
    assert pt is not None
    d.step([click(pt)])
    assert gs.armed == ChooseTarget("iraq")
    concern = gs.scn.tracks["western_concern"]
    assert f"⚠ {concern.name} to {concern.max}, a crisis: Iran loses 1 VP" in gs.message  # the case now
    assert gs.message_error  # shown as a warning
    whole = gs.describe(ChooseTarget("iraq"))  # the Confirm button's tooltip: the whole of it
    assert whole.startswith(f"⚠ This pushes {concern.name} to {concern.max}: crisis — Iran loses 1 VP")
    st.tracks["western_concern"] = 3
    gs.refresh()
    d.step([key(pygame.K_ESCAPE), click(pt)])
    assert gs.armed == ChooseTarget("iraq") and "⚠" not in gs.message


SMALL = ("azerbaijan", "armenia", "tajikistan", "georgia", "lebanon", "syria")


def test_labels_and_counters_lie_over_the_target_outlines_at_100_percent() -> None:
    """Every opaque pixel of a small region's label (name, stability, counters) is the same with
    every region marked as a target as without: the outlines pass under the labels."""
    d = Driver((1280, 720))
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    d.step()
    r = gs.map_panel.renderer
    rect, view = gs.L.map, gs.view
    plain, marked = pygame.Surface(d.app.size), pygame.Surface(d.app.size)
    r.draw(plain, rect, view)
    r.draw(marked, rect, view, targets=list(gs.scn.map.regions))
    assert plain.get_at(rect.center) is not None
    layer = r._layer
    ox, oy = rect.x + r._origin[0], rect.y + r._origin[1]
    checked = 0
    for rid in SMALL:
        group = layer.layout.labels[rid].group.move(ox, oy).inflate(4, 4)
        # the label alone on black and on white: where both agree, the label is opaque
        on = [pygame.Surface(d.app.size) for _ in range(2)]
        on[0].fill((0, 0, 0))
        on[1].fill((255, 255, 255))
        for s in on:
            r._draw_group(s, layer.layout, rid, view, shift=(ox, oy))
        for x in range(group.left, group.right):
            for y in range(group.top, group.bottom):
                if on[0].get_at((x, y)) != on[1].get_at((x, y)) or not rect.collidepoint(x, y):
                    continue
                checked += 1
                assert marked.get_at((x, y)) == plain.get_at((x, y)), (rid, x, y)
    assert checked > 500
    # and the outlines are there: the marked frame differs from the plain one around them
    assert any(marked.get_at((x, rect.centery)) != plain.get_at((x, rect.centery)) for x in range(rect.x, rect.right))


def _zoomed_ops(d: Driver) -> GameScene:
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    _ops_with(d, gs, "iran", 3)
    d.step([move(gs.L.map.center)])
    d.step([key(pygame.K_EQUALS, "="), key(pygame.K_EQUALS, "=")])
    assert gs.map_panel.zoomed
    return gs


def _held(pos: tuple[int, int], rel: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=rel, buttons=(1, 0, 0))


def _release(pos: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)


def test_drag_pans_the_zoomed_map_and_takes_no_decision() -> None:
    d = Driver()
    gs = _zoomed_ops(d)
    r = gs.map_panel.renderer
    moves = len(gs.game.state.moves)
    start = gs.L.map.center
    before = r.to_canvas(start)
    end = (start[0] - 120, start[1] - 60)
    d.step([click(start), _held((start[0] - 60, start[1] - 30), (-60, -30)), _held(end, (-60, -30)), _release(end)])
    after = r.to_canvas(start)
    assert before is not None and after is not None
    assert after[0] > before[0] and after[1] > before[1]  # the map followed the pointer (to the upper left)
    assert r.to_canvas(end) is not None and abs(r.to_canvas(end)[0] - before[0]) < 2  # type: ignore[index]
    assert len(gs.game.state.moves) == moves and gs.armed is None  # a drag is no click


def test_a_press_released_in_place_on_the_zoomed_map_is_a_click() -> None:
    d = Driver()
    gs = _zoomed_ops(d)
    region = next(a.region for a in gs.legal if isinstance(a, PlaceInfluence)
                  and (p := gs.region_point(a.region)) is not None and gs.L.map.collidepoint(p)
                  and gs.region_at(p) == a.region)
    pt = gs.region_point(region)
    assert pt is not None
    before = gs.view.influence.get(region, {}).get("iran", 0)
    d.step([click(pt)])
    assert gs.view.influence.get(region, {}).get("iran", 0) == before  # not yet: it may become a drag
    d.step([_release(pt)])
    assert gs.view.influence[region]["iran"] == before + 1


def test_tab_pans_the_zoomed_map_to_the_region_it_picks() -> None:
    d = Driver()
    gs = _zoomed_ops(d)
    d.step([key(pygame.K_EQUALS, "=")])
    for _ in range(len(gs.legal) + 2):
        d.step([key(pygame.K_TAB)])
        rid = getattr(gs.armed, "region", None) or getattr(gs.armed, "target", None)
        if rid is None:
            continue
        p = gs.region_point(rid)
        assert p is not None and gs.L.map.collidepoint(p), rid  # every region Tab picks is in view
