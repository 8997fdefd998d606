"""The pause menu: resume, save, load, settings, quit (quitting autosaves the game)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import pygame

from . import flow, kit
from .menu import MenuScene
from .saveload import LoadScene, save_now
from .settings_scene import SettingsScene

if TYPE_CHECKING:
    from ..screen import GameScreen

class PauseScene(MenuScene):
    name = "pause"
    opaque = False
    items: ClassVar[list[tuple[str, str, str | None]]] = [
        ("resume", "Resume", None),
        ("save", "Save game", None),
        ("load", "Load game", None),
        ("settings", "Settings", None),
        ("title", "Quit to title", None),
        ("quit", "Quit the game", None),
    ]

    def __init__(self, app: Any, gs: GameScreen | None = None) -> None:
        super().__init__(app)
        self.gs = gs
        self.note = ""  # what the last save did
        self.note_ok = True

    def menu_items(self) -> list[tuple[str, str, str | None]]:
        if self.gs is None:
            return [(k, label, "No game is open" if k == "save" else r) for k, label, r in self.items]
        if self.gs.ended:
            return [(k, label, "The game is over" if k == "save" else r) for k, label, r in self.items]
        return list(self.items)

    def menu_top(self, h: int) -> int:
        n = len(self.items)
        return h // 2 - (n * kit.sc(54)) // 2 + kit.sc(20)

    def activate(self, key: str) -> None:
        if key == "resume":
            self.app.pop(self)
        elif key == "save":
            if self.gs is not None:
                self.note_ok, self.note = save_now(self.gs)
        elif key == "load":
            self.app.push(LoadScene(self.app))
        elif key == "settings":
            self.app.push(SettingsScene(self.app))
        elif key == "title":
            if self.gs is not None:
                self.gs.autosave()
            self.app.reset(flow.title()(self.app))
        elif key == "quit":
            self.app.quit()  # the app autosaves an open game

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
        if self.note and self.buttons:
            last = self.buttons[-1].rect
            w = surface.get_width()
            font = kit.FONTS.get("normal")
            box = pygame.Rect(0, 0, min(w - kit.sc(40), font.size(self.note)[0] + kit.sc(30)), font.get_linesize()
                              + kit.sc(16))
            box.midtop = (last.centerx, last.bottom + kit.sc(50))
            kit.panel(surface, box, "panel", "ok" if self.note_ok else "danger")
            kit.text(surface, self.note, box.center, "normal", kit.THEME.c("ok" if self.note_ok else "danger"),
                     anchor="center", max_width=box.w - kit.sc(20))


flow.register("pause", PauseScene)
