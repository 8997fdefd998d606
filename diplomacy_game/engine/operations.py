"""Operations: spending a card's operations value on influence, pressure, faction actions.

A card played for operations opens an *operations* decision for its player, who spends the
points one action at a time (``influence``, ``pressure``, ``action``, ``boost``) and ends
with ``done`` (or automatically when nothing more can be bought).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from ..scenario.compiled import Scenario
from ..scenario.models import FactionAction
from .actions import Action, Boost, EndOps, PlaceInfluence, Pressure, UseAction
from .chance import Chance
from .conditions import holds
from .context import Ctx
from .control import access, control_of, home_owner
from .decision import Decision
from .deck import trait_sum
from .effects import apply_effects, change_influence
from .ownership import ops_fires_event_of
from .state import GameState
from .targets import target_options
from .words import plural


@dataclass(frozen=True)
class PendingOps(Decision):
    """A faction spends the operations of ``card``: ``points`` left, reach fixed at the play."""

    kind: ClassVar[str] = "ops"
    faction: str
    card: str
    points: int
    access: tuple[str, ...]  # the regions within reach when the card was played, in map order
    boosts: int = 0

    def seats(self) -> tuple[str, ...]:
        return (self.faction,)

    def legal(self, scn: Scenario, st: GameState, seat: str) -> list[Action]:
        return legal_ops(scn, st, seat)

    def check(self, scn: Scenario, st: GameState, seat: str, action: Action) -> str | None:
        return check_ops_action(scn, st, seat, action)

    def apply(self, scn: Scenario, st: GameState, seat: str, action: Action) -> None:
        apply_ops_action(scn, st, seat, action)

    def explain(self, scn: Scenario, st: GameState, seat: str | None) -> str:
        name = scn.faction(self.faction).name
        return f"{name} spends the operations of '{scn.cards[self.card].title}': {_ops(self.points)} left"

    def held_cards(self) -> tuple[str, ...]:
        return (self.card,)  # out of the discard while its operations run (no reshuffle returns it)

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "faction": self.faction, "card": self.card, "points": self.points,
                "access": list(self.access), "boosts": self.boosts}

    @classmethod
    def from_fields(cls, data: dict[str, Any]) -> PendingOps:
        return cls(str(data["faction"]), str(data["card"]), int(data["points"]), tuple(data["access"]),
                   int(data["boosts"]))


_PLACE: dict[str, PlaceInfluence] = {}  # one immutable action per region, made once


def _place(region: str) -> PlaceInfluence:
    a = _PLACE.get(region)
    if a is None:
        if len(_PLACE) > 4096:  # region ids of many scenarios (a long test run): keep the memo small
            _PLACE.clear()
        a = _PLACE[region] = PlaceInfluence(region)
    return a


_PRESS: dict[tuple[str, str], Pressure] = {}


def _press(region: str, target: str) -> Pressure:
    a = _PRESS.get((region, target))
    if a is None:
        if len(_PRESS) > 16384:
            _PRESS.clear()
        a = _PRESS[region, target] = Pressure(region, target)
    return a


@dataclass(frozen=True)
class _Moves:
    """The immutable operations of one faction in one scenario, made once: a place action per
    region, and per region the (target, pressure) pairs on every other faction, in seat order."""

    place: dict[str, PlaceInfluence]
    press: dict[str, tuple[tuple[str, Pressure], ...]]
    actions: tuple[FactionAction, ...]  # ``_faction_actions`` of the faction


_MOVES: dict[int, tuple[Scenario, dict[str, _Moves]]] = {}


def _moves(scn: Scenario, faction: str) -> _Moves:
    entry = _MOVES.get(id(scn))
    if entry is None or entry[0] is not scn:
        if len(_MOVES) > 16:  # scenarios loaded by a long test run: keep the memo small
            _MOVES.clear()
        entry = _MOVES[id(scn)] = (scn, {})
    got = entry[1].get(faction)
    if got is None:
        others = [t for t in scn.factions if t != faction]
        regions = scn.map.region_ids
        got = entry[1][faction] = _Moves({r: _place(r) for r in regions},
                                         {r: tuple((t, _press(r, t)) for t in others) for r in regions},
                                         _faction_actions(scn, faction))
    return got


_BOOST, _END = Boost(), EndOps()  # immutable: one of each serves every list


_ACTIONS_OF: dict[int, tuple[Scenario, dict[str, tuple[FactionAction, ...]]]] = {}


def _faction_actions(scn: Scenario, faction: str) -> tuple[FactionAction, ...]:
    """The faction actions ``faction`` may use, in the scenario's order (worked out once per scenario)."""
    entry = _ACTIONS_OF.get(id(scn))
    if entry is None or entry[0] is not scn:
        if len(_ACTIONS_OF) > 16:  # scenarios loaded by a long test run: keep the memo small
            _ACTIONS_OF.clear()
        by = {f: tuple(a for a in scn.actions.values() if f in a.factions) for f in scn.factions}
        entry = _ACTIONS_OF[id(scn)] = (scn, by)
    return entry[1].get(faction, ())


