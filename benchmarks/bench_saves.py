"""Save benchmarks: run on demand (``make bench``); prints figures, asserts nothing.

A save is written after every move (the running game's file), so writing one must stay well
below a frame's budget; loading replays the whole move log to check the snapshot.

The live save, old way against new, per move, in the first and the last tenth of the longest
of a few random games of the main scenario made 18 turns long (a copy in a temporary folder):
- old: the whole save after every move (the full state; a sorted dump for the checksum, a second
  dump to write; fsync of the file and the folder), on the UI thread;
- new, all the work: ``saves.LiveWriter`` run on the calling thread (one journal record appended
  and fsync'ed per move; now and then a snapshot, its cost shared by the moves since the last);
- new, UI thread: what ``Match.save_live`` costs the UI thread (hand the game to the writer).
The three are timed in turn after each move (the order rotating); medians, and means (which
count the snapshots).
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_engine import _ms  # noqa: E402  (the same figures' format as the engine benchmark)

from diplomacy_game import saves  # noqa: E402
from diplomacy_game.engine import Game  # noqa: E402
from diplomacy_game.engine.actions import parse_action  # noqa: E402
from diplomacy_game.scenario.loader import load_scenario  # noqa: E402

MAIN = ROOT / "diplomacy_game" / "data" / "scenarios" / "from_tabriz_to_kazan.yaml"
TURNS = 18
SEEDS = range(1, 13)


def long_scenario(folder: Path) -> Path:
    """A copy of the main scenario (with its folder) whose calendar runs ``TURNS`` turns."""
    shutil.copytree(MAIN.parent, folder / "scenarios")
    path = folder / "scenarios" / MAIN.name
    text = path.read_text(encoding="utf-8")
    old = "calendar: {start: 2024-05, turns: 9}"
    assert old in text, "the main scenario's calendar line changed: update the benchmark"
    path.write_text(text.replace(old, f"calendar: {{start: 2024-05, turns: {TURNS}}}"), encoding="utf-8")
    return path


def longest_game(scn: object) -> tuple[int, list[list[str]]]:
    best: tuple[int, list[list[str]]] = (0, [])
    for seed in SEEDS:
        game = Game.new(scn, seed=seed)  # type: ignore[arg-type]
        r = random.Random(seed)
        while not game.is_over():
            seat = game.to_act()[0]
            game.apply(r.choice(game.legal_actions(seat)), seat)
        if len(game.state.moves) > len(best[1]):
            best = (seed, [list(m) for m in game.state.moves])
    return best


def old_save_live(game: Game, seats: dict[str, str], path: Path) -> None:
    """The live save as it was: the whole save after every move, two dumps (checksum, file)."""
    saves.write_atomic(path, saves.encode(saves.make_body(game, seats, kind="autosave")))


def _tenths(xs: list[float]) -> str:
    k = max(1, len(xs) // 10)
    first, last = statistics.median(xs[:k]), statistics.median(xs[-k:])
    return (f"first tenth {first * 1000:7.3f} ms   last tenth {last * 1000:7.3f} ms   "
            f"last/first {last / first:5.2f}×   mean {statistics.fmean(xs) * 1000:6.3f} ms   "
            f"max {max(xs) * 1000:6.2f} ms")


def live_save_per_move() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        scn = load_scenario(long_scenario(folder))
        seed, moves = longest_game(scn)
        seats = {f: "human" for f in scn.factions}
        ui = {"move_marks": {f: 0 for f in scn.factions}, "log_marks": {}, "seen_events": {}}
        sync = saves.LiveWriter(folder / "new.json", background=False)
        bg = saves.LiveWriter(folder / "bg.json")
        old: list[float] = []
        new: list[float] = []
        ui_thread: list[float] = []

        def run_old() -> None:
            t = time.perf_counter()
            old_save_live(game, seats, folder / "old.json")
            old.append(time.perf_counter() - t)

        def run_new() -> None:
            t = time.perf_counter()
            sync.submit(game, seats, ui)
            new.append(time.perf_counter() - t)

        def run_ui() -> None:
            t = time.perf_counter()
            bg.submit(game, seats, ui)
            ui_thread.append(time.perf_counter() - t)
            bg.flush()  # not timed: the writer's work is timed by run_new

        game = Game.new(scn, seed=seed)
        runs = [run_old, run_new, run_ui]
        for i, (seat, text) in enumerate(moves):
            game.apply(parse_action(text), seat)
            for run in runs[i % 3:] + runs[:i % 3]:
                run()
        assert saves.load(folder / "new.json")[1].hash() == game.hash()
        assert saves.load(folder / "bg.json")[1].hash() == game.hash()
        print(f"live save per move, {TURNS}-turn main scenario (longest of seeds {SEEDS.start}-{SEEDS.stop - 1}: "
              f"seed {seed}, {len(moves)} moves, {game.state.turn} turns; final save "
              f"{os.path.getsize(folder / 'old.json') / 1024:.0f} KiB; new: {sync.snapshots} snapshots, "
              f"{sync.appends} journal records)")
        print(f"  old (full save, UI thread)   {_tenths(old)}")
        print(f"  new (all the writer's work)  {_tenths(new)}")
        print(f"  new (UI thread: hand over)   {_tenths(ui_thread)}   target: flat (last/first ≈ 1)")


def main() -> None:
    scn = load_scenario(MAIN)
    game = Game.new(scn, seed=1)
    r = random.Random(1)
    while not game.is_over():
        seat = game.to_act()[0]
        game.apply(r.choice(game.legal_actions(seat)), seat)
    seats = {f: "human" for f in scn.factions}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.json"
        writes, loads = [], []
        for _ in range(40):
            t = time.perf_counter()
            saves.save_game(game, seats, path)
            writes.append(time.perf_counter() - t)
        for _ in range(20):
            t = time.perf_counter()
            saves.load(path)
            loads.append(time.perf_counter() - t)
        size = os.path.getsize(path)
    print(f"finished main-scenario game: {len(game.state.moves)} moves, save file {size / 1024:.0f} KiB")
    print(f"save (write + fsync + rename)    {_ms(writes)}")
    print(f"load (read + check + replay)     {_ms(loads)}")
    live_save_per_move()


if __name__ == "__main__":
    main()
