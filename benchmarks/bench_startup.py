"""Shipping benchmarks: run on demand (``make bench``); prints figures, asserts nothing.

- the wheel's size (built into a temporary folder);
- time from process start to the first drawn frame and exit (``play --quit-after 0``, a
  headless window), from the checkout's editable install and from the wheel installed in a
  clean venv, runs interleaved so that both see the same machine load;
- beside the baseline (issue 15: ``--baseline REV``, default the commit before its work; the
  baseline's tree taken with ``git archive``, run from its folder with this interpreter): the
  first frame, importing the scenario loader (the scenario models are built at import there
  before this work, on first use after it), and importing it and loading the main scenario,
  each a median of runs interleaved with this tree's.

    python3 benchmarks/bench_startup.py [RUNS] [--baseline REV|none] [--no-wheel]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _beside import BASELINE, extract

ROOT = Path(__file__).resolve().parent.parent
IMPORT = "import diplomacy_game.scenario.loader"
MAIN = "diplomacy_game/data/scenarios/from_tabriz_to_kazan.yaml"
LOAD = f"{IMPORT}; diplomacy_game.scenario.loader.load_scenario({MAIN!r})"


def _first_frame(exe: list[str], cwd: Path, env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run([*exe, "play", "--quit-after", "0"], cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def _python(code: str, cwd: Path, env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def beside(rev: str, runs: int, work: Path, env: dict[str, str]) -> None:
    """This tree's start-up figures beside those of ``rev`` (its tree run from its own folder)."""
    tree = extract(rev, work)
    if tree is None:
        return
    checkout = [sys.executable, "-m", "diplomacy_game"]
    jobs = [("start to first frame (play)", lambda cwd: _first_frame(checkout, cwd, env)),
            ("import the scenario loader", lambda cwd: _python(IMPORT, cwd, env)),
            ("import it + load the main scenario", lambda cwd: _python(LOAD, cwd, env))]
    print(f"start-up beside the baseline {rev[:10]} (medians of {runs} interleaved runs):")
    for name, job in jobs:
        job(ROOT)
        job(tree)
        ours: list[float] = []
        base: list[float] = []
        for i in range(runs):
            for side in ((ours, ROOT), (base, tree))[:: 1 if i % 2 == 0 else -1]:
                side[0].append(job(side[1]))
        a, b = statistics.median(ours) * 1000, statistics.median(base) * 1000
        print(f"  {name:36s} this tree {a:6.0f} ms   baseline {b:6.0f} ms   this - baseline {a - b:+5.0f} ms "
              f"({a / b:.2f}x)")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("runs", nargs="?", type=int, default=7, help="runs of each figure (default 7)")
    ap.add_argument("--baseline", default=BASELINE, help="beside this commit ('none': skip)")
    ap.add_argument("--no-wheel", action="store_true", help="skip the wheel's figures")
    opts = ap.parse_args()
    runs, rev = opts.runs, opts.baseline
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
                   DIPLOMACY_GAME_DATA_DIR=str(Path(tmp) / "data"),
                   DIPLOMACY_GAME_CONFIG_DIR=str(Path(tmp) / "config"))
        if rev != "none":
            beside(rev, runs, Path(tmp), env)
        if opts.no_wheel:
            return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(work / "dist"), str(ROOT)],
                       check=True, capture_output=True)
        wheel = next((work / "dist").glob("*.whl"))
        subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
        subprocess.run([str(work / "venv" / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
                       check=True, capture_output=True)
        empty = work / "empty"
        empty.mkdir()
        env = dict(os.environ, SDL_VIDEODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
                   DIPLOMACY_GAME_DATA_DIR=str(work / "data"), DIPLOMACY_GAME_CONFIG_DIR=str(work / "config"))
        installed = [str(work / "venv" / "bin" / "diplomacy-game")]
        checkout = [sys.executable, "-m", "diplomacy_game"]
        _first_frame(installed, empty, env)  # warm the disk cache and the .pyc files of both
        _first_frame(checkout, ROOT, env)
        a: list[float] = []
        b: list[float] = []
        for _ in range(runs):
            a.append(_first_frame(checkout, ROOT, env))
            b.append(_first_frame(installed, empty, env))
        print(f"wheel size                        {wheel.stat().st_size / 1024:,.0f} KiB ({wheel.name})")
        print(f"start to first frame, checkout    median {statistics.median(a) * 1000:.0f} ms "
              f"(min {min(a) * 1000:.0f}, {runs} runs)")
        print(f"start to first frame, wheel       median {statistics.median(b) * 1000:.0f} ms "
              f"(min {min(b) * 1000:.0f}, {runs} runs)   wheel / checkout "
              f"{statistics.median(b) / statistics.median(a):.2f}")


if __name__ == "__main__":
    main()
