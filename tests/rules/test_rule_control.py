"""Control of a region, and where a faction may act (its reach)."""

from __future__ import annotations

from diplomacy_game.engine.control import access, controller, controls, home_owner


def _set(game, region, **inf):
    for f in game.scenario.factions:
        game.state.influence[region][f] = inf.get(f, 0)


def test_control_requires_influence_at_least_stability_and_margin(game):
    scn, st = game.scenario, game.state
    assert st.stability["alpha"] == 2
    _set(game, "alpha", red=1)
    assert controller(scn, st, "alpha") is None  # below stability
    _set(game, "alpha", red=2)
    assert controller(scn, st, "alpha") == "red"  # at stability, margin 2 over nobody
    _set(game, "alpha", red=3, blue=2)
    assert controller(scn, st, "alpha") is None  # margin 1 < stability 2
    _set(game, "alpha", red=4, blue=2)
    assert controller(scn, st, "alpha") == "red"  # margin exactly the stability
    _set(game, "alpha", red=4, blue=2, green=3)
    assert controller(scn, st, "alpha") is None  # the margin is over every other faction
    _set(game, "alpha", blue=6, red=4)
    assert controls(scn, st, "blue", "alpha") and not controls(scn, st, "red", "alpha")


def test_control_with_equal_influence_is_nobodys(game):
    scn, st = game.scenario, game.state
    _set(game, "beta", red=3, blue=3)
    assert controller(scn, st, "beta") is None


def test_control_uses_current_stability_not_the_maps(game):
    scn, st = game.scenario, game.state
    _set(game, "alpha", red=3)
    assert controller(scn, st, "alpha") == "red"
    st.stability["alpha"] = 4
    assert controller(scn, st, "alpha") is None


def test_setup_stability_and_influence_come_from_scenario(game):
    st = game.state
    assert st.stability == {"redland": 3, "alpha": 2, "beta": 1, "gamma": 1, "delta": 2, "blueland": 3, "box": 4}
    assert st.influence["redland"] == {"red": 5, "blue": 0, "green": 0}
    assert st.influence["alpha"]["red"] == 1
    assert st.influence["box"]["green"] == 4


def test_reach_is_home_influence_and_neighbours(game):
    scn, st = game.scenario, game.state
    # red: home redland (links alpha, sea delta), influence in alpha (links redland, beta)
    assert access(scn, st, "red") == ["redland", "alpha", "beta", "delta"]
    st.influence["alpha"]["red"] = 0
    assert access(scn, st, "red") == ["redland", "alpha", "delta"]


def test_sea_links_give_reach(game):
    scn, st = game.scenario, game.state
    st.influence["alpha"]["red"] = 0
    assert "delta" in scn.map.adjacency["redland"]  # a sea link
    assert "delta" in access(scn, st, "red")


def test_reach_never_includes_another_factions_home(game):
    scn, st = game.scenario, game.state
    st.influence["delta"]["red"] = 2  # delta borders blueland and the box
    st.influence["blueland"]["red"] = 1  # even with influence there
    reach = access(scn, st, "red")
    assert "blueland" not in reach
    assert "box" not in reach
    assert "gamma" in reach  # next to blueland, where red has influence


def test_offmap_box_is_greens_home(game):
    scn, st = game.scenario, game.state
    assert home_owner(scn, "box") == "green"
    assert home_owner(scn, "beta") is None
    assert access(scn, st, "green") == ["delta", "box"]
