"""Who a card belongs to, and whose event a play for operations sets off (the opponent-event
rule). Below both the card rules (``cards.py``) and the operations (``operations.py``)."""

from __future__ import annotations

from ..scenario.compiled import NEUTRAL, Scenario


def ops_fires_event_of(scn: Scenario, faction: str, card: str) -> str | None:
    """The faction whose event happens when ``faction`` plays ``card`` for its operations, or None.

    The opponent-event rule: a card that is not neutral and not ``faction``'s own fires its event
    after the operations, once, for its first listed owner (who makes its choices and picks its
    target). A faction that is one of the owners of a shared card fires no event by playing it
    for operations: the card is its own.
    """
    owners = scn.cards[card].owners
    if owners == (NEUTRAL,) or faction in owners:
        return None
    return next((o for o in owners if o in scn.factions), None)


def owner_for(scn: Scenario, faction: str, card: str) -> str:
    """Who ``owner`` means in ``card``'s effects when its event happens for ``faction``: that
    faction when it owns the card, else the first listed owner (``neutral`` for a neutral card)."""
    owners = scn.cards[card].owners
    return faction if faction in owners else owners[0]
