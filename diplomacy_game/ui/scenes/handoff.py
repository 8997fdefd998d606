"""The hand-off screen: hides everything until the next seat is ready."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from ...engine.turn import month_name
from .. import intents as it
from ..intents import Intent
from . import kit
from .base import Scene
from .pause import PauseScene

MIN_SHOWN = 0.4  # seconds shown (and since the last press) before Space is taken


if TYPE_CHECKING:
    from ..screen import GameScreen

class HandoffScene(Scene):
    """Opaque: nothing of the game below is drawn, least of all a hand."""

    name = "handoff"
    opaque = True

    def __init__(self, app: Any, gs: GameScreen, seat: str) -> None:
        super().__init__(app)
        self.gs = gs
        self.seat = seat
        self.faction_name = str(gs.scn.faction(seat).name)
        self.button = kit.Button("ready", "I am ready", pygame.Rect(0, 0, 0, 0), hint="Space")
        # Measured on the app's clock, which runs in real time even while the window waits idle
        # for input: one deliberate press after the screen has stood a moment is taken. A press
        # too early (a key still held by the previous player, repeating) keeps it closed until
        # the key has been let go for a moment.
        self.shown_at = float(app.time)
        self.pressed_at: float | None = None

    @property
    def age(self) -> float:
        """Seconds since the screen appeared, or since the last press that came too early."""
        since = self.app.time - self.shown_at
        if self.pressed_at is not None:
            since = min(since, self.app.time - self.pressed_at)
        return float(since)

    def layout(self) -> None:
        w, h = self.size
        r = pygame.Rect(0, 0, kit.sc(260), kit.sc(48))
        r.midtop = (w // 2, h // 2 + kit.sc(70))
        self.button.rect = r

    def enter(self) -> None:
        self.layout()

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    def ready(self) -> None:
        if self.age < MIN_SHOWN:
            self.pressed_at = float(self.app.time)  # a held (repeating) key: closed until let go
            return
        self.app.pop(self)
        self.gs.accept_handoff(self.seat)  # may open the catch-up on top of the game

    def handle(self, intent: Intent) -> None:
        self.layout()
        on_button = intent.pos is not None and self.button.rect.collidepoint(intent.pos)
        if intent.kind == it.SPACE or (intent.kind == it.CLICK and on_button):
            self.ready()
        elif intent.kind == it.CANCEL:
            self.app.push(PauseScene(self.app, self.gs))

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        surface.fill(kit.THEME.c("background"))
        col = self.gs.colours.get(self.seat, kit.THEME.c("accent"))
        title = kit.text(surface, f"Pass to {self.faction_name}", (w // 2, h // 2 - kit.sc(40)), "huge", bold=True,
                         anchor="midbottom")
        bar = kit.sc(6)  # the seat's colour above the title, a gap between them
        pygame.draw.rect(surface, col, pygame.Rect(0, title.top - kit.sc(18) - bar, w, bar))
        kit.text(surface, "Press Space when ready", (w // 2, h // 2), "large", kit.THEME.c("muted"), anchor="midtop")
        month = self.gs.scn.months[min(self.gs.view.turn, len(self.gs.scn.months) - 1)]
        kit.text(surface, f"{month_name(month)}  ·  the other players look away", (w // 2, h // 2 + kit.sc(34)),
                 "normal", kit.THEME.c("muted"), anchor="midtop")
        self.button.draw(surface, hover=self.button.rect.collidepoint(self.app.mouse), focus=True, size="large")
