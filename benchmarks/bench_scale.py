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
  and ``apply`` per move, the loop of ``bench_peer``);
- load time: ``load_scenario`` (read, validate, compile);
- headless frame: the game scene drawing one full frame (``GameScene.draw``, SDL's dummy
  video driver, 1600x900) at the first card play, and the first frame (which builds the map);
- per-move save cost: the live save's whole work per move (``saves.LiveWriter`` on the calling
  thread: a journal record per move and the snapshots, their cost shared by the moves), the mean
  over a game, and the game's last tenth.

    python benchmarks/bench_scale.py [--games N]
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from diplomacy_game import saves  # noqa: E402
from diplomacy_game.engine import Game  # noqa: E402
from diplomacy_game.engine.rng import below  # noqa: E402
from diplomacy_game.scenario.compiled import Scenario  # noqa: E402
from diplomacy_game.scenario.loader import load_scenario  # noqa: E402
from diplomacy_game.simulate import RandomPlayer  # noqa: E402

DATA = ROOT / "diplomacy_game" / "data" / "scenarios"
MAIN, MAP = DATA / "from_tabriz_to_kazan.yaml", DATA / "map.yaml"
REGIONS, CARDS, TURNS = 4, 10, 2
TARGET = 2.0
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


def write_pair(folder: Path) -> tuple[Path, Path]:
    """The base (a copy of the main scenario and its map) and the big scenario, in ``folder``."""
    base_dir, big_dir = folder / "base", folder / "big"
    base_dir.mkdir()
    big_dir.mkdir()
    (base_dir / MAIN.name).write_text(MAIN.read_text(encoding="utf-8"), encoding="utf-8")
    (base_dir / MAP.name).write_text(MAP.read_text(encoding="utf-8"), encoding="utf-8")
    scn = yaml.safe_load(MAIN.read_text(encoding="utf-8"))
    gmap = yaml.safe_load(MAP.read_text(encoding="utf-8"))
    assert scn["map"] == MAP.name, "the main scenario's map changed: update the benchmark"
    dump: Callable[[Any], str] = lambda d: yaml.safe_dump(d, sort_keys=False, allow_unicode=True)  # noqa: E731
    (big_dir / "map_scale.yaml").write_text(dump(big_map(gmap)), encoding="utf-8")
    (big_dir / "scale.yaml").write_text(dump(big_scenario(scn, "map_scale.yaml")), encoding="utf-8")
    return base_dir / MAIN.name, big_dir / "scale.yaml"


# --------------------------------------------------------------------------- the figures


def game_cost(scn: Scenario, seed: int) -> tuple[float, int]:
    """A random-play game: its time per action, and its number of actions."""
    t = time.perf_counter()
    player = RandomPlayer(seed)
    g = Game.new(scn, seed)
    while not g.is_over():
        seat = g.to_act()[0]
        legal = g.legal_actions(seat)
        g.apply(legal[below(player, len(legal))], seat)
    n = len(g.state.moves)
    return (time.perf_counter() - t) / max(1, n), n


def load_cost(path: Path) -> float:
    t = time.perf_counter()
    load_scenario(path)
    return time.perf_counter() - t


def save_load_cost(path: Path) -> float:
    """Loading a finished game's save (read, check, replay the moves)."""
    t = time.perf_counter()
    saves.load(path)
    return time.perf_counter() - t


def save_costs(scn: Scenario, seed: int, folder: Path) -> list[float]:
    """The live save's whole work after each move of a random game (``LiveWriter`` on this thread)."""
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
    return out


class Frames:
    """The game scene of a scenario at its first card play, for timing its frames."""

    def __init__(self, scn: Scenario) -> None:
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


