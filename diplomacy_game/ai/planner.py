"""Spending operations well, fast: the best plan for the points of one card play.

Placing influence changes only its own region's share of the heuristic (``region_term``),
its cost depends only on that region's control, and the reachable regions are fixed when a
card is played for operations. So the best way to spend ``b`` points on influence is a
small knapsack over regions, solved exactly by dynamic programming. Pressure, faction
actions and boosts are tried first, each followed by the best placements with the points
left; pressure is scored by its expectation over the die, never by the sampled roll.

The planner reads a (sampled) state and returns the first action of its best plan; it calls
the engine's own functions for costs, modifiers and effects, on copies.
"""

from __future__ import annotations

from ..engine import Action, Boost, EndOps, PlaceInfluence, Pressure, UseAction
from ..engine.context import Ctx
from ..engine.control import control_map, control_of
from ..engine.effects import apply_effects
from ..engine.operations import (
    apply_ops_action,
    check_boost,
    check_faction_action,
    ops_pending,
    pressure_modifier,
    pressure_roll,
)
from ..engine.outlook import crisis_warnings
from ..engine.state import GameState
from ..engine.targets import target_options
from ..scenario.compiled import Scenario
from .heuristic import INFLUENCE, OWN_CONTROL, VP_WEIGHT, Evaluator, term

# (points spent so far, value gained so far) after each further influence point in a region
Table = list[tuple[int, float]]
NEG = float("-inf")


def _step(best: list[float], table: Table, budget: int) -> list[float]:
    """One more region in the knapsack: best[b] is the most value from at most b points."""
    new = list(best)
    for b in range(1, budget + 1):
        v = new[b]
        for cost, gain in table:
            if cost > b:
                break
            cand = best[b - cost] + gain
            if cand > v:
                v = cand
        new[b] = v
    return new


def _combine(a: list[float], b: list[float], budget: int) -> list[float]:
    out = [0.0] * (budget + 1)
    for i in range(budget + 1):
        v = NEG
        for j in range(i + 1):
            x = a[j] + b[i - j]
            if x > v:
                v = x
        out[i] = v
    return out


