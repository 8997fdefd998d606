"""The scene protocol: enter, exit, handle(intent), update(dt), draw(surface)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ..intents import Intent

if TYPE_CHECKING:
    from ..app import App


class Scene:
    """One screen. ``draw`` only reads: every change happens in ``handle`` or ``update``.

    An ``opaque`` scene hides the scenes below it; a modal overlay sets it False so the
    scene below is drawn first (dimmed by the overlay itself).
    """

    opaque: bool = True
    name: str = "scene"
    holds_game: bool = False  # a game in progress: F5 reloads it, quitting autosaves it

    def on_quit(self) -> None:
        """The window closes: keep what must not be lost (a game autosaves)."""

    def reload(self) -> None:
        """F5 (on a scene that ``holds_game``): read its content again from disk."""

    def __init__(self, app: App) -> None:
        self.app = app

    def enter(self) -> None:  # pushed or uncovered
        pass

    def exit(self) -> None:  # popped
        pass

    def handle(self, intent: Intent) -> None:
        pass

    def update(self, dt: float) -> bool:
        """Advance by ``dt`` seconds; return True while something animates (keep ticking)."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        pass

    @property
    def size(self) -> tuple[int, int]:
        return self.app.size
