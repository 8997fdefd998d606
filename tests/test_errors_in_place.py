"""Every error at its own line, in one run (issue 13, section 1).

A four-faction scenario built from the shipped one, with mistakes of several kinds: shape
errors that drop an item or a part, and unknown ids in the items after them. Each mutated
line carries a ``# E: words`` comment; the validator must report exactly one error at each
such line, containing those words, and nothing anywhere else.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import MAIN, SCENARIOS

from diplomacy_game.cli import main
from diplomacy_game.scenario_tests import load_test_file, run_paths
from diplomacy_game.validation import validate_file, validate_paths


def _sub(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, 1)


def four_factions() -> str:
    """The shipped scenario with China as a fourth faction (clean)."""
    text = MAIN.read_text(encoding="utf-8")
    text = _sub(text, "      flags: {treaty_signed: -6}\n", "      flags: {treaty_signed: -6}\n"
                "  - id: china\n    name: China\n    adjective: Chinese\n    home: [china]\n"
                "    color: \"#e69f00\"\n    income: 1\n")
    text = _sub(text, "\nleaders:\n", "\nleaders:\n  - {id: xi, name: Xi Jinping, faction: china, title: President}\n")
    text = _sub(text, "west: biden}", "west: biden, china: xi}")
    return text


SPRING = ("    text: Putin and Raisi keep in touch by phone through the spring. Partnership +1. "
          "Only while Raisi leads Iran.\n")

MUTATIONS = [
    # a card out of range, then an unknown region in the next card's influence effect
    ("    title: Five Hours in the Kremlin\n    ops: 3\n",
     "    title: Five Hours in the Kremlin\n    ops: 7  # E: expected at most 4\n"),
    (SPRING,
     SPRING +
     "    date: 2024-03\n    source: public record\n    deck: start\n    remove: true\n    effects:\n"
     "      - influence: {faction: russia, region: irak, add: 1}  # E: unknown region 'irak'\n"
     "    unused_copy:\n"),
    # a third card with a bad deck, and an unknown track two cards later
    ("    date: 2024-01\n    source: public record\n    deck: start\n",
     "    date: 2024-01\n    source: public record\n"
     "    deck: begin  # E: expected 'start' or 'later'\n"),
    # an unknown key in setup must not make the leaders look unset
    ("  flags: []\n", "  flags: []\n  regions: {}  # E: unknown key 'regions'\n"),
    # a badly written date drops an event; the next event's unknown place is at its own line
    ("    date: 2024-05-19\n", "    date: 2024-5-19  # E: expected a date YYYY-MM-DD\n"),
    ("    place: syria\n", "    place: sirya  # E: unknown region 'sirya'\n"),
    # a faction action out of range, the next one names an unknown faction
    ("    cost: 2\n    per_turn: 1\n    if: {leader: {faction: iran, not: mokhber}}\n",
     "    cost: 9  # E: expected at most 6\n    per_turn: 1\n    if: {leader: {faction: iran, not: mokhber}}\n"),
    ("      - economy: {faction: russia, add: 1}\n",
     "      - economy: {faction: rusia, add: 1}  # E: unknown faction 'rusia'\n"),
]


def _write(tmp_path: Path, text: str) -> Path:
    shutil.copy(SCENARIOS / "map.yaml", tmp_path / "map.yaml")
    path = tmp_path / "four.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _marks(text: str) -> dict[int, str]:
    return {n: m.group(1).strip() for n, line in enumerate(text.splitlines(), 1)
            if (m := re.search(r"# E: (.*)$", line))}


def test_the_four_faction_scenario_is_clean_before_its_mistakes(tmp_path: Path) -> None:
    path = _write(tmp_path, four_factions())
    assert [d.format() for d in validate_file(str(path), lint=False)] == []


def test_every_error_of_a_mutated_four_faction_scenario_is_at_its_own_line_in_one_run(tmp_path: Path) -> None:
    text = four_factions()
    # the second card's own lines are replaced by the mutated copy (one card, its keys once)
    for old, new in MUTATIONS:
        text = _sub(text, old, new)
    text = re.sub(r"    unused_copy:\n    date: 2024-03\n.*?(?=\n\n)", "", text, count=1, flags=re.S)
    path = _write(tmp_path, text)
    marks = _marks(text)
    assert len(marks) == len(MUTATIONS)
    errors = [d for d in validate_file(str(path), lint=False) if d.severity == "error"]
    got = {d.location.line: d.message for d in errors}
    assert sorted(got) == sorted(marks), "\n".join(d.format() for d in errors)
    assert len(errors) == len(marks), "\n".join(d.format() for d in errors)
    for line, words in marks.items():
        assert words in got[line], (line, got[line])


def test_an_error_after_a_dropped_card_names_the_cards_path_in_the_file(tmp_path: Path) -> None:
    text = _sub(four_factions(), "    title: Five Hours in the Kremlin\n    ops: 3\n",
                "    title: Five Hours in the Kremlin\n    ops: 7\n")
    text = _sub(text, "      - influence: {faction: russia, region: iran, add: 1}\n\n  - id: spring_calls",
                "      - influence: {faction: russia, region: iran, add: 1}\n\n  - id: spring_calls")
    text = _sub(text, "      - track: {id: partnership, add: 1}\n\n  - id: treaty_final_stages",
                "      - track: {id: partnershp, add: 1}\n\n  - id: treaty_final_stages")
    path = _write(tmp_path, text)
    (unknown,) = [d for d in validate_file(str(path), lint=False) if "partnershp" in d.message]
    assert unknown.path[:2] == ("cards", 1)
    assert "partnershp" in text.splitlines()[unknown.location.line - 1]


def test_a_bad_key_in_setup_leaders_silences_the_check_that_needs_them(tmp_path: Path) -> None:
    text = _sub(four_factions(), "west: biden, china: xi}", "west: biden, china: 7}")
    errors = [d.message for d in validate_file(str(_write(tmp_path, text)), lint=False)]
    assert len(errors) == 1 and "china" not in errors[0].split("'")[0], errors
    assert not any("none is set up" in m for m in errors)


TEST_FILE = """\
kind: test
scenario: ../../four.yaml
tests:
  - name: a shape error
    start: 2024-13
    expect:
      fired: [raisi_crashh]
  - name: unknown ids only
    do:
      - russia: play kremlin_talkz event
      - iran: 5
      - iran: choose acept
    expect:
      tracks: {partnership: {at_leest: 1}}
      hands: {iran: [spring_calz]}
