"""Fixes from a new player's playtest: plurals, the tutorial's guide, the title hint, the target
prompt, the choice outcomes, pressure, the status line, the calendar and the end screen."""

from __future__ import annotations

import re
from pathlib import Path

import pygame
from ui_driver import NOTICES, Driver, key

from diplomacy_game.engine.words import plural
from diplomacy_game.ui.scenes import game_words as words
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog

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
        if isinstance(d.top, NOTICES):
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


def _tutorial_to_operations(size: tuple[int, int]) -> tuple[Driver, object]:
    from test_tutorial import coach, step_until
    from ui_driver import click, digit, letter

    d = Driver(size)
    d.step([letter("l")])
    gs = d.game()
    assert gs is not None
    first = coach(d).tip
    assert first is not None and "rival for victory points" in first.text and "most VP" in first.text
    d.step([digit(1)])
    while isinstance(d.top, ChoiceDialog):
        d.step([digit(1)])
    step_until(d, "select_card")
    card = coach(d).suggested_card()
    assert card is not None
    d.step([click(gs.L.cards[card].center)])
    d.step([letter("o")])
    step_until(d, "place_influence")
    return d, gs


def test_tutorial_guide_clear_of_header_and_map_and_says_boost_or_done_at_zero() -> None:
    from test_tutorial import coach

    from diplomacy_game.engine.actions import PlaceInfluence

    for size in ((1280, 720), (1024, 640)):
        d, gs = _tutorial_to_operations(size)
        box = coach(d).box
        assert box.w > 0 and not box.colliderect(gs.L.top) and not box.colliderect(gs.L.map), (size, box)
        assert d.app.screen.get_rect().contains(box)
        while gs.pending_kind == "ops" and gs.view.pending.points > 0:
            a = next(a for a in gs.legal if isinstance(a, PlaceInfluence))
            gs.submit(a)
            d.step()
        if gs.pending_kind != "ops":
            continue  # the operations ended by themselves (nothing left to do)
        texts = d.step()
        tip = coach(d).tip
        assert tip is not None and "Boost (B) for 1 economy, or Done (D)" in tip.text
        assert "Place more influence" not in tip.text
        status = next(t for t in texts if t.startswith("0 operations left"))
        assert "Boost (B) for 1 economy, or Done (D)" in status


def test_title_shows_the_tutorial_letter_the_hint_names() -> None:
    d = Driver()
    texts = d.step()
    assert any("Learn to play (L)" in t for t in texts)
    b = next(b for b in d.top.buttons if b.key == "tutorial")
    assert b.hint == "L" and "L" in texts and "5" not in texts


def _to_play(d: Driver, gs: object, limit: int = 60) -> None:
    for _ in range(limit):
        if isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(d.top, ChoiceDialog):
            d.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1")])
        elif gs.pending_kind == "play":  # type: ignore[attr-defined]
            return
        else:
            d.step(dt=1.0)
    raise AssertionError("the human seat never got to play a card")


def test_target_prompt_shows_the_event_text() -> None:
    from diplomacy_game.engine.actions import PlayCard

    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=2)
    _to_play(d, gs)
    hand = gs.game.state.hands["russia"]
    hand[0] = "cis_moscow"  # a Russian card whose event needs a target
    gs.refresh()
    assert gs.submit(PlayCard("cis_moscow", "event"))
    assert gs.pending_kind == "target"
    d.app.mouse = (gs.L.right.centerx, gs.L.right.bottom - 5)
    texts = d.step()
    card = gs.scn.cards["cis_moscow"]
    assert any(card.title in t for t in texts if t.startswith("Choose a target"))
    drawn = " ".join(texts)
    assert card.title in texts and card.text.split()[0] in drawn and "Choose its target" in drawn


def test_secret_choice_lists_the_outcome_of_each_combination() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=7)
    for _ in range(30):
        if isinstance(d.top, ChoiceDialog) and d.top.secret:
            break
        if isinstance(d.top, ChoiceDialog):
            d.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1")])
        elif isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        else:
            d.step(dt=1.0)
    assert isinstance(d.top, ChoiceDialog) and d.top.secret
    drawn = " ".join(d.step())
    assert "If Russia picks “Commit to the treaty now”" in drawn
    assert "If Russia picks “Hold back for better terms”: Partnership −1, The West gains 1 VP." in drawn
    assert gs.seat == "iran"


