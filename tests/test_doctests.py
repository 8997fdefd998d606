"""The examples in the engine's docstrings run, and say what they show."""

from __future__ import annotations

import doctest

import pytest
from helpers import MAIN

from diplomacy_game.engine import Game, History
from diplomacy_game.engine import game as game_module
from diplomacy_game.engine import undo as undo_module
from diplomacy_game.scenario.loader import load_scenario


@pytest.mark.parametrize("module", [game_module, undo_module], ids=lambda m: m.__name__)
def test_engine_docstring_examples_run(module):  # type: ignore[no-untyped-def]
    globs = {"scn": load_scenario(MAIN), "Game": Game, "History": History}
    result = doctest.testmod(module, extraglobs=globs, optionflags=doctest.ELLIPSIS, report=True)
    assert result.attempted > 3
    assert result.failed == 0
