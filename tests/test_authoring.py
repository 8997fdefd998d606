"""Authoring: validator warnings, --strict, --format json, source excerpts, new-scenario."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from helpers import MAIN, SCENARIOS

from diplomacy_game.cli import main
from diplomacy_game.scenario.lint import TEXT_LIMITS
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.scenario_tests import run_paths
from diplomacy_game.validation import validate_file, validate_paths

MAP = SCENARIOS / "map.yaml"
LATER_CARD = "  - {id: c2, title: C2, ops: 1, owner: iran, text: T, source: public record, deck: later}\n"

BASE = """\
id: t
title: T
summary: S
calendar: {start: 2024-05, turns: 3}
factions:
  - {id: russia, name: Russia, home: [russia]}
  - {id: iran, name: Iran, home: [iran]}
leaders:
  - {id: putin, name: Vladimir Putin, faction: russia}
  - {id: raisi, name: Ebrahim Raisi, faction: iran}
  - {id: jalili, name: Saeed Jalili, faction: iran}
setup:
  leaders: {russia: putin, iran: raisi}
tracks:
  - {id: partnership, name: Partnership, min: 0, max: 10}
cards:
  - {id: c1, title: C, ops: 2, owner: russia, text: T, source: public record, effects: [{flag: {set: met}}]}
