"""The engine's read-only outlook queries: can an event still fire; would an action set off a crisis."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplomacy_game.engine import Game, PendingChoice, outlook
from diplomacy_game.engine.actions import Choose, Pressure, UseAction
from diplomacy_game.engine.effects import describe_effects
from diplomacy_game.engine.outlook import (
    choice_outcomes,
    condition_atoms,
    crisis_warnings,
    effect_atoms,
    event_can_fire,
    pressure_follow_up,
    track_changes,
)
from diplomacy_game.scenario.loader import Scenario, load_scenario
from diplomacy_game.simulate import RandomPlayer

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
    # the calendar is under test, not the score: random plays often give Iran 45 VP by October, so
    # the instant win is raised out of reach (the games must reach December)
    import dataclasses

    victory = scn.model.victory.model_copy(update={"threshold": 999})
    scn = dataclasses.replace(scn, model=scn.model.model_copy(update={"victory": victory}))
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


def test_rule_an_all_with_a_part_fixed_false_is_ruled_out_while_its_other_parts_may_move(short: Scenario) -> None:
    # "iran_attends_kazan" may still be set (at Ashgabat) and the turn always moves, but once the
    # treaty is signed for good, "not treaty_signed" can never hold again: the whole 'all' cannot
    cond = {"all": [{"flag": "iran_attends_kazan"}, {"turn": {"at_least": 1}}, {"not": {"flag": "treaty_signed"}}]}
    scn = _with_event_condition(short, "us_election", cond)
    g = _at_ashgabat(scn)
    assert event_can_fire(scn, g.state, "us_election")
    g.state.set_flag("treaty_signed")
    assert not event_can_fire(scn, g.state, "us_election")
    # an 'any' is ruled out only when every part is: one part that may still hold keeps it
    cond = {"any": [{"flag": "iran_attends_kazan"}, {"not": {"flag": "treaty_signed"}}]}
    scn = _with_event_condition(short, "us_election", cond)
    g = _at_ashgabat(scn)
    g.state.set_flag("treaty_signed")
    assert event_can_fire(scn, g.state, "us_election")  # Iran may still accept the invitation
    g.apply(Choose("decline"), "iran")
    assert not event_can_fire(scn, g.state, "us_election")  # declined, and signed: neither part can


def test_crisis_warning_on_the_target_of_a_card_event_a_rival_fired(short: Scenario) -> None:
    """A rival's operations fire Iran's own card: Iran picks its target, and the warning tells it
    that the event then pushes Western Concern to its crisis."""
    from diplomacy_game.engine import PendingTarget
    from diplomacy_game.engine.actions import ChooseTarget

    g = _at_ashgabat(short)
    st = g.state
    st.pending = PendingTarget("iran", "levant_network", ("iraq", "syria", "lebanon"))
    st.tracks["western_concern"] = 4
    assert track_changes(short, st, "iran", ChooseTarget("syria")) == {"western_concern": 1}
    assert crisis_warnings(short, st, "iran", ChooseTarget("syria")) == ["western_concern"]
    st.tracks["western_concern"] = 3
    assert crisis_warnings(short, st, "iran", ChooseTarget("syria")) == []
    st.pending = None  # no event waiting for a target: nothing to foresee
    assert track_changes(short, st, "iran", ChooseTarget("syria")) == {}


# ---------------------------------------------------------------------------- a crisis, as it stands now


@pytest.fixture(scope="module")
def main() -> Scenario:
    return load_scenario(SCENARIOS / "from_tabriz_to_kazan.yaml")


def _iran_to_play(scn: Scenario, seed: int = 11) -> Game:
    """The main game, played by the first legal move of each seat, up to Iran's first card play."""
    from diplomacy_game.engine.cards import PendingPlay

    g = Game.new(scn, seed)
    for _ in range(300):
        p = g.state.pending
        if isinstance(p, PendingPlay) and p.faction == "iran":
            return g
        assert p is not None
        seat = p.seats()[0]
        g.apply(g.legal_actions(seat)[0], seat)
    raise AssertionError("Iran never got to play a card")


def test_crisis_words_tell_the_on_max_branch_that_holds_now(main: Scenario) -> None:
    """Western Concern's on_max: a first crisis costs the culprit 1 VP and sets the West on alert;
    with the West on alert, a crisis in the culprit's own action round ends the game. The warning
    gives the case that applies, not the rule with its conditions."""
    from diplomacy_game.engine import explain
    from diplomacy_game.engine.outlook import crises

    g = _iran_to_play(main)
    st = g.state
    st.tracks["western_concern"] = 4
    before = st.hash()
    press = Pressure("syria", "west")
    [first] = crises(main, st, "iran", press)
    assert first.track == "western_concern" and first.by == "iran" and first.new_flags == ("west_on_alert",)
    short, whole = explain.crisis_warning_words(main, first)
    assert "Iran loses 1 VP" in short and "The West is on alert" in short and "if" not in short.split()
    assert "Iran loses 1 VP" in whole and "set to 3" in whole and "ends" not in whole
    st.set_flag("west_on_alert")
    [second] = crises(main, st, "iran", press)
    short, whole = explain.crisis_warning_words(main, second)
    assert "the game ends and Iran cannot win" in short and "VP" not in short and second.new_flags == ()
    assert "if" not in whole.split() and "game ends" in whole
    st.flags.remove("west_on_alert")
    assert st.hash() == before  # read-only


