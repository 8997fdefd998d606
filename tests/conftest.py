from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import MAIN, SHORT

from diplomacy_game.scenario.loader import Scenario, load_scenario


@pytest.fixture(scope="session", autouse=True)
def _user_folders(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reads or writes the real user folders: saves, settings and the user's scenarios
    go under pytest's temporary folder (a test may point them elsewhere under its tmp_path)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("DIPLOMACY_GAME_DATA_DIR", str(tmp_path_factory.mktemp("user-data")))
    mp.setenv("DIPLOMACY_GAME_CONFIG_DIR", str(tmp_path_factory.mktemp("user-config")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def main_scenario() -> Scenario:
    return load_scenario(MAIN)


@pytest.fixture(scope="session")
def short_scenario() -> Scenario:
    return load_scenario(SHORT)
