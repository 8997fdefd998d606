"""The effect vocabulary: tracks and crises, influence, economy, vp, stability, leader, flags,
cards, draw, log, if, roll and end_game."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter
from rules_helpers import at_play, rng_rolling

from diplomacy_game.engine import PlayCard, rng
from diplomacy_game.engine.context import Ctx
from diplomacy_game.engine.effects import apply_effects
from diplomacy_game.scenario.models import Effect

_EFFECTS = TypeAdapter(list[Effect])


def run(game, effects: list[dict[str, Any]], **ctx: Any) -> None:
    apply_effects(game.scenario, game.state, _EFFECTS.validate_python(effects), Ctx(**ctx))


# --------------------------------------------------------------------------- tracks


def test_track_clamped_to_range(playing):
    st = playing.state
    run(playing, [{"track": {"id": "trust", "add": 50}}])
    assert st.tracks["trust"] == 10
    run(playing, [{"track": {"id": "trust", "add": -50}}])
    assert st.tracks["trust"] == 0
    run(playing, [{"track": {"id": "trust", "set": 7}}])
    assert st.tracks["trust"] == 7
    run(playing, [{"track": {"id": "tension", "set": -3}}])
    assert st.tracks["tension"] == 0


def test_setup_tracks_default_to_their_minimum(game):
    assert game.state.tracks == {"tension": 1, "trust": 2}


def test_crisis_at_track_max_costs_pusher(playing):
    st = playing.state
    st.tracks["tension"] = 3
    at_play(playing, "red", "escalate")
    playing.apply(PlayCard("escalate", "event"), "red")  # tension 3 -> 5, pushed by red
    assert st.vp["red"] == 1 - 2
    assert st.vp["blue"] == 0 and st.vp["green"] == 0
    assert st.tracks["tension"] == 3  # on_max sets it back
    crisis = [e for e in st.log if e.kind == "crisis"]
    assert crisis and crisis[-1].data["by"] == "red"


def test_crisis_only_when_reaching_max_from_below(playing):
    st = playing.state
    st.tracks["tension"] = 5
    run(playing, [{"track": {"id": "tension", "add": 1}}], actor="red")
    assert st.vp["red"] == 1
    assert st.tracks["tension"] == 5


def test_crisis_also_when_overshooting_max(playing):
    st = playing.state
    st.tracks["tension"] = 4
    run(playing, [{"track": {"id": "tension", "add": 3}}], actor="blue")
    assert st.vp["blue"] == -2
    assert st.tracks["tension"] == 3


def test_crisis_with_nobody_to_blame_skips_self_effects(playing):
    st = playing.state
    st.tracks["tension"] = 4
    vp = dict(st.vp)
    run(playing, [{"track": {"id": "tension", "add": 1}}])  # a timeline event: no 'self'
    assert st.vp == vp
    assert st.tracks["tension"] == 3  # the rest of the crisis still happens


def test_track_by_names_who_caused_it(playing):
    st = playing.state
    st.tracks["tension"] = 4
    run(playing, [{"track": {"id": "tension", "add": 1, "by": "green"}}], actor="red")
    assert st.vp["green"] == -2
    assert st.vp["red"] == 1


def test_unchanged_track_logs_nothing(playing):
    st = playing.state
    st.tracks["trust"] = 10
    n = len(st.log)
    run(playing, [{"track": {"id": "trust", "add": 1}}])
    assert len(st.log) == n


# --------------------------------------------------------------------------- numbers


def test_influence_effect_never_below_zero_nor_over_max(playing):
    st = playing.state
    run(playing, [{"influence": {"faction": "red", "region": "alpha", "add": -5}}])
    assert st.influence["alpha"]["red"] == 0
    run(playing, [{"influence": {"faction": "red", "region": "alpha", "add": 50}}])
    assert st.influence["alpha"]["red"] == 6  # rules.max_influence


def test_economy_effect_clamped(playing):
    st = playing.state
    run(playing, [{"economy": {"faction": "red", "add": 50}}])
    assert st.economy["red"] == 10  # default economy_max
    run(playing, [{"economy": {"faction": "red", "add": -50}}])
    assert st.economy["red"] == 0


def test_vp_effect_may_go_negative(playing):
    st = playing.state
    run(playing, [{"vp": {"faction": "green", "add": -3}}])
    assert st.vp["green"] == -3


def test_stability_effect_clamped_to_one_to_four(playing):
    st = playing.state
    run(playing, [{"stability": {"region": "beta", "add": -3}}])
    assert st.stability["beta"] == 1
    run(playing, [{"stability": {"region": "beta", "add": 9}}])
    assert st.stability["beta"] == 4


def test_faction_words_self_owner_target(playing):
    st = playing.state
    run(playing, [{"vp": {"faction": "self", "add": 1}}, {"vp": {"faction": "owner", "add": 2}},
                  {"vp": {"faction": "target", "add": 4}}], actor="red", owner="blue", target="green")  # fmt: skip
    assert st.vp == {"red": 2, "blue": 2, "green": 4}


def test_region_target_word(playing):
    st = playing.state
    run(playing, [{"influence": {"faction": "green", "region": "target", "add": 2}}], target="gamma")
    assert st.influence["gamma"]["green"] == 2


def test_unbound_self_is_skipped(playing):
    st = playing.state
    before = st.hash()
    run(playing, [{"vp": {"faction": "self", "add": 1}}, {"economy": {"faction": "self", "add": 1}},
                  {"draw": {"faction": "self", "count": 1}}])  # fmt: skip
    assert st.hash() == before


# --------------------------------------------------------------------------- leader, flags, log


def test_leader_effect_changes_traits(playing):
    scn, st = playing.scenario, playing.state
    from diplomacy_game.engine.operations import card_ops

    run(playing, [{"leader": {"faction": "red", "set": "red_caretaker"}}])
    assert st.leaders["red"] == "red_caretaker"
    assert card_ops(scn, st, "red", "filler_four") == 2
    assert st.log[-1].kind == "leader"


def test_flag_set_and_clear(playing):
    st = playing.state
    run(playing, [{"flag": {"set": "zeta"}}, {"flag": {"set": "alpha_flag"}}])
    assert "zeta" in st.flags and "alpha_flag" in st.flags
    assert st.flags == sorted(st.flags)
    run(playing, [{"flag": {"clear": "zeta"}}, {"flag": {"clear": "not_there"}}])
    assert "zeta" not in st.flags


def test_log_effect_is_seen_by_every_seat(playing):
    run(playing, [{"log": "Something public."}])
    for seat in (None, "red", "blue", "green"):
        assert playing.view(seat).log[-1].text == "Something public."


def test_if_effect_branches(playing):
    st = playing.state
    eff = [{"if": {"flag": "ready"}, "then": [{"vp": {"faction": "blue", "add": 1}}],
            "else": [{"vp": {"faction": "green", "add": 1}}]}]  # fmt: skip
    run(playing, eff)
    assert (st.vp["blue"], st.vp["green"]) == (1, 0)
    st.clear_flag("ready")
    run(playing, eff)
    assert (st.vp["blue"], st.vp["green"]) == (1, 1)


# --------------------------------------------------------------------------- cards


def test_add_card_to_deck_and_hand(playing):
    st = playing.state
    n = len(st.deck)
    run(playing, [{"add_card": {"card": "later_card", "to": "deck"}}])
    assert "later_card" in st.deck and len(st.deck) == n + 1
    run(playing, [{"add_card": {"card": "ender", "to": "hand", "faction": "green"}}])
    assert "ender" in st.hands["green"]
    private = [e for e in st.log if e.kind == "card_added" and e.data.get("card") == "ender"]
    assert private and private[-1].visible_to == ["green"]


def test_add_card_to_hand_defaults_to_self(playing):
    st = playing.state
    run(playing, [{"add_card": {"card": "later_card", "to": "hand"}}], actor="blue")
    assert "later_card" in st.hands["blue"]


def test_add_card_already_in_play_is_not_duplicated(playing):
    st = playing.state
    run(playing, [{"add_card": {"card": "later_card", "to": "deck"}}])
    run(playing, [{"add_card": {"card": "later_card", "to": "hand", "faction": "red"}}])
    every = st.deck + st.discard + st.removed + [c for h in st.hands.values() for c in h]
    assert every.count("later_card") == 1
    assert "later_card" not in st.hands["red"]


def test_add_card_brings_back_a_removed_card(playing):
    st = playing.state
    st.removed.append("later_card")
    run(playing, [{"add_card": {"card": "later_card", "to": "hand", "faction": "red"}}])
    assert "later_card" in st.hands["red"] and "later_card" not in st.removed


def test_remove_card_effect_takes_it_from_anywhere(playing):
    st = playing.state
    card = st.hands["blue"][0]
    deck_card = st.deck[0]
    run(playing, [{"remove_card": {"card": card}}, {"remove_card": {"card": deck_card}}])
    assert card not in st.hands["blue"] and deck_card not in st.deck
    assert st.removed[-2:] == [card, deck_card]


def test_draw_effect(playing):
    st = playing.state
    top = st.deck[-1]
    run(playing, [{"draw": {"faction": "green", "count": 2}}])
    assert len(st.hands["green"]) == 5
    assert top in st.hands["green"]


# --------------------------------------------------------------------------- roll and end_game


def test_roll_effect_uses_state_rng_deterministically(playing):
    st = playing.state
    low = {"at_most": 3, "effects": [{"vp": {"faction": "blue", "add": 1}}]}
    high = {"at_least": 4, "effects": [{"vp": {"faction": "blue", "add": 10}}]}
    roll = {"roll": {"sides": 6, "outcomes": [low, high]}}
    st.rng = rng_rolling(3)
    run(playing, [roll])
    assert st.vp["blue"] == 1
    st.rng = rng_rolling(4)
    run(playing, [roll])
    assert st.vp["blue"] == 11
    # the same RNG state gives the same result, and the RNG advances
    a, b = playing.copy(), playing.copy()
    run(a, [roll])
    run(b, [roll])
    assert a.state.vp == b.state.vp and a.state.rng == b.state.rng != st.rng


def test_roll_modifiers_apply_when_their_condition_holds(playing):
    st = playing.state
    at_play(playing, "red", "dice")
    st.rng = rng_rolling(3)  # 3 + 1 ('ready' is set) = 4: +2 vp
    playing.apply(PlayCard("dice", "event"), "red")
    assert st.vp["red"] == 3
    roll = [e for e in st.log if e.kind == "roll"][-1]
    assert (roll.data["die"], roll.data["modifier"], roll.data["total"]) == (3, 1, 4)


def test_roll_uses_only_the_state_rng(playing):
    import random

    st = playing.state
    st.rng = rng_rolling(5)
    random.seed(0)
    state_before = random.getstate()
    x = rng.roll(st, 6)
    assert x == 5
    assert random.getstate() == state_before


def test_end_game_effect(playing):
    st = playing.state
    at_play(playing, "green", "ender")
    playing.apply(PlayCard("ender", "event"), "green")
    assert playing.is_over()
    out = playing.outcome()
    assert out is not None and out.reason == "Ended by a card"
    assert out.turn == 1 and st.phase == "over" and st.pending is None
    assert st.vp["green"] >= 1  # the effects before end_game were applied
    assert out.winners == tuple(f for f in ("red", "blue", "green") if st.vp[f] == max(st.vp.values()))
    assert playing.to_act() == ()
    assert playing.legal_actions("red") == []
    assert playing.why_illegal(PlayCard("aid", "event"), "red") == "the game is over"


def test_end_game_ends_at_once_skipping_the_rest_of_its_effect_list(playing):
    st = playing.state
    at_play(playing, "green", "ender")
    playing.apply(PlayCard("ender", "event"), "green")  # vp +1, end_game, vp +100
    assert playing.is_over()
    assert st.vp["green"] == 1
