"""Operations: influence, diplomatic pressure, boosts, faction actions, leader traits."""

from __future__ import annotations

import pytest
from rules_helpers import at_ops, at_play, rng_rolling, with_rules

from diplomacy_game.engine import (
    Boost,
    EndOps,
    IllegalAction,
    PendingChoice,
    PendingOps,
    PendingPlay,
    PendingTarget,
    PlaceInfluence,
    PlayCard,
    Pressure,
    UseAction,
)
from diplomacy_game.engine.operations import card_ops, resolve_pressure


def _points(game):
    return game.state.pending.points


# --------------------------------------------------------------------------- ops value


def test_card_played_for_ops_gives_its_ops_value(playing):
    at_ops(playing, "red", "filler_three")
    assert isinstance(playing.state.pending, PendingOps)
    assert playing.state.pending.faction == "red"
    assert _points(playing) == 3
    # held by the operations, in no pile, until they end; then discarded
    assert "filler_three" not in playing.state.discard and playing.state.pending.card == "filler_three"
    playing.apply("done", "red")
    assert "filler_three" in playing.state.discard


def test_leader_ops_trait_minimum_one(playing):
    scn, st = playing.scenario, playing.state
    assert card_ops(scn, st, "red", "filler_four") == 4  # red_boss has no ops trait
    st.leaders["red"] = "red_caretaker"  # ops -2
    assert card_ops(scn, st, "red", "filler_four") == 2
    assert card_ops(scn, st, "red", "filler_three") == 1
    assert card_ops(scn, st, "red", "filler_one") == 1  # 1 - 2 would be -1: minimum 1
    at_ops(playing, "red", "filler_four")
    assert _points(playing) == 2


# --------------------------------------------------------------------------- influence


def test_influence_costs_one_op(playing):
    at_ops(playing, "red", "filler_three")
    playing.apply(PlaceInfluence("beta"), "red")
    assert playing.state.influence["beta"]["red"] == 1
    assert _points(playing) == 2


def test_influence_costs_double_where_opponent_controls(playing):
    st = playing.state
    st.influence["beta"]["blue"] = 1  # stability 1: blue controls beta
    at_ops(playing, "red", "filler_three")
    playing.apply(PlaceInfluence("beta"), "red")
    assert st.influence["beta"]["red"] == 1
    assert _points(playing) == 1  # 3 - 2
    # now nobody controls beta (1 vs 1): the next point costs 1 again
    playing.apply(PlaceInfluence("beta"), "red")
    assert st.influence["beta"]["red"] == 2


def test_influence_where_you_control_costs_normal(playing):
    st = playing.state
    st.influence["alpha"]["red"] = 3  # red controls alpha
    at_ops(playing, "red", "filler_three")
    playing.apply(PlaceInfluence("alpha"), "red")
    assert _points(playing) == 2


def test_influence_too_dear_for_points_left_is_illegal(playing):
    st = playing.state
    st.influence["beta"]["blue"] = 1
    at_ops(playing, "red", "filler_one")
    reason = playing.why_illegal(PlaceInfluence("beta"), "red")
    assert reason is not None and "costs 2" in reason
    assert PlaceInfluence("beta") not in playing.legal_actions("red")


def test_cannot_place_influence_out_of_reach(playing):
    at_ops(playing, "red", "filler_three")
    reason = playing.why_illegal(PlaceInfluence("gamma"), "red")
    assert reason is not None and "out of reach" in reason
    with pytest.raises(IllegalAction):
        playing.apply(PlaceInfluence("gamma"), "red")
    assert playing.state.influence["gamma"]["red"] == 0


def test_cannot_place_in_another_factions_home(playing):
    st = playing.state
    st.influence["delta"]["red"] = 1  # blueland and the box are now next door
    at_ops(playing, "red", "filler_three")
    for home, owner in (("blueland", "Blue"), ("box", "Green")):
        reason = playing.why_illegal(PlaceInfluence(home), "red")
        assert reason is not None and "home" in reason and owner in reason
    assert PlaceInfluence("blueland") not in playing.legal_actions("red")


def test_reach_is_fixed_when_operations_start(playing):
    at_ops(playing, "red", "filler_three")
    playing.apply(PlaceInfluence("beta"), "red")  # beta borders gamma
    assert playing.why_illegal(PlaceInfluence("gamma"), "red") is not None


def test_influence_capped_at_max_influence(playing):
    st = playing.state
    st.influence["alpha"]["red"] = 6  # rules.max_influence
    at_ops(playing, "red", "filler_three")
    reason = playing.why_illegal(PlaceInfluence("alpha"), "red")
    assert reason is not None and "most influence" in reason
    assert PlaceInfluence("alpha") not in playing.legal_actions("red")


