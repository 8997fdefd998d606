"""Flags in words (s6-play P3-6): the calendar's tooltip reads "Happens only if Iran's president has
agreed to attend the Kazan summit and the treaty is signed", from the scenario's optional ``flags:``
words, not "'Iran attends kazan' and 'Treaty signed'"; without words a flag is told from its id."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

from helpers import MAIN, SHORT

from diplomacy_game.engine.conditions import describe_condition
from diplomacy_game.engine.words import flag_clause, flag_word
from diplomacy_game.scenario import models as m
from diplomacy_game.scenario.diagnostics import ContentError
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.ui.scenes.hints import event_text
from diplomacy_game.validation import validate_paths


def _flag_ids(c: m.Condition) -> list[str]:
    out: list[str] = []
    if isinstance(c, m.CFlag):
        out.append(c.flag)
    for sub in (getattr(c, "all", None), getattr(c, "any", None)):
        for x in sub or []:
            out += _flag_ids(x)
    if isinstance(c, m.CNot):
        out += _flag_ids(c.not_)
    return out


def test_the_calendar_tooltip_words_flags_as_the_scenario_names_them() -> None:
    for path in (MAIN, SHORT):  # the short game takes the main game's words (extend)
        scn = load_scenario(path)
        names = {f.id: f for f in scn.model.flags}
        told = 0
        for ev in scn.events:
            if ev.if_ is None:
                continue
            _title, body = event_text(SimpleNamespace(scn=scn), ev)
            cond = body.splitlines()[1]
            assert cond.startswith("Happens only if ") and cond.endswith(".")
            for fl in _flag_ids(ev.if_):
                assert fl in names, f"{path.name}: the flag {fl!r} has no words"
                assert fl not in body and fl.replace("_", " ") not in body.lower()  # never the raw id
                assert names[fl].name in cond or (names[fl].unset or "") in cond
                told += 1
            assert not re.search(r"[“”‘]|(^|\s)'", cond), cond  # a sentence, no code-like quotes
        assert told >= 5
    scn = load_scenario(MAIN)
    kazan = scn.event_index["kazan_summit"]
    assert kazan.if_ is not None
    assert describe_condition(scn, kazan.if_) == ("Iran's president has agreed to attend the Kazan summit "
                                                  "and the treaty is not signed")


def test_a_flag_without_words_is_told_from_its_id(tmp_path: Path) -> None:
    scn = load_scenario(MAIN)
    assert flag_clause(scn, "treaty_signed") == "the treaty is signed"
    assert flag_word(scn, "west_on_alert") == "The West is on alert"
    assert flag_clause(scn, "iran_is_free") == "Iran is free is set"  # a faction id in its name
    assert flag_clause(scn, "iran_is_free", negated=True) == "Iran is free is not set"
    child = tmp_path / "child.yaml"
    for f in (MAIN, MAIN.parent / "map.yaml"):
        (tmp_path / f.name).write_text(f.read_text())
    child.write_text(f"kind: scenario\nextend: {MAIN.name}\nid: child\nflags:\n"
                     "  - {id: treaty_signed, name: the deal is done}\n")
    kid = load_scenario(child)
    assert flag_clause(kid, "treaty_signed", negated=True) == "not so: the deal is done"  # no 'unset' given


def test_flag_words_are_checked_where_they_are_written(tmp_path: Path) -> None:
    for f in (MAIN, MAIN.parent / "map.yaml"):
        (tmp_path / f.name).write_text(f.read_text())
    child = tmp_path / "dupe.yaml"
    child.write_text(f"kind: scenario\nextend: {MAIN.name}\nid: dupe\nflags:\n"
                     "  - {id: treaty_signed, name: the deal is done}\n"
                     "  - {id: treaty_signed, name: the deal is sealed}\n")
    try:
        load_scenario(child)
    except ContentError as exc:
        msgs = [d.format() for d in exc.diagnostics]
    else:
        raise AssertionError("a duplicate flag id loaded")
    assert any("dupe.yaml:6:" in x and "duplicate id 'treaty_signed' in flags" in x for x in msgs), msgs


def test_a_named_flag_that_nothing_sets_is_warned_about(tmp_path: Path) -> None:
    for f in (MAIN, MAIN.parent / "map.yaml"):
        (tmp_path / f.name).write_text(f.read_text())
    child = tmp_path / "named.yaml"
    child.write_text(f"kind: scenario\nextend: {MAIN.name}\nid: named\nflags:\n"
                     "  - {id: treaty_signd, name: the deal is done}\n")
    _count, diags = validate_paths([str(child)])
    msgs = [d.format() for d in diags]
    assert any(x.startswith(f"{child}:5:") and "warning: the flag 'treaty_signd' is named but never set" in x
               and "treaty_signed" in x for x in msgs), msgs
