"""The end screen: who won, why, where each faction's victory points came from, the points over
the turns, and the whole log (L)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from .. import intents as it
from ..intents import Intent
from ..panels.side import short_month
from . import flow, kit
from .base import Scene

# Where a VP change in the log came from: the nearest line before it of one of these kinds.
if TYPE_CHECKING:
    from ..screen import GameScreen

_SOURCES = {"event": "events", "play_event": "cards", "opponent_event": "cards", "upkeep": "tracks",
            "crisis": "crises", "pressure": "pressure", "faction_action": "actions", "final": "final count",
            "turn": "other"}
SOURCE_ORDER = ("start", "blocs", "events", "cards", "tracks", "crises", "pressure", "actions", "final count",
                "other")


def vp_breakdown(scn: Any, log: list[Any], final: dict[str, int]) -> dict[str, dict[str, int]]:
    """Each faction's VP by source, from the log: every ``vp`` line (it carries its faction and
    delta) counts for the event, card, upkeep, crisis, pressure or action it follows; the bloc
    scoring is what the ``vp`` lines and the setup leave of the final count (its lines carry no
    numbers). The sources of a faction add up to its final VP."""
    start = dict(getattr(getattr(scn.model, "setup", None), "vp", {}) or {})
    out = {f: {"start": int(start.get(f, 0))} for f in scn.factions}
    source = "other"
    for e in log:
        if e.kind in _SOURCES:
            source = _SOURCES[e.kind]
        elif e.kind == "vp" and e.data.get("faction") in out:
            row = out[e.data["faction"]]
            row[source] = row.get(source, 0) + int(e.data.get("delta", 0))
    for f, row in out.items():
        row["blocs"] = final.get(f, 0) - sum(row.values())
    return {f: {k: v for k, v in row.items() if v} for f, row in out.items()}


class EndScene(Scene):
    name = "end"

    def __init__(self, app: Any, gs: GameScreen) -> None:
        super().__init__(app)
        self.gs = gs
        self.scn = gs.scn
        view = gs.match.public_view()  # the public view: the end shows no hand
        self.outcome = view.outcome
        self.history = list(view.vp_history)
        self.final_vp = dict(view.vp)
        self.colours = dict(gs.colours)
        self.log = list(view.log)
        self.breakdown = vp_breakdown(self.scn, self.log, self.final_vp)
        # an ending of the scenario's (``end_game``) says it in the engine's words, with who may
        # not win ("The game ends: a second Western crisis. Iran cannot win.")
        ends = [e.text for e in self.log if e.kind == "end"]
        reason = self.outcome.reason if self.outcome else ""
        self.reason = ends[-1] if ends else reason[:1].upper() + reason[1:]
        self.show_log = False
        self.log_scroll = 0  # lines up from the end
        self.buttons: list[kit.Button] = []
        self.focus = 0
        self.chart = pygame.Rect(0, 0, 0, 0)

    def layout(self) -> None:
        w, h = self.size
        bh = kit.sc(40)
        y = h - bh - kit.sc(24)
        keys = [("log", "Chart" if self.show_log else "Log", "L"), ("new", "New game", "N"),
                ("title", "Title screen", "T"), ("quit", "Quit", "Q")]
        bw = min(kit.sc(200), (w - kit.sc(40)) // len(keys) - kit.sc(12))
        x0 = w // 2 - (len(keys) * (bw + kit.sc(12))) // 2
        self.buttons = [kit.Button(k, label, pygame.Rect(x0 + i * (bw + kit.sc(12)), y, bw, bh), hint=hint)
                        for i, (k, label, hint) in enumerate(keys)]
        top = kit.sc(236) + len(self.scn.factions) * kit.sc(22)
        self.chart = pygame.Rect(kit.sc(90), top, w - kit.sc(180), max(kit.sc(80), y - top - kit.sc(60)))

    def enter(self) -> None:
        self.layout()

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    def activate(self, key: str) -> None:
        if key == "log":
            self.show_log = not self.show_log
            self.log_scroll = 0
            self.layout()
        elif key == "new":
            self.app.reset(flow.title()(self.app))
            self.app.push(flow.new_game()(self.app))
        elif key == "title":
            self.app.reset(flow.title()(self.app))
        elif key == "quit":
            self.app.quit()

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        n = len(self.buttons)
        if self.show_log and k in (it.UP, it.DOWN, it.WHEEL):  # the log scrolls
            step = int(intent.value) * 3 if k == it.WHEEL else (1 if k == it.UP else -1)
            self.log_scroll = max(0, self.log_scroll + step)
        elif k in (it.RIGHT, it.NEXT, it.DOWN):
            self.focus = (self.focus + 1) % n
        elif k in (it.LEFT, it.PREV, it.UP):
            self.focus = (self.focus - 1) % n
        elif k in (it.CONFIRM, it.SPACE):
            self.activate(self.buttons[self.focus].key)
        elif k == it.CANCEL:
            self.activate("log" if self.show_log else "title")
        elif k == it.LETTER and intent.value in ("l", "n", "t", "q"):
            self.activate({"l": "log", "n": "new", "t": "title", "q": "quit"}[intent.value])
        elif k == it.CLICK:
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.activate(b.key)

    def headline(self) -> str:
        winners = list(self.outcome.winners) if self.outcome else []
        names = [self.scn.faction(f).name for f in winners]
        if len(names) == 1:
            return f"{names[0]} wins"
        if names:
            return "Shared victory: " + " and ".join(names)
        return "The game is over"

    def title_size(self, width: int) -> int:
        """The headline's font size (unscaled): the huge one, or the largest smaller one in which a
        long headline ("Shared victory: Russia and The West") fits ``width``; never cut."""
        huge = kit.THEME.sizes.get("huge", 72)
        sizes = [huge, *(n for n in (60, 52, 44, 38, 32, 28, 24) if n < huge)]
        head = self.headline()
        return next((n for n in sizes if kit.FONTS.get(n, True).size(head)[0] <= width), sizes[-1])

    def draw(self, surface: pygame.Surface) -> None:
        w = surface.get_width()
        size = self.title_size(w - kit.sc(40))
        room = kit.FONTS.get("huge", True).get_height()  # a smaller title in the middle of the huge one's band
        y = kit.sc(30) + (room - kit.FONTS.get(size, True).get_height()) // 2
        kit.text(surface, self.headline(), (w // 2, y), size, bold=True, anchor="midtop", max_width=w - kit.sc(20))
        kit.text(surface, self.reason, (w // 2, kit.sc(120)), "large", kit.THEME.c("muted"),
                 anchor="midtop", max_width=w - kit.sc(40))
        parts = [f"{self.scn.faction(f).name} {self.final_vp.get(f, 0)} VP" for f in self.scn.factions]
        kit.text(surface, "   ·   ".join(parts), (w // 2, kit.sc(156)), "large", bold=True, anchor="midtop")
        y = kit.sc(192)
        for f in self.scn.factions:  # where the points came from
            row = self.breakdown.get(f, {})
            bits = [f"{k} {'+' if v > 0 else '−'}{abs(v)}" for k in SOURCE_ORDER for v in [row.get(k, 0)] if v]
            line = f"{self.scn.faction(f).name}: " + ("  ·  ".join(bits) if bits else "no points")
            kit.text(surface, line, (w // 2, y), "normal", self.colours.get(f), anchor="midtop",
                     max_width=w - kit.sc(40))
            y += kit.sc(22)
        if self.show_log:
            self._draw_log(surface)
        else:
            self._draw_chart(surface)
        for i, b in enumerate(self.buttons):
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus)

    def log_lines(self, width: int) -> list[tuple[str, str]]:
        """The whole public log, wrapped to ``width``: (line, colour name)."""
        out: list[tuple[str, str]] = []
        font = kit.FONTS.get("small")
        for e in self.log:
            col = "accent" if e.kind in ("turn", "event", "score", "game_over") else (
                "muted" if e.kind == "event_text" else "text")
            out += [(ln, col) for ln in kit.wrap(e.text, font, width)]
        return out

    def _draw_log(self, surface: pygame.Surface) -> None:
        r = self.chart.inflate(kit.sc(60), kit.sc(50))
        kit.panel(surface, r)
        inner = r.inflate(-kit.sc(24), -kit.sc(40))
        inner.y += kit.sc(10)
        lines = self.log_lines(inner.w)
        lh = kit.FONTS.get("small").get_linesize()
        rows = max(1, inner.h // lh)
        self.log_scroll = min(self.log_scroll, max(0, len(lines) - rows))
        end = len(lines) - self.log_scroll
        start = max(0, end - rows)
        kit.text(surface, f"The whole log — lines {start + 1}–{end} of {len(lines)}  ·  Up/Down or the wheel "
                 "to scroll, L or Esc for the chart", (r.x + kit.sc(12), r.y + kit.sc(8)), "small",
                 kit.THEME.c("muted"), max_width=r.w - kit.sc(24))
        y = inner.y
        for ln, col in lines[start:end]:
            kit.text(surface, ln, (inner.x, y), "small", kit.THEME.c(col))
            y += lh

    def _tie_offset(self, vp: dict[str, int], faction: str) -> int:
        """Where factions have the same VP after a turn, each line is drawn a few pixels apart
        (in turn order, around the true height), so that no line hides another."""
        tied = [f for f in self.scn.factions if vp.get(f, 0) == vp.get(faction, 0)]
        if len(tied) < 2:
            return 0
        gap = kit.sc(4)
        return int((tied.index(faction) - (len(tied) - 1) / 2) * gap)

    def _draw_chart(self, surface: pygame.Surface) -> None:
        r = self.chart
        frame = r.inflate(kit.sc(60), kit.sc(50))
        kit.panel(surface, frame)
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
            lw = kit.FONTS.get("small").size(label)[0]  # under its point, inside the chart's frame
            x = max(frame.x + kit.sc(4) + lw // 2, min(x, frame.right - kit.sc(4) - lw + lw // 2))
            kit.text(surface, label, (x, r.bottom + kit.sc(6)), "small", muted, anchor="midtop")
        title = kit.text(surface, "Victory points after each turn", (r.x, r.y - kit.sc(22)), "small", muted)
        font = kit.FONTS.get("small")
        row_w = sum(font.size(self.scn.faction(f).name)[0] + kit.sc(40) for f in self.scn.factions)
        # the key in one row above the chart, off the lines, where it fits beside the title; else
        # at the top right of the chart (a narrow window)
        in_row = r.right - row_w > title.right + kit.sc(16) or len(self.scn.factions) * kit.sc(20) > r.h // 3
        for j, f in enumerate(self.scn.factions):
            col = self.colours.get(f, (200, 200, 200))
            pts = [(x, y + self._tie_offset(d, f)) for i, d in enumerate(hist) for x, y in [pt(i, d.get(f, 0))]]
            if len(pts) > 1:
                pygame.draw.lines(surface, col, False, pts, kit.sc(3))
            for p in pts:
                pygame.draw.circle(surface, col, p, kit.sc(5))
            if not in_row:  # the key at the top right of the chart
                lx = r.right - kit.sc(160)
                ly = r.y + kit.sc(6) + j * kit.sc(20)
                pygame.draw.rect(surface, col, pygame.Rect(lx, ly + kit.sc(4), kit.sc(18), kit.sc(8)))
                kit.text(surface, self.scn.faction(f).name, (lx + kit.sc(26), ly), "small")
        if in_row:  # a low chart (a large UI scale): the key in one row above it, off the lines
            x = r.right
            for f in reversed(self.scn.factions):
                name = kit.text(surface, self.scn.faction(f).name, (x, r.y - kit.sc(22)), "small", anchor="topright")
                x = name.x - kit.sc(26)
                pygame.draw.rect(surface, self.colours.get(f, (200, 200, 200)),
                                 pygame.Rect(x, name.y + kit.sc(4), kit.sc(18), kit.sc(8)))
                x -= kit.sc(14)
