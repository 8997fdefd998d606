"""Shipping benchmarks: run on demand (``make bench``); prints figures, asserts nothing.

- the wheel's size (built into a temporary folder);
- time from process start to the first drawn frame and exit (``play --quit-after 0``, a
  headless window), from the checkout's editable install and from the wheel installed in a
  clean venv, runs interleaved so that both see the same machine load.

    python3 benchmarks/bench_startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _first_frame(exe: list[str], cwd: Path, env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run([*exe, "play", "--quit-after", "0"], cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
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
