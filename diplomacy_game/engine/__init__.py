"""The rules engine: pure Python, no UI, no printing, randomness only from the state's RNG."""

from .actions import (
    Action,
    Boost,
    Choose,
    ChooseTarget,
    DiscardCard,
    EndOps,
    PickHeadline,
    PlaceInfluence,
    PlayCard,
    Pressure,
    UseAction,
    parse_action,
)
from .cards import PendingHeadline, PendingPlay, PendingTarget
from .decision import Decision
from .errors import ActionParseError, GameError, IllegalAction, StateError
from .game import Game, new_state
from .operations import PendingOps
from .outcome import Outcome, Termination
from .state import GameState, LogEntry, Phase
from .timeline import PendingChoice
from .undo import History
from .view import SeatView

__all__ = [
    "Action",
    "ActionParseError",
    "Boost",
    "Choose",
    "ChooseTarget",
    "Decision",
    "DiscardCard",
    "EndOps",
    "Game",
    "GameError",
    "GameState",
    "History",
    "IllegalAction",
    "LogEntry",
    "Outcome",
    "PendingChoice",
    "PendingHeadline",
    "PendingOps",
    "PendingPlay",
    "PendingTarget",
    "Phase",
    "PickHeadline",
    "PlaceInfluence",
    "PlayCard",
    "Pressure",
    "SeatView",
    "StateError",
    "Termination",
    "UseAction",
    "new_state",
    "parse_action",
]