class OpsPlanner:
    """The best first operation for the faction whose operations are pending in a state."""

    def __init__(self, scn: Scenario, ev: Evaluator) -> None:
        self.scn = scn
        self.ev = ev
        self._bg_delta: float | None = None
        # per region pressed, within one ``choose``: see ``_region_for_pressure``
        self._at: dict[str, tuple[int, float, list[float], int, float]] = {}
        self._mod: dict[str, int] = {}  # the pressure modifier per region, within one ``choose``
        self._control: dict[str, str | None] | None = None  # control_map of the state, within one ``choose``
        # ``_gains`` by (region, faction, budget, stability, the region's influence): a pure function
        # of these, asked again and again for the same regions by a search (derived data only)
        self._memo: dict[tuple[object, ...], tuple[float, Table]] = {}

    def gains(self, st: GameState, faction: str, region: str, budget: int) -> Table:
        """Cost and value of placing 1, 2, ... influence in ``region`` (``st`` is left as it was)."""
        return self._gains(st, faction, region, budget)[1]

    def _gains(self, st: GameState, faction: str, region: str, budget: int) -> tuple[float, Table]:
        """The region's term now (``Evaluator.region_term``) and its ``gains`` table.

        The engine's price rule (``influence_cost``: the dearer price where another faction
        controls) and the heuristic's term, with control worked out once per step: the
        control after one placement is what prices the next.
        """
        out: Table = []
        value = self.ev.region_value.get(region)
        if value is None:
            return 0.0, out
        row = st.influence[region]
        stab = st.stability[region]
        key = (region, faction, budget, stab, *row.items())
        got = self._memo.get(key)
        if got is not None:
            return got
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[key] = got = self._gains_of(row, stab, value, faction, budget, out)
        return got

    def _gains_of(
        self, row: dict[str, int], stab: int, value: float, faction: str, budget: int, out: Table
    ) -> tuple[float, Table]:
        orig = mine = row[faction]
        ctl = control_of(row, stab)
        base = term(value, ctl, mine, stab, faction)
        if budget <= 0:
            return base, out
        rules = self.scn.rules
        cap = rules.max_influence
        own, controlled = int(rules.influence_cost), int(rules.influence_cost_controlled)
        spent = 0
        try:
            while mine < cap:
                spent += controlled if ctl is not None and ctl != faction else own
                if spent > budget:
                    break
                mine += 1
                row[faction] = mine
                ctl = control_of(row, stab)
                out.append((spent, term(value, ctl, mine, stab, faction) - base))
        finally:
            row[faction] = orig
        return base, out

    def choose(self, st: GameState, faction: str) -> tuple[Action, float]:
        """The first action of the best plan, and the value the plan adds."""
        value, _kind, action = self.options(st, faction)[0]
        return action, value

    def options(self, st: GameState, faction: str) -> list[tuple[float, int, Action]]:
        """The first actions of the plans worth considering, each with the value its plan adds
        (and a tie-break rank), best first; a pressure that cannot be the best is left out."""
        scn, ev = self.scn, self.ev
        p = ops_pending(st)
        assert p.faction == faction
        rules = scn.rules
        self._bg_delta = None
        self._at = {}
        self._mod = {}
        self._control = None
        points = p.points
        access = p.access
        boosts = 0
        if check_boost(scn, st, faction) is None:
            boosts = min(rules.boost_limit - p.boosts, st.economy[faction])
        budget = points + boosts
        regions = [r for r in access if r in ev.region_value]
        tables = [self.gains(st, faction, r, budget) for r in regions]
        n = len(regions)
        # prefix[i]: regions[:i]; suffix[i]: regions[i:] -- to leave one region out cheaply
        prefix = [[0.0] * (budget + 1)]
        for tab in tables:
            prefix.append(_step(prefix[-1], tab, budget))
        best_all = prefix[n]

        options: list[tuple[float, int, Action]] = [(0.0, 5, EndOps())]
        # influence only
        if best_all[points] > 1e-9:
            first = self._first_placement(regions, tables, points, prefix)
            if first is not None:
                options.append((best_all[points], 0, PlaceInfluence(first)))
        # boosts first, then influence
        w_econ = ev.hints[faction].economy
        for j in range(1, boosts + 1):
            options.append((best_all[points + j] - j * w_econ, 4, Boost()))
        base_global = ev.global_term(st, faction)
        # faction actions, then influence
        for a in scn.actions.values():
            if faction not in a.factions:
                continue
            ctx = Ctx(actor=faction)
            targets: list[str | None] = list(target_options(scn, st, a.target, ctx)) if a.target else [None]
            for tgt in targets:
                if check_faction_action(scn, st, faction, a.id, tgt) is not None:
                    continue
                act = UseAction(a.id, tgt)
                after = st.clone(keep_log=False)
                apply_ops_action(scn, after, faction, act)
                delta = ev.global_term(after, faction) - base_global
                left = max(0, points - a.cost)
                options.append((delta + best_all[left], 2, act))
        # pressure, by its expectation over the die, then influence
        if points >= rules.pressure_cost:
            best = max(o[0] for o in options)
            suffix: list[list[float]] | None = None
            for r in access:
                row = st.influence[r]
                pressed = [o for o in scn.factions if o != faction and row.get(o, 0) > 0]
                if not pressed:
                    continue
                if suffix is None:
                    suffix = [[0.0] * (budget + 1)]
                    for tab in reversed(tables):
                        suffix.append(_step(suffix[-1], tab, budget))
                    suffix.reverse()
                if self._loose_region_bound(st, faction, r, best_all) < best - 1e-9:
                    continue  # no pressure here can be the best plan (a cheaper, looser bound)
                if self._region_bound(st, faction, r, regions, prefix, suffix, budget) < best - 1e-9:
                    continue  # no pressure here can be the best plan
                for other in pressed:
                    press = Pressure(r, other)
                    bound = self._pressure_bound(st, faction, press, regions, prefix, suffix, budget)
                    if bound < best - 1e-9:
                        continue  # it cannot be the best plan: its exact value is not needed
                    value = self._pressure_value(st, faction, press, regions, prefix, suffix, budget)
                    options.append((value, 3, press))
                    best = max(best, value)
        self.adjust(st, faction, options)
        options.sort(key=lambda o: (-o[0], o[1]))
        return options

    def adjust(self, st: GameState, faction: str, options: list[tuple[float, int, Action]]) -> None:
        """A hook to change the options' values before they are ranked (``CarefulPlanner``)."""

    def _battleground_delta(self, st: GameState, faction: str) -> float:
        """What the rules' effects of pressing in a battleground change in the global term."""
        if self._bg_delta is None:  # once per decision: it depends on the state, not the region
            after = st.clone(keep_log=False)
            apply_effects(self.scn, after, self.scn.rules.pressure_battleground, Ctx(actor=faction))
            self._bg_delta = self.ev.global_term(after, faction) - self.ev.global_term(st, faction)
        return self._bg_delta

    def _first_placement(
        self, regions: list[str], tables: list[Table], points: int, layers: list[list[float]]
    ) -> str | None:
        """The region of the best influence-only plan where the most value is added.

        ``layers`` is the knapsack by regions (``prefix`` of ``choose``) for a budget of at
        least ``points``: its entries up to ``points`` are those of a knapsack for ``points``.
        """
        # rebuild the allocation: walk back through the DP by regions
        n = len(regions)
        b = points
        chosen: list[tuple[float, str]] = []
        for i in range(n, 0, -1):
            cur, prev, t = layers[i][b], layers[i - 1], tables[i - 1]
            if abs(cur - prev[b]) <= 1e-12:
                continue
            for cost, gain in t:
                if cost <= b and abs(prev[b - cost] + gain - cur) <= 1e-9:
                    chosen.append((gain, regions[i - 1]))
                    b -= cost
                    break
        if not chosen:
            return None
        chosen.sort(key=lambda x: -x[0])
        return chosen[0][1]

    def _pressure_value(
        self,
        st: GameState,
        faction: str,
        act: Pressure,
        regions: list[str],
        prefix: list[list[float]],
        suffix: list[list[float]],
        budget: int,
    ) -> float:
        """The expected value of pressing ``act.faction`` in ``act.region``, then placing the
        points left as well as possible (``-inf`` when no roll can remove anything).

        What does not depend on the target is worked out once per region and decision: the
        modifier, the region's term, the best plan without the region, and the outcome of a
        roll that removes nothing.
        """
        scn = self.scn
        r, t = act.region, act.faction
        at = self._at.get(r)
        if at is None:
            at = self._at[r] = self._region_for_pressure(st, faction, r, regions, prefix, suffix, budget)
        _, base_r, rest, left, _if_none = at
        modifier = self._modifier_of(st, faction, r)
        roll = pressure_roll(scn, st, faction, r, t, modifier)  # the engine's outcomes of the die, with their odds
        if all(k == 0 for k in roll.removed.face_value):
            return NEG  # no roll can remove anything
        delta_global = self._battleground_delta(st, faction) if scn.map.regions[r].battleground else 0.0
        row = st.influence[r]
        orig = row[t]

        def value(k: int) -> float:  # the plan's value when the roll removes k, on the state itself
            if k == 0:
                return self._if_none(st, faction, r)
            row[t] = orig - k
            here, table = self._gains(st, faction, r, left)  # (0, []) where the region has no value
            return _after_pressure(here - base_r, table, rest, left)

        try:
            return delta_global + roll.removed.expectation(value)
        finally:
            row[t] = orig  # put back

    def _pressure_bound(
        self,
        st: GameState,
        faction: str,
        act: Pressure,
        regions: list[str],
        prefix: list[list[float]],
        suffix: list[list[float]],
        budget: int,
    ) -> float:
        """A value that ``_pressure_value`` never exceeds, cheaply: the most removed by the best
        roll, then in the pressed region the best term each further placement could reach
        (control at once if the influence allows it), and the best plan elsewhere with the
        points that placement leaves."""
        scn = self.scn
        r, t = act.region, act.faction
        if r not in self._at:
            self._at[r] = self._region_for_pressure(st, faction, r, regions, prefix, suffix, budget)
        modifier = self._modifier_of(st, faction, r)
        row = st.influence[r]
        stab = st.stability[r]
        most = max(0, min(int(scn.rules.pressure_die) + modifier - stab, row.get(t, 0)))
        if most == 0:
            return NEG  # no roll can remove anything
        second = max((n - most if o == t else n for o, n in row.items() if o != faction), default=0)
        return self._placement_bound(st, faction, r, second)

    def _region_bound(
        self,
        st: GameState,
        faction: str,
        r: str,
        regions: list[str],
        prefix: list[list[float]],
        suffix: list[list[float]],
        budget: int,
    ) -> float:
        """A value that no pressure in ``r`` exceeds (``_pressure_bound`` of every target, as if
        the roll could leave the others no influence at all), to skip a region at once."""
        if r not in self._at:
            self._at[r] = self._region_for_pressure(st, faction, r, regions, prefix, suffix, budget)
        return self._placement_bound(st, faction, r, 0)

    def _loose_region_bound(self, st: GameState, faction: str, r: str, best_all: list[float]) -> float:
        """At least ``_region_bound``, without the plan that leaves ``r`` out: the best plan with
        every region (``best_all``) is never below it, for any number of points."""
        scn = self.scn
        left = max(0, ops_pending(st).points - scn.rules.pressure_cost)
        delta = self._battleground_delta(st, faction) if scn.map.regions[r].battleground else 0.0
        value = self.ev.region_value.get(r)
        if value is None:
            return delta + best_all[left]
        if self._control is None:
            self._control = control_map(scn, st)
        mine = st.influence[r][faction]
        stab = st.stability[r]
        base_r = term(value, self._control[r], mine, stab, faction)
        rules = scn.rules
        cheapest = min(int(rules.influence_cost), int(rules.influence_cost_controlled))
        bound = NEG
        placed = 0
        while placed * cheapest <= left and mine + placed <= rules.max_influence:
            m = mine + placed
            reach = OWN_CONTROL * value if m >= stab else 0.0
            if m:
                reach += INFLUENCE * value * min(m, stab + 2)
            bound = max(bound, reach - base_r + best_all[left - placed * cheapest])
            placed += 1
        return delta + bound

    def _placement_bound(self, st: GameState, faction: str, r: str, second: int) -> float:
        """The bound of a pressure in ``r`` once the most any other faction may keep there is
        ``second``: in ``r``, the best term each further placement could reach, and the best
        plan elsewhere with the points that placement leaves."""
        scn = self.scn
        _modifier, base_r, rest, left, _if_none = self._at[r]
        delta = self._battleground_delta(st, faction) if scn.map.regions[r].battleground else 0.0
        value = self.ev.region_value.get(r)
        if value is None:
            return delta + rest[left]
        rules = scn.rules
        cheapest = min(int(rules.influence_cost), int(rules.influence_cost_controlled))
        stab = st.stability[r]
        mine = st.influence[r][faction]
        bound = NEG
        placed = 0
        while placed * cheapest <= left and mine + placed <= rules.max_influence:
            m = mine + placed
            reach = OWN_CONTROL * value if m >= stab and m - second >= stab else 0.0
            if m:
                reach += INFLUENCE * value * min(m, stab + 2)
            bound = max(bound, reach - base_r + rest[left - placed * cheapest])
            placed += 1
        return delta + bound

    def _region_for_pressure(
        self,
        st: GameState,
        faction: str,
        r: str,
        regions: list[str],
        prefix: list[list[float]],
        suffix: list[list[float]],
        budget: int,
    ) -> tuple[int, float, list[float], int, float]:
        """For pressure in ``r``: the modifier, the region's term, the best plan without ``r``
        (by points), the points left after pressing, and the plan's value if nothing is removed."""
        scn = self.scn
        if self._control is None:  # once per decision: the state is not changed meanwhile
            self._control = control_map(scn, st)
        modifier = 0  # worked out when first needed: see ``_modifier_of``
        left = max(0, ops_pending(st).points - scn.rules.pressure_cost)
        idx = regions.index(r) if r in regions else -1
        # only the entries up to ``left`` are read (and they are those of the full combination)
        rest = _combine(prefix[idx], suffix[idx + 1], left) if idx >= 0 else prefix[-1]
        value = self.ev.region_value.get(r)
        if value is None:
            base_r = 0.0
        else:
            base_r = term(value, self._control[r], st.influence[r][faction], st.stability[r], faction)
        return modifier, base_r, rest, left, NEG  # the last: see ``_if_none``

    def _modifier_of(self, st: GameState, faction: str, r: str) -> int:
        """The engine's pressure modifier in ``r`` (once per region and decision)."""
        got = self._mod.get(r)
        if got is None:
            got = self._mod[r] = pressure_modifier(self.scn, st, faction, r, self._control)
        return got

    def _if_none(self, st: GameState, faction: str, r: str) -> float:
        """The value of a pressure in ``r`` whose roll removes nothing (the same for every target)."""
        modifier, base_r, rest, left, if_none = self._at[r]
        if if_none == NEG:
            _base, table = self._gains(st, faction, r, left)  # (0, []) where the region has no value
            if_none = _after_pressure(base_r - base_r, table, rest, left)
            self._at[r] = (modifier, base_r, rest, left, if_none)
        return if_none


