"""The condition vocabulary, each kind tested on a precise state."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from diplomacy_game.engine.conditions import holds
from diplomacy_game.engine.context import Ctx
from diplomacy_game.scenario.models import Condition

_COND = TypeAdapter(Condition)


def ok(game, cond: dict[str, Any], **ctx: Any) -> bool:
    return holds(game.scenario, game.state, _COND.validate_python(cond), Ctx(**ctx))


def test_track_condition_compares(playing):
    playing.state.tracks["trust"] = 4
    assert ok(playing, {"track": {"id": "trust", "at_least": 4}})
    assert not ok(playing, {"track": {"id": "trust", "at_least": 5}})
    assert ok(playing, {"track": {"id": "trust", "at_most": 4}})
    assert not ok(playing, {"track": {"id": "trust", "at_most": 3}})
    assert ok(playing, {"track": {"id": "trust", "equals": 4}})
    assert not ok(playing, {"track": {"id": "trust", "equals": 3}})
    assert ok(playing, {"track": {"id": "trust", "at_least": 2, "at_most": 6}})


def test_flag_condition(playing):
    assert ok(playing, {"flag": "ready"})
    assert not ok(playing, {"flag": "nothing_here"})


def test_all_any_not(playing):
    t, f = {"flag": "ready"}, {"flag": "nothing_here"}
    assert ok(playing, {"all": [t, t]}) and not ok(playing, {"all": [t, f]})
    assert ok(playing, {"any": [f, t]}) and not ok(playing, {"any": [f, f]})
    assert ok(playing, {"not": f}) and not ok(playing, {"not": t})


def test_leader_condition_is_and_not(playing):
    assert ok(playing, {"leader": {"faction": "red", "is": "red_boss"}})
    assert not ok(playing, {"leader": {"faction": "red", "is": "red_caretaker"}})
    assert ok(playing, {"leader": {"faction": "red", "not": "red_caretaker"}})
    assert not ok(playing, {"leader": {"faction": "red", "not": "red_boss"}})
    assert ok(playing, {"leader": {"faction": "self", "is": "blue_boss"}}, actor="blue")
    assert not ok(playing, {"leader": {"faction": "self", "not": "blue_boss"}})  # no 'self': false


def test_controls_condition(playing):
    st = playing.state
    assert ok(playing, {"controls": {"faction": "red", "region": "redland"}})
    assert not ok(playing, {"controls": {"faction": "red", "region": "alpha"}})
    st.influence["alpha"]["red"] = 2
    assert ok(playing, {"controls": {"faction": "red", "region": "alpha"}})
    assert ok(playing, {"controls": {"faction": "self", "region": "target"}}, actor="red", target="alpha")


def test_influence_condition(playing):
    assert ok(playing, {"influence": {"faction": "red", "region": "alpha", "at_least": 1}})
    assert not ok(playing, {"influence": {"faction": "red", "region": "alpha", "at_least": 2}})
    assert ok(playing, {"influence": {"faction": "blue", "region": "alpha", "at_most": 0}})


def test_vp_and_economy_conditions(playing):
    st = playing.state
    st.vp["green"] = 3
    assert ok(playing, {"vp": {"faction": "green", "at_least": 3}})
    assert not ok(playing, {"vp": {"faction": "green", "at_least": 4}})
    assert ok(playing, {"economy": {"faction": "green", "equals": 5}})
    assert not ok(playing, {"economy": {"faction": "self", "at_least": 5}}, actor="blue")


def test_chose_condition(playing):
    st = playing.state
    assert st.choices["opening"] == {"red": "dove"}
    assert ok(playing, {"chose": {"event": "opening", "faction": "red", "option": "dove"}})
    assert not ok(playing, {"chose": {"event": "opening", "faction": "red", "option": "hawk"}})
    # 'event' defaults to the one being resolved
    assert ok(playing, {"chose": {"faction": "red", "option": "dove"}}, event="opening")
    assert not ok(playing, {"chose": {"faction": "red", "option": "dove"}}, event="summit")
    assert not ok(playing, {"chose": {"faction": "red", "option": "dove"}})


def test_self_is_condition(playing):
    assert ok(playing, {"self_is": ["red", "blue"]}, actor="blue")
    assert not ok(playing, {"self_is": ["red", "blue"]}, actor="green")
    assert not ok(playing, {"self_is": ["red"]})


def test_turn_condition_counts_from_one(playing):
    st = playing.state
    assert st.turn == 0
    assert ok(playing, {"turn": {"equals": 1}})
    assert not ok(playing, {"turn": {"at_least": 2}})
    st.turn = 2
    assert ok(playing, {"turn": {"at_least": 3}})


def test_target_word_without_target_is_false(playing):
    assert not ok(playing, {"controls": {"faction": "red", "region": "target"}})
    assert not ok(playing, {"influence": {"faction": "target", "region": "alpha", "at_most": 5}})
