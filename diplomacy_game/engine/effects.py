"""The effect vocabulary: each kind of effect applied in one place."""

from __future__ import annotations

from collections.abc import Sequence

from ..scenario import models as m
from ..scenario.loader import Scenario
from . import deck, rng
from .conditions import holds
from .context import Ctx
from .state import GameState
from .words import signed as _signed

_MAX_CRISIS_DEPTH = 4


def apply_effects(scn: Scenario, st: GameState, effects: Sequence[m.Effect], ctx: Ctx, depth: int = 0) -> None:
    for e in effects:
        if st.end_reason is not None:
            return
        apply_effect(scn, st, e, ctx, depth)


def move_track(scn: Scenario, st: GameState, track: str, new: int, by: str | None, depth: int = 0) -> None:
    """Set a track (clamped). Reaching the maximum from below sets off its ``on_max``."""
    t = scn.tracks[track]
    old = st.tracks[track]
    new = max(t.min, min(t.max, new))
    if new == old:
        return
    st.tracks[track] = new
    who = f" ({scn.faction(by).name})" if by else ""
    st.add_log(f"{t.name}: {old} → {new}{who}.", "track", track=track, old=old, new=new, by=by)
    if new == t.max and old < t.max and t.on_max and depth < _MAX_CRISIS_DEPTH:
        culprit = f": {scn.faction(by).name} pushed it there" if by else ""
        st.add_log(f"Crisis! {t.name} is at its maximum{culprit}.", "crisis", track=track, by=by)
        apply_effects(scn, st, t.on_max, Ctx(actor=by), depth + 1)


def change_influence(scn: Scenario, st: GameState, faction: str, region: str, delta: int) -> int:
    cur = st.influence[region].get(faction, 0)
    new = max(0, min(scn.rules.max_influence, cur + delta))
    st.influence[region][faction] = new
    return int(new - cur)


def apply_effect(scn: Scenario, st: GameState, e: m.Effect, ctx: Ctx, depth: int = 0) -> None:
    if isinstance(e, m.EInfluence):
        f, r = ctx.faction(e.influence.faction), ctx.region(e.influence.region)
        if f is None or r is None:
            return
        done = change_influence(scn, st, f, r, e.influence.add)
        if done:
            region = scn.map.regions[r].name
            st.add_log(f"{scn.faction(f).name} {_signed(done)} influence in {region}.", "influence",
                       faction=f, region=r, delta=done)  # fmt: skip
    elif isinstance(e, m.ETrack):
        t = e.track
        by = ctx.faction(t.by) if t.by is not None else ctx.actor
        new = t.set if t.set is not None else st.tracks[t.id] + (t.add or 0)
        move_track(scn, st, t.id, new, by, depth)
    elif isinstance(e, m.EEconomy):
        f = ctx.faction(e.economy.faction)
        if f is None:
            return
        old = st.economy[f]
        st.economy[f] = max(0, min(scn.rules.economy_max, old + e.economy.add))
        if st.economy[f] != old:
            st.add_log(f"{scn.faction(f).name} economy {old} → {st.economy[f]}.", "economy", faction=f)
    elif isinstance(e, m.EVp):
        f = ctx.faction(e.vp.faction)
        if f is None or e.vp.add == 0:
            return
        st.vp[f] += e.vp.add
        st.add_log(f"{scn.faction(f).name} {_signed(e.vp.add)} VP (now {st.vp[f]}).", "vp", faction=f, delta=e.vp.add)
    elif isinstance(e, m.EStability):
        r = ctx.region(e.stability.region)
        if r is None:
            return
        old = st.stability[r]
        st.stability[r] = max(m.STABILITY_MIN, min(m.STABILITY_MAX, old + e.stability.add))
        if st.stability[r] != old:
            st.add_log(f"Stability of {scn.map.regions[r].name}: {old} → {st.stability[r]}.", "stability", region=r)
    elif isinstance(e, m.ELeader):
        f = ctx.faction(e.leader.faction)
        if f is None or st.leaders.get(f) == e.leader.set:
            return
        st.leaders[f] = e.leader.set
        ld = scn.leaders[e.leader.set]
        st.add_log(f"{ld.name} now leads {scn.faction(f).name}.", "leader", faction=f, leader=ld.id)
    elif isinstance(e, m.EFlag):
        if e.flag.set is not None:
            st.set_flag(e.flag.set)
        elif e.flag.clear is not None:
            st.clear_flag(e.flag.clear)
    elif isinstance(e, m.EAddCard):
        card = e.add_card.card
        if deck.in_play(st, card) and card not in st.removed:
            return
        if card in st.removed:
            st.removed.remove(card)
        title = scn.cards[card].title
        if e.add_card.to == "hand":
            f = ctx.faction(e.add_card.faction or "self")
            if f is None:
                return
            st.hands[f].append(card)
            st.add_log(f"'{title}' is added to your hand.", "card_added", [f], card=card)
            st.add_log(f"A card is added to {scn.faction(f).name}'s hand.", "card_added_count", faction=f)
        else:
            deck.add_to_deck(st, card)
            st.add_log(f"'{title}' is shuffled into the deck.", "card_added", card=card)
    elif isinstance(e, m.ERemoveCard):
        card = e.remove_card.card
        if card not in st.removed and deck.take_out(st, card):
            st.removed.append(card)
            st.add_log(f"'{scn.cards[card].title}' is removed from the game.", "card_removed", card=card)
    elif isinstance(e, m.EDraw):
        f = ctx.faction(e.draw.faction)
        if f is not None:
            deck.draw(scn, st, f, e.draw.count)
    elif isinstance(e, m.ELog):
        st.add_log(e.log, "story")
    elif isinstance(e, m.EIf):
        branch = e.then if holds(scn, st, e.if_, ctx) else e.else_
        apply_effects(scn, st, branch, ctx, depth)
    elif isinstance(e, m.ERoll):
        spec = e.roll
        die = rng.roll(st, spec.sides)
        mod = sum(x.add for x in spec.modifiers if holds(scn, st, x.if_, ctx))
        total = die + mod
        st.add_log(f"Roll: d{spec.sides} = {die}{' ' + _signed(mod) if mod else ''} → {total}.", "roll",
                   die=die, modifier=mod, total=total)  # fmt: skip
        for o in spec.outcomes:
            if (o.at_least is None or total >= o.at_least) and (o.at_most is None or total <= o.at_most):
                apply_effects(scn, st, o.effects, ctx, depth)
                break
    elif isinstance(e, m.EEndGame):
        st.end_reason = e.end_game.reason
        st.add_log(f"The game ends: {e.end_game.reason}", "end")
    else:  # pragma: no cover - the models are closed
        raise TypeError(f"unknown effect {e!r}")
