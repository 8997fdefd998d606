"""AI benchmarks, on demand: decision time per level and games per minute, beside the baseline.

Targets: decision p95 normal <= 100 ms (issue 4); hard worst decision <= 1 s at its default
budget (issue 15). Every seat of a game plays at the level measured; each game is played by
this tree and by the baseline (``--baseline REV``, default the commit before issue 15's work;
``none`` skips it) in their own worker processes, in turn, on the same seeds, so both see the
same load. Equal game hashes mean the AI made the same decisions in both.

    python benchmarks/bench_ai.py [LEVEL[=GAMES] ...] [--baseline REV|none]

(default: easy=10 normal=10 hard=2).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _beside import BASELINE, ROOT, Worker, extract, interleave, serve

MAIN_SCENARIO = Path("diplomacy_game") / "data" / "scenarios" / "from_tabriz_to_kazan.yaml"
HARD_WORST_S = 1.0


def _worker(root: Path) -> None:
    """One game per job ``[level, seed]``: every decision's time, the game's time and hash."""
    sys.path.insert(0, str(root))
    from diplomacy_game.ai import decide, make_player
    from diplomacy_game.engine import Game
    from diplomacy_game.scenario.loader import load_scenario

    scn = load_scenario(root / MAIN_SCENARIO)

    def game(job: list[Any]) -> dict[str, Any]:
        level, seed = job
        t0 = time.perf_counter()
        g = Game.new(scn, seed)
        players = {f: make_player(level, seed * 10 + i) for i, f in enumerate(scn.factions)}
        times, cpu = [], []
        while not g.is_over():
            seat = g.to_act()[0]
            t, c = time.perf_counter(), time.process_time()
            action = decide(players[seat], g, seat)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            g.apply(action, seat)
        return {"times": times, "cpu": cpu, "elapsed": time.perf_counter() - t0, "hash": g.hash()}

    serve(game)


def _line(name: str, level: str, got: list[dict[str, Any]]) -> tuple[str, float]:
    times = sorted(t for r in got for t in r["times"])
    elapsed = sum(r["elapsed"] for r in got)
    p50, p95 = times[len(times) // 2] * 1000, times[int(len(times) * 0.95)] * 1000
    cpu_max = max((t for r in got for t in r.get("cpu", [])), default=0.0)  # the baseline may not report it
    line = (f"  {name:<9} decisions {len(times):5d}  p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  "
            f"max {times[-1] * 1000:7.1f} ms (CPU {cpu_max * 1000:7.1f} ms)  "
            f"games/min {60 * len(got) / elapsed:6.2f}")  # fmt: skip
    return line, times[-1]


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("levels", nargs="*", help="LEVEL[=GAMES] (default easy=10 normal=10 hard=2)")
    ap.add_argument("--baseline", default=BASELINE, help="the AI at this commit beside this tree's ('none': skip)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return _worker(Path(args.worker))
    games = {"easy": 10, "normal": 10, "hard": 2}
    if args.levels:
        games = {}
        for arg in args.levels:
            level, _, n = arg.partition("=")
            games[level] = int(n or 2)
    me = str(Path(__file__).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        workers = [Worker("this tree", [sys.executable, me, "--worker", str(ROOT)])]
        base_tree = None if args.baseline == "none" else extract(args.baseline, Path(tmp))
        if base_tree is not None:
            workers.append(Worker("baseline", [sys.executable, me, "--worker", str(base_tree)]))
        try:
            for level, n in games.items():
                runs = interleave(workers, [[level, seed] for seed in range(n)])
                print(f"{level} (every seat), {n} games, interleaved with the baseline {args.baseline[:10]}:")
                worst = {}
                for w in workers:
                    line, worst[w.name] = _line(w.name, level, runs[w.name])
                    print(line)
                if base_tree is not None:
                    same = [r["hash"] for r in runs["this tree"]] == [r["hash"] for r in runs["baseline"]]
                    print(f"  same decisions as the baseline (game hashes): {'yes' if same else 'NO'}")
                if level == "hard":
                    mine = worst["this tree"]
                    verdict = "met" if mine <= HARD_WORST_S else "NOT met"
                    print(f"  hard worst decision {mine:.2f} s   target <= {HARD_WORST_S:.0f} s   {verdict}")
        finally:
            for w in workers:
                w.close()


if __name__ == "__main__":
    main(sys.argv[1:])
