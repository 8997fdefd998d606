"""The effect vocabulary: one class per kind of effect (see ``engine/vocabulary.py``).

Each class says how its effect changes the state, what it may change, how it is told in
words, how the validator checks it and what it brings into the game for the linter. The
functions at the end are what the rest of the game calls; none of them tests the type of an
effect.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..scenario import models as m
from ..scenario.compiled import Scenario
from ..scenario.diagnostics import Path
from . import deck, rng
from .conditions import condition_reads, describe_condition, holds
from .context import Ctx
from .state import GameState
from .vocabulary import Atom, Checker, EffectKind, effect, effect_kind
from .words import faction_word, region_word, signed

_MAX_CRISIS_DEPTH = 4




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


# ---------------------------------------------------------------------------- the board


@effect(m.EInfluence, "influence")
class Influence(EffectKind[m.EInfluence]):
    def apply(self, scn: Scenario, st: GameState, e: m.EInfluence, ctx: Ctx, depth: int) -> None:
        f, r = ctx.faction(e.influence.faction), ctx.region(e.influence.region)
        if f is None or r is None:
            return
        done = change_influence(scn, st, f, r, e.influence.add)
        if done:
            region = scn.map.regions[r].name
            st.add_log(f"{scn.faction(f).name} {signed(done, '-')} influence in {region}.", "influence",
                       faction=f, region=r, delta=done)  # fmt: skip

    def writes(self, e: m.EInfluence) -> set[Atom]:
        return {("influence",)}

    def describe(self, scn: Scenario, e: m.EInfluence, self_word: str) -> str | None:
        return (f"{faction_word(scn, e.influence.faction, self_word)} {signed(e.influence.add)} influence "
                f"in {region_word(scn, e.influence.region)}")  # fmt: skip

    def check(self, chk: Checker, e: m.EInfluence, path: Path, place: Any) -> None:
        chk.faction_ref((*path, "influence", "faction"), e.influence.faction, place)
        chk.region_ref((*path, "influence", "region"), e.influence.region, place)

    def supplies(self, e: m.EInfluence) -> set[tuple[str, str]]:
        return set()


@effect(m.EStability, "stability")
class Stability(EffectKind[m.EStability]):
    def apply(self, scn: Scenario, st: GameState, e: m.EStability, ctx: Ctx, depth: int) -> None:
        r = ctx.region(e.stability.region)
        if r is None:
            return
        old = st.stability[r]
        st.stability[r] = max(m.STABILITY_MIN, min(m.STABILITY_MAX, old + e.stability.add))
        if st.stability[r] != old:
            st.add_log(f"Stability of {scn.map.regions[r].name}: {old} → {st.stability[r]}.", "stability", region=r)

    def writes(self, e: m.EStability) -> set[Atom]:
        return {("influence",)}  # control depends on stability

    def describe(self, scn: Scenario, e: m.EStability, self_word: str) -> str | None:
        return f"stability of {region_word(scn, e.stability.region)} {signed(e.stability.add)}"

    def check(self, chk: Checker, e: m.EStability, path: Path, place: Any) -> None:
        chk.region_ref((*path, "stability", "region"), e.stability.region, place)

    def supplies(self, e: m.EStability) -> set[tuple[str, str]]:
        return set()


# ---------------------------------------------------------------------------- tracks and factions


@effect(m.ETrack, "track")
class Track(EffectKind[m.ETrack]):
    def apply(self, scn: Scenario, st: GameState, e: m.ETrack, ctx: Ctx, depth: int) -> None:
        t = e.track
        by = ctx.faction(t.by) if t.by is not None else ctx.actor
        new = t.set if t.set is not None else st.tracks[t.id] + (t.add or 0)
        move_track(scn, st, t.id, new, by, depth)

    def writes(self, e: m.ETrack) -> set[Atom]:
        return {("track", e.track.id)}

    def describe(self, scn: Scenario, e: m.ETrack, self_word: str) -> str | None:
        name = scn.tracks[e.track.id].name
        return f"{name} set to {e.track.set}" if e.track.set is not None else f"{name} {signed(e.track.add or 0)}"

    def check(self, chk: Checker, e: m.ETrack, path: Path, place: Any) -> None:
        t = e.track
        if chk.ref((*path, "track", "id"), t.id, chk.tracks, "track"):
            if (t.add is None) == (t.set is None):
                chk.err((*path, "track"), "a track effect needs exactly one of 'add' or 'set'")
            if t.set is not None:
                chk.track_value((*path, "track", "set"), t.id, t.set)
        if t.by is not None:
            chk.faction_ref((*path, "track", "by"), t.by, place)

    def supplies(self, e: m.ETrack) -> set[tuple[str, str]]:
        return set()

    def foresee_tracks(self, scn: Scenario, st: GameState, e: m.ETrack, ctx: Ctx, out: dict[str, int]) -> None:
        cur = st.tracks[e.track.id] + out.get(e.track.id, 0)
        new = e.track.set if e.track.set is not None else cur + (e.track.add or 0)
        out[e.track.id] = out.get(e.track.id, 0) + (new - cur)


@effect(m.EEconomy, "economy")
class Economy(EffectKind[m.EEconomy]):
    def apply(self, scn: Scenario, st: GameState, e: m.EEconomy, ctx: Ctx, depth: int) -> None:
        f = ctx.faction(e.economy.faction)
        if f is None:
            return
        old = st.economy[f]
        st.economy[f] = max(0, min(scn.rules.economy_max, old + e.economy.add))
        if st.economy[f] != old:
            st.add_log(f"{scn.faction(f).name} economy {old} → {st.economy[f]}.", "economy", faction=f)

    def writes(self, e: m.EEconomy) -> set[Atom]:
        return {("economy",)}

    def describe(self, scn: Scenario, e: m.EEconomy, self_word: str) -> str | None:
        return f"{faction_word(scn, e.economy.faction, self_word)}'s economy {signed(e.economy.add)}"

    def check(self, chk: Checker, e: m.EEconomy, path: Path, place: Any) -> None:
        chk.faction_ref((*path, "economy", "faction"), e.economy.faction, place)

    def supplies(self, e: m.EEconomy) -> set[tuple[str, str]]:
        return set()


@effect(m.EVp, "vp")
class Vp(EffectKind[m.EVp]):
    def apply(self, scn: Scenario, st: GameState, e: m.EVp, ctx: Ctx, depth: int) -> None:
        f = ctx.faction(e.vp.faction)
        if f is None or e.vp.add == 0:
            return
        st.vp[f] += e.vp.add
        st.add_log(f"{scn.faction(f).name} {signed(e.vp.add, '-')} VP (now {st.vp[f]}).", "vp", faction=f,
                   delta=e.vp.add)

    def writes(self, e: m.EVp) -> set[Atom]:
        return {("vp",)}

    def describe(self, scn: Scenario, e: m.EVp, self_word: str) -> str | None:
        who = faction_word(scn, e.vp.faction, self_word)
        verb = ("gain" if e.vp.add >= 0 else "lose") + ("" if who == "you" else "s")
        return f"{who} {verb} {abs(e.vp.add)} VP"

    def check(self, chk: Checker, e: m.EVp, path: Path, place: Any) -> None:
        chk.faction_ref((*path, "vp", "faction"), e.vp.faction, place)

    def supplies(self, e: m.EVp) -> set[tuple[str, str]]:
        return set()


@effect(m.ELeader, "leader")
class Leader(EffectKind[m.ELeader]):
    def apply(self, scn: Scenario, st: GameState, e: m.ELeader, ctx: Ctx, depth: int) -> None:
        f = ctx.faction(e.leader.faction)
        if f is None or st.leaders.get(f) == e.leader.set:
            return
        st.leaders[f] = e.leader.set
        ld = scn.leaders[e.leader.set]
        st.add_log(f"{ld.name} now leads {scn.faction(f).name}.", "leader", faction=f, leader=ld.id)

    def writes(self, e: m.ELeader) -> set[Atom]:
        return {("leader",)}

    def describe(self, scn: Scenario, e: m.ELeader, self_word: str) -> str | None:
        ld = scn.leaders.get(e.leader.set)
        return f"{ld.name if ld else e.leader.set} leads {faction_word(scn, e.leader.faction, self_word)}"

    def check(self, chk: Checker, e: m.ELeader, path: Path, place: Any) -> None:
        chk.faction_ref((*path, "leader", "faction"), e.leader.faction, place)
        if chk.ref((*path, "leader", "set"), e.leader.set, chk.leaders, "leader"):
            ld = chk.leaders.get(e.leader.set)  # None: a leader dropped for its own errors
            f = e.leader.faction
            if ld is not None and f in chk.factions and ld.faction != f:
                chk.err((*path, "leader", "set"), f"the leader '{ld.id}' belongs to '{ld.faction}', not '{f}'")

    def supplies(self, e: m.ELeader) -> set[tuple[str, str]]:
        return {("leader", e.leader.set)}


@effect(m.EFlag, "flag")
class Flag(EffectKind[m.EFlag]):
    def apply(self, scn: Scenario, st: GameState, e: m.EFlag, ctx: Ctx, depth: int) -> None:
        if e.flag.set is not None:
            st.set_flag(e.flag.set)
        elif e.flag.clear is not None:
            st.clear_flag(e.flag.clear)

    def writes(self, e: m.EFlag) -> set[Atom]:
        out: set[Atom] = set()  # which way it moves the flag: only a clear unsets a set flag
        if e.flag.set is not None:
            out.add(("flag", e.flag.set, "set"))
        if e.flag.clear is not None:
            out.add(("flag", e.flag.clear, "clear"))
        return out

    def describe(self, scn: Scenario, e: m.EFlag, self_word: str) -> str | None:
        return None  # told by the story line that goes with it

    def check(self, chk: Checker, e: m.EFlag, path: Path, place: Any) -> None:
        if (e.flag.set is None) == (e.flag.clear is None):
            chk.err((*path, "flag"), "a flag effect needs exactly one of 'set' or 'clear'")

    def supplies(self, e: m.EFlag) -> set[tuple[str, str]]:
        return {("flag", e.flag.set)} if e.flag.set is not None else set()


# ---------------------------------------------------------------------------- cards


@effect(m.EAddCard, "add_card")
class AddCard(EffectKind[m.EAddCard]):
    def apply(self, scn: Scenario, st: GameState, e: m.EAddCard, ctx: Ctx, depth: int) -> None:
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

    def writes(self, e: m.EAddCard) -> set[Atom]:
        return set()  # no condition reads the deck

    def describe(self, scn: Scenario, e: m.EAddCard, self_word: str) -> str | None:
        c = scn.cards.get(e.add_card.card)
        return f"‘{c.title if c else e.add_card.card}’ joins the {e.add_card.to}"

    def check(self, chk: Checker, e: m.EAddCard, path: Path, place: Any) -> None:
        chk.ref((*path, "add_card", "card"), e.add_card.card, chk.cards, "card")
        if e.add_card.to == "hand":
            if e.add_card.faction is None:
                chk.err((*path, "add_card"), "'to: hand' needs the 'faction' whose hand")
            else:
                chk.faction_ref((*path, "add_card", "faction"), e.add_card.faction, place)

    def supplies(self, e: m.EAddCard) -> set[tuple[str, str]]:
        return {("card", e.add_card.card)}


@effect(m.ERemoveCard, "remove_card")
class RemoveCard(EffectKind[m.ERemoveCard]):
    def apply(self, scn: Scenario, st: GameState, e: m.ERemoveCard, ctx: Ctx, depth: int) -> None:
        card = e.remove_card.card
        if card not in st.removed and deck.take_out(st, card):
            st.removed.append(card)
            st.add_log(f"'{scn.cards[card].title}' is removed from the game.", "card_removed", card=card)

    def writes(self, e: m.ERemoveCard) -> set[Atom]:
        return set()  # no condition reads the deck

    def describe(self, scn: Scenario, e: m.ERemoveCard, self_word: str) -> str | None:
        return None  # left out of summaries

    def check(self, chk: Checker, e: m.ERemoveCard, path: Path, place: Any) -> None:
        chk.ref((*path, "remove_card", "card"), e.remove_card.card, chk.cards, "card")

    def supplies(self, e: m.ERemoveCard) -> set[tuple[str, str]]:
        return set()


@effect(m.EDraw, "draw")
class Draw(EffectKind[m.EDraw]):
    def apply(self, scn: Scenario, st: GameState, e: m.EDraw, ctx: Ctx, depth: int) -> None:
        f = ctx.faction(e.draw.faction)
        if f is not None:
            deck.draw(scn, st, f, e.draw.count)

    def writes(self, e: m.EDraw) -> set[Atom]:
        return set()  # no condition reads a hand

    def describe(self, scn: Scenario, e: m.EDraw, self_word: str) -> str | None:
        return f"{faction_word(scn, e.draw.faction, self_word)} draws {e.draw.count}"

    def check(self, chk: Checker, e: m.EDraw, path: Path, place: Any) -> None:
        chk.faction_ref((*path, "draw", "faction"), e.draw.faction, place)

    def supplies(self, e: m.EDraw) -> set[tuple[str, str]]:
        return set()


# ---------------------------------------------------------------------------- story and flow


@effect(m.ELog, "log")
class Log(EffectKind[m.ELog]):
    def apply(self, scn: Scenario, st: GameState, e: m.ELog, ctx: Ctx, depth: int) -> None:
        st.add_log(e.log, "story")

    def writes(self, e: m.ELog) -> set[Atom]:
        return set()

    def describe(self, scn: Scenario, e: m.ELog, self_word: str) -> str | None:
        return None  # the story line is shown as it is, not summarised

    def check(self, chk: Checker, e: m.ELog, path: Path, place: Any) -> None:
        return None

    def supplies(self, e: m.ELog) -> set[tuple[str, str]]:
        return set()

    def settle(self, scn: Scenario, st: GameState, e: m.ELog, ctx: Ctx, story: list[str]) -> list[m.Effect]:
        story.append(e.log)
        return []


def _reads_only_picks(c: m.Condition) -> bool:
    atoms = condition_reads(c)
    return bool(atoms) and all(a[0] == "chose" for a in atoms)


@effect(m.EIf, "if")
class If(EffectKind[m.EIf]):
    def apply(self, scn: Scenario, st: GameState, e: m.EIf, ctx: Ctx, depth: int) -> None:
        branch = e.then if holds(scn, st, e.if_, ctx) else e.else_
        apply_effects(scn, st, branch, ctx, depth)

    def writes(self, e: m.EIf) -> set[Atom]:
        return effect_writes(e.then) | effect_writes(e.else_)

    def describe(self, scn: Scenario, e: m.EIf, self_word: str) -> str | None:
        then = ", ".join(describe_effects(scn, e.then, self_word)) or "nothing"
        s = f"if {describe_condition(scn, e.if_)}: {then}"
        other = describe_effects(scn, e.else_, self_word)
        return s + (f"; otherwise {', '.join(other)}" if other else "")

    def check(self, chk: Checker, e: m.EIf, path: Path, place: Any) -> None:
        chk.cond(e.if_, (*path, "if"), place)
        chk.effects(e.then, (*path, "then"), place)
        chk.effects(e.else_, (*path, "else"), place)

    def supplies(self, e: m.EIf) -> set[tuple[str, str]]:
        return set()  # the branches are effects of their own

    def foresee_tracks(self, scn: Scenario, st: GameState, e: m.EIf, ctx: Ctx, out: dict[str, int]) -> None:
        foresee_tracks(scn, st, e.then if holds(scn, st, e.if_, ctx) else e.else_, ctx, out)

    def decide(self, scn: Scenario, st: GameState, e: m.EIf, ctx: Ctx) -> list[m.Effect]:
        return decide(scn, st, e.then if holds(scn, st, e.if_, ctx) else e.else_, ctx)

    def depends_on_picks(self, e: m.EIf) -> bool:
        if any(a[0] == "chose" for a in condition_reads(e.if_)):
            return True
        return depends_on_picks(e.then) or depends_on_picks(e.else_)

    def settle(self, scn: Scenario, st: GameState, e: m.EIf, ctx: Ctx, story: list[str]) -> list[m.Effect]:
        if _reads_only_picks(e.if_):
            return settle(scn, st, e.then if holds(scn, st, e.if_, ctx) else e.else_, ctx, story)
        return [e.model_copy(update={"then": settle(scn, st, e.then, ctx, []),
                                     "else_": settle(scn, st, e.else_, ctx, [])})]  # fmt: skip


@effect(m.ERoll, "roll")
class Roll(EffectKind[m.ERoll]):
    def apply(self, scn: Scenario, st: GameState, e: m.ERoll, ctx: Ctx, depth: int) -> None:
        spec = e.roll
        die = rng.roll(st, spec.sides)
        mod = sum(x.add for x in spec.modifiers if holds(scn, st, x.if_, ctx))
        total = die + mod
        st.add_log(f"Roll: d{spec.sides} = {die}{' ' + signed(mod, '-') if mod else ''} → {total}.", "roll",
                   die=die, modifier=mod, total=total)  # fmt: skip
        for o in spec.outcomes:
            if (o.at_least is None or total >= o.at_least) and (o.at_most is None or total <= o.at_most):
                apply_effects(scn, st, o.effects, ctx, depth)
                break

    def writes(self, e: m.ERoll) -> set[Atom]:
        out: set[Atom] = set()
        for o in e.roll.outcomes:
            out |= effect_writes(o.effects)
        return out

    def describe(self, scn: Scenario, e: m.ERoll, self_word: str) -> str | None:
        return f"a d{e.roll.sides} roll decides"

    def check(self, chk: Checker, e: m.ERoll, path: Path, place: Any) -> None:
        r = e.roll
        for i, mod in enumerate(r.modifiers):
            chk.cond(mod.if_, (*path, "roll", "modifiers", i, "if"), place)
        for i, o in enumerate(r.outcomes):
            opath = (*path, "roll", "outcomes", i)
            if o.at_least is None and o.at_most is None:
                chk.err(opath, "an outcome needs 'at_least' or 'at_most'")
            chk.effects(o.effects, (*opath, "effects"), place)

    def supplies(self, e: m.ERoll) -> set[tuple[str, str]]:
        return set()  # the outcomes are effects of their own

    # foresee_tracks: nothing, the die is not rolled yet


@effect(m.EEndGame, "end_game")
class EndGame(EffectKind[m.EEndGame]):
    def apply(self, scn: Scenario, st: GameState, e: m.EEndGame, ctx: Ctx, depth: int) -> None:
        st.end_reason = e.end_game.reason
        loser = ctx.faction(e.end_game.loser) if e.end_game.loser is not None else None
        if loser is not None and loser in scn.factions:
            if loser not in st.losers:
                st.losers.append(loser)
            reason = e.end_game.reason.rstrip(".")
            st.add_log(f"The game ends: {reason}. {scn.faction(loser).name} cannot win.", "end", loser=loser)
            return
        st.add_log(f"The game ends: {e.end_game.reason}", "end")

    def writes(self, e: m.EEndGame) -> set[Atom]:
        return set()  # the game is over: nothing is read after it

    def describe(self, scn: Scenario, e: m.EEndGame, self_word: str) -> str | None:
        loser = e.end_game.loser
        if loser is not None:
            return f"the game ends and {faction_word(scn, loser, self_word)} cannot win"
        return "the game ends"

    def check(self, chk: Checker, e: m.EEndGame, path: Path, place: Any) -> None:
        loser = e.end_game.loser
        if loser is not None:
            chk.faction_ref((*path, "end_game", "loser"), loser, place)

    def supplies(self, e: m.EEndGame) -> set[tuple[str, str]]:
        return set()


# ---------------------------------------------------------------------------- what the game calls


def apply_effects(scn: Scenario, st: GameState, effects: Sequence[m.Effect], ctx: Ctx, depth: int = 0) -> None:
    for e in effects:
        if st.end_reason is not None:
            return
        effect_kind(e).apply(scn, st, e, ctx, depth)


def apply_effect(scn: Scenario, st: GameState, e: m.Effect, ctx: Ctx, depth: int = 0) -> None:
    effect_kind(e).apply(scn, st, e, ctx, depth)


def effect_writes(effects: Iterable[m.Effect]) -> set[Atom]:
    """The parts of the state some branch of these effects may change (see ``vocabulary.Atom``)."""
    out: set[Atom] = set()
    for e in effects:
        out |= effect_kind(e).writes(e)
    return out


def describe_effects(scn: Scenario, effects: Iterable[m.Effect], self_word: str = "the player") -> list[str]:
    """Effects in words, one phrase each (story lines and flags left out)."""
    out = []
    for e in effects:
        phrase = effect_kind(e).describe(scn, e, self_word)
        if phrase is not None:
            out.append(phrase)
    return out


def check_effect(chk: Checker, e: m.Effect, path: Path, place: Any) -> None:
    """The validator's checks of ``e`` (reported through ``chk``)."""
    effect_kind(e).check(chk, e, path, place)


