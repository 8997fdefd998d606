"""The help overlay: every keyboard shortcut (F1 or ?)."""

from __future__ import annotations

import pygame

from .. import intents as it
from ..intents import Intent
from . import kit
from .base import Scene

SHORTCUTS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Everywhere", [
        ("F1 or ?", "this help"),
        ("F11", "full screen on / off"),
        ("Esc", "back, cancel, or the pause menu"),
        ("Up / Down, Tab", "move between buttons"),
        ("Enter", "activate the focused button; confirm"),
        ("1 – 9", "pick a menu entry or an option"),
        ("F5", "in a game: reload the edited scenario, replaying the moves"),
    ]),
    ("Your turn", [
        ("1 – 9, Left / Right", "choose a card in your hand"),
        ("E / O", "play the card for its event / its operations"),
        ("I / P / A", "operations: place influence / pressure / a faction action"),
        ("B / D", "boost with 1 economy / done with operations"),
        ("Tab / Shift+Tab", "walk through the marked regions or targets"),
        ("Enter or click again", "confirm the chosen target"),
        ("Esc or right click", "cancel the chosen target"),
        ("C", "open the decision waiting for you"),
        ("Up / Down, wheel", "scroll the log"),
    ]),
    ("Hot seat", [
        ("Space", "on the hand-off screen: the next player is ready"),
    ]),
]


class HelpScene(Scene):
    name = "help"
    opaque = False

    def handle(self, intent: Intent) -> None:
        if intent.kind in (it.MOVE, it.WHEEL):
            return
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        kit.overlay(surface, 200)
        w, h = surface.get_size()
        font = kit.FONTS.get("normal")
        lh = font.get_linesize() + kit.sc(3)
        rows = sum(len(items) + 2 for _, items in SHORTCUTS)
        bw = min(kit.sc(760), w - kit.sc(40))
        bh = min(h - kit.sc(40), rows * lh + kit.sc(90))
        box = pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)
        kit.panel(surface, box, "panel", "accent", radius=10)
        x, y = box.x + kit.sc(28), box.y + kit.sc(20)
        kit.text(surface, "Keyboard shortcuts", (x, y), "title", bold=True)
        y += kit.sc(50)
        col2 = x + min(kit.sc(230), bw // 3)
        for section, items in SHORTCUTS:
            if y + lh > box.bottom:
                break
            kit.text(surface, section, (x, y), "normal", kit.THEME.c("accent"), bold=True)
            y += lh
            for keys, what in items:
                if y + lh > box.bottom - kit.sc(24):
                    break
                kit.text(surface, keys, (x + kit.sc(10), y), "normal", bold=True)
                kit.text(surface, what, (col2, y), "normal", kit.THEME.c("muted"),
                         max_width=box.right - col2 - kit.sc(20))
                y += lh
            y += lh // 2
        kit.text(surface, "Press any key to close", (box.centerx, box.bottom - kit.sc(10)), "small",
                 kit.THEME.c("muted"), anchor="midbottom")
