"""Opening a loaded game: its screen over the title, the tutorial's guide back if it was on."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import flow
from .game import GameScene
from .tutorial import resume

if TYPE_CHECKING:
    from ...engine import Game
    from ...saves import SaveFile
    from ..app import App


def open_loaded(app: App, save: SaveFile, game: Game, path: Path | None, note: str) -> GameScene:
    """Push the game of ``save`` (``game``, replayed) and say ``note`` on its status line."""
    gs = GameScene(app, game.scenario, save.seats, save.seed, game=game, ui_state=save.ui)
    app.push(gs)
    resume(app, gs)
    app.resuming = path
    gs.flash(note, error=False)
    return gs


flow.register("open_loaded", open_loaded)
