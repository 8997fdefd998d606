"""The headline (``rules.headline``): after the draw every faction with a card picks one in
secret; the picks are revealed together and their events fire in order, before the rounds."""

from __future__ import annotations

import pytest
from rules_helpers import set_hand, with_rules

from diplomacy_game.ai import decide, make_player
from diplomacy_game.engine import Game, IllegalAction, PendingHeadline, PendingPlay, PickHeadline, PlayCard
from diplomacy_game.engine.actions import parse_action
from diplomacy_game.engine.decision import decision_from_json
from diplomacy_game.engine.state import Phase
from diplomacy_game.scenario import models as m


@pytest.fixture
def headline(monkeypatch, game):
    """The tiny game with a headline each month, stopped at January's headline picks."""
    with_rules(monkeypatch, game, headline=m.Headline())
    game.apply("choose dove", "red")
    return game


def _hands(game: Game, **hands: list[str]) -> None:
    for f, cards in hands.items():
        set_hand(game, f, *cards)


def test_headline_opens_after_the_draw_for_every_faction_with_a_card(headline):
    st = headline.state
    assert isinstance(st.pending, PendingHeadline)
    assert st.phase == Phase.HEADLINE
    assert headline.to_act() == ("red", "blue", "green")
    assert all(st.hands[f] for f in ("red", "blue", "green"))  # drawn first
    assert headline.legal_actions("red") == [PickHeadline(c) for c in sorted(
        st.hands["red"], key=headline.scenario.card_order.__getitem__)]
    assert parse_action("headline aid") == PickHeadline("aid")


def test_headline_pick_is_secret_in_other_views_until_revealed(headline):
    _hands(headline, red=["one_shot", "aid"], blue=["blue_plot", "deal"], green=["filler_one", "filler_three"])
    seen = {f: len(headline.view(f).log) for f in ("blue", "green")}
    public_seen = len(headline.view(None).log)
    headline.apply(PickHeadline("one_shot"), "red")
    st = headline.state
    assert headline.to_act() == ("blue", "green")
    assert st.hands["red"] == ["one_shot", "aid"]  # the card stays in hand until the reveal
    blue = headline.view("blue")
    assert isinstance(blue.pending, PendingHeadline)
    assert blue.pending.pick_of("red") is None and blue.pending.hidden == ("red",)
    assert blue.pending.chosen == ("red",)
    assert blue.hand_sizes["red"] == 2
    assert [e.text for e in blue.log[seen["blue"]:]] == ["Red has picked its headline."]
    assert not any("One Shot" in e.text or "one_shot" in str(e.data) for e in blue.log[seen["blue"]:])
    assert not any("One Shot" in e.text for e in headline.view(None).log[public_seen:])
    red = headline.view("red")
    assert red.pending.pick_of("red") == "one_shot"
    assert any("One Shot" in e.text for e in red.log)


def test_headline_reveal_fires_events_highest_operations_first_before_the_first_round(headline):
    _hands(headline, red=["one_shot", "aid"], blue=["blue_plot", "deal"], green=["filler_one", "filler_three"])
    st = headline.state
    vp = dict(st.vp)
    headline.apply(PickHeadline("one_shot"), "red")    # 1 op: +1 VP for red
    headline.apply(PickHeadline("blue_plot"), "blue")  # 3 ops: +1 VP for blue
    headline.apply(PickHeadline("filler_three"), "green")  # 3 ops
    assert st.vp["red"] == vp["red"] + 1 and st.vp["blue"] == vp["blue"] + 1
    fired = [e.data["card"] for e in st.log if e.kind == "headline_event"]
    assert fired == ["blue_plot", "filler_three", "one_shot"]  # by operations; ties in faction order
    assert any(e.kind == "headline_reveal" for e in st.log)
    assert "one_shot" in st.removed and "blue_plot" in st.discard
    assert st.hands["red"] == ["aid"] and st.hands["blue"] == ["deal"]
    assert st.phase == Phase.ACTIONS and st.pending == PendingPlay("red")


