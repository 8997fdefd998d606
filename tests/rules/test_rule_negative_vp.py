"""VP have no floor (rulebook, "running total of victory points"): a loss at 0 VP leaves a
negative total, which is shown, counted and compared like any other."""

from __future__ import annotations

from pydantic import TypeAdapter
from rules_helpers import at_play

from diplomacy_game.engine import PlayCard
from diplomacy_game.engine.context import Ctx
from diplomacy_game.engine.effects import apply_effects
from diplomacy_game.engine.game import Game
from diplomacy_game.engine.scoring import finish
from diplomacy_game.resources import rules_path
from diplomacy_game.scenario.loader import Scenario
from diplomacy_game.scenario.models import Effect


def test_rule_vp_can_go_below_zero_by_a_crisis(playing):
    st = playing.state
    st.vp["red"] = 0
    st.tracks["tension"] = 3
    at_play(playing, "red", "escalate")
    playing.apply(PlayCard("escalate", "event"), "red")  # the crisis costs red 2 VP at 0
    assert st.vp["red"] == -2
    assert playing.view("blue").vp["red"] == -2  # every seat sees it


def test_rule_vp_below_zero_in_the_main_game_crisis(main_scn: Scenario) -> None:
    """The shipped crisis: Iran at 0 VP pushes Western Concern to 5 and ends at −1 VP."""
    game = Game.new(main_scn, seed=3)
    st = game.state
    st.vp["iran"] = 0
    st.tracks["western_concern"] = 4
    track = main_scn.tracks["western_concern"]
    assert track.max == 5 and not st.has_flag("west_on_alert")
    push = TypeAdapter(list[Effect]).validate_python([{"track": {"id": "western_concern", "add": 1}}])
    apply_effects(main_scn, st, push, Ctx(actor="iran"))  # Iran's push: the first crisis
    assert st.vp["iran"] == -1
    assert any(e.kind == "vp" and e.text == "Iran -1 VP (now -1)." for e in st.log)
    # a negative total is compared like any other at the end
    st.vp.update({"russia": -1, "west": -3})
    finish(main_scn, st, "test")
    assert st.outcome is not None and set(st.outcome.winners) == {"russia", "iran"}


def test_the_rulebook_says_vp_can_go_below_zero() -> None:
    text = rules_path().read_text(encoding="utf-8")
    assert "VP can go below 0" in text
