"""Catch-up: what one seat may see of the moves made since a point, step by step.

Each step is one move replayed from the game's own move list, described only by the log lines
the seat may read and shown through the seat's own view — never another seat's hand or secret.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario.compiled import Scenario
from .game import Game
from .state import LogEntry
from .view import SeatView


@dataclass(frozen=True)
class RecapStep:
    mover: str  # the seat whose move this was
    index: int  # the move's index in the game's move list
    lines: tuple[LogEntry, ...]  # what the seat may read of it
    view: SeatView  # the seat's view just after it
    part: int = 0  # 0: the move itself; 1, 2…: what followed from it (upkeep, a new month, an event)

    @property
    def region(self) -> str | None:
        """The region the step is about (the last line naming one), for the map."""
        for e in reversed(self.lines):
            for k in ("region", "target"):
                r = e.data.get(k)
                if isinstance(r, str):
                    return r
        return None


# A move's lines are cut into steps where one of these begins: the upkeep and its scoring, a
# new month, a timeline event, the end — so each reads as a step of its own.
STEP_KINDS = frozenset({"upkeep", "turn", "event", "game_over"})


def _chunks(lines: tuple[LogEntry, ...]) -> list[tuple[LogEntry, ...]]:
    out: list[list[LogEntry]] = []
    for e in lines:
        if not out or (e.kind in STEP_KINDS and out[-1]):
            out.append([])
        out[-1].append(e)
    return [tuple(c) for c in out if c]


def recap(scenario: Scenario, seed: int, moves: list[list[str]], start: int, seat: str) -> list[RecapStep]:
    """The steps from move ``start`` on, as ``seat`` may see them (moves that show it nothing are left out).

    A move whose consequences run on (the upkeep and scoring, a new month, timeline events)
    gives one step for each of them, all with the view after the move."""
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
        for part, chunk in enumerate(_chunks(tuple(new))):
            steps.append(RecapStep(mover, i, chunk, view, part))
    return steps
