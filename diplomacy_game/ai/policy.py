"""Computer players at three levels. Each decides from its seat's view and legal actions only.

- ``easy``: one step ahead with plenty of noise; never plays an action that costs it VP at
  once; answers events by the scenario's ``ai_weight``s.
- ``normal``: each legal action one step ahead, following its own later decisions of the
  same card play greedily, scored by the scenario-aware heuristic, over a few sampled
  hidden states.
- ``hard``: Monte Carlo search over determinizations: for the best candidates of ``normal``,
  many sampled hidden states, each played out to the end of the turn, within a budget of
  rollouts (and, optionally, seconds).

Every player has its own seeded generator, so a decision is a function of the view, the seed
and (for ``hard``) the rollout budget. Every player, ``random`` included, answers the one
protocol ``Player.choose(scenario, view, legal)``; ``decide`` asks it for a seat of a game.
The players read the rules only through engine functions (legal actions, the options the
engine accepts, ``apply`` on sampled states).
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from typing import Protocol

from ..engine import (
    Action,
    Choose,
    EndOps,
    Game,
    PendingChoice,
    PendingHeadline,
    PendingOps,
    PendingPlay,
    PendingTarget,
    PlayCard,
    UseAction,
)
from ..engine.context import Ctx
from ..engine.effects import apply_effects
from ..engine.outlook import effect_atoms
from ..engine.rng import below, seed_state
from ..engine.scoring import bloc_breakdown
from ..engine.state import GameState
from ..engine.timeline import options_for
from ..engine.view import SeatView
from ..scenario import models as m
from ..scenario.compiled import Scenario
from .determinize import sample_state
from .heuristic import VP_WEIGHT, Evaluator
from .planner import CarefulPlanner, OpsPlanner

LEVELS = ("easy", "normal", "hard")


class Player(Protocol):
    """A computer seat: picks one of ``legal`` knowing only its seat's ``view``."""

    def choose(self, scn: Scenario, view: SeatView, legal: Sequence[Action]) -> Action: ...


class RandomPlayer:
    """Picks uniformly among the legal actions, with its own seeded generator."""

    def __init__(self, seed: int) -> None:
        self.rng = seed_state(seed ^ 0x5EED)

    def choose(self, scn: Scenario, view: SeatView, legal: Sequence[Action]) -> Action:
        return self.pick(legal)

    def pick(self, legal: Sequence[Action]) -> Action:
        """The same pick without a view (for headless random play, where it is not read)."""
        return legal[below(self, len(legal))]


def choice_options(scn: Scenario, st: GameState, pending: PendingChoice, faction: str) -> list[m.Option]:
    """The options of the open choice that the engine would accept from ``faction`` in ``st``."""
    return options_for(scn, st, pending.choice(scn), faction, pending.ctx)