def effect_supplies(e: m.Effect) -> set[tuple[str, str]]:
    """The flags, leaders and cards ``e`` itself brings into the game (for the linter)."""
    return effect_kind(e).supplies(e)


def foresee_tracks(scn: Scenario, st: GameState, effects: Sequence[m.Effect], ctx: Ctx, out: dict[str, int]) -> None:
    """Add to ``out`` how these effects move the tracks, as far as is known before any die."""
    for e in effects:
        effect_kind(e).foresee_tracks(scn, st, e, ctx, out)


def decide(scn: Scenario, st: GameState, effects: Sequence[m.Effect], ctx: Ctx) -> list[m.Effect]:
    """These effects as they would go in the state as it stands: each ``if`` decided now."""
    out: list[m.Effect] = []
    for e in effects:
        out.extend(effect_kind(e).decide(scn, st, e, ctx))
    return out


def depends_on_picks(effects: Sequence[m.Effect]) -> bool:
    """Whether what these effects do depends on the answers to a choice."""
    return any(effect_kind(e).depends_on_picks(e) for e in effects)


def settle(scn: Scenario, st: GameState, effects: Sequence[m.Effect], ctx: Ctx, story: list[str]) -> list[m.Effect]:
    """These effects once the picks of a choice are known (``st`` holds them)."""
    out: list[m.Effect] = []
    for e in effects:
        out.extend(effect_kind(e).settle(scn, st, e, ctx, story))
    return out
