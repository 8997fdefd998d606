"""UI benchmark: frame time at 1600x900 (p50/p95), idle CPU, launch to first frame.

    python benchmarks/bench_ui.py [--frames N] [--json]

Runs headless (SDL's dummy video driver) unless DISPLAY is set and --display is given.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
from diplomacy_game.ui.app import GameSetup, start_app, resolve_scenario
from diplomacy_game.ui.settings import Settings
setup = GameSetup(resolve_scenario(None), {{"russia": "human", "iran": "ai", "west": "ai"}}, 1)
app = start_app(setup, direct=True, settings=Settings(window_size=(1600, 900)), persist=False)
app.process([], 0.0)
import pygame
pygame.display.flip()
print(time.time())
"""


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    k = min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def frame_times(frames: int) -> dict[str, Any]:
    import pygame

    from diplomacy_game.ui.app import App
    from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
    from diplomacy_game.ui.scenes.game import GameScene
    from diplomacy_game.ui.scenes.newgame import load_cached
    from diplomacy_game.ui.settings import Settings

    app = App(Settings(window_size=(1600, 900), anim_speed="instant"), persist=False)
    scn = load_cached(ROOT / "diplomacy_game" / "data" / "scenarios" / "from_tabriz_to_kazan.yaml")
    gs = GameScene(app, scn, {"russia": "human", "iran": "ai", "west": "ai"}, 1)
    app.push(gs)
    key = pygame.KEYDOWN
    for _ in range(500):  # to Russia's first card play
        app.process([], 1.0)
        if isinstance(app.top, EventNotice | ChoiceDialog):
            app.process([pygame.event.Event(key, key=pygame.K_1, mod=0, unicode="1")], 0.0)
            app.process([pygame.event.Event(key, key=pygame.K_RETURN, mod=0, unicode="")], 0.0)
        elif gs.pending_kind == "play":
            break
    app.process([pygame.event.Event(key, key=pygame.K_1, mod=0, unicode="1")], 0.0)
    still: list[float] = []
    for _ in range(frames):
        t = time.perf_counter()
        app.process([], 0.016)
        pygame.display.flip()
        still.append((time.perf_counter() - t) * 1000)
    moving: list[float] = []
    m = gs.L.map
    for i in range(frames):
        pos = (m.x + (i * 37) % m.w, m.y + (i * 23) % m.h)
        ev = pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))
        t = time.perf_counter()
        app.process([ev], 0.016)
        pygame.display.flip()
        moving.append((time.perf_counter() - t) * 1000)
    # Idle: the real loop (waits for events, redraws only on them) with nothing happening.
    wall0, cpu0 = time.perf_counter(), time.process_time()
    app.run(max_seconds=3.0, close=False)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    driver = pygame.display.get_driver()
    return {
        "driver": driver,
        "frame_ms_p50": statistics.median(still),
        "frame_ms_p95": pct(still, 95),
        "hover_frame_ms_p50": statistics.median(moving),
        "hover_frame_ms_p95": pct(moving, 95),
        "idle_cpu_percent": 100.0 * cpu / wall,
    }


def launch_time() -> float:
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT))], capture_output=True, text=True,
                         env=dict(os.environ), timeout=120, check=True)
    return (float(out.stdout.strip().splitlines()[-1]) - t0) * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--display", action="store_true", help="use the real display (DISPLAY) instead of dummy")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if not args.display or not os.environ.get("DISPLAY"):
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("DIPLOMACY_GAME_CONFIG_DIR", "/tmp/diplomacy_game_bench_config")
    res = frame_times(args.frames)
    res["launch_to_first_frame_ms"] = launch_time()
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(f"UI benchmark at 1600x900 (video driver: {res['driver']})")
        print(f"  frame time          p50 {res['frame_ms_p50']:6.2f} ms   p95 {res['frame_ms_p95']:6.2f} ms")
        hp50, hp95 = res["hover_frame_ms_p50"], res["hover_frame_ms_p95"]
        print(f"  frame, hovering map p50 {hp50:6.2f} ms   p95 {hp95:6.2f} ms")
        print(f"  idle CPU (3 s, real loop)  {res['idle_cpu_percent']:5.1f} %")
        print(f"  launch to first frame      {res['launch_to_first_frame_ms']:6.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
