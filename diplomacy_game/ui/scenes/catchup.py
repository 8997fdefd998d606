"""Catch-up: "since your last turn" — a summary and a step-through replay for one seat.

Built from ``engine.recap``: every line and every map is this seat's own view, so nothing
another seat keeps secret can appear here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from ...engine.recap import RecapStep
from ...engine.words import signed
from .. import intents as it
from ..intents import Intent
from . import kit
from .base import Scene

if TYPE_CHECKING:
    from ..screen import GameScreen

ROW_LINES = 3  # a summary row wraps to at most this many lines


class CatchUpScene(Scene):
    name = "catchup"
    opaque = True

    def __init__(self, app: Any, gs: GameScreen, seat: str, steps: list[RecapStep]) -> None:
        super().__init__(app)
        self.gs = gs
        self.seat = seat
        self.steps = steps
        self.index = 0
        self.buttons: list[kit.Button] = []
        self.map_rect = pygame.Rect(0, 0, 0, 0)
        self.panel = pygame.Rect(0, 0, 0, 0)
        self.box = pygame.Rect(0, 0, 0, 0)  # the current step's text, at the foot of the side panel,
        # under the summary rows, never over the map (a long one scrolls, with a hint of the lines
        # above or below on its last line, inside the box)
        self.lines: list[str] = []  # its wrapped lines
        self.fit = 1  # how many fit in the box
        self.scroll = 0  # the first line shown
        # the big moment each step tells (a milestone such as the treaty, or a reveal), once
        self.moments = {id(st): self._find_moment(st) for st in steps}

    @property
    def step(self) -> RecapStep:
        return self.steps[self.index]

    def layout(self) -> None:
        w, h = self.size
        side = min(kit.sc(520), w // 2)
        self.map_rect = pygame.Rect(0, kit.sc(64), w - side, h - kit.sc(64) - kit.sc(70))
        self.panel = pygame.Rect(w - side, kit.sc(64), side, h - kit.sc(64) - kit.sc(70))
        bw, bh, gap = kit.sc(170), kit.sc(40), kit.sc(12)
        y = h - kit.sc(56)
        specs = [("prev", "Previous", "Left"), ("next", "Next", "Right"), ("done", "Continue", "Enter")]
        x = w - kit.sc(20) - len(specs) * (bw + gap) + gap
        self.buttons = []
        for key, label, hint in specs:
            enabled = not ((key == "prev" and self.index == 0) or (key == "next" and self.index >= len(self.steps) - 1))
            self.buttons.append(kit.Button(key, label, pygame.Rect(x, y, bw, bh), enabled=enabled, hint=hint))
            x += bw + gap
        if self.steps:
            font = kit.FONTS.get("normal")
            lh = font.get_linesize()
            inner = self.panel.inflate(-kit.sc(24), -kit.sc(24))
            box = pygame.Rect(inner.x - kit.sc(4), 0, inner.w + kit.sc(8), 0)
            moment = self._moment(self.step)
            head = [f"★ {moment}"] if moment else []
            self.lines = head + [ln for e in self.step.lines for ln in kit.wrap(e.text, font, box.w - kit.sc(20))]
            box.h = min(len(self.lines) * lh + kit.sc(20), max(lh * 2 + kit.sc(20), int(inner.h * 0.55)))
            box.bottom = inner.bottom + kit.sc(4)
            self.box = box
            self.fit = max(1, (box.h - kit.sc(20)) // lh)
            if len(self.lines) > self.fit:  # a long step: its last line for the "more lines" hint
                self.fit = max(1, self.fit - 1)
            self.scroll = max(0, min(self.scroll, len(self.lines) - self.fit))

    def enter(self) -> None:
        self.layout()

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    def go(self, step: int) -> None:
        new = max(0, min(len(self.steps) - 1, self.index + step))
        if new != self.index:
            self.index = new
            self.scroll = 0

    def done(self) -> None:
        self.app.pop(self)

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        if k in (it.RIGHT, it.NEXT):
            self.go(1)
        elif k in (it.LEFT, it.PREV):
            self.go(-1)
        elif k == it.DOWN:  # Up/Down read a long step (the upkeep and its scoring)
            self.scroll += 1
        elif k == it.UP:
            self.scroll = max(0, self.scroll - 1)
        elif k in (it.CONFIRM, it.SPACE, it.CANCEL):
            self.done()
        elif k == it.WHEEL:
            if self.box.collidepoint(self.app.mouse):
                self.scroll = max(0, self.scroll - int(intent.value))
            else:
                self.go(-int(intent.value))
        elif k == it.CLICK:
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None and b.enabled:
                {"prev": lambda: self.go(-1), "next": lambda: self.go(1), "done": self.done}[b.key]()
            elif intent.pos is not None and self.panel.collidepoint(intent.pos):
                row = self._row_at(intent.pos)
                if row is not None and row != self.index:
                    self.index = row
                    self.scroll = 0
        self.layout()

    def _rows(self) -> list[tuple[int, pygame.Rect]]:
        """The summary rows (step index, rectangle) shown in the panel, around the current step;
        a row is as tall as its wrapped text (``ROW_LINES`` lines at most)."""
        inner = self.panel.inflate(-kit.sc(24), -kit.sc(24))
        lh = kit.FONTS.get("small").get_linesize()
        top = inner.y + kit.sc(34)
        bottom = self.box.top - kit.sc(10) if self.box.h else inner.bottom  # above the step's text
        room = max(lh, bottom - top)
        width = inner.w - kit.sc(8)
        height = {i: len(self._row_lines(i, width)) * lh for i in range(len(self.steps))}
        lo = hi = min(self.index, len(self.steps) - 1)
        used = height.get(lo, lh)
        while True:  # grow the window around the current step, below first, while rows fit
            grown = False
            for cand in (hi + 1, lo - 1):
                if 0 <= cand < len(self.steps) and not lo <= cand <= hi and used + height[cand] <= room:
                    used += height[cand]
                    lo, hi = min(lo, cand), max(hi, cand)
                    grown = True
            if not grown:
                break
        out, y = [], top
        for i in range(lo, hi + 1):
            out.append((i, pygame.Rect(inner.x, y, inner.w, height[i])))
            y += height[i]
        return out

    def _row_lines(self, i: int, width: int) -> list[str]:
        """Step ``i``'s row (its headline), wrapped to ``width``; the last line shortened if it
        needs more than ``ROW_LINES``."""
        s = self.steps[i]
        lines = kit.wrap(self._headline(s), kit.FONTS.get("small"), width)
        return [*lines[:ROW_LINES - 1], " ".join(lines[ROW_LINES - 1:])] if len(lines) > ROW_LINES else lines

    def _marks(self, s: RecapStep) -> str:
        """A step's crises and victory points in short ('⚠ Crisis: Western Concern; Iran −1 VP'),
        from its log lines."""
        scn = self.gs.scn
        crises = [scn.tracks[str(e.data["track"])].name for e in s.lines
                  if e.kind == "crisis" and e.data.get("track") in scn.tracks]
        vp: dict[str, int] = {}
        for e in s.lines:
            f, n = e.data.get("faction"), e.data.get("delta")
            if e.kind == "vp" and isinstance(f, str) and isinstance(n, int):
                vp[f] = vp.get(f, 0) + n
        parts = [f"⚠ Crisis: {', '.join(crises)}"] if crises else []
        parts += [f"{scn.faction(f).name} {signed(n)} VP" for f, n in vp.items() if n]
        return "; ".join(parts)

    def _row_at(self, pos: tuple[int, int]) -> int | None:
        for i, r in self._rows():
            if r.collidepoint(pos):
                return i
        return None

    def _moment(self, s: RecapStep) -> str:
        return self.moments.get(id(s), "")

    def _find_moment(self, s: RecapStep) -> str:
        """The big moment a step tells: its milestone ("Treaty signed"), "Reveal", "New leader", or ""."""
        words = self.gs.match.milestone_of(s.lines)
        if words:
            return words
        if any(e.kind in ("reveal", "headline_reveal") for e in s.lines):
            return "Reveal"
        return "New leader" if any(e.kind == "leader" for e in s.lines) else ""

    def _headline(self, s: RecapStep) -> str:
        name = str(self.gs.scn.faction(s.mover).name)
        texts = [e.text for e in s.lines if e.kind not in ("event_text",)]
        moment = self._moment(s)
        marks = self._marks(s)
        star = (f"★ {moment}: " if moment else "") + (f"{marks} — " if marks else "")
        if not texts:
            return star + name
        if s.part > 0 or texts[0].startswith(name):  # what followed the move is nobody's doing
            return star + texts[0]
        return f"{star}{name}: {texts[0]}"

    def draw(self, surface: pygame.Surface) -> None:
        w = surface.get_width()
        s = self.step
        name = self.gs.scn.faction(self.seat).name
        pygame.draw.rect(surface, kit.THEME.c("header"), pygame.Rect(0, 0, w, kit.sc(64)))
        kit.text(surface, f"{name} — since your last turn", (kit.sc(20), kit.sc(10)), "large", bold=True)
        kit.text(surface, f"Step {self.index + 1} of {len(self.steps)}  ·  the map as it was after this step  ·  "
                 "Left/Right: steps · Up/Down: read a long one",
                 (kit.sc(20), kit.sc(40)), "small", kit.THEME.c("muted"))
        try:
            self.gs.map_panel.draw_view(surface, self.map_rect, s.view, highlight=s.region)
        except Exception as exc:  # a broken map must not stop the recap
            pygame.draw.rect(surface, kit.THEME.c("map_sea"), self.map_rect)
            kit.text(surface, f"(map unavailable: {type(exc).__name__})", self.map_rect.center, anchor="center")
        kit.panel(surface, self.panel, "panel", "panel_border", radius=0)
        inner = self.panel.inflate(-kit.sc(24), -kit.sc(24))
        kit.text(surface, "WHAT HAPPENED", (inner.x, inner.y), "small", kit.THEME.c("muted"), bold=True)
        rows = self._rows()
        for i, r in rows:
            if i == self.index:
                pygame.draw.rect(surface, kit.THEME.c("button_hover"), r.inflate(kit.sc(8), 0))
            col = self.gs.colours.get(self.steps[i].mover, kit.THEME.c("text"))
            pygame.draw.rect(surface, col, pygame.Rect(r.x - kit.sc(4), r.y + 2, kit.sc(3), r.h - 4))
            lh = kit.FONTS.get("small").get_linesize()
            for n, ln in enumerate(self._row_lines(i, r.w - kit.sc(8))):
                kit.text(surface, ln, (r.x + kit.sc(4), r.y + n * lh), "small", max_width=r.w - kit.sc(8))
        # the current step in full, under the rows (Up/Down scroll a long one)
        box = self.box
        kit.panel(surface, box, "panel", "accent")
        lh = kit.FONTS.get("normal").get_linesize()
        y = box.y + kit.sc(10)
        for ln in self.lines[self.scroll:self.scroll + self.fit]:
            kit.text(surface, ln, (box.x + kit.sc(10), y), "normal", max_width=box.w - kit.sc(20))
            y += lh
        below = len(self.lines) - self.scroll - self.fit
        if below > 0 or self.scroll > 0:
            more = f"↓ {below} more line{'s' if below != 1 else ''} (Down)" if below > 0 else "↑ Up: the start"
            kit.text(surface, more, (box.right - kit.sc(10), box.bottom - kit.sc(8)), "small", kit.THEME.c("accent"),
                     anchor="bottomright", max_width=box.w - kit.sc(20))  # in the box, under its lines
        for b in self.buttons:
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse))
