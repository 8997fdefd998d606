"""Catch-up: what one seat may see of the moves made since a point, step by step.

Each step is one move replayed from the game's own move list, described only by the log lines
the seat may read and shown through the seat's own view — never another seat's hand or secret.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario.loader import Scenario
from .game import Game
from .state import LogEntry
from .view import SeatView


@dataclass(frozen=True)
class RecapStep:
    mover: str  # the seat whose move this was
    index: int  # the move's index in the game's move list
    lines: tuple[LogEntry, ...]  # what the seat may read of it
    view: SeatView  # the seat's view just after it

    @property
    def region(self) -> str | None:
        """The region the step is about (the last line naming one), for the map."""
        for e in reversed(self.lines):
            for k in ("region", "target"):
                r = e.data.get(k)
                if isinstance(r, str):
                    return r
        return None


def recap(scenario: Scenario, seed: int, moves: list[list[str]], start: int, seat: str) -> list[RecapStep]:
    """The steps from move ``start`` on, as ``seat`` may see them (moves that show it nothing are left out)."""
    start = max(0, min(start, len(moves)))
    game = Game.replay(scenario, seed, moves[:start])
    seen = len(game.view(seat).log)
    steps: list[RecapStep] = []
    for i in range(start, len(moves)):
        mover, text = moves[i]
        game.apply(text, mover)
        view = game.view(seat)
        new = view.log[seen:]
        seen = len(view.log)
        if new:
            steps.append(RecapStep(mover, i, tuple(new), view))
    return steps
