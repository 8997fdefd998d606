"""The guided first match: step by step through the first turn, skippable at any moment,
remembered in the settings, and back only when asked for from the title menu."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from ui_driver import NOTICES, Driver, click, digit, key, letter

from diplomacy_game.engine.actions import PlaceInfluence
from diplomacy_game.ui.app import App
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.newgame import NewGameScene
from diplomacy_game.ui.scenes.title import TitleScene
from diplomacy_game.ui.scenes.tutorial import TUTORIAL_SEAT, Coach
from diplomacy_game.ui.settings import Settings, load_settings


def coach(d: Driver) -> Coach:
    c = d.app.coach
    assert isinstance(c, Coach)
    return c


def step_until(d: Driver, want: str, limit: int = 60) -> list[str]:
    """Frames (the computer seats playing) until the coach asks for ``want``; the texts drawn then."""
    for _ in range(limit):
        c = coach(d)
        if c.tip is not None and c.tip.step == want:
            return d.step()
        if isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        else:
            d.step(dt=1.0)
    raise AssertionError(f"the tutorial never asked for {want!r} (last: {coach(d).tip})")


def test_learn_to_play_walks_through_the_first_turn() -> None:
    d = Driver()
    texts = d.step()
    assert "Learn to play (tutorial)" in texts
    assert any("New to the game?" in t for t in texts)
    d.step([letter("l")])
    gs = d.game()
    assert gs is not None and gs.scn.id == "ashgabat_to_kazan" and gs.humans == [TUTORIAL_SEAT]
    # 1. answer an event
    assert isinstance(d.top, ChoiceDialog)
    texts = step_until(d, "answer_event")
    assert "TUTORIAL" in texts and "Skip tutorial" in texts
    d.step([digit(1)])
    assert "answer_event" in coach(d).done
    while isinstance(d.top, ChoiceDialog):  # a secret choice may follow: the coach explains it too
        assert coach(d).tip is not None and coach(d).tip.step == "answer_event"
        d.step([digit(1)])
    # 2. choose a card, 3. play it for operations
    step_until(d, "select_card")
    card = coach(d).suggested_card()
    assert card is not None and gs.scn.cards[card].owner in (TUTORIAL_SEAT, "neutral")
    assert coach(d).tip.target == gs.L.cards[card]
    d.step([click(gs.L.cards[card].center)])
    assert gs.sel_card == card and coach(d).tip.step == "play_ops"
    d.step([letter("o")])
    assert gs.pending_kind == "ops"
    # 4. place influence
    texts = step_until(d, "place_influence")
    assert "Place influence" in texts
    target = next(a for a in gs.legal if isinstance(a, PlaceInfluence))
    pt = d.region_point(gs, target.region)
    assert pt is not None
    d.step([click(pt)])
    assert "place_influence" in coach(d).done
    # 5. done with operations; the last tip ends the tutorial
    if gs.pending_kind == "ops":
        assert coach(d).tip.step == "finish_ops"
        d.step([letter("d")])
    step_until(d, "finish")
    assert coach(d).tip.done_button
    ok = next(b for b in coach(d).buttons if b.key == "ok")
    d.step([click(ok.rect.center)])
    assert d.app.coach is None
    assert d.app.settings.tutorial_done
    texts = d.step()
    assert "TUTORIAL" not in texts  # gone for good


@pytest.mark.parametrize("moment", ["event", "hand", "operations"])
def test_skip_at_any_moment(moment: str) -> None:
    d = Driver()
    d.step([letter("l")])
    gs = d.game()
    assert gs is not None
    if moment != "event":
        d.step([digit(1)])
        while isinstance(d.top, ChoiceDialog):
            d.step([digit(1)])
        step_until(d, "select_card")
    if moment == "operations":
        d.step([digit(1), letter("o")])
        assert gs.pending_kind == "ops"
    moves = len(gs.game.state.moves)
    d.step([letter("x")])
    assert d.app.coach is None and d.app.settings.tutorial_done
    assert len(gs.game.state.moves) == moves  # skipping changes nothing in the game
    assert "TUTORIAL" not in d.step()


def test_skip_button() -> None:
    d = Driver()
    d.step([letter("l")])
    d.step()
    skip = next(b for b in coach(d).buttons if b.key == "skip")
    d.step([click(skip.rect.center)])
    assert d.app.coach is None and d.app.settings.tutorial_done
    assert isinstance(d.top, ChoiceDialog)  # the click did not fall through to the dialog
    assert not d.top.gs.game.state.choices


def _new_short_game(app: App, humans: tuple[str, ...] = ("russia",)) -> GameScene:
    ng = NewGameScene(app)
    app.push(ng)
    ng.index = next(i for i, (p, _s, _e) in enumerate(ng.entries) if p.name == "ashgabat_to_kazan.yaml")
    ng.seats = {f: ("human" if f in humans else "ai:easy") for f in ("russia", "iran", "west")}
    ng.start()
    gs = app.find(GameScene)
    assert isinstance(gs, GameScene)
    return gs


def test_a_first_short_game_gets_the_guide_once() -> None:
    d = Driver()
    _new_short_game(d.app)
    assert isinstance(d.app.coach, Coach)
    d.step([letter("x")])
    d.app.reset(TitleScene(d.app))
    d.step()
    _new_short_game(d.app)
    assert d.app.coach is None  # skipped: never again by itself
    d.app.reset(TitleScene(d.app))
    d.step([letter("l")])
    assert isinstance(d.app.coach, Coach)  # unless asked for from the menu


def test_no_guide_for_hot_seat_or_the_full_game() -> None:
    d = Driver()
    _new_short_game(d.app, ("russia", "iran"))
    assert d.app.coach is None
    d.app.reset(TitleScene(d.app))
    ng = NewGameScene(d.app)
    d.app.push(ng)
    ng.index = next(i for i, (p, _s, _e) in enumerate(ng.entries) if p.name == "from_tabriz_to_kazan.yaml")
    ng.start()
    assert d.app.coach is None


def test_leaving_the_game_takes_the_guide_along_but_does_not_mark_it_done() -> None:
    d = Driver()
    d.step([letter("l")])
    d.app.reset(TitleScene(d.app))
    d.step()
    assert d.app.coach is None and not d.app.settings.tutorial_done


def test_done_is_saved_in_the_settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPLOMACY_GAME_CONFIG_DIR", str(tmp_path))
    app = App(Settings(window_size=(1280, 720), anim_speed="instant"), persist=True)
    app.push(TitleScene(app))
    app.process([letter("l")], 0.05)
    assert isinstance(app.coach, Coach)
    app.process([letter("x")], 0.05)
    assert load_settings(tmp_path / "settings.json").tutorial_done
    again = App(persist=True)  # a new session reads the file
    assert again.settings.tutorial_done
    again.push(TitleScene(again))
    _new_short_game(again)
    assert again.coach is None


def test_a_new_player_finishes_the_short_game_with_the_guide() -> None:
    """From the title menu to the end screen, playing as a beginner would: the guide's advice."""
    from diplomacy_game.ui.scenes.end import EndScene

    d = Driver()
    d.step([letter("l")])
    gs = d.game()
    assert gs is not None
    saw_guide_go = False
    for _ in range(3000):
        if isinstance(d.top, EndScene):
            break
        top = d.top
        if isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif top is not gs:
            d.step([key(pygame.K_ESCAPE)])
        elif gs.pending_kind == "play":
            c = d.app.coach
            card = c.suggested_card() if isinstance(c, Coach) else gs.view.hand[0]
            d.step([click(gs.L.cards[card].center), letter("o")])
        elif gs.pending_kind == "ops":
            infl = [a for a in gs.legal if isinstance(a, PlaceInfluence)]
            pt = d.region_point(gs, infl[0].region) if infl else None
            d.step([click(pt)] if pt is not None else [letter("d")])
        elif gs.pending_kind == "target":
            d.step([key(pygame.K_TAB), key(pygame.K_RETURN)])
        else:
            d.step(dt=1.0)
        if d.app.coach is None and not saw_guide_go:
            saw_guide_go = True
            assert d.app.settings.tutorial_done  # it finished itself once the player went on
    assert isinstance(d.top, EndScene), "the short game reached its end screen"
    assert saw_guide_go and gs.game.is_over()
