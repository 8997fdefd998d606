"""How a finished game ended: the :class:`Outcome` and its :class:`Termination` (as python-chess has them).

The state holds the outcome as this typed value (``GameState.outcome``); its stored form is the
JSON object of :meth:`Outcome.to_json`, so a finished game's hash is the same as before it was typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .errors import StateError

LAST_TURN_REASON = "the last turn is over: most victory points wins"
_THRESHOLD = re.compile(r"a faction reached -?\d+ victory points")


def threshold_reason(threshold: int) -> str:
    return f"a faction reached {threshold} victory points"


class Termination(Enum):
    """Why a game ended (as python-chess names it)."""

    LAST_TURN = "last_turn"  # the last month is over: most VP wins
    THRESHOLD = "threshold"  # a faction reached the victory threshold
    END_GAME = "end_game"  # an ``end_game`` effect of the scenario

    @classmethod
    def of_reason(cls, reason: str) -> Termination:
        """The termination of a stored outcome (the state stores the reason only)."""
        if reason == LAST_TURN_REASON:
            return cls.LAST_TURN
        if _THRESHOLD.fullmatch(reason):
            return cls.THRESHOLD
        return cls.END_GAME


@dataclass(frozen=True)
class Outcome:
    """How a finished game ended: who won, the final VP, the reason in words and its kind."""

    winners: tuple[str, ...]
    vp: dict[str, int]
    reason: str
    turn: int

    @property
    def termination(self) -> Termination:
        return Termination.of_reason(self.reason)

    @property
    def is_draw(self) -> bool:
        return len(self.winners) != 1

    def to_json(self) -> dict[str, Any]:
        return {"winners": list(self.winners), "vp": dict(self.vp), "reason": self.reason, "turn": self.turn}

    @classmethod
    def from_json(cls, d: Any) -> Outcome:
        """The outcome of its stored form; a malformed one raises :class:`StateError`."""
        if not isinstance(d, dict) or set(d) != {"winners", "vp", "reason", "turn"}:
            raise StateError("an outcome is an object with winners, vp, reason and turn")
        winners, vp, reason, turn = d["winners"], d["vp"], d["reason"], d["turn"]
        if (not isinstance(winners, list) or not all(isinstance(w, str) for w in winners)
                or not isinstance(vp, dict) or not all(isinstance(k, str) and type(v) is int for k, v in vp.items())
                or not isinstance(reason, str) or type(turn) is not int):
            raise StateError("an outcome is an object with winners, vp, reason and turn")
        return cls(tuple(winners), dict(vp), reason, turn)
