"""Issue 12: the screen's tooltips restate no rule; where they explain one, the words are the
engine's (``engine/explain.py``), made from the scenario's own numbers and names."""

from __future__ import annotations

import pygame
from helpers import MAIN, ROOT, SHORT
from ui_driver import Driver

from diplomacy_game.engine import explain
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.ui.scenes import hints, kit

HINTS = ROOT / "diplomacy_game" / "ui" / "scenes" / "hints.py"


def test_hints_hold_no_rule_prose_nor_scenario_names() -> None:
    src = HINTS.read_text(encoding="utf-8")
    for phrase in ("point per influence", "Roll a d", "Only a move up", "Each turn is a month", "points not spent",
                   "its event then happens", "Spend 1 economy", "Russia", "Iran", "treaty", "sanctions",
                   "its event does not happen", "An event marked"):
        assert phrase not in src, phrase


def test_the_rules_in_words_follow_the_scenario() -> None:
    main, short = load_scenario(MAIN), load_scenario(SHORT)
    assert "4 action rounds" in explain.turn_words(main) and "3 action rounds" in explain.turn_words(short)
    assert f"{main.faction(main.factions[0]).name} first" in explain.turn_words(main)
    assert explain.pressure_words(short).startswith(f"{short.rules.pressure_cost} points. Roll a d")
    assert f"At most {main.rules.max_influence} in a region" in explain.influence_words(main)
    assert "45 VP wins at once" in explain.victory_words(main)
    assert explain.opponent_event_words(main, "west", "levant_network") == (
        "If you play this Iranian card for operations, its event then happens for Iran.")
    assert explain.opponent_event_words(main, "iran", "levant_network") == ""  # its own card
    assert explain.crisis_words(main, "western_concern").startswith("At 5 — crisis:")


def test_the_tooltips_show_the_engines_words() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=2, path=MAIN)
    d.step()
    zones = {z.title: z.body for z in hints.zones(gs)}
    scn = gs.scn
    assert explain.turn_words(scn) in zones.values()
    assert zones[f"{scn.faction('iran').name}: {gs.view.vp['iran']} VP"] == explain.victory_words(scn)
    assert any(b.startswith(explain.economy_words(scn, "west")) for b in zones.values())
    concern = next(b for t, b in zones.items() if t.startswith("Western Concern"))
    assert explain.crisis_words(scn, "western_concern") in concern
    for key, words in (("mode:influence", explain.influence_words(scn)), ("mode:pressure", explain.pressure_words(scn)),
                       ("boost", explain.boost_words(scn)), ("done", explain.end_ops_words())):
        b = kit.Button(key, key, pygame.Rect(0, 0, 10, 10))
        assert hints.button_text(gs, b)[1].startswith(words), key
