"""A new player's look at the screens (issue 16, s8-ux): while a scoring is on its screen the
header names the month scored, not the month after it; the catch-up's "more lines" hint stays in
its box, never over the map; the tutorial's tips cover neither the dialog they explain nor
their own buttons; a long choice, the factions panel, the treaty's screen and the new-game screen
fit at 150 %."""

from __future__ import annotations

import itertools
from pathlib import Path

import pygame
import pytest
from helpers import MAIN
from ui_driver import NOTICES, SHORT, Driver, click, digit, key, letter

from diplomacy_game.engine.actions import PlaceInfluence
from diplomacy_game.engine.turn import month_name
from diplomacy_game.ui.app import App
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.catchup import CatchUpScene
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.moments import MomentScene
from diplomacy_game.ui.scenes.newgame import NewGameScene
from diplomacy_game.ui.scenes.title import TitleScene
from diplomacy_game.ui.settings import Settings


def _game(scale: int, path: Path) -> tuple[Driver, GameScene]:
    d = Driver()
    d.app = App(Settings(window_size=(1280, 720), anim_speed="instant", ui_scale=scale), persist=False)
    d.app.reraise = True
    d.app.push(TitleScene(d.app))
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=11, path=path)
    return d, gs


def _header(d: Driver, gs: GameScene) -> list[str]:
    return [s for s, r in d.placed() if gs.L.top.contains(r)]


@pytest.mark.parametrize("scale", [100, 150])
def test_the_header_names_the_month_scored_while_its_scoring_is_shown(scale: int) -> None:
    d, gs = _game(scale, SHORT)
    scored = 0
    for _ in range(1500):
        top = d.top
        if isinstance(top, MomentScene) and top.moment.kind == "score":
            month = gs.scn.months[top.moment.turn]
            over = gs.game.is_over()
            assert top.moment.turn != gs.view.turn or over  # the game is in the month after it
            head = _header(d, gs)
            assert any(s.startswith((month_name(month), month_name(month)[:3])) and "Scoring" in s
                       and f"Turn {top.moment.turn + 1} of" in s for s in head), head
            assert not any(month_name(gs.view.month) in s for s in head) or over, head
            assert not any("to act" in s or "playing" in s for s in head), head  # nobody acts in a scoring
            assert month_name(month).upper() in top.heading  # the screen says the same month
            d.step([key(pygame.K_RETURN)])
            scored += 1
            if d.top is gs and not gs.ended:  # back to the game: its own month again
                head = _header(d, gs)
                assert any(s.startswith((month_name(gs.view.month), month_name(gs.view.month)[:3])) for s in head)
                assert not any("Scoring" in s for s in head), head
            continue
        if isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif top is gs:
            if gs.ended:
                break
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
        if scored >= 2:
            break
    assert scored >= 2


def _long_step(d: Driver, gs: GameScene) -> CatchUpScene:
    """Play on; at each new month's first card, open the catch-up (R) and stop at a step longer
    than its box."""
    asked: set[int] = set()
    for _ in range(3000):
        top = d.top
        if isinstance(top, CatchUpScene):
            for _i in range(len(top.steps)):
                if len(top.lines) > top.fit:
                    return top
                d.step([key(pygame.K_RIGHT)])
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif top is gs:
            if gs.ended:
                break
            if gs.pending_kind == "play" and gs.view.turn > 0 and gs.view.turn not in asked:
                asked.add(gs.view.turn)
                d.step([letter("r")])
            else:
                d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    raise AssertionError("no step longer than its box")


def test_the_catch_up_more_lines_hint_stays_in_its_box() -> None:
    d, gs = _game(150, MAIN)
    cu = _long_step(d, gs)
    for scrolled in (False, True):
        placed = d.placed()
        hints = [(s, r) for s, r in placed if "more line" in s or "Up: the start" in s]
        assert hints, [s for s, _r in placed]
        box = cu.box
        lines = [r for s, r in placed if box.contains(r) and (s, r) not in hints]
        assert lines
        for s, r in hints:
            assert box.contains(r), (s, r, box)  # not over the map above the box
            assert not any(r.colliderect(x) for x in lines), s  # nor over the step's lines
        if not scrolled:
            for _ in range(len(cu.lines)):
                d.step([key(pygame.K_DOWN)])
            assert cu.scroll > 0 and cu.scroll + cu.fit >= len(cu.lines)


