"""The derived lookups of the compiled scenario, the models built on first use, and the
generated scale scenario of ``benchmarks/bench_scale.py`` (issue 15)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from diplomacy_game.engine import Game
from diplomacy_game.scenario import models as m
from diplomacy_game.scenario.loader import load_scenario
from tests.helpers import MAIN, ROOT, play_random


def test_faction_lookup_finds_every_faction_and_refuses_an_unknown_id() -> None:
    scn = load_scenario(MAIN)
    assert [scn.faction(f).id for f in scn.factions] == list(scn.factions)
    assert scn.faction("iran") is next(f for f in scn.model.factions if f.id == "iran")
    with pytest.raises(KeyError):
        scn.faction("atlantis")


def test_rules_read_once_are_the_models_rules() -> None:
    scn = load_scenario(MAIN)
    assert scn.rules is scn.model.rules
    assert scn.id == scn.model.id == "from_tabriz_to_kazan"


@pytest.mark.parametrize("model", [m.AiHints, m.Rules, m.Setup, m.Scoring, m.Victory])
def test_defaults_made_without_validation_equal_the_validated_ones(model: type[m.Model]) -> None:
    assert model.model_construct() == model.model_validate({})
    assert model.model_construct().model_dump() == model.model_validate({}).model_dump()


def test_every_models_fields_are_real_types_at_import() -> None:
    found = [c.__name__ for c in vars(m).values()
             if isinstance(c, type) and issubclass(c, m.Model) and m._unresolved(c)]  # fmt: skip
    assert found == []


def test_deferred_models_still_refuse_bad_content() -> None:
    with pytest.raises(ValueError, match="hand_size"):
        m.Rules.model_validate({"hand_size": "many"})


def _bench_scale() -> ModuleType:
    path = ROOT / "benchmarks" / "bench_scale.py"
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location("bench_scale_under_test", path)
        assert spec is not None and spec.loader is not None
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod
    finally:
        sys.path.remove(str(path.parent))


def test_scale_scenario_has_four_times_the_regions_ten_times_the_cards_twice_the_turns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for var in ("SDL_VIDEODRIVER", "PYGAME_HIDE_SUPPORT_PROMPT"):  # the benchmark sets them: undone after
        monkeypatch.setenv(var, "dummy" if var == "SDL_VIDEODRIVER" else "1")
    bench = _bench_scale()
    base_path, big_path = bench.write_pair(tmp_path)
    base, big = load_scenario(base_path), load_scenario(big_path)
    on_map = [r for r in base.map.region_ids if not base.map.regions[r].offmap]
    assert len(big.map.region_ids) == len(base.map.region_ids) + 3 * len(on_map)
    assert len(big.cards) == 10 * len(base.cards)
    assert len(big.months) == 2 * len(base.months)
    game = play_random(Game.new(big, 1), 200)
    assert len(game.state.moves) > 0