def ops_pending(st: GameState) -> PendingOps:
    """The operations being spent (the state must be waiting on them)."""
    p = st.pending
    assert isinstance(p, PendingOps), p
    return p


def card_ops(scn: Scenario, st: GameState, faction: str, card: str) -> int:
    """A card's operations value for ``faction``: printed value plus the leader's trait, minimum 1."""
    return max(1, scn.cards[card].ops + trait_sum(scn, st, faction, "ops"))


def start_ops(scn: Scenario, st: GameState, faction: str, card: str, points: int | None = None) -> None:
    """Open the operations of ``card`` (``points``, when given, is its ``card_ops``, worked out before)."""
    if points is None:
        points = card_ops(scn, st, faction, card)
    st.pending = PendingOps(faction, card, points, tuple(access(scn, st, faction)))


def influence_cost(scn: Scenario, st: GameState, faction: str, region: str) -> int:
    """Placing one influence costs more where another faction has control."""
    row, stab = st.influence[region], st.stability[region]
    # another faction controls the region only with at least its stability more than ``faction``
    if max(row.values(), default=0) - row.get(faction, 0) >= stab:
        ctl = control_of(row, stab)
        if ctl is not None and ctl != faction:
            return int(scn.rules.influence_cost_controlled)
    return int(scn.rules.influence_cost)


def _ops(n: int) -> str:
    return f"{n} operation" + ("" if n == 1 else "s")


def check_influence(scn: Scenario, st: GameState, faction: str, region: str) -> str | None:
    p = ops_pending(st)
    if region not in scn.map.regions:
        return f"there is no region '{region}'"
    if region not in p.access:
        name = scn.map.regions[region].name
        owner = home_owner(scn, region)
        if owner is not None and owner != faction:
            return f"{name} is {scn.faction(owner).name}'s home: no other faction may place influence there"
        return f"{name} is out of reach: place influence only at home, where you have influence, or next to it"
    if st.influence[region].get(faction, 0) >= scn.rules.max_influence:
        name = scn.map.regions[region].name
        return f"you already have the most influence allowed in {name} ({scn.rules.max_influence})"
    cost = influence_cost(scn, st, faction, region)
    if cost > p.points:
        name = scn.map.regions[region].name
        return f"influence in {name} costs {_ops(cost)}; you have {p.points} left"
    return None


def pressure_modifier(
    scn: Scenario, st: GameState, faction: str, region: str, control: Mapping[str, str | None] | None = None
) -> int:
    """The leader's pressure trait, +1 if the presser controls a region next to the target.

    ``control``, when given, is ``control_map`` of this state, worked out before."""
    bonus = trait_sum(scn, st, faction, "pressure")
    if control is not None:
        if any(control[n] == faction for n in scn.map.adjacency[region]):
            bonus += 1
        return bonus
    infl, stab = st.influence, st.stability
    # ``faction`` controls a region only with at least its stability there
    if any(infl[n].get(faction, 0) >= stab[n] and control_of(infl[n], stab[n]) == faction
           for n in scn.map.adjacency[region]):
        bonus += 1
    return bonus


def check_pressure(scn: Scenario, st: GameState, faction: str, region: str, target: str) -> str | None:
    p = ops_pending(st)
    if region not in scn.map.regions:
        return f"there is no region '{region}'"
    if target not in scn.factions:
        return f"there is no faction '{target}'"
    if target == faction:
        return "you cannot press yourself"
    if region not in p.access:
        name = scn.map.regions[region].name
        return f"{name} is out of reach: press only at home, where you have influence, or next to it"
    if st.influence[region].get(target, 0) <= 0:
        return f"{scn.faction(target).name} has no influence in {scn.map.regions[region].name}"
    if p.points < scn.rules.pressure_cost:
        return f"pressure costs {_ops(scn.rules.pressure_cost)}; you have {p.points} left"
    return None


