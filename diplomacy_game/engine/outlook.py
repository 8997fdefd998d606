"""Read-only questions about what may still happen: for the calendar and for warnings.

Nothing here changes the state or draws a random number, and nothing here reveals a die
before it is rolled: the answers depend only on public state and the scenario's data.

- :func:`event_can_fire`: can a timeline event still happen in this game? It is *not*
  possible when it is already past, or when its ``if`` is false now and nothing that may
  still happen before its date (events, cards, faction actions, upkeep, crises, pressure in
  a battleground, the answer to an open choice or to a choice still ahead) could change
  what the ``if`` reads, part by part: an ``all`` one of whose parts is fixed false (or a
  ``not`` of something fixed true, such as a flag set for good) is ruled out (what each kind
  of condition reads and each kind of effect changes is said by its class, see
  ``engine/vocabulary.py``). The test is conservative: "can fire" means "cannot be ruled out".
- :func:`premise_gone`: can a card's event never take effect in this game (the same test, for
  a card whoever plays it)? Such a card is out of the game from the start (``game.new_state``).
- :func:`opponent_event`: whose event a play for operations would set off, and None when
  that event cannot take effect (its premise is gone), so no button promises it.
- :func:`track_changes` / :func:`crisis_warnings` / :func:`crises`: how a card event (also a
  rival's, fired by a play for operations), a faction action or a pressure would move the
  tracks (conditions read now, dice ignored), which tracks it would push to their maximum,
  where a track's ``on_max`` (a crisis) fires, and what that crisis would do as things stand.
- :func:`pressure_follow_up`: what a pressure in a battleground sets off besides its roll.
- :func:`choice_outcomes`: for an open choice whose follow-up depends on the picks (secret
  choices of two sides, say), what each combination of picks leads to.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..scenario import models as m
from ..scenario.compiled import Scenario
from .actions import Action, ChooseTarget, DiscardCard, EndOps, PlayCard, Pressure, UseAction
from .cards import PendingTarget
from .conditions import condition_reads, holds, may_become
from .context import Ctx
from .effects import decide, depends_on_picks, effect_writes, foresee_tracks, settle
from .operations import PendingOps
from .ownership import ops_fires_event_of, owner_for
from .state import GameState
from .timeline import options_for, pending_choice
from .vocabulary import ANYTHING, Atom

# Parts of the state that change every turn whatever happens (income, placement, time).
_ALWAYS_MOVING = {("influence",), ("economy",), ("turn",)}


def condition_atoms(c: m.Condition) -> set[Atom]:
    """The parts of the state a condition reads (each kind of condition says, in its class)."""
    return set(condition_reads(c))


def effect_atoms(effects: Iterable[m.Effect]) -> set[Atom]:
    """The parts of the state some branch of these effects may change (a flag with the way it
    moves: ``("flag", name, "set")`` or ``("flag", name, "clear")``)."""
    return effect_writes(effects)


def _choice_effects(ch: m.Choice | None, then: Sequence[m.Effect]) -> Iterator[m.Effect]:
    if ch is not None:
        for o in ch.options:
            yield from o.effects
    yield from then


def _future_effects(scn: Scenario, st: GameState, before: int) -> Iterator[m.Effect]:
    """Every effect that might still apply before the event at index ``before`` fires."""
    for ev in scn.events[st.event_cursor:before]:
        yield from ev.effects
        yield from _choice_effects(ev.choice, ev.then)
    p = pending_choice(st)
    if p is not None and p.source == "event":
        ev = scn.event_index[p.id]
        yield from _choice_effects(ev.choice, ev.then)
    for card in scn.cards.values():  # any card may yet be drawn, played, or added to the deck
        yield from card.effects
        yield from _choice_effects(card.choice, card.then)
    for a in scn.actions.values():
        yield from a.effects
    yield from scn.model.upkeep
    yield from scn.rules.pressure_battleground
    for t in scn.model.tracks:
        yield from t.on_max


# The parts of the state that what may still happen could change (``_future_changes``), per loaded
# scenario and per place in its timeline: derived from the scenario alone, so kept beside it.
_CHANGES: dict[int, tuple[Scenario, dict[tuple[int, int, str | None], frozenset[Atom]]]] = {}


def _future_changes(scn: Scenario, st: GameState, before: int) -> set[Atom]:
    """The atoms that the effects of ``_future_effects(scn, st, before)`` may change, with the
    crises of the tracks they may move: a function of the scenario, the state's place in the
    timeline and the event whose choice is open, so worked out once for each of those."""
    entry = _CHANGES.get(id(scn))
    if entry is None or entry[0] is not scn:
        if len(_CHANGES) > 64:  # many scenarios loaded (a long test run): keep the memo small
            _CHANGES.clear()
        entry = _CHANGES[id(scn)] = (scn, {})
    p = pending_choice(st)
    key = (st.event_cursor, before, p.id if p is not None and p.source == "event" else None)
    got = entry[1].get(key)
    if got is None:
        got = entry[1][key] = frozenset(_track_crises(scn, effect_atoms(_future_effects(scn, st, before))))
    return set(got)


def _track_crises(scn: Scenario, changed: set[Atom]) -> set[Atom]:
    """A track that may move may reach its maximum and set off its crisis effects too."""
    out = set(changed)
    for t in scn.model.tracks:
        if ("track", t.id) in changed:
            out |= effect_atoms(t.on_max)
    return out


def _choices_ahead(scn: Scenario, st: GameState, before: int) -> set[Atom]:
    """The choices that may still be made before the event at index ``before`` fires, as the
    atoms a ``chose`` condition reads: a timeline event still ahead of it that can still fire,
    and any card (it may yet be played)."""
    out: set[Atom] = set()
    for ev in scn.events[st.event_cursor:before]:
        if ev.choice is not None and event_can_fire(scn, st, ev.id):
            out.add(("chose", ev.id))
    out |= {("chose", f"card:{c.id}") for c in scn.cards.values() if c.choice is not None}
    return out


def event_can_fire(scn: Scenario, st: GameState, event_id: str) -> bool:
    """Whether timeline event ``event_id`` may still happen in this game (see the module doc)."""
    index = next((i for i, e in enumerate(scn.events) if e.id == event_id), None)
    if index is None:
        raise KeyError(event_id)
    if index < st.event_cursor or st.outcome is not None:
        return False  # already fired or skipped, or the game is over
    ev = scn.events[index]
    return ev.if_ is None or _may_still_hold(scn, st, ev.if_, [Ctx(event=ev.id)], index)


def premise_gone(scn: Scenario, st: GameState, card_id: str) -> bool:
    """Whether card ``card_id``'s event can never take effect in this game: its ``if`` does not
    hold now, whoever plays it, and nothing that may still happen (every timeline event ahead,
    any card, faction action, upkeep, crisis or pressure) could change what it reads, by the
    same test as :func:`event_can_fire` (a card about a leader whom nobody can bring back, say).
    Conservative: a condition that reads a choice is never gone."""
    c = scn.cards[card_id]
    if c.if_ is None or any(a[0] == "chose" for a in condition_atoms(c.if_)):
        return False
    ctxs = [Ctx(actor=f, owner=owner_for(scn, f, card_id), card=card_id) for f in scn.factions]
    return not _may_still_hold(scn, st, c.if_, ctxs, len(scn.events))


def _may_still_hold(scn: Scenario, st: GameState, cond: m.Condition, ctxs: Sequence[Ctx], before: int) -> bool:
    """Whether ``cond`` holds now, or may come to hold (for one of ``ctxs``) through what may
    still happen before the event at index ``before`` fires (see the module doc)."""
    reads = condition_atoms(cond)
    if ANYTHING in reads:
        return True  # a condition the vocabulary does not know: never ruled out
    if any(holds(scn, st, cond, ctx) for ctx in ctxs):
        return True
    if reads <= _ALWAYS_MOVING:
        return True  # every part of it moves anyway
    if any(a[0] == "chose" for a in reads) and pending_choice(st) is not None:
        return True  # an open choice may be what the condition asks about
    changes = _future_changes(scn, st, before)
    if ANYTHING in changes:
        return True  # an effect the vocabulary does not know may change anything
    if any(a[0] == "chose" for a in reads):
        changes |= _choices_ahead(scn, st, before)
    # each part of the condition on its own: an 'all' with a part that can no longer hold (a
    # flag set for good under a 'not', say) is ruled out even while its other parts may move
    moves = _moves(st, changes)
    return any(may_become(scn, st, cond, ctx, True, moves) for ctx in ctxs)


def _moves(st: GameState, changes: set[Atom]) -> Callable[[Atom], bool]:
    """Whether a part of the state may still change, given the ``changes`` still possible."""

    def moves(a: Atom) -> bool:
        if a in _ALWAYS_MOVING:
            return True
        if a[0] == "flag":  # a flag that is set and never cleared stays set (and an unset one unset)
            return ("flag", a[1], "clear" if st.has_flag(a[1]) else "set") in changes
        return a in changes

    return moves


def opponent_event(scn: Scenario, st: GameState, faction: str, card: str) -> str | None:
    """The faction whose event happens if ``faction`` plays ``card`` for operations now, or None.

    The opponent-event rule (``ownership.ops_fires_event_of``), told as it stands: None also when
    that event would not take effect, because its condition does not hold now and nothing the
    operations may do (influence, boosts, pressure and what it sets off in a battleground,
    crises) can change what the condition reads. So a card whose premise is gone does not
    promise an event.
    """
    owner = ops_fires_event_of(scn, faction, card)
    c = scn.cards[card]
    if owner is None or c.if_ is None:
        return owner
    ctx = Ctx(actor=owner, owner=owner_for(scn, owner, card), card=card)
    if holds(scn, st, c.if_, ctx):
        return owner
    changes = _track_crises(scn, effect_atoms(scn.rules.pressure_battleground)) | {("influence",), ("economy",)}
    if ANYTHING in changes or ANYTHING in condition_atoms(c.if_):
        return owner
    return owner if may_become(scn, st, c.if_, ctx, True, _moves(st, changes)) else None


# ---------------------------------------------------------------------------- tracks


def _opponent_event_ctx(scn: Scenario, st: GameState, faction: str, card: str) -> Ctx | None:
    """The context of the event a play of ``card`` for operations by ``faction`` fires after the
    operations (``ownership.ops_fires_event_of``), when it would take effect as things stand."""
    if card not in scn.cards or opponent_event(scn, st, faction, card) is None:
        return None
    owner = ops_fires_event_of(scn, faction, card)
    assert owner is not None
    ctx = Ctx(actor=owner, owner=owner_for(scn, owner, card), card=card)
    c = scn.cards[card]
    return ctx if c.if_ is None or holds(scn, st, c.if_, ctx) else None


def _foresee(scn: Scenario, st: GameState, seat: str, action: Action) -> tuple[dict[str, int], str | None]:
    """How ``action`` would move the tracks (see :func:`track_changes`), and the faction that
    moves them (``self`` in a track's crisis: the card's owner for a rival's event)."""
    out: dict[str, int] = {}
    by: str | None = seat
    if isinstance(action, PlayCard) and action.mode == "event" and action.card in scn.cards:
        card = scn.cards[action.card]
        ctx = Ctx(actor=seat, owner=owner_for(scn, seat, card.id), card=card.id)
        foresee_tracks(scn, st, card.effects, ctx, out)
    elif (isinstance(action, PlayCard) and action.mode == "ops") or isinstance(action, EndOps):
        # a rival's card for operations: its event happens for its owner once they end
        p = st.pending
        card_id = action.card if isinstance(action, PlayCard) else p.card if isinstance(p, PendingOps) else None
        ctx_or_none = _opponent_event_ctx(scn, st, seat, card_id) if card_id is not None else None
        if ctx_or_none is not None and card_id is not None:
            by = ctx_or_none.actor
            foresee_tracks(scn, st, scn.cards[card_id].effects, ctx_or_none, out)
    elif isinstance(action, ChooseTarget) and isinstance(st.pending, PendingTarget) and st.pending.card in scn.cards:
        p = st.pending  # a card's event waiting for its target (also one a rival's operations fired)
        by = p.faction
        ctx = Ctx(actor=p.faction, owner=owner_for(scn, p.faction, p.card), target=action.target, card=p.card)
        foresee_tracks(scn, st, scn.cards[p.card].effects, ctx, out)
    elif isinstance(action, UseAction) and action.action in scn.actions:
        a = scn.actions[action.action]
        foresee_tracks(scn, st, a.effects, Ctx(actor=seat, target=action.target), out)
    elif isinstance(action, DiscardCard):
        outlet = next((d for d in scn.rules.discard if seat in d.factions), None)
        if outlet is not None:
            foresee_tracks(scn, st, outlet.effects, Ctx(actor=seat, card=action.card), out)
    elif (isinstance(action, Pressure) and action.region in scn.map.regions
          and scn.map.regions[action.region].battleground):
        foresee_tracks(scn, st, scn.rules.pressure_battleground, Ctx(actor=seat), out)
    return {k: v for k, v in out.items() if v}, by


def pressure_follow_up(scn: Scenario, st: GameState, seat: str, region: str) -> list[m.Effect]:
    """What a pressure by ``seat`` in ``region`` does besides its roll: in a battleground the
    scenario's ``pressure_battleground`` effects (as ``operations`` applies them after the roll),
    each ``if`` decided on the state as it stands; none elsewhere."""
    reg = scn.map.regions.get(region)
    if reg is None or not reg.battleground:
        return []
    return decide(scn, st, scn.rules.pressure_battleground, Ctx(actor=seat))


def track_changes(scn: Scenario, st: GameState, seat: str, action: Action) -> dict[str, int]:
    """How ``action`` by ``seat`` would move the tracks, as far as is known before any die.

    Covers a card played for its event, a rival's card played for operations (its event then
    happens for its owner, see :func:`opponent_event`; so does ending those operations), the
    target of a card's event waiting for one (whoever played the card), a faction action, a
    card discarded for the discard outlet (``rules.discard``), and pressure (in a battleground
    the scenario's ``pressure_battleground`` effects follow). Other actions: no change. A
    rival's event is foreseen as the state stands now, before the operations.
    """
    return _foresee(scn, st, seat, action)[0]


@dataclass(frozen=True)
class Crisis:
    """A crisis an action would set off: the ``track`` pushed to its maximum, the faction that
    pushes it (``by``: ``self`` in the track's ``on_max``), what the crisis does then
    (``effects``: its ``on_max`` with each ``if`` decided on the state as it stands, a die left
    to be rolled) and the flags it would set that are not set now (``new_flags``)."""

    track: str
    by: str | None
    effects: tuple[m.Effect, ...]
    new_flags: tuple[str, ...]


def crises(scn: Scenario, st: GameState, seat: str, action: Action) -> list[Crisis]:
    """The crises ``action`` by ``seat`` would set off, each with what it would do now."""
    changes, by = _foresee(scn, st, seat, action)
    out = []
    for tid, delta in changes.items():
        t = scn.tracks[tid]
        old = st.tracks[tid]
        if delta > 0 and old < t.max <= old + delta and t.on_max:
            effects = tuple(decide(scn, st, t.on_max, Ctx(actor=by)))
            flags = tuple(a[1] for a in sorted(effect_writes(effects), key=str)
                          if a[0] == "flag" and a[2] == "set" and not st.has_flag(a[1]))
            out.append(Crisis(tid, by, effects, flags))
    return out


def crisis_warnings(scn: Scenario, st: GameState, seat: str, action: Action) -> list[str]:
    """The tracks ``action`` would push up to their maximum, where their crisis effects fire."""
    return [c.track for c in crises(scn, st, seat, action)]


def crisis_flags(scn: Scenario, track: str) -> list[str]:
    """The flags a track's crisis may set (what a crisis leaves behind, such as an alert), in
    the order of the scenario's flag names."""
    return sorted(a[1] for a in effect_writes(scn.tracks[track].on_max) if a[0] == "flag" and a[2] == "set")


# ---------------------------------------------------------------------------- choices


@dataclass(frozen=True)
class ChoiceOutcome:
    """One combination of picks of an open choice and what follows it.

    ``effects`` are the choice's ``then`` effects with every ``if`` that reads only the picks
    decided for this combination (an ``if`` that reads anything else is kept as it is, to be
    told as "if …"); ``story`` holds the log lines of the branches taken.
    """

    picks: dict[str, str]
    effects: list[m.Effect]
    story: list[str]


def choice_outcomes(scn: Scenario, st: GameState) -> list[ChoiceOutcome]:
    """What each combination of picks of the open choice leads to (its ``then`` effects).

    Empty when no choice is open or when what follows does not depend on the picks. Reads
    only the scenario and public state: every combination is listed, whatever was picked.
    """
    p = pending_choice(st)
    if p is None:
        return []
    ch, ctx, record = p.choice(scn), p.ctx, p.record()
    then = list(scn.event_index[p.id].then) if p.source == "event" else list(scn.cards[p.id].then)
    if not depends_on_picks(then):
        return []
    factions = list(p.factions)
    single = factions[0] if len(factions) == 1 else None
    then_ctx = ctx.with_actor(single) if single else ctx
    per_faction = [[o.id for o in options_for(scn, st, ch, f, ctx)] for f in factions]
    out = []
    for combo in itertools.product(*per_faction):
        picks = dict(zip(factions, combo, strict=True))
        trial = st.clone(keep_log=False)
        trial.choices.setdefault(record, {}).update(picks)
        story: list[str] = []
        out.append(ChoiceOutcome(picks, settle(scn, trial, then, then_ctx, story), story))
    return out
