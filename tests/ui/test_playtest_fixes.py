"""Fixes from a new player's playtest: plurals, the tutorial's guide, the title hint, the target
prompt, the choice outcomes, pressure, the status line, the calendar and the end screen."""

from __future__ import annotations

import re

import pygame
from ui_driver import Driver, key

from diplomacy_game.engine.words import plural
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice

SLIPS = re.compile(r"\(s\)|\b1 (operations|points|cards|times|turns|newer lines|ops)\b")


def test_plural_helper() -> None:
    assert plural(1, "card") == "1 card" and plural(2, "card") == "2 cards" and plural(0, "point") == "0 points"
    assert kit.plural(1, "newer line") == "1 newer line"
    assert plural(2, "party", "parties") == "2 parties"


def test_no_plural_slips_in_a_game() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "ai:easy", "west": "human"}, seed=3)
    seen: list[str] = []
    for _ in range(80):
        if isinstance(d.top, EventNotice):
            seen += d.step([key(pygame.K_RETURN)])
        elif isinstance(d.top, ChoiceDialog):
            seen += d.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1")])
        elif gs.seat is not None and gs.legal:
            gs.submit(gs.legal[0])
            seen += d.step()
        else:
            seen += d.step(dt=1.0)
        for b in gs.L.buttons:  # the tooltips too
            d.app.mouse = b.rect.center
            seen += d.step()
    log = [e.text for e in gs.game.state.log]
    bad = [t for t in seen + log if SLIPS.search(t)]
    assert not bad, bad[:5]