def check_faction_action(scn: Scenario, st: GameState, faction: str, aid: str, target: str | None) -> str | None:
    p = ops_pending(st)
    a = scn.actions.get(aid)
    if a is None or faction not in a.factions:
        return f"'{aid}' is not one of your faction actions"
    if a.cost > p.points:
        return f"{a.name} costs {_ops(a.cost)}; you have {p.points} left"
    used = st.used.get(faction, {}).get(aid, 0)
    if a.per_turn and used >= a.per_turn:
        return f"{a.name} may be used {plural(a.per_turn, 'time')} a turn"
    ctx = Ctx(actor=faction, target=target)
    if a.if_ is not None and not holds(scn, st, a.if_, ctx):
        return f"{a.name} is not possible now (its condition does not hold)"
    options = target_options(scn, st, a.target, ctx)
    if a.target is not None:
        if target is None:
            return f"{a.name} needs a target: one of {', '.join(options) or 'none'}"
        if target not in options:
            return f"'{target}' is not a target for {a.name}"
    elif target is not None:
        return f"{a.name} takes no target"
    return None


def check_boost(scn: Scenario, st: GameState, faction: str) -> str | None:
    p = ops_pending(st)
    if p.boosts >= scn.rules.boost_limit:
        return f"you may boost a card at most {plural(scn.rules.boost_limit, 'time')}"
    if st.economy[faction] < 1:
        return "your economy is at 0"
    return None


def legal_ops(scn: Scenario, st: GameState, faction: str) -> list[Action]:
    """Every legal operation, in a fixed order: influence, pressure, faction actions, boost, done.

    The same rules as the ``check_*`` functions, each worked out once per call: control only
    where the price of influence can decide it, each action's targets once.
    """
    p = ops_pending(st)
    mv = _moves(scn, faction)
    out: list[Action] = _legal_influence(scn, st, faction, p, mv)
    if p.points >= scn.rules.pressure_cost:
        infl, press = st.influence, mv.press
        out += [a for r in p.access for row in (infl[r],) for t, a in press[r] if row.get(t, 0) > 0]
    for a in mv.actions:
        out.extend(_legal_uses(scn, st, faction, a, p))
    if p.boosts < scn.rules.boost_limit and st.economy[faction] >= 1:  # ``check_boost``, without its words
        out.append(_BOOST)
    out.append(_END)
    return out


def _legal_influence(scn: Scenario, st: GameState, faction: str, p: PendingOps, mv: _Moves) -> list[Action]:
    """The fast form of ``check_influence`` (same rule), for every reachable region."""
    rules = scn.rules
    points, cap = p.points, rules.max_influence
    own, controlled = int(rules.influence_cost), int(rules.influence_cost_controlled)
    infl, place = st.influence, mv.place
    if points >= own and points >= controlled:  # affordable whoever controls it
        return [place[r] for r in p.access if infl[r][faction] < cap]
    if points < own and points < controlled:
        return []
    stab = st.stability
    if controlled <= points:  # only the price where nobody else controls is out of reach
        return [place[r] for r in p.access for row in (infl[r],) if row[faction] < cap
                and max(row.values()) - row[faction] >= stab[r] and control_of(row, stab[r]) not in (None, faction)]
    # another faction controls the region only with at least its stability more than ``faction``
    return [place[r] for r in p.access for row in (infl[r],) if row[faction] < cap
            and not (max(row.values()) - row[faction] >= stab[r] and control_of(row, stab[r]) not in (None, faction))]


def _affordable(row: dict[str, int], stab: int, faction: str, cap: int, points: int, own: int, controlled: int) -> bool:
    """Whether ``faction`` may buy one influence in a region (``row``, ``stab``) with ``points``
    that pay exactly one of the two prices."""
    mine = row[faction]
    if mine >= cap:
        return False
    # another faction controls the region only with at least ``stab`` more than ``faction``
    other = max(row.values()) - mine >= stab and control_of(row, stab) not in (None, faction)
    return (controlled if other else own) <= points


