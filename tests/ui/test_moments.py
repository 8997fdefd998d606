"""Moments on screen: every scoring gets its own screen, and each seat that took part in a secret
choice is shown its reveal (the second to choose too, before the window is passed on)."""

from __future__ import annotations

import pygame
from ui_driver import Driver, digit, key

from diplomacy_game.ui.scenes.catchup import CatchUpScene
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.handoff import HandoffScene
from diplomacy_game.ui.scenes.moments import MomentScene


def _play(d: Driver, gs: object, until: object, frames: int = 1500) -> list[tuple[str, str, list[str]]]:
    """Play first options and operations; every moment screen seen: (seat, kind, texts)."""
    seen: list[tuple[str, str, list[str]]] = []
    for _ in range(frames):
        top = d.top
        if until(seen):
            break
        if isinstance(top, MomentScene):
            texts = d.step()
            seen.append((top.seat, top.moment.kind, texts))
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, HandoffScene):
            d.step(dt=0.5)
            d.step([key(pygame.K_SPACE, " ")])
        elif isinstance(top, EventNotice | CatchUpScene):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        else:
            d.plain_move(gs)
        if gs.game.is_over():  # type: ignore[attr-defined]
            break
    return seen


def test_every_seat_in_a_secret_choice_sees_its_reveal() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "human", "west": "ai"}, seed=11)
    seen = _play(d, gs, lambda s: {x[0] for x in s if x[1] == "reveal"} == {"russia", "iran"})
    reveals = [x for x in seen if x[1] == "reveal"]
    assert {x[0] for x in reveals} == {"russia", "iran"}
    for _seat, _kind, texts in reveals:
        assert any(t.startswith("Russia: ") for t in texts) and any(t.startswith("Iran: ") for t in texts)
    picks = gs.game.state.choices  # the engine's record of each side's answer
    assert picks


def test_a_scoring_has_its_own_screen_with_who_held_what_and_the_points() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=3)
    seen = _play(d, gs, lambda s: any(x[1] == "score" for x in s))
    scoring = [x for x in seen if x[1] == "score"]
    assert scoring and scoring[0][0] == "russia"
    texts = scoring[0][2]
    blocs = [b.name for b in gs.scn.map.model.blocs if b.id in gs.scn.model.scoring.blocs]
    assert all(name in texts for name in blocs)  # each bloc
    assert any(" VP" in t and "holds " in t for t in texts) or any(t.startswith("Held by nobody") for t in texts)
    assert any(t.startswith("This scoring: ") for t in texts)
