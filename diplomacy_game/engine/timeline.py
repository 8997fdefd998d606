"""Timeline events and choices, including secret simultaneous choices."""

from __future__ import annotations

from typing import Any

from ..scenario import models as m
from ..scenario.loader import Scenario
from .actions import Action, Choose
from .conditions import holds
from .context import Ctx
from .effects import apply_effects
from .state import GameState


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
    st.pending = {
        "kind": "choice",
        "source": source,
        "id": sid,
        "factions": choosers,
        "secret": bool(ch.secret),
        "picks": {},
        "ctx": ctx.to_json(),
    }
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


def pending_choice(scn: Scenario, st: GameState) -> tuple[m.Choice, Ctx]:
    p = st.pending
    assert p is not None and p["kind"] == "choice"
    ch, _then, _ev = _choice_of(scn, p["source"], p["id"])
    return ch, Ctx.from_json(p["ctx"])


def choosers_left(st: GameState) -> list[str]:
    p = st.pending
    assert p is not None
    return [f for f in p["factions"] if f not in p["picks"]]


def legal_choices(scn: Scenario, st: GameState, faction: str) -> list[Action]:
    ch, ctx = pending_choice(scn, st)
    return [Choose(o.id) for o in options_for(scn, st, ch, faction, ctx)]


def check_choose(scn: Scenario, st: GameState, faction: str, action: Action) -> str | None:
    ch, ctx = pending_choice(scn, st)
    ids = [o.id for o in options_for(scn, st, ch, faction, ctx)]
    if not isinstance(action, Choose):
        return f"answer the choice first: {ch.prompt} (choose one of: {', '.join(ids)})"
    if action.option not in ids:
        if any(o.id == action.option for o in ch.options):
            return f"the option '{action.option}' is not open to you now"
        return f"there is no option '{action.option}' (choose one of: {', '.join(ids)})"
    return None


def apply_choose(scn: Scenario, st: GameState, faction: str, action: Choose) -> None:
    p = st.pending
    assert p is not None
    ch, _ctx = pending_choice(scn, st)
    label = next(o.label for o in ch.options if o.id == action.option)
    p["picks"][faction] = action.option
    if p["secret"]:
        st.add_log(f"{scn.faction(faction).name} has made a secret choice.", "secret_pick", faction=faction)
        st.add_log(f"You chose in secret: {label}.", "secret_pick_own", [faction], option=action.option)
    else:
        st.add_log(f"{scn.faction(faction).name} chooses: {label}.", "choice", faction=faction, option=action.option)
    if choosers_left(st):
        return
    resolve_choice(scn, st, p)


def resolve_choice(scn: Scenario, st: GameState, p: dict[str, Any]) -> None:
    ch, then, ev_id = _choice_of(scn, p["source"], p["id"])
    ctx = Ctx.from_json(p["ctx"])
    st.pending = None
    picks: dict[str, str] = p["picks"]
    record = ev_id if ev_id is not None else f"card:{p['id']}"
    st.choices.setdefault(record, {}).update(picks)
    if p["secret"]:
        revealed = "; ".join(
            f"{scn.faction(f).name}: {next(o.label for o in ch.options if o.id == picks[f])}" for f in p["factions"]
        )
        st.add_log(f"The secret choices are revealed — {revealed}.", "reveal", picks=dict(picks))
    for f in p["factions"]:
        opt = next(o for o in ch.options if o.id == picks[f])
        apply_effects(scn, st, opt.effects, ctx.with_actor(f))
    single = p["factions"][0] if len(p["factions"]) == 1 else None
    apply_effects(scn, st, then, ctx.with_actor(single) if single else ctx)
