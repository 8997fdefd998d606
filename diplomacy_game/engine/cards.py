"""Playing cards: for the event, or for operations (which fires another faction's event)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from ..scenario import models as m
from ..scenario.compiled import NEUTRAL, Scenario
from .actions import Action, ChooseTarget, DiscardCard, PickHeadline, PlayCard
from .conditions import holds
from .context import Ctx
from .decision import Decision
from .effects import apply_effects
from .operations import card_ops, start_ops
from .ownership import ops_fires_event_of, owner_for
from .state import GameState
from .targets import target_options
from .timeline import open_choice
from .words import plural


@dataclass(frozen=True)
class PendingPlay(Decision):
    """A faction plays one card of its hand, for its event or for its operations."""

    kind: ClassVar[str] = "play"
    faction: str

    def seats(self) -> tuple[str, ...]:
        return (self.faction,)

    def legal(self, scn: Scenario, st: GameState, seat: str) -> list[Action]:
        return legal_plays(scn, st, seat)

    def check(self, scn: Scenario, st: GameState, seat: str, action: Action) -> str | None:
        return check_play(scn, st, seat, action)

    def apply(self, scn: Scenario, st: GameState, seat: str, action: Action) -> None:
        if isinstance(action, DiscardCard):
            apply_discard(scn, st, seat, action)
            return
        assert isinstance(action, PlayCard)
        apply_play(scn, st, seat, action)

    def explain(self, scn: Scenario, st: GameState, seat: str | None) -> str:
        text = f"{scn.faction(self.faction).name} plays a card: for its event or for its operations"
        outlet = discard_outlet(scn, self.faction)
        if outlet is not None and seat == self.faction and discard_blocker(scn, st, self.faction) is None:
            text += f", or discards one for {outlet.name}"
        return text

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "faction": self.faction}

    @classmethod
    def from_fields(cls, data: dict[str, Any]) -> PendingPlay:
        return cls(str(data["faction"]))


@dataclass(frozen=True)
class PendingTarget(Decision):
    """A faction picks the target of a card's event among ``options``."""

    kind: ClassVar[str] = "target"
    faction: str
    card: str
    options: tuple[str, ...]

    def seats(self) -> tuple[str, ...]:
        return (self.faction,)

    def legal(self, scn: Scenario, st: GameState, seat: str) -> list[Action]:
        return [ChooseTarget(t) for t in self.options]

    def check(self, scn: Scenario, st: GameState, seat: str, action: Action) -> str | None:
        if not isinstance(action, ChooseTarget):
            return f"choose a target for '{scn.cards[self.card].title}': 'target ID'"
        if action.target not in self.options:
            return f"'{action.target}' is not a possible target (choose one of: {', '.join(self.options)})"
        return None

    def apply(self, scn: Scenario, st: GameState, seat: str, action: Action) -> None:
        assert isinstance(action, ChooseTarget)
        apply_target(scn, st, self, action)

    def explain(self, scn: Scenario, st: GameState, seat: str | None) -> str:
        return f"{scn.faction(self.faction).name} picks the target of '{scn.cards[self.card].title}'"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "faction": self.faction, "card": self.card, "options": list(self.options)}

    @classmethod
    def from_fields(cls, data: dict[str, Any]) -> PendingTarget:
        return cls(str(data["faction"]), str(data["card"]), tuple(data["options"]))