class _Base:
    samples = 2

    def __init__(self, seed: int = 0) -> None:
        self.rng = seed_state(seed ^ 0xA1)
        self._eval: Evaluator | None = None
        self._eval_scn: Scenario | None = None

    def evaluator(self, scn: Scenario) -> Evaluator:
        if self._eval is None or self._eval_scn is not scn:
            self._eval, self._eval_scn = Evaluator(scn), scn
        return self._eval

    def _random(self, n: int) -> int:
        return below(self, n)

    def _weighted_option(self, scn: Scenario, view: SeatView, legal: Sequence[Action]) -> Action:
        assert isinstance(view.pending, PendingChoice) and view.seat is not None
        # ``legal`` holds the options the engine accepts; the scenario gives their weights
        opts = {o.id: o.ai_weight for o in view.pending.choice(scn).options}
        weights = [max(opts.get(a.option, 1.0), 0.0) if isinstance(a, Choose) else 1.0 for a in legal]
        total = sum(weights)
        if total <= 0:
            return legal[self._random(len(legal))]
        x = self._random(1_000_000) / 1_000_000 * total
        for a, w in zip(legal, weights, strict=True):
            x -= w
            if x < 0:
                return a
        return legal[-1]


    def _best_headline(self, scn: Scenario, view: SeatView, legal: Sequence[Action], samples: int,
                       noise: float = 0.0) -> Action:
        """The headline pick (a secret pick by every faction at once): each card of the hand is tried
        on the same sampled hidden states, where the factions still to pick pick a card of the hand
        sampled for them; the picks are revealed and their events fire (this seat's own follow-ups,
        such as a target, by the heuristic). The best mean value wins."""
        seat = view.seat
        assert seat is not None
        ev = self.evaluator(scn)
        worlds: list[tuple[GameState, dict[str, str]]] = []
        for _ in range(samples):
            st = sample_state(scn, view, self)
            p = st.pending
            assert isinstance(p, PendingHeadline)
            others = {f: st.hands[f][self._random(len(st.hands[f]))] for f in p.seats() if f != seat}
            worlds.append((st, others))
        best, best_v = legal[0], float("-inf")
        for a in legal:
            total = 0.0
            for st, others in worlds:
                g = Game(scn, st.clone(keep_log=False))
                g.apply(a, seat)
                for f, card in others.items():
                    if f in g.to_act():
                        g.apply(f"headline {card}", f)
                self._follow_targets(scn, g, seat)
                total += ev(g.state, seat)
            v = total / len(worlds) + (noise * self._random(1000) / 1000 if noise else 0.0)
            if v > best_v:
                best, best_v = a, v
        return best

    def _follow_targets(self, scn: Scenario, g: Game, seat: str, limit: int = 8) -> None:
        """This seat's targets and choices of the events that fired, each by the heuristic, one step."""
        ev = self.evaluator(scn)
        for _ in range(limit):
            if g.is_over() or g.to_act() != (seat,) or not isinstance(g.state.pending, PendingTarget | PendingChoice):
                return
            best, best_v = None, float("-inf")
            for t in g.legal_actions(seat):
                h = Game(scn, g.state.clone(keep_log=False))
                h.apply(t, seat)
                v = ev(h.state, seat)
                if v > best_v:
                    best, best_v = t, v
            assert best is not None
            g.apply(best, seat)


class EasyAI(_Base):
    """Shallow and noisy, but legal and not suicidal."""

    noise = 6.0

    def choose(self, scn: Scenario, view: SeatView, legal: Sequence[Action]) -> Action:
        if len(legal) == 1:
            return legal[0]
        if isinstance(view.pending, PendingChoice):
            return self._weighted_option(scn, view, legal)
        if isinstance(view.pending, PendingHeadline):
            return self._best_headline(scn, view, legal, 1, self.noise)
        seat = view.seat
        assert seat is not None
        ev = self.evaluator(scn)
        st = sample_state(scn, view, self)
        base_vp = st.vp[seat]
        best, best_v = legal[0], float("-inf")
        for a in legal:
            g = Game(scn, st.clone(keep_log=False))
            g.apply(a, seat)
            if g.state.vp[seat] < base_vp:  # never walk into a loss of VP
                v = -1e6
            else:
                v = ev(g.state, seat) + self.noise * self._random(1000) / 1000
            if isinstance(a, EndOps):
                v -= 1.0  # spend what it has
            if v > best_v:
                best, best_v = a, v
        return best


