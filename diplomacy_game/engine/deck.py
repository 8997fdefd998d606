"""The deck, hands, discard and removed cards."""

from __future__ import annotations

from collections.abc import Sequence

from ..scenario.compiled import Scenario
from . import rng
from .decision import Decision
from .state import GameState, Step
from .words import plural


def hand_size(scn: Scenario, st: GameState, faction: str) -> int:
    return max(1, int(scn.rules.hand_size) + trait_sum(scn, st, faction, "hand_size"))


def trait_sum(scn: Scenario, st: GameState, faction: str, key: str) -> int:
    lid = st.leaders.get(faction)
    if lid is None:
        return 0
    return sum(int(getattr(t, key)) for t in scn.leaders[lid].traits)


def draw(scn: Scenario, st: GameState, faction: str, count: int) -> int:
    """Draw up to ``count`` cards; reshuffle the discard when the deck runs out."""
    drawn = []
    for _ in range(count):
        if not st.deck:
            if not st.discard:
                break
            st.deck = st.discard
            st.discard = []
            rng.shuffle(st, st.deck)
            st.add_log("The discard pile is shuffled to make a new deck.", "deck")
        drawn.append(st.deck.pop())
    st.hands[faction].extend(drawn)
    if drawn:
        titles = ", ".join(scn.cards[c].title for c in drawn)
        st.add_log(f"You draw: {titles}.", "draw", [faction], cards=drawn)
        name = scn.faction(faction).name
        st.add_log(f"{name} draws {plural(len(drawn), 'card')}.", "draw_count", faction=faction, count=len(drawn))
    return len(drawn)


def draw_up(scn: Scenario, st: GameState) -> None:
    for f in scn.factions:
        need = hand_size(scn, st, f) - len(st.hands[f])
        if need > 0:
            draw(scn, st, f, need)


def take_out(st: GameState, card: str) -> bool:
    """Remove ``card`` from wherever it is (hand, deck, discard). True if found."""
    for hand in st.hands.values():
        if card in hand:
            hand.remove(card)
            return True
    for pile in (st.deck, st.discard):
        if card in pile:
            pile.remove(card)
            return True
    return False


def add_to_deck(st: GameState, card: str) -> None:
    st.deck.insert(rng.below(st, len(st.deck) + 1), card)


def cards_in_play(pending: Decision | None, queue: Sequence[Step]) -> list[str]:
    """Cards played but in no pile yet: the card whose operations are being spent, and one
    whose event waits in the queue to fire for its owner after them."""
    out = list(pending.held_cards()) if pending is not None else []
    out += [str(q["card"]) for q in queue if q.get("step") == "card_event" and q.get("for_ops")]
    return out


def in_play(st: GameState, card: str) -> bool:
    return (card in st.deck or card in st.discard or card in st.removed or any(card in h for h in st.hands.values())
            or card in cards_in_play(st.pending, st.queue))
