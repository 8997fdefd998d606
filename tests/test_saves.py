"""Saves: the format, atomic writes, autosaves, refusals, replays, and kills during a save."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, SHORT, play_random

from diplomacy_game import saves
from diplomacy_game.engine import Game
from diplomacy_game.scenario.loader import load_scenario

TINY = ROOT / "tests" / "rules" / "fixtures"
SEATS = {"russia": "human", "iran": "ai:easy", "west": "ai:normal"}


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("DIPLOMACY_GAME_DATA_DIR", str(d))
    return d


@pytest.fixture
def midgame(short_scenario):
    return play_random(Game.new(short_scenario, seed=5), 40)


def test_save_then_load_gives_the_same_game(midgame):
    path = saves.save_game(midgame, SEATS)
    assert path.parent == saves.saves_dir()
    assert path.name.startswith(midgame.scenario.id + "_" + midgame.scenario.months[midgame.state.turn])
    save, game = saves.load(path)
    assert game.hash() == midgame.hash()
    assert save.seats == SEATS
    assert save.seed == 5
    assert [list(m) for m in save.moves] == midgame.state.moves
    # and it plays on exactly as the original does
    play_random(game, 30, seed=9)
    play_random(midgame, 30, seed=9)
    assert game.hash() == midgame.hash()


def test_a_finished_games_save_replays_to_the_same_final_hash(short_scenario, tmp_path):
    game = play_random(Game.new(short_scenario, seed=2), 100_000)
    assert game.is_over()
    path = saves.save_game(game, SEATS, tmp_path / "done.json")
    save = saves.read_save(path)
    assert save.finished
    replayed = Game.replay(short_scenario, save.seed, [list(m) for m in save.moves])
    assert replayed.hash() == game.hash()
    assert saves.restore(save, short_scenario).hash() == game.hash()


def test_the_save_format_is_versioned_and_complete(midgame, tmp_path):
    path = saves.save_game(midgame, SEATS, tmp_path / "s.json")
    body = json.loads(path.read_text())
    assert body["format"] == "multipolar-save"
    assert body["version"] == saves.SAVE_VERSION
    assert body["scenario"]["id"] == midgame.scenario.id
    assert body["scenario"]["content_hash"] == midgame.scenario.content_hash
    assert body["seed"] == 5 and body["moves"] == midgame.state.moves
    assert body["state"] == midgame.state.to_json()


def _rewrite(path: Path, **changes) -> None:
    body = json.loads(path.read_text())
    body.update(changes)
    body["checksum"] = saves._checksum(body)
    path.write_text(json.dumps(body))


def test_a_newer_format_is_refused_with_a_clear_message(midgame, tmp_path):
    path = saves.save_game(midgame, SEATS, tmp_path / "s.json")
    _rewrite(path, version=saves.SAVE_VERSION + 1)
    with pytest.raises(saves.SaveError, match="newer version of the game"):
        saves.read_save(path)


def test_a_snapshot_that_disagrees_with_the_moves_is_refused(midgame, tmp_path):
    path = saves.save_game(midgame, SEATS, tmp_path / "s.json")
    state = midgame.state.to_json()
    state["vp"] = {f: v + 5 for f, v in state["vp"].items()}
    _rewrite(path, state=state)
    save = saves.read_save(path)  # the checksum is right: only the replay finds it out
    with pytest.raises(saves.SaveError, match="disagree"):
        saves.restore(save, midgame.scenario)


def test_an_edited_file_fails_its_checksum(midgame, tmp_path):
    path = saves.save_game(midgame, SEATS, tmp_path / "s.json")
    body = json.loads(path.read_text())
    body["seed"] = 6
    path.write_text(json.dumps(body))
    with pytest.raises(saves.SaveError, match="checksum"):
        saves.read_save(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00garbage", "not text"),
        (b"{\"format\": \"multipolar-save\", \"version\": 1", "truncated or corrupt"),
        (b"[1, 2, 3]", "not a Multipolar save"),
        (b"{\"format\": \"something-else\"}", "not a Multipolar save"),
        (b"[" * 100_000, "corrupt"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path, content, message):
    p = tmp_path / "bad.json"
    p.write_bytes(content)
    with pytest.raises(saves.SaveError, match=message) as exc:
        saves.read_save(p)
    assert str(exc.value).startswith(f"{p}: error: ")


def test_a_missing_file_or_a_folder_is_refused(tmp_path):
    with pytest.raises(saves.SaveError, match="no such save file"):
        saves.read_save(tmp_path / "nope.json")
    with pytest.raises(saves.SaveError, match="folder"):
        saves.read_save(tmp_path)


def test_random_truncations_and_byte_flips_give_clean_errors(midgame, tmp_path):
    path = saves.save_game(midgame, SEATS, tmp_path / "s.json")
    good = path.read_bytes()
    r = random.Random(1)
    bad = tmp_path / "bad.json"
    for _ in range(150):
        bad.write_bytes(good[: r.randrange(len(good) - 1)])
        with pytest.raises(saves.SaveError):
            saves.read_save(bad)
    loaded_intact = 0
    for _ in range(300):
        data = bytearray(good)
        i = r.randrange(len(data))
        data[i] ^= 1 << r.randrange(8)
        bad.write_bytes(bytes(data))
        try:
            save = saves.read_save(bad)
        except saves.SaveError:
            continue
        # The only flips that may load are ones that leave the JSON value unchanged.
        assert saves.restore(save, midgame.scenario).hash() == midgame.hash()
        loaded_intact += 1
    assert loaded_intact <= 3


def _tiny_copy(tmp_path: Path) -> Path:
    d = tmp_path / "scn"
    d.mkdir()
    for f in ("tiny_map.yaml", "tiny_scenario.yaml"):
        shutil.copy(TINY / f, d / f)
    return d / "tiny_scenario.yaml"


def _tiny_game(path: Path) -> Game:
    g = Game.new(load_scenario(path), seed=3)
    return play_random(g, 12, seed=4)


def test_a_changed_scenario_whose_moves_still_fit_is_offered_for_replay(tmp_path):
    scn_path = _tiny_copy(tmp_path)
    game = _tiny_game(scn_path)
    save_path = saves.save_game(game, {"red": "human"}, tmp_path / "s.json")
    text = scn_path.read_text()
    scn_path.write_text(text.replace("summary: Three factions on seven regions, for the rules tests.",
                                     "summary: Edited after the save."))
    save = saves.read_save(save_path)
    with pytest.raises(saves.ScenarioChanged) as exc:
        saves.restore(save)
    assert exc.value.replayable and exc.value.moves == len(game.state.moves)
    assert "changed since this save" in exc.value.message
    replayed = saves.restore(save, replay_changed=True)
    assert replayed.state.moves == game.state.moves
    assert replayed.scenario.model.summary == "Edited after the save."


def test_a_changed_scenario_whose_moves_no_longer_fit_is_refused(tmp_path):
    scn_path = _tiny_copy(tmp_path)
    game = _tiny_game(scn_path)
    assert game.state.moves[0] == ["red", "choose dove"] or game.state.moves[0][1].startswith("choose")
    save_path = saves.save_game(game, {"red": "human"}, tmp_path / "s.json")
    text = scn_path.read_text()
    first_choice = game.state.moves[0][1].split()[1]
    scn_path.write_text(text.replace(f"id: {first_choice}", f"id: {first_choice}_renamed"))
    with pytest.raises(saves.ScenarioChanged) as exc:
        saves.restore(saves.read_save(save_path), replay_changed=True)
    assert not exc.value.replayable
    assert "no longer fit" in exc.value.message


def test_the_scenario_is_found_by_id_when_its_recorded_path_is_gone(short_scenario, tmp_path):
    game = Game.new(short_scenario, seed=1)
    path = saves.save_game(game, SEATS, tmp_path / "s.json")
    body = json.loads(path.read_text())
    body["scenario"]["path"] = str(tmp_path / "moved" / "ashgabat_to_kazan.yaml")
    _rewrite(path, scenario=body["scenario"])
    _save, loaded = saves.load(path)
    assert Path(loaded.scenario.path).resolve() == SHORT.resolve()
    assert loaded.hash() == game.hash()


def test_autosave_keeps_the_newest_ten(midgame):
    made = [saves.autosave(midgame, SEATS) for _ in range(13)]
    kept = saves.autosaves()
    assert len(kept) == saves.AUTOSAVES_KEPT
    assert kept == sorted(made, key=lambda p: p.name, reverse=True)[:10]
    assert saves.newest_autosave() == made[-1]


def test_newest_autosave_skips_a_damaged_one(midgame):
    first = saves.autosave(midgame, SEATS)
    second = saves.autosave(midgame, SEATS)
    second.write_bytes(second.read_bytes()[:100])
    assert saves.newest_autosave() == first


def test_list_saves_shows_broken_files_with_their_reason(midgame):
    good = saves.save_game(midgame, SEATS)
    broken = saves.saves_dir() / "broken.json"
    broken.write_text("{")
    listing = saves.list_saves()
    by_path = {s.path: s for s in listing}
    assert by_path[good].save is not None and by_path[good].error is None
    assert by_path[broken].save is None and "truncated" in (by_path[broken].error or "")


def test_a_crashed_session_is_noticed_and_a_clean_one_is_not():
    assert saves.session_begin() is False
    assert saves.session_begin() is True  # the first never ended: as after a crash
    saves.session_end()
    assert saves.session_begin() is False
    saves.session_end()


def test_a_failed_write_leaves_the_old_save_and_no_temporary_file(midgame, tmp_path, monkeypatch):
    path = saves.save_game(midgame, SEATS, tmp_path / "s.json")
    before = path.read_bytes()

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(saves.SaveError, match="No space left"):
        saves.save_game(play_random(midgame, 5, seed=3), SEATS, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


SAVE_LOOP = """
import sys, random
from diplomacy_game import saves
from diplomacy_game.engine import Game
from diplomacy_game.scenario.loader import load_scenario
scn = load_scenario(sys.argv[1])
game = Game.new(scn, seed=7)
r = random.Random(int(sys.argv[3]))
print("ready", flush=True)
while True:
    if game.is_over():
        game = Game.new(scn, seed=7)
    seat = game.to_act()[0]
    game.apply(r.choice(game.legal_actions(seat)), seat)
    saves.save_game(game, {}, __import__("pathlib").Path(sys.argv[2]))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_the_process_during_a_save_loop_never_damages_the_previous_save(short_scenario, tmp_path):
    target = tmp_path / "loop.json"
    saves.save_game(Game.new(short_scenario, seed=7), {}, target)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = random.Random(11)
    loaded = set()
    for i in range(12):
        proc = subprocess.Popen([sys.executable, "-c", SAVE_LOOP, str(SHORT), str(target), str(i)],
                                stdout=subprocess.PIPE, env=env, cwd=ROOT)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(r.uniform(0.02, 0.4))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        save, game = saves.load(target)  # never raises: the last complete save is there
        assert game.hash() == Game.replay(short_scenario, 7, [list(m) for m in save.moves]).hash()
        loaded.add(len(save.moves))
    assert len(loaded) > 1  # the loop really saved between kills


