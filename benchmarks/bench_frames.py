"""Frames of the real game window under a real X server (Xvfb) at 1600x900, beside the baseline.

    python benchmarks/bench_frames.py [--seconds S] [--rounds N] [--baseline REV|none] [--no-present]

Each side (this tree, and the baseline's tree taken with ``git archive``) runs the app's own
loop (``App.run``) in a worker process on the same X server, fed one job at a time in turn.
Synthetic input is posted to the real event queue from a thread at 60 Hz, as a person's
would arrive:

- idle: Russia's turn, nothing happens (CPU share of the process over the run);
- still: something wakes the loop 60 times a second (an event that changes nothing);
- hovering: the pointer moves over the map 60 times a second;
- animating: every seat a computer (normal level, normal speed): the loop ticks at 60 Hz
  while they think and play;
- move: the frames of "animating" in which a move was applied (the engine's move, the
  live save handed over, the next decision started, the frame drawn).

A frame is the loop's tick (events, update, draw) and its present (flip or update), timed
from inside the worker. Figures: p50 / p95 / p99 / max in ms, and the process's CPU share.
Then, without the game, what presenting costs by each path (``--no-present`` skips it).

Xvfb: ``DISPLAY`` if set, else an ``Xvfb`` started here (Debian: ``apt-get install xvfb``);
without either the benchmark says so and stops (exit 0).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from _beside import ROOT, Worker, extract, interleave, serve

#: the tree before the frame work of issue 15 (the commit this work started from)
FRAMES_BASELINE = "add5df7"
TARGETS = {"p95": 8.0, "p99": 16.7, "move_max": 33.0, "idle_cpu": 2.0}
SCENES = ("idle", "still", "hovering", "animating")


def pct(xs: list[float], p: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))]


# ---------------------------------------------------------------------------- the worker


def worker(root: str) -> None:
    sys.path.insert(0, root)
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    tmp = tempfile.mkdtemp(prefix="bench-frames-")
    os.environ["DIPLOMACY_GAME_DATA_DIR"] = os.path.join(tmp, "data")
    os.environ["DIPLOMACY_GAME_CONFIG_DIR"] = os.path.join(tmp, "config")
    import pygame

    from diplomacy_game.engine import undo
    from diplomacy_game.ui import app as app_mod

    rec: dict[str, Any] = {"t0": None, "t1": None, "moved": False, "frames": []}

    def finish(end: float | None) -> None:
        if rec["t0"] is not None:
            rec["frames"].append(((((end or rec["t1"]) - rec["t0"]) * 1000), rec["moved"]))
        rec["t0"] = None
        rec["moved"] = False

    orig_tick = app_mod.App.tick

    def tick(self: Any, events: Any, now: float) -> bool:
        finish(None)
        rec["t0"] = time.perf_counter()
        busy: bool = orig_tick(self, events, now)
        rec["t1"] = time.perf_counter()
        return busy

    app_mod.App.tick = tick  # type: ignore[method-assign]
    orig_flip, orig_update = pygame.display.flip, pygame.display.update

    def flip() -> None:
        orig_flip()
        finish(time.perf_counter())

    def update(*a: Any) -> None:
        orig_update(*a)
        finish(time.perf_counter())

    pygame.display.flip = flip
    pygame.display.update = update
    orig_apply = undo.History.apply

    def apply(self: Any, *a: Any, **k: Any) -> Any:
        rec["moved"] = True
        return orig_apply(self, *a, **k)

    undo.History.apply = apply  # type: ignore[method-assign]

    def handle(job: dict[str, Any]) -> dict[str, Any]:
        from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
        from diplomacy_game.ui.scenes.game import GameScene
        from diplomacy_game.ui.scenes.newgame import load_cached
        from diplomacy_game.ui.settings import Settings

        scene, seconds = job["scene"], float(job["seconds"])
        app = app_mod.App(Settings(window_size=(1600, 900), anim_speed="normal"), persist=False)
        app.autosave = True  # the live save after every move, into the temporary data folder
        scn = load_cached(Path(root) / "diplomacy_game" / "data" / "scenarios" / "from_tabriz_to_kazan.yaml")
        seats = ({"russia": "ai", "iran": "ai", "west": "ai"} if scene == "animating"
                 else {"russia": "human", "iran": "ai", "west": "ai"})
        gs = GameScene(app, scn, seats, 1)
        app.push(gs)
        key = pygame.KEYDOWN
        if scene != "animating":
            for _ in range(2000):  # to Russia's first card play (not timed)
                job_ = gs.ai_job
                if job_ is not None and job_.thread is not None:
                    job_.thread.join()
                app.process([], 1.0)
                if isinstance(app.top, EventNotice | ChoiceDialog):
                    app.process([pygame.event.Event(key, key=pygame.K_1, mod=0, unicode="1")], 0.0)
                    app.process([pygame.event.Event(key, key=pygame.K_RETURN, mod=0, unicode="")], 0.0)
                elif gs.pending_kind == "play" and app.top is gs:
                    break
        pygame.event.clear()
        stop = threading.Event()
        m = gs.L.map

        def post() -> None:
            i = 0
            while not stop.wait(1 / 60):
                i += 1
                if scene == "hovering":
                    pos = (m.x + 40 + (i * 7) % (m.w - 80), m.y + 40 + (i * 5) % (m.h - 80))
                    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(7, 5), buttons=(0, 0, 0)))
                elif scene == "still":
                    pygame.event.post(pygame.event.Event(pygame.USEREVENT, {}))

        rec["frames"] = []
        rec["t0"] = None
        th = threading.Thread(target=post, daemon=True)
        th.start()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        app.run(max_seconds=seconds, close=False)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        stop.set()
        th.join()
        finish(None)
        frames = rec["frames"][1:]  # the first: the whole window, once
        return {"frames": [f for f, _ in frames], "moves": [f for f, mv in frames if mv],
                "cpu": 100.0 * cpu / wall, "drawn": len(frames), "tree": str(Path(app_mod.__file__).parents[2])}

    serve(handle)


# ---------------------------------------------------------------------------- present paths

PRESENT = r"""
import os, sys, time
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
import pygame
mode = sys.argv[1]
pygame.display.init()
W, H = 1600, 900
small = pygame.Rect(400, 300, 320, 160)
def bench(fn, n=150):
    xs = []
    for i in range(n):
        a = time.perf_counter(); fn(i); xs.append((time.perf_counter() - a) * 1000)
    xs.sort()
    return [xs[n // 2], xs[int(.95 * n)], xs[int(.99 * n)]]
out = {}
if mode in ("window", "scaled"):
    scr = pygame.display.set_mode((W, H), pygame.SCALED if mode == "scaled" else pygame.RESIZABLE)
    def full(i): scr.fill((i % 255, 0, 0)); pygame.display.flip()
    def part(i): scr.fill((i % 255, 0, 0), small); pygame.display.update([small])
    out["whole window"] = bench(full); out["a tooltip's rectangle"] = bench(part)
else:
    from pygame._sdl2.video import Renderer, Texture, Window
    win = Window("bench", size=(W, H))
    ren = Renderer(win, accelerated=1 if mode == "sdl2-gl" else 0, vsync=False)
    surf = pygame.Surface((W, H)); tex = Texture(ren, (W, H), streaming=True)
    def full(i): surf.fill((i % 255, 0, 0)); tex.update(surf); ren.clear(); tex.draw(); ren.present()
    def part(i): surf.fill((i % 255, 0, 0), small); tex.update(surf.subsurface(small), small); tex.draw(); ren.present()
    out["whole window"] = bench(full); out["a tooltip's rectangle"] = bench(part)
print(__import__("json").dumps(out))
"""


def present_paths(env: dict[str, str]) -> None:
    print("\npresenting a frame at 1600x900 without the game (p50 / p95 / p99 ms):")
    cases = [("flip / update(rects), SDL's default on X11 (a software-GL texture)", "window", "1"),
             ("flip / update(rects), the native X11 framebuffer (used now)", "window", "0"),
             ("SCALED, native framebuffer hint", "scaled", "0"),
             ("pygame._sdl2 Renderer, software", "sdl2-sw", "0"),
             ("pygame._sdl2 Renderer, accelerated (GL)", "sdl2-gl", "0")]
    for label, mode, accel in cases:
        e = dict(env, SDL_FRAMEBUFFER_ACCELERATION=accel)
        done = subprocess.run([sys.executable, "-c", PRESENT, mode], env=e, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            print(f"  {label}: failed ({done.stderr.strip().splitlines()[-1:] or '?'})")
            continue
        res = json.loads(done.stdout.strip().splitlines()[-1])
        parts = "   ".join(f"{k} {v[0]:5.2f} / {v[1]:5.2f} / {v[2]:5.2f}" for k, v in res.items())
        print(f"  {label}\n      {parts}")


# ---------------------------------------------------------------------------- the X server


def x_server() -> tuple[dict[str, str], subprocess.Popen[bytes] | None] | None:
    env = dict(os.environ)
    env.pop("SDL_VIDEODRIVER", None)
    if env.get("DISPLAY"):
        return env, None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return None
    for n in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            break
    proc = subprocess.Popen([xvfb, f":{n}", "-screen", "0", "1600x900x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        if Path(f"/tmp/.X11-unix/X{n}").exists():
            break
        time.sleep(0.05)
    env["DISPLAY"] = f":{n}"
    return env, proc


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=4.0, help="each run of each scene")
    ap.add_argument("--rounds", type=int, default=2, help="runs of each scene on each side, interleaved")
    ap.add_argument("--baseline", default=FRAMES_BASELINE, help="a commit, or none")
    ap.add_argument("--no-present", action="store_true")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--root", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(args.root)
        return 0
    got = x_server()
    if got is None:
        print("bench_frames: skipped: no X server (DISPLAY is not set and Xvfb is not installed; "
              "on Debian: apt-get install xvfb)")
        return 0
    env, xproc = got
    os.environ.update(env)
    me = str(Path(__file__).resolve())
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sides = [("this tree", str(ROOT))]
            base = None if args.baseline == "none" else extract(args.baseline, Path(tmp))
            if base is not None:
                sides.append((f"baseline {args.baseline}", str(base)))
            workers = [Worker(name, [sys.executable, me, "--worker", "--root", root]) for name, root in sides]
            jobs = [{"scene": s, "seconds": args.seconds} for _ in range(args.rounds) for s in SCENES]
            out = interleave(workers, jobs)
            for w in workers:
                w.close()
        print(f"frames of the real window under Xvfb ({env['DISPLAY']}) at 1600x900, {args.rounds} interleaved "
              f"runs of {args.seconds:g} s per scene and side (ms; CPU: the process's share)")
        for name, _root in sides:
            print(f"  {name}")
            res = out[name]
            for scene in SCENES:
                runs = [r for r, j in zip(res, jobs, strict=True) if j["scene"] == scene]
                frames = [f for r in runs for f in r["frames"]]
                cpu = statistics.median(r["cpu"] for r in runs)
                label = "idle (nothing happens)" if scene == "idle" else scene
                if frames:
                    print(f"    {label:<22} frames {len(frames):5d}  p50 {pct(frames, 50):6.2f}"
                          f"  p95 {pct(frames, 95):6.2f}  p99 {pct(frames, 99):6.2f}  max {max(frames):6.2f}"
                          f"   CPU {cpu:5.1f} %")
                else:
                    print(f"    {label:<22} frames     0 (the loop waited for events)            CPU {cpu:5.1f} %")
                if scene == "animating":
                    moves = [f for r in runs for f in r["moves"]]
                    if moves:
                        print(f"    {'move':<22} frames {len(moves):5d}  p50 {pct(moves, 50):6.2f}  p95 "
                              f"{pct(moves, 95):6.2f}  p99 {pct(moves, 99):6.2f}  max {max(moves):6.2f}")
        print(f"  targets: p95 <= {TARGETS['p95']:g} ms and p99 <= {TARGETS['p99']:g} ms (still, hovering, animating); "
              f"no move frame over {TARGETS['move_max']:g} ms; idle CPU <= {TARGETS['idle_cpu']:g} %")
        if not args.no_present:
            present_paths(env)
    finally:
        if xproc is not None:
            xproc.terminate()
            xproc.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
