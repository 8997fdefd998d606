"""Golden saves: finished games of the old code replay, move for move, to the same final hash.

The files in ``tests/golden/`` are real save files written by ``tools/make_golden.py`` (random
play and computer seats, both scenarios, fixed seeds); ``hashes.json`` holds each game's final
state hash. A change to the engine that alters any game fails here. Regenerate a file only for
a deliberate rule change, and name the games that changed in the commit.
"""

from __future__ import annotations

import json

import pytest
from helpers import ROOT

from diplomacy_game import saves
from diplomacy_game.ai import decide, make_player
from diplomacy_game.engine import Game
from diplomacy_game.scenario.loader import Scenario, load_scenario

GOLDEN = ROOT / "tests" / "golden"
# The scenarios as they were when the golden games were played (the shipped files have changed
# since in ways that do not touch the rules: a comment, colours, report:), so that the games
# replay against the very bytes they were played on: the state holds the content's hash.
MAIN = GOLDEN / "scenarios" / "from_tabriz_to_kazan.yaml"
SHORT = GOLDEN / "scenarios" / "ashgabat_to_kazan.yaml"
HASHES: dict[str, str] = json.loads((GOLDEN / "hashes.json").read_text())


@pytest.fixture(scope="module")
def scenarios() -> dict[str, Scenario]:
    out = {}
    for path in (MAIN, SHORT):
        scn = load_scenario(path)
        out[scn.id] = scn
    return out


def test_every_golden_save_has_a_hash_and_every_hash_a_save():
    files = {p.stem for p in GOLDEN.glob("*.json") if p.name != "hashes.json"}
    assert files == set(HASHES) and len(files) >= 4


@pytest.mark.parametrize("name", sorted(HASHES))
def test_golden_save_replays_to_the_same_final_hash(name: str, scenarios: dict[str, Scenario]):
    save = saves.read_save(GOLDEN / f"{name}.json")
    scn = scenarios[save.scenario_id]
    assert scn.content_hash == save.content_hash, "the scenario changed: the golden saves must be rewritten"
    assert save.finished
    replayed = Game.replay(scn, save.seed, [list(m) for m in save.moves])
    assert replayed.is_over()
    assert replayed.hash() == HASHES[name]
    # the stored state (the old JSON form) loads, and agrees with its moves
    restored = saves.restore(save, scn)
    assert restored.hash() == HASHES[name]
    assert restored.to_json() == save.state


def test_golden_saves_include_both_scenarios_and_computer_seats():
    loaded = [saves.read_save(GOLDEN / f"{n}.json") for n in HASHES]
    assert {s.scenario_id for s in loaded} == {load_scenario(p).id for p in (MAIN, SHORT)}
    assert any(v.startswith("ai:") and v != "ai:random" for s in loaded for v in s.seats.values())


AI_GAMES = [n for n in sorted(HASHES) if "_ai" in n]


@pytest.mark.parametrize("name", AI_GAMES)
def test_golden_ai_game_is_played_the_same_by_the_current_computer_players(name: str, scenarios):  # type: ignore[no-untyped-def]
    # a computer seat's decision is a function of its view and its seed: the same moves again
    save = saves.read_save(GOLDEN / f"{name}.json")
    how = save.ui["golden"]
    game = Game.new(scenarios[save.scenario_id], save.seed)
    players = {f: make_player(level, how["player_seeds"][f]) for f, level in how["levels"].items()}
    while not game.is_over():
        seat = game.to_act()[0]
        game.apply(decide(players[seat], game, seat), seat)
    assert [list(m) for m in game.state.moves] == [list(m) for m in save.moves]
    assert game.hash() == HASHES[name]