"""


def _write(tmp_path: Path, body: str, name: str = "s.yaml") -> Path:
    f = tmp_path / name
    f.write_text(f"kind: scenario\nmap: {MAP}\n" + BASE + body)  # BASE ends on line 19
    return f


def _warnings(path: Path) -> list[str]:
    diags = validate_file(str(path))
    assert not [d for d in diags if d.severity == "error"], [d.format() for d in diags]
    return [d.format() for d in diags if d.severity == "warning"]


def test_a_clean_scenario_has_no_warnings(tmp_path: Path) -> None:
    assert _warnings(_write(tmp_path, "")) == []


def test_shipped_files_are_warning_free() -> None:
    count, diags = validate_paths([str(SCENARIOS)])
    assert count >= 6  # map, two scenarios, their test files
    assert [d.format() for d in diags] == []


def test_warning_card_that_nothing_brings_into_play(tmp_path: Path) -> None:
    f = _write(tmp_path, textwrap.dedent("""\
      - {id: c2, title: C2, ops: 1, owner: iran, text: T, source: public record, deck: later}
      - {id: c3, title: C3, ops: 1, owner: iran, text: T, source: public record, deck: later}
    events:
      - {id: e1, date: 2024-06-01, title: E, text: T, source: public record, effects: [{add_card: {card: c3}}]}
    """))
    (w,) = _warnings(f)
    assert w.startswith(f"{f}:20:84:") and ": warning: the card 'c2' is never used" in w
    assert "(at cards[1].deck)" in w


def test_warning_event_whose_condition_never_holds_with_did_you_mean(tmp_path: Path) -> None:
    f = _write(tmp_path, textwrap.dedent("""\
    events:
      - id: e1
        date: 2024-06-01
        title: E
        text: T
        source: public record
        if: {all: [{track: {id: partnership, at_least: 2}}, {flag: mett}]}
      - {id: e2, date: 2024-06-02, title: E, text: T, source: public record,
         if: {track: {id: partnership, at_least: 11}}}
      - {id: e3, date: 2024-06-03, title: E, text: T, source: public record, if: {leader: {faction: iran, is: jalili}}}
      - {id: e4, date: 2024-06-04, title: E, text: T, source: public record, if: {any: [{flag: met}, {flag: nope}]}}
    """))
    out = _warnings(f)
    assert len(out) == 3, out
    flag, track, leader = out
    assert flag.startswith(f"{f}:26:64: warning:") and "the event 'e1' can never happen" in flag
    assert "the flag 'mett' is never set" in flag and "did you mean 'met'?" in flag
    assert "(at events[0].if.all[1].flag)" in flag
    assert "the event 'e2' can never happen" in track and "never reaches 11 (it runs 0..10)" in track
    assert "the event 'e3' can never happen" in leader and "the leader 'jalili' never comes to power" in leader


def test_warning_conditions_on_cards_actions_and_options(tmp_path: Path) -> None:
    f = _write(tmp_path, textwrap.dedent("""\
      - {id: c2, title: C2, ops: 1, owner: iran, text: T, source: public record, if: {turn: {at_least: 4}}}
    faction_actions:
      - {id: a1, name: A, faction: iran, cost: 1, if: {flag: ghost}}
    """))
    out = "\n".join(_warnings(f))
    assert "the card 'c2' can never be played for its event" in out and "the turn never reaches 4 (it runs 1..3)" in out
    assert "the faction action 'a1' can never be taken" in out


def test_warning_text_too_long_for_its_box(tmp_path: Path) -> None:
    limit = TEXT_LIMITS[next(k for k in TEXT_LIMITS if k[0].__name__ == "Card" and k[1] == "title")][1]
    long_title = "x" * (limit + 1)
    f = _write(tmp_path, f"  - {{id: c2, title: {long_title}, ops: 1, owner: iran, text: T, source: public record}}\n")
    (w,) = _warnings(f)
    assert f"text too long for its box: a card title shows at most {limit} characters, this one has {limit + 1}" in w
    assert "(at cards[1].title)" in w and f"{f}:20:21:" in w


def test_warning_region_with_no_links_and_bloc_without_regions(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_text(textwrap.dedent("""\
    kind: map
    id: m
    name: M
    blocs: [{id: b, name: B}, {id: empty, name: Empty}]
    regions:
      - {id: a, name: A, bloc: b, stability: 2, links: [c]}
      - {id: island, name: Island, bloc: b, stability: 2}
      - {id: c, name: C, bloc: b, stability: 2, links: [a]}
    """))
    out = [d.format() for d in validate_file(str(f))]
    assert len(out) == 2, out
    assert out[0].startswith(f"{f}:4:32: warning: the bloc 'empty' has no regions")
    assert out[1].startswith(f"{f}:7:10: warning: the region 'island' has no links")


def test_an_extended_scenario_warns_only_about_its_own_file(tmp_path: Path) -> None:
    parent = _write(tmp_path, LATER_CARD, "parent.yaml")
    child = tmp_path / "child.yaml"
    child.write_text(f"kind: scenario\nextend: {parent.name}\nid: child\ntitle: {'y' * 50}\n")
    out = _warnings(child)
    assert len(out) == 1 and out[0].startswith(f"{child}:4:8: warning: text too long")
    assert len(_warnings(parent)) == 1


def test_warnings_do_not_stop_loading(tmp_path: Path) -> None:
    f = _write(tmp_path, LATER_CARD)
    assert load_scenario(f).cards["c2"].deck == "later"


# --------------------------------------------------------------------------- the validate command


def _with_warning(tmp_path: Path) -> Path:
    return _write(tmp_path, LATER_CARD)


def test_warnings_pass_validate_but_fail_with_strict(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = _with_warning(tmp_path)
    assert main(["validate", str(f)]) == 0
    err = capsys.readouterr().err
    assert ": warning: the card 'c2' is never used" in err and "0 error(s), 1 warning(s)" in err
    assert main(["validate", "--strict", str(f)]) == 2
    assert "--strict: warnings fail" in capsys.readouterr().err
    assert main(["validate", "--strict", str(MAIN)]) == 0


def test_validate_prints_the_source_line_and_a_caret(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = _write(tmp_path, "  - {id: c2, title: C2, ops: 1, owner: rusia, text: T, source: public record}\n")
    assert main(["validate", str(f)]) == 2
    lines = capsys.readouterr().err.splitlines()
    i = next(k for k, ln in enumerate(lines) if "unknown owner 'rusia'" in ln)
    source = "  - {id: c2, title: C2, ops: 1, owner: rusia, text: T, source: public record}"
    col = source.index("rusia") + 1
    assert lines[i].startswith(f"{f}:20:{col}: error: unknown owner 'rusia'") and "did you mean 'russia'" in lines[i]
    assert lines[i + 1] == "   20 | " + source
    assert lines[i + 2] == "      | " + " " * (col - 1) + "^"
    assert lines[i + 2].index("^") == lines[i + 1].index("rusia")
    assert main(["validate", "--no-source", str(f)]) == 2
    assert "^" not in capsys.readouterr().err


def test_validate_format_json(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = _with_warning(tmp_path)
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: scenaro\n")
    assert main(["validate", "--format", "json", str(f), str(bad)]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["files"] == 2 and report["errors"] == 1 and report["warnings"] == 1 and report["ok"] is False
    warn, err = sorted(report["diagnostics"], key=lambda d: d["severity"] == "error")
    assert set(warn) == {"file", "line", "col", "severity", "message", "path", "hint", "source"}
    assert (warn["file"], warn["line"], warn["severity"], warn["path"]) == (str(f), 20, "warning", "cards[1].deck")
    assert "deck: later" in warn["source"]
    assert err["severity"] == "error" and err["hint"] == "did you mean 'scenario'?" and err["path"] == "kind"
    assert main(["validate", "--format", "json", str(f)]) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True
    assert main(["validate", "--format", "json", "--strict", str(f)]) == 2
    assert json.loads(capsys.readouterr().out)["ok"] is False


def test_validate_checks_test_files(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    t = tmp_path / "x.test.yaml"
    t.write_text(f"kind: test\nscenario: {MAIN}\ntests:\n  - name: a\n    expect: {{leaders: {{iran: mokhbr}}}}\n")
    assert main(["validate", str(t)]) == 2
    assert f"{t}:5:30: error: unknown leader 'mokhbr'" in capsys.readouterr().err


# --------------------------------------------------------------------------- new-scenario


def test_new_scenario_validates_clean_and_its_test_passes(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "scen"
    assert main(["new-scenario", "caspian_autumn", "--dir", str(folder), "--map", str(MAP)]) == 0
    out = capsys.readouterr().out
    scenario = folder / "caspian_autumn.yaml"
    test = folder / "tests" / "caspian_autumn" / "caspian_autumn.test.yaml"
    assert f"wrote {scenario}" in out and f"wrote {test}" in out
    assert scenario.read_text().startswith("# yaml-language-server: $schema=")
    assert "map: " in scenario.read_text()
    count, diags = validate_paths([str(folder)])
    assert count == 2 and [d.format() for d in diags] == []
    report = run_paths([str(scenario)])
    assert report.ok and report.passed >= 3
    scn = load_scenario(scenario)
    assert scn.id == "caspian_autumn" and len(scn.events) >= 1 and scn.map.model.id == "caspian_2024"
    # refuses to overwrite, and writes nothing
    before = scenario.read_text()
    assert main(["new-scenario", "caspian_autumn", "--dir", str(folder), "--map", str(MAP)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert scenario.read_text() == before


def test_new_scenario_in_the_scenarios_folder_uses_the_map_beside_it(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "map.yaml").write_text(MAP.read_text())
    monkeypatch.chdir(tmp_path)
    assert main(["new-scenario", "classroom", "--dir", "scenarios"]) == 0
    text = (folder / "classroom.yaml").read_text()
    assert "\nmap: map.yaml " in text
    assert run_paths(["scenarios/classroom.yaml"]).ok
    assert load_scenario(folder / "classroom.yaml").map.path == str(folder / "map.yaml")


def test_new_scenario_in_an_empty_folder_uses_the_bundled_map_and_writes_its_schema(
        tmp_path: Path, monkeypatch) -> None:
    from diplomacy_game import resources

    monkeypatch.chdir(tmp_path)
    bundled_before = sorted(p.name for p in resources.bundled_scenarios_dir().iterdir())
    assert main(["new-scenario", "classroom"]) == 0
    text = (tmp_path / "classroom.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=schema/scenario.schema.json\n")
    assert (tmp_path / "schema" / "scenario.schema.json").read_text() == \
        (resources.schema_dir() / "scenario.schema.json").read_text()
    test_text = (tmp_path / "tests" / "classroom" / "classroom.test.yaml").read_text()
    assert test_text.startswith("# yaml-language-server: $schema=../../schema/test.schema.json\n")
    scn = load_scenario(tmp_path / "classroom.yaml")  # map: map.yaml, found among the bundled scenarios
    assert scn.map.model.id == "caspian_2024"
    assert run_paths([str(tmp_path / "classroom.yaml")]).ok
    assert sorted(p.name for p in resources.bundled_scenarios_dir().iterdir()) == bundled_before


@pytest.mark.parametrize("name", ["Bad-Name", "1abc", "with space"])
def test_new_scenario_refuses_bad_names(name: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["new-scenario", name, "--dir", str(tmp_path)]) == 2
    assert "is not a usable name" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- schema of test files

TEST_FILES = sorted((SCENARIOS / "tests").rglob("*.test.yaml"))


def test_committed_test_schema_is_up_to_date() -> None:
    from diplomacy_game.scenario.schema import dumps, schemas

    committed = SCENARIOS.parent / "schema" / "test.schema.json"
    fresh = dumps(schemas()["test.schema.json"])
    assert json.loads(committed.read_text()) == json.loads(fresh), \
        "run: diplomacy-game schema --write diplomacy_game/data/schema"  # as data: 90 or 90.0 by pydantic version


@pytest.mark.parametrize("path", TEST_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_shipped_test_files_name_their_schema_and_satisfy_it(path: Path) -> None:
    import jsonschema

    from diplomacy_game.scenario.safeyaml import load_yaml

    text = path.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../schema/test.schema.json"
    schema = json.loads((SCENARIOS.parent / "schema" / "test.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    assert [e.message for e in validator.iter_errors(load_yaml(text, str(path)).data)] == []
    assert list(validator.iter_errors({"kind": "test", "scenario": "x.yaml", "tests": [{"name": "a", "phase": "x"}]}))
