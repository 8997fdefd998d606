"""The error screen: an unexpected exception in a scene, shown instead of killing the window."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pygame

from ... import safefile
from .. import intents as it
from ..intents import Intent
from . import flow, kit
from .base import Scene


class ErrorScene(Scene):
    """Says what went wrong and where the crash report is; Enter, Esc or the button: the title."""

    name = "error"
    opaque = True

    def __init__(self, app: Any, reason: str, report: Path | None) -> None:
        super().__init__(app)
        self.reason = safefile.printable(reason, 300)
        self.report = report
        self.back = kit.Button("title", "Back to the title screen", pygame.Rect(0, 0, 0, 0), hint="Enter")

    def layout(self) -> None:
        w, h = self.size
        self.back.rect = pygame.Rect(0, 0, kit.sc(300), kit.sc(44))
        self.back.rect.midbottom = (w // 2, h - kit.sc(40))

    def enter(self) -> None:
        self.layout()

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    def to_title(self) -> None:
        self.app.reset(flow.title()(self.app))

    def handle(self, intent: Intent) -> None:
        self.layout()
        clicked = intent.kind == it.CLICK and self.back.rect.collidepoint(intent.pos or (-1, -1))
        if clicked or intent.kind in (it.CONFIRM, it.CANCEL, it.SPACE):
            self.to_title()

    def lines(self) -> list[str]:
        out = ["The game met an error it did not expect, and stopped what it was doing.",
               f"The reason: {self.reason}"]
        if self.report is not None:
            out.append(f"A crash report was written to {self.report}.")
        out.append("Your saves and autosaves are as they were. Back to the title screen to go on.")
        return out

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        kit.text(surface, "Something went wrong", (w // 2, kit.sc(60)), "title", kit.THEME.c("danger"), bold=True,
                 anchor="midtop")
        y = kit.sc(130)
        box_w = min(kit.sc(900), w - kit.sc(60))
        for ln in self.lines():
            y += kit.text_block(surface, ln, pygame.Rect((w - box_w) // 2, y, box_w, h - y - kit.sc(100)),
                                "normal") + kit.sc(10)
        self.back.draw(surface, hover=self.back.rect.collidepoint(self.app.mouse), focus=True)
