"""The engine's read-only outlook queries: can an event still fire; would an action set off a crisis."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplomacy_game.engine import Game, PendingChoice
from diplomacy_game.engine.actions import Choose, Pressure, UseAction
from diplomacy_game.engine.outlook import (
    choice_outcomes,
    condition_atoms,
    crisis_warnings,
    event_can_fire,
    track_changes,
)
from diplomacy_game.scenario.loader import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "diplomacy_game" / "data" / "scenarios"


@pytest.fixture(scope="module")
def short() -> Scenario:
    return load_scenario(SCENARIOS / "ashgabat_to_kazan.yaml")


def _at_ashgabat(scn: Scenario, seed: int = 1) -> Game:
    g = Game.new(scn, seed)
    p = g.state.pending
    assert isinstance(p, PendingChoice) and p.id == "ashgabat_meeting"
    return g


def test_both_kazan_events_possible_before_the_invitation_is_answered(short: Scenario) -> None:
    g = _at_ashgabat(short)
    assert event_can_fire(short, g.state, "kazan_summit")
    assert event_can_fire(short, g.state, "kazan_without_iran")


def test_accepting_rules_out_kazan_without_iran(short: Scenario) -> None:
    g = _at_ashgabat(short)
    g.apply(Choose("accept"), "iran")
    # the secret Kazan choice is open now; the other Kazan event is still ahead in the file
    assert g.state.pending is not None and g.state.pending.id == "kazan_summit"
    assert not event_can_fire(short, g.state, "kazan_without_iran")
    assert not event_can_fire(short, g.state, "kazan_summit")  # already under way: past the cursor
    assert event_can_fire(short, g.state, "treaty_moscow")  # unconditional, still ahead


def test_an_unknown_event_is_an_error(short: Scenario) -> None:
    g = _at_ashgabat(short)
    with pytest.raises(KeyError):
        event_can_fire(short, g.state, "no_such_event")


def test_a_condition_reading_something_that_may_move_is_never_ruled_out(short: Scenario) -> None:
    ev = short.event_index["kazan_summit"]
    assert condition_atoms(ev.if_) == {("flag", "iran_attends_kazan"), ("flag", "treaty_signed")}
    g = _at_ashgabat(short)
    g.state.event_cursor = 0  # rewind: the Ashgabat choice (which sets the flag) is ahead again
    g.state.pending = None
    assert event_can_fire(short, g.state, "kazan_summit")


def test_pressure_in_a_battleground_would_raise_western_concern(short: Scenario) -> None:
    g = _at_ashgabat(short)
    st = g.state
    assert short.map.regions["syria"].battleground and not short.map.regions["lebanon"].battleground
    assert track_changes(short, st, "russia", Pressure("syria", "west")) == {"western_concern": 1}
    assert track_changes(short, st, "west", Pressure("syria", "russia")) == {}
    assert track_changes(short, st, "russia", Pressure("lebanon", "iran")) == {}
    st.tracks["western_concern"] = 4
    assert crisis_warnings(short, st, "russia", Pressure("syria", "west")) == ["western_concern"]
    st.tracks["western_concern"] = 3
    assert crisis_warnings(short, st, "russia", Pressure("syria", "west")) == []
    st.tracks["western_concern"] = 5  # already at the top: no crisis from below
    assert crisis_warnings(short, st, "russia", Pressure("syria", "west")) == []


def test_a_faction_action_that_raises_two_tracks(short: Scenario) -> None:
    g = _at_ashgabat(short)
    st = g.state
    st.tracks["western_concern"] = 4
    assert track_changes(short, st, "iran", UseAction("arms_transfer")) == {"partnership": 1, "western_concern": 1}
    assert crisis_warnings(short, st, "iran", UseAction("arms_transfer")) == ["western_concern"]
    assert crisis_warnings(short, st, "russia", UseAction("russian_trade")) == []


def test_choice_outcomes_list_each_combination_of_the_secret_kazan_picks(short: Scenario) -> None:
    g = _at_ashgabat(short)
    assert choice_outcomes(short, g.state) == []  # the invitation's follow-up does not depend on the pick
    g.apply(Choose("accept"), "iran")
    before = g.state.canonical()
    outcomes = {tuple(sorted(o.picks.items())): o for o in choice_outcomes(short, g.state)}
    assert g.state.canonical() == before  # a question, not a move
    assert len(outcomes) == 4
    both_hold = outcomes[(("iran", "hold_back"), ("russia", "hold_back"))]
    assert any("hold back" in line for line in both_hold.story)
    assert {type(e).__name__ for e in both_hold.effects} == {"ETrack", "EVp"}
    both_commit = outcomes[(("iran", "commit"), ("russia", "commit"))]
    assert len(both_commit.effects) == 1 and type(both_commit.effects[0]).__name__ == "EIf"  # Partnership decides


def test_a_set_flag_never_cleared_rules_out_a_not_flag_condition(short: Scenario) -> None:
    import copy

    from diplomacy_game.scenario import models as m

    # "Signing in Moscow" as if it required the treaty to be unsigned (in the scenario it has no
    # condition: it still happens after a signing, and the visit celebrates the treaty)
    scn = copy.copy(short)
    cond = m.CNot.model_validate({"not": {"flag": "treaty_signed"}})
    events = [e.model_copy(update={"if_": cond}) if e.id == "treaty_moscow" else e for e in short.events]
    object.__setattr__(scn, "events", events)  # a frozen dataclass: a test-only change of a copy
    g = Game.new(scn, 1)
    assert event_can_fire(scn, g.state, "treaty_moscow")  # not signed yet
    g.state.set_flag("treaty_signed")
    # cards and the Kazan summit may still *set* the flag, but nothing clears it
    assert not event_can_fire(scn, g.state, "treaty_moscow")
    # an unset flag that something may set keeps a "flag" condition possible
    cond = m.CFlag.model_validate({"flag": "treaty_signed"})
    events = [e.model_copy(update={"if_": cond}) if e.id == "treaty_moscow" else e for e in short.events]
    object.__setattr__(scn, "events", events)  # a frozen dataclass: a test-only change of a copy
    g = Game.new(scn, 1)
    assert event_can_fire(scn, g.state, "treaty_moscow")


def _with_event_condition(scn: Scenario, event_id: str, cond: dict[str, object]) -> Scenario:
    import copy

    from diplomacy_game.scenario import models as m

    changed = copy.copy(scn)
    c = m.CAll.model_validate({"all": [cond]}).all[0]
    events = tuple(e.model_copy(update={"if_": c}) if e.id == event_id else e for e in scn.events)
    object.__setattr__(changed, "events", events)  # a frozen dataclass: a test-only change of a copy
    object.__setattr__(changed, "event_index", {e.id: e for e in events})
    return changed


def _play_clear_of_sudden_death(game: Game, steps: int, seed: int) -> Game:
    """Random legal moves (as ``helpers.play_random``), passing over a move that ends the game by
    an ``end_game`` (the main scenario's second Western crisis), so that the games run long."""
    import random

    r = random.Random(seed)
    for _ in range(steps):
        if game.is_over():
            break
        seat = game.to_act()[0]
        legal = list(game.legal_actions(seat))
        r.shuffle(legal)
        for a in legal:
            trial = Game(game.scenario, game.state.clone(keep_log=False))
            trial.apply(a, seat)
            if trial.state.end_reason is None:
                break
        game.apply(a, seat)
    return game


def test_rule_a_choice_still_ahead_keeps_a_chose_condition_possible() -> None:
    """An event whose ``if`` asks what the West chose at the US election (in November) is
    possible in May: the choice is still ahead. Once it went the other way, it is ruled out."""
    from tests.helpers import MAIN

    main = load_scenario(MAIN)
    scn = _with_event_condition(
        main, "assad_falls", {"chose": {"event": "us_election", "faction": "west", "option": "lock_in_support"}}
    )
    fired = skipped = ruled_out_after_the_other_answer = 0
    for seed in range(16):
        g = Game.new(scn, seed)
        while any(isinstance(a, Choose) for a in g.legal_actions(g.to_act()[0])):
            _play_clear_of_sudden_death(g, 1, seed)  # past May's opening choices: no choice is open
        assert g.state.turn == 0 and "us_election" not in g.state.choices
        assert event_can_fire(scn, g.state, "assad_falls"), seed  # the bug: it answered no
        _play_clear_of_sudden_death(g, 100_000, seed)
        kinds = [x.kind for x in g.state.log if x.data.get("event") == "assad_falls"]
        fired += "event" in kinds
        skipped += "event_skipped" in kinds
    assert fired and skipped  # it does fire in some random games (and not in others)
    # when the election's choice has been made the other way, nothing can change it any more
    for seed in range(16):
        g = Game.new(scn, seed)
        while not g.is_over() and "us_election" not in g.state.choices:
            _play_clear_of_sudden_death(g, 1, seed)
        if g.state.choices.get("us_election", {}).get("west") == "leave_to_successor":
            assert not event_can_fire(scn, g.state, "assad_falls")
            ruled_out_after_the_other_answer += 1
    assert ruled_out_after_the_other_answer
