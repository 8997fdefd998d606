"""Actions: small immutable values with a text form that parses back to the same value.

====================  =========================================
text                  meaning
====================  =========================================
play CARD event       play a card from hand for its event
play CARD ops         play a card from hand for its operations
influence REGION      spend operations: one influence point
pressure REGION FAC   spend operations: diplomatic pressure on FAC
action ID [TARGET]    spend operations on a faction action
boost                 spend 1 economy for +1 operation
done                  stop spending operations (the rest is lost)
target ID             choose a target for an event
choose OPTION         answer a choice (secret ones too)
discard CARD          discard a card for the scenario's outlet
headline CARD         the month's secret headline pick (rules.headline)
====================  =========================================
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from .errors import ActionParseError

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class Action:
    """Base class. ``str(action)`` is its text form; ``parse_action`` reads it back."""

    verb: ClassVar[str] = ""

    def __str__(self) -> str:  # pragma: no cover - every subclass overrides
        return self.verb


@dataclass(frozen=True, slots=True)
class PlayCard(Action):
    card: str
    mode: Literal["event", "ops"]
    verb: ClassVar[str] = "play"

    def __str__(self) -> str:
        return f"play {self.card} {self.mode}"


@dataclass(frozen=True, slots=True)
class PlaceInfluence(Action):
    region: str
    verb: ClassVar[str] = "influence"

    def __str__(self) -> str:
        return f"influence {self.region}"


@dataclass(frozen=True, slots=True)
class Pressure(Action):
    region: str
    faction: str
    verb: ClassVar[str] = "pressure"

    def __str__(self) -> str:
        return f"pressure {self.region} {self.faction}"


@dataclass(frozen=True, slots=True)
class UseAction(Action):
    action: str
    target: str | None = None
    verb: ClassVar[str] = "action"

    def __str__(self) -> str:
        return f"action {self.action}" + (f" {self.target}" if self.target else "")


@dataclass(frozen=True, slots=True)
class Boost(Action):
    verb: ClassVar[str] = "boost"

    def __str__(self) -> str:
        return "boost"


@dataclass(frozen=True, slots=True)
class EndOps(Action):
    verb: ClassVar[str] = "done"

    def __str__(self) -> str:
        return "done"


@dataclass(frozen=True, slots=True)
class ChooseTarget(Action):
    target: str
    verb: ClassVar[str] = "target"

    def __str__(self) -> str:
        return f"target {self.target}"


@dataclass(frozen=True, slots=True)
class Choose(Action):
    option: str
    verb: ClassVar[str] = "choose"

    def __str__(self) -> str:
        return f"choose {self.option}"


@dataclass(frozen=True, slots=True)
class DiscardCard(Action):
    card: str
    verb: ClassVar[str] = "discard"

    def __str__(self) -> str:
        return f"discard {self.card}"


@dataclass(frozen=True, slots=True)
class PickHeadline(Action):
    card: str
    verb: ClassVar[str] = "headline"

    def __str__(self) -> str:
        return f"headline {self.card}"


_ARITY: dict[str, tuple[int, int]] = {
    "play": (2, 2),
    "influence": (1, 1),
    "pressure": (2, 2),
    "action": (1, 2),
    "boost": (0, 0),
    "done": (0, 0),
    "target": (1, 1),
    "choose": (1, 1),
    "discard": (1, 1),
    "headline": (1, 1),
}


def parse_action(text: str) -> Action:
    """Read an action from its text form; raise ActionParseError with the reason."""
    words = text.strip().split()
    if not words:
        raise ActionParseError("empty action")
    verb, args = words[0].lower(), words[1:]
    if verb not in _ARITY:
        raise ActionParseError(f"unknown action '{verb}' (expected one of: {', '.join(_ARITY)})")
    lo, hi = _ARITY[verb]
    if not lo <= len(args) <= hi:
        want = str(lo) if lo == hi else f"{lo} or {hi}"
        raise ActionParseError(f"'{verb}' takes {want} argument(s), got {len(args)}")
    for a in args:
        if not _ID.match(a):
            raise ActionParseError(f"'{a}' is not an id (lower-case letters, digits, _)")
    if verb == "play":
        if args[1] not in ("event", "ops"):
            raise ActionParseError(f"play a card for 'event' or 'ops', not '{args[1]}'")
        return PlayCard(args[0], "event" if args[1] == "event" else "ops")
    if verb == "influence":
        return PlaceInfluence(args[0])
    if verb == "pressure":
        return Pressure(args[0], args[1])
    if verb == "action":
        return UseAction(args[0], args[1] if len(args) > 1 else None)
    if verb == "boost":
        return Boost()
    if verb == "done":
        return EndOps()
    if verb == "target":
        return ChooseTarget(args[0])
    if verb == "discard":
        return DiscardCard(args[0])
    if verb == "headline":
        return PickHeadline(args[0])
    return Choose(args[0])
