"""Shared fixtures and helpers for the rules tests.

The tiny world in ``fixtures/`` (seven regions, three factions: red, blue, green) is loaded
once. Each test gets a fresh game and puts the state exactly where it needs it, either by
driving legal actions or by editing ``game.state`` fields directly.

Starting facts of the fixture (see fixtures/tiny_scenario.yaml):
- red's home is redland (stability 3), blue's blueland (3), green's the off-map box;
- alpha (north, stability 2, battleground), beta (north, 1), gamma (south, 1, battleground),
  delta (south, 2, battleground); redland-delta is a sea link;
- red starts with redland 5, alpha 1; blue blueland 5; green box 4;
- hand size 3, two action rounds, max influence 6, pressure in a battleground costs the
  presser 1 economy;
- Game.new stops at the 'opening' event's choice for red (hawk / dove).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # pragma: no cover - when the package is not installed
    sys.path.insert(0, str(ROOT))

from diplomacy_game.engine import Game  # noqa: E402
from diplomacy_game.scenario.loader import Scenario, load_scenario  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCENARIOS = ROOT / "diplomacy_game" / "data" / "scenarios"


@pytest.fixture(scope="session")
def scn() -> Scenario:
    return load_scenario(os.fspath(FIXTURES / "tiny_scenario.yaml"))


@pytest.fixture
def game(scn: Scenario) -> Game:
    """A new game, stopped at the opening choice (red to choose)."""
    return Game.new(scn, seed=1)


@pytest.fixture
def playing(game: Game) -> Game:
    """A game in January's action phase: red has answered 'dove' and must play a card."""
    game.apply("choose dove", "red")
    assert game.state.phase == "actions"
    assert game.to_act() == ("red",)
    return game


@pytest.fixture(scope="session")
def main_scn() -> Scenario:
    return load_scenario(os.fspath(SCENARIOS / "from_tabriz_to_kazan.yaml"))


@pytest.fixture(scope="session")
def short_scn() -> Scenario:
    return load_scenario(os.fspath(SCENARIOS / "ashgabat_to_kazan.yaml"))
