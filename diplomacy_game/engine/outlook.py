"""Read-only questions about what may still happen: for the calendar and for warnings.

Nothing here changes the state or draws a random number, and nothing here reveals a die
before it is rolled: the answers depend only on public state and the scenario's data.

- :func:`event_can_fire`: can a timeline event still happen in this game? It is *not*
  possible when it is already past, or when its ``if`` is false now and nothing that may
  still happen before its date (events, cards, faction actions, upkeep, crises, pressure in
  a battleground, the answer to an open choice) could change anything the ``if`` reads.
  The test is conservative: "can fire" means "cannot be ruled out".
- :func:`track_changes` / :func:`crisis_warnings`: how a card event, a faction action or a
  pressure would move the tracks (conditions read now, dice ignored), and which tracks it
  would push to their maximum, where a track's ``on_max`` (a crisis) fires.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..scenario import models as m
from ..scenario.loader import Scenario
from .actions import Action, PlayCard, Pressure, UseAction
from .conditions import holds
from .context import Ctx
from .state import GameState

Atom = tuple[str, ...]

# Parts of the state that change every turn whatever happens (income, placement, time).
_ALWAYS_MOVING = {("influence",), ("economy",), ("turn",)}


def condition_atoms(c: m.Condition) -> set[Atom]:
    """The parts of the state a condition reads."""
    if isinstance(c, m.CAll):
        return set().union(*(condition_atoms(x) for x in c.all)) if c.all else set()
    if isinstance(c, m.CAny):
        return set().union(*(condition_atoms(x) for x in c.any)) if c.any else set()
    if isinstance(c, m.CNot):
        return condition_atoms(c.not_)
    if isinstance(c, m.CTrack):
        return {("track", c.track.id)}
    if isinstance(c, m.CFlag):
        return {("flag", c.flag)}
    if isinstance(c, m.CLeader):
        return {("leader",)}
    if isinstance(c, m.CControls | m.CInfluence):
        return {("influence",)}
    if isinstance(c, m.CVp):
        return {("vp",)}
    if isinstance(c, m.CEconomy):
        return {("economy",)}
    if isinstance(c, m.CChose):
        return {("chose", c.chose.event or "")}
    if isinstance(c, m.CTurn):
        return {("turn",)}
    return set()  # self_is: fixed by who acts


def effect_atoms(effects: Iterable[m.Effect]) -> set[Atom]:
    """The parts of the state some branch of these effects may change."""
    out: set[Atom] = set()
    for e in effects:
        if isinstance(e, m.ETrack):
            out.add(("track", e.track.id))
        elif isinstance(e, m.EFlag):
            name = e.flag.set if e.flag.set is not None else e.flag.clear
            out.add(("flag", name or ""))
        elif isinstance(e, m.ELeader):
            out.add(("leader",))
        elif isinstance(e, m.EVp):
            out.add(("vp",))
        elif isinstance(e, m.EEconomy):
            out.add(("economy",))
        elif isinstance(e, m.EInfluence | m.EStability):
            out.add(("influence",))
        elif isinstance(e, m.EIf):
            out |= effect_atoms(e.then) | effect_atoms(e.else_)
        elif isinstance(e, m.ERoll):
            for o in e.roll.outcomes:
                out |= effect_atoms(o.effects)
    return out


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
    p = st.pending
    if p is not None and p.get("kind") == "choice" and p.get("source") == "event":
        ev = scn.event_index[p["id"]]
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
    if holds(scn, st, ev.if_, Ctx(event=ev.id)):
        return True
    reads = condition_atoms(ev.if_)
    if reads & _ALWAYS_MOVING:
        return True
    p = st.pending
    if any(a[0] == "chose" for a in reads) and p is not None and p.get("kind") == "choice":
        return True  # an open choice may be what the condition asks about
    changes = _track_crises(scn, effect_atoms(_future_effects(scn, st, index)))
    return bool(reads & changes)


# ---------------------------------------------------------------------------- tracks


def _walk_tracks(scn: Scenario, st: GameState, effects: Sequence[m.Effect], ctx: Ctx, out: dict[str, int]) -> None:
    for e in effects:
        if isinstance(e, m.ETrack):
            cur = st.tracks[e.track.id] + out.get(e.track.id, 0)
            new = e.track.set if e.track.set is not None else cur + (e.track.add or 0)
            out[e.track.id] = out.get(e.track.id, 0) + (new - cur)
        elif isinstance(e, m.EIf):
            branch = e.then if holds(scn, st, e.if_, ctx) else e.else_
            _walk_tracks(scn, st, branch, ctx, out)
        # rolls are not foreseen: their dice are not rolled yet


def track_changes(scn: Scenario, st: GameState, seat: str, action: Action) -> dict[str, int]:
    """How ``action`` by ``seat`` would move the tracks, as far as is known before any die.

    Covers a card played for its event, a faction action, and pressure (in a battleground the
    scenario's ``pressure_battleground`` effects follow). Other actions: no change.
    """
    out: dict[str, int] = {}
    if isinstance(action, PlayCard) and action.mode == "event" and action.card in scn.cards:
        card = scn.cards[action.card]
        _walk_tracks(scn, st, card.effects, Ctx(actor=seat, owner=card.owner, card=card.id), out)
    elif isinstance(action, UseAction) and action.action in scn.actions:
        a = scn.actions[action.action]
        _walk_tracks(scn, st, a.effects, Ctx(actor=seat, target=action.target), out)
    elif (isinstance(action, Pressure) and action.region in scn.map.regions
          and scn.map.regions[action.region].battleground):
        _walk_tracks(scn, st, scn.rules.pressure_battleground, Ctx(actor=seat), out)
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
