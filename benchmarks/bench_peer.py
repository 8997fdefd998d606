"""Our engine beside its nearest peer, the MILA ``diplomacy`` engine: one random game each, interleaved.

On demand (``make bench``); prints figures, asserts nothing. Target (issue 15): a full
random-play game of the main scenario costs at most 0.10x one random game of standard
Diplomacy (spring 1901 to the end of 1910) in MILA's engine, medians of interleaved runs.

Each engine runs in its own worker process, fed one game at a time in turn (ours, the
peer, the baseline, ours, ...), so that both see the same machine load; each worker plays
a few games before the timed ones. The baseline is our own engine at an earlier commit
(``--baseline REV``, default the commit before issue 15's work; ``--baseline none`` skips
it), extracted with ``git archive`` into a temporary folder.

MILA's package is never a dependency of this project: it lives in its own virtual
environment, ``benchmarks/.peer-venv``, which this script creates on first use with
``python -m venv`` and ``pip install diplomacy`` (``--peer-python PATH`` to use another
interpreter that has it; ``--no-peer`` to skip it).

    python benchmarks/bench_peer.py [--games N] [--baseline REV|none] [--no-peer]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import venv
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEER_VENV = HERE / ".peer-venv"
PEER_PACKAGE = "diplomacy"  # MILA's engine on PyPI (DATC-compliant standard Diplomacy)
BASELINE = "d9a09ce72107a2060d0c3566f1d92fb588f1311d"  # the engine before issue 15's work
MAIN_SCENARIO = Path("diplomacy_game") / "data" / "scenarios" / "from_tabriz_to_kazan.yaml"
TARGET_RATIO = 0.10
WARMUP = 3


# ---------------------------------------------------------------------------- workers


def _ours_worker(root: Path) -> None:
    """One random-play game of the main scenario per seed read, the same loop as bench_engine."""
    sys.path.insert(0, str(root))
    from diplomacy_game.engine import Game
    from diplomacy_game.engine.rng import below
    from diplomacy_game.scenario.loader import load_scenario
    from diplomacy_game.simulate import RandomPlayer

    scn = load_scenario(root / MAIN_SCENARIO)

    def game(seed: int) -> str:
        player = RandomPlayer(seed)
        g = Game.new(scn, seed)
        while not g.is_over():
            seat = g.to_act()[0]
            legal = g.legal_actions(seat)
            g.apply(legal[below(player, len(legal))], seat)
        return g.hash()

    _serve(game)


def _mila_worker() -> None:
    """One random game of standard Diplomacy, 1901 to 1910, per seed read: each power gives every
    unit it may order a random possible order, each phase, until spring 1911 or the game's end."""
    from diplomacy import Game  # type: ignore[import-not-found]  # only in the peer's venv

    def game(seed: int) -> str:
        rnd = random.Random(seed)
        g = Game()
        while not g.is_game_done and g.get_current_phase() != "S1911M":
            possible = g.get_all_possible_orders()
            for power in g.powers:
                locs = g.get_orderable_locations(power)
                g.set_orders(power, [rnd.choice(possible[loc]) for loc in locs if possible[loc]])
            g.process()
        return str(g.get_current_phase())

    _serve(game)


def _serve(game: Any) -> None:
    for line in sys.stdin:
        seed = int(line)
        t = time.perf_counter()
        result = game(seed)
        dt = time.perf_counter() - t
        print(f"{dt!r} {result}", flush=True)


# ---------------------------------------------------------------------------- the driver


class Worker:
    def __init__(self, name: str, argv: list[str]) -> None:
        self.name = name
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=HERE)
        self.times: list[float] = []
        self.results: list[str] = []

    def run(self, seed: int) -> float:
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(f"{seed}\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise SystemExit(f"bench_peer: the {self.name} worker stopped (see its error above)")
        dt, _, result = line.strip().partition(" ")
        self.results.append(result)
        return float(dt)

    def close(self) -> None:
        stdin: IO[str] | None = self.proc.stdin
        if stdin is not None:
            stdin.close()
        self.proc.wait(timeout=60)


def peer_python(explicit: str | None) -> Path | None:
    """An interpreter that can import MILA's engine: ``--peer-python``, or the peer venv (made
    and filled on first use). None, with the reason printed, when it cannot be had."""
    if explicit:
        return Path(explicit)
    py = PEER_VENV / "bin" / "python"
    if not py.exists():
        print(f"creating {PEER_VENV.relative_to(ROOT)} and installing '{PEER_PACKAGE}' into it ...", flush=True)
        venv.create(PEER_VENV, with_pip=True)
    ok = subprocess.run([str(py), "-c", "import diplomacy"], capture_output=True).returncode == 0
    if not ok:
        done = subprocess.run([str(py), "-m", "pip", "install", "--quiet", PEER_PACKAGE], capture_output=True, text=True)
        if done.returncode != 0:
            print(f"the peer engine could not be installed (pip install {PEER_PACKAGE}):\n{done.stderr.strip()}")
            return None
    return py


def extract(rev: str, into: Path) -> Path | None:
    """The tree of ``rev`` in ``into`` (git archive), or None when git does not know it."""
    arch = into / "tree.tar"
    with arch.open("wb") as out:
        done = subprocess.run(["git", "-C", str(ROOT), "archive", rev], stdout=out, stderr=subprocess.PIPE)
    if done.returncode != 0:
        print(f"baseline {rev}: {done.stderr.decode().strip()}")
        return None
    tree = into / "tree"
    with tarfile.open(arch) as tar:
        tar.extractall(tree, filter="data")
    return tree


def med_ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1000


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=30, help="timed games per engine (default 30)")
    ap.add_argument("--baseline", default=BASELINE, help="our engine at this commit beside the peer ('none': skip)")
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
            for seed in range(WARMUP):
                for w in workers:
                    w.run(1000 + seed)
            for i in range(args.games):
                k = i % len(workers)  # interleaved, and each engine first in turn
                for w in workers[k:] + workers[:k]:
                    w.times.append(w.run(i))
        finally:
            for w in workers:
                w.close()
    by = {w.name: w for w in workers}
    print(f"one random game, medians of {args.games} interleaved runs each:")
    print(f"  ours (main scenario, full game)        {med_ms(by['ours'].times):8.2f} ms")
    if "baseline" in by:
        same = _same_games(by)
        print(f"  baseline ({args.baseline[:10]}, same seeds) {med_ms(by['baseline'].times):8.2f} ms   "
              f"ours / baseline {med_ms(by['ours'].times) / med_ms(by['baseline'].times):.2f}x   "
              f"same game hashes: {'yes' if same else 'NO'}")  # fmt: skip
    if "MILA" in by:
        ratio = med_ms(by["ours"].times) / med_ms(by["MILA"].times)
        print(f"  MILA diplomacy (standard, 1901-1910)   {med_ms(by['MILA'].times):8.2f} ms")
        print(f"  ours / MILA  {ratio:.3f}x   target <= {TARGET_RATIO:.2f}x   {'met' if ratio <= TARGET_RATIO else 'NOT met'}")
        if "baseline" in by:
            print(f"  baseline / MILA  {med_ms(by['baseline'].times) / med_ms(by['MILA'].times):.3f}x")


def _same_games(by: dict[str, Worker]) -> bool:
    """Whether ours and the baseline ended every game (warm-up included) in the same state."""
    return by["baseline"].results == by["ours"].results


if __name__ == "__main__":
    main(sys.argv[1:])
