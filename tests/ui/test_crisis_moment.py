"""A crisis (a track at its maximum) has its own screen: what set it off, who pays, what it did."""

from __future__ import annotations

import pygame
from test_crisis_warning_ui import _iran_to_play
from ui_driver import key

from diplomacy_game.engine.actions import PlayCard
from diplomacy_game.ui.scenes.moments import MomentScene


def test_a_crisis_has_its_own_screen_with_what_set_it_off_and_what_it_cost() -> None:
    d, gs = _iran_to_play(100)
    st = gs.game.state
    st.hands["iran"][0] = "drones_for_front"  # its event: Western Concern +1
    st.tracks["western_concern"] = 4
    vp = st.vp["iran"]
    gs.refresh()
    assert gs.submit(PlayCard("drones_for_front", "event"))
    seen = []
    for _ in range(60):
        top = d.top
        if isinstance(top, MomentScene) and top.moment.kind == "crisis":
            seen.append(d.step())
            break
        d.step([key(pygame.K_RETURN)] if top is not gs else [], dt=0.2)
    assert seen, "no crisis screen"
    texts = seen[0]
    assert gs.game.state.vp["iran"] <= vp - 1 and gs.game.state.has_flag("west_on_alert")
    assert "CRISIS · MAY 2024" in texts
    assert "Western Concern at its maximum" in texts
    assert any(t.startswith("After: Iran plays 'Drones for the Front'") for t in texts), texts
    assert any(t.startswith("Crisis! Western Concern is at its maximum: Iran pushed it there") for t in texts)
    assert any(t.startswith("Iran −1 VP") or t.startswith("Iran -1 VP") for t in texts), texts
    assert any("The West is now on alert" in t for t in texts)
