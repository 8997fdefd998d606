"""Which scenario a game is of (no pygame): a scenario argument as a file, the scenarios
loaded once per file version, and what the new-game screen starts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import resources
from ..scenario.loader import Scenario, load_scenario

_CACHE: dict[tuple[str, float], Scenario] = {}


def resolve_scenario(path: str | os.PathLike[str] | None) -> Path:
    """A scenario argument (an id or a path; None: the main scenario) as a file.

    Not found: the argument as a path, so that loading it fails with its own located error.
    """
    found = resources.resolve_scenario(path)
    if found is not None:
        return found
    return Path(os.fspath(path) if path is not None else resources.DEFAULT_SCENARIO)


def load_cached(path: Path) -> Scenario:
    """Load a scenario once per file version (the new-game screen and tests reuse it)."""
    key = (str(path.resolve()), path.stat().st_mtime)
    if key not in _CACHE:
        _CACHE[key] = load_scenario(path)
    return _CACHE[key]


@dataclass
class GameSetup:
    """What the new-game screen starts: a scenario file, each seat's controller, a seed."""

    scenario: Path
    seats: dict[str, str] = field(default_factory=dict)  # faction -> "human" | "ai[:level]"
    seed: int = 1
