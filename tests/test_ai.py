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
    """The planner valuing every pressure exactly (no upper bound to skip any) and working out
    every gains table afresh (no memo)."""

    def _pressure_bound(self, *args: object, **kwargs: object) -> float:
        return float("inf")

    def _region_bound(self, *args: object, **kwargs: object) -> float:
        return float("inf")

    def _loose_region_bound(self, *args: object, **kwargs: object) -> float:
        return float("inf")

    def _gains(self, st, faction, region, budget):  # type: ignore[no-untyped-def]
        self._memo.clear()
        return super()._gains(st, faction, region, budget)


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


def _december_last_round(scn, partnership: int) -> Game:  # type: ignore[no-untyped-def]
    """The last round of December (the month before the signing in Moscow, which signs the
    treaty if Partnership is 6 or more after December's upkeep takes 1 off a Partnership of 5 or
    more), the West to spend a 3-operation card, Pezeshkian leading Iran (Back Channel allowed),
    everyone at 30 VP."""
    from diplomacy_game.engine import PlayCard

    g = Game.new(scn, 1)
    players = {f: make_player("normal", 31 + i) for i, f in enumerate(scn.factions)}
    while not (g.state.turn == 7 and g.state.round == 3 and g.to_act() == ("west",)
               and isinstance(g.state.pending, PendingPlay)):  # fmt: skip
        assert not g.is_over()
        seat = g.to_act()[0]
        g.apply(decide(players[seat], g, seat), seat)
    st = g.state
    assert scn.months[st.turn + 1] == "2025-01" and "treaty_moscow" in [e.id for e in scn.events]
    st.leaders["iran"] = "pezeshkian"
    st.tracks["partnership"] = partnership
    st.flags = [f for f in st.flags if f != "treaty_signed"]
    st.vp = {f: 30 for f in scn.factions}
    card = "kyiv_aid_bill"  # the West's own 3-operation card: no event fires when it is spent
    for pile in (*st.hands.values(), st.deck, st.discard):
        if card in pile:
            pile.remove(card)
    st.hands["west"].insert(0, card)
    g.apply(PlayCard(card, "ops"), "west")
    return g


def _ops_of_play(g: Game, player, seat: str) -> list[str]:  # type: ignore[no-untyped-def]
    done = []
    while isinstance(g.state.pending, PendingOps) and g.to_act() == (seat,):
        a = decide(player, g, seat)
        done.append(str(a))
        g.apply(a, seat)
    return done


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_hard_uses_back_channel_when_the_treaty_is_one_step_away(main_scenario, seed: int) -> None:  # type: ignore[no-untyped-def]
    # Partnership 7 now: 6 after the upkeep, so Moscow signs in January unless the West takes
    # one off now with Back Channel. Hard sees the signing in its playouts (the month before a
    # flag may be set is played through the next month's events) and what it costs at the final
    # count (its outlook: no treaty pays the West 4 VP); normal's one step does not.
    assert "action back_channel" in _ops_of_play(_december_last_round(main_scenario, 7), HardAI(seed), "west")


def test_hard_outlook_counts_the_final_count_as_things_stand(main_scenario) -> None:  # type: ignore[no-untyped-def]
    """The VP still to come in hard's value: the final count's effects as things stand. In the
    main scenario a signed treaty pays Russia and Iran 2 each at the end, and none pays the West 4;
    so signing it costs the West its 4 VP and gives the best other seat 2 more (valued at half)."""
    from diplomacy_game.ai.heuristic import VP_WEIGHT
    from diplomacy_game.ai.policy import _outlook

    st = Game.new(main_scenario, 1).state
    st.vp = {f: 10 for f in main_scenario.factions}
    for row in st.influence.values():  # nobody controls a region: the next scoring pays nobody
        for f in row:
            row[f] = 0
    signed = st.clone()
    signed.flags = [*signed.flags, "treaty_signed"]
    assert "treaty_signed" not in st.flags
    drop = _outlook(main_scenario, st, "west") - _outlook(main_scenario, signed, "west")
    assert drop == pytest.approx(VP_WEIGHT * 4 + 0.5 * VP_WEIGHT * 2)
    gain = _outlook(main_scenario, signed, "russia") - _outlook(main_scenario, st, "russia")
    # unsigned, the West is the best rival with its 4 to come; signed, Russia gains 2 and Iran, now
    # the best rival, 2 as well
    assert gain == pytest.approx(VP_WEIGHT * 2 - 0.5 * VP_WEIGHT * 2 + 0.5 * VP_WEIGHT * 4)