@pytest.mark.parametrize("scale", [100, 150])
def test_the_tutorial_covers_neither_its_dialogs_nor_its_own_buttons(scale: int) -> None:
    """Every tip's buttons (Skip tutorial, and Got it on the last) lie inside the tip, none over
    another (at 150 % the last tip's two overlapped); a tip about a dialog lies beside it, not
    over it (at 150 % it hid the event it asks the player to read)."""
    d = Driver()
    d.app.settings.ui_scale = scale
    d.app.apply_settings()
    d.step([letter("l")])
    gs = d.game()
    assert gs is not None
    seen: set[str] = set()
    for _ in range(400):
        c = d.app.coach
        if c is None:
            break
        d.step()
        tip = c.tip
        if tip is not None and isinstance(d.top, ChoiceDialog | EventNotice):
            window = d.app.screen.get_rect()
            assert window.contains(d.top.panel) and all(window.contains(b.rect) for b in d.top.buttons)
            # the tip beside the dialog, never over it (at 150 % it lay over the secret choice, s9)
            assert d.top.make_room, (tip.step, type(d.top).__name__)
            assert not c.box.colliderect(d.top.panel), (tip.step, c.box, d.top.panel)
            seen.add("dialog")
        if tip is not None and c.buttons:
            seen.add(tip.step)
            for b in c.buttons:
                assert c.box.contains(b.rect), (tip.step, b.key, b.rect, c.box)
            for a, b in itertools.combinations(c.buttons, 2):
                assert not a.rect.colliderect(b.rect), (tip.step, a.rect, b.rect)
        if tip is not None and tip.step == "select_card":
            card = c.suggested_card()
            assert card is not None
            d.step([click(gs.L.cards[card].center)])
        elif tip is not None and tip.step == "play_ops":
            d.step([letter("o")])
        elif tip is not None and tip.step == "place_influence":
            target = next(a for a in gs.legal if isinstance(a, PlaceInfluence))
            pt = d.region_point(gs, target.region)
            assert pt is not None
            d.step([click(pt)])
        elif tip is not None and tip.step == "finish_ops":
            d.step([letter("d")])
        elif tip is not None and tip.done_button:
            ok = next(b for b in c.buttons if b.key == "ok")
            d.step([click(ok.rect.center)])
        elif isinstance(d.top, ChoiceDialog):
            d.step([digit(1)])
        elif isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        else:
            d.step(dt=1.0)
    assert d.app.coach is None and {"finish", "place_influence", "dialog"} <= seen


@pytest.mark.parametrize(("seat", "seed"), [("iran", 11), ("russia", 11), ("iran", 3)])
def test_every_choice_fits_the_window_at_150_percent(seat: str, seed: int) -> None:
    """A long choice (the secret one at the Kazan summit, with what follows each pair of picks) at
    150 % in 1280×720: the panel, every option and its details inside the window (its second option
    was below the window's edge); what gives is the event's text and what it did before."""
    d = Driver()
    d.app = App(Settings(window_size=(1280, 720), anim_speed="instant", ui_scale=150), persist=False)
    d.app.reraise = True
    d.app.push(TitleScene(d.app))
    seats = {f: "human" if f == seat else "ai:easy" for f in ("russia", "iran", "west")}
    gs = d.start_game(seats, seed=seed, path=SHORT)
    window = d.app.screen.get_rect()
    titles: list[str] = []
    for _ in range(1500):
        top = d.top
        if isinstance(top, ChoiceDialog):
            d.step()
            titles.append(top.title)
            panel = top.panel
            assert window.contains(panel), (top.title, panel)
            assert top.buttons and all(panel.contains(b.rect) for b in top.buttons), top.title
            inner = panel.inflate(-kit.sc(20), -kit.sc(10))
            assert all(inner.contains(r) for r in top.option_rects if r.h > 0), (top.title, top.option_rects, panel)
            placed = d.placed()
            for o in top.options:  # each option's label and details drawn
                assert any(s == o.label for s, _r in placed), o.label
            assert any(s == top.prompt or top.prompt.startswith(s.rstrip("…")) for s, _r in placed)
            d.step([digit(1)])
        elif isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif top is gs:
            if gs.ended:
                break
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    assert titles
    if seat == "iran" and seed == 11:  # the case seen: taller than the window at the usual layout
        assert "BRICS Summit in Kazan" in titles


