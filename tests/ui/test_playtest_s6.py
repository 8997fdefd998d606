"""Fixes from the second new player's playtest (s5-play): the tool after a one-shot faction
action, the catch-up rows, labels over the target outlines, the crisis warning on a target
forced by a rival's operations, and the status line's small slips."""

from __future__ import annotations

import dataclasses

import pygame
from ui_driver import NOTICES, Driver, click, key, letter

from diplomacy_game.engine.actions import PlaceInfluence, UseAction
from diplomacy_game.ui.modes.ops import InfluenceTool, OpsMode
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog
from diplomacy_game.ui.scenes.game import GameScene
from helpers import MAIN


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