def test_pressure_names_the_faction_and_lets_the_player_pick_another() -> None:
    from ui_driver import click, letter

    from diplomacy_game.engine.actions import Pressure

    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=2)
    _to_play(d, gs)
    d.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1"), letter("o")])
    assert gs.pending_kind == "ops"
    st = gs.game.state
    region = next(r for r in gs.view.pending.access if r != "russia" and d.region_point(gs, r) is not None
                  and not gs.scn.map.regions[r].battleground)
    st.influence[region]["iran"] = max(1, st.influence[region].get("iran", 0))
    st.influence[region]["west"] = max(1, st.influence[region].get("west", 0))
    gs.refresh()
    d.step([letter("p")])
    here = [a for a in gs.legal if isinstance(a, Pressure) and a.region == region]
    assert len(here) == 2
    d.step([click(d.region_point(gs, region))])
    first = gs.armed
    assert isinstance(first, Pressure) and first.region == region
    name = gs.scn.faction(first.faction).name
    other = gs.scn.faction(next(a.faction for a in here if a != first)).name
    assert f"Press {name} in" in gs.message and f"Tab: press another faction ({other})" in gs.message
    assert f"d{gs.scn.rules.pressure_die}" in gs.message and "against stability" in gs.message
    from diplomacy_game.engine.operations import pressure_roll

    roll = pressure_roll(gs.scn, gs.game.state, "russia", region, first.faction)  # the odds, before confirming
    assert words.odds_words(roll.removed) in gs.message
    d.step([key(pygame.K_TAB)])
    assert isinstance(gs.armed, Pressure) and gs.armed.region == region and gs.armed != first
    moves = len(gs.game.state.moves)
    d.step([click(d.region_point(gs, region))])  # a click on the same region: the next faction, not a move
    assert gs.armed == first and len(gs.game.state.moves) == moves
    d.step([key(pygame.K_RETURN)])
    assert len(gs.game.state.moves) == moves + 1


def test_a_crisis_warning_keeps_enter_to_confirm_in_view(tmp_path: Path) -> None:
    from ui_driver import click, letter

    from diplomacy_game.engine.actions import Pressure

    d = Driver((1280, 720))
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=2)
    _to_play(d, gs)
    d.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_1, mod=0, unicode="1"), letter("o")])
    bgs = [a for a in gs.legal if isinstance(a, Pressure) and gs.scn.map.regions[a.region].battleground]
    assert bgs
    gs.game.state.tracks["western_concern"] = gs.scn.tracks["western_concern"].max - 1
    d.step([letter("p")])
    d.step([click(d.region_point(gs, bgs[0].region))])
    d.app.mouse = (5, 5)
    texts = d.step()
    assert "⚠" in gs.message
    # a line of the message, maybe cut with "…" (at its end, or in the middle: the what shortened, the how kept)
    status = [t for t in texts if t.strip("…") and all(p.strip() in gs.message for p in t.split("…") if p.strip())]
    assert any("to confirm" in t and "Enter" in t for t in status), status
    assert any("⚠" in t for t in status), status
    font = kit.FONTS.get("small")
    assert all(font.size(t)[0] <= gs.L.status.w for t in status)
    pygame.image.save(d.app.screen, str(tmp_path / "crisis_status.png"))  # to look at when it fails


def test_end_screen_breaks_down_the_vp_and_shows_the_whole_log(tmp_path: Path) -> None:
    from ui_driver import letter

    from diplomacy_game.ui.scenes.end import EndScene

    d = Driver((1280, 720))
    d.start_game({"russia": "ai:random", "iran": "ai:random", "west": "ai:random"}, seed=5)
    for _ in range(3000):
        if isinstance(d.top, EndScene):
            break
        d.step(dt=1.0)
    end = d.top
    assert isinstance(end, EndScene)
    for f, row in end.breakdown.items():
        assert sum(row.values()) == end.final_vp[f]
    texts = d.step()
    name = end.scn.faction(end.scn.factions[0]).name
    assert any(t.startswith(f"{name}: ") for t in texts)
    assert "Log" in texts
    texts = d.step([letter("l")])
    assert end.show_log and any(t.startswith("The whole log") for t in texts)
    assert any(t.startswith("Game over") for t in texts)  # the last lines first
    d.step([key(pygame.K_UP), key(pygame.K_UP)])
    assert end.log_scroll == 2
    pygame.image.save(d.app.screen, str(tmp_path / "end_log.png"))  # to look at when it fails
    d.step([key(pygame.K_ESCAPE)])
    assert not end.show_log and isinstance(d.top, EndScene)
    pygame.image.save(d.app.screen, str(tmp_path / "end.png"))  # to look at when it fails
