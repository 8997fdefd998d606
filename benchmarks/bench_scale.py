"""Scale: the main scenario against one with regions x4, cards x10 and turns x2 (issue 15).

On demand (``make bench``); prints figures, asserts nothing. Target: each figure of the big
scenario within 2x of the base scenario's.

The big scenario is generated from the main one in memory (its YAML read, changed, written
into a temporary folder beside a copy of the base, so that both are loaded from disk the same
way; nothing in the checkout changes):

- regions x4: three copies of every region of the map that is not off the map (``NAME_k2``..
  ``NAME_k4``, named "NAME II".., drawn at their first city), linked among themselves as the
  originals are, each copy joined to the one before by a single link (the copies of the map's
  first region), so that the world is 4x larger but a faction's reach grows only as it spreads;
- cards x10: nine copies of every card (``ID_x2``..``ID_x10``), same deck, owners and effects;
- turns x2: the calendar twice as long (the timeline's events stay where they are).

Figures, each a median over runs interleaved between the two scenarios (so both see the same
machine load), and each big / base:

- per-action engine cost: a random-play game's time divided by its moves (``legal_actions``
  and ``apply`` per move, the loop of ``bench_peer``); and the same over each game's first 40
  moves only, the same stage of a game in both scenarios (the big scenario's games last longer,
  and a later stage, with the factions spread wider, costs more per move in either);
- load time: ``load_scenario`` (read, validate, compile);
- headless frame: the game scene drawing one full frame (``GameScene.draw``, SDL's dummy
  video driver, 1600x900) at the first card play, and the first frame (which builds the map);
- per-move save cost: the live save's whole work per move (``saves.LiveWriter`` on the calling
  thread: a journal record per move and the snapshots, their cost shared by the moves), the mean
  over a game, and the game's last tenth;
- loading a finished game's save (``saves.load``: read, check, the scenario loaded, the replay).

Each tree runs in its own worker process (``_beside``): this tree and the baseline (``--baseline
REV``, default the commit before the scale work of session 6; ``none`` skips it), fed one job at a
time in turn, the two scenarios alternating within each, so every figure is printed for both
trees from the same run. Both trees load the same generated files.

    python benchmarks/bench_scale.py [--games N] [--baseline REV|none] [--no-frames]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from _beside import ROOT, Worker, extract, interleave, serve

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

#: the commit before session 6's scale work (its safeyaml reading, its engine)
BASELINE = "492b7fc4434f6d515219cb4f0be82cc82e6ea305"
DATA = ROOT / "diplomacy_game" / "data" / "scenarios"
MAIN, MAP = DATA / "from_tabriz_to_kazan.yaml", DATA / "map.yaml"
REGIONS, CARDS, TURNS = 4, 10, 2
TARGET = 2.0
EARLY = 40  # actions: the early part of a game, timed on its own
ROMAN = ("", "", " II", " III", " IV", " V", " VI", " VII", " VIII")


def big_map(data: dict[str, Any]) -> dict[str, Any]:
    """The map with its on-map regions copied ``REGIONS - 1`` times (see the module doc)."""
    on = [r for r in data["regions"] if not r.get("offmap")]
    ids = {r["id"] for r in on}
    bridge = on[0]["id"]
    out = list(data["regions"])
    for k in range(2, REGIONS + 1):
        for r in on:
            c = dict(r)
            c["id"] = f"{r['id']}_k{k}"
            c["name"] = f"{r['name']}{ROMAN[k]}"
            c["iso_a3"] = None
            for kind in ("links", "sea"):
                c[kind] = [f"{x}_k{k}" for x in r.get(kind, []) if x in ids]
            if r["id"] == bridge:  # one link to the copy before (the originals for k2)
                c["links"].append(bridge if k == 2 else f"{bridge}_k{k - 1}")
                if k < REGIONS:
                    c["links"].append(f"{bridge}_k{k + 1}")
            if not r.get("cities") and "at" not in r:
                c["at"] = {"lon": 60.0, "lat": 45.0}
            out.append(c)
    first = next(r for r in out if r["id"] == bridge)
    first["links"] = [*first.get("links", []), f"{bridge}_k2"]
    return {**data, "id": f"{data['id']}_x{REGIONS}", "regions": out}


def big_scenario(data: dict[str, Any], map_name: str) -> dict[str, Any]:
    """The scenario with its cards copied ``CARDS - 1`` times and its calendar ``TURNS`` times as long."""
    cards = list(data["cards"])
    for k in range(2, CARDS + 1):
        cards += [{**c, "id": f"{c['id']}_x{k}"} for c in data["cards"]]
    cal = dict(data["calendar"])
    cal["turns"] = cal["turns"] * TURNS
    return {**data, "id": f"{data['id']}_scale", "map": map_name, "cards": cards, "calendar": cal}


# Keys of the map's regions newer than the baselines the benchmark is run beside: both trees read
# the same files, so these are left out of both copies (a baseline's loader refuses a key it does
# not know). ``joined`` (a membership begun during the game) came in session 9.
NEWER_REGION_KEYS = ("joined",)


def _compatible_map(text: str) -> str:
    """The map's text without ``NEWER_REGION_KEYS`` lines (its regions keep every other line)."""
    return "".join(ln for ln in text.splitlines(keepends=True)
                   if not any(ln.lstrip().startswith(f"{k}:") for k in NEWER_REGION_KEYS))


