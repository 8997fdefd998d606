"""The calendar's dialog comes before a computer seat acts (s6-play P2-4): when a month's timeline
events fire, the human at the screen reads them before any computer seat moves after them; in
hot seat, the seat still at the screen sees only public lines, and each seat is told each event
once."""

from __future__ import annotations

import pygame
from helpers import MAIN
from ui_driver import NOTICES, Driver, digit, key

from diplomacy_game.engine.state import LogEntry
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.handoff import MIN_SHOWN, HandoffScene

MOVES = frozenset({"play_event", "play_ops", "faction_action", "discard", "headline_pick"})


def _moves_after(log: tuple[LogEntry, ...], event_id: str, computers: set[str]) -> list[str]:
    """The computer seats' moves in ``log`` after the last firing of ``event_id``."""
    idx = max(i for i, e in enumerate(log) if e.kind == "event" and e.data.get("event") == event_id)
    return [e.text for e in log[idx + 1:] if e.kind in MOVES and e.data.get("faction") in computers]


def _play(d: Driver, gs: GameScene, turns: int) -> list[tuple[str | None, list[str]]]:
    """Play on (plain moves) until month ``turns``; (seat at the screen, events) per calendar dialog,
    each checked when it opens: no computer seat has moved after its events (unless told at the table
    before, as a decision)."""
    computers = {f for f in gs.scn.factions if f not in gs.humans}
    shown: list[tuple[str | None, list[str]]] = []
    seen: object = None
    table: set[str] = set()  # the events told to someone at the screen
    for _ in range(3000):
        top = d.top
        if isinstance(top, EventNotice) and top is not seen:
            seen = top
            who = gs.match.at_screen()
            shown.append((who, [ev.id for ev in top.events]))
            log = gs.game.view(None).log
            for ev in top.events:
                if ev.id in table:
                    continue  # hot seat: already told at the table (another seat's decision on it)
                table.add(ev.id)
                assert not _moves_after(log, ev.id, computers), (ev.id, _moves_after(log, ev.id, computers))
            # the screen under the dialog is the seat's own view or the public one, never another seat's
            assert gs.viewer in (None, who)
        if gs.game.is_over() or gs.game.state.turn >= turns:
            return shown
        if isinstance(top, HandoffScene):
            d.step([key(pygame.K_SPACE, " ")] if top.age >= MIN_SHOWN else [], dt=0.5)
        elif isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            table.add(str(getattr(gs.view.pending, "id", "")))
            d.step([digit(1)])
        elif top is gs:
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    raise AssertionError("the game did not reach the month")


def test_calendar_dialog_before_the_computer_seats_move() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=11, path=MAIN)
    shown = _play(d, gs, 5)
    told = [e for _who, evs in shown for e in evs]
    # Raisi's crash opens the game and Kursk comes in August: Russia moves first in both months
    assert "raisi_crash" in told and "kursk_incursion" in told, told
    assert len(told) == len(set(told)), told  # each event told once
    log = gs.game.view("iran").log
    fired = {str(e.data["event"]) for e in log if e.kind == "event"}
    asked = {str(e.data["id"]) for e in log if e.kind == "choice_open" and e.data.get("source") == "event"}
    assert fired - asked <= set(told), fired - asked - set(told)  # a decision on an event is its own dialog


def test_hotseat_calendar_dialog_before_the_computer_seat_and_once_per_seat() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "human"}, seed=11, path=MAIN)
    shown = _play(d, gs, 5)
    for seat in ("iran", "west"):
        told = [e for who, evs in shown if who == seat for e in evs]
        assert len(told) == len(set(told)), (seat, told)
    # the game opens with Raisi's crash and Russia to move: told to the table before any seat's hand-off
    assert shown[0] == (None, ["raisi_crash"]), shown
    # August's events fire after the last human move of July: told to that seat before Russia moves
    assert any(who in ("iran", "west") and "kursk_incursion" in evs for who, evs in shown), shown
