"""A new player's playtest (s9-ui2): a card whose event sets off a crisis (the game-ending
second Western crisis above all) is warned of in the status line as soon as it is selected,
and playing that event asks for a confirmation, the warning shown again in its target step;
the end screen's title fits; the pressure odds in plain words; the hand-off says "Pass to"
once; the factions panel labels every computer seat alike; the tutorial's tips; the reveal
after a secret pick in hot seat promises no hand."""

from __future__ import annotations

import pygame
import pytest
from helpers import MAIN
from test_crisis_warning_ui import _iran_to_play
from ui_driver import NOTICES, Driver, digit, key, letter, placing

from diplomacy_game.engine.actions import ChooseTarget, PlayCard, Pressure
from diplomacy_game.engine.outcome import Outcome
from diplomacy_game.ui.panels import hand as hand_panel
from diplomacy_game.ui.panels import side
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog
from diplomacy_game.ui.scenes.end import EndScene
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.handoff import HandoffScene
from diplomacy_game.ui.scenes.moments import MomentScene
from diplomacy_game.ui.scenes.tutorial import Coach

WARN = "Western Concern to 5, a crisis: the game ends and Iran cannot win."


def _levant_at_the_brink(scale: int, concern: int = 4) -> tuple[Driver, GameScene]:
    """Iran to play, 'Friends in the Levant' (Western Concern +1) first in its hand, the West
    on alert and Western Concern at ``concern``."""
    d, gs = _iran_to_play(scale)
    st = gs.game.state
    st.hands["iran"][0] = "levant_network"
    st.tracks["western_concern"] = concern
    st.set_flag("west_on_alert")
    gs.refresh()
    d.app.mouse = (5, 5)
    return d, gs


def _whole(drawn: list[str], text: str) -> list[str]:
    """The lines drawn that hold ``text`` whole (not cut at its end)."""
    return [t for t in drawn if text in t and not t.endswith("…")]


# ---------------------------------------------------------------- 1. a crisis event: warned of, confirmed


@pytest.mark.parametrize("scale", [100, 150])
def test_selecting_a_card_whose_event_ends_the_game_warns_in_the_status_line(scale: int) -> None:
    """Selected, the card's status line says what its event would set off, whole, before any
    key plays it (the playtest: "Choose a card…" and nothing else)."""
    d, gs = _levant_at_the_brink(scale)
    drawn = d.step([digit(1)])
    assert gs.sel_card == "levant_network"
    warn = _whole(drawn, WARN)
    assert warn and all(t.startswith("⚠ Its event:") for t in warn), drawn
    font = kit.FONTS.get("small")
    assert all(font.size(t)[0] <= gs.L.status.w for t in warn)
    assert "⚠" in gs.prompt()


@pytest.mark.parametrize("scale", [100, 150])
def test_playing_an_event_that_ends_the_game_asks_for_a_confirmation(scale: int) -> None:
    """E arms the play and changes nothing: the status line says what it would do, "Enter to
    confirm; Esc to cancel" and the warning; Esc takes it back; E and Enter play it; the target
    step says the warning again, and so does the target armed by Tab."""
    d, gs = _levant_at_the_brink(scale)
    st = gs.game.state
    d.step([digit(1)])
    before = st.hash()
    drawn = d.step([letter("e")])
    assert st.hash() == before and gs.pending_kind == "play", "E alone played the game-ending event"
    assert gs.armed == PlayCard("levant_network", "event")
    assert any(t.endswith("Enter to confirm; Esc to cancel.") for t in drawn), drawn
    assert _whole(drawn, WARN), drawn
    assert any(b.key == "confirm" for b in gs.L.buttons)
    d.step([key(pygame.K_ESCAPE)])
    assert gs.armed is None and st.hash() == before and gs.sel_card == "levant_network"
    d.step([letter("e")])
    drawn = d.step([key(pygame.K_RETURN)])
    assert gs.pending_kind == "target", "Enter confirms the play"
    assert _whole(drawn, WARN), drawn  # the target step warns too
    assert st.tracks["western_concern"] == 4
    drawn = d.step([key(pygame.K_TAB)])
    assert isinstance(gs.armed, ChooseTarget)
    assert _whole(drawn, WARN), drawn
    assert st.tracks["western_concern"] == 4


