"""A new player's look at the screens (issue 16, s8-ux): while a scoring is on its screen the
header names the month scored, not the month after it; the catch-up's "more lines" hint stays in
its box, never over the map."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from helpers import MAIN
from ui_driver import NOTICES, SHORT, Driver, digit, key, letter

from diplomacy_game.engine.turn import month_name
from diplomacy_game.ui.app import App
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.catchup import CatchUpScene
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.moments import MomentScene
from diplomacy_game.ui.scenes.title import TitleScene
from diplomacy_game.ui.settings import Settings


def _game(scale: int, path: Path) -> tuple[Driver, GameScene]:
    d = Driver()
    d.app = App(Settings(window_size=(1280, 720), anim_speed="instant", ui_scale=scale), persist=False)
    d.app.reraise = True
    d.app.push(TitleScene(d.app))
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=11, path=path)
    return d, gs


def _placed(d: Driver, events: list[pygame.event.Event] | None = None) -> list[tuple[str, pygame.Rect]]:
    """One frame; each string drawn with its rectangle."""
    rects: list[pygame.Rect] = []
    marks: list[tuple[str, int]] = []

    def rec(s: str) -> None:
        marks.append((s, len(rects)))  # ``kit.text`` tracks its rectangle right after rendering

    kit.add_recorder(rec)
    kit.track_rects(rects)
    try:
        d.step(events or [])
    finally:
        kit.untrack_rects(rects)
        kit.remove_recorder(rec)
    return [(s, rects[i]) for s, i in marks if i < len(rects)]


def _header(d: Driver, gs: GameScene) -> list[str]:
    return [s for s, r in _placed(d) if gs.L.top.contains(r)]


@pytest.mark.parametrize("scale", [100, 150])
def test_the_header_names_the_month_scored_while_its_scoring_is_shown(scale: int) -> None:
    d, gs = _game(scale, SHORT)
    scored = 0
    for _ in range(1500):
        top = d.top
        if isinstance(top, MomentScene) and top.moment.kind == "score":
            month = gs.scn.months[top.moment.turn]
            over = gs.game.is_over()
            assert top.moment.turn != gs.view.turn or over  # the game is in the month after it
            head = _header(d, gs)
            assert any(s.startswith((month_name(month), month_name(month)[:3])) and "Scoring" in s
                       and f"Turn {top.moment.turn + 1} of" in s for s in head), head
            assert not any(month_name(gs.view.month) in s for s in head) or over, head
            assert not any("to act" in s or "playing" in s for s in head), head  # nobody acts in a scoring
            assert month_name(month).upper() in top.heading  # the screen says the same month
            d.step([key(pygame.K_RETURN)])
            scored += 1
            if d.top is gs and not gs.ended:  # back to the game: its own month again
                head = _header(d, gs)
                assert any(s.startswith((month_name(gs.view.month), month_name(gs.view.month)[:3])) for s in head)
                assert not any("Scoring" in s for s in head), head
            continue
        if isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif top is gs:
            if gs.ended:
                break
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
        if scored >= 2:
            break
    assert scored >= 2


def _long_step(d: Driver, gs: GameScene) -> CatchUpScene:
    """Play on; at each new month's first card, open the catch-up (R) and stop at a step longer
    than its box."""
    asked: set[int] = set()
    for _ in range(3000):
        top = d.top
        if isinstance(top, CatchUpScene):
            for _i in range(len(top.steps)):
                if len(top.lines) > top.fit:
                    return top
                d.step([key(pygame.K_RIGHT)])
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif top is gs:
            if gs.ended:
                break
            if gs.pending_kind == "play" and gs.view.turn > 0 and gs.view.turn not in asked:
                asked.add(gs.view.turn)
                d.step([letter("r")])
            else:
                d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    raise AssertionError("no step longer than its box")


def test_the_catch_up_more_lines_hint_stays_in_its_box() -> None:
    d, gs = _game(150, MAIN)
    cu = _long_step(d, gs)
    for scrolled in (False, True):
        placed = _placed(d)
        hints = [(s, r) for s, r in placed if "more line" in s or "Up: the start" in s]
        assert hints, [s for s, _r in placed]
        box = cu.box
        lines = [r for s, r in placed if box.contains(r) and (s, r) not in hints]
        assert lines
        for s, r in hints:
            assert box.contains(r), (s, r, box)  # not over the map above the box
            assert not any(r.colliderect(x) for x in lines), s  # nor over the step's lines
        if not scrolled:
            for _ in range(len(cu.lines)):
                d.step([key(pygame.K_DOWN)])
            assert cu.scroll > 0 and cu.scroll + cu.fit >= len(cu.lines)
