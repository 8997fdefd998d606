"""The command line: thin, exits with documented codes, never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import MAIN, SCENARIOS

from diplomacy_game.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "diplomacy_game", *args], capture_output=True, text=True, timeout=300)


def test_validate_clean_scenarios_exits_0(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["validate", str(SCENARIOS)]) == 0
    assert "all clean" in capsys.readouterr().out


def test_validate_bad_file_exits_2_with_one_located_error_a_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: scenario\nid: x\ntitle: [unclosed\n")
    good = SCENARIOS / "map.yaml"
    assert main(["validate", str(bad), str(good)]) == 2
    err = capsys.readouterr().err.splitlines()
    located = [ln for ln in err if ": error: " in ln]
    assert located and all(re.match(r"^.+:\d+:\d+: error: ", ln) for ln in located)
    assert all("bad.yaml" in ln for ln in located)


def test_validate_missing_file_is_a_located_error_not_a_traceback(tmp_path: Path) -> None:
    proc = run("validate", str(tmp_path / "nope.yaml"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "nope.yaml:1:1: error: cannot read the file" in proc.stderr


def test_validate_unknown_kind_suggests(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "k.yaml"
    f.write_text("kind: scenaro\n")
    assert main(["validate", str(f)]) == 2
    assert "did you mean 'scenario'" in capsys.readouterr().err


def test_simulate_json_reports_every_faction_event_and_card(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["simulate", str(MAIN), "--games", "5", "--seed", "3", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["games"] == 5
    assert sum(report["wins"].values()) + report["shared_wins"] == 5
    assert set(report["mean_vp"]) == {"russia", "iran", "west"}
    assert report["events_fired"]["raisi_crash"] == 1.0
    assert len(report["cards_event"]) >= 30
    assert 1 <= report["mean_turns"] <= 9


def test_simulate_is_deterministic(capsys) -> None:  # type: ignore[no-untyped-def]
    main(["simulate", str(MAIN), "--games", "3", "--seed", "7", "--json"])
    a = capsys.readouterr().out
    main(["simulate", str(MAIN), "--games", "3", "--seed", "7", "--json"])
    assert capsys.readouterr().out == a


def test_simulate_reports_the_treaty_only_for_a_scenario_that_declares_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["simulate", str(MAIN), "--games", "2", "--no-progress"]) == 0
    assert "treaty signed: " in capsys.readouterr().out  # the main scenario's report: list
    assert main(["new-scenario", "no_treaty", "--dir", str(tmp_path)]) == 0  # sets no flag 'treaty_signed'
    capsys.readouterr()
    assert main(["simulate", str(tmp_path / "no_treaty.yaml"), "--games", "2", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "mean length: " in out and "treaty signed" not in out


def test_simulate_bad_scenario_exits_2(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("kind: scenario\n")
    proc = run("simulate", str(f), "--games", "1")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert re.search(r"s\.yaml:\d+:\d+: error: missing required key", proc.stderr)


@pytest.mark.parametrize("cmd", [[], ["validate"], ["simulate"]])
def test_help_on_every_command(cmd: list[str]) -> None:
    proc = run(*cmd, "--help")
    assert proc.returncode == 0
    assert "usage: diplomacy-game" in proc.stdout
