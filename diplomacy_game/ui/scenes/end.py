"""The end screen: who won, why, and each faction's victory points over the turns."""

from __future__ import annotations

from typing import Any

import pygame

from .. import intents as it
from ..intents import Intent
from . import kit
from .base import Scene
from .game import short_month


class EndScene(Scene):
    name = "end"

    def __init__(self, app: Any, gs: Any) -> None:
        super().__init__(app)
        self.gs = gs
        self.scn = gs.scn
        view = gs.game.view(None)  # the public view: the end shows no hand
        self.outcome = view.outcome or {}
        self.history = list(view.vp_history)
        self.final_vp = dict(view.vp)
        self.colours = dict(gs.colours)
        self.buttons: list[kit.Button] = []
        self.focus = 0
        self.chart = pygame.Rect(0, 0, 0, 0)

    def layout(self) -> None:
        w, h = self.size
        bw, bh = kit.sc(200), kit.sc(40)
        y = h - bh - kit.sc(24)
        keys = [("new", "New game", "N"), ("title", "Title screen", "T"), ("quit", "Quit", "Q")]
        x0 = w // 2 - (len(keys) * (bw + kit.sc(12))) // 2
        self.buttons = [kit.Button(k, label, pygame.Rect(x0 + i * (bw + kit.sc(12)), y, bw, bh), hint=hint)
                        for i, (k, label, hint) in enumerate(keys)]
        top = kit.sc(236)
        self.chart = pygame.Rect(kit.sc(90), top, w - kit.sc(180), max(kit.sc(80), y - top - kit.sc(60)))

    def enter(self) -> None:
        self.layout()

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    def activate(self, key: str) -> None:
        if key == "new":
            from .newgame import NewGameScene
            from .title import TitleScene

            self.app.reset(TitleScene(self.app))
            self.app.push(NewGameScene(self.app))
        elif key == "title":
            from .title import TitleScene

            self.app.reset(TitleScene(self.app))
        elif key == "quit":
            self.app.quit()

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        n = len(self.buttons)
        if k in (it.RIGHT, it.NEXT, it.DOWN):
            self.focus = (self.focus + 1) % n
        elif k in (it.LEFT, it.PREV, it.UP):
            self.focus = (self.focus - 1) % n
        elif k in (it.CONFIRM, it.SPACE):
            self.activate(self.buttons[self.focus].key)
        elif k == it.CANCEL:
            self.activate("title")
        elif k == it.LETTER and intent.value in ("n", "t", "q"):
            self.activate({"n": "new", "t": "title", "q": "quit"}[intent.value])
        elif k == it.CLICK:
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.activate(b.key)

    def headline(self) -> str:
        winners = list(self.outcome.get("winners", []))
        names = [self.scn.faction(f).name for f in winners]
        if len(names) == 1:
            return f"{names[0]} wins"
        if names:
            return "Shared victory: " + " and ".join(names)
        return "The game is over"

    def draw(self, surface: pygame.Surface) -> None:
        w = surface.get_width()
        kit.text(surface, self.headline(), (w // 2, kit.sc(30)), "huge", bold=True, anchor="midtop")
        reason = str(self.outcome.get("reason", ""))
        kit.text(surface, reason[:1].upper() + reason[1:], (w // 2, kit.sc(120)), "large", kit.THEME.c("muted"),
                 anchor="midtop", max_width=w - kit.sc(40))
        parts = [f"{self.scn.faction(f).name} {self.final_vp.get(f, 0)} VP" for f in self.scn.factions]
        kit.text(surface, "   ·   ".join(parts), (w // 2, kit.sc(156)), "large", bold=True, anchor="midtop")
        self._draw_chart(surface)
        for i, b in enumerate(self.buttons):
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus)

    def _draw_chart(self, surface: pygame.Surface) -> None:
        r = self.chart
        kit.panel(surface, r.inflate(kit.sc(60), kit.sc(50)))
        hist = self.history
        if not hist:
            kit.text(surface, "No turn was scored.", r.center, anchor="center")
            return
        top = max(1, max(max(d.values(), default=0) for d in hist))
        low = min(0, min(min(d.values(), default=0) for d in hist))
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 10**9) if s * 5 >= top - low)
        low = (low // step) * step
        top = -(-top // step) * step
        span = max(1, top - low)
        n = len(hist)

        def pt(i: int, v: int) -> tuple[int, int]:
            x = r.x + (r.w * i // max(1, n - 1) if n > 1 else r.w // 2)
            y = r.bottom - int((v - low) * r.h / span)
            return x, y

        muted = kit.THEME.c("muted")
        for v in range(low, top + 1, step):
            y = r.bottom - int((v - low) * r.h / span)
            pygame.draw.line(surface, kit.THEME.c("panel_border"), (r.x, y), (r.right, y))
            kit.text(surface, str(v), (r.x - kit.sc(8), y), "small", muted, anchor="midright")
        months = self.scn.months
        for i in range(n):
            x, _ = pt(i, 0)
            label = short_month(months[i]) if i < len(months) else str(i + 1)
            kit.text(surface, label, (x, r.bottom + kit.sc(6)), "small", muted, anchor="midtop")
        kit.text(surface, "Victory points after each turn", (r.x, r.y - kit.sc(22)), "small", muted)
        for j, f in enumerate(self.scn.factions):
            col = self.colours.get(f, (200, 200, 200))
            pts = [pt(i, d.get(f, 0)) for i, d in enumerate(hist)]
            if len(pts) > 1:
                pygame.draw.lines(surface, col, False, pts, kit.sc(3))
            for p in pts:
                pygame.draw.circle(surface, col, p, kit.sc(5))
            lx = r.right - kit.sc(160)
            ly = r.y + kit.sc(6) + j * kit.sc(20)
            pygame.draw.rect(surface, col, pygame.Rect(lx, ly + kit.sc(4), kit.sc(18), kit.sc(8)))
            kit.text(surface, self.scn.faction(f).name, (lx + kit.sc(26), ly), "small")
