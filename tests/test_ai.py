"""Computer players: they decide from their seat's view only, deterministically, and legally."""

from __future__ import annotations

import pytest

from diplomacy_game.ai import HardAI, decide, make_player
from diplomacy_game.ai.heuristic import Evaluator
from diplomacy_game.ai.planner import OpsPlanner
from diplomacy_game.engine import Game, PendingOps, PendingPlay, Pressure
from diplomacy_game.simulate import RandomPlayer, play_game


def _position(scn, seed: int, steps: int) -> Game:  # type: ignore[no-untyped-def]
    g = Game.new(scn, seed)
    p = RandomPlayer(seed)
    for _ in range(steps):
        seat = g.to_act()[0]
        g.apply(p.pick(g.legal_actions(seat)), seat)
    while g.state.pending is None or not isinstance(g.state.pending, PendingPlay):
        seat = g.to_act()[0]
        g.apply(p.pick(g.legal_actions(seat)), seat)
    return g


def _make(level: str, seed: int):  # type: ignore[no-untyped-def]
    return HardAI(seed, samples=2) if level == "hard" else make_player(level, seed)


@pytest.mark.parametrize("level", ["easy", "normal", "hard"])
def test_decision_does_not_depend_on_other_seats_hidden_cards(short_scenario, level: str) -> None:  # type: ignore[no-untyped-def]
    g = _position(short_scenario, 3, 10)
    seat = g.to_act()[0]
    other = next(f for f in short_scenario.factions if f != seat and g.state.hands[f])
    before = decide(_make(level, 9), g, seat)
    # swap the other seat's hand with cards from the deck, and reshuffle the deck
    h = g.copy()
    hidden = h.state.hands[other]
    swap = min(len(hidden), len(h.state.deck))
    h.state.hands[other][:swap], h.state.deck[:swap] = h.state.deck[:swap], h.state.hands[other][:swap]
    h.state.deck.reverse()
    h.state.rng ^= 0xDEADBEEF
    assert h.state.hands[other] != g.state.hands[other]
    assert h.view(seat) == g.view(seat)
    after = decide(_make(level, 9), h, seat)
    assert after == before


@pytest.mark.parametrize("level", ["easy", "normal"])
def test_same_seed_same_decision(main_scenario, level: str) -> None:  # type: ignore[no-untyped-def]
    g = _position(main_scenario, 5, 30)
    seat = g.to_act()[0]
    assert decide(make_player(level, 4), g, seat) == decide(make_player(level, 4), g, seat)


def test_ai_games_end_properly_with_legal_moves(short_scenario) -> None:  # type: ignore[no-untyped-def]
    g = play_game(short_scenario, 2, {"russia": "easy", "iran": "normal", "west": "easy"})
    out = g.outcome()
    assert out is not None and out.turn <= len(short_scenario.months)
    replay = Game.replay(short_scenario, 2, g.state.moves)
    assert replay.hash() == g.hash()


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown AI level"):
        make_player("godlike", 1)


def test_easy_never_throws_away_vp(main_scenario) -> None:  # type: ignore[no-untyped-def]
    # Across many decisions, an easy seat's own action never costs it VP at once.
    g = Game.new(main_scenario, 12)
    ai = make_player("easy", 12)
    rnd = RandomPlayer(12)
    for _ in range(300):
        if g.is_over():
            break
        seat = g.to_act()[0]
        if seat == "iran":
            vp = g.state.vp["iran"]
            pending = g.state.pending.kind if g.state.pending else None
            g.apply(decide(ai, g, seat), seat)
            if pending == "ops":
                assert g.state.vp["iran"] >= vp
        else:
            g.apply(rnd.pick(g.legal_actions(seat)), seat)


def _ops_position(scn, seed: int):  # type: ignore[no-untyped-def]
    from diplomacy_game.engine import PlayCard

    g = _position(scn, seed, 20)
    seat = g.to_act()[0]
    card = max(g.state.hands[seat], key=lambda c: scn.cards[c].ops)
    g.apply(PlayCard(card, "ops"), seat)
    return g, seat


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_planner_matches_exhaustive_influence_search(main_scenario, seed: int) -> None:  # type: ignore[no-untyped-def]
    # Spending on influence only, the knapsack's best value equals the best of every
    # multiset of placements, each priced by the engine's own cost rule.
    from itertools import combinations_with_replacement

    from diplomacy_game.ai.heuristic import Evaluator
    from diplomacy_game.ai.planner import OpsPlanner, _step
    from diplomacy_game.engine.operations import influence_cost

    scn = main_scenario
    g, seat = _ops_position(scn, seed)
    ev = Evaluator(scn)
    st = g.state
    base = ev(st, seat)
    points = st.pending.points
    regions = [r for r in st.pending.access if r in ev.region_value]
    exhaustive = 0.0
    for k in range(1, points + 1):
        for combo in combinations_with_replacement(regions, k):
            s2 = st.clone(keep_log=False)
            spent = 0
            for r in combo:
                spent += influence_cost(scn, s2, seat, r)
                s2.influence[r][seat] += 1
            if spent <= points and all(s2.influence[r][seat] <= scn.rules.max_influence for r in combo):
                exhaustive = max(exhaustive, ev(s2, seat) - base)
    planner = OpsPlanner(scn, ev)
    dp = [0.0] * (points + 1)
    for r in regions:
        dp = _step(dp, planner.gains(st, seat, r, points), points)
    assert points >= 2
    assert dp[points] == pytest.approx(exhaustive)
    action, gain = planner.choose(st, seat)
    assert action in g.legal_actions(seat)
    assert gain >= dp[points] - 1e-9


class _NoBound(OpsPlanner):
    """The planner valuing every pressure exactly (no upper bound to skip any)."""

    def _pressure_bound(self, *args: object, **kwargs: object) -> float:
        return float("inf")


def test_planner_skips_only_pressures_that_cannot_be_its_best_plan(main_scenario) -> None:  # type: ignore[no-untyped-def]
    """The planner's bound on a pressure's value (issue 15) never changes its choice or the
    value it reports: the same answer as valuing every pressure exactly, in every operations
    decision of random games."""
    ev = Evaluator(main_scenario)
    fast, exact = OpsPlanner(main_scenario, ev), _NoBound(main_scenario, ev)
    pressed = 0
    for seed in range(32):  # random main games are short (a second crisis): many, for some pressures
        g = Game.new(main_scenario, seed)
        p = RandomPlayer(seed)
        while not g.is_over():
            st = g.state
            if isinstance(st.pending, PendingOps):
                seat = st.pending.faction
                a, v = fast.choose(st.clone(keep_log=False), seat)
                b, w = exact.choose(st.clone(keep_log=False), seat)
                assert (a, v) == (b, w)
                pressed += isinstance(b, Pressure)
            seat = g.to_act()[0]
            g.apply(p.pick(g.legal_actions(seat)), seat)
    assert pressed > 0  # some decisions were won by a pressure