@pytest.mark.parametrize(("size", "scale"), [((1600, 900), 150), ((1280, 720), 100), ((1600, 900), 100)])
def test_no_faction_line_is_cut(size: tuple[int, int], scale: int) -> None:
    """The factions panel on three lines a faction in a narrow column (150 % in 1600×900): a
    leader's title and traits that do not fit are left to the tooltip, never cut mid-word
    ("Joe Biden, President of the United S…")."""
    d = Driver(size)
    d.app.settings.ui_scale = scale
    d.app.apply_settings()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=20)
    for _ in range(80):
        if isinstance(d.top, ChoiceDialog):
            d.step([digit(1)])
        elif isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif gs.pending_kind == "play" and d.top is gs:
            break
        else:
            d.step(dt=1.0)
    d.app.mouse = (gs.L.hand.centerx, gs.L.hand.bottom - 2)
    assert not gs.L.compact
    placed = [(s, r) for s, r in d.placed() if gs.L.factions.contains(r)]
    assert not [s for s, _r in placed if s.endswith("…")], placed
    for f in gs.scn.factions:
        leader = gs.scn.leaders[gs.view.leaders[f]]
        assert any(s in (leader.name, f"{leader.name}, {leader.title}") for s, _r in placed), leader.name
        if scale == 100 and size == (1280, 720):  # room enough: all of it, as before
            assert any(s == f"{leader.name}, {leader.title}" for s, _r in placed)
            assert any(t.name in s for s, _r in placed for t in leader.traits) or not leader.traits


def test_the_treaty_screen_tells_the_treaty_not_the_draws() -> None:
    """The milestone's screen (the treaty signed) lists what the step did: not the month's draws
    or a reshuffle that followed in the same step, nor its title a second time; at 150 % it fits
    one page (the draws made a second page of "The West draws 3 cards.")."""
    d, gs = _game(150, SHORT)
    for _ in range(1500):
        top = d.top
        if isinstance(top, MomentScene) and top.moment.kind == "milestone":
            break
        if isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif top is gs:
            assert not gs.ended, "no milestone"
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    ms = d.top
    assert isinstance(ms, MomentScene) and ms.moment.kind == "milestone"
    assert any(e.kind in ("draw_count", "deck") for e in ms.moment.lines)  # the step did draw
    d.step()
    rows = [s for _k, s, _c, _b in ms.rows]
    assert not [s for s in rows if " draws " in s or "shuffled" in s], rows
    assert ms.title not in rows
    assert any("VP" in s for s in rows)  # what the treaty gave is there
    assert len(ms.pages) == 1


@pytest.mark.parametrize("scale", [100, 150])
def test_the_new_game_screen_keeps_its_words_in_the_window(scale: int) -> None:
    """The line over the seats fits the window (at 150 % it ran off its right edge)."""
    d = Driver()
    d.app.settings.ui_scale = scale
    d.app.apply_settings()
    d.step()
    d.step([digit(1)])
    assert isinstance(d.top, NewGameScene)
    window = d.app.screen.get_rect()
    placed = d.placed()
    head = [(s, r) for s, r in placed if s.startswith("Seats")]
    assert head and all(window.contains(r) and not s.endswith("…") for s, r in head), head
    assert all(window.contains(r) for _s, r in placed), [(s, r) for s, r in placed if not window.contains(r)]
