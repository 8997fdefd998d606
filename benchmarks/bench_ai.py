"""AI benchmarks, on demand: decision time per level (one core) and games per minute.

Targets (issue 4): decision p95 normal ≤ 100 ms, hard ≤ 1 s at its default budget.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from diplomacy_game.ai import decide, make_player  # noqa: E402
from diplomacy_game.engine import Game  # noqa: E402
from diplomacy_game.scenario.loader import load_scenario  # noqa: E402

MAIN = ROOT / "diplomacy_game" / "data" / "scenarios" / "from_tabriz_to_kazan.yaml"


def main(argv: list[str]) -> None:
    """``bench_ai.py [LEVEL[=GAMES] ...]``: default easy=10 normal=10 hard=2."""
    scn = load_scenario(MAIN)
    games = {"easy": 10, "normal": 10, "hard": 2}
    if argv:
        games = {}
        for arg in argv:
            level, _, n = arg.partition("=")
            games[level] = int(n or 2)
    for level, n in games.items():
        times: list[float] = []
        t0 = time.perf_counter()
        for seed in range(n):
            g = Game.new(scn, seed)
            players = {f: make_player(level, seed * 10 + i) for i, f in enumerate(scn.factions)}
            while not g.is_over():
                seat = g.to_act()[0]
                t = time.perf_counter()
                action = decide(players[seat], g, seat)
                times.append(time.perf_counter() - t)
                g.apply(action, seat)
        elapsed = time.perf_counter() - t0
        times.sort()
        p50 = times[len(times) // 2] * 1000
        p95 = times[int(len(times) * 0.95)] * 1000
        print(
            f"{level:<7} decisions {len(times):5d}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
            f"max {times[-1] * 1000:7.1f} ms  games/min {60 * n / elapsed:6.2f}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