def test_a_second_press_or_another_card_and_no_crisis_at_all() -> None:
    """E twice plays the event (the same key confirms); choosing another card disarms it; a
    card whose event sets off no crisis (Western Concern 3) plays at once, with no warning."""
    d, gs = _levant_at_the_brink(100)
    d.step([digit(1), letter("e")])
    assert gs.armed is not None
    d.step([digit(2)])
    assert gs.armed is None and gs.pending_kind == "play"
    d.step([digit(1), letter("e")])
    d.step([letter("e")])
    assert gs.pending_kind == "target"

    d, gs = _levant_at_the_brink(100, concern=3)
    drawn = d.step([digit(1)])
    assert not any("⚠" in t for t in drawn) and "⚠" not in gs.prompt()
    d.step([letter("e")])
    assert gs.pending_kind == "target" and "⚠" not in gs.prompt()


# ---------------------------------------------------------------- 2. the end screen's title fits


@pytest.mark.parametrize("scale", [100, 150])
@pytest.mark.parametrize("winners", [("russia", "west"), ("russia", "iran", "west"), ("iran",)])
def test_the_end_screens_title_fits_the_window(scale: int, winners: tuple[str, ...]) -> None:
    """A shared victory's title ("Shared victory: Russia and The West") was drawn in the huge
    font wider than the window, clipped on both sides: now it is drawn whole, inside it, above
    the reason; a single winner keeps the huge font."""
    d = Driver((1280, 720))
    d.app.settings.ui_scale = scale
    d.app.apply_settings()
    gs = d.start_game({"russia": "ai:easy", "iran": "ai:easy", "west": "ai:easy"}, seed=2)
    end = EndScene(d.app, gs)
    end.outcome = Outcome(winners, {f: 17 for f in gs.scn.factions}, "the last turn", 8)
    end.layout()
    head = end.headline()
    surface = d.app.screen
    with placing() as out:
        end.draw(surface)
    rects = [r for s, r in out if s == head]
    assert rects, [s for s, _ in out][:5]
    r = rects[0]
    assert surface.get_rect().contains(r) and r.x > 0 and r.right < surface.get_width(), r
    reason = next(rr for s, rr in out if s == end.reason)
    assert r.bottom <= reason.top
    if len(winners) == 1:
        assert r.h >= kit.FONTS.get("huge", True).get_height() - 2


# ---------------------------------------------------------------- 3. the pressure odds in plain words


def test_the_pressure_odds_read_plainly() -> None:
    """An armed pressure read "removes 1 (1)" when the roll could only remove 1: now "removes 1
    whatever the roll"; an uncertain roll gives each number with its chance in faces of the die
    ("none (1/6) or 1 (5/6)"), never a bare fraction in brackets."""
    d, gs = _iran_to_play(100)
    st = gs.game.state
    big = max((c for c in gs.scn.cards.values() if c.owners == ("iran",)), key=lambda c: c.ops)
    st.hands["iran"][0] = big.id
    gs.refresh()
    d.step([digit(1), letter("o")])
    assert gs.pending_kind == "ops"
    access = [r for r in gs.view.pending.access if r in gs.scn.map.regions and r != "iran"]
    certain = uncertain = None
    for r in access:  # a stable region (uncertain) and a shaky one (certain), the West in both
        st.influence[r]["west"] = 1
    gs.refresh()
    for a in (a for a in gs.legal if isinstance(a, Pressure) and a.faction == "west"):
        roll = gs.match.pressure_roll(a.region, a.faction)
        assert roll is not None
        outs = roll.removed.outcomes
        if len(outs) == 1 and outs[0].value == 1 and certain is None:
            certain = a
        elif len(outs) > 1 and uncertain is None:
            uncertain = a
    if certain is None:  # make one: the weakest stability in reach, the West with a single point there
        r = min(access, key=lambda x: gs.scn.map.regions[x].stability)
        st.influence[r]["west"] = 1
        gs.refresh()
        certain = Pressure(r, "west")
    d.step([letter("p")])
    gs.arm(certain)
    roll = gs.match.pressure_roll(certain.region, "west")
    assert roll is not None
    assert len(roll.removed.outcomes) == 1, roll
    drawn = " ".join(d.step())
    assert "removes 1 whatever the roll" in gs.message and "(1)" not in gs.message, gs.message
    assert "removes 1 whatever the roll" in drawn
    assert uncertain is not None, "a pressure whose roll can go either way"
    gs.arm(uncertain)
    roll = gs.match.pressure_roll(uncertain.region, "west")
    assert roll is not None
    for o in roll.removed.outcomes:
        assert f"{o.value or 'none'} ({o.faces}/{o.sides})" in gs.message, gs.message
    assert "whatever the roll" not in gs.message


