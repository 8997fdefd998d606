"""The turn procedure: timeline, draw, action rounds, upkeep, the end.

``advance`` runs every automatic step until a seat must decide (``state.pending``) or the
game is over. It is the only place that moves the game from one phase to the next.
"""

from __future__ import annotations

from ..scenario.compiled import Scenario
from .cards import PendingPlay, fire_card_event, open_headline
from .context import Ctx
from .deck import draw_up
from .effects import apply_effects
from .outcome import LAST_TURN_REASON, threshold_reason
from .scoring import finish, threshold_reached, upkeep
from .state import GameState, Phase
from .timeline import fire_event


def to_act(st: GameState) -> tuple[str, ...]:
    p = st.pending
    if p is None or st.outcome is not None:
        return ()
    return p.seats()


def _next_seat(scn: Scenario, st: GameState) -> None:
    st.seat_index += 1
    if st.seat_index >= len(scn.factions):
        st.seat_index = 0
        st.round += 1


def _run_step(scn: Scenario, st: GameState) -> None:
    step = st.queue.pop(0)
    kind = step["step"]
    if kind == "card_event":
        fire_card_event(scn, st, step["card"], step["faction"], bool(step.get("for_ops")), bool(step.get("headline")))
    elif kind == "end_play":
        _next_seat(scn, st)
    else:  # pragma: no cover - steps are made only here
        raise ValueError(f"unknown step {kind}")


def advance(scn: Scenario, st: GameState) -> None:
    rules = scn.rules
    while st.outcome is None:
        if st.end_reason is not None:
            finish(scn, st, st.end_reason)
            return
        if threshold_reached(scn, st):  # at once, even if a decision has just opened
            t = scn.model.victory.threshold
            assert t is not None
            finish(scn, st, threshold_reason(t))
            return
        if st.pending is not None:
            return
        if st.queue:
            _run_step(scn, st)
            continue
        if st.phase == Phase.TIMELINE:
            month = scn.months[st.turn]
            if st.event_cursor < len(scn.events) and scn.events[st.event_cursor].date[:7] <= month:
                ev = scn.events[st.event_cursor]
                st.event_cursor += 1
                fire_event(scn, st, ev)
                continue
            st.phase = Phase.DRAW
        elif st.phase == Phase.DRAW:
            draw_up(scn, st)
            if rules.headline is not None and open_headline(scn, st):
                st.phase = Phase.HEADLINE  # the picks, then their events (queued), then the rounds
                continue
            st.phase = Phase.ACTIONS
            st.round = 0
            st.seat_index = 0
        elif st.phase == Phase.HEADLINE:  # every headline has fired
            st.phase = Phase.ACTIONS
            st.round = 0
            st.seat_index = 0
        elif st.phase == Phase.ACTIONS:
            if st.round >= rules.action_rounds:
                st.phase = Phase.UPKEEP
                continue
            f = scn.factions[st.seat_index]
            if not st.hands[f]:
                st.add_log(f"{scn.faction(f).name} has no card to play and passes.", "pass", faction=f)
                _next_seat(scn, st)
                continue
            st.pending = PendingPlay(f)
        elif st.phase == Phase.UPKEEP:
            upkeep(scn, st)
            last = st.turn + 1 >= len(scn.months)
            if st.end_reason is not None or (threshold_reached(scn, st) and not last):
                continue
            if last:
                # the final count runs even when the threshold is reached in the last upkeep (its
                # scoring): the placings after it decide who wins (rules: "The end")
                if scn.model.victory.final:
                    st.add_log("The game ends: the final count.", "final")
                apply_effects(scn, st, scn.model.victory.final, Ctx())
                finish(scn, st, st.end_reason or LAST_TURN_REASON)
                return
            st.turn += 1
            st.phase = Phase.TIMELINE
            st.add_log(f"— {month_name(scn.months[st.turn])} —", "turn", month=scn.months[st.turn])
        else:  # pragma: no cover
            raise ValueError(f"unknown phase {st.phase}")


MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def month_name(month: str) -> str:
    return f"{MONTHS[int(month[5:7]) - 1]} {month[:4]}"