class NormalAI(_Base):
    """One step ahead (with its own follow-up decisions), scenario-aware heuristic.

    Every candidate is tried on the same sampled hidden state (common random numbers), and
    operations are spent by the planner (``planner.py``): the best plan for the points, not
    one greedy step at a time. The plan for a number of points is made once per decision
    and replayed for every card of that value.
    """

    samples = 1
    headline_samples = 4  # sampled hidden states for a headline pick (the others' picks are unknown)

    def __init__(self, seed: int = 0) -> None:
        super().__init__(seed)
        self._planner: OpsPlanner | None = None

    def planner(self, scn: Scenario) -> OpsPlanner:
        ev = self.evaluator(scn)
        if self._planner is None or self._planner.ev is not ev:
            self._planner = OpsPlanner(scn, ev)
        return self._planner

    def choose(self, scn: Scenario, view: SeatView, legal: Sequence[Action]) -> Action:
        if len(legal) == 1:
            return legal[0]
        pending = view.pending
        if isinstance(pending, PendingChoice) and pending.secret:
            return self._best_secret(scn, view, legal)
        if isinstance(pending, PendingHeadline):
            return self._best_headline(scn, view, legal, self.headline_samples)
        if isinstance(pending, PendingOps):
            assert view.seat is not None
            st = sample_state(scn, view, self)
            action, _gain = self.planner(scn).choose(st, view.seat)
            return action if action in legal else legal[-1]
        return self.ranked(scn, view, legal, self.samples)[0][1]

    def ranked(
        self, scn: Scenario, view: SeatView, legal: Sequence[Action], samples: int
    ) -> list[tuple[float, Action]]:
        """Every legal action with its value, best first (ties: the engine's order)."""
        seat = view.seat
        assert seat is not None
        ev = self.evaluator(scn)
        totals = [0.0] * len(legal)
        for _ in range(samples):
            st = sample_state(scn, view, self)
            plans: dict[int, list[Action]] = {}
            for i, a in enumerate(legal):
                totals[i] += ev(self.after_state(scn, st, seat, a, plans), seat)
        scored = sorted(((t / samples, i, a) for i, (t, a) in enumerate(zip(totals, legal, strict=True))),
                        key=lambda x: (-x[0], x[1]))  # fmt: skip
        return [(v, a) for v, _i, a in scored]

    def after_state(
        self, scn: Scenario, st: GameState, seat: str, action: Action, plans: dict[int, list[Action]] | None = None
    ) -> GameState:
        """Apply ``action`` on a copy of ``st``, then this seat's own follow-ups of the same play."""
        g = Game(scn, st.clone(keep_log=False))
        g.apply(action, seat)
        record: list[Action] | None = None
        p = g.state.pending
        if plans is not None and isinstance(action, PlayCard) and action.mode == "ops" and isinstance(p, PendingOps):
            key = p.points
            seq = plans.get(key)
            if seq is None:
                record = plans[key] = []
            else:
                for a in seq:
                    if not self._own(g, seat, (PendingOps,)):
                        break
                    if g.why_illegal(a, seat) is not None:
                        break
                    g.apply(a, seat)
        self._follow(scn, g, seat, record)
        return g.state

    @staticmethod
    def _own(g: Game, seat: str, kinds: tuple[type, ...]) -> bool:
        return isinstance(g.state.pending, kinds) and not g.is_over() and g.to_act() == (seat,)

    def _follow(self, scn: Scenario, g: Game, seat: str, record: list[Action] | None, limit: int = 16) -> None:
        ev = self.evaluator(scn)
        for _ in range(limit):
            if not self._own(g, seat, (PendingOps, PendingTarget)):
                return
            if isinstance(g.state.pending, PendingOps):
                a, _gain = self.planner(scn).choose(g.state, seat)
                if record is not None:
                    record.append(a)
            else:
                best_v = float("-inf")
                a = EndOps()
                for t in g.legal_actions(seat):
                    h = Game(scn, g.state.clone(keep_log=False))
                    h.apply(t, seat)
                    v = ev(h.state, seat)
                    if v > best_v:
                        a, best_v = t, v
            g.apply(a, seat)

    def _best_secret(self, scn: Scenario, view: SeatView, legal: Sequence[Action]) -> Action:
        # The others' picks are unknown: sample them by their ai_weight and average.
        seat = view.seat
        assert seat is not None
        ev = self.evaluator(scn)
        best, best_v = legal[0], float("-inf")
        for a in legal:
            total = 0.0
            n = 6
            for _ in range(n):
                st = sample_state(scn, view, self)
                g = Game(scn, st)
                g.apply(a, seat)
                while isinstance(g.state.pending, PendingChoice) and g.to_act():
                    other = g.to_act()[0]
                    ov = g.view(other)
                    g.apply(self._weighted_option(scn, ov, g.legal_actions(other)), other)
                total += ev(g.state, seat)
            if total / n > best_v:
                best, best_v = a, total / n
        return best


