"""At 150 % UI scale in a 1280×720 window (issue 16, s6-play): the side panel keeps a few calendar
events and log lines (the factions on two lines each), no faction line or header pill is cut, the
narrow operation buttons keep their key letters, and a scoring longer than the window has pages;
at 100 % the side panel keeps its three-line factions."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from helpers import MAIN
from ui_driver import NOTICES, SHORT, Driver, digit, key, letter

from diplomacy_game.ui.app import App
from diplomacy_game.ui.panels import side
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.moments import MomentScene
from diplomacy_game.ui.scenes.title import TitleScene
from diplomacy_game.ui.settings import Settings


def _driver(scale: int) -> Driver:
    d = Driver()
    d.app = App(Settings(window_size=(1280, 720), anim_speed="instant", ui_scale=scale), persist=False)
    d.app.reraise = True
    d.app.push(TitleScene(d.app))
    return d


def _to_play(d: Driver, gs: GameScene) -> None:
    for _ in range(300):
        if isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(d.top, ChoiceDialog):
            d.step([digit(1)])
        elif d.top is gs and gs.pending_kind == "play":
            return
        else:
            d.step(dt=1.0)
    raise AssertionError("never came to play")


def _game(scale: int, path: Path = SHORT) -> tuple[Driver, GameScene]:
    d = _driver(scale)
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=11, path=path)
    _to_play(d, gs)
    d.app.mouse = (5, 5)
    return d, gs


@pytest.mark.parametrize("path", [SHORT, MAIN], ids=["short", "main"])
def test_side_panel_at_150_percent_keeps_calendar_and_log_lines(path: Path) -> None:
    d, gs = _game(150, path)
    assert gs.L.compact
    placed = d.placed()
    upcoming, _never = gs.match.calendar()
    cal = [s for s, r in placed if gs.L.calendar.contains(r) and any(s == ev.date for ev in upcoming)]
    assert len(cal) >= min(3, len(upcoming)), cal
    log = [s for s, r in placed if gs.L.log.contains(r) and not s.startswith("LOG")]
    assert len(log) >= side.LOG_ROWS, log
    for s, r in placed:  # nothing in the factions panel, the calendar's first line or the header is cut
        if gs.L.factions.contains(r) or gs.L.top.contains(r):
            assert not s.endswith("…") or s.endswith("playing…"), s
    for f in gs.scn.factions:
        assert any(s.startswith(gs.scn.faction(f).name) for s, r in placed if gs.L.factions.contains(r))


def test_side_panel_at_100_percent_is_unchanged() -> None:
    d, gs = _game(100)
    assert not gs.L.compact
    assert gs.L.factions.h == len(gs.scn.factions) * kit.sc(58) + kit.sc(24)
    placed = d.placed()
    view = gs.view
    for f in gs.scn.factions:  # the leader's title on a line of its own
        ld = gs.scn.leaders[view.leaders[f]]
        assert any(s == f"{ld.name}, {ld.title}" for s, r in placed if gs.L.factions.contains(r))


def test_operation_buttons_at_150_percent_keep_their_letters() -> None:
    d, gs = _game(150)
    d.step([digit(1), letter("o")])
    assert gs.pending_kind == "ops"
    placed = d.placed()
    lettered = [b for b in gs.L.buttons if len(b.hint) == 1]
    assert len(lettered) >= 4
    for b in lettered:
        assert any(s == b.hint and b.rect.contains(r) for s, r in placed), (b.label, b.hint)
        for s, r in placed:  # the label whole (one or two lines), nothing out of the button
            if b.rect.contains(r) and s != b.hint:
                assert not s.endswith("…"), (b.label, s)


def test_a_scoring_longer_than_the_window_has_pages() -> None:
    d, gs = _game(150)
    for _ in range(600):  # to July's scoring
        top = d.top
        if isinstance(top, MomentScene) and top.moment.kind == "score":
            break
        if isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif top is gs:
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    ms = d.top
    assert isinstance(ms, MomentScene) and ms.moment.kind == "score"
    rows = [s for _k, s, _c, _b in ms.rows]
    assert len(ms.pages) > 1
    drawn: list[str] = []
    for p in range(len(ms.pages)):
        placed = d.placed()
        button = ms.buttons[0].rect
        assert f"page {p + 1} of {len(ms.pages)}" in " ".join(s for s, _r in placed)
        drawn += [s for s, r in placed if r.bottom <= button.top]
        assert ms.buttons[0].label == ("Next" if p + 1 < len(ms.pages) else ms.buttons[0].label)
        d.step([key(pygame.K_RETURN)])
    text = " ".join(drawn)
    for row in rows:  # every row on some page (a long one wraps: its first words)
        assert " ".join(row.split()[:3]) in text, row