@dataclass(frozen=True)
class PendingHeadline(Decision):
    """``factions`` each pick one card of their hand in secret, the month's headline
    (``rules.headline``). ``picks`` holds the picks so far (faction, card), in the order made.

    As with a secret choice, a seat's view holds its own pick only, and ``hidden`` names the
    other factions that have picked (who, never what); in the state ``hidden`` is empty. The
    cards stay in the hands until all have picked, so a hand's size tells nothing either.
    """

    kind: ClassVar[str] = "headline"
    factions: tuple[str, ...]
    picks: tuple[tuple[str, str], ...] = ()
    hidden: tuple[str, ...] = ()

    @property
    def chosen(self) -> tuple[str, ...]:
        """The factions that have picked (sorted), whether or not their pick is known."""
        return tuple(sorted({f for f, _c in self.picks} | set(self.hidden)))

    def pick_of(self, faction: str | None) -> str | None:
        """``faction``'s headline card, if it has picked and it may be known."""
        return next((c for f, c in self.picks if f == faction), None)

    def seats(self) -> tuple[str, ...]:
        done = self.chosen
        return tuple(f for f in self.factions if f not in done)

    def legal(self, scn: Scenario, st: GameState, seat: str) -> list[Action]:
        return [PickHeadline(c) for c in _hand_order(scn, st.hands[seat])]

    def check(self, scn: Scenario, st: GameState, seat: str, action: Action) -> str | None:
        if not isinstance(action, PickHeadline):
            return "pick your headline first, in secret: 'headline CARD'"
        if action.card not in st.hands[seat]:
            if action.card in scn.cards:
                return f"'{scn.cards[action.card].title}' is not in your hand"
            return f"there is no card '{action.card}'"
        return None

    def apply(self, scn: Scenario, st: GameState, seat: str, action: Action) -> None:
        assert isinstance(action, PickHeadline)
        apply_headline(scn, st, self, seat, action)

    def explain(self, scn: Scenario, st: GameState, seat: str | None) -> str:
        who = " and ".join(scn.faction(f).name for f in self.factions)
        return f"{who} each pick a headline card in secret; the picks are revealed together"

    def to_json(self) -> dict[str, Any]:
        assert not self.hidden, "a seat's view of the headline is not a state"
        return {"kind": self.kind, "factions": list(self.factions), "picks": dict(self.picks)}

    @classmethod
    def from_fields(cls, data: dict[str, Any]) -> PendingHeadline:
        picks = data["picks"]
        if not isinstance(picks, dict):
            raise TypeError("picks is not an object")
        return cls(tuple(str(f) for f in data["factions"]), tuple((str(f), str(c)) for f, c in picks.items()))

    def for_seat(self, seat: str | None) -> PendingHeadline:
        own = tuple((f, c) for f, c in self.picks if f == seat)
        return replace(self, picks=own, hidden=tuple(f for f, _c in self.picks if f != seat))

    def with_picks(self, picks: dict[str, str]) -> PendingHeadline:
        """The same decision with these picks known (``hidden`` cleared)."""
        return replace(self, picks=tuple(picks.items()), hidden=())


def open_headline(scn: Scenario, st: GameState) -> bool:
    """Open the month's headline for every faction holding a card; False if nobody holds one."""
    pickers = tuple(f for f in scn.factions if st.hands[f])
    if not pickers:
        return False
    st.pending = PendingHeadline(pickers)
    who = " and ".join(scn.faction(f).name for f in pickers)
    st.add_log(f"Headlines: {who} each pick a card in secret.", "headline_open")
    return True


def apply_headline(scn: Scenario, st: GameState, p: PendingHeadline, faction: str, action: PickHeadline) -> None:
    p = replace(p, picks=(*p.picks, (faction, action.card)))
    st.pending = p
    st.add_log(f"{scn.faction(faction).name} has picked its headline.", "headline_pick", faction=faction)
    st.add_log(f"Your headline: '{scn.cards[action.card].title}'.", "headline_pick_own", [faction],
               card=action.card)
    if p.seats():
        return
    reveal_headlines(scn, st, p)


