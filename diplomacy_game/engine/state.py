"""The full game state: plain data, JSON round-trippable, hashable.

Everything that decides the game lives here, including the random generator's state and the
moves made so far. Seats never see it directly: they see ``view(seat)``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from .decision import Decision, decision_from_json
from .errors import StateError
from .outcome import Outcome

STATE_FORMAT = 1
# fields left out of the stored form while empty (added after format 1; older saves lack them)
_OMITTED_WHEN_EMPTY = frozenset({"losers"})

Step = dict[str, Any]


class Phase(StrEnum):
    """Where the turn procedure stands (``turn.advance`` moves it on)."""

    TIMELINE = "timeline"
    DRAW = "draw"
    HEADLINE = "headline"  # the month's secret headline picks and their events (rules.headline)
    ACTIONS = "actions"
    UPKEEP = "upkeep"
    OVER = "over"


@dataclass(slots=True)
class LogEntry:
    """One line of the game's log. ``visible_to`` None means every seat may see it."""

    turn: int
    text: str
    kind: str = "info"
    visible_to: list[str] | None = None
    data: dict[str, Any] = field(default_factory=dict)

    def visible(self, seat: str | None) -> bool:
        return self.visible_to is None or (seat is not None and seat in self.visible_to)


@dataclass
class GameState:
    scenario: str
    content_hash: str
    seed: int
    rng: int
    turn: int = 0
    phase: Phase = Phase.TIMELINE
    event_cursor: int = 0
    round: int = 0
    seat_index: int = 0
    influence: dict[str, dict[str, int]] = field(default_factory=dict)
    stability: dict[str, int] = field(default_factory=dict)
    tracks: dict[str, int] = field(default_factory=dict)
    economy: dict[str, int] = field(default_factory=dict)
    vp: dict[str, int] = field(default_factory=dict)
    leaders: dict[str, str] = field(default_factory=dict)
    hands: dict[str, list[str]] = field(default_factory=dict)
    deck: list[str] = field(default_factory=list)
    discard: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)
    used: dict[str, dict[str, int]] = field(default_factory=dict)
    pending: Decision | None = None  # the decision in progress (see decision.py)
    queue: list[Step] = field(default_factory=list)
    vp_history: list[dict[str, int]] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    moves: list[list[str]] = field(default_factory=list)
    end_reason: str | None = None
    outcome: Outcome | None = None  # set when the game is over (see outcome.py)
    # factions an ``end_game`` effect ruled out of the win; stored only when not empty, so the
    # states (and hashes) of games without such an ending are as before
    losers: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------ helpers

    def has_flag(self, name: str) -> bool:
        return name in self.flags

    def set_flag(self, name: str) -> None:
        if name not in self.flags:
            self.flags.append(name)
            self.flags.sort()

    def clear_flag(self, name: str) -> None:
        if name in self.flags:
            self.flags.remove(name)

    def add_log(
        self,
        text: str,
        kind: str = "info",
        visible_to: list[str] | None = None,
        **data: Any,
    ) -> None:
        self.log.append(LogEntry(self.turn, text, kind, visible_to, data))  # ``data``: a new dict each call

    # ------------------------------------------------------------------ JSON

    def to_json(self) -> dict[str, Any]:
        """A plain, independent JSON object (equal to ``dataclasses.asdict``, several times faster)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "log":
                out["log"] = [{"turn": e.turn, "text": e.text, "kind": e.kind,
                               "visible_to": list(e.visible_to) if e.visible_to is not None else None,
                               "data": plain_copy(e.data)} for e in v]
            elif f.name == "pending":
                out["pending"] = v.to_json() if v is not None else None
            elif f.name == "phase":
                out["phase"] = v.value
            elif f.name == "outcome":
                out["outcome"] = v.to_json() if v is not None else None
            elif f.name in _OMITTED_WHEN_EMPTY and not v:
                continue
            else:
                out[f.name] = plain_copy(v)
        out["format"] = STATE_FORMAT
        return out

    @classmethod
    def from_json(cls, data: Any) -> GameState:
        if not isinstance(data, dict):
            raise StateError("a game state is a JSON object")
        if data.get("format") != STATE_FORMAT:
            raise StateError(f"unknown state format {data.get('format')!r} (this version reads {STATE_FORMAT})")
        names = {f.name for f in fields(cls)}
        missing = names - set(data) - _OMITTED_WHEN_EMPTY
        if missing:
            raise StateError(f"the state lacks: {', '.join(sorted(missing))}")
        kwargs = {k: data[k] for k in names if k in data}
        try:
            kwargs["log"] = [LogEntry(**e) for e in data["log"]]
            kwargs["phase"] = Phase(data["phase"])
            kwargs["pending"] = decision_from_json(data["pending"])
            kwargs["outcome"] = Outcome.from_json(data["outcome"]) if data["outcome"] is not None else None
            st = cls(**kwargs)
        except (TypeError, ValueError) as exc:
            raise StateError(f"malformed state: {exc}") from None
        return st

    def canonical(self) -> str:
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=True)

    def hash(self) -> str:
        """A stable hash of the whole state (same scenario, seed and moves give the same)."""
        return hashlib.sha256(self.canonical().encode()).hexdigest()

    def copy(self) -> GameState:
        return GameState.from_json(json.loads(json.dumps(self.to_json())))

    def clone(self, *, keep_log: bool = True) -> GameState:
        """A fast independent copy (for search); without the log and moves when not kept.

        Generic over the fields: each field is copied by a copier chosen once from its type
        (containers to the depth the type has, numbers, strings, the phase and the immutable
        decision shared, the log's entries shared); a type it does not know is deep-copied.
        A field added to the state is copied without a change here.
        """
        new = object.__new__(GameState)
        out, src = new.__dict__, self.__dict__
        out.update(src)  # what is shared; then each container copied
        for name, copy in _COPIERS if keep_log else _COPIERS_NO_HISTORY:
            out[name] = copy(src[name])
        return new


_HISTORY = ("log", "moves")  # what ``clone(keep_log=False)`` leaves out (empty)


def _same(v: Any) -> Any:
    return v


def _empty(v: Any) -> Any:
    return []


_BY_TYPE: dict[str, Callable[[Any], Any]] = {
    "int": _same, "str": _same, "bool": _same, "str|None": _same, "Phase": _same, "Decision|None": _same,
    "Outcome|None": _same,  # frozen, never changed once set
    "dict[str,int]": dict, "dict[str,str]": dict, "list[str]": list,
    "list[LogEntry]": list,  # the entries are never changed once written
    "dict[str,dict[str,int]]": lambda v: {k: dict(x) for k, x in v.items()},
    "dict[str,dict[str,str]]": lambda v: {k: dict(x) for k, x in v.items()},
    "dict[str,list[str]]": lambda v: {k: list(x) for k, x in v.items()},
    "list[list[str]]": lambda v: [list(x) for x in v],
    "list[dict[str,int]]": lambda v: [dict(x) for x in v],
    "list[Step]": lambda v: [dict(x) for x in v],  # a step holds names and flags only
}


def _copier(annotation: Any) -> Callable[[Any], Any]:
    return _BY_TYPE.get(str(annotation).replace(" ", ""), plain_copy)


# The state in two parts. The secret part: the seed and the generator (which decide every
# future draw and roll), the hands, the deck's order and the moves (which hold secret picks);
# the secret picks of an open choice are hidden by the decision itself (``Decision.for_seat``).
# Bookkeeping that no seat is shown. Everything else is public: a seat's view (``view.py``)
# holds each public field under the same name, and a computer player's sampled state
# (``ai/determinize.py``) copies them from the view and samples the secret part.
# A test checks that every field is in exactly one of the three.
SECRET_FIELDS = frozenset({"seed", "rng", "hands", "deck", "moves"})
BOOKKEEPING_FIELDS = frozenset({"content_hash", "end_reason", "losers"})


def public_fields() -> tuple[str, ...]:
    """The fields of the state that every seat may know, in declaration order."""
    return tuple(f.name for f in fields(GameState) if f.name not in SECRET_FIELDS | BOOKKEEPING_FIELDS)


def plain_copy(x: Any) -> Any:
    """A deep copy of JSON-like data (dicts, lists, tuples as lists, scalars)."""
    t = type(x)
    if t is dict:
        return {k: plain_copy(v) for k, v in x.items()}
    if t is list or t is tuple:
        return [plain_copy(v) for v in x]
    return x


def field_copier(name: str) -> Callable[[Any], Any]:
    """The function that copies the state's field ``name`` to the depth its type has (what
    ``clone`` uses), taking tuples where the field has lists; a value that is not a container
    is returned as it is."""
    return _FIELD_COPIERS[name]


_COPIERS = tuple((f.name, c) for f in fields(GameState) if (c := _copier(f.type)) is not _same)
_COPIERS_NO_HISTORY = tuple((n, _empty if n in _HISTORY else c) for n, c in _COPIERS)
_FIELD_COPIERS = {f.name: _copier(f.type) for f in fields(GameState)}
