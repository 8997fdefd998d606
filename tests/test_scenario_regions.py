"""A scenario's ``regions:`` (changes to its map's regions and regions of its own) and shared
cards in the format: the merge, located errors, and a random game that plays in the new region."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

from scenario_regions_helpers import write_kurdish_question

from diplomacy_game.engine import Game
from diplomacy_game.engine.actions import PlaceInfluence
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.validation import validate_file

HEAD = """\
kind: scenario
extend: from_tabriz_to_kazan.yaml
id: variant
title: A variant
summary: The main scenario, changed.
"""


def _errors(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "variant.yaml"
    path.write_text(HEAD + textwrap.dedent(body))
    return [d.format() for d in validate_file(str(path)) if d.severity == "error"]


def test_a_scenario_adds_a_region_of_its_own_and_changes_one_of_its_maps(tmp_path: Path) -> None:
    scn = load_scenario(write_kurdish_question(tmp_path))
    m = scn.map
    k = m.regions["kurdistan"]
    assert (k.name, k.bloc, k.stability, k.battleground) == ("Kurdistan", "middle_east", 2, True)
    assert k.at is not None and (k.at.lon, k.at.lat) == (44.01, 36.19)
    for other in ("iraq", "turkey", "iran", "syria"):  # links made two-way
        assert "kurdistan" in m.regions[other].links and "kurdistan" in m.adjacency[other]
    assert m.regions["syria"].stability == 3
    assert Game.new(scn, seed=0).state.stability["syria"] == 3
    assert [r.id for r in m.model.regions][-1] == "kurdistan" and len(m.region_ids) == len(m.model.regions)


def test_links_a_scenario_sets_replace_the_maps_on_both_sides(tmp_path: Path) -> None:
    path = tmp_path / "variant.yaml"
    path.write_text(HEAD + "regions:\n  - id: armenia\n    links: [georgia, iran]\n")
    m = load_scenario(path).map
    assert m.regions["armenia"].links == ["georgia", "iran"]
    assert "armenia" not in m.regions["turkey"].links and "armenia" not in m.regions["azerbaijan"].links
    assert "armenia" in m.regions["iran"].links


def test_region_errors_are_located_at_their_items(tmp_path: Path) -> None:
    errors = _errors(tmp_path, """\
        regions:
          - id: kurdistan
            name: Kurdistan
            bloc: middle_eest
            stability: 2
            links: [irak, turkey]
          - id: kurdistan
            name: Again
          - id: syrai
            stability: 3
          - id: armenia
            links: [georgia]
          - id: georgia
            links: [turkey, russia]
        faction_actions:
          - {id: rally, name: Rally, faction: iran, cost: 1,
             effects: [{influence: {faction: iran, region: kurdistan, add: 1}}]}
        """)
    text = "\n".join(errors)
    assert "variant.yaml:9:11: error: unknown bloc 'middle_eest'" in text and "did you mean 'middle_east'" in text
    assert "variant.yaml:11:13: error: link to unknown region 'irak'" in text
    assert "variant.yaml:12:9: error: the region 'kurdistan' is listed twice in regions" in text
    assert "variant.yaml:14:5: error: 'syrai' is not a region of the map 'caspian_2024', so it is a new region " \
           "and needs name, bloc" in text
    assert "did you mean 'syria'" in text
    assert "one-way land link: 'armenia' lists 'georgia' but the scenario's 'georgia' does not list 'armenia'" \
        in text
    assert "unknown region 'kurdistan'" not in text  # no follow-on error where the new region is named
    assert len(errors) == 5, text


def test_a_random_game_places_influence_in_a_scenarios_own_region(tmp_path: Path) -> None:
    scn = load_scenario(write_kurdish_question(tmp_path))
    placed = 0
    for seed in range(6):
        game = Game.new(scn, seed)
        r = random.Random(seed)
        while not game.is_over():
            seat = game.to_act()[0]
            action = r.choice(game.legal_actions(seat))
            placed += action == PlaceInfluence("kurdistan")
            game.apply(action, seat)
    assert placed > 0


def test_owner_errors_say_what_owner_accepts(tmp_path: Path) -> None:
    errors = _errors(tmp_path, """\
        cards:
          - {id: a, title: A, ops: 2, owner: [russia, iran], text: T, source: public record}
          - {id: b, title: B, ops: 2, owner: rusia, text: T, source: public record}
          - {id: c, title: C, ops: 2, owner: [russia, neutral, russia], text: T, source: public record}
          - {id: d, title: D, ops: 2, owner: 3, text: T, source: public record}
        """)
    own = [e for e in errors if "variant.yaml" in e]
    accepts = "owner is a faction id, neutral, or a list of faction ids"
    assert any("variant.yaml:8:" in e and "unknown owner 'rusia'" in e and accepts in e for e in own), own
    assert any("variant.yaml:9:" in e and "'neutral' cannot share a card" in e for e in own), own
    assert any("variant.yaml:9:" in e and "'russia' is listed twice in owner" in e for e in own), own
    assert any("variant.yaml:10:" in e and accepts in e for e in own), own
    assert not any("variant.yaml:7:" in e for e in own), own  # a shared card is fine


def _warnings(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "variant.yaml"
    path.write_text(HEAD + textwrap.dedent(body))
    diags = validate_file(str(path))
    assert not [d for d in diags if d.severity == "error"], [d.format() for d in diags]
    return [d.format() for d in diags if d.severity == "warning"]


def test_a_new_region_without_links_is_warned_at_its_id(tmp_path: Path) -> None:
    warnings = _warnings(tmp_path, """\
        regions:
          - id: nakhchivan
            name: Nakhchivan
            bloc: caucasus
            stability: 1
            at: {lon: 45.41, lat: 39.21}
        """)
    f = str(tmp_path / "variant.yaml")
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{f}:7:9: warning: the new region 'nakhchivan' has no links")
    assert "give it 'links: [REGION, ...]'" in warnings[0]


def test_a_new_region_linked_from_another_regions_list_has_links(tmp_path: Path) -> None:
    warnings = _warnings(tmp_path, """\
        regions:
          - id: nakhchivan
            name: Nakhchivan
            bloc: caucasus
            stability: 1
            at: {lon: 45.41, lat: 39.21}
          - id: armenia
            links: [georgia, azerbaijan, turkey, iran, nakhchivan]
        """)
    assert warnings == []


def test_a_map_region_whose_links_the_scenario_clears_is_warned(tmp_path: Path) -> None:
    warnings = _warnings(tmp_path, """\
        regions:
          - id: armenia
            links: []
            sea: []
        """)
    f = str(tmp_path / "variant.yaml")
    assert [w.split(" (at")[0] for w in warnings] == [
        f"{f}:7:9: warning: the region 'armenia' has no links: no 'links' and no 'sea' (here or in another "
        "region's list), so influence cannot spread to it or from it"
    ]


def test_a_new_region_without_at_is_warned_that_it_is_drawn_along_the_top(tmp_path: Path) -> None:
    warnings = _warnings(tmp_path, """\
        regions:
          - id: nakhchivan
            name: Nakhchivan
            bloc: caucasus
            stability: 1
            links: [armenia, iran, turkey]
        """)
    f = str(tmp_path / "variant.yaml")
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{f}:7:9: warning: the new region 'nakhchivan' has no 'at'")
    assert "at: {lon: LONGITUDE, lat: LATITUDE}" in warnings[0]


def test_a_region_with_links_and_a_place_gets_no_region_warning(tmp_path: Path) -> None:
    diags = validate_file(str(write_kurdish_question(tmp_path)))
    assert [d.format() for d in diags] == []


def test_a_region_placed_outside_the_map_is_warned_at_its_at(tmp_path: Path) -> None:
    # a sign slip: lon -30 is in the Atlantic, far west of the drawn map (Nakhchivan is at lon 45.41)
    warnings = _warnings(tmp_path, """\
        regions:
          - id: nakhchivan
            name: Nakhchivan
            bloc: caucasus
            stability: 1
            links: [armenia, iran, turkey]
            at: {lon: -30.0, lat: 39.21}
        """)
    f = str(tmp_path / "variant.yaml")
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"{f}:12:9: warning: the region 'nakhchivan' is placed outside the map")
    assert "lon -30.0, lat 39.21" in warnings[0]


def test_a_region_placed_on_the_map_gets_no_outside_warning(tmp_path: Path) -> None:
    warnings = _warnings(tmp_path, """\
        regions:
          - id: nakhchivan
            name: Nakhchivan
            bloc: caucasus
            stability: 1
            links: [armenia, iran, turkey]
            at: {lon: 45.41, lat: 39.21}
        """)
    assert warnings == []


def test_a_membership_joined_during_the_game_must_be_listed_in_members(tmp_path: Path) -> None:
    errors = _errors(tmp_path, """\
        regions:
          - id: armenia
            joined: {sco: 2024-08}
          - id: belarus
            members: [cis, eaeu]
        """)
    text = "\n".join(errors)
    # armenia is no SCO member; belarus (the map's joined: {sco: 2024-07}) drops sco from its members
    assert "variant.yaml:8:19: error: 'armenia' joins 'sco' during the game, so 'sco' must be listed in its members" \
        in text
    assert "variant.yaml:10:14: error: 'belarus' joins 'sco' during the game" in text
    assert len(errors) == 2, text


def test_a_scenario_can_date_a_membership_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "variant.yaml"
    path.write_text(HEAD + "regions:\n  - id: armenia\n    members: [cis, eaeu, sco]\n    joined: {sco: 2024-09}\n")
    r = load_scenario(path).map.regions["armenia"]
    assert r.members == ["cis", "eaeu", "sco"] and r.joined == {"sco": "2024-09"}