def test_unknown_region_is_illegal(playing):
    at_ops(playing, "red", "filler_three")
    assert "no region" in playing.why_illegal(PlaceInfluence("atlantis"), "red")


def test_ops_end_by_themselves_when_nothing_can_be_bought(playing):
    st = playing.state
    st.economy["red"] = 0  # no boost either
    at_ops(playing, "red", "filler_one")
    playing.apply(PlaceInfluence("beta"), "red")
    assert st.influence["beta"]["red"] == 1
    assert st.pending == PendingPlay("blue")


def test_done_forfeits_remaining_ops(playing):
    st = playing.state
    at_ops(playing, "red", "filler_four")
    before = {r: dict(v) for r, v in st.influence.items()}
    playing.apply(EndOps(), "red")
    assert st.influence == before
    assert playing.to_act() == ("blue",)


def test_ops_actions_outside_ops_are_illegal(playing):
    reason = playing.why_illegal(PlaceInfluence("beta"), "red")
    assert reason is not None and "play a card" in reason


# --------------------------------------------------------------------------- boost


def test_boost_spends_economy_for_one_op_limit(playing):
    st = playing.state
    assert st.economy["red"] == 3
    at_ops(playing, "red", "filler_one")
    assert Boost() in playing.legal_actions("red")
    playing.apply(Boost(), "red")
    assert st.economy["red"] == 2
    assert _points(playing) == 2
    reason = playing.why_illegal(Boost(), "red")
    assert reason is not None and "at most 1" in reason
    assert Boost() not in playing.legal_actions("red")


def test_boost_needs_economy(playing):
    playing.state.economy["red"] = 0
    at_ops(playing, "red", "filler_one")
    assert "economy is at 0" in playing.why_illegal(Boost(), "red")


def test_boost_limit_comes_from_rules(playing, monkeypatch):
    with_rules(monkeypatch, playing, boost_limit=2)
    at_ops(playing, "red", "filler_one")
    playing.apply(Boost(), "red")
    playing.apply(Boost(), "red")
    assert _points(playing) == 3
    assert playing.state.economy["red"] == 1
    assert playing.why_illegal(Boost(), "red") is not None


# --------------------------------------------------------------------------- pressure


def test_pressure_costs_pressure_cost_ops(playing):
    st = playing.state
    st.influence["beta"]["blue"] = 1
    at_ops(playing, "red", "filler_three")
    st.rng = rng_rolling(1)
    playing.apply(Pressure("beta", "blue"), "red")
    assert _points(playing) == 1


def test_pressure_removes_margin_over_stability(playing):
    scn, st = playing.scenario, playing.state
    st.influence["beta"]["blue"] = 5
    # red_boss: pressure +1; red controls no neighbour of beta (alpha: 1 < 2)
    assert st.stability["beta"] == 1
    st.rng = rng_rolling(3)
    assert resolve_pressure(scn, st, "red", "beta", "blue") == 3  # 3 + 1 - 1
    assert st.influence["beta"]["blue"] == 2
    st.rng = rng_rolling(1)
    st.stability["beta"] = 2
    assert resolve_pressure(scn, st, "red", "beta", "blue") == 0  # 1 + 1 - 2
    assert st.influence["beta"]["blue"] == 2


def test_pressure_never_removes_more_than_the_target_has(playing):
    scn, st = playing.scenario, playing.state
    st.influence["beta"]["blue"] = 1
    st.rng = rng_rolling(6)
    assert resolve_pressure(scn, st, "red", "beta", "blue") == 1
    assert st.influence["beta"]["blue"] == 0


def test_pressure_bonus_for_controlling_a_neighbour(playing):
    scn, st = playing.scenario, playing.state
    st.influence["beta"]["blue"] = 5
    st.influence["alpha"]["red"] = 2  # red now controls alpha, next to beta
    st.rng = rng_rolling(2)
    assert resolve_pressure(scn, st, "red", "beta", "blue") == 3  # 2 + 1 trait + 1 neighbour - 1
    entry = st.log[-1]
    assert entry.kind == "pressure" and entry.data["die"] == 2 and entry.data["total"] == 4


def test_pressure_trait_of_leader(playing):
    scn, st = playing.scenario, playing.state
    st.influence["beta"]["red"] = 5
    st.rng = rng_rolling(4)
    # blue_boss has no pressure trait: 4 - 1 = 3
    assert resolve_pressure(scn, st, "blue", "beta", "red") == 3


