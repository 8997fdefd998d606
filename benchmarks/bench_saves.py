"""Save benchmarks: run on demand (``make bench``); prints figures, asserts nothing.

A save is written after every move (the running game's file), so writing one must stay well
below a frame's budget; loading replays the whole move log to check the snapshot.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_engine import _ms  # noqa: E402  (the same figures' format as the engine benchmark)

from diplomacy_game import saves  # noqa: E402
from diplomacy_game.engine import Game  # noqa: E402
from diplomacy_game.scenario.loader import load_scenario  # noqa: E402

MAIN = ROOT / "diplomacy_game" / "data" / "scenarios" / "from_tabriz_to_kazan.yaml"


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


if __name__ == "__main__":
    main()
