"""Saves, undo and catch-up in the window: pause-menu save and load, Ctrl+Z/Ctrl+Y, autosaves,
refusals that change nothing, the crash-resume offer, and the "since your last turn" recap."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from ui_driver import NOTICES, SHORT, Driver, digit, key, letter

from diplomacy_game import saves
from diplomacy_game.engine.actions import PlaceInfluence
from diplomacy_game.ui.app import start_app
from diplomacy_game.ui.scenes.catchup import CatchUpScene
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.handoff import HandoffScene
from diplomacy_game.ui.scenes.pause import PauseScene
from diplomacy_game.ui.scenes.saveload import ConfirmDialog, LoadScene, offer_resume
from diplomacy_game.ui.settings import Settings

CTRL = pygame.KMOD_CTRL
SOLO = {"russia": "human", "iran": "ai:easy", "west": "ai:easy"}


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("DIPLOMACY_GAME_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def _play_on(d: Driver, gs: GameScene) -> None:
    """One frame of the simplest play: pass hand-offs, close notices, first option, first card for
    operations, done at once."""
    top = d.top
    if isinstance(top, HandoffScene):
        d.step([], dt=0.5)
        d.step([key(pygame.K_SPACE, " ")])
    elif isinstance(top, NOTICES):
        d.step([key(pygame.K_RETURN)])
    elif isinstance(top, ChoiceDialog):
        d.step([digit(1)])
    elif isinstance(top, GameScene) and gs.pending_kind == "play":
        d.step([digit(1), letter("o")])
    elif isinstance(top, GameScene) and gs.pending_kind == "ops":
        d.step([letter("d")])
    else:
        d.step()


def _to_ops(d: Driver, gs: GameScene) -> None:
    """Play on until the human seat spends operations."""
    for _ in range(200):
        if isinstance(d.top, GameScene) and gs.pending_kind == "ops":
            return
        _play_on(d, gs)
    raise AssertionError("never reached operations")


def test_ctrl_z_undoes_a_placement_and_ctrl_y_redoes_it():
    d = Driver(size=(1280, 720))
    gs = d.start_game(SOLO, seed=3)
    _to_ops(d, gs)
    place = next(a for a in gs.legal if isinstance(a, PlaceInfluence))
    before = gs.game.hash()
    assert gs.submit(place)
    after = gs.game.hash()
    d.step()
    assert any(b.key == "undo" for b in gs.L.buttons), "an Undo button is offered"
    d.step([key(pygame.K_z, "z", CTRL)])
    assert gs.game.hash() == before
    assert gs.message.startswith("Took back: place influence in ")
    d.step()
    assert any(b.key == "redo" for b in gs.L.buttons), "a Redo button is offered"
    d.step([key(pygame.K_y, "y", CTRL)])
    assert gs.game.hash() == after
    # Ctrl+Z is never read as the letter z, nor Ctrl+Y as y
    assert not any(b.key == "redo" for b in gs.L.buttons)


def test_nothing_to_undo_says_so_and_changes_nothing():
    d = Driver()
    gs = d.start_game(SOLO, seed=3)
    _to_ops(d, gs)
    d.step([key(pygame.K_z, "z", CTRL)])  # takes back the card played for operations
    assert gs.pending_kind == "play" and gs.message.startswith("Took back: playing ")
    before = gs.game.hash()
    d.step([key(pygame.K_z, "z", CTRL)])  # before it, other seats moved: nothing of theirs is undone
    assert gs.game.hash() == before
    assert gs.message.startswith("Nothing to undo")


def test_save_from_the_pause_menu_and_load_it_back():
    d = Driver()
    gs = d.start_game(SOLO, seed=3)
    _to_ops(d, gs)
    gs.submit(next(a for a in gs.legal if isinstance(a, PlaceInfluence)))
    want = gs.game.hash()
    d.step([key(pygame.K_ESCAPE)])
    pause = d.top
    assert isinstance(pause, PauseScene)
    save_i = next(i for i, b in enumerate(pause.buttons) if b.key == "save")
    d.step([digit(save_i + 1)])
    assert pause.note.startswith("Saved: ")
    files = list(saves.saves_dir().glob("*.json"))
    assert len(files) == 1 and files[0].name.startswith("ashgabat_to_kazan_")
    load_i = next(i for i, b in enumerate(pause.buttons) if b.key == "load")
    d.step([digit(load_i + 1)])
    ls = d.top
    assert isinstance(ls, LoadScene)
    assert [r.path for r in ls.rows if r.save and r.save.kind == "manual"] == files
    ls.focus = next(i for i, r in enumerate(ls.rows) if r.path == files[0])
    d.step([key(pygame.K_RETURN)])
    new_gs = d.game()
    assert new_gs is not None and new_gs is not gs
    assert new_gs.game.hash() == want
    assert new_gs.seats == gs.seats
    assert d.app.stack[0].name == "title" and d.app.stack[-1] is new_gs


def test_a_damaged_save_is_refused_in_the_window_and_the_game_goes_on(data_dir):
    d = Driver()
    gs = d.start_game(SOLO, seed=3)
    _to_ops(d, gs)
    before = gs.game.hash()
    good = saves.save_game(gs.game, gs.seats)
    good.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])  # truncated
    d.app.push(LoadScene(d.app))
    d.step()
    ls = d.top
    assert isinstance(ls, LoadScene)
    assert ls.rows and ls.rows[0].error and "truncated" in ls.rows[0].error
    texts = d.step([key(pygame.K_RETURN)])
    assert isinstance(d.top, ConfirmDialog)  # the reason, and a choice to delete the file (Keep it first)
    texts = d.step()
    assert any("cannot be loaded" in t for t in texts)
    d.step([key(pygame.K_RETURN)])  # Keep it
    assert good.exists()
    d.step([key(pygame.K_ESCAPE)])  # back to the game
    assert d.game() is gs and gs.game.hash() == before


def test_autosave_at_the_start_of_each_turn_and_on_quit():
    d = Driver()
    d.app.autosave = True
    gs = d.start_game(SOLO, seed=3)
    assert len(saves.autosaves()) == 1  # the first turn's
    turn = gs.game.state.turn
    for _ in range(400):
        if gs.game.state.turn > turn or gs.game.is_over():
            break
        _play_on(d, gs)
    d.step()
    assert len(saves.autosaves()) == 2
    newest = saves.read_save(saves.autosaves()[0])
    assert newest.kind == "autosave" and newest.turn == gs.game.state.turn
    d.app.quit()
    assert len(saves.autosaves()) == 3
    assert saves.read_save(saves.autosaves()[0]).moves == [tuple(m) for m in gs.game.state.moves]


def test_after_a_crash_the_newest_autosave_is_offered_and_resumes(data_dir):
    from diplomacy_game.engine import Game
    from diplomacy_game.scenario.loader import load_scenario

    game = Game.new(load_scenario(SHORT), seed=8)
    game.apply(game.legal_actions(game.to_act()[0])[0], game.to_act()[0])  # the opening choice
    saves.autosave(game, SOLO)
    app = start_app(settings=Settings(), persist=False)
    assert offer_resume(app)
    dlg = app.top
    assert isinstance(dlg, ConfirmDialog)
    dlg.activate(next(b for b in dlg.buttons if b.key == "resume"))
    gs = app.find(GameScene)
    assert isinstance(gs, GameScene) and gs.game.hash() == game.hash()


def test_a_crash_is_noticed_by_the_next_run(data_dir):
    from diplomacy_game.engine import Game
    from diplomacy_game.scenario.loader import load_scenario

    saves.autosave(Game.new(load_scenario(SHORT), seed=8), SOLO)
    assert saves.session_begin() is False  # a session starts ... and is killed: no session_end
    app = start_app(settings=Settings(), persist=True)
    app.run(max_seconds=0.05, close=False)
    assert any(isinstance(s, ConfirmDialog) for s in app.stack)


def test_play_load_opens_the_saved_game(tmp_path):
    from diplomacy_game.engine import Game
    from diplomacy_game.scenario.loader import load_scenario

    game = Game.new(load_scenario(SHORT), seed=8)
    path = saves.save_game(game, {"russia": "human", "iran": "human", "west": "ai:hard"}, tmp_path / "s.json")
    loaded = saves.load(path)
    app = start_app(settings=Settings(), persist=False, loaded=loaded)
    gs = app.find(GameScene)
    assert isinstance(gs, GameScene)
    assert gs.seats["west"] == "ai:hard" and gs.game.hash() == game.hash()


def test_hotseat_catch_up_shows_the_other_seats_moves_and_no_secrets():
    d = Driver(size=(1280, 720))
    gs = d.start_game({"russia": "human", "iran": "human", "west": "ai:easy"}, seed=3, path=Path(SHORT))
    recaps: list[CatchUpScene] = []
    for _ in range(600):
        top = d.top
        if isinstance(top, CatchUpScene):
            recaps.append(top)
            texts = d.step([key(pygame.K_RIGHT)])
            others = [f for f in gs.scn.factions if f != top.seat]
            for f in others:
                for cid in gs.game.state.hands[f]:
                    title = gs.scn.cards[cid].title
                    public = any(title in e.text for e in gs.game.view(None).log)
                    assert public or not any(title in t for t in texts), f"{title} of {f} shown to {top.seat}"
            assert all(s.view.seat == top.seat for s in top.steps)
            # the others' moves, and of its own last move only what followed it (a reveal, the upkeep)
            assert all(s.mover != top.seat or s.part > 0 or any(e.kind == "reveal" for e in s.lines)
                       for s in top.steps)
            d.step([key(pygame.K_RETURN)])
            if len(recaps) >= 3:
                break
        else:
            _play_on(d, gs)
    assert len(recaps) >= 3
    assert {r.seat for r in recaps} == {"russia", "iran"}
    # The recap of the seat's own turn on demand: R
    assert d.app.top is gs or isinstance(d.top, (EventNotice, ChoiceDialog, HandoffScene))


def test_after_loading_a_save_the_seat_may_still_undo_its_turn(tmp_path):
    d = Driver()
    gs = d.start_game(SOLO, seed=3)
    _to_ops(d, gs)
    gs.submit(next(a for a in gs.legal if isinstance(a, PlaceInfluence)))
    path = saves.save_game(gs.game, gs.seats, tmp_path / "s.json")
    loaded = saves.load(path)
    app = start_app(settings=Settings(), persist=False, loaded=loaded)
    new_gs = app.find(GameScene)
    assert isinstance(new_gs, GameScene)
    app.process([], 0.05)
    assert new_gs.game.hash() == gs.game.hash()
    assert new_gs.match.history.can_undo("russia")
    new_gs.undo()
    assert new_gs.game.state.influence != gs.game.state.influence


def test_catch_up_scrolls_a_long_step_and_shows_every_line():
    import random

    from diplomacy_game.engine.recap import recap

    d = Driver(size=(1024, 640))
    gs = d.start_game(SOLO, seed=3)
    g = gs.game
    r = random.Random(2)
    for _ in range(400):  # past November's upkeep and scoring
        if g.is_over() or g.state.turn >= 2:
            break
        seat = g.to_act()[0]
        g.apply(r.choice(g.legal_actions(seat)), seat)
    steps = recap(gs.scn, gs.seed, g.state.moves, 0, "russia")
    upkeep = next(i for i, s in enumerate(steps) if s.lines[0].kind == "upkeep")
    scene = CatchUpScene(d.app, gs, "russia", steps)
    d.app.push(scene)
    scene.index = upkeep
    d.step()
    shown: list[str] = []
    for _ in range(len(scene.lines) + 2):
        shown += d.step([key(pygame.K_DOWN)])
    for e in steps[upkeep].lines:  # every scoring line can be read, whatever the window
        assert any(e.text.startswith(t.rstrip("…")[:20]) for t in shown), e.text