def test_cannot_press_yourself_or_a_faction_with_no_influence(playing):
    st = playing.state
    at_ops(playing, "red", "filler_three")
    assert "yourself" in playing.why_illegal(Pressure("alpha", "red"), "red")
    assert "no influence" in playing.why_illegal(Pressure("beta", "blue"), "red")
    st.influence["beta"]["blue"] = 2
    assert playing.why_illegal(Pressure("beta", "blue"), "red") is None
    assert Pressure("beta", "blue") in playing.legal_actions("red")


def test_cannot_press_out_of_reach(playing):
    playing.state.influence["gamma"]["blue"] = 2
    at_ops(playing, "red", "filler_three")
    assert "out of reach" in playing.why_illegal(Pressure("gamma", "blue"), "red")


def test_pressure_needs_enough_ops(playing):
    playing.state.influence["beta"]["blue"] = 2
    at_ops(playing, "red", "filler_one")
    assert "pressure costs 2" in playing.why_illegal(Pressure("beta", "blue"), "red")
    assert Pressure("beta", "blue") not in playing.legal_actions("red")


def test_pressure_in_battleground_applies_rule_effects(playing):
    scn, st = playing.scenario, playing.state
    st.influence["alpha"]["blue"] = 3
    st.influence["beta"]["blue"] = 3
    st.economy["red"] = 3
    st.rng = rng_rolling(1)
    resolve_pressure(scn, st, "red", "beta", "blue")  # beta is no battleground
    assert st.economy["red"] == 3
    st.rng = rng_rolling(1)
    resolve_pressure(scn, st, "red", "alpha", "blue")  # alpha is: self (red) pays 1
    assert st.economy["red"] == 2
    assert st.economy["blue"] == 2


# --------------------------------------------------------------------------- faction actions


def test_faction_action_with_faction_target(playing):
    st = playing.state
    at_ops(playing, "blue", "filler_four")
    assert "needs a target" in playing.why_illegal(UseAction("lobby"), "blue")
    assert "not a target" in playing.why_illegal(UseAction("lobby", "blue"), "blue")
    legal = playing.legal_actions("blue")
    assert UseAction("lobby", "red") in legal and UseAction("lobby", "green") in legal
    playing.apply(UseAction("lobby", "green"), "blue")
    assert st.economy["green"] == 4
    assert st.economy["red"] == 3
    assert st.tracks["trust"] == 3
    assert _points(playing) == 2


def test_faction_action_per_turn_limit(playing):
    st = playing.state
    at_ops(playing, "blue", "filler_four")
    playing.apply(UseAction("lobby", "green"), "blue")
    reason = playing.why_illegal(UseAction("lobby", "red"), "blue")
    assert reason is not None and "1 time a turn" in reason
    assert not any(isinstance(a, UseAction) for a in playing.legal_actions("blue"))
    assert st.used == {"blue": {"lobby": 1}}
    playing.apply(EndOps(), "blue")
    at_ops(playing, "blue", "filler_three")  # another card, the same turn
    assert playing.why_illegal(UseAction("lobby", "red"), "blue") is not None


def test_faction_action_without_per_turn_limit(playing):
    st = playing.state
    at_ops(playing, "red", "filler_four")
    for _ in range(3):
        playing.apply(UseAction("arm"), "red")
    assert st.tracks["tension"] == 4
    assert playing.why_illegal(UseAction("arm"), "red") is None


def test_faction_action_condition(playing):
    playing.state.leaders["red"] = "red_caretaker"
    at_ops(playing, "red", "filler_four")  # 4 - 2 = 2 ops
    reason = playing.why_illegal(UseAction("arm"), "red")
    assert reason is not None and "condition" in reason


def test_faction_action_belongs_to_its_faction(playing):
    at_ops(playing, "red", "filler_four")
    assert "not one of your" in playing.why_illegal(UseAction("lobby", "green"), "red")
    assert "takes no target" in playing.why_illegal(UseAction("arm", "blue"), "red")


def test_faction_action_cost(playing):
    at_ops(playing, "blue", "filler_one")
    playing.state.economy["blue"] = 0
    assert "costs 2" in playing.why_illegal(UseAction("lobby", "red"), "blue")


def test_faction_action_effects_are_made_by_the_user(playing):
    st = playing.state
    st.tracks["tension"] = 4
    at_ops(playing, "red", "filler_one")
    playing.apply(UseAction("arm"), "red")  # tension 5: a crisis pushed by red
    assert st.vp["red"] == -1  # +1 from 'dove', -2 for the crisis
    assert st.tracks["tension"] == 3