def headline_order(scn: Scenario, picks: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """The revealed picks in the order their events fire (``rules.headline.order``)."""
    rule = scn.rules.headline
    rank = {f: i for i, f in enumerate(scn.factions)}
    if rule is not None and rule.order == "factions":
        return sorted(picks, key=lambda fc: rank[fc[0]])
    return sorted(picks, key=lambda fc: (-scn.cards[fc[1]].ops, rank[fc[0]]))


def reveal_headlines(scn: Scenario, st: GameState, p: PendingHeadline) -> None:
    """All have picked: the cards leave the hands, are shown, and their events queue in order.
    Each fires for whoever may play it for its event (the picker, for its own or a neutral card),
    else for its owner (the opponent-event rule); one that cannot happen is discarded."""
    st.pending = None
    order = headline_order(scn, p.picks)
    shown = "; ".join(f"{scn.faction(f).name}: '{scn.cards[c].title}'" for f, c in order)
    st.add_log(f"Headlines revealed — {shown}.", "headline_reveal", picks=dict(p.picks))
    for f, c in order:
        st.hands[f].remove(c)
        actor = f if may_play_event(scn, f, c) else ops_fires_event_of(scn, f, c)
        if actor is None:  # pragma: no cover - a card is neutral, the picker's, or another faction's
            st.discard.append(c)
            continue
        # ``for_ops``: the card is in no pile until its event fires, which places it (rules: "The cards")
        st.queue.append({"step": "card_event", "card": c, "faction": actor, "for_ops": True, "headline": True})


# --------------------------------------------------------------------------- who owns a card
# The ownership rules, in one place. A card's ``owner`` is a faction, ``neutral``, or a list of
# factions (a shared card; ``Card.owners`` is always the tuple). Everything else asks these.


def is_owner(scn: Scenario, faction: str, card: str) -> bool:
    """Whether ``faction`` is one of the owners of ``card`` (never true of a neutral card)."""
    return faction in scn.cards[card].owners and faction != NEUTRAL


def may_play_event(scn: Scenario, faction: str, card: str) -> bool:
    """The event rule: a faction may play a card for its event when the card is neutral or the
    faction is one of its owners (each owner of a shared card may)."""
    owners = scn.cards[card].owners
    return owners == (NEUTRAL,) or faction in owners


def owner_names(scn: Scenario, card: str) -> str:
    """The card's owners in words: 'Russia', 'Russia and Iran', 'Neutral'."""
    owners = scn.cards[card].owners
    if owners == (NEUTRAL,):
        return "Neutral"
    names = [scn.faction(o).name if o in scn.factions else o for o in owners]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def event_blocker(scn: Scenario, st: GameState, faction: str, card: str) -> str | None:
    """Why ``faction`` may not play ``card`` for its event now, or None if it may."""
    c = scn.cards[card]
    if not may_play_event(scn, faction, card):
        return f"'{c.title}' is {owner_names(scn, card)}'s card: you may play it only for operations"
    ctx = Ctx(actor=faction, owner=owner_for(scn, faction, card), card=card)
    if c.if_ is not None and not holds(scn, st, c.if_, ctx):
        return f"the event of '{c.title}' cannot be played now: its condition does not hold"
    if c.target is not None and not target_options(scn, st, c.target, ctx):
        return f"the event of '{c.title}' has no possible target now"
    return None


def _hand_order(scn: Scenario, hand: list[str]) -> list[str]:
    return sorted(hand, key=scn.card_order.__getitem__)


_PLAYS: dict[str, tuple[PlayCard, PlayCard]] = {}  # one immutable (event, ops) pair per card id, made once


def _plays(card: str) -> tuple[PlayCard, PlayCard]:
    got = _PLAYS.get(card)
    if got is None:
        if len(_PLAYS) > 4096:  # card ids of many scenarios (a long test run): keep the memo small
            _PLAYS.clear()
        got = _PLAYS[card] = (PlayCard(card, "event"), PlayCard(card, "ops"))
    return got


def _event_playable(scn: Scenario, st: GameState, faction: str, card: str) -> bool:
    """``event_blocker(...) is None``, without the words of the reason."""
    c = scn.cards[card]
    if not may_play_event(scn, faction, card):
        return False
    if c.if_ is None and c.target is None:
        return True
    ctx = Ctx(actor=faction, owner=owner_for(scn, faction, card), card=card)
    if c.if_ is not None and not holds(scn, st, c.if_, ctx):
        return False
    return c.target is None or bool(target_options(scn, st, c.target, ctx))


def legal_plays(scn: Scenario, st: GameState, faction: str) -> list[Action]:
    out: list[Action] = []
    plays = _PLAYS
    hand = _hand_order(scn, st.hands[faction])
    for card in hand:
        event, ops = plays.get(card) or _plays(card)
        if _event_playable(scn, st, faction, card):
            out.append(event)
        out.append(ops)
    if scn.rules.discard and discard_blocker(scn, st, faction) is None:  # the outlet's discards come last
        outlet = discard_outlet(scn, faction)
        assert outlet is not None
        out.extend(DiscardCard(c) for c in hand if scn.cards[c].ops >= outlet.min_ops)
    return out


def check_play(scn: Scenario, st: GameState, faction: str, action: Action) -> str | None:
    if not isinstance(action, PlayCard | DiscardCard):
        return "it is your turn to play a card: 'play CARD event' or 'play CARD ops'"
    if action.card not in st.hands[faction]:
        if action.card in scn.cards:
            return f"'{scn.cards[action.card].title}' is not in your hand"
        return f"there is no card '{action.card}'"
    if isinstance(action, DiscardCard):
        why = discard_blocker(scn, st, faction)
        if why is not None:
            return why
        outlet = discard_outlet(scn, faction)
        assert outlet is not None
        if scn.cards[action.card].ops < outlet.min_ops:
            return f"{outlet.name} takes a card of {plural(outlet.min_ops, 'operation')} or more"
        return None
    if action.mode == "event":
        return event_blocker(scn, st, faction, action.card)
    return None


# --------------------------------------------------------------------------- the discard outlet
# ``rules.discard``: instead of playing a card, a faction may discard one for the outlet's
# effects, a limited number of times a turn (an outlet for a bad hand). The count is kept in
# ``GameState.used`` (cleared at each upkeep, as the faction actions' counts are).

DISCARD_USED = "rules.discard"  # the key in ``used``: no faction action's id has a dot


def discard_outlet(scn: Scenario, faction: str) -> m.DiscardOutlet | None:
    """The discard outlet open to ``faction`` in this scenario (at most one), or None."""
    return next((d for d in scn.rules.discard if faction in d.factions), None)


def discard_blocker(scn: Scenario, st: GameState, faction: str) -> str | None:
    """Why ``faction`` may not discard a card for its outlet now, or None if it may."""
    outlet = discard_outlet(scn, faction)
    if outlet is None:
        return f"{scn.faction(faction).name} has no way to discard a card in this scenario"
    if st.used.get(faction, {}).get(DISCARD_USED, 0) >= outlet.per_turn:
        return f"{outlet.name} may be used {plural(outlet.per_turn, 'time')} a turn"
    if outlet.if_ is not None and not holds(scn, st, outlet.if_, Ctx(actor=faction)):
        return f"{outlet.name} is not open now: its condition does not hold"
    return None


def apply_discard(scn: Scenario, st: GameState, faction: str, action: DiscardCard) -> None:
    outlet = discard_outlet(scn, faction)
    assert outlet is not None
    card = scn.cards[action.card]
    st.hands[faction].remove(card.id)
    st.discard.append(card.id)  # its event does not happen, for anyone
    st.pending = None
    used = st.used.setdefault(faction, {})
    used[DISCARD_USED] = used.get(DISCARD_USED, 0) + 1
    st.add_log(f"{scn.faction(faction).name} discards '{card.title}' for {outlet.name}.", "discard",
               faction=faction, card=card.id)
    apply_effects(scn, st, outlet.effects, Ctx(actor=faction, card=card.id))
    st.queue.append({"step": "end_play"})


def apply_play(scn: Scenario, st: GameState, faction: str, action: PlayCard) -> None:
    card = scn.cards[action.card]
    st.hands[faction].remove(action.card)
    st.pending = None
    name = scn.faction(faction).name
    if action.mode == "event":
        (st.removed if card.remove else st.discard).append(card.id)
        st.add_log(f"{name} plays '{card.title}' for its event.", "play_event", faction=faction, card=card.id)
        st.queue.append({"step": "card_event", "card": card.id, "faction": faction, "for_ops": False})
        st.queue.append({"step": "end_play"})
    else:  # the card is held by the operations decision, in no pile, until they end
        ops = card_ops(scn, st, faction, card.id)
        st.add_log(f"{name} plays '{card.title}' for {plural(ops, 'operation')}.", "play_ops", faction=faction,
                   card=card.id)
        start_ops(scn, st, faction, card.id, ops)


def fire_card_event(scn: Scenario, st: GameState, card_id: str, faction: str, for_ops: bool,
                    headline: bool = False) -> None:
    """A card's event fires for ``faction`` (its player, or its owner after operations, or the
    faction it fires for as a headline: then ``for_ops`` too, as the card is in no pile)."""
    card = scn.cards[card_id]
    ctx = Ctx(actor=faction, owner=owner_for(scn, faction, card_id), card=card_id)
    if card.if_ is not None and not holds(scn, st, card.if_, ctx):
        if for_ops:
            st.discard.append(card_id)  # the event did not happen: the card is discarded
        st.add_log(f"The event of '{card.title}' does not take effect: its condition does not hold.", "fizzle",
                   card=card_id)  # fmt: skip
        return
    options = target_options(scn, st, card.target, ctx) if card.target is not None else None
    if for_ops:
        if headline:
            st.add_log(f"Headline: the event of '{card.title}' fires for {scn.faction(faction).name}.",
                       "headline_event", faction=faction, card=card_id)  # fmt: skip
        else:
            st.add_log(f"The event of '{card.title}' fires for {scn.faction(faction).name}.", "opponent_event",
                       faction=faction, card=card_id)  # fmt: skip
        # a card marked remove leaves the game once its event has happened (rules: "The cards");
        # without a possible target it does not happen, and the card is discarded like any other
        happens = options is None or bool(options)
        (st.removed if card.remove and happens else st.discard).append(card_id)
    if options is not None:
        if not options:
            st.add_log(f"The event of '{card.title}' has no possible target.", "fizzle", card=card_id)
            return
        st.pending = PendingTarget(faction, card_id, tuple(options))
        return
    resolve_card(scn, st, card_id, ctx)


def resolve_card(scn: Scenario, st: GameState, card_id: str, ctx: Ctx) -> None:
    card = scn.cards[card_id]
    st.add_log(card.text, "event_text", card=card_id)
    apply_effects(scn, st, card.effects, ctx)
    if card.choice is not None and st.end_reason is None:
        open_choice(scn, st, "card", card_id, card.choice, ctx)


def apply_target(scn: Scenario, st: GameState, p: PendingTarget, action: ChooseTarget) -> None:
    faction, card_id = p.faction, p.card
    st.pending = None
    where = scn.map.regions[action.target].name if action.target in scn.map.regions else action.target
    st.add_log(f"{scn.faction(faction).name} targets {where}.", "target", faction=faction, target=action.target)
    resolve_card(scn, st, card_id, Ctx(actor=faction, owner=owner_for(scn, faction, card_id), target=action.target,
                                       card=card_id))
