"""The example scenarios under docs/examples/ (written by following the authoring guide): each
validates with no error and no warning, and each of its scenario tests passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT

from diplomacy_game.scenario.diagnostics import SourceLines
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.scenario_tests import find_test_files, load_test_file, run_case
from diplomacy_game.validation import validate_paths

EXAMPLES = ROOT / "docs" / "examples"
EXAMPLE = EXAMPLES / "caspian_corridor.yaml"


def _cases() -> list[tuple[str, int, str]]:
    files, problems = find_test_files([str(EXAMPLES / "tests")])
    assert not problems
    out = []
    for f in files:
        loaded, diags = load_test_file(f)
        assert loaded is not None, "\n".join(d.format() for d in diags)
        out.extend((f, i, c.name) for i, c in enumerate(loaded.model.tests))
    return out


CASES = _cases()


def test_the_example_scenario_and_its_tests_validate_without_warnings() -> None:
    notes: list[str] = []
    count, diags = validate_paths([str(EXAMPLE)], notes)
    assert [d.format() for d in diags] == [] and notes == []
    assert count == 2  # the scenario and its test file


def test_the_example_has_a_new_faction_a_new_region_and_a_shared_card() -> None:
    scn = load_scenario(EXAMPLE)
    assert "azerbaijan" in scn.factions and "nakhchivan" in scn.map.regions
    region = scn.map.regions["nakhchivan"]
    assert region.at is not None and region.links
    assert "nakhchivan" not in load_scenario(ROOT / "diplomacy_game" / "data" / "scenarios" /
                                             "from_tabriz_to_kazan.yaml").map.regions
    assert any(len(c.owners) > 1 for c in scn.cards.values())


@pytest.mark.parametrize(("path", "index"), [(p, i) for p, i, _ in CASES],
                         ids=[f"{Path(p).name}::{n}" for p, _, n in CASES])
def test_example_scenario_test(path: str, index: int) -> None:
    loaded, _ = load_test_file(path)
    assert loaded is not None
    result = run_case(loaded, index)
    assert result.passed, "\n".join(d.format_with_source(SourceLines()) for d in result.failures)
