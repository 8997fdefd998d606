"""Engine benchmarks: run on demand (``make bench``); prints figures, asserts nothing.

Targets (from the foundation issue): scenario load + validate ≤ 50 ms; one full random-play
game of the main scenario ≤ 20 ms median; legal_actions + apply per step.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diplomacy_game.engine import Game  # noqa: E402
from diplomacy_game.scenario.loader import load_scenario  # noqa: E402
from diplomacy_game.simulate import RandomPlayer  # noqa: E402

MAIN = ROOT / "diplomacy_game" / "data" / "scenarios" / "from_tabriz_to_kazan.yaml"


def _ms(xs: list[float]) -> str:
    xs = sorted(xs)
    p95 = xs[min(len(xs) - 1, int(len(xs) * 0.95))]
    return f"median {statistics.median(xs) * 1000:8.3f} ms   p95 {p95 * 1000:8.3f} ms   (n={len(xs)})"


def main() -> None:
    loads = []
    for _ in range(20):
        t = time.perf_counter()
        scn = load_scenario(MAIN)
        loads.append(time.perf_counter() - t)
    print(f"scenario load + validate         {_ms(loads)}   target ≤ 50 ms")

    games, steps_legal, steps_apply = [], [], []
    n_steps = 0
    for seed in range(50):
        player = RandomPlayer(seed)
        t0 = time.perf_counter()
        g = Game.new(scn, seed)
        while not g.is_over():
            seat = g.to_act()[0]
            t = time.perf_counter()
            legal = g.legal_actions(seat)
            t1 = time.perf_counter()
            action = legal[player_index(player, len(legal))]
            g.apply(action, seat)
            t2 = time.perf_counter()
            steps_legal.append(t1 - t)
            steps_apply.append(t2 - t1)
            n_steps += 1
        games.append(time.perf_counter() - t0)
    print(f"full random game (main scenario) {_ms(games)}   target ≤ 20 ms median")
    print(f"legal_actions per step           {_ms(steps_legal)}")
    print(f"apply per step                   {_ms(steps_apply)}")
    print(f"steps per game                   {n_steps / len(games):.0f}")


def player_index(player: RandomPlayer, n: int) -> int:
    from diplomacy_game.engine.rng import below

    return below(player, n)


if __name__ == "__main__":
    main()
