"""The game API's own rules: illegal actions, action texts, views and hidden information,
saves, determinism."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from rules_helpers import at_ops, at_play

from diplomacy_game.engine import (
    ActionParseError,
    Boost,
    Choose,
    ChooseTarget,
    EndOps,
    Game,
    IllegalAction,
    PendingOps,
    PlaceInfluence,
    PlayCard,
    Pressure,
    StateError,
    UseAction,
    parse_action,
)

# --------------------------------------------------------------------------- illegal actions


def test_illegal_action_raises_and_leaves_state_unchanged(playing):
    at_play(playing, "red", "blue_plot", "deal")
    before = playing.hash()
    cases = [
        (PlayCard("blue_plot", "event"), "red"),  # another faction's event
        (PlayCard("deal", "event"), "red"),  # its condition fails
        (PlayCard("aid", "ops"), "red"),  # not in hand
        (PlaceInfluence("beta"), "red"),  # not spending operations
        (PlayCard("deal", "ops"), "blue"),  # not blue's turn
        (Choose("hawk"), "red"),  # no choice open
        (PlayCard("deal", "ops"), "nobody"),  # no such seat
    ]
    for action, seat in cases:
        assert playing.why_illegal(action, seat) is not None
        assert (action, seat) not in playing
        with pytest.raises(IllegalAction) as err:
            playing.apply(action, seat)
        assert err.value.reason == playing.why_illegal(action, seat)
        assert playing.hash() == before
    assert (PlayCard("deal", "ops"), "red") in playing


def test_illegal_action_during_ops_leaves_state_unchanged(playing):
    at_ops(playing, "red", "filler_one")
    before = playing.hash()
    for text in ("influence gamma", "pressure alpha blue", "action lobby red", "play aid event", "target alpha"):
        with pytest.raises(IllegalAction):
            playing.apply(text, "red")
        assert playing.hash() == before


def test_every_legal_action_is_legal(scn):
    g = Game.new(scn, seed=5)
    while not g.is_over():
        for seat in g.to_act():
            for a in g.legal_actions(seat):
                assert g.why_illegal(a, seat) is None, (a, seat)
        seat = g.to_act()[-1]
        legal = g.legal_actions(seat)
        g.apply(legal[len(g.state.moves) % len(legal)], seat)


def test_seats_not_to_act_have_no_legal_actions(playing):
    assert playing.legal_actions("blue") == []
    assert playing.legal_actions("red") != []


def test_apply_accepts_action_text(playing):
    at_play(playing, "red", "filler_one")
    playing.apply("play filler_one ops", "red")
    assert isinstance(playing.state.pending, PendingOps)


# --------------------------------------------------------------------------- action texts

_ids = hs.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
_actions = hs.one_of(
    hs.builds(PlayCard, _ids, hs.sampled_from(["event", "ops"])),
    hs.builds(PlaceInfluence, _ids),
    hs.builds(Pressure, _ids, _ids),
    hs.builds(UseAction, _ids, hs.none() | _ids),
    hs.just(Boost()),
    hs.just(EndOps()),
    hs.builds(ChooseTarget, _ids),
    hs.builds(Choose, _ids),
)


@settings(max_examples=300, deadline=None)
@given(_actions)
def test_action_text_round_trip(action):
    text = str(action)
    assert parse_action(text) == action
    assert parse_action(f"  {text}\t") == action
    assert str(parse_action(text)) == text


@pytest.mark.parametrize(
    "text",
    ["", "fly alpha", "play aid", "play aid both", "influence", "influence Alpha", "pressure alpha",
     "boost now", "done twice", "action", "action a b c", "choose 9lives"],
)  # fmt: skip
def test_parse_action_rejects_bad_text(text):
    with pytest.raises(ActionParseError):
        parse_action(text)


# --------------------------------------------------------------------------- views


def test_view_hides_other_hands_deck_and_rng(playing):
    st = playing.state
    v = playing.view("red")
    assert v.hand == tuple(st.hands["red"])
    assert v.hand_sizes == {"red": 3, "blue": 4, "green": 3}
    assert v.deck_size == len(st.deck)
    data = v.to_json()
    assert "deck" not in data and "rng" not in data and "seed" not in data and "hands" not in data
    assert "moves" not in data  # the moves include secret picks
    blob = json.dumps(data)
    hidden = {c for f in ("blue", "green") for c in st.hands[f]} | set(st.deck)
    hidden -= set(st.hands["red"]) | set(st.discard) | set(st.removed)
    for card in hidden:
        assert f'"{card}"' not in blob, card
    spectator = playing.view(None)
    assert spectator.hand == ()


def test_view_shows_public_state(playing):
    st = playing.state
    st.influence["alpha"]["red"] = 2
    v = playing.view("blue")
    assert v.influence == st.influence and v.vp == st.vp and v.tracks == st.tracks
    assert v.control["alpha"] == "red" and v.control["beta"] is None
    assert v.active == "red" and v.to_act == ("red",)
    assert v.month == "2030-01"


def test_log_private_lines_visible_only_to_their_seat(playing):
    st = playing.state
    private = [e for e in st.log if e.visible_to is not None]
    assert private  # the draw: each seat sees the titles of its own cards
    for e in private:
        for seat in ("red", "blue", "green", None):
            assert (e in playing.view(seat).log) == (seat in e.visible_to)
    draws = [e for e in st.log if e.kind == "draw"]
    assert {tuple(e.visible_to) for e in draws} == {("red",), ("blue",), ("green",)}
    for e in draws:
        (seat,) = e.visible_to
        assert set(e.data["cards"]) <= set(st.hands[seat])
    counts = [e for e in st.log if e.kind == "draw_count"]
    assert counts and all(e.visible_to is None and "cards" not in e.data for e in counts)


# --------------------------------------------------------------------------- saves and determinism


def test_json_round_trip_preserves_state(playing):
    at_ops(playing, "red", "filler_three")
    data = json.loads(json.dumps(playing.to_json()))
    g2 = Game.from_json(playing.scenario, data)
    assert g2.hash() == playing.hash()
    g2.apply("influence beta", "red")
    playing.apply("influence beta", "red")
    assert g2.hash() == playing.hash()


def test_from_json_refuses_another_scenario_or_changed_content(playing, main_scn):
    data = playing.to_json()
    with pytest.raises(StateError):
        Game.from_json(main_scn, data)
    changed = dict(data, content_hash="0" * 16)
    with pytest.raises(StateError):
        Game.from_json(playing.scenario, changed)
    with pytest.raises(StateError):
        Game.from_json(playing.scenario, dict(data, format=99))


def test_same_seed_and_moves_give_the_same_game(scn):
    a = Game.new(scn, seed=11)
    while not a.is_over():
        seat = a.to_act()[0]
        legal = a.legal_actions(seat)
        a.apply(legal[-1], seat)
    b = Game.replay(scn, 11, a.state.moves)
    assert b.hash() == a.hash()
    assert Game.new(scn, seed=11).state.deck == Game.new(scn, seed=11).state.deck
    assert Game.new(scn, seed=11).state.deck != Game.new(scn, seed=12).state.deck


def test_copy_is_independent(playing):
    c = playing.copy()
    c.apply(c.legal_actions("red")[0], "red")
    assert c.hash() != playing.hash()
    assert playing.to_act() == ("red",)