def test_the_live_file_is_preferred_when_resuming(midgame):
    saves.autosave(midgame, SEATS)
    play_random(midgame, 3, seed=1)
    live = saves.save_live(midgame, SEATS)
    assert live == saves.live_path()
    assert saves.newest_autosave() == live
    assert saves.load(live)[1].hash() == midgame.hash()
    live.write_bytes(b"{")  # damaged: the newest autosave that loads is used instead
    assert saves.newest_autosave() == saves.autosaves()[0]


def test_play_load_refuses_a_bad_save_with_a_located_message_and_no_window(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "multipolar-save"')
    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy")
    out = subprocess.run([sys.executable, "-m", "diplomacy_game", "play", "--load", str(bad)],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 1
    assert out.stderr.startswith(f"{bad}: error: the file is truncated or corrupt")
    assert "Traceback" not in out.stderr


def test_play_load_offers_replay_when_the_scenario_changed(tmp_path):
    scn_path = _tiny_copy(tmp_path)
    game = _tiny_game(scn_path)
    save_path = saves.save_game(game, {"red": "human"}, tmp_path / "s.json")
    scn_path.write_text(scn_path.read_text().replace("title: Tiny Test", "title: Tiny Test, edited"))
    env = dict(os.environ, PYTHONPATH=str(ROOT), SDL_VIDEODRIVER="dummy")
    out = subprocess.run([sys.executable, "-m", "diplomacy_game", "play", "--load", str(save_path)],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 1
    assert "changed since this save" in out.stderr and "--replay-changed" in out.stderr


GAME_LOOP = """
import os, sys
os.environ["SDL_VIDEODRIVER"] = "dummy"
from diplomacy_game.ui.app import GameSetup, start_app
from diplomacy_game.ui.settings import Settings
setup = GameSetup(sys.argv[1], {"russia": "ai:easy", "iran": "ai:easy", "west": "ai:easy"}, 4)
app = start_app(setup, direct=True, settings=Settings(anim_speed="instant"), persist=True)
print("ready", flush=True)
app.run()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_the_game_window_leaves_a_resumable_game(short_scenario, data_dir, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), DIPLOMACY_GAME_CONFIG_DIR=str(tmp_path / "cfg"),
               PYGAME_HIDE_SUPPORT_PROMPT="1")
    moves: list[int] = []
    for delay in (0.3, 1.5):
        proc = subprocess.Popen([sys.executable, "-c", GAME_LOOP, str(SHORT)], stdout=subprocess.PIPE, env=env,
                                cwd=ROOT)
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert saves.session_begin() is True  # the next run knows the last one was killed
        newest = saves.newest_autosave()
        assert newest == saves.live_path()
        save, game = saves.load(newest)
        assert game.state.moves == [list(m) for m in save.moves]
        assert save.seats["west"] == "ai:easy"
        moves.append(len(save.moves))
    assert moves[-1] > 0  # the game went on, saved move by move


def test_a_scenario_handed_on_beside_the_save_is_found(tmp_path):
    scn_path = _tiny_copy(tmp_path)
    game = _tiny_game(scn_path)
    shared = tmp_path / "for_the_class"
    shared.mkdir()
    save_path = saves.save_game(game, {"red": "human"}, shared / "s.json")
    for f in ("tiny_map.yaml", "tiny_scenario.yaml"):
        (scn_path.parent / f).rename(shared / f)  # the teacher moves everything into one folder
    _save, loaded = saves.load(save_path)
    assert Path(loaded.scenario.path).parent == shared
    assert loaded.hash() == game.hash()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="relies on play's no-display check on Linux")
def test_play_with_a_scenario_and_load_uses_that_scenario(tmp_path):
    scn_path = _tiny_copy(tmp_path)
    game = _tiny_game(scn_path)
    save_path = saves.save_game(game, {"red": "human"}, tmp_path / "s.json")
    moved = tmp_path / "elsewhere"
    moved.mkdir()
    for f in ("tiny_map.yaml", "tiny_scenario.yaml"):
        (scn_path.parent / f).rename(moved / f)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")}
    env.update(PYTHONPATH=str(ROOT), PYGAME_HIDE_SUPPORT_PROMPT="1")  # no display: play stops before a window
    run = [sys.executable, "-m", "diplomacy_game", "play"]
    out = subprocess.run([*run, "--load", str(save_path)], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=120)
    assert out.returncode == 1 and "is not found" in out.stderr and "play SCENARIO --load" in out.stderr
    out = subprocess.run([*run, str(moved / "tiny_scenario.yaml"), "--load", str(save_path)], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=120)
    # the save loads; only the missing display stops the window
    assert out.returncode == 2 and "no display" in out.stderr, out.stderr
