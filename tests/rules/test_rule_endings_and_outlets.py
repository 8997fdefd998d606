"""Endings and outlets: the final count after a threshold reached at the last scoring, an
``end_game`` that rules a faction out of the win, and the discard outlet (``rules.discard``)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter
from rules_helpers import at_play, end_turn, with_rules

from diplomacy_game.engine import Game, IllegalAction, PlayCard
from diplomacy_game.engine.actions import DiscardCard, parse_action
from diplomacy_game.engine.context import Ctx
from diplomacy_game.engine.effects import apply_effects
from diplomacy_game.engine.outcome import LAST_TURN_REASON
from diplomacy_game.engine.outlook import track_changes
from diplomacy_game.engine.turn import advance
from diplomacy_game.scenario import models as m
from diplomacy_game.scenario.models import Effect

_EFFECTS = TypeAdapter(list[Effect])


def run(game: Game, effects: list[dict[str, Any]], **ctx: Any) -> None:
    apply_effects(game.scenario, game.state, _EFFECTS.validate_python(effects), Ctx(**ctx))


def _last_upkeep(game: Game) -> None:
    st = game.state
    st.turn = len(game.scenario.months) - 1
    st.event_cursor = len(game.scenario.events)
    end_turn(game)


# --------------------------------------------------------------------------- the final count


def test_threshold_reached_at_the_last_scoring_still_runs_the_final_count(playing):
    st = playing.state
    st.vp = {"red": 19, "blue": 19, "green": 0}
    st.tracks["trust"] = 5  # final: red +2
    _last_upkeep(playing)  # March scores red +1 and blue +1: both reach the threshold of 20
    out = playing.outcome()
    assert out is not None
    assert out.vp == {"red": 22, "blue": 20, "green": 0}  # the final count ran after the scoring
    assert out.winners == ("red",)  # its placings decide, not a tie at the threshold
    assert out.reason == LAST_TURN_REASON
    assert any(e.kind == "final" for e in st.log)


def test_threshold_reached_before_the_last_turn_still_ends_the_game_at_once(playing):
    st = playing.state
    st.vp = {"red": 19, "blue": 0, "green": 0}
    st.tracks["trust"] = 5
    at_play(playing, "red", "one_shot")
    playing.apply(PlayCard("one_shot", "event"), "red")
    out = playing.outcome()
    assert out is not None and out.vp["red"] == 20  # no final count
    assert not any(e.kind == "final" for e in st.log)


# --------------------------------------------------------------------------- end_game with a loser


def test_end_game_with_a_loser_rules_that_faction_out_of_the_win(playing):
    st = playing.state
    st.vp = {"red": 9, "blue": 4, "green": 6}
    run(playing, [{"end_game": {"reason": "A crisis too far.", "loser": "self"}}], actor="red")
    advance(playing.scenario, st)
    out = playing.outcome()
    assert out is not None and out.reason == "A crisis too far."
    assert out.winners == ("green",)  # red has the most VP but cannot win
    assert st.losers == ["red"]
    assert any(e.kind == "end" and e.data.get("loser") == "red" for e in st.log)


def test_end_game_without_a_loser_keeps_most_vp_wins(playing):
    st = playing.state
    st.vp = {"red": 9, "blue": 4, "green": 6}
    run(playing, [{"end_game": {"reason": "Over.", "loser": "self"}}])  # no self: nobody is ruled out
    advance(playing.scenario, st)
    assert playing.outcome().winners == ("red",)
    assert st.losers == []


def test_losers_are_left_out_of_the_stored_state_while_empty_and_kept_once_set(playing):
    assert "losers" not in playing.to_json()
    run(playing, [{"end_game": {"reason": "Over.", "loser": "blue"}}])
    advance(playing.scenario, playing.state)
    data = playing.to_json()
    assert data["losers"] == ["blue"]
    again = Game.from_json(playing.scenario, data)
    assert again.state.losers == ["blue"] and again.hash() == playing.hash()


def test_end_game_loser_on_a_track_maximum_names_the_culprit(playing, monkeypatch):
    st = playing.state
    scn = playing.scenario
    t = scn.tracks["tension"]
    on_max = _EFFECTS.validate_python([{"end_game": {"reason": "Tension boils over.", "loser": "self"}}])
    monkeypatch.setitem(scn.tracks, "tension", t.model_copy(update={"on_max": on_max}))
    st.vp = {"red": 9, "blue": 4, "green": 6}
    st.tracks["tension"] = 4
    at_play(playing, "red", "escalate")
    playing.apply(PlayCard("escalate", "event"), "red")  # red pushes tension to its maximum
    out = playing.outcome()
    assert out is not None and out.winners == ("green",)


# --------------------------------------------------------------------------- the discard outlet

_OUTLET = {"name": "Quiet talks", "factions": ["red", "blue"], "per_turn": 1, "min_ops": 2,
           "effects": [{"track": {"id": "trust", "add": 1}}]}


@pytest.fixture
def outlet(monkeypatch, playing):
    with_rules(monkeypatch, playing, discard=[m.DiscardOutlet.model_validate(_OUTLET)])
    return playing


def test_discard_outlet_is_a_legal_play_for_its_factions_cards_of_enough_operations(outlet):
    at_play(outlet, "red", "red_rally", "aid", "blue_plot")
    legal = outlet.legal_actions("red")
    discards = [a for a in legal if isinstance(a, DiscardCard)]
    assert discards == [DiscardCard("red_rally"), DiscardCard("blue_plot")]  # aid has 1 operation
    assert legal[-len(discards):] == discards  # after every play
    assert "2 operations or more" in outlet.why_illegal(DiscardCard("aid"), "red")
    assert parse_action("discard red_rally") == DiscardCard("red_rally")


def test_discard_outlet_discards_the_card_applies_its_effects_and_ends_the_play(outlet):
    st = outlet.state
    at_play(outlet, "red", "red_rally", "blue_plot")
    vp_blue = st.vp["blue"]
    outlet.apply(DiscardCard("blue_plot"), "red")
    assert "blue_plot" in st.discard and "blue_plot" not in st.hands["red"]
    assert st.tracks["trust"] == 3
    assert st.vp["blue"] == vp_blue  # the opponent's event did not fire
    assert outlet.to_act() == ("blue",)  # the next seat plays
    assert any(e.kind == "discard" and e.data["card"] == "blue_plot" for e in st.log)


def test_discard_outlet_once_per_turn_and_again_after_upkeep(outlet):
    st = outlet.state
    at_play(outlet, "red", "red_rally", "blue_plot")
    outlet.apply(DiscardCard("blue_plot"), "red")
    at_play(outlet, "red", "red_rally", "dilemma")
    assert not any(isinstance(a, DiscardCard) for a in outlet.legal_actions("red"))
    with pytest.raises(IllegalAction, match="1 time a turn"):
        outlet.apply(DiscardCard("dilemma"), "red")
    st.used = {}  # what upkeep does
    assert DiscardCard("dilemma") in outlet.legal_actions("red")


def test_discard_outlet_not_for_factions_it_does_not_name(outlet):
    at_play(outlet, "green", "dilemma")
    assert not any(isinstance(a, DiscardCard) for a in outlet.legal_actions("green"))
    assert "no way to discard" in outlet.why_illegal(DiscardCard("dilemma"), "green")


def test_discard_outlet_condition_closes_it(monkeypatch, playing):
    data = {**_OUTLET, "if": {"flag": "never_set"}}
    with_rules(monkeypatch, playing, discard=[m.DiscardOutlet.model_validate(data)])
    at_play(playing, "red", "red_rally")
    assert "its condition does not hold" in playing.why_illegal(DiscardCard("red_rally"), "red")


def test_discard_outlet_track_changes_are_foreseen(outlet):
    at_play(outlet, "red", "red_rally")
    assert track_changes(outlet.scenario, outlet.state, "red", DiscardCard("red_rally")) == {"trust": 1}


def test_no_discard_outlet_no_discard_actions(playing):
    at_play(playing, "red", "red_rally")
    assert not any(isinstance(a, DiscardCard) for a in playing.legal_actions("red"))
