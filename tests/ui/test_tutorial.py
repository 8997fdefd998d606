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


def _to_hand(d: Driver) -> GameScene:
    d.step([letter("l")])
    gs = d.game()
    assert gs is not None
    for _ in range(60):
        if isinstance(d.top, ChoiceDialog):
            c = coach(d)
            assert c.tip is not None and c.tip.target is not None
            assert not c.box.colliderect(c.tip.target), "the guide covers the dialog it explains"
            d.step([digit(1)])
        elif isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif gs.pending_kind == "play":
            return gs
        else:
            d.step(dt=1.0)
    raise AssertionError("never reached the hand")


def test_the_guide_covers_neither_the_dialog_nor_the_hand_nor_the_log() -> None:
    for size in ((1280, 720), (1600, 900)):
        d = Driver(size)
        gs = _to_hand(d)
        d.step()
        c = coach(d)
        assert c.tip is not None and c.tip.step == "select_card"
        assert not c.box.colliderect(gs.L.hand) and not c.box.colliderect(gs.L.map)
        assert not c.box.colliderect(gs.L.log.inflate(0, -gs.L.log.h // 2).move(0, gs.L.log.h // 4))


def test_enter_never_dismisses_the_guide_and_undo_takes_it_back() -> None:
    d = Driver()
    gs = _to_hand(d)
    card = coach(d).suggested_card()
    assert card is not None
    d.step([click(gs.L.cards[card].center), letter("o")])
    assert gs.pending_kind == "ops" and coach(d).tip.step in ("place_influence", "finish_ops")
    d.step([key(pygame.K_z, "", pygame.KMOD_CTRL)])  # take the play back: the guide follows
    assert gs.pending_kind == "play"
    assert coach(d).tip is not None and coach(d).tip.step in ("select_card", "play_ops")
    assert "play_card" not in coach(d).done
    d.step([key(pygame.K_RETURN)])
    assert d.app.coach is not None and not d.app.settings.tutorial_done


def test_the_guide_comes_back_with_a_resumed_game() -> None:
    d = Driver()
    gs = _to_hand(d)
    state = gs.match.ui_state()
    assert state.get("tutorial") is True
    d2 = Driver()
    again = GameScene(d2.app, gs.scn, dict(gs.match.seats), gs.match.seed, game=gs.match.game, ui_state=state)
    d2.app.push(again)
    from diplomacy_game.ui.scenes.tutorial import resume

    assert resume(d2.app, again) is not None
    d2.step()
    assert coach(d2).tip is not None and coach(d2).tip.step == "select_card"


def test_the_guide_teaches_reach_pressure_the_opponent_event_the_crisis_and_scoring() -> None:
    from diplomacy_game.ui.scenes.tutorial import LESSONS

    d = Driver()
    _to_hand(d)
    c = coach(d)
    assert set(LESSONS) == {"reach", "pressure", "opponent_event", "crisis", "scoring"}
    for i, lesson in enumerate(LESSONS, start=1):  # one after another while the computer plays
        c.lesson = i
        tip = c._lesson("Russia", "Iran")
        assert tip.lessons == (lesson,) and tip.step == "watch" and len(tip.text) > 80


def test_the_tutorial_deal_cannot_sign_the_treaty_in_the_first_month() -> None:
    import random

    from helpers import SHORT

    from diplomacy_game.engine import Game
    from diplomacy_game.ui.scenes.newgame import load_cached
    from diplomacy_game.ui.scenes.tutorial import TUTORIAL_SEED

    scn = load_cached(SHORT)
    for k in range(40):  # any play of the first month
        game = Game.new(scn, TUTORIAL_SEED)
        r = random.Random(k)
        while not game.is_over() and game.state.turn == 0:
            seat = game.to_act()[0]
            game.apply(r.choice(game.legal_actions(seat)), seat)
        assert not game.state.has_flag("treaty_signed"), k