"""


def test_a_test_file_reports_shape_errors_and_unknown_ids_in_the_first_run(tmp_path: Path) -> None:
    _write(tmp_path, four_factions())
    folder = tmp_path / "tests" / "four"
    folder.mkdir(parents=True)
    path = folder / "ids.test.yaml"
    path.write_text(TEST_FILE, encoding="utf-8")
    loaded, diags = load_test_file(str(path))
    assert loaded is None
    lines = TEST_FILE.splitlines()
    found = {(d.location.line, d.message.split(" (")[0]) for d in diags}
    assert {line for line, _ in found} == {5, 7, 10, 11, 12, 14, 15}, "\n".join(d.format() for d in diags)
    by_line = {line: msg for line, msg in found}
    assert "a month YYYY-MM or a day YYYY-MM-DD" in by_line[5]
    assert "unknown event 'raisi_crashh'" in by_line[7]
    assert "unknown card 'kremlin_talkz'" in by_line[10]
    assert "unknown option 'acept'" in by_line[12]
    assert "unknown card 'spring_calz'" in by_line[15]
    assert "at_leest" in lines[14 - 1] and "at_leest" in by_line[14]
    report = run_paths([str(path)])
    assert report.results == [] and len(report.problems) == len(diags)


def test_validate_scenario_checks_its_tests_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    scenario = _write(tmp_path, four_factions())
    folder = tmp_path / "tests" / "four"
    folder.mkdir(parents=True)
    (folder / "ids.test.yaml").write_text(TEST_FILE, encoding="utf-8")
    count, diags = validate_paths([str(scenario)])
    assert count == 2
    assert {Path(d.location.file).name for d in diags} == {"ids.test.yaml"}
    assert main(["validate", "--no-source", str(scenario)]) != 0
    err = capsys.readouterr().err
    assert "unknown event 'raisi_crashh'" in err
    assert "2 file(s) checked" in err and "no tests folder" not in err


def test_validate_scenario_says_in_one_line_that_it_has_no_tests_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = _write(tmp_path, four_factions())
    assert main(["validate", str(scenario)]) == 0
    captured = capsys.readouterr()
    said = [line for line in (captured.out + captured.err).splitlines() if "no tests folder" in line]
    assert len(said) == 1 and str(Path("tests") / "four") in said[0]


def test_the_test_commands_summary_line_ends_with_a_newline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = _write(tmp_path, four_factions())
    folder = tmp_path / "tests" / "four"
    folder.mkdir(parents=True)
    (folder / "ok.test.yaml").write_text(
        "kind: test\nscenario: ../../four.yaml\ntests:\n  - name: opens\n    expect:\n"
        "      fired: [raisi_crash]\n", encoding="utf-8")
    for args in (["test", str(scenario)], ["test", "-q", str(scenario)], ["test", str(tmp_path / "none")]):
        main(args)
        out = capsys.readouterr().out
        assert out.endswith(".\n") and "passed" in out.splitlines()[-1], (args, out)