def test_a_rivals_card_for_operations_foresees_the_crisis_its_event_sets_off(main: Scenario) -> None:
    """The opponent-event rule: Iran playing Russia's 'Kim at the Cosmodrome' (Western Concern +1)
    for operations fires its event for Russia after them; at Western Concern 4 that is a crisis
    Russia sets off, outside its own action round (so never the game-ending second crisis)."""
    from diplomacy_game.engine.actions import EndOps, PlayCard
    from diplomacy_game.engine.outlook import crises

    g = _iran_to_play(main)
    st = g.state
    st.hands["iran"][0] = "vostochny_summit"
    st.tracks["western_concern"] = 4
    before = st.hash()
    ops = PlayCard("vostochny_summit", "ops")
    assert track_changes(main, st, "iran", ops) == {"western_concern": 1}
    assert crisis_warnings(main, st, "iran", ops) == ["western_concern"]
    [c] = crises(main, st, "iran", ops)
    assert c.by == "russia"
    st.set_flag("west_on_alert")
    [c] = crises(main, st, "iran", ops)
    assert c.by == "russia" and "Russia loses 1 VP" in explain_short(main, c)
    st.flags.remove("west_on_alert")
    st.tracks["western_concern"] = 3
    assert crisis_warnings(main, st, "iran", ops) == []
    own = next(cid for cid, card in main.cards.items() if card.owners == ("iran",)
               and ("track", "western_concern") in effect_atoms(card.effects))
    st.tracks["western_concern"] = 4
    assert crisis_warnings(main, st, "iran", PlayCard(own, "event")) == ["western_concern"]
    assert track_changes(main, st, "iran", PlayCard(own, "ops")) == {}  # its own card fires no event
    assert st.hash() == before  # read-only
    g.apply(ops, "iran")  # the operations are under way: ending them fires the event
    assert crisis_warnings(main, g.state, "iran", EndOps()) == ["western_concern"]
    g.state.tracks["western_concern"] = 3
    assert crisis_warnings(main, g.state, "iran", EndOps()) == []


def explain_short(scn: Scenario, c: object) -> str:
    from diplomacy_game.engine import explain
    from diplomacy_game.engine.outlook import Crisis

    assert isinstance(c, Crisis)
    return explain.crisis_warning_words(scn, c)[0]


def test_what_a_pressure_also_does_is_the_scenarios_battleground_effects_decided_now(short: Scenario) -> None:
    """``pressure_follow_up``: in a battleground the scenario's ``pressure_battleground`` with its
    ``if`` decided for the one who presses (Russia and Iran raise Western Concern, the West
    nothing); elsewhere nothing. The state is left as it was."""
    g = _at_ashgabat(short)
    st = g.state
    before = st.hash()
    words = describe_effects(short, pressure_follow_up(short, st, "iran", "syria"))
    assert words == ["Western Concern +1"]
    assert describe_effects(short, pressure_follow_up(short, st, "russia", "syria")) == ["Western Concern +1"]
    assert pressure_follow_up(short, st, "west", "syria") == []
    assert pressure_follow_up(short, st, "iran", "lebanon") == []  # not a battleground
    assert pressure_follow_up(short, st, "iran", "atlantis") == []  # no such region
    assert st.hash() == before


def test_the_future_changes_kept_per_place_in_the_timeline_are_those_worked_out_afresh(main_scenario) -> None:  # type: ignore[no-untyped-def]
    # the memo of what may still change (per scenario, timeline place and open event choice)
    # gives what the effects ahead give when read again, at every step of random games
    seen = set()
    for seed in range(4):
        g = Game.new(main_scenario, seed)
        p = RandomPlayer(seed)
        while not g.is_over():
            st = g.state
            for before in (st.event_cursor, len(main_scenario.events)):
                fresh = outlook._track_crises(
                    main_scenario, outlook.effect_atoms(outlook._future_effects(main_scenario, st, before)))
                assert outlook._future_changes(main_scenario, st, before) == fresh
                seen.add((st.event_cursor, before))
            seat = g.to_act()[0]
            g.apply(p.pick(g.legal_actions(seat)), seat)
    assert len(seen) >= 8  # many places in the timeline, each its own entry
