"""Helpers for the rules tests (imported by the test files; fixtures live in conftest.py)."""

from __future__ import annotations

from diplomacy_game.engine import Game, PendingOps, PendingPlay, Phase, rng
from diplomacy_game.engine.actions import EndOps, PlayCard
from diplomacy_game.engine.deck import take_out


def give(game: Game, faction: str, *cards: str) -> None:
    """Move ``cards`` into ``faction``'s hand from wherever they are (or from outside)."""
    st = game.state
    for c in cards:
        take_out(st, c)
        if c in st.removed:
            st.removed.remove(c)
        st.hands[faction].append(c)


def set_hand(game: Game, faction: str, *cards: str) -> None:
    """Make ``faction``'s hand exactly ``cards`` (old cards go back to the deck)."""
    st = game.state
    st.deck.extend(st.hands[faction])
    st.hands[faction] = []
    give(game, faction, *cards)


def at_play(game: Game, faction: str, *cards: str) -> Game:
    """Make it ``faction``'s turn to play a card in the action phase, holding ``cards``."""
    st = game.state
    st.phase = Phase.ACTIONS
    st.queue = []
    st.round = 0
    st.seat_index = game.scenario.factions.index(faction)
    st.pending = PendingPlay(faction)
    if cards:
        set_hand(game, faction, *cards)
    return game


def at_ops(game: Game, faction: str, card: str) -> Game:
    """``faction`` plays ``card`` for operations and is now spending them."""
    at_play(game, faction, card)
    game.apply(PlayCard(card, "ops"), faction)
    assert isinstance(game.state.pending, PendingOps)
    return game


def finish_ops(game: Game, faction: str) -> None:
    game.apply(EndOps(), faction)


class _Rng:
    def __init__(self, value: int) -> None:
        self.rng = value


def rng_rolling(*values: int, sides: int = 6) -> int:
    """An RNG state whose next rolls of a ``sides``-sided die are ``values``."""
    for x in range(1_000_000):
        r = _Rng(x)
        if all(rng.roll(r, sides) == v for v in values):
            return x
    raise AssertionError("no such RNG state")  # pragma: no cover


def log_kinds(game: Game, start: int = 0) -> list[str]:
    return [e.kind for e in game.state.log[start:]]


def log_texts(game: Game, start: int = 0) -> list[str]:
    return [e.text for e in game.state.log[start:]]


def end_turn(game: Game) -> None:
    """Skip what is left of this turn's action rounds: upkeep, then the next turn runs."""
    from diplomacy_game.engine.turn import advance

    st = game.state
    st.pending = None
    st.queue = []
    st.phase = Phase.UPKEEP
    advance(game.scenario, st)


def with_rules(monkeypatch, game: Game, **changes: object) -> None:
    """Override some of the scenario's rules for one test."""
    rules = game.scenario.rules.model_copy(update=changes)
    monkeypatch.setattr(type(game.scenario), "rules", property(lambda self: rules))
