"""Read-only questions about what may still happen: for the calendar and for warnings.

Nothing here changes the state or draws a random number, and nothing here reveals a die
before it is rolled: the answers depend only on public state and the scenario's data.

- :func:`event_can_fire`: can a timeline event still happen in this game? It is *not*
  possible when it is already past, or when its ``if`` is false now and nothing that may
  still happen before its date (events, cards, faction actions, upkeep, crises, pressure in
  a battleground, the answer to an open choice or to a choice still ahead) could change
  anything the ``if`` reads (what each kind of condition reads and each kind of effect
  changes is said by its class, see ``engine/vocabulary.py``).
  The test is conservative: "can fire" means "cannot be ruled out".
- :func:`track_changes` / :func:`crisis_warnings`: how a card event, a faction action or a
  pressure would move the tracks (conditions read now, dice ignored), and which tracks it
  would push to their maximum, where a track's ``on_max`` (a crisis) fires.
- :func:`choice_outcomes`: for an open choice whose follow-up depends on the picks (secret
  choices of two sides, say), what each combination of picks leads to.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..scenario import models as m
from ..scenario.compiled import Scenario
from .actions import Action, DiscardCard, PlayCard, Pressure, UseAction
from .cards import owner_for
from .conditions import condition_reads, holds
from .context import Ctx
from .effects import depends_on_picks, effect_writes, foresee_tracks, settle
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
    if ev.if_ is None:
        return True
    reads = condition_atoms(ev.if_)
    if ANYTHING in reads:
        return True  # a condition the vocabulary does not know: never ruled out
    if holds(scn, st, ev.if_, Ctx(event=ev.id)):
        return True
    if reads & _ALWAYS_MOVING:
        return True
    if any(a[0] == "chose" for a in reads) and pending_choice(st) is not None:
        return True  # an open choice may be what the condition asks about
    changes = _track_crises(scn, effect_atoms(_future_effects(scn, st, index)))
    if ANYTHING in changes:
        return True  # an effect the vocabulary does not know may change anything
    if any(a[0] == "chose" for a in reads):
        changes |= _choices_ahead(scn, st, index)

    def may_change(a: Atom) -> bool:
        if a[0] == "flag":  # a flag that is set and never cleared stays set (and an unset one unset)
            return ("flag", a[1], "clear" if st.has_flag(a[1]) else "set") in changes
        return a in changes

    return any(may_change(a) for a in reads)


# ---------------------------------------------------------------------------- tracks


def track_changes(scn: Scenario, st: GameState, seat: str, action: Action) -> dict[str, int]:
    """How ``action`` by ``seat`` would move the tracks, as far as is known before any die.

    Covers a card played for its event, a faction action, a card discarded for the discard
    outlet (``rules.discard``), and pressure (in a battleground the scenario's
    ``pressure_battleground`` effects follow). Other actions: no change.
    """
    out: dict[str, int] = {}
    if isinstance(action, PlayCard) and action.mode == "event" and action.card in scn.cards:
        card = scn.cards[action.card]
        ctx = Ctx(actor=seat, owner=owner_for(scn, seat, card.id), card=card.id)
        foresee_tracks(scn, st, card.effects, ctx, out)
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
    return {k: v for k, v in out.items() if v}


def crisis_warnings(scn: Scenario, st: GameState, seat: str, action: Action) -> list[str]:
    """The tracks ``action`` would push up to their maximum, where their crisis effects fire."""
    out = []
    for tid, delta in track_changes(scn, st, seat, action).items():
        t = scn.tracks[tid]
        old = st.tracks[tid]
        if delta > 0 and old < t.max <= old + delta and t.on_max:
            out.append(tid)
    return out


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