def _can_place(scn: Scenario, st: GameState, faction: str, p: PendingOps) -> bool:
    """Whether ``_legal_influence`` has an entry, stopping at the first."""
    rules = scn.rules
    points, cap = p.points, rules.max_influence
    own, controlled = int(rules.influence_cost), int(rules.influence_cost_controlled)
    if points < own and points < controlled:
        return False
    infl = st.influence
    if points >= own and points >= controlled:
        return any(infl[r][faction] < cap for r in p.access)
    stab = st.stability
    return any(_affordable(infl[r], stab[r], faction, cap, points, own, controlled) for r in p.access)


def _legal_uses(scn: Scenario, st: GameState, faction: str, a: FactionAction, p: PendingOps) -> list[UseAction]:
    """The fast form of ``check_faction_action`` for each target of ``a`` (its targets listed once).

    A target's list does not depend on the target chosen, so each listed target passes the
    target test; only the action's condition is asked again for each.
    """
    if a.cost > p.points:
        return []
    if a.per_turn and st.used.get(faction, {}).get(a.id, 0) >= a.per_turn:
        return []
    targets: list[str | None] = list(target_options(scn, st, a.target, Ctx(actor=faction))) if a.target else [None]
    cond = a.if_
    if cond is None:
        return [UseAction(a.id, t) for t in targets]
    return [UseAction(a.id, t) for t in targets if holds(scn, st, cond, Ctx(actor=faction, target=t))]


def check_ops_action(scn: Scenario, st: GameState, faction: str, action: Action) -> str | None:
    if isinstance(action, PlaceInfluence):
        return check_influence(scn, st, faction, action.region)
    if isinstance(action, Pressure):
        return check_pressure(scn, st, faction, action.region, action.faction)
    if isinstance(action, UseAction):
        return check_faction_action(scn, st, faction, action.action, action.target)
    if isinstance(action, Boost):
        return check_boost(scn, st, faction)
    if isinstance(action, EndOps):
        return None
    return "you are spending operations: place influence, press, use a faction action, boost or finish (done)"


def place_cost(scn: Scenario, st: GameState, p: PendingOps, faction: str, region: str) -> int | None:
    """The price of ``influence REGION`` for ``faction`` now, or None if it is not legal: the
    rule of ``check_influence`` asked directly, without the words of a refusal."""
    if region not in p.access or region not in scn.map.regions:
        return None
    if st.influence[region].get(faction, 0) >= scn.rules.max_influence:
        return None
    cost = influence_cost(scn, st, faction, region)
    return None if cost > p.points else cost


def apply_place(scn: Scenario, st: GameState, p: PendingOps, faction: str, region: str, cost: int) -> None:
    """Place one influence at ``cost`` (``place_cost``, just asked), ending the operations if
    nothing more can be done."""
    st.pending = _spent(p, cost)
    change_influence(scn, st, faction, region, 1)
    st.add_log(f"{scn.faction(faction).name} places influence in {scn.map.regions[region].name} "
               f"({plural(cost, 'op')}).", "place", faction=faction, region=region)  # fmt: skip
    if not _can_still_act(scn, st, faction):
        end_ops(scn, st)


def apply_ops_action(scn: Scenario, st: GameState, faction: str, action: Action) -> None:
    p = ops_pending(st)
    name = scn.faction(faction).name
    if isinstance(action, PlaceInfluence):
        apply_place(scn, st, p, faction, action.region, influence_cost(scn, st, faction, action.region))
        return
    if isinstance(action, Pressure):
        st.pending = _spent(p, scn.rules.pressure_cost)
        resolve_pressure(scn, st, faction, action.region, action.faction)
    elif isinstance(action, UseAction):
        a = scn.actions[action.action]
        st.pending = _spent(p, a.cost)
        used = st.used.setdefault(faction, {})
        used[a.id] = used.get(a.id, 0) + 1
        tgt = ""
        if action.target is not None:
            tgt = f" on {_target_name(scn, action.target)}"
        st.add_log(f"{name} uses {a.name}{tgt}.", "faction_action", faction=faction, action=a.id)
        apply_effects(scn, st, a.effects, Ctx(actor=faction, target=action.target))
    elif isinstance(action, Boost):
        st.economy[faction] -= 1
        st.pending = PendingOps(p.faction, p.card, p.points + 1, p.access, p.boosts + 1)
        st.add_log(f"{name} spends 1 economy for an extra operation.", "boost", faction=faction)
    if isinstance(action, EndOps) or not _can_still_act(scn, st, faction):
        end_ops(scn, st)