def write_pair(folder: Path) -> tuple[Path, Path]:
    """The base (a copy of the main scenario and its map) and the big scenario, in ``folder``."""
    base_dir, big_dir = folder / "base", folder / "big"
    base_dir.mkdir()
    big_dir.mkdir()
    map_text = _compatible_map(MAP.read_text(encoding="utf-8"))
    (base_dir / MAIN.name).write_text(MAIN.read_text(encoding="utf-8"), encoding="utf-8")
    (base_dir / MAP.name).write_text(map_text, encoding="utf-8")
    scn = yaml.safe_load(MAIN.read_text(encoding="utf-8"))
    gmap = yaml.safe_load(map_text)
    assert scn["map"] == MAP.name, "the main scenario's map changed: update the benchmark"
    dump: Callable[[Any], str] = lambda d: yaml.safe_dump(d, sort_keys=False, allow_unicode=True)  # noqa: E731
    (big_dir / "map_scale.yaml").write_text(dump(big_map(gmap)), encoding="utf-8")
    (big_dir / "scale.yaml").write_text(dump(big_scenario(scn, "map_scale.yaml")), encoding="utf-8")
    return base_dir / MAIN.name, big_dir / "scale.yaml"


# --------------------------------------------------------------------------- the worker


def _worker(root: Path, folder: Path, paths: list[Path]) -> None:
    """Answer the jobs of ``main`` with the project at ``root`` (imported from there)."""
    sys.path.insert(0, str(root))
    from diplomacy_game import saves
    from diplomacy_game.engine import Game
    from diplomacy_game.engine.rng import below
    from diplomacy_game.scenario.loader import load_scenario
    from diplomacy_game.simulate import RandomPlayer

    scns = [load_scenario(p) for p in paths]
    scenes: dict[int, Any] = {}

    def game_cost(k: int, seed: int) -> list[Any]:
        """A random-play game: its time per action, its number of actions, its hash, and the time
        per action of its first ``EARLY`` actions (the same stage of the game in both scenarios)."""
        scn = scns[k]
        t = time.perf_counter()
        player = RandomPlayer(seed)
        g = Game.new(scn, seed)
        early = 0.0
        while not g.is_over():
            seat = g.to_act()[0]
            legal = g.legal_actions(seat)
            g.apply(legal[below(player, len(legal))], seat)
            if len(g.state.moves) == EARLY:
                early = time.perf_counter() - t
        n = len(g.state.moves)
        total = time.perf_counter() - t
        return [total / max(1, n), n, g.hash(), (early or total) / min(max(1, n), EARLY)]

    def timed(fn: Callable[[], Any]) -> float:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t

    def save_costs(k: int, seed: int) -> list[float]:
        """The live save's whole work after each move of a random game (``LiveWriter`` on this
        thread): the mean over the game and over its last tenth; the finished game saved."""
        scn = scns[k]
        player = RandomPlayer(seed)
        g = Game.new(scn, seed)
        seats = {f: "human" for f in scn.factions}
        ui: dict[str, Any] = {"move_marks": {f: 0 for f in scn.factions}, "log_marks": {}, "seen_events": {}}
        writer = saves.LiveWriter(folder / f"{scn.id}-{seed}.json", background=False)
        out = []
        while not g.is_over():
            seat = g.to_act()[0]
            legal = g.legal_actions(seat)
            g.apply(legal[below(player, len(legal))], seat)
            t = time.perf_counter()
            writer.submit(g, seats, ui)
            out.append(time.perf_counter() - t)
        writer.flush()
        saves.save_game(g, seats, folder / f"{scn.id}-{seed}-done.json")
        return [statistics.fmean(out), statistics.fmean(out[-max(1, len(out) // 10):])]

    def handle(job: list[Any]) -> Any:
        kind, k = job[0], job[1]
        if kind == "load":
            return timed(lambda: load_scenario(paths[k]))
        if kind == "game":
            return game_cost(k, job[2])
        if kind == "saves":
            return save_costs(k, job[2])
        if kind == "reload":  # a finished game's save: read, check, its scenario loaded, the replay
            return timed(lambda: saves.load(folder / f"{scns[k].id}-{job[2]}-done.json"))
        if kind == "scene":  # a new game scene at its first card play; the time of its first frame
            scenes[k] = Frames(scns[k])
            return scenes[k].first
        if kind == "frame":
            return scenes[k].frame()
        raise SystemExit(f"unknown job {job!r}")

    serve(handle)


class Frames:
    """The game scene of a scenario at its first card play, for timing its frames."""

    def __init__(self, scn: Any) -> None:
        import pygame

        from diplomacy_game.ui.app import App
        from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
        from diplomacy_game.ui.scenes.game import GameScene
        from diplomacy_game.ui.settings import Settings

        self.app = App(Settings(window_size=(1600, 900), anim_speed="instant"), persist=False)
        self.surface = pygame.Surface((1600, 900))
        t = time.perf_counter()
        self.gs = GameScene(self.app, scn, {f: "human" if i == 0 else "ai" for i, f in enumerate(scn.factions)}, 1)
        self.app.autosave = False
        self.app.push(self.gs)
        self.app.process([], 0.0)  # the first frame: the map built, the scene drawn
        self.first = time.perf_counter() - t
        key = pygame.KEYDOWN
        for _ in range(500):  # to the first seat's first card play
            self.app.process([], 1.0)
            if isinstance(self.app.top, EventNotice | ChoiceDialog):
                self.app.process([pygame.event.Event(key, key=pygame.K_1, mod=0, unicode="1")], 0.0)
                self.app.process([pygame.event.Event(key, key=pygame.K_RETURN, mod=0, unicode="")], 0.0)
            elif self.gs.pending_kind == "play":
                break

    def frame(self) -> float:
        t = time.perf_counter()
        self.gs.draw(self.surface)
        return time.perf_counter() - t


# --------------------------------------------------------------------------- the report


def _both(jobs: list[list[Any]]) -> list[list[Any]]:
    """Each job for the base (0) and the big (1) scenario, alternating which goes first."""
    return [[j[0], k, *j[1:]] for i, j in enumerate(jobs) for k in (i % 2, 1 - i % 2)]


def _split(got: list[Any], jobs: list[list[Any]]) -> tuple[list[Any], list[Any]]:
    out: tuple[list[Any], list[Any]] = ([], [])
    for job, value in zip(jobs, got, strict=True):
        out[job[1]].append(value)
    return out


def _line(name: str, base: float, big: float, unit: str = "ms", scale: float = 1000.0, target: bool = True) -> str:
    ratio = big / base if base else float("inf")
    verdict = ("met" if ratio <= TARGET else "NOT met") if target else ""
    goal = f"target <= {TARGET:.0f}x   {verdict}" if target else ""
    return (f"  {name:34s} base {base * scale:9.3f} {unit}   big {big * scale:9.3f} {unit}   "
            f"big/base {ratio:5.2f}x   {goal}").rstrip()


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--games", type=int, default=30, help="random games per scenario (default 30)")
    ap.add_argument("--loads", type=int, default=15, help="loads per scenario (default 15)")
    ap.add_argument("--frames", type=int, default=40, help="frames per scenario (default 40)")
    ap.add_argument("--no-frames", action="store_true", help="skip the frame figures (no pygame)")
    ap.add_argument("--baseline", default=BASELINE, help="the project at this commit beside this tree ('none': skip)")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--root", help=argparse.SUPPRESS)
    ap.add_argument("--folder", help=argparse.SUPPRESS)
    ap.add_argument("--paths", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        return _worker(Path(args.root), Path(args.folder), [Path(p) for p in args.paths])

    me = str(Path(__file__).resolve())
    med = statistics.median
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base_path, big_path = write_pair(folder)
        trees = [("this tree", ROOT)]
        if args.baseline != "none":
            (folder / "baseline").mkdir()
            tree = extract(args.baseline, folder / "baseline")
            if tree is not None:
                trees.append((f"baseline {args.baseline[:10]}", tree))
        workers = []
        for i, (name, root) in enumerate(trees):
            (folder / f"saves{i}").mkdir()
            workers.append(Worker(name, [sys.executable, me, "--worker", "--root", str(root), "--folder",
                                         str(folder / f"saves{i}"), "--paths", str(base_path), str(big_path)]))
        try:
            plan: list[tuple[str, list[list[Any]]]] = [
                ("load", _both([["load"] for _ in range(args.loads)])),
                ("game", _both([["game", seed] for seed in range(args.games)])),
                ("saves", _both([["saves", seed] for seed in range(3)])),
                ("reload", _both([["reload", i % 3] for i in range(args.loads)])),
            ]
            if not args.no_frames:
                interleave(workers, [["scene", 0]])  # pygame, its fonts and the shared images, before any timing
                plan += [("scene", _both([["scene"] for _ in range(3)])),
                         ("frame", _both([["frame"] for _ in range(args.frames)]))]
            runs = {kind: (jobs, interleave(workers, jobs)) for kind, jobs in plan}
        finally:
            for w in workers:
                w.close()
        size = [sum(f.stat().st_size for f in p.parent.glob("*.yaml")) for p in (base_path, big_path)]

    print(f"scale: base and big (regions x{REGIONS}, cards x{CARDS}, turns x{TURNS}); "
          f"{size[0] / 1024:.0f} KiB and {size[1] / 1024:.0f} KiB of YAML")
    print(f"medians of interleaved runs ({args.games} games, {args.loads} loads, 3 saved games, "
          f"{0 if args.no_frames else args.frames} frames each), each tree in its own worker, fed in turn")
    figures: dict[str, dict[str, tuple[float, float]]] = {}
    for name, _ in trees:
        got = {kind: _split(out[name], jobs) for kind, (jobs, out) in runs.items()}
        games = got["game"]
        fig = {
            "per-action engine cost": (med(g[0] for g in games[0]), med(g[0] for g in games[1])),
            f"  the same, first {EARLY} actions": (med(g[3] for g in games[0]), med(g[3] for g in games[1])),
            "load time (load_scenario)": (med(got["load"][0]), med(got["load"][1])),
            "loading a finished game's save": (med(got["reload"][0]), med(got["reload"][1])),
            "per-move save cost (mean, a game)": (med(x[0] for x in got["saves"][0]),
                                                  med(x[0] for x in got["saves"][1])),
            "per-move save cost (last tenth)": (med(x[1] for x in got["saves"][0]),
                                                med(x[1] for x in got["saves"][1])),
        }
        if "frame" in got:
            fig["headless frame (GameScene.draw)"] = (med(got["frame"][0]), med(got["frame"][1]))
            fig["first frame (built + drawn)"] = (med(got["scene"][0]), med(got["scene"][1]))
        figures[name] = fig
        moves = [med(g[1] for g in games[k]) for k in (0, 1)]
        print(f"-- {name}: moves per game base {moves[0]:.0f}, big {moves[1]:.0f}")
        for label, (a, b) in fig.items():
            if label.startswith(("per-action", "  the same, first")):
                print(_line(label, a, b, "us", 1e6))
            else:
                print(_line(label, a, b))
            if label == "load time (load_scenario)":
                print(_line("  the same per KiB of YAML", a / size[0] * 1024, b / size[1] * 1024))
    if len(trees) > 1:
        (ours, _), (other, _) = trees
        hashes = [[g[2] for g in _split(runs["game"][1][n], runs["game"][0])[k]] for n in (ours, other) for k in (0, 1)]
        same = hashes[0] == hashes[2] and hashes[1] == hashes[3]
        print(f"-- this tree / {other} (the same machine load): same game hashes in both scenarios: "
              f"{'yes' if same else 'NO'}")
        for label, (a, b) in figures[ours].items():
            a0, b0 = figures[other][label]
            print(f"  {label:34s} base {a / a0:5.2f}x   big {b / b0:5.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
