"""Timeline events and choices, including secret simultaneous choices."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from ..scenario import models as m
from ..scenario.compiled import Scenario
from .actions import Action, Choose
from .conditions import holds
from .context import Ctx
from .decision import Decision
from .effects import apply_effects
from .state import GameState


@dataclass(frozen=True)
class PendingChoice(Decision):
    """``factions`` answer the choice of timeline event or card ``id`` (secretly, at once, if
    ``secret``). ``picks`` holds the answers so far, in the order given.

    In a seat's view of a secret choice, ``picks`` holds that seat's own answer only and
    ``hidden`` the other factions that have answered (who, never what); in the state
    ``hidden`` is always empty.
    """

    kind: ClassVar[str] = "choice"
    source: str  # 'event' or 'card'
    id: str
    factions: tuple[str, ...]
    secret: bool
    ctx: Ctx
    picks: tuple[tuple[str, str], ...] = ()
    hidden: tuple[str, ...] = ()

    @property
    def chosen(self) -> tuple[str, ...]:
        """The factions that have answered (sorted), whether or not their answer is known."""
        return tuple(sorted({f for f, _o in self.picks} | set(self.hidden)))

    def pick_of(self, faction: str | None) -> str | None:
        """``faction``'s answer, if it has answered and it may be known."""
        return next((o for f, o in self.picks if f == faction), None)

    def record(self) -> str:
        """The key of the answers in ``GameState.choices``."""
        return self.id if self.source == "event" else f"card:{self.id}"

    def choice(self, scn: Scenario) -> m.Choice:
        return _choice_of(scn, self.source, self.id)[0]

    def seats(self) -> tuple[str, ...]:
        done = self.chosen
        return tuple(f for f in self.factions if f not in done)

    def legal(self, scn: Scenario, st: GameState, seat: str) -> list[Action]:
        return [Choose(o.id) for o in options_for(scn, st, self.choice(scn), seat, self.ctx)]

    def check(self, scn: Scenario, st: GameState, seat: str, action: Action) -> str | None:
        ch = self.choice(scn)
        ids = [o.id for o in options_for(scn, st, ch, seat, self.ctx)]
        if not isinstance(action, Choose):
            return f"answer the choice first: {ch.prompt} (choose one of: {', '.join(ids)})"
        if action.option not in ids:
            if any(o.id == action.option for o in ch.options):
                return f"the option '{action.option}' is not open to you now"
            return f"there is no option '{action.option}' (choose one of: {', '.join(ids)})"
        return None

    def apply(self, scn: Scenario, st: GameState, seat: str, action: Action) -> None:
        assert isinstance(action, Choose)
        apply_choose(scn, st, self, seat, action)

    def explain(self, scn: Scenario, st: GameState, seat: str | None) -> str:
        who = " and ".join(scn.faction(f).name for f in self.factions)
        return f"{who} {'choose in secret' if self.secret else 'chooses'}: {self.choice(scn).prompt}"

    def to_json(self) -> dict[str, Any]:
        assert not self.hidden, "a seat's view of a choice is not a state"
        return {"kind": self.kind, "source": self.source, "id": self.id, "factions": list(self.factions),
                "secret": self.secret, "picks": dict(self.picks), "ctx": self.ctx.to_json()}

    @classmethod
    def from_fields(cls, data: dict[str, Any]) -> PendingChoice:
        picks = data["picks"]
        if not isinstance(picks, dict):
            raise TypeError("picks is not an object")
        return cls(str(data["source"]), str(data["id"]), tuple(data["factions"]), bool(data["secret"]),
                   Ctx.from_json(data["ctx"]), tuple((str(f), str(o)) for f, o in picks.items()))

    def for_seat(self, seat: str | None) -> PendingChoice:
        if not self.secret:
            return self
        own = tuple((f, o) for f, o in self.picks if f == seat)
        return replace(self, picks=own, hidden=tuple(f for f, _o in self.picks if f != seat))

    def with_picks(self, picks: dict[str, str]) -> PendingChoice:
        """The same choice with these answers known (``hidden`` cleared)."""
        return replace(self, picks=tuple(picks.items()), hidden=())


