"""The game screen explains itself: tooltips, the calendar's outlook, crisis warnings,
unique shortcut letters, readable header, full card text, and a reason for every refusal."""

from __future__ import annotations

import pygame
import pytest
from ui_driver import NOTICES, SHORT, Driver, click, digit, key, letter, move

from diplomacy_game.engine import PendingPlay
from diplomacy_game.engine.actions import Choose, PlayCard, Pressure, UseAction
from diplomacy_game.ui.modes import ActionTool, OpsMode
from diplomacy_game.ui.palette import scenario_palette
from diplomacy_game.ui.scenes import hints, kit
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.newgame import load_cached
from diplomacy_game.ui.scenes.pause import PauseScene


def to_own_play(d: Driver, gs: GameScene, seat: str) -> None:
    """Let the engine play (first options, operations) until ``seat`` must play a card; dialogs closed."""
    game = gs.game
    for _ in range(500):
        s = game.to_act()[0]
        if s == seat and isinstance(game.state.pending, PendingPlay):
            break
        legal = game.legal_actions(s)
        pick = next((a for a in legal if isinstance(a, Choose) and a.option in ("accept", "commit")), None)
        pick = pick or next((a for a in legal if isinstance(a, PlayCard) and a.mode == "ops"), legal[0])
        game.apply(pick, s)
    gs.refresh()
    gs.seen_events[seat] = len(game.view(seat).log)
    gs.match.moment_marks[seat] = len(game.view(None).log)  # its scorings and reveals: seen
    d.step()
    while d.top is not gs:
        d.app.pop()
    d.step()


def test_shortcut_letters_are_unique_and_work() -> None:
    scn = load_cached(SHORT)
    for f in scn.factions:
        letters = hints.action_letters(scn, f)
        mine = [a.id for a in scn.actions.values() if f in a.factions]
        assert sorted(letters) == sorted(mine)
        assert len(set(letters.values())) == len(letters)
        assert not set(letters.values()) & hints.RESERVED_LETTERS
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"})
    to_own_play(d, gs, "iran")
    d.step([digit(1), letter("o")])
    assert gs.pending_kind == "ops"
    hints_on_buttons = [b.hint for b in gs.L.buttons if b.key.startswith("mode:act:")]
    assert len(hints_on_buttons) == len(set(hints_on_buttons)) == 2 and all(hints_on_buttons)
    trade = hints.action_letters(scn, "iran")["iranian_trade"]
    d.step([letter(trade)])
    assert gs.input == OpsMode(ActionTool("iranian_trade"))
    assert gs.armed == UseAction("iranian_trade")


def test_calendar_rules_out_what_can_no_longer_happen() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"})
    assert isinstance(d.top, ChoiceDialog)  # Ashgabat: does Iran go to Kazan?
    texts = d.step()
    assert any(t.startswith("Kazan Without") for t in texts)  # (if…): it may still happen
    accept = next(b for b in d.top.buttons if b.key == "accept")
    d.step([click(accept.rect.center)])
    for _ in range(5):  # the secret Kazan choice opens for Iran
        if isinstance(d.top, ChoiceDialog):
            break
        if isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        d.step()
    assert gs.game.state.pending and gs.game.state.pending.id == "kazan_summit"
    texts = d.step()
    assert not any(t.startswith("Kazan Without") for t in texts)
    assert any(t.startswith("Ruled out: Kazan Without") for t in texts)


def test_crisis_warning_before_confirming_a_pressure() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"})
    to_own_play(d, gs, "russia")
    d.step([digit(1), letter("o")])
    assert gs.pending_kind == "ops"
    st = gs.game.state
    bgs = [a for a in gs.legal if isinstance(a, Pressure) and gs.scn.map.regions[a.region].battleground]
    calm = [a for a in gs.legal if isinstance(a, Pressure) and not gs.scn.map.regions[a.region].battleground]
    assert bgs, "Russia can press somewhere in a battleground at the start"
    st.tracks["western_concern"] = gs.scn.tracks["western_concern"].max - 1
    d.step([letter("p")])
    pt = d.region_point(gs, bgs[0].region)
    assert pt is not None
    d.step([click(pt)])
    assert isinstance(gs.armed, Pressure) and gs.armed.region == bgs[0].region
    assert "⚠" in gs.message and "crisis" in gs.message and "Western Concern" in gs.message
    assert gs.message_error
    assert any("⚠" in t for t in d.step())
    d.step([key(pygame.K_ESCAPE)])
    if calm:
        pt = d.region_point(gs, calm[0].region)
        if pt is not None:
            d.step([click(pt)])
            assert gs.armed is not None and "⚠" not in gs.message


