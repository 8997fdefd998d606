"""The full game state: plain data, JSON round-trippable, hashable.

Everything that decides the game lives here, including the random generator's state and the
moves made so far. Seats never see it directly: they see ``view(seat)``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import Any

from .errors import StateError

STATE_FORMAT = 1

Pending = dict[str, Any]
Step = dict[str, Any]


@dataclass
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
    phase: str = "timeline"
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
    pending: Pending | None = None
    queue: list[Step] = field(default_factory=list)
    vp_history: list[dict[str, int]] = field(default_factory=list)
    log: list[LogEntry] = field(default_factory=list)
    moves: list[list[str]] = field(default_factory=list)
    end_reason: str | None = None
    outcome: dict[str, Any] | None = None

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
        self.log.append(LogEntry(self.turn, text, kind, visible_to, dict(data)))

    # ------------------------------------------------------------------ JSON

    def to_json(self) -> dict[str, Any]:
        """A plain, independent JSON object (equal to ``dataclasses.asdict``, several times faster)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "log":
                out["log"] = [{"turn": e.turn, "text": e.text, "kind": e.kind,
                               "visible_to": list(e.visible_to) if e.visible_to is not None else None,
                               "data": _plain(e.data)} for e in v]
            else:
                out[f.name] = _plain(v)
        out["format"] = STATE_FORMAT
        return out

    @classmethod
    def from_json(cls, data: Any) -> GameState:
        if not isinstance(data, dict):
            raise StateError("a game state is a JSON object")
        if data.get("format") != STATE_FORMAT:
            raise StateError(f"unknown state format {data.get('format')!r} (this version reads {STATE_FORMAT})")
        names = {f.name for f in fields(cls)}
        missing = names - set(data)
        if missing:
            raise StateError(f"the state lacks: {', '.join(sorted(missing))}")
        kwargs = {k: data[k] for k in names}
        try:
            kwargs["log"] = [LogEntry(**e) for e in data["log"]]
            st = cls(**kwargs)
        except TypeError as exc:
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
        """A fast independent copy (for search); without the log and moves when not kept."""
        return GameState(
            scenario=self.scenario,
            content_hash=self.content_hash,
            seed=self.seed,
            rng=self.rng,
            turn=self.turn,
            phase=self.phase,
            event_cursor=self.event_cursor,
            round=self.round,
            seat_index=self.seat_index,
            influence={r: dict(v) for r, v in self.influence.items()},
            stability=dict(self.stability),
            tracks=dict(self.tracks),
            economy=dict(self.economy),
            vp=dict(self.vp),
            leaders=dict(self.leaders),
            hands={f: list(h) for f, h in self.hands.items()},
            deck=list(self.deck),
            discard=list(self.discard),
            removed=list(self.removed),
            flags=list(self.flags),
            choices={k: dict(v) for k, v in self.choices.items()},
            used={k: dict(v) for k, v in self.used.items()},
            pending=_copy_pending(self.pending),
            queue=[dict(q) for q in self.queue],
            vp_history=[dict(v) for v in self.vp_history],
            log=list(self.log) if keep_log else [],
            moves=[list(m) for m in self.moves] if keep_log else [],
            end_reason=self.end_reason,
            outcome=dict(self.outcome) if self.outcome else None,
        )


def _plain(x: Any) -> Any:
    """A deep copy of JSON-like data (dicts, lists, tuples as lists, scalars)."""
    t = type(x)
    if t is dict:
        return {k: _plain(v) for k, v in x.items()}
    if t is list or t is tuple:
        return [_plain(v) for v in x]
    return x


def _copy_pending(p: Pending | None) -> Pending | None:
    if p is None:
        return None
    out = dict(p)
    for k, v in p.items():
        if isinstance(v, dict):
            out[k] = dict(v)
        elif isinstance(v, list):
            out[k] = list(v)
    return out