def fire_event(scn: Scenario, st: GameState, ev: m.Event) -> None:
    ctx = Ctx(event=ev.id)
    if ev.if_ is not None and not holds(scn, st, ev.if_, ctx):
        st.add_log(f"{ev.date}: {ev.title} — does not happen in this game.", "event_skipped", event=ev.id)
        return
    st.add_log(f"{ev.date}: {ev.title}", "event", event=ev.id)
    st.add_log(ev.text, "event_text", event=ev.id)
    apply_effects(scn, st, ev.effects, ctx)
    if ev.choice is not None and st.end_reason is None:
        open_choice(scn, st, "event", ev.id, ev.choice, ctx)


def _choice_of(scn: Scenario, source: str, sid: str) -> tuple[m.Choice, list[m.Effect], str | None]:
    if source == "event":
        ev = scn.event_index[sid]
        assert ev.choice is not None
        return ev.choice, list(ev.then), ev.id
    card = scn.cards[sid]
    assert card.choice is not None
    return card.choice, list(card.then), None


def open_choice(scn: Scenario, st: GameState, source: str, sid: str, ch: m.Choice, ctx: Ctx) -> None:
    if ch.factions is not None:
        choosers = [f for f in scn.factions if f in ch.factions]
    else:
        f = ctx.faction(ch.faction or "self")
        choosers = [f] if f is not None else []
    choosers = [f for f in choosers if options_for(scn, st, ch, f, ctx)]
    if not choosers:
        st.add_log("Nobody can answer the choice; it is skipped.", "choice_skipped")
        return
    st.pending = PendingChoice(source, sid, tuple(choosers), bool(ch.secret), ctx)
    who = " and ".join(scn.faction(f).name for f in choosers)
    secret = " in secret" if ch.secret else ""
    st.add_log(f"{who} must choose{secret}: {ch.prompt}", "choice_open", source=source, id=sid)


def options_for(scn: Scenario, st: GameState, ch: m.Choice, faction: str, ctx: Ctx) -> list[m.Option]:
    c = ctx.with_actor(faction)
    return [
        o
        for o in ch.options
        if (o.factions is None or faction in o.factions) and (o.if_ is None or holds(scn, st, o.if_, c))
    ]


def pending_choice(st: GameState) -> PendingChoice | None:
    """The open choice, or None if the state waits on something else (or nothing)."""
    p = st.pending
    return p if isinstance(p, PendingChoice) else None


def apply_choose(scn: Scenario, st: GameState, p: PendingChoice, faction: str, action: Choose) -> None:
    ch = p.choice(scn)
    label = next(o.label for o in ch.options if o.id == action.option)
    p = replace(p, picks=(*p.picks, (faction, action.option)))
    st.pending = p
    if p.secret:
        st.add_log(f"{scn.faction(faction).name} has made a secret choice.", "secret_pick", faction=faction)
        st.add_log(f"You chose in secret: {label}.", "secret_pick_own", [faction], option=action.option)
    else:
        st.add_log(f"{scn.faction(faction).name} chooses: {label}.", "choice", faction=faction, option=action.option)
    if p.seats():
        return
    resolve_choice(scn, st, p)


def resolve_choice(scn: Scenario, st: GameState, p: PendingChoice) -> None:
    ch, then, _ev_id = _choice_of(scn, p.source, p.id)
    ctx = p.ctx
    st.pending = None
    picks = dict(p.picks)
    st.choices.setdefault(p.record(), {}).update(picks)
    if p.secret:
        revealed = "; ".join(
            f"{scn.faction(f).name}: {next(o.label for o in ch.options if o.id == picks[f])}" for f in p.factions
        )
        st.add_log(f"The secret choices are revealed — {revealed}.", "reveal", picks=dict(picks))
    for f in p.factions:
        opt = next(o for o in ch.options if o.id == picks[f])
        apply_effects(scn, st, opt.effects, ctx.with_actor(f))
    single = p.factions[0] if len(p.factions) == 1 else None
    apply_effects(scn, st, then, ctx.with_actor(single) if single else ctx)
