"""The condition vocabulary: one class per kind of condition (see ``engine/vocabulary.py``).

Each class says when its condition holds, what it reads, how it is told in words, how the
validator checks it and when the linter knows it can never hold. The functions at the end
are what the rest of the game calls; none of them tests the type of a condition.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..scenario import models as m
from ..scenario.compiled import Scenario
from ..scenario.diagnostics import Path, did_you_mean
from .context import Ctx
from .control import controls
from .state import GameState, Phase
from .vocabulary import Atom, Checker, ConditionKind, Facts, Impossible, condition, condition_kind
from .words import compare_words, faction_word, flag_clause, region_word


def range_never(at_least: int | None, at_most: int | None, equals: int | None, lo: int, hi: int) -> str | None:
    """Why a comparison can never be true of a value that runs ``lo..hi``, or None."""
    if at_least is not None and at_least > hi:
        return f"never reaches {at_least} (it runs {lo}..{hi})"
    if at_most is not None and at_most < lo:
        return f"never falls to {at_most} (it runs {lo}..{hi})"
    if equals is not None and not lo <= equals <= hi:
        return f"never equals {equals} (it runs {lo}..{hi})"
    if at_least is not None and at_most is not None and at_least > at_most:
        return f"cannot be at least {at_least} and at most {at_most}"
    return None


# ---------------------------------------------------------------------------- combinations


@condition(m.CAll, "all")
class All(ConditionKind[m.CAll]):
    def holds(self, scn: Scenario, st: GameState, c: m.CAll, ctx: Ctx) -> bool:
        return all(holds(scn, st, x, ctx) for x in c.all)

    def reads(self, c: m.CAll) -> list[Atom]:
        return [a for x in c.all for a in condition_reads(x)]

    def describe(self, scn: Scenario, c: m.CAll) -> str:
        return " and ".join(describe_condition(scn, x) for x in c.all)

    def check(self, chk: Checker, c: m.CAll, path: Path, place: Any) -> None:
        for i, x in enumerate(c.all):
            chk.cond(x, (*path, "all", i), place)

    def never(self, facts: Facts, c: m.CAll, path: Path) -> Impossible | None:
        for i, x in enumerate(c.all):
            found = never_holds(facts, x, (*path, "all", i))
            if found:
                return found
        return None

    def may_become(self, scn: Scenario, st: GameState, c: m.CAll, ctx: Ctx, want: bool,
                   moves: Callable[[Atom], bool]) -> bool:
        parts = (may_become(scn, st, x, ctx, want, moves) for x in c.all)
        return all(parts) if want else any(parts)


@condition(m.CAny, "any")
class AnyOf(ConditionKind[m.CAny]):
    def holds(self, scn: Scenario, st: GameState, c: m.CAny, ctx: Ctx) -> bool:
        return any(holds(scn, st, x, ctx) for x in c.any)

    def reads(self, c: m.CAny) -> list[Atom]:
        return [a for x in c.any for a in condition_reads(x)]

    def describe(self, scn: Scenario, c: m.CAny) -> str:
        return " or ".join(describe_condition(scn, x) for x in c.any)

    def check(self, chk: Checker, c: m.CAny, path: Path, place: Any) -> None:
        for i, x in enumerate(c.any):
            chk.cond(x, (*path, "any", i), place)

    def never(self, facts: Facts, c: m.CAny, path: Path) -> Impossible | None:
        reasons = [never_holds(facts, x, (*path, "any", i)) for i, x in enumerate(c.any)]
        return reasons[0] if all(reasons) else None

    def may_become(self, scn: Scenario, st: GameState, c: m.CAny, ctx: Ctx, want: bool,
                   moves: Callable[[Atom], bool]) -> bool:
        parts = (may_become(scn, st, x, ctx, want, moves) for x in c.any)
        return any(parts) if want else all(parts)


@condition(m.CNot, "not")
class Not(ConditionKind[m.CNot]):
    def holds(self, scn: Scenario, st: GameState, c: m.CNot, ctx: Ctx) -> bool:
        return not holds(scn, st, c.not_, ctx)

    def reads(self, c: m.CNot) -> list[Atom]:
        return condition_reads(c.not_)

    def describe(self, scn: Scenario, c: m.CNot) -> str:
        short = condition_kind(c.not_).describe_negated(scn, c.not_)
        return short if short is not None else f"not ({describe_condition(scn, c.not_)})"

    def check(self, chk: Checker, c: m.CNot, path: Path, place: Any) -> None:
        chk.cond(c.not_, (*path, "not"), place)

    def never(self, facts: Facts, c: m.CNot, path: Path) -> Impossible | None:
        return None  # the linter does not reason about what always holds

    def may_become(self, scn: Scenario, st: GameState, c: m.CNot, ctx: Ctx, want: bool,
                   moves: Callable[[Atom], bool]) -> bool:
        return may_become(scn, st, c.not_, ctx, not want, moves)


# ---------------------------------------------------------------------------- the state


@condition(m.CTrack, "track")
class TrackAt(ConditionKind[m.CTrack]):
    def holds(self, scn: Scenario, st: GameState, c: m.CTrack, ctx: Ctx) -> bool:
        return c.track.test(st.tracks[c.track.id])

    def reads(self, c: m.CTrack) -> list[Atom]:
        return [("track", c.track.id)]

    def describe(self, scn: Scenario, c: m.CTrack) -> str:
        return f"{scn.tracks[c.track.id].name} {compare_words(c.track)}"

    def check(self, chk: Checker, c: m.CTrack, path: Path, place: Any) -> None:
        chk.ref((*path, "track", "id"), c.track.id, chk.tracks, "track")

    def never(self, facts: Facts, c: m.CTrack, path: Path) -> Impossible | None:
        t = next((t for t in facts.s.tracks if t.id == c.track.id), None)
        if t is not None:
            why = range_never(c.track.at_least, c.track.at_most, c.track.equals, t.min, t.max)
            if why:
                return f"the track '{t.id}' {why}", (*path, "track"), None
        return None


@condition(m.CFlag, "flag")
class FlagSet(ConditionKind[m.CFlag]):
    def holds(self, scn: Scenario, st: GameState, c: m.CFlag, ctx: Ctx) -> bool:
        return st.has_flag(c.flag)

    def reads(self, c: m.CFlag) -> list[Atom]:
        return [("flag", c.flag)]

    def describe(self, scn: Scenario, c: m.CFlag) -> str:
        return flag_clause(scn, c.flag)

    def describe_negated(self, scn: Scenario, c: m.CFlag) -> str | None:
        return flag_clause(scn, c.flag, negated=True)

    def check(self, chk: Checker, c: m.CFlag, path: Path, place: Any) -> None:
        return None  # any name: a flag exists once something sets it (the linter warns otherwise)

    def never(self, facts: Facts, c: m.CFlag, path: Path) -> Impossible | None:
        if c.flag not in facts.flags:
            hint = did_you_mean(c.flag, facts.flags)
            return (f"the flag '{c.flag}' is never set (no 'flag: {{set: {c.flag}}}' effect, not in "
                    "setup.flags)", (*path, "flag"), hint)  # fmt: skip
        return None


@condition(m.CLeader, "leader")
class LeaderIs(ConditionKind[m.CLeader]):
    def holds(self, scn: Scenario, st: GameState, c: m.CLeader, ctx: Ctx) -> bool:
        f = ctx.faction(c.leader.faction)
        if f is None:
            return False
        if c.leader.is_ is not None:
            return st.leaders.get(f) == c.leader.is_
        return st.leaders.get(f) != c.leader.not_

    def reads(self, c: m.CLeader) -> list[Atom]:
        return [("leader",)]

    def describe(self, scn: Scenario, c: m.CLeader) -> str:
        who = faction_word(scn, c.leader.faction)
        lid = c.leader.is_ or c.leader.not_ or ""
        name = scn.leaders[lid].name if lid in scn.leaders else lid
        return f"{name} {'leads' if c.leader.is_ else 'does not lead'} {who}"

    def check(self, chk: Checker, c: m.CLeader, path: Path, place: Any) -> None:
        chk.faction_ref((*path, "leader", "faction"), c.leader.faction, place)
        for key, val in (("is", c.leader.is_), ("not", c.leader.not_)):
            if val is not None:
                chk.ref((*path, "leader", key), val, chk.leaders, "leader")
        if (c.leader.is_ is None) == (c.leader.not_ is None):
            chk.err((*path, "leader"), "a leader condition needs exactly one of 'is' or 'not'")

    def never(self, facts: Facts, c: m.CLeader, path: Path) -> Impossible | None:
        lid = c.leader.is_
        if lid is not None and lid not in facts.leaders:
            hint = did_you_mean(lid, facts.leaders)
            return (f"the leader '{lid}' never comes to power (no 'leader: {{set: {lid}}}' effect, not in "
                    "setup.leaders)", (*path, "leader", "is"), hint)  # fmt: skip
        return None


@condition(m.CControls, "controls")
class Controls(ConditionKind[m.CControls]):
    def holds(self, scn: Scenario, st: GameState, c: m.CControls, ctx: Ctx) -> bool:
        f, r = ctx.faction(c.controls.faction), ctx.region(c.controls.region)
        return f is not None and r is not None and controls(scn, st, f, r)

    def reads(self, c: m.CControls) -> list[Atom]:
        return [("influence",)]

    def describe(self, scn: Scenario, c: m.CControls) -> str:
        return f"{faction_word(scn, c.controls.faction)} controls {region_word(scn, c.controls.region)}"

    def check(self, chk: Checker, c: m.CControls, path: Path, place: Any) -> None:
        chk.faction_ref((*path, "controls", "faction"), c.controls.faction, place)
        chk.region_ref((*path, "controls", "region"), c.controls.region, place)

    def never(self, facts: Facts, c: m.CControls, path: Path) -> Impossible | None:
        return None


@condition(m.CInfluence, "influence")
class InfluenceAt(ConditionKind[m.CInfluence]):
    def holds(self, scn: Scenario, st: GameState, c: m.CInfluence, ctx: Ctx) -> bool:
        f, r = ctx.faction(c.influence.faction), ctx.region(c.influence.region)
        if f is None or r is None or r not in st.influence:
            return False
        return c.influence.test(st.influence[r].get(f, 0))

    def reads(self, c: m.CInfluence) -> list[Atom]:
        return [("influence",)]

    def describe(self, scn: Scenario, c: m.CInfluence) -> str:
        f, r = faction_word(scn, c.influence.faction), region_word(scn, c.influence.region)
        return f"{f}'s influence in {r} {compare_words(c.influence)}"

    def check(self, chk: Checker, c: m.CInfluence, path: Path, place: Any) -> None:
        chk.faction_ref((*path, "influence", "faction"), c.influence.faction, place)
        chk.region_ref((*path, "influence", "region"), c.influence.region, place)

    def never(self, facts: Facts, c: m.CInfluence, path: Path) -> Impossible | None:
        why = range_never(c.influence.at_least, c.influence.at_most, c.influence.equals, 0,
                          facts.s.rules.max_influence)  # fmt: skip
        return (f"influence {why}", (*path, "influence"), None) if why else None


@condition(m.CVp, "vp")
class VpAt(ConditionKind[m.CVp]):
    def holds(self, scn: Scenario, st: GameState, c: m.CVp, ctx: Ctx) -> bool:
        f = ctx.faction(c.vp.faction)
        return f is not None and c.vp.test(st.vp[f])

    def reads(self, c: m.CVp) -> list[Atom]:
        return [("vp",)]

    def describe(self, scn: Scenario, c: m.CVp) -> str:
        return f"{faction_word(scn, c.vp.faction)}'s VP {compare_words(c.vp)}"

    def check(self, chk: Checker, c: m.CVp, path: Path, place: Any) -> None:
        chk.faction_ref((*path, "vp", "faction"), c.vp.faction, place)

    def never(self, facts: Facts, c: m.CVp, path: Path) -> Impossible | None:
        return None  # VP have no upper bound


@condition(m.CEconomy, "economy")
class EconomyAt(ConditionKind[m.CEconomy]):
    def holds(self, scn: Scenario, st: GameState, c: m.CEconomy, ctx: Ctx) -> bool:
        f = ctx.faction(c.economy.faction)
        return f is not None and c.economy.test(st.economy[f])

    def reads(self, c: m.CEconomy) -> list[Atom]:
        return [("economy",)]

    def describe(self, scn: Scenario, c: m.CEconomy) -> str:
        return f"{faction_word(scn, c.economy.faction)}'s economy {compare_words(c.economy)}"

    def check(self, chk: Checker, c: m.CEconomy, path: Path, place: Any) -> None:
        chk.faction_ref((*path, "economy", "faction"), c.economy.faction, place)

    def never(self, facts: Facts, c: m.CEconomy, path: Path) -> Impossible | None:
        e = c.economy
        why = range_never(e.at_least, e.at_most, e.equals, 0, facts.s.rules.economy_max)
        return (f"economy {why}", (*path, "economy"), None) if why else None


@condition(m.CChose, "chose")
class Chose(ConditionKind[m.CChose]):
    def holds(self, scn: Scenario, st: GameState, c: m.CChose, ctx: Ctx) -> bool:
        ev = c.chose.event or ctx.event or (f"card:{ctx.card}" if ctx.card else None)
        f = ctx.faction(c.chose.faction)
        return ev is not None and f is not None and st.choices.get(ev, {}).get(f) == c.chose.option

    def reads(self, c: m.CChose) -> list[Atom]:
        # without 'event': the choice of the event or card being resolved ("")
        return [("chose", c.chose.event or "")]

    def describe(self, scn: Scenario, c: m.CChose) -> str:
        return f"{faction_word(scn, c.chose.faction)} chose “{c.chose.option.replace('_', ' ')}”"

    def check(self, chk: Checker, c: m.CChose, path: Path, place: Any) -> None:
        ev_id = c.chose.event or place.event
        chk.faction_ref((*path, "chose", "faction"), c.chose.faction, place)
        if ev_id is None:
            chk.err((*path, "chose"), "'chose' outside a timeline event must name its 'event'")
            return
        if c.chose.event is not None and not chk.ref((*path, "chose", "event"), ev_id, chk.events, "event"):
            return
        ev = chk.events.get(ev_id)
        if ev is None:
            return
        if ev.choice is None:
            chk.err((*path, "chose", "event"), f"the event '{ev_id}' has no choice")
        else:
            chk.ref((*path, "chose", "option"), c.chose.option, [o.id for o in ev.choice.options], "option")

    def never(self, facts: Facts, c: m.CChose, path: Path) -> Impossible | None:
        return None


@condition(m.CSelfIs, "self_is")
class SelfIs(ConditionKind[m.CSelfIs]):
    def holds(self, scn: Scenario, st: GameState, c: m.CSelfIs, ctx: Ctx) -> bool:
        return ctx.actor is not None and ctx.actor in c.self_is

    def reads(self, c: m.CSelfIs) -> list[Atom]:
        return []  # fixed by who acts

    def describe(self, scn: Scenario, c: m.CSelfIs) -> str:
        return " or ".join(faction_word(scn, f) for f in c.self_is) + " acts"

    def check(self, chk: Checker, c: m.CSelfIs, path: Path, place: Any) -> None:
        for i, f in enumerate(c.self_is):
            chk.ref((*path, "self_is", i), f, chk.factions, "faction")

    def never(self, facts: Facts, c: m.CSelfIs, path: Path) -> Impossible | None:
        return None


@condition(m.CPhasing, "phasing")
class PhasingIs(ConditionKind[m.CPhasing]):
    """Whether the faction acting now (``self``) is the one whose action round it is: it played
    the card (its own event, or pressure, or a faction action), as opposed to an event of its
    card that another faction set off by playing it for operations. Never outside the rounds."""

    def holds(self, scn: Scenario, st: GameState, c: m.CPhasing, ctx: Ctx) -> bool:
        phasing = (
            st.phase == Phase.ACTIONS
            and 0 <= st.seat_index < len(scn.factions)
            and ctx.actor is not None
            and scn.factions[st.seat_index] == ctx.actor
        )
        return phasing == c.phasing

    def reads(self, c: m.CPhasing) -> list[Atom]:
        return [("turn",)]  # whose action round it is

    def describe(self, scn: Scenario, c: m.CPhasing) -> str:
        return "in its own action round" if c.phasing else "outside its own action round"

    def check(self, chk: Checker, c: m.CPhasing, path: Path, place: Any) -> None:
        return None

    def never(self, facts: Facts, c: m.CPhasing, path: Path) -> Impossible | None:
        return None


@condition(m.CTurn, "turn")
class TurnIs(ConditionKind[m.CTurn]):
    def holds(self, scn: Scenario, st: GameState, c: m.CTurn, ctx: Ctx) -> bool:
        return c.turn.test(st.turn + 1)

    def reads(self, c: m.CTurn) -> list[Atom]:
        return [("turn",)]

    def describe(self, scn: Scenario, c: m.CTurn) -> str:
        return f"the turn {compare_words(c.turn)}"

    def check(self, chk: Checker, c: m.CTurn, path: Path, place: Any) -> None:
        return None

    def never(self, facts: Facts, c: m.CTurn, path: Path) -> Impossible | None:
        why = range_never(c.turn.at_least, c.turn.at_most, c.turn.equals, 1, facts.turns)
        return (f"the turn {why}", (*path, "turn"), None) if why else None


# ---------------------------------------------------------------------------- what the game calls


def holds(scn: Scenario, st: GameState, c: m.Condition, ctx: Ctx) -> bool:
    """Whether condition ``c`` holds now. A word (self, target) with no meaning is false."""
    return condition_kind(c).holds(scn, st, c, ctx)


def may_become(scn: Scenario, st: GameState, c: m.Condition, ctx: Ctx, want: bool,
               moves: Callable[[Atom], bool]) -> bool:
    """Whether ``c`` may yet be ``want``, if only the parts of the state for which ``moves`` is
    true may still change (see ``ConditionKind.may_become``)."""
    return condition_kind(c).may_become(scn, st, c, ctx, want, moves)


def condition_reads(c: m.Condition) -> list[Atom]:
    """The parts of the state ``c`` reads, in order (see ``vocabulary.Atom``)."""
    return condition_kind(c).reads(c)


def describe_condition(scn: Scenario, c: m.Condition) -> str:
    """A condition in words."""
    return condition_kind(c).describe(scn, c)


def check_condition(chk: Checker, c: m.Condition, path: Path, place: Any) -> None:
    """The validator's checks of ``c`` (reported through ``chk``)."""
    condition_kind(c).check(chk, c, path, place)


def never_holds(facts: Facts, c: m.Condition, path: Path) -> Impossible | None:
    """Why ``c`` can never hold (reason, path of the culprit, hint), or None."""
    return condition_kind(c).never(facts, c, path)
