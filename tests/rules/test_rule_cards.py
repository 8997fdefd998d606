"""Cards: playing for the event or for operations, targets, choices, the deck and hands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rules_helpers import at_ops, at_play, log_kinds

from diplomacy_game.engine import (
    Choose,
    ChooseTarget,
    EndOps,
    Game,
    PendingChoice,
    PendingOps,
    PendingPlay,
    PendingTarget,
    PlayCard,
)
from diplomacy_game.engine.deck import draw, draw_up, hand_size
from diplomacy_game.scenario.loader import load_scenario

# --------------------------------------------------------------------------- event or ops


def test_own_and_neutral_cards_may_be_played_for_event(playing):
    at_play(playing, "red", "red_rally", "aid", "blue_plot")
    legal = playing.legal_actions("red")
    assert PlayCard("red_rally", "event") in legal
    assert PlayCard("aid", "event") in legal
    assert PlayCard("blue_plot", "event") not in legal
    assert PlayCard("blue_plot", "ops") in legal


def test_opponent_card_cannot_be_played_for_its_event(playing):
    at_play(playing, "red", "blue_plot")
    reason = playing.why_illegal(PlayCard("blue_plot", "event"), "red")
    assert reason is not None and "Blue's card" in reason


def test_own_card_event_applies_effects(playing):
    st = playing.state
    at_play(playing, "red", "red_rally")
    playing.apply(PlayCard("red_rally", "event"), "red")
    assert st.influence["alpha"]["red"] == 2
    assert "red_rally" in st.discard


def test_neutral_event_acts_for_its_player(playing):
    st = playing.state
    at_play(playing, "blue", "aid")
    playing.apply(PlayCard("aid", "event"), "blue")
    assert st.economy["blue"] == 4
    assert st.economy["red"] == 3


def test_opponent_card_played_for_ops_fires_owner_event_after_ops(playing):
    st = playing.state
    at_ops(playing, "red", "blue_plot")
    assert st.pending.points == 3
    assert st.vp["blue"] == 0  # not yet: the event comes after the operations
    playing.apply("influence beta", "red")
    assert st.vp["blue"] == 0
    start = len(st.log)
    playing.apply(EndOps(), "red")
    assert st.vp["blue"] == 1  # the owner's event, for the owner
    assert st.vp["red"] == 1  # red's own vp (from 'dove') untouched
    assert "opponent_event" in log_kinds(playing, start)
    assert playing.to_act() == ("blue",)  # and then the next seat plays


def test_own_card_played_for_ops_fires_no_event(playing):
    st = playing.state
    at_ops(playing, "red", "red_rally")
    playing.apply(EndOps(), "red")
    assert st.influence["alpha"]["red"] == 1


def test_neutral_card_played_for_ops_fires_no_event(playing):
    st = playing.state
    at_ops(playing, "blue", "aid")
    playing.apply(EndOps(), "blue")
    assert st.economy == {"red": 3, "blue": 2, "green": 5}


def test_own_card_event_requires_condition(playing):
    st = playing.state
    at_play(playing, "red", "deal")
    assert st.tracks["trust"] == 2
    reason = playing.why_illegal(PlayCard("deal", "event"), "red")
    assert reason is not None and "condition" in reason
    assert PlayCard("deal", "event") not in playing.legal_actions("red")
    assert PlayCard("deal", "ops") in playing.legal_actions("red")
    st.tracks["trust"] = 4
    assert playing.why_illegal(PlayCard("deal", "event"), "red") is None
    playing.apply(PlayCard("deal", "event"), "red")
    assert st.vp["red"] == 2


def test_opponent_event_after_ops_fizzles_when_its_condition_fails(playing):
    st = playing.state
    st.clear_flag("ready")
    at_ops(playing, "red", "blue_secret")
    start = len(st.log)
    playing.apply(EndOps(), "red")
    assert st.vp["blue"] == 0
    assert "fizzle" in log_kinds(playing, start)
    assert "blue_secret" in st.discard and "blue_secret" not in st.removed


def test_removed_card_leaves_game(playing):
    st = playing.state
    at_play(playing, "red", "one_shot")
    playing.apply(PlayCard("one_shot", "event"), "red")
    assert st.vp["red"] == 2
    assert "one_shot" in st.removed
    assert "one_shot" not in st.discard and "one_shot" not in st.deck
    # it never comes back through a reshuffle
    st.deck = []
    draw(playing.scenario, st, "green", 10)
    assert "one_shot" not in st.hands["green"]


def test_removable_card_played_for_ops_without_event_is_discarded(playing):
    st = playing.state
    at_ops(playing, "red", "one_shot")
    playing.apply(EndOps(), "red")
    assert "one_shot" in st.discard and "one_shot" not in st.removed


def test_removable_opponent_card_is_removed_when_its_event_fires_after_ops(playing):
    st = playing.state
    at_ops(playing, "red", "blue_secret")
    playing.apply(EndOps(), "red")
    assert st.vp["blue"] == 2
    assert "blue_secret" in st.removed and "blue_secret" not in st.discard


def test_played_card_leaves_hand_and_is_discarded(playing):
    st = playing.state
    at_play(playing, "red", "filler_one", "filler_three")
    playing.apply(PlayCard("filler_one", "event"), "red")
    assert st.hands["red"] == ["filler_three"]
    assert st.discard[-1] == "filler_one"


# --------------------------------------------------------------------------- targets and choices


def test_card_event_with_region_target_asks_for_target(playing):
    st = playing.state
    at_play(playing, "blue", "targeted")
    playing.apply(PlayCard("targeted", "event"), "blue")
    assert isinstance(st.pending, PendingTarget)
    assert playing.to_act() == ("blue",)
    # bloc north, in map order; never an off-map box
    assert playing.legal_actions("blue") == [ChooseTarget("redland"), ChooseTarget("alpha"), ChooseTarget("beta")]
    assert "not a possible target" in playing.why_illegal(ChooseTarget("gamma"), "blue")
    assert "choose a target" in playing.why_illegal(PlayCard("aid", "event"), "blue")
    playing.apply(ChooseTarget("beta"), "blue")
    assert st.influence["beta"]["blue"] == 2


def test_card_choice_goes_to_its_player_and_then_follows(playing):
    st = playing.state
    at_play(playing, "blue", "dilemma")
    playing.apply(PlayCard("dilemma", "event"), "blue")
    assert isinstance(st.pending, PendingChoice)
    assert st.vp["blue"] == 1
    assert playing.to_act() == ("blue",)
    assert playing.legal_actions("blue") == [Choose("take_vp"), Choose("take_cash")]
    assert not st.has_flag("dilemma_done")
    playing.apply(Choose("take_cash"), "blue")
    assert st.economy["blue"] == 2 + 1 + 1  # the option, then 'then' (self: the chooser)
    assert st.vp["blue"] == 1  # from the card's effects, before the choice
    assert st.has_flag("dilemma_done")
    assert st.choices["card:dilemma"] == {"blue": "take_cash"}


# --------------------------------------------------------------------------- deck and hands


def test_start_deck_holds_only_start_cards(game):
    st = game.state
    every = set(st.deck) | set(st.discard) | {c for h in st.hands.values() for c in h}
    assert "later_card" not in every and "ender" not in every
    assert {"red_rally", "blue_plot", "dilemma", "filler_four"} <= every


def test_hand_size_trait(playing):
    scn, st = playing.scenario, playing.state
    # rules.hand_size 3; blue_boss +1; green has no leader
    assert {f: len(h) for f, h in st.hands.items()} == {"red": 3, "blue": 4, "green": 3}
    assert hand_size(scn, st, "blue") == 4
    st.leaders["red"] = "red_caretaker"  # -1
    assert hand_size(scn, st, "red") == 2


def test_draw_tops_up_to_hand_size_only(playing):
    scn, st = playing.scenario, playing.state
    st.hands["red"] = st.hands["red"][:1]
    st.hands["green"] = st.hands["green"] + ["ender"]  # 4 cards: over the size
    draw_up(scn, st)
    assert len(st.hands["red"]) == 3
    assert len(st.hands["green"]) == 4


def test_draw_reshuffles_discard_when_deck_empty(playing):
    scn, st = playing.scenario, playing.state
    st.hands["green"] = []
    st.discard = st.deck[:2]
    st.deck = st.deck[2:3]
    drawn = draw(scn, st, "green", 3)
    assert drawn == 3
    assert st.deck == [] and st.discard == []
    assert "deck" in [e.kind for e in st.log]


def test_draw_stops_when_deck_and_discard_are_empty(playing):
    scn, st = playing.scenario, playing.state
    st.hands["green"] = []
    st.deck = ["filler_one"]
    st.discard = []
    assert draw(scn, st, "green", 3) == 1
    assert st.hands["green"] == ["filler_one"]


def test_player_without_cards_passes(playing):
    st = playing.state
    at_play(playing, "red", "filler_one")
    st.hands["blue"] = []
    playing.apply(PlayCard("filler_one", "event"), "red")
    assert playing.to_act() == ("green",)
    assert any(e.kind == "pass" and e.data.get("faction") == "blue" for e in st.log)


def test_each_faction_plays_action_rounds_cards_in_turn_order(playing):
    st = playing.state
    seats = []
    while st.turn == 0 and st.phase == "actions":
        (seat,) = playing.to_act()
        seats.append(seat)
        card = playing.view(seat).hand[0]
        playing.apply(PlayCard(card, "ops"), seat)
        if st.pending and isinstance(st.pending, PendingOps):
            playing.apply(EndOps(), seat)
        while st.pending and isinstance(st.pending, (PendingTarget, PendingChoice)) and st.turn == 0:
            seat2 = playing.to_act()[0]
            playing.apply(playing.legal_actions(seat2)[0], seat2)
    assert seats == ["red", "blue", "green", "red", "blue", "green"]  # rules.action_rounds: 2
    assert st.turn == 1


# --------------------------------------------------------------------------- targets of every kind


def test_event_without_possible_target_cannot_be_played_for_event(playing):
    at_play(playing, "blue", "blue_reach")  # blue has no influence in a Club member
    reason = playing.why_illegal(PlayCard("blue_reach", "event"), "blue")
    assert reason is not None and "no possible target" in reason
    playing.state.influence["delta"]["blue"] = 1
    assert playing.why_illegal(PlayCard("blue_reach", "event"), "blue") is None


def test_opponent_event_after_ops_is_targeted_by_its_owner(playing):
    st = playing.state
    st.influence["delta"]["blue"] = 1
    st.influence["alpha"]["blue"] = 1
    at_ops(playing, "red", "blue_reach")
    playing.apply(EndOps(), "red")
    assert isinstance(st.pending, PendingTarget) and st.pending.faction == "blue"
    assert playing.to_act() == ("blue",)
    assert playing.legal_actions("blue") == [ChooseTarget("alpha"), ChooseTarget("delta")]
    playing.apply(ChooseTarget("delta"), "blue")
    assert st.influence["delta"]["blue"] == 2
    assert playing.to_act() == ("blue",) and isinstance(st.pending, PendingPlay)  # then blue's own turn


def test_opponent_event_after_ops_without_target_fizzles(playing):
    st = playing.state
    at_ops(playing, "red", "blue_reach")
    start = len(st.log)
    playing.apply(EndOps(), "red")
    assert "fizzle" in [e.kind for e in st.log[start:]]
    assert st.pending == PendingPlay("blue")


def test_region_target_filters(playing):
    from diplomacy_game.engine.context import Ctx
    from diplomacy_game.engine.targets import target_options
    from diplomacy_game.scenario.models import Target

    scn, st = playing.scenario, playing.state

    def opts(spec, **ctx):
        return target_options(scn, st, Target.model_validate(spec), Ctx(**ctx))

    assert opts({"region": {"bloc": "south"}}) == ["gamma", "delta", "blueland"]  # never the box
    assert opts({"region": {"member": "club"}}) == ["alpha", "delta"]
    assert opts({"region": {"battleground": True}}) == ["alpha", "gamma", "delta"]
    assert opts({"region": {"battleground": False, "bloc": "north"}}) == ["redland", "beta"]
    assert opts({"region": {"regions": ["beta", "box", "redland"]}}) == ["redland", "beta"]
    assert opts({"region": {"adjacent_to": "delta"}}) == ["redland", "blueland"]
    assert opts({"region": {"influence_of": "red"}}) == ["redland", "alpha"]
    assert opts({"region": {"influence_of": "self"}}, actor="blue") == ["blueland"]
    assert opts({"region": {"influence_of": "self"}}) == []
    assert opts({"faction": ["green", "red"]}) == ["green", "red"]


# --------------------------------------------------------------------------- removal (rules: "The cards")
# "An event marked to be removed leaves the game once it has happened": a `remove: true` card
# played for operations leaves only if its event then happens for its owner; when the event does
# not happen — its condition is false, or it has no possible target — the card is discarded, the
# same way for both reasons. While the operations run the card is in no pile.


@pytest.fixture
def removable_target(tmp_path):  # type: ignore[no-untyped-def]
    """The tiny world with Blue Reach (Blue's targeted card) marked ``remove: true``."""
    fixtures = Path(__file__).resolve().parent / "fixtures"
    shutil.copy(fixtures / "tiny_map.yaml", tmp_path / "tiny_map.yaml")
    text = (fixtures / "tiny_scenario.yaml").read_text(encoding="utf-8")
    head = "  - id: blue_reach\n    title: Blue Reach\n    ops: 2\n    owner: blue\n"
    assert head in text
    (tmp_path / "tiny_scenario.yaml").write_text(text.replace(head, head + "    remove: true\n"), encoding="utf-8")
    game = Game.new(load_scenario(tmp_path / "tiny_scenario.yaml"), seed=1)
    game.apply("choose dove", "red")
    assert game.scenario.cards["blue_reach"].remove
    return game


def test_remove_card_for_ops_is_discarded_when_its_event_has_no_target(removable_target):
    st = removable_target.state
    at_ops(removable_target, "red", "blue_reach")  # blue has no influence in a Club member
    removable_target.apply(EndOps(), "red")
    assert "fizzle" in log_kinds(removable_target, 0)
    assert "blue_reach" in st.discard and "blue_reach" not in st.removed


def test_remove_card_for_ops_leaves_the_game_once_its_targeted_event_happened(removable_target):
    st = removable_target.state
    st.influence["alpha"]["blue"] = 1
    at_ops(removable_target, "red", "blue_reach")
    removable_target.apply(EndOps(), "red")
    removable_target.apply(ChooseTarget("alpha"), "blue")
    assert st.influence["alpha"]["blue"] == 2
    assert "blue_reach" in st.removed and "blue_reach" not in st.discard


def test_remove_card_for_ops_goes_to_the_same_pile_whichever_way_its_event_fizzles(playing, removable_target):
    playing.state.clear_flag("ready")
    at_ops(playing, "red", "blue_secret")  # its condition is false
    playing.apply(EndOps(), "red")
    at_ops(removable_target, "red", "blue_reach")  # it has no possible target
    removable_target.apply(EndOps(), "red")
    piles = [("discard" if c in g.state.discard else "removed" if c in g.state.removed else "nowhere")
             for g, c in ((playing, "blue_secret"), (removable_target, "blue_reach"))]
    assert piles == ["discard", "discard"]


def test_card_played_for_ops_is_in_no_pile_so_a_reshuffle_cannot_return_it(playing):
    scn, st = playing.scenario, playing.state
    at_ops(playing, "red", "blue_secret")
    assert "blue_secret" not in st.discard and "blue_secret" not in st.deck
    # a reshuffle while the operations run (the deck runs out during a draw)
    st.deck = []
    st.discard = ["filler_one", "filler_four"]
    draw(scn, st, "green", 2)
    assert "blue_secret" not in st.deck and "blue_secret" not in st.hands["green"]
    assert "deck" in log_kinds(playing, 0)  # the discard pile was shuffled
    # and an effect that adds the card to the deck leaves it be: it is in play
    from diplomacy_game.engine.deck import in_play

    assert in_play(st, "blue_secret")
    playing.apply(EndOps(), "red")
    assert "blue_secret" in st.removed  # its event happened (the flag 'ready' is set)
