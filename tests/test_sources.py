"""Sources named by id (a title and a date, shown to players) and the history warnings:
a card or event dated after the article it cites, a draw in a timeline event that the
month's draw makes void."""

from __future__ import annotations

import textwrap
from pathlib import Path

from helpers import MAIN, SCENARIOS, SHARED

from diplomacy_game.engine import Choose, Game
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.validation import validate_file

MAP = SCENARIOS / "map.yaml"

BASE = """\
id: t
title: T
summary: S
calendar: {start: 2024-05, turns: 3}
factions:
  - {id: russia, name: Russia, home: [russia]}
  - {id: iran, name: Iran, home: [iran]}
sources:
  - {id: ashgabat_report, title: Talks in Ashgabat, outlet: A news agency, date: 2024-10-11}
  - {id: crash_report, title: A call to Tehran, date: 2024-05-20, file: sources/crash.txt}
cards:
  - {id: c1, title: C, ops: 2, owner: russia, text: T, source: public record}
"""


def _write(tmp_path: Path, body: str) -> Path:
    f = tmp_path / "s.yaml"
    f.write_text(f"kind: scenario\nmap: {MAP}\n" + BASE + textwrap.dedent(body))  # BASE ends on line 14
    return f


def _diags(f: Path, severity: str) -> list[str]:
    return [d.format() for d in validate_file(str(f)) if d.severity == severity]


def test_cards_and_events_cite_sources_by_id_or_plain_text(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
      - {id: c2, title: C, ops: 2, owner: iran, text: T, date: 2024-05, source: crash_report}
      - {id: c3, title: C, ops: 2, owner: iran, text: T, source: sources/old-style.txt}
    events:
      - {id: e1, date: 2024-05-19, title: E, text: T, source: crash_report}
    """)
    assert [d.format() for d in validate_file(str(f))] == []
    scn = load_scenario(f)
    assert scn.source_label("crash_report") == "“A call to Tehran”, 20 May 2024"
    assert scn.source_label("ashgabat_report") == "“Talks in Ashgabat”, A news agency, 11 October 2024"
    assert scn.source_label("public record") == "public record"  # plain text is shown as it is
    assert scn.source_label("sources/old-style.txt") == "sources/old-style.txt"


def test_unknown_source_id_is_a_located_error_with_did_you_mean(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
      - {id: c2, title: C, ops: 2, owner: iran, text: T, source: crash_reprot}
    events:
      - {id: e1, date: 2024-05-19, title: E, text: T, source: nowhere}
    """)
    card, event = _diags(f, "error")
    assert card.startswith(f"{f}:15:62: error: unknown source 'crash_reprot'"), card
    assert "did you mean 'crash_report'?" in card and "(at cards[1].source)" in card
    assert event.startswith(f"{f}:17:59: error: unknown source 'nowhere'"), event
    assert "declare it under 'sources:'" in event


def test_source_dates_must_be_real_days_and_ids_unique(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(f"kind: scenario\nmap: {MAP}\n" + BASE.replace("date: 2024-05-20", "date: 2024-02-30")
                 .replace("id: crash_report", "id: ashgabat_report"))
    out = _diags(f, "error")
    assert any(":12:58:" in x and "2024-02-30 is not a real date" in x for x in out), out
    assert any("duplicate id 'ashgabat_report' in sources" in x for x in out), out


def test_warning_event_dated_after_the_article_it_cites(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
      - {id: c2, title: C, ops: 2, owner: iran, text: T, date: 2024-10, source: ashgabat_report}
      - {id: c3, title: C, ops: 2, owner: iran, text: T, date: 2024-11, source: ashgabat_report}
    events:
      - {id: e1, date: 2024-05-19, title: E, text: T, source: crash_report}
      - {id: e2, date: 2024-05-21, title: E, text: T, source: crash_report}
    """)
    card, event = _diags(f, "warning")
    assert card.startswith(f"{f}:16:77: warning: dated 2024-11, after the source it cites ('ashgabat_report', "
                           "published 2024-10-11)"), card
    assert "(at events[1].source)" in event and "dated 2024-05-21" in event


def test_warning_draw_in_a_timeline_event_is_void(tmp_path: Path) -> None:
    f = _write(tmp_path, """\
    events:
      - id: e1
        date: 2024-05-19
        title: E
        text: T
        source: public record
        choice:
          faction: russia
          prompt: P?
          options:
            - {id: a, label: A, effects: [{draw: {faction: russia, count: 1}}]}
            - {id: b, label: B, effects: [{economy: {faction: russia, add: 1}}]}
    """)
    (w,) = _diags(f, "warning")
    assert w.startswith(f"{f}:25:40: warning: a draw in the timeline event 'e1' does nothing"), w
    assert "(at events[0].choice.options[0].effects[0].draw)" in w


def test_a_draw_in_the_timeline_is_void_in_the_engine(tmp_path: Path) -> None:
    """Why the warning holds: the month's draw fills each hand up to its size right after the
    timeline, so a card drawn in it leaves the same hand as not drawing it."""
    f = _write(tmp_path, """\
      - {id: c2, title: C, ops: 2, owner: iran, text: T, source: public record}
      - {id: c3, title: C, ops: 2, owner: iran, text: T, source: public record}
      - {id: c4, title: C, ops: 2, owner: iran, text: T, source: public record}
      - {id: c5, title: C, ops: 2, owner: iran, text: T, source: public record}
      - {id: c6, title: C, ops: 2, owner: iran, text: T, source: public record}
      - {id: c7, title: C, ops: 2, owner: iran, text: T, source: public record}
    events:
      - id: e1
        date: 2024-05-19
        title: E
        text: T
        source: public record
        choice:
          faction: russia
          prompt: P?
          options:
            - {id: a, label: A, effects: [{draw: {faction: russia, count: 1}}]}
            - {id: b, label: B}
    """)
    scn = load_scenario(f)
    hands = []
    for option in ("a", "b"):
        g = Game.new(scn, seed=4)
        g.apply(Choose(option), "russia")
        hands.append(sorted(g.state.hands["russia"]))
    assert hands[0] == hands[1] and len(hands[0]) == 5


def test_shipped_scenarios_cite_their_articles_by_id_and_keep_copies() -> None:
    scn = load_scenario(MAIN)
    ids = {s.id for s in scn.model.sources}
    assert ids == {"putin_calls_mokhber", "putin_meets_pezeshkian_ashgabat"}
    for s in scn.model.sources:
        assert s.file is not None and (SHARED / s.file).is_file(), s.file
    for item in [*scn.model.cards, *scn.model.events]:
        assert item.source == "public record" or item.source in ids, item.id
    # the date of the Shahed strikes is not in the May 2024 article: it cites the public record
    drones = scn.cards["drones_for_front"]
    assert (drones.date, drones.source) == ("2022-10", "public record")
    assert scn.event_index["kazan_summit"].source == "public record"  # after the Ashgabat article
