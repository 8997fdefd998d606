"""Scene transitions, map clicks and keyboard targets, settings, the help overlay, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pygame
import pytest
from ui_driver import NOTICES, ROOT, SCENARIOS, Driver, click, digit, key, letter

from diplomacy_game.engine.actions import PlaceInfluence, PlayCard
from diplomacy_game.ui.modes import ActionTool, OpsMode
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.end import EndScene
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.handoff import HandoffScene
from diplomacy_game.ui.scenes.help import HelpScene
from diplomacy_game.ui.scenes.newgame import NewGameScene
from diplomacy_game.ui.scenes.pause import PauseScene
from diplomacy_game.ui.scenes.settings_scene import SettingsScene
from diplomacy_game.ui.scenes.title import TitleScene
from diplomacy_game.ui.settings import Settings, load_settings, save_settings


def button_center(scene: object, key_: str) -> tuple[int, int]:
    for b in scene.buttons if hasattr(scene, "buttons") else scene.widgets:  # type: ignore[attr-defined]
        if b.key == key_:
            return b.rect.center  # type: ignore[no-any-return]
    raise AssertionError(f"no button {key_}")


def dismiss_dialogs(d: Driver) -> None:
    for _ in range(50):
        top = d.top
        if isinstance(top, HandoffScene):
            d.step(dt=0.5)
            d.step([key(pygame.K_SPACE, " ")])
        elif isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        else:
            gs = d.game()
            if gs is not None and gs.seat is None and not gs.game.is_over():
                d.step(dt=1.0)
                continue
            return


def test_title_new_game_game_pause_and_back() -> None:
    d = Driver()
    texts = d.step()
    assert isinstance(d.top, TitleScene)
    assert "Multipolar" in texts
    d.step([digit(1)])  # New game
    assert isinstance(d.top, NewGameScene)
    ng = d.top
    short = next(i for i, (p, _s, _e) in enumerate(ng.entries) if p.name == "ashgabat_to_kazan.yaml")
    d.step([click(button_center(ng, f"scn:{short}"))])
    assert ng.scenario.id == "ashgabat_to_kazan"
    d.step([click(button_center(ng, "start"))])
    assert isinstance(d.app.stack[-1], GameScene | EventNotice | ChoiceDialog)
    gs = d.game()
    assert gs is not None and gs.scn.id == "ashgabat_to_kazan"
    dismiss_dialogs(d)
    assert isinstance(d.top, GameScene)
    d.step([key(pygame.K_ESCAPE)])
    assert isinstance(d.top, PauseScene)
    texts = d.step()
    assert "Paused" in texts and "Resume" in texts
    d.step([key(pygame.K_ESCAPE)])  # back to the game
    assert isinstance(d.top, GameScene)
    d.step([key(pygame.K_ESCAPE)])
    d.step([click(button_center(d.top, "settings"))])
    assert isinstance(d.top, SettingsScene)
    d.step([key(pygame.K_ESCAPE)])
    assert isinstance(d.top, PauseScene)
    d.step([click(button_center(d.top, "title"))])
    assert isinstance(d.top, TitleScene) and len(d.app.stack) == 1


def test_new_game_by_keyboard_sets_seats_and_seed() -> None:
    d = Driver()
    d.step([key(pygame.K_RETURN)])
    ng = d.top
    assert isinstance(ng, NewGameScene)
    # Tab to Iran's seat and switch it to human; then the seed: clear it and type 42.
    iran = next(i for i, b in enumerate(ng.widgets) if b.key == "seat:iran")
    for _ in range(iran):
        d.step([key(pygame.K_TAB)])
    assert ng.seats["iran"] == "ai:normal"
    d.step([key(pygame.K_SPACE, " ")])
    assert ng.seats["iran"] == "ai:hard"
    d.step([key(pygame.K_LEFT)])
    d.step([key(pygame.K_LEFT)])
    assert ng.seats["iran"] == "ai:easy"
    d.step([key(pygame.K_LEFT)])
    assert ng.seats["iran"] == "human"
    seed = next(i for i, b in enumerate(ng.widgets) if b.key == "seed")
    for _ in range(seed - iran):
        d.step([key(pygame.K_DOWN)])
    d.step([key(pygame.K_BACKSPACE)] * 12 + [digit(4), digit(2)])
    assert ng.seed == 42
    d.step([letter("s")])
    gs = d.game()
    assert gs is not None and gs.seed == 42 and gs.humans == ["russia", "iran"]


def _to_russian_ops(d: Driver) -> GameScene:
    gs = d.start_game({"russia": "human", "iran": "ai", "west": "ai"}, seed=5)
    for _ in range(200):
        dismiss_dialogs(d)
        if gs.pending_kind == "play" and gs.seat == "russia":
            d.step([digit(1)])
            assert gs.sel_card == gs.view.hand[0]
            d.step([letter("o")])
            assert gs.pending_kind == "ops"
            return gs
        d.step(dt=1.0)
    raise AssertionError("Russia never got to play")


def test_click_on_region_places_influence() -> None:
    d = Driver()
    gs = _to_russian_ops(d)
    legal = [a for a in gs.legal if isinstance(a, PlaceInfluence)]
    assert legal
    target = next(a.region for a in legal if d.region_point(gs, a.region) is not None)
    pos = d.region_point(gs, target)
    texts = d.step([click(pos)])  # type: ignore[arg-type]
    assert gs.game.state.moves[-1] == ["russia", f"influence {target}"]
    assert texts  # the frame was drawn


def test_illegal_region_click_shows_the_engine_reason() -> None:
    d = Driver()
    gs = _to_russian_ops(d)
    before = len(gs.game.state.moves)
    legal = {a.region for a in gs.legal if isinstance(a, PlaceInfluence)}
    region = next(r for r in ("iran", "israel", "saudi_arabia", "jordan") if r not in legal)
    pos = d.region_point(gs, region)
    assert pos is not None
    texts = d.step([click(pos)])
    assert len(gs.game.state.moves) == before
    reason = gs.game.why_illegal(PlaceInfluence(region), "russia")
    assert reason is not None
    assert gs.message.lower() == reason.lower()
    assert any(reason.lower()[:40] in t.lower() for t in texts)


def test_keyboard_equivalent_places_influence() -> None:
    d = Driver()
    gs = _to_russian_ops(d)
    d.step([key(pygame.K_TAB)])
    armed = gs.armed
    assert isinstance(armed, PlaceInfluence) and armed in gs.legal
    d.step([key(pygame.K_RETURN)])
    assert gs.game.state.moves[-1] == ["russia", str(armed)]


def test_disabled_event_button_shows_why() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai", "west": "ai"}, seed=5)
    for _ in range(200):
        dismiss_dialogs(d)
        if gs.pending_kind == "play" and gs.seat == "russia":
            break
        d.step(dt=1.0)
    foreign = [c for c in gs.view.hand if PlayCard(c, "event") not in gs.legal]
    if not foreign:
        pytest.skip("every card in hand is playable for its event")
    hand = list(gs.view.hand)
    d.step([digit(hand.index(foreign[0]) + 1)])
    d.step([letter("e")])
    reason = gs.game.why_illegal(PlayCard(foreign[0], "event"), "russia")
    assert reason and gs.message.lower() == reason.lower()
    assert gs.pending_kind == "play"


def test_help_overlay_and_settings_persist(tmp_path: object) -> None:
    d = Driver()
    d.step([key(pygame.K_F1)])
    assert isinstance(d.top, HelpScene)
    texts = d.step()
    assert "Keyboard shortcuts" in texts
    d.step([key(pygame.K_x, "x")])
    assert isinstance(d.top, TitleScene)
    d.step([key(pygame.K_SLASH, "?", pygame.KMOD_SHIFT)])
    assert isinstance(d.top, HelpScene)
    d.step([key(pygame.K_ESCAPE)])
    d.step([digit(3)])
    assert isinstance(d.top, SettingsScene)
    s = d.app.settings
    scale = s.ui_scale
    d.step([digit(3), key(pygame.K_RIGHT)])  # UI scale +10 %
    assert s.ui_scale == scale + 10
    d.step([digit(4), key(pygame.K_RETURN)])  # colour-blind on
    assert s.colorblind
    speed = s.anim_speed
    d.step([digit(5), key(pygame.K_RIGHT)])
    assert s.anim_speed != speed
    texts = d.step()
    assert any(t.startswith("UI scale") for t in texts)
    path = tmp_path / "settings.json"  # type: ignore[operator]
    assert save_settings(s, path)
    back = load_settings(path)
    assert back == s
    path.write_text(json.dumps({"ui_scale": 999, "window_size": "nonsense", "anim_speed": 3}))
    odd = load_settings(path)
    assert odd.ui_scale == 200 and odd.window_size == Settings().window_size and odd.anim_speed == "normal"


def test_layout_adapts_to_the_window_size() -> None:
    for size in ((1024, 640), (1920, 1080)):
        d = Driver(size=size)
        gs = d.start_game({"russia": "human", "iran": "ai", "west": "ai"}, seed=2)
        dismiss_dialogs(d)
        d.step()
        w, h = size
        assert gs.L.map.right <= gs.L.right.x and gs.L.hand.bottom <= h and gs.L.right.right <= w
        for r in gs.L.cards.values():
            assert gs.L.hand.contains(r.clip(gs.L.hand)) and r.right <= gs.L.hand.right


def test_end_screen_shows_winner_and_chart() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "ai:easy", "west": "ai:random"}, seed=3)
    for _ in range(2000):
        if isinstance(d.top, EndScene):
            break
        d.step(dt=1.0)
    assert isinstance(d.top, EndScene)
    texts = d.step()
    assert "Victory points after each turn" in texts
    assert any(t.endswith("wins") or t.startswith("Shared victory") for t in texts)
    assert gs.game.is_over()
    d.step([letter("t")])
    assert isinstance(d.top, TitleScene)


def test_play_without_display_exits_2() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    r = subprocess.run([sys.executable, "-m", "diplomacy_game", "play"], capture_output=True, text=True,
                       env=env, cwd=ROOT, timeout=60)
    assert r.returncode == 2
    assert "no display" in r.stderr and "Traceback" not in r.stderr
    # an unreachable X display: SDL falls back to its offscreen driver, which is no window either
    r = subprocess.run([sys.executable, "-m", "diplomacy_game", "play", "--seat", "iran=human"], capture_output=True,
                       text=True, env={**env, "DISPLAY": ":87"}, cwd=ROOT, timeout=60)
    assert r.returncode == 2
    assert "no display" in r.stderr and "Traceback" not in r.stderr


def test_faction_action_through_the_ui() -> None:
    from diplomacy_game.engine.actions import UseAction

    d = Driver()
    gs = d.start_game({"russia": "ai", "iran": "ai", "west": "human"}, seed=3)
    for _ in range(400):
        dismiss_dialogs(d)
        if gs.game.is_over():
            break
        if gs.pending_kind == "play":
            d.step([digit(len(gs.view.hand)), letter("o")])
            continue
        if gs.pending_kind == "ops":
            uses = [a for a in gs.legal if isinstance(a, UseAction)]
            if not uses:
                d.step([letter("d")])
                continue
            want = uses[0]
            for _ in range(6):
                d.step([letter("a")])
                if gs.input == OpsMode(ActionTool(want.action)):
                    break
            assert gs.input == OpsMode(ActionTool(want.action))
            if gs.armed is None:  # a targeted action: walk the targets with Tab
                d.step([key(pygame.K_TAB)])
            assert isinstance(gs.armed, UseAction) and gs.armed in gs.legal
            armed = gs.armed
            d.step([key(pygame.K_RETURN)])
            assert gs.game.state.moves[-1] == ["west", str(armed)]
            return
        if gs.pending_kind == "target":
            d.step([key(pygame.K_TAB), key(pygame.K_RETURN)])
            continue
        d.step(dt=1.0)
    pytest.skip("no faction action came up in this game")


def test_schematic_map_when_the_map_asset_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    from diplomacy_game.ui import mapdata
    from diplomacy_game.ui.scenes.fallback_map import SchematicMap

    def missing(_map_id: str) -> None:
        raise mapdata.MapAssetError("no asset")

    monkeypatch.setattr(mapdata.MapGeometry, "for_map", staticmethod(missing))
    d = Driver()
    gs = _to_russian_ops(d)
    assert isinstance(gs.map_panel.renderer, SchematicMap)
    target = next(a.region for a in gs.legal if isinstance(a, PlaceInfluence))
    pos = gs.region_point(target)
    assert pos is not None
    d.step([click(pos)])
    assert gs.game.state.moves[-1] == ["russia", f"influence {target}"]


def test_draw_changes_nothing() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "human", "west": "ai"}, seed=9)
    for _ in range(60):
        dismiss_dialogs(d)
        if gs.pending_kind == "play":
            d.step([digit(2)])
        elif gs.pending_kind == "ops":
            d.step([key(pygame.K_TAB)])  # something armed, a message shown
        before = (gs.game.hash(), gs.sel_card, gs.armed, gs.input, gs.message, gs.viewer, gs.seat, gs.L,
                  [type(s) for s in d.app.stack], gs.view)
        d.app.draw(d.app.screen)
        d.app.draw(d.app.screen)
        after = (gs.game.hash(), gs.sel_card, gs.armed, gs.input, gs.message, gs.viewer, gs.seat, gs.L,
                 [type(s) for s in d.app.stack], gs.view)
        assert before == after
        if gs.pending_kind == "ops":
            d.step([key(pygame.K_RETURN)])
        elif gs.pending_kind == "play":
            d.step([letter("o")])
        else:
            d.step(dt=1.0)


def test_f5_reloads_an_edited_scenario_and_shows_errors(tmp_path: object) -> None:
    import shutil
    from pathlib import Path

    from diplomacy_game.ui.scenes.dialogs import MessageDialog
    from diplomacy_game.ui.scenes.newgame import load_cached

    folder = Path(str(tmp_path))
    for name in ("ashgabat_to_kazan.yaml", "from_tabriz_to_kazan.yaml", "map.yaml"):
        shutil.copy(SCENARIOS / name, folder / name)
    d = Driver()
    scn = load_cached(folder / "ashgabat_to_kazan.yaml")
    gs = GameScene(d.app, scn, {"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, 5)
    d.app.push(gs)
    for _ in range(100):
        dismiss_dialogs(d)
        if gs.pending_kind == "play" and len(gs.game.to_json()["moves"]) > 3:
            break
        if gs.pending_kind == "play":
            d.step([digit(1), letter("o")])
        elif gs.pending_kind == "ops":
            d.step([letter("d")])
        else:
            d.step(dt=1.0)
    moves = list(gs.game.to_json()["moves"])
    card = gs.view.hand[0]
    old = gs.scn.cards[card].title
    main = folder / "from_tabriz_to_kazan.yaml"
    text = main.read_text(encoding="utf-8")
    assert f"title: {old}\n" in text
    main.write_text(text.replace(f"title: {old}\n", "title: A Retitled Card\n", 1), encoding="utf-8")
    d.step([key(pygame.K_F5)])
    assert gs.scn.cards[card].title == "A Retitled Card"
    assert gs.game.to_json()["moves"] == moves
    assert "moves replayed" in gs.message
    texts = d.step()
    assert any("A Retitled Card" in t for t in texts)
    # a broken file: every error as FILE:LINE:COL, the game unchanged
    child = folder / "ashgabat_to_kazan.yaml"
    child.write_text(child.read_text(encoding="utf-8").replace("turns: 4}", "turns: four}", 1), encoding="utf-8")
    d.step([key(pygame.K_F5)])
    assert isinstance(d.top, MessageDialog)
    texts = d.step()
    assert any("ashgabat_to_kazan.yaml:" in t and "error" in t for t in texts)
    assert gs.scn.cards[card].title == "A Retitled Card"
    d.step([key(pygame.K_RETURN)])
    assert isinstance(d.top, GameScene)


def test_end_screen_after_an_ending_of_the_scenario_names_who_cannot_win() -> None:
    # random seats set off a second Western crisis in most games: the end screen says who may
    # not win, in the engine's words (the log's "end" line), not only "a second Western crisis"
    for seed in range(1, 30):
        d = Driver()
        gs = d.start_game({"russia": "ai:random", "iran": "ai:random", "west": "ai:random"}, seed=seed)
        for _ in range(3000):
            if isinstance(d.top, EndScene):
                break
            d.step(dt=1.0)
        assert isinstance(d.top, EndScene)
        losers = gs.game.state.losers
        if not losers:
            continue
        texts = d.step()
        name = gs.scn.faction(losers[0]).name
        assert any(t.startswith("The game ends:") and t.endswith(f"{name} cannot win.") for t in texts), texts[:12]
        return
    raise AssertionError("no random game of 29 ended with a loser")


def test_status_line_starts_with_a_capital_when_it_says_the_engines_reason() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai", "west": "ai"}, seed=2)
    dismiss_dialogs(d)
    reason = "the event of 'X' cannot be played now"  # the engine's reasons start in lower case
    gs.flash(reason)
    assert gs.message == "The event of 'X' cannot be played now"
    assert reason[1:] in gs.message