# ---------------------------------------------------------------- 4. the hand-off: said once, the bar apart


@pytest.mark.parametrize("scale", [100, 150])
def test_the_handoff_says_pass_to_once_and_its_bar_stands_clear_of_the_title(scale: int) -> None:
    """"Pass to Iran" was drawn twice (the title and the line under it) and the seat's colour
    bar touched the title's top: now the title alone says it, and a gap of background lies
    between the bar and the title's box, inside the window."""
    d = Driver((1280, 720))
    d.app.settings.ui_scale = scale
    d.app.apply_settings()
    gs = d.start_game({"russia": "human", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    hand = HandoffScene(d.app, gs, "iran")
    d.app.push(hand)
    with placing() as out:
        d.step()
    said = [s for s, _ in out if "Pass to" in s]
    assert said == ["Pass to Iran"], said
    title = next(r for s, r in out if s == "Pass to Iran")
    surface = d.app.screen
    colour = tuple(gs.colours["iran"])[:3]
    rows = [y for y in range(surface.get_height()) if tuple(surface.get_at((3, y)))[:3] == colour]
    assert rows, "the seat's colour bar is drawn"
    assert max(rows) < title.top - kit.sc(8), (max(rows), title.top)
    assert min(rows) > 0 and surface.get_rect().contains(title)
    assert any("Space" in s for s, _ in out)


# ---------------------------------------------------------------- 5. the factions panel: every computer seat alike


@pytest.mark.parametrize("scale", [100, 150])
@pytest.mark.parametrize("levels", [("normal", "normal"), ("easy", "normal"), ("hard", "easy")])
def test_every_computer_seat_is_labelled_alike(scale: int, levels: tuple[str, str]) -> None:
    """"Russia (computer, normal)" stood over "The West (computer)" (the level dropped where the
    name is longer): now every computer seat has the same form, the level on each when it fits
    (at 100 % it does), and each label drawn whole."""
    d = Driver((1280, 720))
    d.app.settings.ui_scale = scale
    d.app.apply_settings()
    seats = {"russia": f"ai:{levels[0]}", "iran": "human", "west": f"ai:{levels[1]}"}
    gs = d.start_game(seats, seed=3, path=MAIN)
    drawn = d.step()
    tags = side.seat_tags(gs, dict.fromkeys(gs.scn.factions, 10**6))
    assert tags["russia"] == f" (computer, {levels[0]})"  # with room, the long form
    forms = []
    for f, level in (("russia", levels[0]), ("west", levels[1])):
        name = str(gs.scn.faction(f).name)
        label = next(t for t in drawn if t.startswith(name + " (") and "playing" not in t and "→" not in t)
        tag = label[len(name):]
        form = next(p for p in side.COMPUTER_TAGS if p.format(level=level) == tag)
        forms.append(form)
    assert forms[0] == forms[1], forms
    if scale == 100:
        assert "{level}" in forms[0], forms
    assert "Iran (you)" in drawn


# ---------------------------------------------------------------- 6. the tutorial's tips


def test_the_tutorial_tells_of_the_rivalry_once_and_its_last_tip_is_true_when_read() -> None:
    """"Russia is Iran's treaty partner, but also its rival…" stood in the tips beside the two
    choices in a row (Ashgabat, then the Kazan secret choice): now beside the first only; the
    last tip said "The others play now" also once Iran was to act again: now it says so only
    while the others play, and that Iran's next card is due when it is."""
    d = Driver()
    d.step()
    d.step([letter("l")])
    gs = d.game()
    assert gs is not None
    said: dict[str, str] = {}  # the choice's title: its tip
    for _ in range(30):
        if isinstance(d.top, ChoiceDialog):
            c = d.app.coach
            assert isinstance(c, Coach) and c.tip is not None
            said.setdefault(d.top.title, c.tip.text)
            d.step([digit(1)])
        elif isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif gs.pending_kind == "play" and d.top is gs:
            break
        else:
            d.step(dt=1.0)
    assert len(said) >= 2, said  # Ashgabat and the Kazan summit's secret choice
    rival = [t for t in said.values() if "treaty partner, but also its rival" in t]
    assert len(rival) == 1, said
    assert "treaty partner, but also its rival" in next(iter(said.values()))  # beside the first
    d.step([digit(1), letter("o")])
    for _ in range(10):
        if gs.pending_kind != "ops":
            break
        d.plain_move(gs)
    seen_others = seen_mine = False
    for _ in range(80):
        c = d.app.coach
        if not isinstance(c, Coach) or c.tip is None or c.tip.step != "finish":
            if isinstance(d.top, NOTICES):
                d.step([key(pygame.K_RETURN)])
            else:
                d.step(dt=1.0)
            if seen_others and not isinstance(d.app.coach, Coach):
                break
            continue
        if gs.acting() == "iran" and d.top is gs:
            assert "The others play now" not in c.tip.text, c.tip.text
            assert "your next card" in c.tip.text
            seen_mine = True
            break
        if gs.acting() != "iran":
            assert c.tip.text.startswith("The others play now"), c.tip.text
            seen_others = True
        d.step([key(pygame.K_RETURN)] if isinstance(d.top, NOTICES) else [], dt=1.0)
    assert seen_others and seen_mine


# ---------------------------------------------------------------- 7. after a secret pick in hot seat: no hand promised


def test_the_reveal_after_a_secret_pick_in_hot_seat_promises_no_hand() -> None:
    """Hot seat, Russia and Iran at the window: the first reveal (the Kazan summit's secret
    choice, both picks shown) said "Your hand is shown again after this screen" over the
    public log, though the hand-off came next: now it says nothing of a hand then (the
    hand-off to the next seat, or nothing); with one human seat the line stays."""
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "human", "west": "ai:easy"}, seed=3)
    for _ in range(200):
        top = d.top
        if isinstance(top, MomentScene):
            break
        if isinstance(top, HandoffScene):
            d.step(dt=1.0)
            d.step([key(pygame.K_SPACE)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif top is gs:
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_ESCAPE)])
    assert isinstance(d.top, MomentScene), "no reveal in hot seat"
    drawn = d.step()
    hand_lines = [t for t in drawn if "hand" in t.lower() and "hand-off" not in t.lower()]
    nxt = gs.acting()
    assert gs.viewer is None or (nxt in gs.humans and nxt != gs.match.revealed)
    assert not any("Your hand is shown again" in t for t in hand_lines), drawn
    if nxt in gs.humans and nxt != gs.match.revealed:
        assert f"The hand-off to {gs.scn.faction(nxt).name} comes next." in drawn
    assert hand_panel.after_moment(gs) in ("", f"The hand-off to {gs.scn.faction(str(nxt)).name} comes next.")
