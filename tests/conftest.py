from __future__ import annotations

import pytest
from helpers import MAIN, SHORT

from diplomacy_game.scenario.loader import Scenario, load_scenario


@pytest.fixture(scope="session")
def main_scenario() -> Scenario:
    return load_scenario(MAIN)


@pytest.fixture(scope="session")
def short_scenario() -> Scenario:
    return load_scenario(SHORT)
