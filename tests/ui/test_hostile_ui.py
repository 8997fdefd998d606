"""The window with hostile files (issue 14): poisoned folders, a broken scene, a crash loop."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pygame
import pytest
from helpers import MAIN, SCENARIOS, SHORT
from ui_driver import Driver, click, key

from diplomacy_game import resources, saves
from diplomacy_game.engine import Game
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.ui.app import start_app
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.base import Scene
from diplomacy_game.ui.scenes.error import ErrorScene
from diplomacy_game.ui.scenes.newgame import NewGameScene
from diplomacy_game.ui.scenes.saveload import ConfirmDialog, LoadScene
from diplomacy_game.ui.scenes.title import TitleScene
from diplomacy_game.ui.settings import Settings

SOLO = {"russia": "human", "iran": "ai:easy", "west": "ai:easy"}


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: Any) -> Path:
    monkeypatch.setenv("DIPLOMACY_GAME_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"


def poisoned_scenarios(folder: Path) -> Path:
    """The shipped scenarios beside every hostile file found in issue 14."""
    folder.mkdir(parents=True)
    for f in SCENARIOS.glob("*.yaml"):
        shutil.copy(f, folder / f.name)
    (folder / "utf16.yaml").write_bytes("kind: scenario\nid: u\n".encode("utf-16"))
    (folder / "latin1.yaml").write_bytes("kind: scenario\ntitle: caf\xe9\n".encode("latin-1"))
    child = f"kind: scenario\nextend: {MAIN.name}\n"
    (folder / "nul.yaml").write_text(child + 'id: nul\ntitle: "a \\0 b"\n', encoding="utf-8")
    (folder / "long.yaml").write_text(child + "id: long\ntitle: " + "x" * 20_000 + "\n", encoding="utf-8")
    (folder / "huge.yaml").write_text(child + "id: huge\ntitle: " + "x" * 3_000_000 + "\n", encoding="utf-8")
    (folder / "folder.yaml").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")
    if os.path.exists("/dev/zero"):
        (folder / "zero.yaml").symlink_to("/dev/zero")
    return folder


def test_the_new_game_screen_works_with_a_poisoned_scenarios_folder(data_dir: Path) -> None:
    folder = poisoned_scenarios(resources.user_scenarios_dir())  # the player's own scenario folder
    d = Driver()
    d.app.push(NewGameScene(d.app))
    texts = d.step()
    entries = d.top.entries
    good = [p for p, scn, _ in entries if scn is not None]
    assert {p.name for p in good} == {p.name for p in SCENARIOS.glob("*.yaml")} - {"map.yaml"}
    assert {"from_tabriz_to_kazan.yaml", "ashgabat_to_kazan.yaml", "tabriz_to_kazan_headline.yaml"} <= {
        p.name for p in good}
    broken = {p.name: err for p, scn, err in entries if scn is None}
    assert set(broken) == {"latin1.yaml", "nul.yaml", "long.yaml", "huge.yaml"}  # the rest never say kind: scenario
    assert all(p.parent == folder for p in entries_paths(entries) if p.name in broken)
    assert "NUL" in broken["nul.yaml"] and "not UTF-8" in broken["latin1.yaml"]
    assert "too long" in broken["long.yaml"] and "too long" in broken["huge.yaml"]
    assert all("\x00" not in t for t in texts)
    for _ in range(len(entries)):  # every entry, broken or not, is shown and drawn
        d.step([key(pygame.K_DOWN), key(pygame.K_RIGHT)])


def entries_paths(entries: list[tuple[Path, Any, str]]) -> list[Path]:
    return [p for p, _s, _e in entries]


def _forged(body: dict[str, Any], **changes: Any) -> bytes:
    out = {**body, **changes}
    out["checksum"] = saves._checksum(out)
    return json.dumps(out).encode("ascii")


def poisoned_saves(folder: Path, game: Game) -> Path:
    """A good save beside forged ones: month 13, month xx, NUL and lone surrogates, huge titles."""
    good = saves.save_game(game, SOLO, folder / "good.json")
    body = json.loads(good.read_text(encoding="utf-8"))
    scn = body["scenario"]
    for name, change in {
        "m13": {"month": "2024-13"}, "mxx": {"month": "xx"},
        "nul": {"scenario": {**scn, "title": "a\x00b"}}, "sur": {"saved_at": "2024-01-01T00:00:00\ud800"},
        "t20k": {"scenario": {**scn, "title": "t" * 20_000}}, "t2mb": {"scenario": {**scn, "title": "t" * 2_000_000}},
        "v2mb": {"version": "1" * 2_000_000}, "digits": {"seed": 10**4400},
    }.items():
        try:
            (folder / f"{name}.json").write_bytes(_forged(body, **change))
        except ValueError:  # Python refuses to write the 4,400-digit number itself: write its digits
            (folder / f"{name}.json").write_text(json.dumps(body)[:-1] + ', "n": ' + "7" * 4400 + "}", "utf-8")
    (folder / "deep.json").write_bytes(_forged(body, ui={"x": json.loads("[" * 500 + "]" * 500)}))
    (folder / "dir.json").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.json")
    return good


def test_the_load_screen_lists_forged_saves_as_broken_and_keeps_working(data_dir: Path) -> None:
    game = Game.new(load_scenario(SHORT), seed=8)
    good = poisoned_saves(saves.saves_dir(), game)
    d = Driver()
    d.app.push(LoadScene(d.app))
    d.step()
    ls = d.top
    assert [r.path for r in ls.rows if r.save is not None] == [good]
    assert len([r for r in ls.rows if r.save is None]) == 10 + hasattr(os, "mkfifo")
    for _ in range(len(ls.rows)):
        texts = d.step([key(pygame.K_DOWN)])
        assert all(len(t) <= 20_000 for t in texts)
    i = next(i for i, r in enumerate(ls.rows) if r.save is not None)
    ls.focus = i
    d.step([key(pygame.K_RETURN)])
    gs = d.game()
    assert gs is not None and gs.game.state.seed == game.state.seed  # the good one opens (and play goes on)


def test_a_broken_save_is_deleted_from_the_load_screen_after_a_confirmation(data_dir: Path) -> None:
    game = Game.new(load_scenario(SHORT), seed=8)
    good = saves.save_game(game, SOLO, saves.saves_dir() / "good.json")
    bad = saves.saves_dir() / "bad.json"
    bad.write_bytes(_forged(json.loads(good.read_text("utf-8")), month="2024-13"))
    d = Driver()
    d.app.push(LoadScene(d.app))
    d.step()
    ls = d.top
    ls.focus = next(i for i, r in enumerate(ls.rows) if r.path == bad)
    d.step([key(pygame.K_RETURN)])  # the reason, Keep it / Delete this file
    dlg = d.top
    assert isinstance(dlg, ConfirmDialog) and [b.key for b in dlg.buttons] == ["cancel", "delete"]
    d.step([click(dlg.buttons[1].rect.center)])
    confirm = d.top
    assert isinstance(confirm, ConfirmDialog) and "Delete bad.json?" in confirm.title
    assert bad.exists()  # nothing deleted before the confirmation
    d.step([click(confirm.buttons[1].rect.center)])
    assert not bad.exists() and good.exists()
    assert d.top is ls and [r.path for r in ls.rows] == [good]


def test_eliding_a_long_text_measures_it_a_logarithmic_number_of_times() -> None:
    pygame.font.init()
    font = kit.FONTS.get("normal")
    calls = 0

    class Counting:
        def size(self, s: str) -> tuple[int, int]:
            nonlocal calls
            calls += 1
            return font.size(s)

    out = kit._elide("word " * 4000, Counting(), 300)  # type: ignore[arg-type]
    assert out.endswith("…") and font.size(out)[0] <= 300
    assert calls <= 2 + 12  # log2 of the 1,000 characters drawn at most, not one measure per character
    assert kit.elide("x" * 3_000_000, font, 200).endswith("…")


class Broken(Scene):
    name = "broken"

    def draw(self, surface: pygame.Surface) -> None:
        raise RuntimeError("a scene that breaks")


def test_a_scene_that_raises_shows_the_error_screen_and_writes_a_crash_report(data_dir: Path) -> None:
    d = Driver()
    d.app.reraise = False  # as in the real window
    d.app.push(Broken(d.app))
    d.step()
    assert isinstance(d.top, ErrorScene) and d.app.running
    texts = d.step()
    assert any("a scene that breaks" in t for t in texts)
    reports = list(saves.crash_dir().glob("crash-*.txt"))
    assert len(reports) == 1 and "RuntimeError: a scene that breaks" in reports[0].read_text("utf-8")
    d.step([key(pygame.K_RETURN)])
    assert isinstance(d.top, TitleScene) and len(d.app.stack) == 1


def _poisoned_autosave(short: Any) -> Path:
    game = Game.new(short, seed=8)
    path = saves.autosave(game, SOLO)
    body = json.loads(path.read_text("utf-8"))
    path.write_bytes(_forged(body, scenario={**body["scenario"], "title": "nul \x00 title"}))
    return path


def test_a_poisoned_autosave_does_not_crash_the_next_start(data_dir: Path) -> None:
    path = _poisoned_autosave(load_scenario(SHORT))
    assert saves.session_begin() is False  # a session starts ... and dies: no session_end
    app = start_app(settings=Settings(), persist=True)
    app.run(max_seconds=0.05, close=False)
    assert not any(isinstance(s, ConfirmDialog) for s in app.stack)  # nothing to resume: it is refused
    assert path.exists() and app.top is not None and app.top.name == "title"


def test_a_file_that_crashed_the_game_while_opening_is_set_aside_not_offered_again(data_dir: Path) -> None:
    game = Game.new(load_scenario(SHORT), seed=8)
    path = saves.autosave(game, SOLO)
    saves.session_begin()
    saves.session_phase("resuming", path)  # ... and the process dies while opening it
    app = start_app(settings=Settings(), persist=True)
    app.run(max_seconds=0.05, close=False)
    dlg = next(s for s in app.stack if isinstance(s, ConfirmDialog))
    assert [b.key for b in dlg.buttons] == ["fresh"]
    assert not path.exists() and path.with_name(path.name + ".crashed").exists()
    assert saves.newest_autosave() is None
    saves.session_end()


def test_a_crash_while_playing_offers_resume_or_start_fresh(data_dir: Path) -> None:
    game = Game.new(load_scenario(SHORT), seed=8)
    saves.autosave(game, SOLO)
    saves.session_begin()
    saves.session_phase("playing", saves.live_path())
    app = start_app(settings=Settings(), persist=True)
    app.run(max_seconds=0.05, close=False)
    dlg = next(s for s in app.stack if isinstance(s, ConfirmDialog))
    assert [b.key for b in dlg.buttons] == ["resume", "fresh"]
    dlg.activate(dlg.buttons[0])
    assert saves._read_marker(saves._marker()).phase == "resuming"  # until the game has drawn
    app.process([], 0.0)
    assert saves._read_marker(saves._marker()).phase == "playing"
    saves.session_end()


def test_a_settings_file_of_garbage_gives_a_notice_on_the_title(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("DIPLOMACY_GAME_CONFIG_DIR", str(tmp_path))
    (tmp_path / "settings.json").write_text('{"fullscreen": "yes", "ui_scale": [1]}', encoding="utf-8")
    app = start_app(persist=False)
    recorded: list[str] = []
    kit.add_recorder(recorded.append)
    try:
        app.process([], 0.0)
    finally:
        kit.remove_recorder(recorded.append)
    assert app.settings.fullscreen is False
    assert any("wrong values for fullscreen, ui_scale" in t for t in recorded)


def test_a_game_loaded_from_the_command_line_is_resuming_until_it_draws(data_dir: Path) -> None:
    game = Game.new(load_scenario(SHORT), seed=8)
    path = saves.save_game(game, SOLO, data_dir / "given.json")
    app = start_app(settings=Settings(), persist=True, loaded=saves.load(path))
    assert app.resuming == path
    app.session = True  # as run() does after session_begin (without drawing a frame yet)
    saves.session_begin()
    app.track_phase()
    assert saves._read_marker(saves._marker()) == saves.LastSession(True, "resuming", path)
    app.process([], 0.0)  # the first frame drew: from now on it is a game being played
    assert saves._read_marker(saves._marker()).phase == "playing"
    saves.session_end()
