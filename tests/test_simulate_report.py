"""simulate reports the outcomes a scenario declares in ``report:``, and nothing scenario-specific
of its own (a scenario without a treaty gets no treaty line)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from helpers import MAIN, SCENARIOS

from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.simulate import format_report, simulate
from diplomacy_game.validation import validate_file

MAP = SCENARIOS / "map.yaml"

BASE = """\
kind: scenario
id: t
title: T
summary: S
map: {map}
calendar: {{start: 2024-05, turns: 2}}
factions:
  - {{id: russia, name: Russia, home: [russia]}}
  - {{id: iran, name: Iran, home: [iran]}}
tracks:
  - {{id: partnership, name: Partnership, min: 0, max: 10}}
setup:
  tracks: {{partnership: 3}}
cards:
  - {{id: c1, title: C, ops: 2, owner: russia, text: T, source: public record,
     effects: [{{flag: {{set: deal_done}}}}]}}
  - {{id: c2, title: D, ops: 1, owner: iran, text: T, source: public record}}
"""


def _write(tmp_path: Path, extra: str = "") -> Path:
    f = tmp_path / "t.yaml"
    f.write_text(BASE.format(map=MAP) + textwrap.dedent(extra), encoding="utf-8")
    return f


def test_a_scenario_without_report_items_gets_no_outcome_lines(tmp_path: Path) -> None:
    scn = load_scenario(_write(tmp_path))
    report = simulate(scn, 3, seed=1)
    assert report["report"] == []
    text = format_report(scn, report)
    assert "treaty" not in text and "% of games" not in text


def test_declared_flags_and_tracks_are_reported_as_rates_and_means(tmp_path: Path) -> None:
    scn = load_scenario(_write(tmp_path, """\
        report:
          - {label: deal done, flag: deal_done}
          - {label: Partnership at the end, track: partnership}
        """))
    report = simulate(scn, 4, seed=1)
    deal, partnership = report["report"]
    assert deal["label"] == "deal done" and 0.0 <= deal["rate"] <= 1.0
    assert partnership["mean"] == 3.0  # nothing in this scenario moves the track
    text = format_report(scn, report)
    assert f"deal done: {100 * deal['rate']:.1f}% of games" in text
    assert "Partnership at the end: 3.00 on average" in text


def test_the_main_scenario_reports_its_treaty(tmp_path: Path) -> None:
    scn = load_scenario(MAIN)
    labels = [i.label for i in scn.model.report]
    assert "treaty signed" in labels
    report = simulate(scn, 1, seed=3)
    treaty = next(r for r in report["report"] if r["label"] == "treaty signed")
    assert treaty["flag"] == "treaty_signed" and treaty["rate"] in (0.0, 1.0)


def test_a_report_item_names_exactly_one_existing_track_or_flag(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
        report:
          - {label: both, flag: deal_done, track: partnership}
          - {label: neither}
          - {label: typo, track: partnershp}
        """)
    out = [d.format() for d in validate_file(str(f))]
    text = "\n".join(out)
    assert "error: a report item needs exactly one of 'flag' or 'track'" in text
    assert text.count("needs exactly one of 'flag' or 'track'") == 2
    assert "error: unknown track 'partnershp'" in text and "did you mean 'partnership'" in text


def test_a_reported_flag_that_nothing_sets_is_a_warning(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
        report:
          - {label: never set, flag: deal_dun}
        """)
    out = [d.format() for d in validate_file(str(f))]
    assert any("warning: the flag 'deal_dun' is never set, so it is reported in no game" in d
               and "did you mean 'deal_done'" in d for d in out), out


def test_headline_events_get_their_own_column_only_where_the_scenario_has_a_headline(tmp_path: Path) -> None:
    plain = load_scenario(_write(tmp_path))
    report = simulate(plain, 3, seed=1)
    assert set(report["cards_headline"].values()) == {0.0}
    assert "headline" not in format_report(plain, report)

    (tmp_path / "h").mkdir()
    scn = load_scenario(_write(tmp_path / "h", """\
        rules:
          headline: {order: ops}
        """))
    report = simulate(scn, 3, seed=1)
    # each month both factions hold a card at the draw, so each game opens with two headlines
    assert sum(report["cards_headline"].values()) >= 2.0
    text = format_report(scn, report)
    header = next(line for line in text.splitlines() if line.startswith("cards played"))
    assert header.endswith("headline")
    row = next(line for line in text.splitlines() if line.strip().startswith("c1 "))
    assert row.split()[-1] == f"{report['cards_headline']['c1']:.2f}"
