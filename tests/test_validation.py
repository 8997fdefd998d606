"""The validator: shipped content is clean; every kind of mistake is reported, located, at once."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from helpers import SCENARIOS, SHARED

from diplomacy_game.scenario.diagnostics import ContentError
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.validation import validate_file, validate_paths

MAP = SCENARIOS / "map.yaml"


def test_every_shipped_file_validates_clean() -> None:
    count, diags = validate_paths([str(SCENARIOS)])
    assert count >= 3
    assert [d.format() for d in diags] == []


def test_short_scenario_extends_main_and_shares_its_map(main_scenario, short_scenario) -> None:  # type: ignore[no-untyped-def]
    assert short_scenario.months[0] == "2024-10"
    assert short_scenario.map.model.id == main_scenario.map.model.id
    assert all(ev.date[:7] in short_scenario.months for ev in short_scenario.events)
    assert set(short_scenario.cards) == set(main_scenario.cards)


def _scenario(tmp_path: Path, body: str) -> list[str]:
    f = tmp_path / "s.yaml"
    f.write_text(f"kind: scenario\nmap: {MAP}\n" + textwrap.dedent(body))
    return [d.format() for d in validate_file(str(f))]


BASE = """\
id: t
title: T
summary: S
calendar: {start: 2024-05, turns: 3}
factions:
  - {id: russia, name: Russia, home: [russia]}
  - {id: iran, name: Iran, home: [iran]}
tracks:
  - {id: partnership, name: Partnership, min: 0, max: 10}
cards:
  - {id: c1, title: C, ops: 2, owner: russia, text: T, source: public record}
"""


def test_a_minimal_scenario_is_clean(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert _scenario(tmp_path, BASE) == []


def test_unknown_key_is_located_with_did_you_mean(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = _scenario(tmp_path, BASE.replace("summary: S", "sumary: S"))
    assert any(re.match(r".*s\.yaml:5:1: error: unknown key 'sumary'.*did you mean 'summary'", x) for x in out), out


def test_missing_key_wrong_type_and_range_all_reported_at_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = BASE.replace("title: T\n", "").replace("ops: 2", "ops: 9").replace("turns: 3", "turns: many")
    out = _scenario(tmp_path, body)
    text = "\n".join(out)
    assert "missing required key 'title'" in text
    assert "expected at most 4, got '9'" in text
    assert "turns" in text and "integer" in text
    assert len(out) >= 3


def test_unknown_ids_get_did_you_mean(tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = BASE + (
        "  - id: c2\n    title: C2\n    ops: 1\n    owner: rusia\n    text: T\n    source: public record\n"
        "    effects:\n      - influence: {faction: iran, region: armnia, add: 1}\n"
        "      - track: {id: partnershp, add: 1}\n"
    )
    out = "\n".join(_scenario(tmp_path, body))
    assert "unknown owner 'rusia'" in out and "did you mean 'russia'" in out
    assert "unknown region 'armnia'" in out and "did you mean 'armenia'" in out
    assert "unknown track 'partnershp'" in out and "did you mean 'partnership'" in out


def test_event_dates_outside_calendar_and_duplicate_ids(tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = BASE + textwrap.dedent("""\
    events:
      - {id: e1, date: 2024-09-01, title: E, text: T, source: public record}
      - {id: e1, date: 2024-05-02, end: 2024-05-01, title: E, text: T, source: public record}
    """)
    out = "\n".join(_scenario(tmp_path, body))
    assert "outside the calendar (2024-05 to 2024-07)" in out
    assert "duplicate id 'e1'" in out
    assert "is before the date" in out


def test_a_date_that_does_not_exist_says_why(tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = BASE + textwrap.dedent("""\
    events:
      - {id: e1, date: 2024-06-31, title: E, text: T, source: public record}
      - {id: e2, date: 2024-13-01, title: E, text: T, source: public record}
    """)
    out = "\n".join(_scenario(tmp_path, body))
    assert "2024-06-31 is not a real date: June 2024 has no day 31 (it has 30)" in out
    assert "got '2024-13-01': there is no month 13 (months are 01 to 12)" in out


def test_unknown_effect_and_condition_kinds(tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = BASE.replace("source: public record}", "source: public record, effects: [{influnce: {}}], if: {flg: x}}")
    out = "\n".join(_scenario(tmp_path, body))
    assert "unknown effect 'influnce'" in out and "did you mean 'influence'" in out
    assert "unknown condition 'flg'" in out and "did you mean 'flag'" in out


def test_messages_never_name_python_classes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = BASE.replace("source: public record}", "source: public record, effects: [{vp: {faction: x, add: q}}, 3]}")
    out = "\n".join(_scenario(tmp_path, body))
    assert out
    for word in ("EVp", "FactionAmount", "pydantic", "Model", "tagged-union", "Input should"):
        assert word not in out


def _map(tmp_path: Path, regions: str) -> list[str]:
    f = tmp_path / "m.yaml"
    f.write_text("kind: map\nid: m\nname: M\nblocs: [{id: b, name: B}]\nregions:\n" + textwrap.dedent(regions))
    return [d.format() for d in validate_file(str(f))]


def test_map_one_way_and_self_links_are_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = "\n".join(
        _map(
            tmp_path,
            """\
      - {id: a, name: A, bloc: b, stability: 2, links: [b, a]}
      - {id: b, name: B, bloc: b, stability: 2, sea: [a]}
      - {id: c, name: C, bloc: x, stability: 5}
    """,
        )
    )
    assert "one-way land link: 'a' lists 'b'" in out
    assert "one-way sea link: 'b' lists 'a'" in out
    assert "region 'a' links to itself" in out
    assert "expected at most 4" in out


def test_load_scenario_raises_content_error_with_every_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "s.yaml"
    f.write_text(
        f"kind: scenario\nmap: {MAP}\n" + BASE.replace("ops: 2", "ops: 0").replace("home: [iran]", "home: [iram]")
    )
    with pytest.raises(ContentError) as exc:
        load_scenario(f)
    assert len(exc.value.diagnostics) >= 2


def test_main_scenario_has_at_least_30_cards_and_sources(main_scenario) -> None:  # type: ignore[no-untyped-def]
    cards = main_scenario.model.cards
    assert len(cards) >= 30
    cited = {s.id: s for s in main_scenario.model.sources}
    for item in [*cards, *main_scenario.model.events]:
        assert item.source == "public record" or item.source in cited, item.id
    for s in cited.values():  # each cited article is kept in the shared sources folder
        assert s.file is not None and (SHARED / s.file).is_file(), s.file