def test_faction_action_uses_reset_each_turn(playing):
    st = playing.state
    st.used = {"blue": {"lobby": 1}}
    from diplomacy_game.engine.scoring import upkeep

    upkeep(playing.scenario, st)
    assert st.used == {}


def test_playing_a_card_needs_it_in_hand(playing):
    at_play(playing, "red", "filler_one")
    assert "not in your hand" in playing.why_illegal(PlayCard("filler_four", "ops"), "red")
    assert "no card" in playing.why_illegal(PlayCard("nonesuch", "ops"), "red")


# --------------------------------------------------------------------------- the numbers come from the rules


def test_influence_costs_come_from_rules(playing, monkeypatch):
    st = playing.state
    with_rules(monkeypatch, playing, influence_cost=2, influence_cost_controlled=3)
    st.influence["beta"]["blue"] = 1
    at_ops(playing, "red", "filler_four")
    playing.apply(PlaceInfluence("alpha"), "red")
    assert _points(playing) == 2
    assert "costs 3" in playing.why_illegal(PlaceInfluence("beta"), "red")


def test_pressure_cost_and_die_come_from_rules(playing, monkeypatch):
    st = playing.state
    with_rules(monkeypatch, playing, pressure_cost=3, pressure_die=20)
    st.influence["beta"]["blue"] = 6
    at_ops(playing, "red", "filler_four")
    st.rng = rng_rolling(4, sides=20)
    playing.apply(Pressure("beta", "blue"), "red")
    assert _points(playing) == 1
    assert st.influence["beta"]["blue"] == 6 - (4 + 1 - 1)
    assert [e for e in st.log if e.kind == "pressure"][-1].text.startswith("Red presses Blue in Beta: d20 = 4")


def test_action_rounds_come_from_rules(playing, monkeypatch):
    from diplomacy_game.engine import EndOps as Done

    st = playing.state
    with_rules(monkeypatch, playing, action_rounds=1)
    for seat in ("red", "blue", "green"):
        assert playing.to_act() == (seat,)
        card = st.hands[seat][0]
        playing.apply(PlayCard(card, "ops"), seat)
        if st.pending and isinstance(st.pending, PendingOps):
            playing.apply(Done(), seat)
        while st.pending and isinstance(st.pending, (PendingTarget, PendingChoice)) and st.turn == 0:
            s2 = playing.to_act()[0]
            playing.apply(playing.legal_actions(s2)[0], s2)
    assert st.turn == 1


def test_faction_action_shared_by_factions_with_region_target(playing):
    st = playing.state
    at_ops(playing, "green", "filler_four")
    legal = [a for a in playing.legal_actions("green") if isinstance(a, UseAction)]
    assert legal == [UseAction("mediate", "gamma"), UseAction("mediate", "delta"), UseAction("mediate", "blueland")]
    assert "not a target" in playing.why_illegal(UseAction("mediate", "alpha"), "green")
    playing.apply(UseAction("mediate", "gamma"), "green")
    assert st.stability["gamma"] == 2
    # the per-turn count is each faction's own
    at_ops(playing, "blue", "filler_four")
    assert playing.why_illegal(UseAction("mediate", "delta"), "blue") is None
    assert playing.why_illegal(UseAction("mediate", "delta"), "green") is not None  # not green's turn
    assert st.used == {"green": {"mediate": 1}}


def test_pressure_roll_gives_each_outcome_with_its_odds_and_the_engine_samples_it(playing):
    from fractions import Fraction

    from diplomacy_game.engine.operations import pressure_roll

    scn, st = playing.scenario, playing.state
    st.influence["beta"]["blue"] = 2
    before = st.canonical()
    roll = pressure_roll(scn, st, "red", "beta", "blue")  # d6 + 1 (red_boss) against stability 1
    assert st.canonical() == before  # a question: no die is rolled
    assert (roll.die, roll.modifier, roll.stability) == (6, 1, 1)
    assert [(o.value, o.probability) for o in roll.removed.outcomes] == [(1, Fraction(1, 6)), (2, Fraction(5, 6))]
    assert roll.removed.expectation(float) == (1 + 5 * 2) / 6
    for face in range(1, 7):  # the engine's roll is a sample of exactly this distribution
        trial = st.clone()
        trial.rng = rng_rolling(face)
        assert resolve_pressure(scn, trial, "red", "beta", "blue") == roll.removed.face_value[face - 1]