def test_hard_outlook_counts_each_upkeep_s_pay_and_each_scoring_ahead(main_scenario) -> None:  # type: ignore[no-untyped-def]
    """Iran taking Iraq, with nobody else holding anything: its outlook gains the region's pay at
    every upkeep still to come (the scenario's "axis" pay) and what the Middle East would score
    for it at each scoring month ahead (the engine's bloc scoring), each weighed down by the
    months until it."""
    from diplomacy_game.ai.heuristic import VP_WEIGHT
    from diplomacy_game.ai.policy import FADE, NEAR, _outlook
    from diplomacy_game.engine.scoring import bloc_breakdown

    st = Game.new(main_scenario, 1).state
    for row in st.influence.values():
        for f in row:
            row[f] = 0
    held = st.clone()
    held.influence["iraq"]["iran"] = 9
    bloc = main_scenario.map.regions["iraq"].bloc
    scored = next(r.vp for r in bloc_breakdown(main_scenario, held, bloc).factions if r.faction == "iran")
    assert scored > 0
    expected = 0.0
    for k, month in enumerate(main_scenario.months[st.turn:]):
        weight = NEAR * FADE**k
        expected += weight * (1 + (scored if month in main_scenario.model.scoring.months else 0))
    assert _outlook(main_scenario, held, "iran") - _outlook(main_scenario, st, "iran") == pytest.approx(
        VP_WEIGHT * expected)


def test_hard_outlook_race_ends_where_a_rival_would_reach_the_threshold(main_scenario) -> None:  # type: ignore[no-untyped-def]
    """With the race on, the outlook follows the VP month by month as things stand and stops where
    the game would end: a rival that the next upkeep takes to the threshold ends it there, so the
    West's 4 VP of the final count (no treaty) are not to come, and the seat projected behind at
    that end loses the race's weight; without the race, the same state counts the final count."""
    from diplomacy_game.ai.heuristic import VP_WEIGHT
    from diplomacy_game.ai.policy import NEAR, _outlook

    st = Game.new(main_scenario, 1).state
    for row in st.influence.values():  # nobody holds a region: no pay, no bloc scores
        for f in row:
            row[f] = 0
    st.tracks["partnership"] = 4  # the upkeep pays Russia and Iran 1 each
    assert main_scenario.model.victory.threshold == 45
    near = st.clone()
    near.vp = {"russia": 44, "iran": 30, "west": 40}  # Russia reaches 45 at this month's upkeep
    far = st.clone()
    far.vp = {"russia": 30, "iran": 30, "west": 40}
    race = 20.0
    plain_near = _outlook(main_scenario, near, "west")
    raced_near = _outlook(main_scenario, near, "west", race)
    # Russia 45 against the West's 40 when the game ends: nearly the race's whole weight for this
    # month is lost, and the West's final count (no treaty: 4 VP) is not to come
    plain_minus_final = plain_near - VP_WEIGHT * 4
    # (tanh(-5/3) of the race's weight this month, less the little that Russia's pay after it
    # would have cost the West)
    assert raced_near < plain_minus_final - 0.8 * race * NEAR
    # and for Russia, the same end is a race won
    assert _outlook(main_scenario, near, "russia", race) > _outlook(main_scenario, near, "russia") + 0.8 * race * NEAR
    # far from the threshold, the race runs to the final count, where the West leads
    assert _outlook(main_scenario, far, "west", race) > _outlook(main_scenario, far, "west")


def test_hard_spends_no_points_on_back_channel_where_it_changes_nothing(main_scenario) -> None:  # type: ignore[no-untyped-def]
    assert "action back_channel" not in _ops_of_play(_december_last_round(main_scenario, 7), make_player("normal", 1),
                                                     "west")  # fmt: skip
    # below 7 the treaty is out of reach anyway, and at 2, 3, 5 and 6 the step changes no pay
    # either (paid at 4 and 7; 5 falls to 4 in the upkeep anyway): no points spent on it
    for partnership in (2, 3, 5, 6):
        done = _ops_of_play(_december_last_round(main_scenario, partnership), HardAI(1), "west")
        assert "action back_channel" not in done, partnership


