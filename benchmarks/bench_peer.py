"""Our engine beside its nearest peer, the MILA ``diplomacy`` engine: one random game each, interleaved.

On demand (``make bench``); prints figures, asserts nothing. Target (issue 15): a full
random-play game of the main scenario costs at most 0.10x one random game of standard
Diplomacy (spring 1901 to the end of 1910) in MILA's engine, medians of interleaved runs.

Each engine runs in its own worker process, fed one game at a time in turn (ours, the
peer, the baseline, then the peer first, ...), so that all see the same machine load; each
plays a few games before the timed ones. The baseline is our own engine at an earlier
commit (``--baseline REV``, default the commit before issue 15's work; ``none`` skips it).

MILA's package is never a dependency of this project: it lives in its own virtual
environment, ``.peer-venv`` at the top of the checkout (ignored by git), which this script
creates on first use with ``python -m venv`` and ``pip install diplomacy`` (``--peer-python
PATH`` to use another interpreter that has it; ``--no-peer`` to skip it).

    python benchmarks/bench_peer.py [--games N] [--baseline REV|none] [--no-peer]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path
from typing import Any

from _beside import BASELINE, ROOT, Worker, extract, interleave, median_ms, serve

PEER_VENV = ROOT / ".peer-venv"  # beside .venv, outside the folders the tests and linters read
PEER_PACKAGE = "diplomacy"  # MILA's engine on PyPI (DATC-compliant standard Diplomacy)
MAIN_SCENARIO = Path("diplomacy_game") / "data" / "scenarios" / "from_tabriz_to_kazan.yaml"
TARGET_RATIO = 0.10
WARMUP = 3


def _ours_worker(root: Path) -> None:
    """One random-play game of the main scenario per seed, the loop of bench_engine."""
    sys.path.insert(0, str(root))
    from diplomacy_game.engine import Game
    from diplomacy_game.engine.rng import below
    from diplomacy_game.scenario.loader import load_scenario
    from diplomacy_game.simulate import RandomPlayer

    scn = load_scenario(root / MAIN_SCENARIO)

    def game(seed: int) -> list[Any]:
        t = time.perf_counter()
        player = RandomPlayer(seed)
        g = Game.new(scn, seed)
        while not g.is_over():
            seat = g.to_act()[0]
            legal = g.legal_actions(seat)
            g.apply(legal[below(player, len(legal))], seat)
        return [time.perf_counter() - t, g.hash(), len(g.state.moves), g.state.turn + 1, len(scn.months)]

    serve(game)


def _mila_worker() -> None:
    """One random game of standard Diplomacy, 1901 to 1910, per seed: each power gives every
    unit it may order a random possible order, each phase, until spring 1911 or the game's end."""
    from diplomacy import Game  # type: ignore[import-not-found]  # only in the peer's venv

    def game(seed: int) -> list[Any]:
        t = time.perf_counter()
        rnd = random.Random(seed)
        g = Game()
        while not g.is_game_done and g.get_current_phase() != "S1911M":
            possible = g.get_all_possible_orders()
            for power in g.powers:
                locs = g.get_orderable_locations(power)
                g.set_orders(power, [rnd.choice(possible[loc]) for loc in locs if possible[loc]])
            g.process()
        return [time.perf_counter() - t, str(g.get_current_phase())]

    serve(game)


def peer_python(explicit: str | None) -> Path | None:
    """An interpreter that can import MILA's engine: ``--peer-python``, or the peer venv (made
    and filled on first use). None, with the reason printed, when it cannot be had."""
    if explicit:
        return Path(explicit)
    py = PEER_VENV / "bin" / "python"
    if not py.exists():
        print(f"creating {PEER_VENV.relative_to(ROOT)} and installing '{PEER_PACKAGE}' into it ...", flush=True)
        venv.create(PEER_VENV, with_pip=True)
    if subprocess.run([str(py), "-c", "import diplomacy"], capture_output=True).returncode != 0:
        pip = [str(py), "-m", "pip", "install", "--quiet", PEER_PACKAGE]
        done = subprocess.run(pip, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"the peer engine could not be installed (pip install {PEER_PACKAGE}):\n{done.stderr.strip()}")
            return None
    return py


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--games", type=int, default=30, help="timed games per engine (default 30)")
    ap.add_argument("--baseline", default=BASELINE, help="our engine at this commit beside the others ('none': skip)")
    ap.add_argument("--no-peer", action="store_true", help="do not run MILA's engine")
    ap.add_argument("--peer-python", help="an interpreter that has MILA's 'diplomacy' package")
    ap.add_argument("--worker", choices=["ours", "mila"], help=argparse.SUPPRESS)
    ap.add_argument("--root", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker == "ours":
        return _ours_worker(Path(args.root))
    if args.worker == "mila":
        return _mila_worker()

    me = str(Path(__file__).resolve())
    with tempfile.TemporaryDirectory() as tmp:
        workers = [Worker("ours", [sys.executable, me, "--worker", "ours", "--root", str(ROOT)])]
        peer = None if args.no_peer else peer_python(args.peer_python)
        if peer is not None:
            workers.append(Worker("MILA", [str(peer), me, "--worker", "mila"]))
        base_tree = None if args.baseline == "none" else extract(args.baseline, Path(tmp))
        if base_tree is not None:
            workers.append(Worker("baseline", [sys.executable, me, "--worker", "ours", "--root", str(base_tree)]))
        try:
            interleave(workers, [1000 + i for i in range(WARMUP)])
            runs = interleave(workers, list(range(args.games)))
        finally:
            for w in workers:
                w.close()
    ms = {name: median_ms([r[0] for r in got]) for name, got in runs.items()}
    print(f"one random game, medians of {args.games} interleaved runs each:")
    print(f"  ours: main scenario, full game          {ms['ours']:8.2f} ms")
    ours = runs["ours"]
    moves = statistics.median(r[2] for r in ours)
    turns = statistics.median(r[3] for r in ours)
    full = sum(1 for r in ours if r[3] == r[4])
    print(f"    its games: median {moves:.0f} moves, {turns:.0f} of {ours[0][4]} turns played "
          f"({full} of {len(ours)} to the calendar's end); {statistics.median(r[0] / r[2] for r in ours) * 1e6:.1f} us "
          f"per move")
    if "baseline" in ms:
        same = [r[1] for r in runs["baseline"]] == [r[1] for r in runs["ours"]]
        print(f"  baseline {args.baseline[:10]}: same seeds     {ms['baseline']:8.2f} ms   "
              f"ours / baseline {ms['ours'] / ms['baseline']:.2f}x   "
              f"same game hashes: {'yes' if same else 'NO'}")  # fmt: skip
    if "MILA" in ms:
        ratio = ms["ours"] / ms["MILA"]
        verdict = "met" if ratio <= TARGET_RATIO else "NOT met"
        print(f"  MILA diplomacy: standard, 1901-1910     {ms['MILA']:8.2f} ms")
        print(f"  ours / MILA      {ratio:.3f}x   target <= {TARGET_RATIO:.2f}x   {verdict}")
        if "baseline" in ms:
            print(f"  baseline / MILA  {ms['baseline'] / ms['MILA']:.3f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