def _line(name: str, base: float, big: float, unit: str = "ms", scale: float = 1000.0) -> None:
    ratio = big / base if base else float("inf")
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"  {name:34s} base {base * scale:9.3f} {unit}   big {big * scale:9.3f} {unit}   "
          f"big/base {ratio:5.2f}x   target <= {TARGET:.0f}x   {verdict}")


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--games", type=int, default=12, help="random games per scenario (default 12)")
    ap.add_argument("--loads", type=int, default=7, help="loads per scenario (default 7)")
    ap.add_argument("--frames", type=int, default=40, help="frames per scenario (default 40)")
    ap.add_argument("--no-frames", action="store_true", help="skip the frame figures (no pygame)")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base_path, big_path = write_pair(folder)
        base, big = load_scenario(base_path), load_scenario(big_path)
        size = [sum(f.stat().st_size for f in p.parent.glob("*.yaml")) / 1024 for p in (base_path, big_path)]
        print(f"scale: base {len(base.map.region_ids)} regions, {len(base.cards)} cards, {len(base.months)} turns, "
              f"{size[0]:.0f} KiB of YAML; big {len(big.map.region_ids)} regions, {len(big.cards)} cards, "
              f"{len(big.months)} turns, {size[1]:.0f} KiB")
        pair = (base, big)

        loads: tuple[list[float], list[float]] = ([], [])
        for i in range(args.loads):
            for k in (i % 2, 1 - i % 2):
                loads[k].append(load_cost((base_path, big_path)[k]))

        per_action: tuple[list[float], list[float]] = ([], [])
        moves: tuple[list[int], list[int]] = ([], [])
        for seed in range(args.games):
            for k in (seed % 2, 1 - seed % 2):
                cost, n = game_cost(pair[k], seed)
                per_action[k].append(cost)
                moves[k].append(n)

        saved: tuple[list[float], list[float]] = ([], [])
        tail: tuple[list[float], list[float]] = ([], [])
        for seed in range(3):
            for k in (seed % 2, 1 - seed % 2):
                xs = save_costs(pair[k], seed, folder)
                saved[k].append(statistics.fmean(xs))
                tail[k].append(statistics.fmean(xs[-max(1, len(xs) // 10):]))
        reloads: tuple[list[float], list[float]] = ([], [])
        for i in range(args.loads):
            for k in (i % 2, 1 - i % 2):
                reloads[k].append(save_load_cost(folder / f"{pair[k].id}-{i % 3}-done.json"))
        text = [sum(f.stat().st_size for f in p.parent.glob("*.yaml")) for p in (base_path, big_path)]

        frames: tuple[list[float], list[float]] = ([], [])
        first: list[float] = []
        if not args.no_frames:
            Frames(base)  # pygame, its fonts and the shared images loaded once, before either is timed
            built: tuple[list[Frames], list[Frames]] = ([], [])
            for i in range(3):
                for k in (i % 2, 1 - i % 2):
                    built[k].append(Frames(pair[k]))
            first = [statistics.median(s.first for s in b) for b in built]
            scenes = [built[0][-1], built[1][-1]]
            for i in range(args.frames):
                for k in (i % 2, 1 - i % 2):
                    frames[k].append(scenes[k].frame())

    med = statistics.median
    print(f"medians of interleaved runs ({args.games} games, {args.loads} loads, 3 saved games, "
          f"{0 if args.no_frames else args.frames} frames each); moves per game: base "
          f"{med(moves[0]):.0f}, big {med(moves[1]):.0f}")
    _line("per-action engine cost", med(per_action[0]), med(per_action[1]), "us", 1e6)
    _line("load time (load_scenario)", med(loads[0]), med(loads[1]))
    _line("  the same per KiB of YAML", med(loads[0]) / text[0] * 1024, med(loads[1]) / text[1] * 1024)
    _line("loading a finished game's save", med(reloads[0]), med(reloads[1]))
    if not args.no_frames:
        _line("headless frame (GameScene.draw)", med(frames[0]), med(frames[1]))
        _line("first frame (built + drawn, median of 3)", first[0], first[1])
    _line("per-move save cost (mean, a game)", med(saved[0]), med(saved[1]))
    _line("per-move save cost (last tenth)", med(tail[0]), med(tail[1]))


if __name__ == "__main__":
    main(sys.argv[1:])
