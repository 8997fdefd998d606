"""The outlet's tooltip (s6-play P3-3) gives its limits, from the scenario's own numbers: how often a
turn, the least operations, that it takes the action round, and its condition when it has one."""

from __future__ import annotations

import dataclasses

from helpers import MAIN

from diplomacy_game.engine.explain import discard_words
from diplomacy_game.scenario import models as m
from diplomacy_game.scenario.loader import load_scenario


def _with_outlet(**numbers: object):  # type: ignore[no-untyped-def]
    scn = load_scenario(MAIN)
    outlets = [o.model_copy(update=numbers) for o in scn.model.rules.discard]
    rules = scn.model.rules.model_copy(update={"discard": outlets})
    return dataclasses.replace(scn, model=scn.model.model_copy(update={"rules": rules}))


def test_rule_discard_outlet_words_name_its_limits() -> None:
    scn = load_scenario(MAIN)
    iran = discard_words(scn, "iran")
    outlet = next(o for o in scn.model.rules.discard if "iran" in o.factions)
    assert outlet.per_turn == 1 and outlet.min_ops == 2  # the shipped numbers the words must carry
    assert iran.startswith(f"{outlet.name}: set the card aside.")
    assert "Once a turn" in iran and "at least 2 operations" in iran and "action round" in iran
    assert outlet.text is not None and outlet.text in iran
    assert discard_words(scn, "west") != iran  # the West's own outlet


def test_rule_discard_outlet_words_follow_the_scenario_numbers() -> None:
    scn = _with_outlet(per_turn=2, min_ops=3)
    words = discard_words(scn, "russia")
    assert "Up to 2 times a turn" in words and "at least 3 operations" in words
    assert "Once a turn" not in words
    scn = _with_outlet(min_ops=0, **{"if_": m.CFlag(flag="west_on_alert")})
    words = discard_words(scn, "russia")
    assert "any card in your hand," in words and "operations (its printed value)" not in words
    assert "Open only while the West is on alert." in words
    assert discard_words(scn, None) == ""
