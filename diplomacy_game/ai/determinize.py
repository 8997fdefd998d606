"""Rebuild a plausible full state from what one seat knows (its view).

The hidden parts — other seats' hands, the deck's order, the generator state, other seats'
secret picks — are sampled with the computer player's own generator, never read from the
real game. This is what lets the AI be fair in a hot-seat game.
"""

from __future__ import annotations

from ..engine.rng import HasRng, below, next64, shuffle
from ..engine.state import GameState
from ..engine.view import SeatView
from ..scenario.loader import Scenario


def unknown_cards(scn: Scenario, view: SeatView) -> list[str]:
    """Cards that may be in another hand or the deck, as far as the seat can tell."""
    known = set(view.hand) | set(view.discard) | set(view.removed)
    added = {e.data.get("card") for e in view.log if e.kind == "card_added" and e.visible_to is None}
    pool = [c.id for c in scn.model.cards if c.id not in known and (c.deck == "start" or c.id in added)]
    return pool


def sample_state(scn: Scenario, view: SeatView, rng: HasRng) -> GameState:
    """A full state consistent with ``view``; hidden parts drawn from ``rng``."""
    seat = view.seat
    pool = unknown_cards(scn, view)
    shuffle(rng, pool)
    hands: dict[str, list[str]] = {}
    for f in scn.factions:
        if f == seat:
            hands[f] = list(view.hand)
            continue
        n = view.hand_sizes.get(f, 0)
        hands[f], pool = pool[:n], pool[n:]
    deck = pool[: view.deck_size]
    pending = dict(view.pending) if view.pending else None
    if pending is not None and pending.get("kind") == "choice":
        picks = dict(pending.get("picks") or {})
        if seat is not None and pending.get("own_pick"):
            picks[seat] = pending["own_pick"]
        for f in pending.get("chosen", []):
            if f not in picks:
                picks[f] = _guess_pick(scn, pending, f, rng)
        pending = {k: v for k, v in pending.items() if k not in ("chosen", "own_pick")}
        pending["picks"] = picks
    st = GameState(
        scenario=view.scenario,
        content_hash=scn.content_hash,
        seed=0,
        rng=next64(rng),
        turn=view.turn,
        phase=view.phase,
        event_cursor=view.event_cursor,
        round=view.round,
        seat_index=view.seat_index,
        influence={r: dict(v) for r, v in view.influence.items()},
        stability=dict(view.stability),
        tracks=dict(view.tracks),
        economy=dict(view.economy),
        vp=dict(view.vp),
        leaders=dict(view.leaders),
        hands=hands,
        deck=deck,
        discard=list(view.discard),
        removed=list(view.removed),
        flags=list(view.flags),
        choices={k: dict(v) for k, v in view.choices.items()},
        used={k: dict(v) for k, v in (view.used or {}).items()},
        pending=pending,
        queue=[dict(q) for q in view.queue],
        vp_history=[dict(v) for v in view.vp_history],
    )
    return st


def _guess_pick(scn: Scenario, pending: dict[str, object], faction: str, rng: HasRng) -> str:
    from .policy import choice_options

    options = choice_options(scn, pending, faction)
    weights = [max(o.ai_weight, 0.0) for o in options]
    total = sum(weights)
    if total <= 0:
        return options[below(rng, len(options))].id
    x = below(rng, 1_000_000) / 1_000_000 * total
    for o, w in zip(options, weights, strict=True):
        x -= w
        if x < 0:
            return o.id
    return options[-1].id
