"""The crisis warning on the game screen (s6-play): the status line shows the engine's short
form of what the crisis would do now, whole, at 100 % and 150 %; the Confirm tooltip the whole
of it; the tracks panel shows that the West is on alert; and playing a rival's card for
operations warns of the crisis its event would set off."""

from __future__ import annotations

import pygame
import pytest
from helpers import MAIN
from ui_driver import Driver, digit, letter

from diplomacy_game.engine.actions import PlayCard, Pressure
from diplomacy_game.engine.outlook import crises
from diplomacy_game.ui.scenes import hints, kit
from diplomacy_game.ui.scenes.game import GameScene


def _iran_to_play(scale: int) -> tuple[Driver, GameScene]:
    d = Driver((1280, 720))
    d.app.settings.ui_scale = scale
    d.app.apply_settings()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=11, path=MAIN)
    d.to_card_play(gs)
    return d, gs


@pytest.mark.parametrize("scale", [100, 150])
def test_the_status_line_shows_the_crisis_that_would_happen_now_whole(scale: int) -> None:
    """With the West on alert, Iran pressing in a battleground in its own round at Western
    Concern 4 ends the game and rules Iran out: the status line says so, whole; the Confirm
    button's tooltip says all of it; the tracks panel names the alert."""
    d, gs = _iran_to_play(scale)
    st = gs.game.state
    big = max((c for c in gs.scn.cards.values() if c.owners == ("iran",)), key=lambda c: c.ops)
    st.hands["iran"][0] = big.id  # an own card: its operations fire no other event
    for r in ("syria", "iraq"):  # a rival to press in a battleground Iran reaches
        st.influence[r]["west"] = max(1, st.influence[r].get("west", 0))
    gs.refresh()
    d.step([digit(1), letter("o")])
    assert gs.pending_kind == "ops"
    bgs = [a for a in gs.legal if isinstance(a, Pressure) and gs.scn.map.regions[a.region].battleground]
    assert bgs, "Iran can press in a battleground"
    st.tracks["western_concern"] = 4
    st.set_flag("west_on_alert")
    gs.refresh()
    gs.arm(bgs[0])
    d.app.mouse = (5, 5)
    drawn = d.step()
    assert gs.message_error and "⚠" in gs.message
    warn = [t for t in drawn if t.startswith("⚠")]
    assert warn, drawn
    assert any("the game ends and Iran cannot win" in t and not t.endswith("…") for t in warn), warn
    font = kit.FONTS.get("small")
    assert all(font.size(t)[0] <= gs.L.status.w for t in warn)
    assert any(t.endswith("Enter to confirm; Esc to cancel.") for t in drawn), drawn  # the line above it
    assert "if " not in gs.message.partition("⚠")[2]  # the case that holds, not the rule
    whole = gs.describe(bgs[0])  # the Confirm button's tooltip
    assert whole.startswith("⚠ This pushes Western Concern to 5: crisis — the game ends and Iran cannot win")
    alert = [t for t in drawn if t.startswith("The West is on")]
    assert alert, "the tracks panel names the alert"
    if scale == 100:
        assert "The West is on alert" in alert
    _title, body = hints.track_text(gs, "western_concern", 4)  # the track's tooltip says it too
    assert "Set now: The West is on alert." in body
    pygame.event.clear()


def test_a_rivals_card_for_operations_warns_of_the_crisis_its_event_sets_off() -> None:
    """Iran holds Russia's 'Kim at the Cosmodrome' (Western Concern +1) at Western Concern 4:
    the card's note and the O button's tooltip warn that its event, fired after the operations,
    sets off a crisis that costs Russia 1 VP; at 3 they do not."""
    d, gs = _iran_to_play(100)
    st = gs.game.state
    st.hands["iran"][0] = "vostochny_summit"
    st.tracks["western_concern"] = 4
    gs.refresh()
    before = st.hash()
    drawn = d.step([digit(1)])
    assert gs.sel_card == "vostochny_summit"
    note = hints.card_note(gs, "vostochny_summit")
    assert "⚠ Western Concern to 5, a crisis: Russia loses 1 VP" in note
    shown = " ".join(drawn)  # the card's note, on screen (wrapped over lines)
    assert "⚠ Western Concern to 5, a crisis: Russia loses 1 VP" in shown, drawn
    ops = next(b for b in gs.L.buttons if b.key == "ops")
    d.app.mouse = ops.rect.center
    z = hints.zone_at(gs, ops.rect.center)
    assert z is not None and "This pushes Western Concern to 5: crisis — Russia loses 1 VP" in z.body
    assert any("Russia loses 1 VP" in t for t in d.step())  # the tooltip, drawn
    assert [c.by for c in crises(gs.scn, st, "iran", PlayCard("vostochny_summit", "ops"))] == ["russia"]
    assert st.hash() == before  # warnings change nothing
    st.tracks["western_concern"] = 3
    gs.refresh()
    assert "⚠" not in hints.card_note(gs, "vostochny_summit")
