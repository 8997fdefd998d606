"""Settings: window size, full screen, UI scale, colour-blind palette, animation speed."""

from __future__ import annotations

from typing import Any

import pygame

from .. import intents as it
from ..intents import Intent
from ..settings import ANIM_SPEEDS, SCALE_MAX, SCALE_MIN, SCALE_STEP, WINDOW_SIZES
from . import kit
from .base import Scene


class SettingsScene(Scene):
    name = "settings"

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.focus = 0
        self.buttons: list[kit.Button] = []

    def rows(self) -> list[tuple[str, str]]:
        s = self.app.settings
        w, h = s.window_size
        return [
            ("size", f"Window size: {w} × {h}"),
            ("fullscreen", f"Full screen: {'on' if s.fullscreen else 'off'}"),
            ("scale", f"UI scale: {s.ui_scale} %"),
            ("colorblind", f"Colour-blind palette: {'on' if s.colorblind else 'off'}"),
            ("anim", f"Computer speed / animation: {s.anim_speed}"),
            ("back", "Back"),
        ]

    def layout(self) -> None:
        w, h = self.size
        rows = self.rows()
        bw, bh, gap = min(kit.sc(460), w - kit.sc(40)), kit.sc(42), kit.sc(10)
        y = max(kit.sc(110), h // 2 - (len(rows) * (bh + gap)) // 2)
        self.buttons = [
            kit.Button(k, label, r, hint="←/→" if k != "back" else "Esc")
            for (k, label), r in zip(rows, kit.vstack((w - bw) // 2, y, bw, bh, len(rows), gap), strict=True)
        ]

    def enter(self) -> None:
        self.layout()

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    def change(self, key: str, step: int) -> None:
        s = self.app.settings
        window = False
        if key == "size":
            sizes = list(WINDOW_SIZES)
            cur = tuple(s.window_size)
            i = sizes.index(cur) if cur in sizes else (sizes.index((1280, 720)) if step > 0 else 0)
            s.window_size = sizes[(i + step) % len(sizes)] if cur in sizes else sizes[i]
            window = not s.fullscreen
        elif key == "fullscreen":
            s.fullscreen = not s.fullscreen
            window = True
        elif key == "scale":
            s.ui_scale = max(SCALE_MIN, min(SCALE_MAX, s.ui_scale + step * SCALE_STEP))
        elif key == "colorblind":
            s.colorblind = not s.colorblind
        elif key == "anim":
            i = ANIM_SPEEDS.index(s.anim_speed) if s.anim_speed in ANIM_SPEEDS else 1
            s.anim_speed = ANIM_SPEEDS[(i + step) % len(ANIM_SPEEDS)]
        elif key == "back":
            self.app.pop(self)
            return
        self.app.apply_settings(window=window)

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        n = len(self.buttons)
        cur = self.buttons[self.focus].key if n else "back"
        if k in (it.DOWN, it.NEXT):
            self.focus = (self.focus + 1) % n
        elif k in (it.UP, it.PREV):
            self.focus = (self.focus - 1) % n
        elif k in (it.LEFT, it.RIGHT):
            if cur != "back":
                self.change(cur, -1 if k == it.LEFT else 1)
        elif k in (it.CONFIRM, it.SPACE):
            self.change(cur, 1)
        elif k == it.DIGIT and 1 <= intent.value <= n:
            self.focus = intent.value - 1
        elif k == it.CANCEL:
            self.app.pop(self)
        elif k in (it.CLICK, it.RCLICK):
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.focus = self.buttons.index(b)
                self.change(b.key, 1 if k == it.CLICK else -1)
        elif k == it.MOVE:
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.focus = self.buttons.index(b)
        self.layout()

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        top = self.buttons[0].rect.top if self.buttons else h // 3
        kit.text(surface, "Settings", (w // 2, top - kit.sc(30)), "title", bold=True, anchor="midbottom")
        for i, b in enumerate(self.buttons):
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus, size="large")
        kit.text(surface, "Left / Right or click to change; changes are saved at once.",
                 (w // 2, self.buttons[-1].rect.bottom + kit.sc(20) if self.buttons else h - 40), "small",
                 kit.THEME.c("muted"), anchor="midtop")