class CarefulPlanner(OpsPlanner):
    """The planner with a rule-aware crisis check (``hard``): an option that the engine says
    would push a track to its maximum with this faction as the culprit (``crisis_warnings``)
    is worth less by what the crisis costs it in VP (``crisis_cost``: the track's own crisis
    effects applied by the engine to a copy), valued as the heuristic values VP. The plan's
    value already counts the crisis through the heuristic, which also credits the track's
    fall after it; the check counts the VP on its own, so a crisis is set off only when the
    expected gain (over the die, ``pressure_roll``) covers the VP it costs."""

    def adjust(self, st: GameState, faction: str, options: list[tuple[float, int, Action]]) -> None:
        for i, (value, kind, action) in enumerate(options):
            if isinstance(action, (Pressure, UseAction)):
                cost = crisis_cost(self.scn, st, faction, action)
                if cost:
                    options[i] = (value - VP_WEIGHT * cost, kind, action)


def crisis_cost(scn: Scenario, st: GameState, faction: str, action: Action) -> int:
    """The VP ``faction`` loses to the crises that ``action`` would set off with it as the
    culprit (0 when none): the engine's ``crisis_warnings`` for the action, and each track's
    ``on_max`` effects applied to a copy of the state."""
    lost = 0
    for tid in crisis_warnings(scn, st, faction, action):
        after = st.clone(keep_log=False)
        apply_effects(scn, after, scn.tracks[tid].on_max, Ctx(actor=faction))
        lost += max(0, st.vp[faction] - after.vp[faction])
    return lost


def _after_pressure(v: float, table: Table, rest: list[float], left: int) -> float:
    """A pressure's plan: ``v`` gained in the pressed region, then the best of the ``left``
    points in it (``table``) and elsewhere (``rest``)."""
    best = rest[left]
    for cost, gain in table:
        if cost <= left:
            best = max(best, gain + rest[left - cost])
    return v + best
