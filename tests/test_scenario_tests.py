"""Scenario tests as data: every *.test.yaml under scenarios/ runs as a pytest test, and the
runner itself (overrides, steps, expectations, located failures) is tested here."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from helpers import MAIN, SCENARIOS

from diplomacy_game.cli import main
from diplomacy_game.scenario.diagnostics import SourceLines
from diplomacy_game.scenario_tests import find_test_files, load_test_file, run_case, run_paths


def _cases() -> list[tuple[str, int, str]]:
    out = []
    files, problems = find_test_files([str(SCENARIOS)])
    assert not problems
    for f in files:
        loaded, diags = load_test_file(f)
        assert loaded is not None, "\n".join(d.format() for d in diags)
        out.extend((f, i, c.name) for i, c in enumerate(loaded.model.tests))
    return out


CASES = _cases()


@pytest.mark.parametrize(("path", "index"), [(p, i) for p, i, _ in CASES],
                         ids=[f"{Path(p).parent.name}/{Path(p).name}::{n}" for p, _, n in CASES])
def test_shipped_scenario_test(path: str, index: int) -> None:
    loaded, _ = load_test_file(path)
    assert loaded is not None
    result = run_case(loaded, index)
    source = SourceLines()
    assert result.passed, "\n".join(d.format_with_source(source) for d in result.failures)


def test_main_scenario_has_at_least_15_tests_of_its_events_and_cards() -> None:
    main_tests = [c for c in CASES if "/from_tabriz_to_kazan/" in c[0].replace("\\", "/")]
    assert len(main_tests) >= 15
    names = " ".join(n for _, _, n in main_tests).lower()
    for topic in ("mokhber", "ashgabat", "kazan", "crisis", "treaty"):
        assert topic in names


# --------------------------------------------------------------------------- the runner


def _write(tmp_path: Path, body: str, name: str = "t.test.yaml") -> Path:
    f = tmp_path / name
    f.write_text(f"kind: test\nscenario: {MAIN}\n" + textwrap.dedent(body))
    return f


def test_a_failed_expectation_is_located_at_its_key(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
    tests:
      - name: wrong on purpose
        start: 2024-05
        do:
          - russia: choose call_mokhber
        expect:
          tracks: {partnership: 9}
          leaders: {iran: raisi}
    """)
    report = run_paths([str(f)])
    assert report.failed == 1 and report.passed == 0 and not report.ok
    msgs = [d.format() for d in report.results[0].failures]
    assert any(m.startswith(f"{f}:9:29: error: expected the track 'partnership' at 9, got 4") for m in msgs), msgs
    assert any(":10:" in m and "expected iran to be led by 'raisi', but 'mokhber' leads" in m for m in msgs)


def test_an_illegal_step_fails_with_did_you_mean_and_stops(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
    tests:
      - name: typo in the option
        start: 2024-05
        do:
          - russia: choose call_mokhbr
          - russia: choose condolences
    """)
    loaded, diags = load_test_file(str(f))
    # the file check already knows the option ids
    assert loaded is None
    assert any("unknown option 'call_mokhbr'" in d.format() and "did you mean 'call_mokhber'" in d.format()
               for d in diags)


def test_a_step_that_is_not_legal_now_is_located_and_names_the_reason(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
    tests:
      - name: Iran cannot answer Russia's choice
        start: 2024-05
        do:
          - iran: choose condolences
    """)
    report = run_paths([str(f)])
    (failure,) = report.results[0].failures
    text = failure.format()
    assert text.startswith(f"{f}:7:15: error: step 1: 'iran: choose condolences' is not legal here")
    assert "waiting for Russia" in text


def test_illegal_true_passes_only_when_the_action_is_refused(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
    tests:
      - name: refused as expected
        start: 2024-05
        do:
          - iran: choose condolences
            illegal: not your turn
      - name: legal, so the expectation of a refusal fails
        start: 2024-05
        do:
          - russia: choose condolences
            illegal: true
    """)
    report = run_paths([str(f)])
    assert [r.passed for r in report.results] == [True, False]
    assert "was expected to be refused, but it is legal here" in report.results[1].failures[0].message


def test_a_typo_in_an_expected_refusal_is_an_error_not_a_pass(tmp_path: Path) -> None:
    """'target turky' with 'illegal: true' must not pass because the misspelt region is refused."""
    f = _write(tmp_path, """\
    tests:
      - name: typo in a target
        start: 2024-05
        do:
          - russia: target turky
            illegal: true
    """)
    report = run_paths([str(f)])
    assert report.results == []  # not run, let alone passed
    text = "\n".join(d.format() for d in report.problems)
    assert "unknown target (a region or a faction) 'turky'" in text and "turkey" in text


def test_bad_test_files_get_located_errors_with_did_you_mean(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
    tests:
      - name: bad
        start: 2023-01
        stat: {}
        state:
          tracks: {partnership: 11, westen_concern: 2}
          leaders: {iran: putin}
        do:
          - rusia: choose accept
          - russia: dance
        expect:
          vp: {iranx: 1}
    """)
    _, diags = load_test_file(str(f))
    text = "\n".join(d.format() for d in diags)
    assert f"{f}:6:5: error: unknown key 'stat'" in text and "did you mean 'state'" in text
    # structure errors stop the file before the cross-checks; fix and check again
    f.write_text(f.read_text().replace("    stat: {}\n", ""))
    _, diags = load_test_file(str(f))
    text = "\n".join(d.format() for d in diags)
    assert "2023-01 is outside the calendar" in text
    assert "11 is outside the track 'partnership' (0..10)" in text
    assert "unknown track 'westen_concern'" in text and "did you mean 'western_concern'" in text
    assert "the leader 'putin' belongs to 'russia', not 'iran'" in text
    assert "unknown seat 'rusia'" in text and "did you mean 'russia'" in text
    assert "cannot read the action 'dance'" in text
    assert "unknown faction 'iranx'" in text
    assert all(d.location.line > 1 for d in diags)


