"""Rebuild a plausible full state from what one seat knows (its view).

The hidden parts — other seats' hands, the deck's order, the generator state, other seats'
secret picks — are sampled with the computer player's own generator, never read from the
real game. This is what lets the AI be fair in a hot-seat game.
"""

from __future__ import annotations

from ..engine.cards import PendingHeadline
from ..engine.deck import cards_in_play
from ..engine.rng import HasRng, below, next64, shuffle
from ..engine.state import GameState, field_copier, plain_copy, public_fields
from ..engine.timeline import PendingChoice, options_for
from ..engine.view import SeatView
from ..scenario.compiled import Scenario


def unknown_cards(scn: Scenario, view: SeatView) -> list[str]:
    """Cards that may be in another hand or the deck, as far as the seat can tell."""
    known = set(view.hand) | set(view.discard) | set(view.removed) | set(cards_in_play(view.pending, view.queue))
    added = {e.data.get("card") for e in view.log if e.kind == "card_added" and e.visible_to is None}
    pool = [c.id for c in scn.model.cards if c.id not in known and (c.deck == "start" or c.id in added)]
    return pool


def sample_state(scn: Scenario, view: SeatView, rng: HasRng) -> GameState:
    """A full state consistent with ``view``; hidden parts drawn from ``rng``.

    The public part of the view is copied field by field (every field the state and the view
    share, so a new public field needs no change here); the secret part — the other hands,
    the deck's order, the generator, the others' secret picks — is sampled.
    """
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
    public = {name: copy(getattr(view, name)) for name, copy in _PUBLIC_COPIERS}
    st = GameState(
        scenario=view.scenario,
        content_hash=scn.content_hash,
        seed=0,
        rng=0,  # drawn below, after the picks (the order of the draws is part of a decision)
        hands=hands,
        deck=deck,
        pending=view.pending,
        **public,
    )
    st.used = st.used or {}
    p = view.pending
    if isinstance(p, PendingChoice) and p.hidden:
        picks = dict(p.picks)  # this seat's own pick, if made
        for f in sorted(p.hidden):
            picks[f] = _guess_pick(scn, st, p, f, rng)
        st.pending = p.with_picks(picks)
    elif isinstance(p, PendingHeadline) and p.hidden:
        cards = dict(p.picks)  # this seat's own headline, if picked
        for f in sorted(p.hidden):  # a card of the hand sampled for it
            hand = st.hands[f]
            cards[f] = hand[below(rng, len(hand))]
        st.pending = p.with_picks(cards)
    st.rng = next64(rng)
    return st


# the public fields, copied from the view (the decision is set apart; a sample keeps no log and
# is never of a finished game)
_PUBLIC = tuple(sorted(set(public_fields()) - {"scenario", "pending", "log", "outcome"}))
# each copied to the depth its type has in the state (as ``clone`` copies), tuples made lists;
# a field that the view may leave None (``used``) is copied as plain data
_PUBLIC_COPIERS = tuple((name, field_copier(name) if name != "used" else plain_copy) for name in _PUBLIC)


def _guess_pick(scn: Scenario, st: GameState, p: PendingChoice, faction: str, rng: HasRng) -> str:
    """A pick for ``faction`` among the options the engine would accept, by their ai_weight."""
    options = options_for(scn, st, p.choice(scn), faction, p.ctx)
    if not options:  # pragma: no cover - a chooser has an option, or it would not be asked
        return p.choice(scn).options[0].id
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
