"""A leader change is a moment of its own (issue 16): Raisi's death, the interim president and the
election's winner each get a "New leader" screen, after the calendar dialog of the event that
brought them, for every seat; the catch-up marks the step; the words are the scenario's and the
log's (its leaders, their traits, the story line)."""

from __future__ import annotations

import pygame
from helpers import MAIN
from ui_driver import NOTICES, Driver, digit, key

from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.ui.match import Match
from diplomacy_game.ui.scenes.catchup import CatchUpScene
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.moments import MomentScene


def test_each_leader_change_has_its_own_screen_after_its_event_dialog() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=11, path=MAIN)
    order: list[str] = []  # "event:<id>" and "leader:<leader id>", in the order shown
    drawn: dict[str, list[str]] = {}
    last: object = None
    for _ in range(800):
        top = d.top
        if gs.game.state.turn >= 3:
            break
        if top is not last and isinstance(top, EventNotice):
            order += [f"event:{ev.id}" for ev in top.events]
        last = top
        if isinstance(top, MomentScene):
            texts = d.step(dt=0.0)
            mo = top.moment
            if mo.kind == "leader":
                assert mo.leader is not None
                order.append(f"leader:{mo.leader[1]}")
                drawn[mo.leader[1]] = texts
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif top is gs:
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    log = gs.game.view(None).log
    changes = [e for e in log if e.kind == "leader"]
    assert len(changes) >= 2  # the interim president in May, the elected one in June
    assert [x for x in order if x.startswith("leader:")] == [f"leader:{e.data['leader']}" for e in changes]
    for e in changes:
        lid = str(e.data["leader"])
        # the event that brought it: its dialog first, then the new leader's screen
        event = next(x for x in reversed(log[:log.index(e)]) if x.kind == "event")
        assert order.index(f"event:{event.data['event']}") < order.index(f"leader:{lid}"), order
        ld = gs.scn.leaders[lid]
        texts = " ".join(drawn[lid])
        assert "NEW LEADER" in texts and ld.name in texts
        assert all(t.name in texts for t in ld.traits)  # what leading gives, in the scenario's words
        assert f"Brought by: {gs.scn.event_index[str(event.data['event'])].title}" in texts


def test_every_seat_is_shown_the_leader_change_and_the_catchup_marks_it() -> None:
    scn = load_scenario(MAIN)
    match = Match(scn, {"russia": "human", "iran": "human", "west": "human"}, seed=11)
    lead = [e for e in match.public_view().log if e.kind == "leader"]
    assert lead  # Raisi's helicopter opens the game
    for seat in scn.factions:
        got = [mo for mo in match.new_moments(seat) if mo.kind == "leader"]
        assert [mo.leader for mo in got] == [(e.data["faction"], e.data["leader"]) for e in lead], seat
        assert match.new_moments(seat) == []  # shown once
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=11, path=MAIN)
    for _ in range(400):  # to July: June's election is in a step after a move
        if gs.game.state.turn >= 2:
            break
        if isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(d.top, ChoiceDialog):
            d.step([digit(1)])
        elif d.top is gs:
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    gs.match.move_marks.pop("russia", None)
    steps = gs.match.recap_since("russia", automatic=False)  # from the first move
    assert steps
    cu = CatchUpScene(d.app, gs, "russia", steps)
    marked = [cu._find_moment(s) for s in steps if any(e.kind == "leader" for e in s.lines)]
    assert "New leader" in marked
