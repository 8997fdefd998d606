"""Shared cards (``owner: [red, blue]``) and a scenario's own regions, on the tiny world."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rules_helpers import at_ops, at_play, log_kinds

from diplomacy_game.engine import EndOps, Game, PlayCard
from diplomacy_game.engine.cards import may_play_event
from diplomacy_game.engine.control import access, controller
from diplomacy_game.engine.ownership import ops_fires_event_of, owner_for
from diplomacy_game.scenario.loader import Scenario, load_scenario

FIXTURES = Path(__file__).resolve().parent / "fixtures"

SHARED_CARD = """\
  - id: pact
    title: Red-Blue Pact
    ops: 2
    owner: [red, blue]
    text: Its owner scores a point.
    source: public record
    effects:
      - vp: {faction: owner, add: 1}
"""

OWN_REGION = """
regions:
  - id: epsilon
    name: Epsilon
    bloc: north
    stability: 2
    battleground: true
    links: [beta, gamma]
    at: {lon: 10, lat: 50}
  - id: beta
    stability: 2
"""


def tiny_with(folder: Path, cards: str = "", regions: str = "") -> Scenario:
    """The tiny scenario with ``cards`` added to its deck and ``regions`` as its top-level key."""
    shutil.copy(FIXTURES / "tiny_map.yaml", folder / "tiny_map.yaml")
    text = (FIXTURES / "tiny_scenario.yaml").read_text()
    text = text.replace("\ncards:\n", "\ncards:\n" + cards, 1) + regions
    path = folder / "tiny_scenario.yaml"
    path.write_text(text)
    return load_scenario(path)


@pytest.fixture(scope="module")
def shared_scn(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return tiny_with(tmp_path_factory.mktemp("shared"), SHARED_CARD, OWN_REGION)


@pytest.fixture
def shared(shared_scn: Scenario) -> Game:
    game = Game.new(shared_scn, seed=1)
    game.apply("choose dove", "red")
    return game


# --------------------------------------------------------------------------- shared cards


def test_each_owner_of_a_shared_card_may_play_its_event(shared: Game) -> None:
    scn = shared.scenario
    assert scn.cards["pact"].owners == ("red", "blue")
    assert may_play_event(scn, "red", "pact") and may_play_event(scn, "blue", "pact")
    assert not may_play_event(scn, "green", "pact")
    for f in ("red", "blue"):
        at_play(shared, f, "pact")
        assert PlayCard("pact", "event") in shared.legal_actions(f)


def test_a_non_owner_may_play_a_shared_card_only_for_operations_and_is_told_whose_it_is(shared: Game) -> None:
    at_play(shared, "green", "pact")
    assert PlayCard("pact", "event") not in shared.legal_actions("green")
    reason = shared.why_illegal(PlayCard("pact", "event"), "green")
    assert reason is not None and "Red and Blue's card" in reason


def test_shared_card_event_acts_for_the_owner_who_plays_it(shared: Game) -> None:
    st = shared.state
    vp = dict(st.vp)
    at_play(shared, "blue", "pact")
    shared.apply(PlayCard("pact", "event"), "blue")
    assert st.vp["blue"] == vp["blue"] + 1  # 'owner' is blue, who played it
    assert st.vp["red"] == vp["red"]


def test_shared_card_played_for_ops_by_one_of_its_owners_fires_no_event(shared: Game) -> None:
    st = shared.state
    vp = dict(st.vp)
    assert ops_fires_event_of(shared.scenario, "blue", "pact") is None
    at_ops(shared, "blue", "pact")
    start = len(st.log)
    shared.apply(EndOps(), "blue")
    assert st.vp == vp
    assert "opponent_event" not in log_kinds(shared, start)
    assert "pact" in st.discard


def test_shared_card_played_for_ops_by_a_non_owner_fires_its_event_once_for_its_first_listed_owner(
    shared: Game,
) -> None:
    st = shared.state
    vp = dict(st.vp)
    assert ops_fires_event_of(shared.scenario, "green", "pact") == "red"
    assert owner_for(shared.scenario, "red", "pact") == "red"
    at_ops(shared, "green", "pact")
    start = len(st.log)
    shared.apply(EndOps(), "green")
    assert st.vp["red"] == vp["red"] + 1
    assert st.vp["blue"] == vp["blue"] and st.vp["green"] == vp["green"]
    assert log_kinds(shared, start).count("opponent_event") == 1


# --------------------------------------------------------------------------- a scenario's own region


def test_a_scenarios_own_region_joins_the_map_with_its_links_made_two_way(shared: Game) -> None:
    m = shared.scenario.map
    assert "epsilon" in m.regions and m.regions["epsilon"].bloc == "north"
    assert set(m.adjacency["epsilon"]) == {"beta", "gamma"}
    assert "epsilon" in m.adjacency["beta"] and "epsilon" in m.adjacency["gamma"]
    assert shared.state.stability["epsilon"] == 2
    assert shared.state.stability["beta"] == 2  # the scenario's change to a map region


def test_control_of_a_scenarios_own_region_follows_the_control_rule(shared: Game) -> None:
    st = shared.state
    scn = shared.scenario
    st.influence["epsilon"] = {"red": 2, "blue": 0, "green": 0}
    assert controller(scn, st, "epsilon") == "red"  # influence >= stability 2, margin 2
    st.influence["epsilon"]["blue"] = 1
    assert controller(scn, st, "epsilon") is None  # margin 1 < stability 2


def test_a_scenarios_own_region_is_within_reach_through_its_links(shared: Game) -> None:
    st = shared.state
    scn = shared.scenario
    assert "epsilon" not in access(scn, st, "red")
    st.influence["beta"]["red"] = 1
    assert "epsilon" in access(scn, st, "red")
    at_ops(shared, "red", "red_rally")
    shared.apply("influence epsilon", "red")
    assert st.influence["epsilon"]["red"] == 1
