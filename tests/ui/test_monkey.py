"""A monkey: thousands of random clicks, keys, moves, wheels and resizes, and no exception."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pygame
from helpers import SHORT
from ui_driver import Driver, click, key, move

from diplomacy_game import resources, saves
from diplomacy_game.engine import Game
from diplomacy_game.scenario.loader import load_scenario

KEYS = [
    (pygame.K_RETURN, ""), (pygame.K_ESCAPE, ""), (pygame.K_SPACE, " "), (pygame.K_TAB, ""),
    (pygame.K_UP, ""), (pygame.K_DOWN, ""), (pygame.K_LEFT, ""), (pygame.K_RIGHT, ""),
    (pygame.K_BACKSPACE, ""), (pygame.K_F1, ""), (pygame.K_SLASH, "?"), (pygame.K_F11, ""), (pygame.K_F5, ""),
    *[(getattr(pygame, f"K_{i}"), str(i)) for i in range(10)],
    *[(getattr(pygame, f"K_{c}"), c) for c in "eoipabdcmnrst"],
]


def _random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    w, h = size
    r = rng.random()
    pos = (rng.randrange(w), rng.randrange(h))
    if r < 0.40:
        return click(pos, 1 if rng.random() < 0.9 else 3)
    if r < 0.55:
        return move(pos)
    if r < 0.58:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice((-1, 1)))
    if r < 0.59:
        return pygame.event.Event(pygame.VIDEORESIZE, w=rng.randrange(800, 1700), h=rng.randrange(600, 1000),
                                  size=(1024, 640))
    k, uni = rng.choice(KEYS)
    mod = pygame.KMOD_SHIFT if rng.random() < 0.1 else 0
    return key(k, uni, mod)


def _monkey(seed: int, n: int, start_game: bool) -> set[str]:
    """Send ``n`` random events; return the names of the scenes that were on top."""
    seen: set[str] = set()
    rng = random.Random(seed)
    d = Driver(size=(1024, 640), speed=rng.choice(("instant", "fast")))  # any exception fails the test
    if start_game:
        d.start_game({"russia": "human", "iran": "human", "west": "ai:easy"}, seed=seed)
    sent = 0
    while sent < n:
        batch = [_random_event(rng, d.app.size) for _ in range(rng.randint(1, 6))]
        sent += len(batch)
        d.step(batch, dt=rng.choice((0.0, 0.016, 0.1, 0.5)))
        if not d.app.running:  # the monkey chose "Quit": start over on the title screen
            d.app.running = True
        assert d.app.stack, "the scene stack must never be empty"
        seen.add(d.app.stack[-1].name)
        gs = d.game()
        if gs is not None:
            # drawn only from the seat at the screen's view (or a spectator's)
            assert gs.view.seat == gs.viewer
            assert gs.viewer is None or gs.viewer in gs.humans
    return seen


def test_monkey_in_a_hotseat_game() -> None:
    _monkey(1, 2500, start_game=True)


def test_monkey_from_the_title() -> None:
    _monkey(2, 1500, start_game=False)


def test_monkey_with_a_poisoned_scenarios_folder_and_a_poisoned_saves_folder(tmp_path: Path, monkeypatch: Any) -> None:
    """Issue 14: New game beside hostile scenario files, Load beside forged saves, and everything else."""
    from test_hostile_ui import poisoned_saves, poisoned_scenarios

    monkeypatch.setenv("DIPLOMACY_GAME_DATA_DIR", str(tmp_path / "data"))
    poisoned_scenarios(resources.user_scenarios_dir())
    poisoned_saves(saves.saves_dir(), Game.new(load_scenario(SHORT), seed=3))
    seen = _monkey(3, 1500, start_game=False)
    assert {"newgame", "load"} <= seen, seen
