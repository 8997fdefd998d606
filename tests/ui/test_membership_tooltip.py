"""The map's tooltip names a membership that begins during the game with its month."""

from __future__ import annotations

import pygame
from helpers import MAIN
from ui_driver import NOTICES, Driver, digit, key, move

from diplomacy_game.ui.scenes.dialogs import ChoiceDialog


def test_belarus_tooltip_says_it_joins_the_sco_in_july_2024_until_it_does() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    for _ in range(80):  # Iran's first card play: the game screen on top, nothing moving
        if d.top is gs and gs.pending_kind == "play":
            break
        if isinstance(d.top, ChoiceDialog):
            d.step([digit(1)])
        else:
            d.step([key(pygame.K_RETURN)] if isinstance(d.top, NOTICES) else [], dt=1.0)
    assert d.top is gs and gs.view.month == "2024-05"
    pt = d.region_point(gs, "belarus")
    assert pt is not None
    texts = d.step([move(pt)])
    assert gs.hover_region == "belarus"
    assert "Member of: SCO (from July 2024), CIS, EAEU" in texts
    gs.game.state.turn = gs.scn.months.index("2024-07")
    gs.refresh()
    texts = d.step([move((pt[0] + 1, pt[1]))])
    assert "Member of: SCO, CIS, EAEU" in texts and not any("from July" in t for t in texts)