HARD_BUDGET = 480  # decisions played out per decision of ``hard`` (its default budget)
RACE = 20.0  # the weight of the race in ``hard``'s outlook (a game won or lost, this month: 20 x 0.7)
OPS_MARGIN = VP_WEIGHT  # what another first operation must gain over the planner's plan (one VP)


class _OwnNormal(NormalAI):
    """``hard``'s own follow-ups: ``normal`` with the crisis check in its planner."""

    def planner(self, scn: Scenario) -> OpsPlanner:
        ev = self.evaluator(scn)
        if self._planner is None or self._planner.ev is not ev:
            self._planner = CarefulPlanner(scn, ev)
        return self._planner


class HardAI(_Base):
    """Search over determinizations, for card plays and for the first operation of a play.

    Card plays (and targets, open choices): ``normal``'s best ``candidates``. Operations: at
    the first decision of a play, the first actions of the planner's best plan and of its best
    plan of each other kind (influence, a pressure, each faction action), so a step on a track
    that the planner's one-step value misses (a treaty one step away) is weighed by what
    follows. Each candidate is tried on sampled hidden states (the same samples for every
    candidate), its own operations completed by the planner, and the other seats answer it,
    playing as ``normal`` would with the hands sampled for them, until this seat's next card
    play (through upkeep and the next month's events if the turn ends first; late in a scoring
    month, or in the month before events that may set or clear a flag the factions' hints
    value, on to the end of the turn). The candidate with the best mean value at that point is
    played; the value is this seat's heuristic, plus the VP still to come as things stand
    (``_outlook``: the final count, the upkeeps' pay and the scorings ahead, and the race: who
    leads where the game would end as things stand, at a faction's reaching the threshold or at
    the final count), less half the best other seat's heuristic (``relative``). For operations,
    the value is this seat's own (with its outlook, which sees what a treaty signed or stopped
    pays at the end), and the planner's best plan stands unless another first operation beats
    it by ``OPS_MARGIN`` (a VP's worth): a smaller edge comes from the others' modelled answers
    to a different board (a region left open draws a seat away from a pressure elsewhere), not
    from what the operation does, and a Back Channel that changes no pay and no treaty is not
    worth three points of influence.
    Sampling is by halves: after half the samples, only the better half of the candidates goes
    on. A candidate whose playouts show a crisis of this seat's making must beat the best
    candidate without one by the VP the crisis costs (the crisis check, see ``CarefulPlanner``).

    The budget is in decisions played out (``budget``), checked between samples, so a decision
    is a function of the view and the seed; ``max_seconds`` optionally caps it by the clock
    (which breaks that).
    """

    def __init__(
        self,
        seed: int = 0,
        samples: int = 8,
        candidates: int = 6,
        max_seconds: float | None = None,
        horizon: int = 80,
        relative: bool = True,
        budget: int = HARD_BUDGET,
        ops_search: bool = True,
        outlook: float = 1.0,
        race: float = RACE,
        late_rounds: int = 2,
    ) -> None:
        super().__init__(seed)
        self.samples = samples
        self.candidates = candidates
        self.max_seconds = max_seconds
        self.horizon = horizon  # at most this many decisions in one playout
        self.relative = relative  # score a playout's end against the best-placed other seat
        self.budget = budget
        self.ops_search = ops_search
        self.outlook = outlook  # the weight of the VP still to come as things stand (``_outlook``)
        self.race = race  # the weight of who leads where the game would end (``_outlook``)
        self.late_rounds = late_rounds  # the last rounds of a month whose playouts run to its end
        self._normal = _OwnNormal(seed ^ 0x77)
        self._others: dict[str, NormalAI] = {}
        self._nodes = 0  # decisions played out in this decision
        self._searched: tuple[object, ...] | None = None  # the play whose operations were searched
        self._flag_months: tuple[bool, ...] | None = None
        self._flag_scn: Scenario | None = None

    def choose(self, scn: Scenario, view: SeatView, legal: Sequence[Action]) -> Action:
        if len(legal) == 1:
            return legal[0]
        pending = view.pending
        if isinstance(pending, PendingChoice) and pending.secret:
            return self._normal._best_secret(scn, view, legal)
        if isinstance(pending, PendingHeadline):
            return self._normal._best_headline(scn, view, legal, 8)
        seat = view.seat
        assert seat is not None
        if isinstance(pending, PendingOps):
            play = (view.turn, view.round, pending.card)
            if not self.ops_search or play == self._searched:
                return self._normal.choose(scn, view, legal)
            self._searched = play
            st = sample_state(scn, view, self)
            cands = self._ops_candidates(scn, st, seat, legal)
            if len(cands) == 1:
                return cands[0]
            return self._search(scn, view, seat, cands, st, ops=True)
        ranked = self._normal.ranked(scn, view, legal, 1)
        cands = [a for _v, a in ranked[: self.candidates]]
        if len(cands) == 1:
            return cands[0]
        return self._search(scn, view, seat, cands, None, ops=False)

    def _ops_candidates(self, scn: Scenario, st: GameState, seat: str, legal: Sequence[Action]) -> list[Action]:
        """The first actions of the planner's best plan and of the best plan of each other kind."""
        options = self._normal.planner(scn).options(st, seat)
        out: list[Action] = []
        kinds: set[object] = set()
        for _value, _rank, a in options:
            kind: object = a.action if isinstance(a, UseAction) else type(a)
            if a in out or kind in kinds or a not in legal or (isinstance(a, EndOps) and out):
                continue
            kinds.add(kind)
            out.append(a)
            if len(out) >= self.candidates:
                break
        return out or [legal[-1]]

    def _search(
        self, scn: Scenario, view: SeatView, seat: str, cands: list[Action], first: GameState | None, ops: bool
    ) -> Action:
        ev = self.evaluator(scn)
        deadline = time.perf_counter() + self.max_seconds if self.max_seconds else None
        self._nodes = 0
        totals = [0.0] * len(cands)
        counts = [0] * len(cands)
        crisis = [0] * len(cands)  # VP lost to crises of this seat's making, summed over samples
        alive = list(range(len(cands)))
        half = max(1, self.samples // 2)
        for done in range(self.samples):
            if done and (self._nodes >= self.budget or (deadline is not None and time.perf_counter() > deadline)):
                break
            if done == half and len(alive) > 2:  # the better half goes on (and the planner's plan)
                alive.sort(key=lambda j: (-totals[j] / counts[j], j))
                alive = sorted({*alive[: (len(alive) + 1) // 2], *([0] if ops else [])})
            st = first if done == 0 and first is not None else sample_state(scn, view, self)
            seed = below(self, 1 << 62)
            plans: dict[int, list[Action]] | None = None if ops else {}
            for k in alive:
                after = self._normal.after_state(scn, st, seat, cands[k], plans)
                crisis[k] += _crisis_vp(scn, after, seat)
                end = self._answer(scn, after, seat, seed)
                value = ev(end, seat)
                if self.outlook and end.outcome is None:
                    value += self.outlook * _outlook(scn, end, seat, self.race)
                if self.relative and end.outcome is None and not ops:
                    value -= 0.5 * max(ev(end, f) for f in scn.factions if f != seat)
                totals[k] += value
                counts[k] += 1
        mean = {j: totals[j] / counts[j] for j in alive}
        # the crisis check: a candidate that sets off a crisis of this seat's making must beat the
        # best one without by the VP the crisis costs (as the heuristic values VP)
        calm = [j for j in alive if crisis[j] == 0]
        best_calm = max((mean[j] for j in calm), default=None)
        score = {j: mean[j] - (VP_WEIGHT * crisis[j] / counts[j] if best_calm is not None else 0.0) for j in alive}
        best = max(alive, key=lambda j: (score[j], -j))
        if ops and score[best] < score[0] + OPS_MARGIN:
            # the planner's plan stands unless another first operation is worth a VP more by
            # this seat's own value: a smaller edge comes from how the others' modelled answers
            # differ on a different board, not from what the operation itself does
            return cands[0]
        return cands[best]

    def _flag_month(self, scn: Scenario, month: int) -> bool:
        """Whether the timeline of month ``month`` may set or clear a flag that some faction's
        hints value (the engine's ``effect_atoms`` of its events)."""
        if self._flag_months is None or self._flag_scn is not scn:
            hinted = {f for h in self.evaluator(scn).hints.values() for f in h.flags}
            out = []
            for mo in scn.months:
                atoms: set[object] = set()
                for e in scn.events:
                    if e.date[:7] == mo:
                        atoms |= effect_atoms(e.effects)
                        if e.choice is not None:
                            for o in e.choice.options:
                                atoms |= effect_atoms(o.effects)
                        atoms |= effect_atoms(e.then)
                out.append(any(a[0] == "flag" and a[1] in hinted for a in atoms if isinstance(a, tuple)))
            self._flag_months, self._flag_scn = tuple(out), scn
        return 0 <= month < len(self._flag_months) and self._flag_months[month]

    def _answer(self, scn: Scenario, st: GameState, seat: str, seed: int) -> GameState:
        """Play on from ``st`` (in place) until ``seat`` must play its next card."""
        g = Game(scn, st)
        for i, f in enumerate(scn.factions):
            p = self._others.get(f)
            if p is None:
                p = self._others[f] = NormalAI(0)
            p.rng = seed_state(seed + i)  # every candidate meets the same answers' randomness
        start = g.state.turn
        # the last rounds (``late_rounds``) of a scoring month, or of the month before a flag may be
        # set: play on through the end of the turn
        late = g.state.round >= scn.rules.action_rounds - self.late_rounds
        to_end = late and (scn.months[start] in scn.model.scoring.months or self._flag_month(scn, start + 1))
        for _ in range(self.horizon):
            acting = g.to_act()
            if not acting:
                break
            f = acting[0]
            if f == seat and isinstance(g.state.pending, PendingPlay) and (not to_end or g.state.turn > start):
                break
            g.apply(decide(self._others[f], g, f), f)
            self._nodes += 1
        return g.state


NEAR, FADE = 0.7, 0.6  # the outlook's weight of this month's upkeep, and its fall per month after


def _outlook(scn: Scenario, st: GameState, seat: str, race: float = 0.0) -> float:
    """The VP still to come as things stand, valued as the heuristic values VP (its own at
    ``VP_WEIGHT``, the best other's at half that):

    - the final count's effects applied now (what a signed treaty, or none, pays at the end is
      as good as settled once it is signed);
    - each upkeep still to come: what the upkeep's effects would pay now (a track's pay, a
      region's pay), and on the scoring months the blocs as they would score now, weighed down
      month by month (``NEAR``, then ``FADE`` per month: influence and tracks still move).

    With ``race`` (the race term), the VP are also followed month by month as things stand,
    unweighed, to where the game would end: the first upkeep after which a faction holds the
    threshold (then the final count and the months after it are not to come, in the sums above
    too), or the final count. There, the margin over the best other seat, through ``tanh`` (a
    lead of a few VP is nearly a win), times ``race`` and that month's weight, is added: a rival
    about to reach the threshold first is a lost game, not a few VP.
    """
    final = _vp_of(scn, st, scn.model.victory.final)
    pay = _vp_of(scn, st, scn.model.upkeep)
    scored = dict.fromkeys(scn.factions, 0)
    for bloc in scn.model.scoring.blocs:
        for row in bloc_breakdown(scn, st, bloc).factions:
            scored[row.faction] += row.vp
    gain: dict[str, float] = {f: float(v) for f, v in final.items()}
    proj: dict[str, float] = {f: float(st.vp[f]) for f in scn.factions}
    threshold = scn.model.victory.threshold
    weight = NEAR
    race_term = 0.0
    n = len(scn.months)
    for i in range(st.turn, n):
        scoring = scn.months[i] in scn.model.scoring.months
        for f in scn.factions:
            step = pay[f] + (scored[f] if scoring else 0)
            gain[f] += weight * step
            proj[f] += step
        last = i + 1 >= n
        if last:
            for f in scn.factions:
                proj[f] += final[f]
        if race and (last or (threshold is not None and max(proj.values()) >= threshold)):
            if not last:  # the game ends here: the final count is not to come
                for f in scn.factions:
                    gain[f] -= final[f]
            margin = proj[seat] - max(proj[f] for f in scn.factions if f != seat)
            race_term = race * weight * math.tanh(margin / 3.0)
            break
        weight *= FADE
    others = [f for f in scn.factions if f != seat]
    best_other = max(st.vp[f] + gain[f] for f in others)
    return VP_WEIGHT * gain[seat] - 0.5 * VP_WEIGHT * (best_other - max(st.vp[f] for f in others)) + race_term


def _vp_of(scn: Scenario, st: GameState, effects: Sequence[m.Effect]) -> dict[str, int]:
    """The VP each faction would gain if ``effects`` were applied now (on a copy of ``st``)."""
    if not effects:
        return dict.fromkeys(scn.factions, 0)
    probe = st.clone(keep_log=False)
    apply_effects(scn, probe, effects, Ctx())
    return {f: probe.vp[f] - st.vp[f] for f in scn.factions}


def _crisis_vp(scn: Scenario, st: GameState, seat: str) -> int:
    """The VP that the crises of ``seat``'s making in the log of a sampled state (whose log
    starts where it was copied) cost it: the VP it lost in each crisis's own effects, read from
    the log between the crisis and the end of its effects. (Applying the track's crisis effects
    again to the state after it would read a state the crisis has changed: under the main
    scenario's rules, the first crisis sets the alert that makes a second one end the game.)"""
    lost = 0
    log = st.log
    for i, e in enumerate(log):
        if e.kind != "crisis" or e.data.get("by") != seat:
            continue
        for f in log[i + 1 :]:
            if f.kind == "vp":
                if f.data.get("faction") == seat:
                    lost += max(0, -int(f.data.get("delta", 0)))
            elif f.kind == "track" and f.data.get("track") != e.data.get("track"):
                continue  # another track moved by the crisis's effects
            elif f.kind not in _CRISIS_EFFECT_LOGS:
                break  # the track reset, another crisis, the next action: its effects are over
    return lost


_CRISIS_EFFECT_LOGS = {"story", "flag", "leader", "economy", "influence", "stability"}


def make_player(level: str, seed: int = 0) -> Player:
    """A computer player: 'random', 'easy', 'normal' or 'hard'."""
    if level == "easy":
        return EasyAI(seed)
    if level == "normal":
        return NormalAI(seed)
    if level == "hard":
        return HardAI(seed)
    if level == "random":
        return RandomPlayer(seed)
    raise ValueError(f"unknown AI level '{level}' (expected one of: random, {', '.join(LEVELS)})")


def decide(player: Player, game: Game, seat: str) -> Action:
    """Ask ``player`` for ``seat``'s action: it sees that seat's view and legal actions only."""
    return player.choose(game.scenario, game.view(seat), game.legal_actions(seat))
