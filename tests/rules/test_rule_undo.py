"""Undo: a seat takes back its own moves until something is revealed; redo; never a reveal."""

from __future__ import annotations

import pytest
from rules_helpers import at_ops, at_play, rng_rolling

from diplomacy_game.engine import EndOps, IllegalAction, PendingPlay, PlaceInfluence, PlayCard, Pressure
from diplomacy_game.engine.undo import History


def test_undo_restores_the_state_before_an_influence_placement(playing):
    at_ops(playing, "red", "filler_three")
    h = History(playing)
    before = playing.hash()
    h.apply(PlaceInfluence("beta"), "red")
    assert playing.state.influence["beta"]["red"] == 1
    assert h.can_undo("red")
    assert h.undo() == "influence beta"
    assert playing.hash() == before
    assert playing.state.influence["beta"]["red"] == 0


def test_undo_takes_back_several_moves_in_order_and_redo_replays_them(playing):
    at_play(playing, "red", "filler_three")
    h = History(playing)
    start = playing.hash()
    h.apply(PlayCard("filler_three", "ops"), "red")
    after_play = playing.hash()
    h.apply(PlaceInfluence("beta"), "red")
    after_place = playing.hash()
    h.undo()
    assert playing.hash() == after_play
    h.undo()
    assert playing.hash() == start
    assert "filler_three" in playing.state.hands["red"]
    assert h.can_redo("red")
    h.redo()
    assert playing.hash() == after_play
    h.redo()
    assert playing.hash() == after_place
    assert not h.can_redo("red")


def test_a_new_move_clears_redo(playing):
    at_ops(playing, "red", "filler_three")
    h = History(playing)
    h.apply(PlaceInfluence("beta"), "red")
    h.undo()
    h.apply(PlaceInfluence("alpha"), "red")
    assert not h.can_redo("red")
    with pytest.raises(ValueError):
        h.redo()


def test_undo_is_refused_after_a_die_roll(playing):
    st = playing.state
    st.influence["beta"]["blue"] = 1
    at_ops(playing, "red", "filler_three")
    st.rng = rng_rolling(6)
    h = History(playing)
    h.apply(PlaceInfluence("alpha"), "red")
    assert h.can_undo("red")
    h.apply(Pressure("beta", "blue"), "red")  # rolls a die
    assert not h.can_undo("red")
    assert h.last_block == "dice were rolled or cards shuffled"
    with pytest.raises(ValueError):
        h.undo()  # the placement before the roll is gone from the stack too


def test_undo_is_refused_once_the_turn_passes_to_another_seat(playing):
    at_ops(playing, "red", "filler_three")
    h = History(playing)
    h.apply(EndOps(), "red")
    assert playing.to_act() != ("red",)
    assert not h.can_undo("red")
    assert not h.can_undo("blue")


def test_only_the_seat_that_moved_may_undo(playing):
    at_ops(playing, "red", "filler_three")
    h = History(playing)
    h.apply(PlaceInfluence("beta"), "red")
    assert not h.can_undo("blue")
    assert not h.can_undo(None)


def test_an_illegal_move_through_history_changes_nothing(playing):
    at_ops(playing, "red", "filler_three")
    h = History(playing)
    before = playing.hash()
    with pytest.raises(IllegalAction):
        h.apply(PlaceInfluence("nowhere"), "red")
    assert playing.hash() == before
    assert not h.can_undo("red")


def test_undo_never_reveals_the_deck_or_other_hands(playing):
    """Undo restores exactly a state the seat has seen: every hidden part is as it was."""
    at_ops(playing, "red", "filler_three")
    st = playing.state
    hidden = (list(st.deck), {f: list(h) for f, h in st.hands.items() if f != "red"}, st.rng)
    h = History(playing)
    h.apply(PlaceInfluence("beta"), "red")
    h.undo()
    st = playing.state
    assert (list(st.deck), {f: list(h) for f, h in st.hands.items() if f != "red"}, st.rng) == hidden


def test_undo_keeps_the_move_list_in_step(playing):
    at_ops(playing, "red", "filler_three")
    n = len(playing.state.moves)
    h = History(playing)
    h.apply(PlaceInfluence("beta"), "red")
    assert len(playing.state.moves) == n + 1
    h.undo()
    assert len(playing.state.moves) == n


def test_a_rebuilt_history_starts_empty_when_the_moves_do_not_replay_to_the_state(playing):
    at_ops(playing, "red", "filler_three")
    playing.apply(PlaceInfluence("beta"), "red")
    restored = type(playing).from_json(playing.scenario, playing.to_json())  # as a save restores it
    restored.state.moves = list(playing.state.moves)
    h = History.rebuilt(restored)
    assert h.game.hash() == playing.hash()
    # the fixture edited the state before the moves (at_ops), so the replay differs: empty history
    assert not h.can_undo("red")


def test_a_rebuilt_history_of_a_played_game_can_undo_the_last_own_moves(scn):
    from diplomacy_game.engine import Game

    g = Game.new(scn, seed=1)
    g.apply("choose dove", "red")
    card = next(a for a in g.legal_actions("red") if str(a).endswith(" ops"))
    g.apply(card, "red")
    g.apply(next(a for a in g.legal_actions("red") if isinstance(a, PlaceInfluence)), "red")
    h = History.rebuilt(Game.from_json(scn, g.to_json()))
    assert h.game.hash() == g.hash()
    assert h.can_undo("red")
    h.undo()
    h.undo()
    assert h.game.to_act() == ("red",) and isinstance(h.game.state.pending, PendingPlay)
