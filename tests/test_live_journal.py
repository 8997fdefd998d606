"""The running game's file: a snapshot and an append-only journal, written in the background."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from helpers import ROOT, SHORT, play_random

from diplomacy_game import saves
from diplomacy_game.engine import Game
from diplomacy_game.engine.undo import History

SEATS = {"russia": "human", "iran": "ai:easy", "west": "ai:normal"}


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    d = tmp_path / "data"
    monkeypatch.setenv("DIPLOMACY_GAME_DATA_DIR", str(d))
    return d


def _play_live(game, writer, steps, seed=0, ui=None):
    """Play ``steps`` random moves, handing the game to ``writer`` after each."""
    r = random.Random(seed)
    for _ in range(steps):
        if game.is_over():
            break
        seat = game.to_act()[0]
        game.apply(r.choice(game.legal_actions(seat)), seat)
        writer.submit(game, SEATS, ui)
    return game


def _lines(path):
    return path.read_bytes().split(b"\n")[:-1]


def test_snapshot_and_journal_load_as_the_game_move_by_move(short_scenario, tmp_path):
    path = tmp_path / "live.json"
    writer = saves.LiveWriter(path, background=False, min_journal=0)  # a snapshot once the journal is as large
    game = Game.new(short_scenario, seed=3)
    r = random.Random(4)
    journaled = 0
    while not game.is_over():
        seat = game.to_act()[0]
        game.apply(r.choice(game.legal_actions(seat)), seat)
        writer.submit(game, SEATS, {"move_marks": {"russia": len(game.state.moves)}})
        save, loaded = saves.load(path)
        assert loaded.hash() == game.hash()
        assert save.ui == {"move_marks": {"russia": len(game.state.moves)}}
        assert (save.turn, save.finished) == (game.state.turn, game.is_over())
        journaled += save.snapshot_moves is not None
    assert writer.snapshots > 1  # the journal restarted with a new snapshot as the game grew
    assert journaled > writer.snapshots  # most moves were one appended record, not a snapshot
    assert writer.appends == journaled


def test_an_undo_is_a_record_that_keeps_fewer_moves(short_scenario, tmp_path):
    path = tmp_path / "live.json"
    writer = saves.LiveWriter(path, background=False)
    hist = History(Game.new(short_scenario, seed=5))
    for _ in range(60):
        if hist.game.is_over():
            break
        seat = hist.game.to_act()[0]
        hist.apply(hist.game.legal_actions(seat)[-1], seat)
        writer.submit(hist.game, SEATS)
        if hist.can_undo(seat):
            hist.undo()
            writer.submit(hist.game, SEATS)
            assert saves.load(path)[1].hash() == hist.game.hash()
            hist.redo()
            writer.submit(hist.game, SEATS)
    assert saves.load(path)[1].hash() == hist.game.hash()
    keeps = [json.loads(line[65:])["keep"] for line in _lines(saves.journal_path(path))[1:]]
    assert keeps  # records since the last snapshot


def test_a_torn_last_record_is_ignored(short_scenario, tmp_path):
    path = tmp_path / "live.json"
    writer = saves.LiveWriter(path, background=False)
    game = Game.new(short_scenario, seed=3)
    writer.submit(game, SEATS)
    _play_live(game, writer, 4, seed=1)
    before = list(game.state.moves)
    _play_live(game, writer, 1, seed=2)
    journal = saves.journal_path(path)
    data = journal.read_bytes()
    for cut in (1, 10, 40, len(data.split(b"\n")[-2]) // 2):
        journal.write_bytes(data[:-cut])  # the last append, cut short by a kill
        save, loaded = saves.load(path)
        assert [list(m) for m in save.moves] == before
        assert loaded.hash() == Game.replay(short_scenario, 3, before).hash()


def test_a_damaged_record_ends_the_journal_there(short_scenario, tmp_path):
    path = tmp_path / "live.json"
    writer = saves.LiveWriter(path, background=False)
    game = Game.new(short_scenario, seed=3)
    writer.submit(game, SEATS)
    _play_live(game, writer, 6, seed=1)
    journal = saves.journal_path(path)
    lines = _lines(journal)
    assert len(lines) == 7  # the header and six moves
    first = json.loads(lines[1][65:])
    damaged = bytearray(journal.read_bytes())
    at = len(b"\n".join(lines[:2])) + 1 + 70  # a byte inside the second record
    damaged[at] ^= 0x01
    journal.write_bytes(bytes(damaged))
    save, loaded = saves.load(path)
    assert save.journal_records == 1 and save.journal_ignored == 5
    assert [list(m) for m in save.moves] == first["add"]
    assert loaded.hash() == Game.replay(short_scenario, 3, first["add"]).hash()


def _rewrite(journal, index, change):
    lines = _lines(journal)
    rec = json.loads(lines[index][65:])
    change(rec)
    lines[index] = saves.journal_line(rec)[:-1]  # forged with care: its checksum matches
    journal.write_bytes(b"\n".join(lines) + b"\n")


@pytest.mark.parametrize("change", [
    lambda r: r.update(n=5),  # out of place
    lambda r: r.update(keep=10_000),  # keeps moves that are not there
    lambda r: r.update(month="2024-13"),
    lambda r: r.update(add=[["russia"]]),
    lambda r: r.update(saved_at="yesterday"),
    lambda r: r.update(ui={"x\n": 1}),
    lambda r: r.update(turn="\x00"),
])
def test_a_record_with_a_good_checksum_is_still_validated(short_scenario, tmp_path, change):
    path = tmp_path / "live.json"
    writer = saves.LiveWriter(path, background=False)
    game = Game.new(short_scenario, seed=3)
    writer.submit(game, SEATS)
    _play_live(game, writer, 3, seed=1)
    journal = saves.journal_path(path)
    _rewrite(journal, 3, change)
    save, _ = saves.load(path)
    assert save.journal_records == 2 and save.journal_ignored == 1


def test_a_journal_of_another_snapshot_is_ignored(short_scenario, tmp_path):
    path = tmp_path / "live.json"
    writer = saves.LiveWriter(path, background=False)
    game = Game.new(short_scenario, seed=3)
    writer.submit(game, SEATS)
    _play_live(game, writer, 3, seed=1)
    journal = saves.journal_path(path)
    old = journal.read_bytes()
    saves.save_game(game, SEATS, path)  # a regular save over the snapshot
    journal.write_bytes(old)
    save, loaded = saves.load(path)
    assert save.snapshot_moves is None and loaded.hash() == game.hash()


def test_journal_moves_that_do_not_fit_are_refused_with_the_reason(short_scenario, tmp_path):
    path = tmp_path / "live.json"
    writer = saves.LiveWriter(path, background=False)
    game = Game.new(short_scenario, seed=3)
    writer.submit(game, SEATS)
    _play_live(game, writer, 2, seed=1)
    _rewrite(saves.journal_path(path), 2, lambda r: r.update(add=[["west", "pass"]]))
    with pytest.raises(saves.SaveError, match="move 2 of its journal cannot be replayed"):
        saves.load(path)


def test_the_background_writer_writes_the_newest_game_in_order(short_scenario, data_dir):
    game = Game.new(short_scenario, seed=9)
    for i in range(80):
        if game.is_over():
            break
        play_random(game, 1, seed=i)
        saves.save_live(game, SEATS)  # returns at once
    saves.flush_live()
    assert saves.load(saves.live_path())[1].hash() == game.hash()
    writer = saves.live_writer()
    assert writer.snapshots + writer.appends <= 80  # moves handed over while it wrote were taken together


def test_a_failed_background_write_is_told_and_keeps_the_last_good_save(short_scenario, data_dir, monkeypatch):
    game = play_random(Game.new(short_scenario, seed=2), 10)
    saves.save_live(game, SEATS, wait=True)
    good = saves.read_save(saves.live_path()).moves

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", boom)
    play_random(game, 3, seed=1)
    saves.save_live(game, SEATS)
    with pytest.raises(saves.SaveError, match="No space left"):
        saves.flush_live()
    saves.flush_live()  # told once
    save, loaded = saves.load(saves.live_path())  # still a good save (the record written, not fsync'ed)
    assert save.moves[:len(good)] == good
    assert loaded.hash() == Game.replay(short_scenario, 2, [list(m) for m in save.moves]).hash()
    monkeypatch.undo()
    saves.save_live(game, SEATS, wait=True)  # the next write starts again from a snapshot
    assert saves.load(saves.live_path())[1].hash() == game.hash()


def test_a_regular_save_is_encoded_once_and_keeps_its_canonical_checksum(midgame_path):
    raw = midgame_path.read_bytes()
    data = json.loads(raw)
    assert data["checksum"] == saves._checksum(data)  # what older versions check
    assert raw.startswith(b'{"checksum":"')


@pytest.fixture
def midgame_path(short_scenario, tmp_path):
    return saves.save_game(play_random(Game.new(short_scenario, seed=5), 30), SEATS, tmp_path / "s.json")


APPEND_LOOP = """
import sys, random
from pathlib import Path
from diplomacy_game import saves
from diplomacy_game.engine import Game
from diplomacy_game.scenario.loader import load_scenario
scn = load_scenario(sys.argv[1])
writer = saves.LiveWriter(Path(sys.argv[2]))
game = Game.new(scn, seed=7)
r = random.Random(int(sys.argv[3]))
print("ready", flush=True)
while True:
    if game.is_over():
        game = Game.new(scn, seed=7)
    seat = game.to_act()[0]
    game.apply(r.choice(game.legal_actions(seat)), seat)
    writer.submit(game, {})
    writer.wait()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killing_the_process_during_journal_appends_never_loses_the_previous_save(short_scenario, tmp_path):
    target = tmp_path / "live.json"
    saves.save_game(Game.new(short_scenario, seed=7), {}, target)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r = random.Random(12)
    loaded, journaled = set(), 0
    for i in range(12):
        proc = subprocess.Popen([sys.executable, "-c", APPEND_LOOP, str(SHORT), str(target), str(i)],
                                stdout=subprocess.PIPE, env=env, cwd=ROOT)
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(r.uniform(0.05, 0.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        save, game = saves.load(target)  # never raises: the snapshot and the whole records are there
        assert game.hash() == Game.replay(short_scenario, 7, [list(m) for m in save.moves]).hash()
        loaded.add(len(save.moves))
        journaled += save.snapshot_moves is not None
    assert len(loaded) > 1  # the loop really saved between kills
    assert journaled > 0  # and through the journal
