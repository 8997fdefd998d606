"""A vertical menu of buttons: the title menu and the pause menu share it."""

from __future__ import annotations

from typing import ClassVar

import pygame

from .. import intents as it
from ..intents import Intent
from . import kit
from .base import Scene


class MenuScene(Scene):
    """Buttons in a column; Up/Down or Tab move the focus, Enter or a click activates."""

    title = ""
    subtitle = ""
    items: ClassVar[list[tuple[str, str, str | None]]] = []  # (key, label, disabled reason or None)

    def __init__(self, app: object) -> None:
        super().__init__(app)  # type: ignore[arg-type]
        self.focus = 0
        self.message = ""
        self.buttons: list[kit.Button] = []

    def menu_items(self) -> list[tuple[str, str, str | None]]:
        return list(self.items)

    def activate(self, key: str) -> None:  # pragma: no cover - subclasses
        pass

    # layout -------------------------------------------------------------

    def menu_top(self, h: int) -> int:
        return h // 2 - kit.sc(40)

    def layout(self) -> None:
        w, h = self.size
        items = self.menu_items()
        bw, bh, gap = kit.sc(320), kit.sc(44), kit.sc(10)
        x = w // 2 - bw // 2
        y = self.menu_top(h)
        self.buttons = [
            kit.Button(key, label, r, enabled=reason is None, reason=reason,
                       hint=str(i + 1))
            for i, ((key, label, reason), r) in enumerate(zip(items, kit.vstack(x, y, bw, bh, len(items), gap),
                                                               strict=True))
        ]
        self.focus = max(0, min(self.focus, len(self.buttons) - 1))

    def enter(self) -> None:
        self.layout()

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    def press(self, b: kit.Button) -> None:
        if not b.enabled:
            self.message = b.reason or "not available"
            return
        self.message = ""
        self.activate(b.key)

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        n = len(self.buttons)
        if k in (it.DOWN, it.NEXT) and n:
            self.focus = (self.focus + 1) % n
        elif k in (it.UP, it.PREV) and n:
            self.focus = (self.focus - 1) % n
        elif k in (it.CONFIRM, it.SPACE) and n:
            self.press(self.buttons[self.focus])
        elif k == it.DIGIT and 1 <= intent.value <= n:
            self.focus = intent.value - 1
            self.press(self.buttons[self.focus])
        elif k == it.CLICK:
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.focus = self.buttons.index(b)
                self.press(b)
        elif k == it.MOVE:
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.focus = self.buttons.index(b)
        elif k == it.CANCEL:
            self.cancel()

    def cancel(self) -> None:
        pass

    def draw_buttons(self, surface: pygame.Surface) -> None:
        for i, b in enumerate(self.buttons):
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus, size="large")
        if self.message and self.buttons:
            last = self.buttons[-1].rect
            kit.text(surface, self.message, (last.centerx, last.bottom + kit.sc(18)), "normal",
                     kit.THEME.c("danger"), anchor="midtop")
