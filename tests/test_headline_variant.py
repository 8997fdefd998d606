"""The bundled headline variant (``tabriz_to_kazan_headline``) is the main scenario with the
headline pick on and one balance number changed: everything else is the parent's, read through
``extend``, so a fix to the main game reaches the variant without a copy to keep in step."""

from __future__ import annotations

from helpers import MAIN, SCENARIOS

from diplomacy_game.engine import Game
from diplomacy_game.engine.state import Phase
from diplomacy_game.scenario.loader import load_scenario
from diplomacy_game.validation import validate_file

VARIANT = SCENARIOS / "tabriz_to_kazan_headline.yaml"


def test_the_variant_validates_without_a_warning() -> None:
    assert [d.format() for d in validate_file(str(VARIANT))] == []


def test_only_the_headline_and_the_starting_partnership_differ_from_the_main_scenario() -> None:
    child, parent = load_scenario(VARIANT).model, load_scenario(MAIN).model
    assert child.extend == "from_tabriz_to_kazan.yaml" and parent.extend is None
    fields = set(type(child).model_fields)
    differ = {k for k in fields if getattr(child, k) != getattr(parent, k)}
    assert differ == {"id", "title", "summary", "extend", "rules", "setup"}
    assert child.id == "tabriz_to_kazan_headline" and child.title != parent.title
    assert parent.rules.headline is None and child.rules.headline is not None
    assert child.rules.headline.order == "ops"
    assert child.rules.model_copy(update={"headline": None}) == parent.rules  # the rest of 'rules' is the parent's
    assert child.setup.tracks == {**parent.setup.tracks, "partnership": 1}
    assert child.setup.model_copy(update={"tracks": parent.setup.tracks}) == parent.setup
    for key in ("cards", "events", "factions", "upkeep", "scoring", "victory", "faction_actions"):
        assert getattr(child, key) == getattr(parent, key), key  # the content is the parent's


def test_month_1_opens_with_a_headline_for_all_three_before_any_action_round() -> None:
    game = Game.new(load_scenario(VARIANT), 7)
    assert game.to_act() == ("russia",)  # the crash's answer first, as in the main game
    game.apply(next(a for a in game.legal_actions("russia") if str(a).startswith("choose")), "russia")
    assert game.state.phase == Phase.HEADLINE and game.state.turn == 0
    assert sorted(game.to_act()) == ["iran", "russia", "west"]
    assert all(str(a).startswith("headline ") for a in game.legal_actions("west"))