def test_crisis_check_sets_off_a_crisis_only_when_the_gain_covers_its_vp(main_scenario) -> None:  # type: ignore[no-untyped-def]
    """Hard's planner (``CarefulPlanner``) takes an option that sets off a crisis of its making
    (the engine's ``crisis_warnings``) only when its value beats the best option without one by
    the VP the crisis costs, as the heuristic values VP; normal's planner sometimes does not."""
    from diplomacy_game.ai.heuristic import VP_WEIGHT
    from diplomacy_game.ai.planner import CarefulPlanner, crisis_cost

    ev = Evaluator(main_scenario)
    plain, careful = OpsPlanner(main_scenario, ev), CarefulPlanner(main_scenario, ev)
    checked = avoided = 0
    for seed in range(3):  # the operations of Russia and Iran in games of three normal seats
        g = Game.new(main_scenario, seed)
        players = {f: make_player("normal", seed * 3 + i) for i, f in enumerate(main_scenario.factions)}
        while not g.is_over():
            if isinstance(g.state.pending, PendingOps) and g.state.pending.faction != "west":
                seat = g.state.pending.faction
                # one step below a first crisis (the second one ends the game: valued as a loss)
                st = g.state.clone(keep_log=False)
                st.tracks["western_concern"] = 4
                st.flags = [f for f in st.flags if f != "west_on_alert"]
                mine = careful.options(st.clone(keep_log=False), seat)
                theirs = plain.options(st.clone(keep_log=False), seat)
                _value, _kind, action = mine[0]
                cost = crisis_cost(main_scenario, st, seat, action)
                if cost:
                    checked += 1
                    plain_value = next(v for v, _k, a in theirs if a == action)
                    calm = max(v for v, _k, a in theirs if not crisis_cost(main_scenario, st, seat, a))
                    assert plain_value - VP_WEIGHT * cost >= calm - 1e-9
                elif crisis_cost(main_scenario, st, seat, theirs[0][2]):
                    avoided += 1
            seat = g.to_act()[0]
            g.apply(decide(players[seat], g, seat), seat)
    assert checked > 0  # crises worth their VP are still set off
    assert avoided > 0  # positions where the plain planner sets off a crisis and hard's does not


def test_crisis_cost_is_the_engine_s_crisis_effects(main_scenario) -> None:  # type: ignore[no-untyped-def]
    from diplomacy_game.ai.planner import crisis_cost

    g = Game.new(main_scenario, 3)
    st = g.state
    bg = next(r for r in main_scenario.map.region_ids if main_scenario.map.regions[r].battleground)
    other = next(r for r in main_scenario.map.region_ids if not main_scenario.map.regions[r].battleground)
    st.tracks["western_concern"] = 4
    assert crisis_cost(main_scenario, st, "russia", Pressure(bg, "west")) == 1  # Western Concern 4 -> 5: -1 VP
    assert crisis_cost(main_scenario, st, "russia", Pressure(other, "west")) == 0
    assert crisis_cost(main_scenario, st, "west", Pressure(bg, "russia")) == 0  # only Russia and Iran raise it
    st.tracks["western_concern"] = 3
    assert crisis_cost(main_scenario, st, "russia", Pressure(bg, "west")) == 0


def test_hard_counts_the_vp_of_its_own_crisis_in_its_own_round(main_scenario) -> None:  # type: ignore[no-untyped-def]
    """The search's crisis check reads what a crisis of this seat's making cost it from the
    playout's log: a first crisis set off by its own pressure (in its own round, where a second
    one would end the game) costs 1 VP, not 0."""
    from diplomacy_game.ai.policy import _crisis_vp

    g = Game.new(main_scenario, 2)
    players = {f: make_player("normal", 40 + i) for i, f in enumerate(main_scenario.factions)}
    found = 0
    while not g.is_over() and found < 3:
        st = g.state
        if isinstance(st.pending, PendingOps) and st.pending.faction == "russia":
            press = [a for a in g.legal_actions("russia")
                     if isinstance(a, Pressure) and main_scenario.map.regions[a.region].battleground]  # fmt: skip
            if press:
                found += 1
                s = st.clone(keep_log=False)
                s.tracks["western_concern"] = 4
                s.flags = [f for f in s.flags if f != "west_on_alert"]
                h = Game(main_scenario, s)
                h.apply(press[0], "russia")
                assert "west_on_alert" in h.state.flags and not h.is_over()
                assert _crisis_vp(main_scenario, h.state, "russia") == 1
                assert _crisis_vp(main_scenario, h.state, "iran") == 0
        seat = g.to_act()[0]
        g.apply(decide(players[seat], g, seat), seat)
    assert found == 3