def test_headline_of_another_factions_card_fires_for_its_owner(headline):
    _hands(headline, red=["blue_plot"], blue=["deal"], green=["filler_one"])
    st = headline.state
    vp = dict(st.vp)
    headline.apply(PickHeadline("blue_plot"), "red")
    headline.apply(PickHeadline("deal"), "blue")  # its condition (Trust 4) does not hold: discarded
    headline.apply(PickHeadline("filler_one"), "green")
    assert st.vp["blue"] == vp["blue"] + 1 and st.vp["red"] == vp["red"]
    assert "deal" in st.discard


def test_headline_in_faction_order_when_the_scenario_says_so(monkeypatch, game):
    with_rules(monkeypatch, game, headline=m.Headline(order="factions"))
    game.apply("choose dove", "red")
    _hands(game, red=["one_shot"], blue=["blue_plot"], green=["filler_four"])
    for f, c in (("green", "filler_four"), ("red", "one_shot"), ("blue", "blue_plot")):
        game.apply(PickHeadline(c), f)
    fired = [e.data["card"] for e in game.state.log if e.kind == "headline_event"]
    assert fired == ["one_shot", "blue_plot", "filler_four"]


def test_headline_refuses_other_actions_and_cards_not_in_hand(headline):
    _hands(headline, red=["one_shot"], blue=["blue_plot"], green=["filler_one"])
    assert "pick your headline" in headline.why_illegal(PlayCard("one_shot", "event"), "red")
    assert "not in your hand" in headline.why_illegal(PickHeadline("blue_plot"), "red")
    headline.apply(PickHeadline("one_shot"), "red")
    with pytest.raises(IllegalAction):
        headline.apply(PickHeadline("one_shot"), "red")  # red has picked: it is not its decision now


def test_headline_stored_form_round_trip_and_replay(headline):
    _hands(headline, red=["one_shot", "aid"], blue=["blue_plot"], green=["filler_one"])
    headline.apply(PickHeadline("aid"), "red")
    p = headline.state.pending
    assert isinstance(p, PendingHeadline)
    data = p.to_json()
    assert data == {"kind": "headline", "factions": ["red", "blue", "green"], "picks": {"red": "aid"}}
    assert decision_from_json(data) == p
    again = Game.from_json(headline.scenario, headline.to_json())
    assert again.hash() == headline.hash()
    with pytest.raises(AssertionError):
        headline.view("blue").pending.to_json()  # a seat's view is not a state


def test_headline_no_faction_with_a_card_skips_it(headline):
    from diplomacy_game.engine.cards import open_headline

    st = headline.state
    st.pending = None
    for f in st.hands:
        st.deck.extend(st.hands[f])
        st.hands[f] = []
    assert open_headline(headline.scenario, st) is False
    assert st.pending is None


@pytest.mark.parametrize("level", ["normal", "hard"])
def test_headline_computer_players_pick_the_card_that_pays(headline, level):
    _hands(headline, red=["filler_one", "one_shot", "filler_three"], blue=["blue_plot"], green=["filler_four"])
    g = headline
    pick = decide(make_player(level, 5), g, "red")
    assert pick == PickHeadline("one_shot")  # +1 VP at once; the fillers do nothing


def test_headline_computer_player_decides_the_same_whatever_the_others_picked(headline):
    _hands(headline, red=["one_shot"], blue=["blue_plot", "deal"], green=["filler_four", "filler_one"])
    headline.apply(PickHeadline("one_shot"), "red")
    a = Game.from_json(headline.scenario, headline.to_json())
    b = Game.from_json(headline.scenario, headline.to_json())
    # green picks before blue: blue's pick must not depend on which card green picked
    a.apply(PickHeadline("filler_four"), "green")
    b.apply(PickHeadline("filler_one"), "green")
    assert a.view("blue").pending == b.view("blue").pending  # nothing of green's pick is shown
    assert decide(make_player("normal", 3), a, "blue") == decide(make_player("normal", 3), b, "blue")
