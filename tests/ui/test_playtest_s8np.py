"""A new player's main-scenario game (s8-np): when a match ends early (a faction reaches 45 VP at
the October scoring) the calendar no longer draws "No more scheduled events." and the
"Ruled out: …" line on the same row, nor promises turns and scorings that will never come; and
wherever nothing more can happen, the ruled-out line sits below "No more scheduled events."."""

from __future__ import annotations

import pygame
from helpers import MAIN
from ui_driver import NOTICES, Driver, digit, key

from diplomacy_game.ui.scenes.dialogs import ChoiceDialog
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.moments import MomentScene


def _calendar_lines(d: Driver, gs: GameScene) -> list[tuple[str, pygame.Rect]]:
    """One frame; each string drawn in the calendar box with its rectangle."""
    return [(s, r) for s, r in d.placed() if gs.L.calendar.contains(r)]


def _no_overlap(lines: list[tuple[str, pygame.Rect]]) -> None:
    for i, (a, ra) in enumerate(lines):
        for b, rb in lines[i + 1:]:
            assert not ra.colliderect(rb), (a, b)


def _play_to_the_end(seed: int) -> tuple[Driver, GameScene]:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=seed, path=MAIN)
    for _ in range(5000):
        top = d.top
        if isinstance(top, MomentScene) and gs.game.is_over():
            return d, gs  # the last scoring is on the screen, the game screen still below it
        if isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif top is gs and not gs.ended:
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    raise AssertionError("the game did not end")


def test_the_calendar_of_a_game_ended_early_says_so_without_overlapping_lines() -> None:
    d, gs = _play_to_the_end(3)
    last = gs.scn.months[-1]
    assert gs.view.month < last  # it ended before its last month (seed 3: Iran at 45 VP in October)
    lines = _calendar_lines(d, gs)
    texts = [s for s, _r in lines]
    _no_overlap(lines)
    assert any(s.startswith("The game ended in ") for s in texts), texts
    assert not any("more turn" in s or "scoring:" in s for s in texts), texts  # no turns to come
    assert not any(s.startswith("Ruled out") for s in texts), texts  # not ruled out: never reached
    assert any(s.startswith("Never reached: ") for s in texts), texts


def test_the_ruled_out_line_sits_below_no_more_scheduled_events() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=1, path=MAIN)
    while d.top is not gs:  # the first month's choice and notices, which would draw over the calendar
        d.step([digit(1)] if isinstance(d.top, ChoiceDialog) else [key(pygame.K_RETURN)])
    ahead = list(gs.scn.events[-2:])
    gs.match.calendar = lambda: ([], ahead)  # type: ignore[method-assign]  # all that is left is impossible
    lines = _calendar_lines(d, gs)
    texts = [s for s, _r in lines]
    assert "No more scheduled events." in texts and any(s.startswith("Ruled out: ") for s in texts), texts
    _no_overlap(lines)
