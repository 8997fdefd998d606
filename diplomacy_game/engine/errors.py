"""Typed errors the engine raises. Illegal input never changes the state."""

from __future__ import annotations


class GameError(Exception):
    """Base class of the engine's errors."""


class IllegalAction(GameError):
    """The action is not legal now for that seat; ``reason`` says why in plain words."""

    def __init__(self, action: object, reason: str) -> None:
        self.action = action
        self.reason = reason
        super().__init__(f"illegal action '{action}': {reason}")


class ActionParseError(GameError, ValueError):
    """A text could not be read as an action."""


class StateError(GameError, ValueError):
    """A saved state does not fit the scenario or is malformed."""
