"""The rules engine: pure Python, no UI, no printing, randomness only from the state's RNG."""

from .actions import (
    Action,
    Boost,
    Choose,
    ChooseTarget,
    EndOps,
    PlaceInfluence,
    PlayCard,
    Pressure,
    UseAction,
    parse_action,
)
from .errors import ActionParseError, GameError, IllegalAction, StateError
from .game import Game, new_state
from .scoring import Outcome
from .state import GameState, LogEntry
from .undo import History
from .view import SeatView

__all__ = [
    "Action",
    "ActionParseError",
    "Boost",
    "Choose",
    "ChooseTarget",
    "EndOps",
    "Game",
    "GameError",
    "GameState",
    "History",
    "IllegalAction",
    "LogEntry",
    "Outcome",
    "PlaceInfluence",
    "PlayCard",
    "Pressure",
    "SeatView",
    "StateError",
    "UseAction",
    "new_state",
    "parse_action",
]
