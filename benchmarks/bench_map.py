"""Frame time of drawing the full map at 1600x900 with the static layer warm.

Run: ``python3 benchmarks/bench_map.py [--frames N]``. Prints p50/p95/max of ``draw`` (static
layer reused; hover, three legal targets and the highlighted region drawn each frame), and the
cost of one cold rebuild. Target: p95 <= 4 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pygame

from diplomacy_game.engine import Game
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.ui.map_view import MapRenderer
from diplomacy_game.ui.mapdata import MapGeometry
from diplomacy_game.ui.palette import scenario_palette

SCENARIO = Path(__file__).resolve().parent.parent / "diplomacy_game/data/scenarios/from_tabriz_to_kazan.yaml"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--frames", type=int, default=600)
    ap.add_argument("--colorblind", action="store_true")
    args = ap.parse_args()
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode((1600, 900))
    scn = load_scenario(SCENARIO)
    view = Game.new(scn, 1).view(None)
    renderer = MapRenderer(
        scn, MapGeometry.for_map(scn.map.model.id), scenario_palette(scn, args.colorblind)
    )
    rect = pygame.Rect(0, 0, 1600, 900)
    cold = []
    for _ in range(5):
        renderer._static_key = None  # force a rebuild
        t0 = time.perf_counter()
        renderer.draw(screen, rect, view)
        cold.append((time.perf_counter() - t0) * 1000)
    regions = list(scn.map.region_ids)
    times = []
    for i in range(args.frames):
        hover = regions[i % len(regions)]
        t0 = time.perf_counter()
        renderer.draw(screen, rect, view, hover=hover, targets=("turkey", "iraq", "georgia"),
                      highlight="iran")  # fmt: skip
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"map draw 1600x900, static layer warm, {args.frames} frames "
          f"({'colour-blind' if args.colorblind else 'normal'} palette):")  # fmt: skip
    print(f"  p50 {p50:.2f} ms   p95 {p95:.2f} ms   max {times[-1]:.2f} ms   (target p95 <= 4 ms)")
    print(f"  static layer rebuild: median {statistics.median(cold):.1f} ms")
    print(f"  static rebuilds during the warm frames: {renderer.static_builds - 5}")
    return 0 if p95 <= 4.0 else 1


if __name__ == "__main__":
    sys.exit(main())
