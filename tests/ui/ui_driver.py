"""Drive the game window with synthetic pygame events (headless)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pygame

from diplomacy_game.engine.cards import PendingPlay
from diplomacy_game.ui.app import App
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.moments import MomentScene
from diplomacy_game.ui.scenes.newgame import load_cached
from diplomacy_game.ui.scenes.title import TitleScene
from diplomacy_game.ui.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "diplomacy_game" / "data" / "scenarios"
SHORT = SCENARIOS / "ashgabat_to_kazan.yaml"
NOTICES = (EventNotice, MomentScene)  # screens read and passed with Enter (no decision in them)
HUMAN = 0.3  # seconds between two inputs of a person at the window


def key(k: int, uni: str = "", mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode=uni)


def letter(ch: str) -> pygame.event.Event:
    return key(getattr(pygame, f"K_{ch}"), ch)


def digit(n: int) -> pygame.event.Event:
    return key(getattr(pygame, f"K_{n}"), str(n))


def click(pos: tuple[int, int], button: int = 1) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)


def move(pos: tuple[int, int]) -> pygame.event.Event:
    return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))


@contextmanager
def placing() -> Iterator[list[tuple[str, pygame.Rect]]]:
    """While the block runs, each one-line string drawn, with the rectangle it was drawn in (the
    list is filled when the block ends)."""
    out: list[tuple[str, pygame.Rect]] = []
    rects: list[pygame.Rect] = []
    marks: list[tuple[str, int]] = []

    def rec(s: str) -> None:
        marks.append((s, len(rects)))  # ``kit.text`` tracks its rectangle right after rendering

    kit.add_recorder(rec)
    kit.track_rects(rects)
    try:
        yield out
    finally:
        kit.untrack_rects(rects)
        kit.remove_recorder(rec)
        out.extend((s, rects[i]) for s, i in marks if i < len(rects))


class Driver:
    """An app on the title screen; ``step`` runs one frame, recording every string drawn."""

    def __init__(self, size: tuple[int, int] = (1280, 720), speed: str = "instant") -> None:
        self.app = App(Settings(window_size=size, anim_speed=speed), persist=False)
        self.app.reraise = True  # a test sees an exception, not the error screen
        self.app.push(TitleScene(self.app))
        self.frame_texts: list[str] = []
        self._rec = self.frame_texts.append
        self._points: dict[tuple[Any, ...], dict[str, tuple[int, int]]] = {}

    def step(self, events: Iterable[pygame.event.Event] = (), dt: float = HUMAN) -> list[str]:
        """One frame, ``dt`` seconds after the last; returns the strings drawn in it.

        By default a frame comes at a person's pace: a dialog opened in the frame before has
        stood long enough to take input (dialogs ignore what comes sooner, see ``SETTLE``)."""
        self.frame_texts.clear()
        gs = self.game()
        if gs is not None and gs.ai_job is not None and gs.ai_job.thread is not None:
            gs.ai_job.thread.join(timeout=60)  # a computer seat thinking: wait, so tests are deterministic
        kit.add_recorder(self._rec)
        try:
            self.app.process(list(events), dt)
        finally:
            kit.remove_recorder(self._rec)
        return list(self.frame_texts)

    def placed(self, events: Iterable[pygame.event.Event] = ()) -> list[tuple[str, pygame.Rect]]:
        """One frame, like ``step``; each one-line string drawn, with the rectangle it was drawn in."""
        with placing() as out:
            self.step(events)
        return out

    @property
    def top(self) -> Any:
        return self.app.top

    def game(self) -> GameScene | None:
        return self.app.find(GameScene)  # type: ignore[return-value]

    def start_game(self, seats: dict[str, str], seed: int = 1, path: Path = SHORT) -> GameScene:
        scn = load_cached(path)
        gs = GameScene(self.app, scn, seats, seed)
        self.app.push(gs)
        self.step()
        return gs

    def to_card_play(self, gs: GameScene, limit: int = 120) -> None:
        """Play on (the first option of each choice, Enter on each notice and moment, computer
        seats given time) until the seat at the screen is to play a card, the game screen on top."""
        for _ in range(limit):
            if isinstance(self.top, ChoiceDialog):
                self.step([digit(1)])
            elif isinstance(self.top, NOTICES):
                self.step([key(pygame.K_RETURN)])
            elif gs.pending_kind == "play" and self.top is gs and isinstance(gs.game.state.pending, PendingPlay):
                return
            else:
                self.step(dt=1.0)
        raise AssertionError("the seat at the screen never came to play a card")

    def plain_move(self, gs: GameScene) -> None:
        """The simplest answer the game screen takes for its decision: the first card for its
        operations, Done, the first marked target; else a second passes (a computer thinks)."""
        kind = gs.pending_kind
        if kind == "play":
            self.step([digit(1), letter("o")])
        elif kind == "ops":
            self.step([letter("d")])
        elif kind == "target":
            self.step([key(pygame.K_TAB), key(pygame.K_RETURN)])
        else:
            self.step(dt=1.0)

    def region_point(self, gs: GameScene, rid: str) -> tuple[int, int] | None:
        """A point inside ``rid`` (one scan of the map per layout, cached)."""
        m = gs.L.map
        k = (m.x, m.y, m.w, m.h)
        if k not in self._points:
            pts: dict[str, tuple[int, int]] = {}
            step = 5
            for yy in range(m.y + 2, m.bottom - 2, step):
                for xx in range(m.x + 2, m.right - 2, step):
                    r = gs.region_at((xx, yy))
                    # a point well inside: its neighbours are in the region too
                    near = ((3, 0), (-3, 0), (0, 3), (0, -3))
                    if r is not None and r not in pts and all(gs.region_at((xx + a, yy + b)) == r for a, b in near):
                        pts[r] = (xx, yy)
            self._points[k] = pts
        return self._points[k].get(rid)
