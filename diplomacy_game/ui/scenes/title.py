"""The title screen and main menu."""

from __future__ import annotations

from typing import ClassVar

import pygame

from ... import resources
from .. import intents as it
from ..colour import rgb
from ..intents import Intent
from ..scenarios import load_cached
from . import flow, kit
from .help import HelpScene
from .menu import MenuScene
from .newgame import NewGameScene
from .saveload import LoadScene
from .settings_scene import SettingsScene
from .tutorial import start_tutorial

_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}


class TitleScene(MenuScene):
    name = "title"
    items: ClassVar[list[tuple[str, str, str | None]]] = [
        ("new", "New game", None),
        ("load", "Load game", None),
        ("settings", "Settings", None),
        ("help", "Help and shortcuts", None),
        ("tutorial", "Learn to play (tutorial)", None),
        ("quit", "Quit", None),
    ]

    _about: tuple[str, list[kit.Color]] | None = None

    def about(self) -> tuple[str, list[kit.Color]]:
        """The line under the title and the backdrop's colours, from the default scenario
        (how many people can play it, its factions' colours); plain words if it cannot load."""
        if self._about is None:
            line, colours = "A hot-seat strategy game", [kit.THEME.c("accent")]
            path = resources.resolve_scenario(resources.DEFAULT_SCENARIO)
            try:
                scn = load_cached(path) if path is not None else None
            except Exception:  # a broken default scenario: the New game screen says why
                scn = None
            if scn is not None:
                n = len(scn.factions)
                line = f"A hot-seat strategy game for one to {_NUMBERS.get(n, str(n))} players" if n > 1 else line
                colours = [rgb(scn.faction(f).color) for f in scn.factions]
            self._about = line, colours
        return self._about

    def handle(self, intent: Intent) -> None:
        if intent.kind == it.LETTER and intent.value == "l":
            self.activate("tutorial")
            return
        super().handle(intent)

    def layout(self) -> None:
        super().layout()
        for b in self.buttons:
            if b.key == "tutorial":
                b.hint = "L"  # its letter, as the title's hint says (its number works too)

    def menu_top(self, h: int) -> int:
        height = len(self.menu_items()) * kit.sc(54)  # buttons and gaps (MenuScene.layout)
        return min(max(h // 2 - kit.sc(20), kit.sc(260)), h - height - kit.sc(34))  # clear of the footer

    def activate(self, key: str) -> None:
        self.app.settings_notice = ""  # said once
        if key == "tutorial":
            start_tutorial(self.app)
        elif key == "new":
            self.app.push(NewGameScene(self.app))
        elif key == "load":
            self.app.push(LoadScene(self.app))
        elif key == "settings":
            self.app.push(SettingsScene(self.app))
        elif key == "help":
            self.app.push(HelpScene(self.app))
        elif key == "quit":
            self.app.quit()

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        # A quiet backdrop: bands in the default scenario's faction colours.
        line, colours = self.about()
        band_h = kit.sc(6)
        top = self.buttons[0].rect.top if self.buttons else h // 2
        y0 = max(0, top - kit.sc(270))
        for i, col in enumerate(colours):
            pygame.draw.rect(surface, col, pygame.Rect(0, y0 + i * band_h * 2, w, band_h))
        if top - kit.sc(150) - kit.FONTS.get("huge", True).get_height() < y0 + kit.sc(30):  # a short window
            kit.text(surface, "Multipolar", (w // 2, top - kit.sc(36)), "title", kit.THEME.c("text"), bold=True,
                     anchor="midbottom")
        else:
            kit.text(surface, "Multipolar", (w // 2, top - kit.sc(150)), "huge", kit.THEME.c("text"), bold=True,
                     anchor="midbottom")
            kit.text(surface, "Russia, Iran and their neighbours in 2024", (w // 2, top - kit.sc(110)), "large",
                     kit.THEME.c("muted"), anchor="midbottom")
            kit.text(surface, line, (w // 2, top - kit.sc(80)),
                     "normal", kit.THEME.c("muted"), anchor="midbottom")
        self.draw_buttons(surface)
        notice = getattr(self.app, "settings_notice", "")
        if notice:
            kit.text(surface, notice, (w // 2, h - kit.sc(40)), "small", kit.THEME.c("danger"), anchor="midbottom",
                     max_width=w - kit.sc(40))
        kit.text(surface, "F1 or ? — help   ·   F11 — full screen", (w // 2, h - kit.sc(16)), "small",
                 kit.THEME.c("muted"), anchor="midbottom")
        if not self.app.settings.tutorial_done and self.buttons:
            first = self.buttons[0].rect
            kit.text(surface, "New to the game? Choose Learn to play (L): a short game with a guide.",
                     (w // 2, first.top - kit.sc(14)), "normal", kit.THEME.c("target"), anchor="midbottom")


flow.register("title", TitleScene)
