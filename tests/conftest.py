from __future__ import annotations

import os
import tempfile

import pytest
from helpers import MAIN, SHORT

from diplomacy_game.scenario.loader import Scenario, load_scenario

# No test may write saves into the real user folders.
os.environ.setdefault("DIPLOMACY_GAME_DATA_DIR", tempfile.mkdtemp(prefix="dg-test-data-"))


@pytest.fixture(scope="session")
def main_scenario() -> Scenario:
    return load_scenario(MAIN)


@pytest.fixture(scope="session")
def short_scenario() -> Scenario:
    return load_scenario(SHORT)
