"""New game: the scenario, each seat human or computer, the seed."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pygame

from ... import resources, safefile
from ...engine.turn import month_name
from .. import intents as it
from ..intents import Intent
from ..scenarios import GameSetup, resolve_scenario
from ..scenarios import load_cached as load_cached  # where the CLI and tests find it
from . import flow, kit
from .base import Scene
from .game import GameScene
from .tutorial import attach, should_offer

# Where a listed scenario comes from, when it is not one shipped with the game.
_ORIGIN_NOTE = {"working": " · this folder", "user": " · your scenarios"}

SEAT_CYCLE = ("human", "ai:easy", "ai:normal", "ai:hard")


def discover(folder: Path | None = None) -> list[tuple[Path, Any | None, str]]:
    """Every scenario the game finds: (path, scenario or None, error text).

    Without ``folder``: the scenario roots of :func:`resources.find_scenario_files` (the
    working folder, the user's scenario folder, the bundled scenarios), as ``scenarios`` lists
    them; a scenario shadowed by one of the same id in an earlier root is left out.
    """
    out: list[tuple[Path, Any | None, str]] = []
    if folder is None:
        paths = [f.path for f in resources.find_scenario_files() if not f.shadowed]
    else:
        paths = resources.scenario_files_in(folder)
    for p in paths:
        try:
            out.append((p, load_cached(p), ""))
        except Exception as exc:  # a broken scenario is listed, not fatal
            msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            out.append((p, None, safefile.printable(msg)))
    # The main scenario first, then the rest by name.
    out.sort(key=lambda t: (t[1] is None, -len(t[1].months) if t[1] is not None else 0, t[0].name))
    return out


class NewGameScene(Scene):
    name = "newgame"

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.entries = discover()
        self.origins = {f.path: f.origin for f in resources.find_scenario_files()}
        self.index = 0
        self.seats: dict[str, str] = {}
        self.seed = random.randint(1, 99999)
        self.focus = 0
        self.message = ""
        self.widgets: list[kit.Button] = []
        setup: GameSetup | None = getattr(app, "setup", None)
        if setup is not None:
            want = resolve_scenario(setup.scenario).resolve()
            for i, (p, _s, _e) in enumerate(self.entries):
                if p.resolve() == want:
                    self.index = i
            self.seats.update(setup.seats)
            self.seed = setup.seed
        self._fill_seats()

    # -------------------------------------------------------------- model

    @property
    def scenario(self) -> Any | None:
        return self.entries[self.index][1] if self.entries else None

    def _fill_seats(self) -> None:
        scn = self.scenario
        if scn is None:
            return
        for i, f in enumerate(scn.factions):
            if f not in self.seats:
                self.seats[f] = "human" if i == 0 else "ai:normal"

    def setup(self) -> GameSetup | None:
        if not self.entries or self.scenario is None:
            return None
        scn = self.scenario
        return GameSetup(self.entries[self.index][0], {f: self.seats[f] for f in scn.factions}, self.seed)

    def start(self) -> None:
        setup = self.setup()
        if setup is None:
            self.message = "This scenario has errors; run 'diplomacy-game validate' on it."
            return
        assert self.scenario is not None  # a setup is made only from a loaded scenario
        scene = GameScene(self.app, self.scenario, setup.seats, setup.seed)
        self.app.replace(scene)
        if should_offer(self.app, self.scenario, setup.seats):  # a first short game: the guide, once
            attach(self.app, scene)

    # -------------------------------------------------------------- layout

    def layout(self) -> None:
        w, h = self.size
        pad = kit.sc(24)
        col_w = min(kit.sc(420), (w - 3 * pad) // 2)
        bh, gap = kit.sc(38), kit.sc(8)
        x0, y0 = pad + max(0, (w - 2 * col_w - 3 * pad) // 2), kit.sc(100)
        ws: list[kit.Button] = []
        for i, (p, scn, err) in enumerate(self.entries):
            label = scn.model.title if scn is not None else f"{p.name} (has errors)"
            label += _ORIGIN_NOTE.get(self.origins.get(p, "bundled"), "")
            ws.append(kit.Button(f"scn:{i}", label, pygame.Rect(x0, y0 + i * (bh + gap), col_w, bh),
                                 enabled=scn is not None, reason=err or None, selected=i == self.index))
        x1 = x0 + col_w + pad
        y = y0
        scn = self.scenario
        if scn is not None:
            for f in scn.factions:
                who = self.seats.get(f, "ai:normal")
                level = who.partition(":")[2] or "normal"
                label = f"{scn.faction(f).name}: " + ("Human" if who == "human" else f"Computer ({level})")
                ws.append(kit.Button(f"seat:{f}", label, pygame.Rect(x1, y, col_w, bh), hint="←/→"))
                y += bh + gap
        y += gap * 2
        roll_w = min(kit.sc(130), col_w // 3)
        seed_w = col_w - roll_w - gap
        ws.append(kit.Button("seed", f"Seed: {self.seed}", pygame.Rect(x1, y, seed_w, bh), hint="type digits"))
        ws.append(kit.Button("reroll", "New seed", pygame.Rect(x1 + seed_w + gap, y, roll_w, bh), hint="R"))
        y += bh + gap * 4
        ws.append(kit.Button("start", "Start the game", pygame.Rect(x1, y, col_w, bh + kit.sc(6)),
                             enabled=scn is not None, hint="Enter"))
        ws.append(kit.Button("back", "Back", pygame.Rect(x1, y + bh + gap * 2 + kit.sc(6), col_w, bh), hint="Esc"))
        self.widgets = ws
        self.focus = max(0, min(self.focus, len(ws) - 1))
        sy = y0 + len(self.entries) * (bh + gap) + pad
        want = kit.sc(90)
        if scn is not None:
            want += kit.block_height(scn.model.summary, col_w - kit.sc(24))
        self._summary_rect = pygame.Rect(x0, sy, col_w, max(kit.sc(60), min(want, h - sy - pad)))

    def enter(self) -> None:
        self.layout()

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    # -------------------------------------------------------------- input

    def _change(self, b: kit.Button, step: int) -> None:
        if b.key.startswith("scn:"):
            if self.entries:
                self.index = (self.index + step) % len(self.entries)
                self._fill_seats()
        elif b.key.startswith("seat:"):
            f = b.key[5:]
            cur = self.seats.get(f, "human")
            cur = cur if cur in SEAT_CYCLE else ("ai:normal" if cur.startswith("ai") else "human")
            self.seats[f] = SEAT_CYCLE[(SEAT_CYCLE.index(cur) + step) % len(SEAT_CYCLE)]
        elif b.key == "seed":
            self.seed = max(0, self.seed + step)

    def _activate(self, b: kit.Button) -> None:
        if not b.enabled:
            self.message = b.reason or "not available"
            return
        self.message = ""
        if b.key.startswith("scn:"):
            self.index = int(b.key[4:])
            self._fill_seats()
        elif b.key.startswith("seat:"):
            self._change(b, 1)
        elif b.key == "seed":  # the seed stays: typing digits changes it, New seed (R) rolls one
            self.message = ""
        elif b.key == "reroll":
            self.seed = random.randint(1, 99999)
        elif b.key == "start":
            self.start()
        elif b.key == "back":
            self.app.pop()

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        n = len(self.widgets)
        cur = self.widgets[self.focus] if n else None
        if k in (it.DOWN, it.NEXT) and n:
            self.focus = (self.focus + 1) % n
        elif k in (it.UP, it.PREV) and n:
            self.focus = (self.focus - 1) % n
        elif k in (it.LEFT, it.RIGHT) and cur is not None:
            self._change(cur, -1 if k == it.LEFT else 1)
        elif k == it.SPACE and cur is not None:
            self._activate(cur)
        elif k == it.CONFIRM:
            if cur is not None and cur.key.startswith("scn:") and int(cur.key[4:]) != self.index:
                self._activate(cur)  # select the focused scenario; Enter again starts it
            elif cur is not None and cur.key != "seed" and not cur.key.startswith(("scn:", "seat:")):
                self._activate(cur)
            else:  # on a seat too: Enter is Start's key, as its button says (Space changes a seat)
                self.start()
        elif k == it.CANCEL:
            self.app.pop()
        elif k == it.DIGIT and cur is not None and cur.key == "seed":
            self.seed = min(999_999_999, self.seed * 10 + int(intent.value))
        elif k == it.BACKSPACE and cur is not None and cur.key == "seed":
            self.seed //= 10
        elif k == it.LETTER and intent.value == "r":
            self.seed = random.randint(1, 99999)
        elif k == it.LETTER and intent.value == "s":
            self.start()
        elif k == it.CLICK:
            b = kit.button_at(self.widgets, intent.pos)
            if b is not None:
                self.focus = self.widgets.index(b)
                self._activate(b)
        elif k == it.RCLICK:
            b = kit.button_at(self.widgets, intent.pos)
            if b is not None:
                self._change(b, -1)

    # -------------------------------------------------------------- draw

    def draw(self, surface: pygame.Surface) -> None:
        w, h = surface.get_size()
        kit.text(surface, "New game", (w // 2, kit.sc(30)), "title", bold=True, anchor="midtop")
        if self.widgets:
            first = self.widgets[0].rect
            kit.text(surface, "Scenario", (first.x, first.y - kit.sc(8)), "small", kit.THEME.c("muted"),
                     anchor="bottomleft")
            seat_w = next((b for b in self.widgets if b.key.startswith("seat:") or b.key == "seed"), None)
            if seat_w is not None:
                font = kit.FONTS.get("small")  # as much of it as fits over the seats (a large UI scale)
                heads = [f"Seats: human, or computer easy / normal / hard{how}" for how in (" (Space, click, ←/→)", "")]
                head = next((x for x in heads if font.size(x)[0] <= seat_w.rect.w), heads[-1])
                kit.text(surface, head, (seat_w.rect.x, seat_w.rect.y - kit.sc(8)), "small", kit.THEME.c("muted"),
                         anchor="bottomleft", max_width=w - seat_w.rect.x - kit.sc(8))
        for i, b in enumerate(self.widgets):
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus)
        scn = self.scenario
        r = self._summary_rect
        if scn is not None and r.h > 0:
            kit.panel(surface, r)
            inner = r.inflate(-kit.sc(24), -kit.sc(20))
            y = inner.y
            months = scn.months
            kit.text(surface, scn.model.title, (inner.x, y), "large", bold=True, max_width=inner.w)
            y += kit.FONTS.get("large").get_linesize() + kit.sc(4)
            kit.text(surface, f"{month_name(months[0])} – {month_name(months[-1])} · {len(months)} turns",
                     (inner.x, y), "small", kit.THEME.c("muted"))
            y += kit.FONTS.get("small").get_linesize() + kit.sc(8)
            body = pygame.Rect(inner.x, y, inner.w, inner.bottom - y)
            # short of room (a large UI scale): the smaller text, and what still does not fit ends with "…"
            size = "normal" if kit.block_height(scn.model.summary, body.w) <= body.h + 2 else "small"
            kit.text_block(surface, scn.model.summary, body, size)
        elif not self.entries:
            kit.text(surface, f"No scenarios found in {resources.describe_roots()}", (w // 2, h // 2), anchor="center",
                     color=kit.THEME.c("danger"))
        if self.message:
            kit.text(surface, self.message, (w // 2, h - kit.sc(20)), "normal", kit.THEME.c("danger"),
                     anchor="midbottom")


flow.register("new_game", NewGameScene)
