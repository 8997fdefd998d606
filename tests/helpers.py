"""Paths shared by the tests."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "diplomacy_game" / "data" / "scenarios"
MAIN = SCENARIOS / "from_tabriz_to_kazan.yaml"
SHORT = SCENARIOS / "ashgabat_to_kazan.yaml"
#: The project's shared folder (sources, corpora) beside the checkout; a git worktree may sit a
#: level deeper (``wt/NAME``), so the nearest ``shared/`` up from the checkout is taken.
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared").is_dir()), ROOT.parent / "shared")
CORPUS = SHARED / "corpora" / "yaml-test-suite-errors"


def random_move_clear_of_an_ending(game: Any, seat: str, r: random.Random) -> Any:
    """A random legal move of ``seat`` that does not end the game by an ``end_game`` effect (the
    main scenario's second Western crisis), so that random games run into the late months; any
    move if every one would."""
    from diplomacy_game.engine import Game

    legal = list(game.legal_actions(seat))
    first = r.choice(legal)
    for a in [first, *legal]:
        trial = Game(game.scenario, game.state.clone(keep_log=False))
        trial.apply(a, seat)
        if trial.state.end_reason is None:
            return a
    return first


def play_random(game: Any, steps: int, seed: int = 0) -> Any:
    """Play up to ``steps`` random legal moves (a seeded ``random.Random``, not the game's RNG)."""
    r = random.Random(seed)
    for _ in range(steps):
        if game.is_over():
            break
        seat = game.to_act()[0]
        game.apply(r.choice(game.legal_actions(seat)), seat)
    return game
