"""The map's frame costs, beside the baseline: a move frame, a hover frame, a still frame.

A move frame is the map drawn for the view after a move of a random-play game of the main
scenario (its control, influence or stability changed); the baseline rebuilt its whole static
layer for it, this tree re-paints only the regions the move changed. A hover frame is the map
drawn when only the hovered region changed (this tree: ``draw_changed``, which redraws only
what the hover touched; the baseline: ``draw``). Both trees run in their own worker processes,
in turn, on the same games, at the game screen's map rectangle of a 1280×720 and a 1600×900
window.

    python benchmarks/bench_map.py [--games N] [--baseline REV|none]

Targets (issue 15): a move frame's map share well under the 16.7 ms frame budget (p95 <= 4 ms),
a warm still or hover frame p95 <= 4 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _beside import ROOT, Worker, extract, interleave, serve

#: the map before issue 15/16's map work (a full static rebuild on every move)
MAP_BASELINE = "add5df7491a2b018fe3b16cfa8d32f3844afa858"
MAIN_SCENARIO = Path("diplomacy_game") / "data" / "scenarios" / "from_tabriz_to_kazan.yaml"
SIZES = ((1280, 720), (1600, 900))
TARGET_MS = 4.0


def map_rect(w: int, h: int) -> tuple[int, int, int, int]:
    """The game screen's map rectangle at 100 % (``GameScene.layout``)."""
    right = min(max(300, min(420, int(w * 0.27))), int(w * 0.42))
    hand = min(max(200, min(240, int(h * 0.3))), int(h * 0.45))
    return 0, 38, w - right, h - 38 - hand


def _worker(root: Path) -> None:
    """One random-play game per job ``[w, h, seed, moves]``: each frame kind's times (s)."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    sys.path.insert(0, str(root))
    import pygame

    from diplomacy_game.ai.policy import RandomPlayer
    from diplomacy_game.engine import Game
    from diplomacy_game.scenario.loader import load_scenario
    from diplomacy_game.ui.map_view import MapRenderer
    from diplomacy_game.ui.mapdata import MapGeometry
    from diplomacy_game.ui.palette import scenario_palette

    pygame.display.init()
    pygame.font.init()
    scn = load_scenario(root / MAIN_SCENARIO)
    geometry = MapGeometry.for_map(scn.map.model.id)
    regions = list(scn.map.region_ids)

    def run(job: list[int]) -> dict[str, Any]:
        w, h, seed, moves = job
        screen = pygame.display.set_mode((w, h))
        rect = pygame.Rect(map_rect(w, h))
        renderer = MapRenderer(scn, geometry, scenario_palette(scn, False))
        game = Game.new(scn, seed)
        player = RandomPlayer(seed)
        t0 = time.perf_counter()
        renderer.draw(screen, rect, game.view(None))
        cold = time.perf_counter() - t0
        hover_draw = getattr(renderer, "draw_changed", renderer.draw)
        move, hover, still = [], [], []
        last = game.view(None)
        for i in range(moves):
            if game.is_over():
                break
            seat = game.to_act()[0]
            game.apply(player.pick(game.legal_actions(seat)), seat)
            view = game.view(None)
            changed = (view.control, view.influence, view.stability) != (last.control, last.influence, last.stability)
            last = view
            t0 = time.perf_counter()
            renderer.draw(screen, rect, view, hover=regions[i % len(regions)])
            if changed:
                move.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            hover_draw(screen, rect, view, hover=regions[(i + 7) % len(regions)])
            hover.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            renderer.draw(screen, rect, view, hover=regions[(i + 7) % len(regions)])
            still.append(time.perf_counter() - t0)
        return {"cold": cold, "move": move, "hover": hover, "still": still}

    serve(run)


def _stats(xs: list[float]) -> str:
    xs = sorted(xs)
    if not xs:
        return "(none)"
    p95 = xs[max(0, int(len(xs) * 0.95) - 1)]
    return f"p50 {statistics.median(xs) * 1000:6.2f}  p95 {p95 * 1000:6.2f}  max {xs[-1] * 1000:6.2f} ms"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--games", type=int, default=4)
    ap.add_argument("--moves", type=int, default=120, help="moves measured per game")
    ap.add_argument("--baseline", default=MAP_BASELINE, help="the map at this commit beside this tree's ('none': skip)")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(Path(args.worker))
        return 0
    me = str(Path(__file__).resolve())
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        workers = [Worker("this tree", [sys.executable, me, "--worker", str(ROOT)])]
        base_tree = None if args.baseline == "none" else extract(args.baseline, Path(tmp))
        if base_tree is not None:
            workers.append(Worker("baseline", [sys.executable, me, "--worker", str(base_tree)]))
        try:
            for w, h in SIZES:
                runs = interleave(workers, [[w, h, seed, args.moves] for seed in range(args.games)])
                _, _, mw, mh = map_rect(w, h)
                print(f"map {mw}x{mh} (the game screen at {w}x{h}), {args.games} random-play games, "
                      f"interleaved with the baseline {args.baseline[:10]}:")  # fmt: skip
                for wk in workers:
                    got = runs[wk.name]
                    cold = statistics.median(r["cold"] for r in got) * 1000
                    print(f"  {wk.name:<9} move frame  {_stats([t for r in got for t in r['move']])}")
                    print(f"  {'':<9} hover frame {_stats([t for r in got for t in r['hover']])}")
                    print(f"  {'':<9} still frame {_stats([t for r in got for t in r['still']])}"
                          f"   first draw {cold:.1f} ms")  # fmt: skip
                mine = sorted(t for r in runs["this tree"] for t in r["move"])
                p95 = mine[max(0, int(len(mine) * 0.95) - 1)] * 1000 if mine else 0.0
                verdict = "met" if p95 <= TARGET_MS else "NOT met"
                ok = ok and p95 <= TARGET_MS
                print(f"  move frame p95 {p95:.2f} ms   target <= {TARGET_MS:.0f} ms   {verdict}")
        finally:
            for wk in workers:
                wk.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
