"""The screens a scene goes back up to (the title, the new-game screen, the pause menu, a
loaded game), by role.

The scene modules import one another only downwards (the title imports the new-game screen,
which imports the game, which imports its dialogs, the pause menu and the end screen); a way
back up is looked up here instead, so there is no import cycle between them. Each screen
registers itself when its module is imported (``register``); ``ui/app.py`` imports them all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ...engine import Game
    from ...saves import SaveFile
    from ..app import App
    from .newgame import NewGameScene
    from .pause import PauseScene
    from .title import TitleScene

OpenLoaded = Callable[["App", "SaveFile", "Game", "Path | None", str], Any]

_ROLES: dict[str, Any] = {}


def register(role: str, what: Any) -> None:
    _ROLES[role] = what


def _get(role: str) -> Any:
    if role not in _ROLES:
        raise LookupError(f"no screen registered for {role!r} (import diplomacy_game.ui.app first)")
    return _ROLES[role]


def title() -> type[TitleScene]:
    t: type[TitleScene] = _get("title")
    return t


def new_game() -> type[NewGameScene]:
    t: type[NewGameScene] = _get("new_game")
    return t


def pause() -> type[PauseScene]:
    t: type[PauseScene] = _get("pause")
    return t


def open_loaded() -> OpenLoaded:
    """Open a loaded game (its save and replayed game) over a fresh title, with a note."""
    f: OpenLoaded = _get("open_loaded")
    return f
