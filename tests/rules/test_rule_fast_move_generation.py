"""The fast forms of move generation (issue 15) give exactly what the rules' checks give.

``legal_ops`` lists the operations without asking ``check_ops_action`` about each; the
operations end by themselves when ``_can_still_act`` says nothing but ``done`` is legal;
``control_map`` and the view's control are ``controller`` of every region; a card's or an
action's targets come from a filter's fixed tests worked out once. Each is checked here
against the slow rule on every decision of random games, in the tiny world and the main
scenario.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from diplomacy_game.engine import Game
from diplomacy_game.engine.actions import Action, Boost, EndOps, PlaceInfluence, Pressure, UseAction
from diplomacy_game.engine.context import Ctx
from diplomacy_game.engine.control import access, control_map, controller, home_owner
from diplomacy_game.engine.operations import PendingOps, _can_still_act, check_ops_action, legal_ops
from diplomacy_game.engine.targets import region_matches, target_options
from diplomacy_game.scenario.loader import Scenario
from diplomacy_game.simulate import RandomPlayer


def _states(scn: Scenario, seeds: range) -> Iterator[Game]:
    """Every decision of random games (the game itself, before each move)."""
    for seed in seeds:
        g = Game.new(scn, seed)
        p = RandomPlayer(seed)
        while not g.is_over():
            yield g
            seat = g.to_act()[0]
            g.apply(p.pick(g.legal_actions(seat)), seat)


def _every_ops_action(scn: Scenario) -> list[Action]:
    """Every operation the text form can name in this scenario, legal or not."""
    out: list[Action] = [PlaceInfluence(r) for r in scn.map.region_ids]
    out += [Pressure(r, f) for r in scn.map.region_ids for f in scn.factions]
    targets: list[str | None] = [None, *scn.map.region_ids, *scn.factions]
    out += [UseAction(a, t) for a in scn.actions for t in targets]
    return [*out, Boost(), EndOps()]


@pytest.mark.parametrize("which", ["tiny", "main"])
def test_legal_ops_is_exactly_what_the_checks_accept(scn: Scenario, main_scn: Scenario, which: str) -> None:
    world = scn if which == "tiny" else main_scn
    every = _every_ops_action(world)
    seen = 0
    for g in _states(world, range(6)):
        st = g.state
        if not isinstance(st.pending, PendingOps):
            continue
        seat = st.pending.faction
        legal = legal_ops(world, st, seat)
        accepted = [a for a in every if check_ops_action(world, st, seat, a) is None]
        assert len(legal) == len(set(legal))
        assert set(legal) == set(accepted)
        # the fixed order: influence, pressure, faction actions, boost, done
        kinds = [type(a) for a in legal]
        order = [PlaceInfluence, Pressure, UseAction, Boost, EndOps]
        assert kinds == sorted(kinds, key=order.index)
        assert [a for a in legal if isinstance(a, PlaceInfluence)] == [
            a for a in accepted if isinstance(a, PlaceInfluence)
        ]  # in map order
        seen += 1
    assert seen > 50


@pytest.mark.parametrize("which", ["tiny", "main"])
def test_operations_end_by_themselves_exactly_when_only_done_is_legal(
    scn: Scenario, main_scn: Scenario, which: str
) -> None:
    world = scn if which == "tiny" else main_scn
    both = set()
    for g in _states(world, range(6)):
        p = g.state.pending
        if not isinstance(p, PendingOps):
            continue
        for points in range(p.points + 1):  # the same state with fewer points left, down to none
            st = g.state.clone(keep_log=False)
            st.pending = replace(p, points=points)
            still = _can_still_act(world, st, p.faction)
            assert still == (len(legal_ops(world, st, p.faction)) > 1)
            both.add(still)
    assert both == {True, False}


def test_control_map_is_the_control_rule_for_every_region(main_scn: Scenario) -> None:
    controlled = 0
    for g in _states(main_scn, range(3)):
        ctl = control_map(main_scn, g.state)
        assert list(ctl) == list(main_scn.map.region_ids)
        assert ctl == {r: controller(main_scn, g.state, r) for r in main_scn.map.region_ids}
        assert g.view(None).control == ctl
        controlled += sum(1 for v in ctl.values() if v is not None)
    assert controlled > 0


def test_control_map_is_not_kept_in_the_state(main_scn: Scenario) -> None:
    g = Game.new(main_scn, 1)
    before = g.hash()
    control_map(main_scn, g.state)
    g.view(None)
    assert g.hash() == before
    assert set(g.state.to_json()) == set(Game.new(main_scn, 1).state.to_json())


def test_access_is_home_influence_and_next_to_them_never_another_home(main_scn: Scenario) -> None:
    for g in _states(main_scn, range(2)):
        st = g.state
        for f in main_scn.factions:
            home = set(main_scn.faction(f).home)
            reach = set(home)
            for r in main_scn.map.region_ids:
                if r in home or st.influence[r].get(f, 0) > 0:
                    reach.add(r)
                    reach.update(main_scn.map.adjacency[r])
            want = [r for r in main_scn.map.region_ids if r in reach and home_owner(main_scn, r) in (None, f)]
            assert access(main_scn, st, f) == want


def test_target_options_are_the_regions_each_filter_matches(main_scn: Scenario) -> None:
    filters = [c.target for c in main_scn.cards.values() if c.target is not None and c.target.region is not None]
    filters += [a.target for a in main_scn.actions.values() if a.target is not None and a.target.region is not None]
    assert filters
    for g in _states(main_scn, range(2)):
        for t in filters:
            assert t is not None and t.region is not None
            for f in main_scn.factions:
                ctx = Ctx(actor=f, owner=f)
                want = [r for r in main_scn.map.region_ids if region_matches(main_scn, g.state, t.region, r, ctx)]
                assert target_options(main_scn, g.state, t, ctx) == want


def test_a_direct_edit_of_influence_is_seen_at_once(playing: Game) -> None:
    """Nothing is cached across a change of the state: an edit made between two questions
    changes the next answer (tests and the planner edit influence in place)."""
    scn, st = playing.scenario, playing.state
    playing.apply(f"play {sorted(st.hands['red'])[0]} ops", "red")
    assert isinstance(st.pending, PendingOps)
    before = legal_ops(scn, st, "red")
    reachable = st.pending.access[0]
    st.influence[reachable]["red"] = scn.rules.max_influence  # at the cap: no more influence there
    after = legal_ops(scn, st, "red")
    assert PlaceInfluence(reachable) in before
    assert PlaceInfluence(reachable) not in after