def test_a_missing_scenario_is_a_located_error(tmp_path: Path) -> None:
    f = tmp_path / "x.test.yaml"
    f.write_text("kind: test\nscenario: nowhere.yaml\ntests: [{name: a}]\n")
    _, diags = load_test_file(str(f))
    assert [d.format() for d in diags] == [f"{f}:2:11: error: no scenario file 'nowhere.yaml' next to this file "
                                           "or among the bundled scenarios (at scenario)"]


def test_a_bare_scenario_name_not_beside_the_test_file_is_the_bundled_scenario(tmp_path: Path) -> None:
    f = tmp_path / "tests" / "from_tabriz_to_kazan" / "mine.test.yaml"
    f.parent.mkdir(parents=True)
    f.write_text("kind: test\nscenario: from_tabriz_to_kazan.yaml\n"
                 "tests:\n  - {name: opens with the crash, start: 2024-05, expect: {fired: [raisi_crash]}}\n")
    loaded, diags = load_test_file(str(f))
    assert diags == [] and loaded is not None
    assert Path(loaded.scenario.path).resolve() == MAIN.resolve()
    report = run_paths([str(f)])
    assert (report.passed, report.failed) == (1, 0)


def test_state_overrides_and_start_day_shape_the_game(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
    tests:
      - name: starting on the day of the Kazan summit skips Ashgabat
        start: 2024-10-22
        state:
          flags: {iran_attends_kazan: true}
          influence: {west: {iran: 2}}
          stability: {iran: 4}
          economy: {iran: 1}
          vp: {west: 5}
        expect:
          fired: [kazan_summit]
          not_log: [Meeting in Ashgabat]
          influence: {west: {iran: 2}, russia: {china: {at_least: 3}}}
          stability: {iran: 4}
          economy: {iran: 1}
          vp: {west: {at_least: 5, at_most: 5}}
          to_act: [russia, iran]
          over: false
    """)
    report = run_paths([str(f)])
    assert report.ok, [d.format() for r in report.results for d in r.failures]


def test_cli_test_command_summary_and_exit_codes(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    good = _write(tmp_path, "tests:\n  - name: crash\n    expect: {leaders: {iran: mokhber}}\n", "good.test.yaml")
    assert main(["test", str(good)]) == 0
    out = capsys.readouterr().out
    assert "PASS  crash" in out and "1 passed, 0 failed" in out
    bad = _write(tmp_path, "tests:\n  - name: crash\n    expect: {leaders: {iran: raisi}}\n", "bad.test.yaml")
    assert main(["test", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL  crash" in out and "1 passed, 1 failed; 2 test file(s)" in out
    assert f"{bad}:5:30: error: expected iran to be led by 'raisi'" in out
    # the source line, then a caret under the column
    assert "    5 |     expect: {leaders: {iran: raisi}}\n      |                              ^" in out
    broken = tmp_path / "broken.test.yaml"
    broken.write_text("kind: test\nscenario: 3\ntests: []\n")
    assert main(["test", str(broken)]) == 2
    assert main(["test", str(tmp_path / "empty_dir_that_is_missing")]) == 2


def test_type_errors_in_either_or_values_are_told_once_in_the_authors_words(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
    tests:
      - name: types
        do:
          - iran: 3
        expect:
          tracks: {partnership: high, western_concern: {at_leest: 2}}
    """)
    _, diags = load_test_file(str(f))
    text = [d.format() for d in diags]
    assert len(text) == 3, text
    assert f"{f}:6:15: error: expected text or true/false, got '3' (at tests[0].do[0].iran)" in text
    assert any("unknown key 'at_leest' (expected one of: at_least, at_most, equals)" in m
               and "did you mean 'at_least'" in m and "(at tests[0].expect.tracks.western_concern.at_leest)" in m
               for m in text)
    for word in ("Between", "constrained", ".bool", ".int", "Input should"):
        assert not any(word in m for m in text), word