def _spent(p: PendingOps, cost: int) -> PendingOps:
    """The operations with ``cost`` points spent (``dataclasses.replace``, without its look-ups)."""
    return PendingOps(p.faction, p.card, p.points - cost, p.access, p.boosts)


def _can_still_act(scn: Scenario, st: GameState, faction: str) -> bool:
    """Whether anything but ``done`` is legal (the operations end by themselves otherwise).

    The same answer as ``len(legal_ops(...)) > 1``, from the cheapest test to the dearest,
    stopping at the first legal operation.
    """
    p = ops_pending(st)
    if _can_place(scn, st, faction, p) or check_boost(scn, st, faction) is None:
        return True
    if p.points >= scn.rules.pressure_cost:
        infl = st.influence
        if any(t != faction and infl[r].get(t, 0) > 0 for r in p.access for t in scn.factions):
            return True
    return any(_legal_uses(scn, st, faction, a, p) for a in _faction_actions(scn, faction))


def _target_name(scn: Scenario, target: str) -> str:
    if target in scn.map.regions:
        return str(scn.map.regions[target].name)
    if target in scn.factions:
        return scn.faction(target).name
    return target


@dataclass(frozen=True)
class PressureRoll:
    """Diplomatic pressure before its die is rolled: the die, the modifier, the stability, and
    the chance of each number of the target's influence removed."""

    die: int
    modifier: int
    stability: int
    removed: Chance[int]


def pressure_roll(
    scn: Scenario, st: GameState, faction: str, region: str, target: str, modifier: int | None = None
) -> PressureRoll:
    """The outcomes of pressing ``target`` in ``region``, with their odds (the state is only read).

    One die plus the modifier against the region's stability: each point of the total above
    the stability removes one of the target's influence, never more than it has. ``modifier``,
    when given, is ``pressure_modifier`` for this state, faction and region, worked out before.
    """
    die = int(scn.rules.pressure_die)
    mod = pressure_modifier(scn, st, faction, region) if modifier is None else modifier
    stab = st.stability[region]
    has = st.influence[region].get(target, 0)
    return PressureRoll(die, mod, stab, Chance(die, tuple(max(0, min(face + mod - stab, has))
                                                          for face in range(1, die + 1))))  # fmt: skip


def resolve_pressure(scn: Scenario, st: GameState, faction: str, region: str, target: str) -> int:
    """Diplomatic pressure: the roll of :func:`pressure_roll`, sampled with the state's generator.

    Returns how many of the target's influence were removed.
    """
    roll = pressure_roll(scn, st, faction, region, target)
    die, removed = roll.removed.sample(st)
    mod, stab = roll.modifier, roll.stability
    total = die + mod
    change_influence(scn, st, target, region, -removed)
    rname = scn.map.regions[region].name
    sign = f" {'+' if mod >= 0 else '-'}{abs(mod)}" if mod else ""
    who, whom = scn.faction(faction).name, scn.faction(target).name
    st.add_log(
        f"{who} presses {whom} in {rname}: d{scn.rules.pressure_die} = {die}{sign} "
        f"→ {total} against stability {stab}: {removed} influence removed.",
        "pressure", faction=faction, target=target, region=region, die=die, total=total, removed=removed,
    )  # fmt: skip
    if scn.map.regions[region].battleground and scn.rules.pressure_battleground:
        apply_effects(scn, st, scn.rules.pressure_battleground, Ctx(actor=faction))
    return removed


def end_ops(scn: Scenario, st: GameState) -> None:
    p = ops_pending(st)
    faction, card = p.faction, p.card
    owner = ops_fires_event_of(scn, faction, card)
    st.pending = None
    if owner is not None:
        # the card stays out of the piles until its owner's event is known to happen or not
        st.queue.append({"step": "card_event", "card": card, "faction": owner, "for_ops": True})
    else:
        st.discard.append(card)
    st.queue.append({"step": "end_play"})
