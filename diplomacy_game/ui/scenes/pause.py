"""The pause menu: resume, settings, quit (save and load have their places)."""

from __future__ import annotations

from typing import Any, ClassVar

import pygame

from . import kit
from .menu import MenuScene


class PauseScene(MenuScene):
    name = "pause"
    opaque = False
    items: ClassVar[list[tuple[str, str, str | None]]] = [
        ("resume", "Resume", None),
        ("save", "Save game", "Saving is not available yet"),
        ("load", "Load game", "Loading is not available yet"),
        ("settings", "Settings", None),
        ("title", "Quit to title", None),
        ("quit", "Quit the game", None),
    ]

    def __init__(self, app: Any, gs: Any = None) -> None:
        super().__init__(app)
        self.gs = gs

    def menu_top(self, h: int) -> int:
        n = len(self.items)
        return h // 2 - (n * kit.sc(54)) // 2 + kit.sc(20)

    def activate(self, key: str) -> None:
        if key == "resume":
            self.app.pop(self)
        elif key == "settings":
            from .settings_scene import SettingsScene

            self.app.push(SettingsScene(self.app))
        elif key == "title":
            from .title import TitleScene

            self.app.reset(TitleScene(self.app))
        elif key == "quit":
            self.app.quit()

    def cancel(self) -> None:
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        kit.overlay(surface, 190)
        if self.buttons:
            top = self.buttons[0].rect
            box = pygame.Rect(0, 0, top.w + kit.sc(60), (self.buttons[-1].rect.bottom - top.top) + kit.sc(110))
            box.midtop = (top.centerx, top.top - kit.sc(70))
            kit.panel(surface, box, "panel", "panel_border", radius=10)
            kit.text(surface, "Paused", (top.centerx, top.top - kit.sc(20)), "title", bold=True, anchor="midbottom")
        self.draw_buttons(surface)