def test_tooltips_on_numbers_and_none_behind_a_dialog() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"})
    to_own_play(d, gs, "russia")
    zones = hints.zones(gs)
    titles = [z.title for z in zones]
    for f in gs.scn.factions:
        assert any(t.startswith(f"{gs.scn.faction(f).name}:") and "VP" in t for t in titles)
        assert f"{gs.scn.faction(f).name}'s numbers" in titles
    for t in gs.scn.tracks.values():
        assert any(x.startswith(f"{t.name}:") for x in titles)
    can, _never = hints.calendar_events(gs)
    assert can and any(can[0].title in t for t in titles)
    for z in zones:  # hovering each zone shows its explanation
        assert z.body
        texts = d.step([move(z.rect.center)])
        joined = " ".join(texts)
        assert z.title.split(":")[0].split("—")[0].strip()[:12] in joined, z.title
    wc = next(z for z in zones if z.title.startswith("Western Concern"))
    assert "crisis" in wc.body
    texts = d.step([move(wc.rect.center)])
    assert any(t.startswith("Western Concern:") for t in texts)
    d.step([key(pygame.K_ESCAPE)])
    assert isinstance(d.top, PauseScene)
    texts = d.step([move(wc.rect.center)])
    assert not any(t.startswith("Western Concern:") for t in texts)  # nothing lingers behind the menu


def test_card_detail_shows_the_whole_text() -> None:
    d = Driver(size=(1024, 640))
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"})
    to_own_play(d, gs, "russia")
    longest = max(gs.view.hand, key=lambda c: len(gs.scn.cards[c].text))
    texts = d.step([move(gs.L.cards[longest].center)])
    words = set(" ".join(texts).split())
    assert all(w in words for w in gs.scn.cards[longest].text.split())


def test_header_reads_on_every_faction_colour() -> None:
    scn = load_cached(SHORT)
    for cb in (False, True):
        pal = scenario_palette(scn, cb)
        for f in scn.factions:
            c = pal.color(f)
            assert kit.contrast(kit.readable_on(c), c) >= 4.5, (f, cb, c)
    assert kit.contrast((0, 0x72, 0xB2), kit.THEME.c("header")) < 4.5  # the old blue-on-header was not readable


def test_every_refusal_says_why() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"})
    to_own_play(d, gs, "russia")
    checked = 0
    for step in range(3):
        for b in gs.L.buttons:
            if not b.enabled:
                assert b.reason, b.key
                d.step([click(b.rect.center)])
                assert gs.message, b.key
                checked += 1
        if step == 0:
            d.step([digit(1)])
        elif step == 1:
            d.step([letter("o")])
        for rid in ("russia", "iran", "west_home", "syria", "china"):
            pt = d.region_point(gs, rid)
            if pt is None:
                continue
            before = len(gs.game.state.moves)
            gs.message = ""
            d.step([click(pt)])
            if len(gs.game.state.moves) == before and gs.armed is None:
                assert gs.message, rid  # nothing happened: the status line says why
                checked += 1
            d.step([key(pygame.K_ESCAPE)]) if gs.armed is not None else None
    assert checked >= 3


@pytest.mark.parametrize("size", [(1024, 640), (1280, 720)])
def test_tooltips_stay_on_screen(size: tuple[int, int]) -> None:
    d = Driver(size=size)
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"})
    to_own_play(d, gs, "russia")
    screen = d.app.screen.get_rect()
    for z in hints.zones(gs):
        surf = pygame.Surface(screen.size)
        r = kit.tooltip(surf, z.title, z.body, z.rect.center, screen, width=360)
        assert screen.contains(r), z.title


def test_a_shortcut_with_nothing_to_do_says_why() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"})
    to_own_play(d, gs, "russia")
    d.step([digit(1), letter("o")])
    assert gs.pending_kind == "ops"
    gs.message = ""
    d.step([letter("e")])  # no card to play during operations
    assert gs.message.startswith("E is not available now") and "operation" in gs.message
    assert gs.message_error


def test_the_confirm_button_repeats_the_crisis_warning() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"})
    to_own_play(d, gs, "russia")
    d.step([digit(1), letter("o")])
    bgs = [a for a in gs.legal if isinstance(a, Pressure) and gs.scn.map.regions[a.region].battleground]
    gs.game.state.tracks["western_concern"] = gs.scn.tracks["western_concern"].max - 1
    d.step([letter("p")])
    pt = d.region_point(gs, bgs[0].region)
    assert pt is not None
    d.step([click(pt)])
    confirm = next(b for b in gs.L.buttons if b.key == "confirm")
    texts = d.step([move(confirm.rect.center)])
    assert "Confirm" in texts and sum("⚠" in t for t in texts) >= 2  # the status line and the tooltip
    z = hints.zone_at(gs, confirm.rect.center)
    assert z is not None and z.title == "Confirm" and "crisis" in z.body
