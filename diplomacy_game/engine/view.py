"""What one seat may know: ``view(seat)``. Never other hands, the deck order or the RNG."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..scenario.compiled import Scenario
from .control import control_map
from .decision import Decision
from .outcome import Outcome
from .state import GameState, LogEntry, Phase


@dataclass(frozen=True)
class SeatView:
    seat: str | None  # None: a spectator, who sees only what is public
    scenario: str
    turn: int  # 0-based
    month: str
    phase: Phase
    round: int
    active: str | None  # whose card play it is in the action phase
    to_act: tuple[str, ...]
    influence: dict[str, dict[str, int]]
    control: dict[str, str | None]
    stability: dict[str, int]
    tracks: dict[str, int]
    economy: dict[str, int]
    vp: dict[str, int]
    leaders: dict[str, str]
    hand: tuple[str, ...]  # this seat's own cards (empty for a spectator)
    hand_sizes: dict[str, int]
    deck_size: int
    discard: tuple[str, ...]
    removed: tuple[str, ...]
    flags: tuple[str, ...]
    choices: dict[str, dict[str, str]]
    pending: Decision | None  # the decision, as far as this seat may know it (Decision.for_seat)
    vp_history: tuple[dict[str, int], ...]
    log: tuple[LogEntry, ...]
    outcome: Outcome | None
    # where the procedure stands (public): for computer players that rebuild a plausible state
    event_cursor: int = 0
    seat_index: int = 0
    queue: tuple[dict[str, Any], ...] = ()
    used: dict[str, dict[str, int]] | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def build_view(scn: Scenario, st: GameState, seat: str | None, to_act: tuple[str, ...]) -> SeatView:
    active = scn.factions[st.seat_index] if st.phase == Phase.ACTIONS and st.outcome is None else None
    return SeatView(
        seat=seat,
        scenario=st.scenario,
        turn=st.turn,
        month=scn.months[st.turn],
        phase=st.phase,
        round=st.round,
        active=active,
        to_act=to_act,
        influence={r: dict(v) for r, v in st.influence.items()},
        control=control_map(scn, st),
        stability=dict(st.stability),
        tracks=dict(st.tracks),
        economy=dict(st.economy),
        vp=dict(st.vp),
        leaders=dict(st.leaders),
        hand=tuple(st.hands[seat]) if seat in st.hands else (),
        hand_sizes={f: len(h) for f, h in st.hands.items()},
        deck_size=len(st.deck),
        discard=tuple(st.discard),
        removed=tuple(st.removed),
        flags=tuple(st.flags),
        choices={k: dict(v) for k, v in st.choices.items()},
        pending=st.pending.for_seat(seat) if st.pending is not None else None,
        vp_history=tuple(dict(v) for v in st.vp_history),
        log=tuple(e for e in st.log if e.visible(seat)),
        outcome=st.outcome,
        event_cursor=st.event_cursor,
        seat_index=st.seat_index,
        queue=tuple(dict(q) for q in st.queue),
        used={f: dict(u) for f, u in st.used.items()},
    )
