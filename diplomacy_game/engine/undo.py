"""Undo and redo of a seat's own moves, as state snapshots (boardgame.io-style).

The rule: a seat may take back its last moves while it is still the seat acting and nothing
has been revealed since it began them — no die rolled or deck shuffled (the generator's state
moved), no card drawn, no hidden log line written, no timeline event fired, and no other seat
brought to a decision. Undo only restores a state the seat has already seen, so it never
reveals anything; redo re-applies the same move, which is deterministic because it used no
randomness.

``scn`` below is the main scenario (the examples run as doctests in ``tests/test_doctests.py``):

>>> game = Game.new(scn, seed=1)
>>> game.apply("choose condolences", "russia")
>>> h = History(game)
>>> h.apply("play levant_network ops", "russia")
>>> h.apply("influence russia", "russia")
>>> h.can_undo("russia")
True
>>> h.undo()
'influence russia'
>>> h.undo()
'play levant_network ops'
>>> h.can_undo("russia"), h.can_redo("russia")
(False, True)
"""

from __future__ import annotations

from dataclasses import dataclass

from .actions import Action, parse_action
from .errors import GameError
from .game import Game
from .state import GameState


@dataclass(frozen=True)
class Undoable:
    """A move that may be taken back, with the state just before it."""

    seat: str
    move: str  # the action's text form
    before: GameState


def reveals(before: GameState, after: GameState, seat: str, acting: tuple[str, ...]) -> str | None:
    """Why the move from ``before`` to ``after`` by ``seat`` cannot be taken back, or None."""
    if after.outcome is not None:
        return "the game is over"
    if acting != (seat,):
        return "the turn has passed to another seat"
    if after.rng != before.rng:
        return "dice were rolled or cards shuffled"
    if after.deck != before.deck:
        return "a card was drawn"
    if after.event_cursor != before.event_cursor:
        return "a timeline event was revealed"
    for f, hand in after.hands.items():
        gained = set(hand) - set(before.hands.get(f, []))
        if gained or (f != seat and hand != before.hands.get(f, [])):
            return "a hand changed"
    if any(e.visible_to is not None for e in after.log[len(before.log):]):
        return "something secret was revealed"
    return None


class History:
    """A game with undo and redo for the seat acting. Apply moves through it, not the game."""

    def __init__(self, game: Game) -> None:
        self.game = game
        self._undo: list[Undoable] = []
        self._redo: list[tuple[str, str]] = []
        self.last_block: str | None = None  # why the last move cleared the undo stack

    @classmethod
    def rebuilt(cls, game: Game) -> History:
        """The history of a restored game (a loaded save): its moves replayed from the start, so
        the seat acting may still take back the moves of its turn. ``history.game`` is a new game
        equal to ``game``; if the replay does not give ``game`` exactly, the history starts empty."""
        h = cls(Game.new(game.scenario, game.state.seed))
        try:
            for seat, text in game.state.moves:
                h.apply(text, seat)
        except GameError:
            return cls(game)
        return h if h.game.hash() == game.hash() else cls(game)

    def apply(self, action: Action | str, seat: str | None = None) -> None:
        """Apply a move (IllegalAction, state unchanged, if it is not legal); clears redo."""
        self._apply(action, seat)
        self._redo.clear()

    def _apply(self, action: Action | str, seat: str | None) -> None:
        if isinstance(action, str):
            action = parse_action(action)
        g = self.game
        if seat is None:
            acting = g.to_act()
            seat = acting[0] if len(acting) == 1 else None
        before = g.state.clone()
        g.apply(action, seat)
        assert seat is not None  # apply has refused a move without a seat when several act
        why = reveals(before, g.state, seat, g.to_act())
        self.last_block = why
        if why is None:
            self._undo.append(Undoable(seat, str(action), before))
        else:
            self._undo.clear()

    def can_undo(self, seat: str | None) -> bool:
        """True when ``seat`` may take back its last move now."""
        return bool(self._undo) and seat is not None and self._undo[-1].seat == seat and self.game.to_act() == (seat,)

    def can_redo(self, seat: str | None) -> bool:
        return bool(self._redo) and seat is not None and self._redo[-1][0] == seat and self.game.to_act() == (seat,)

    def undo(self) -> str:
        """Take back the last move; returns its text. ValueError when there is none."""
        if not self._undo:
            raise ValueError("there is nothing to undo")
        top = self._undo.pop()
        self.game.state = top.before.clone()
        self._redo.append((top.seat, top.move))
        return top.move

    def redo(self) -> str:
        """Apply again the last move undone; returns its text. ValueError when there is none."""
        if not self._redo:
            raise ValueError("there is nothing to redo")
        seat, move = self._redo.pop()
        self._apply(move, seat)
        return move

    def clear(self) -> None:
        self._undo.clear()
        self._redo.clear()
