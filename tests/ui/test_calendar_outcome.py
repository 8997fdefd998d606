"""The calendar dialog ("On the calendar") tells what an event did, in the log's own lines: the
roll of an election and who won, what the deciding seat chose, the tracks and VP it moved — not
only in the catch-up (playtest s5/s6: "Calendar dialogs never give the outcome")."""

from __future__ import annotations

import pygame
import pytest
from helpers import MAIN
from ui_driver import Driver, digit, key

from diplomacy_game.ui.moments_log import event_outcome
from diplomacy_game.ui.scenes.catchup import CatchUpScene
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.handoff import HandoffScene
from diplomacy_game.ui.scenes.moments import MomentScene


def _notices(d: Driver, gs: object, want: set[str], frames: int = 2500) -> dict[str, list[str]]:
    """Play first options and operations; the texts drawn by each calendar dialog, by event id,
    until every event in ``want`` has had its dialog."""
    seen: dict[str, list[str]] = {}
    for _ in range(frames):
        top = d.top
        if want <= seen.keys() or gs.game.is_over():  # type: ignore[attr-defined]
            break
        if isinstance(top, EventNotice):
            texts = d.step()
            for ev in top.events:
                seen.setdefault(ev.id, texts)
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, MomentScene | CatchUpScene):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, HandoffScene):
            d.step(dt=0.5)
            d.step([key(pygame.K_SPACE, " ")])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        else:
            d.plain_move(gs)
    return seen


@pytest.mark.parametrize("scale", [100, 150])
def test_the_calendar_dialog_shows_the_roll_and_the_choice_an_event_brought(scale: int) -> None:
    # at 150 % two events share a notice short of room: the decisive lines are the ones kept
    d = Driver()
    d.app.settings.ui_scale = scale
    d.app.apply_settings()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    seen = _notices(d, gs, {"raisi_crash", "iran_election"})
    assert {"raisi_crash", "iran_election"} <= seen.keys()
    log = gs.game.view("iran").log
    # the dialog's own lines ("• " and the log's text), not the log panel beside it
    drawn = {k: " ".join(t for t in v if t.startswith("• ")) for k, v in seen.items()}
    # the helicopter crash: Russia (a computer seat) chose how to answer; the dialog says what
    crash = event_outcome(log, "raisi_crash")
    chose = [e.text for e in crash if e.kind == "choice"]
    assert chose and all(t in drawn["raisi_crash"] for t in chose)
    assert any(e.kind == "leader" and e.text in drawn["raisi_crash"] for e in crash)
    # the election: the die roll and the winner, in the engine's words
    vote = event_outcome(log, "iran_election")
    roll = [e.text for e in vote if e.kind == "roll"]
    won = [e.text for e in vote if e.kind == "leader"]
    assert roll and won
    for t in (*roll, *won):
        assert t in drawn["iran_election"], t


def test_an_event_outcome_is_the_lines_after_it_up_to_the_next_step() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3, path=MAIN)
    log = gs.game.view(None).log
    out = event_outcome(log, "raisi_crash")
    assert out and all(e.kind not in ("event", "event_text", "draw_count", "turn") for e in out)
    i = next(i for i, e in enumerate(log) if e.kind == "event" and e.data.get("event") == "raisi_crash")
    assert out[0] is log[i + 2]  # after the title and the text
    assert event_outcome(log, "no_such_event") == ()


def test_an_events_choice_dialog_shows_what_the_event_did_before_the_choice() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "ai:easy", "west": "human"}, seed=3, path=MAIN)
    drawn: list[str] = []
    for _ in range(2500):
        top = d.top
        p = gs.view.pending
        if isinstance(top, ChoiceDialog) and getattr(p, "id", None) == "pyongyang_treaty":
            drawn = d.step()
            break
        if gs.game.is_over() or gs.game.state.turn > 1:
            break
        if isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif isinstance(top, EventNotice | MomentScene | CatchUpScene):
            d.step([key(pygame.K_RETURN)])
        else:
            d.plain_move(gs)
    assert drawn, "the West was never asked how to answer the Pyongyang pact"
    before = [e for e in event_outcome(gs.game.view("west").log, "pyongyang_treaty") if e.kind != "choice_open"]
    assert before  # Russia's influence in North Korea, Western Concern up
    text = " ".join(drawn)
    assert all(f"• {e.text}" in text for e in before[:4])
