"""Timeline events and choices, including secret simultaneous choices."""

from __future__ import annotations

import pytest
from rules_helpers import end_turn, log_kinds

from diplomacy_game.engine import Choose, IllegalAction, PendingChoice, PlayCard


def _event_log(game):
    return [e.data["event"] for e in game.state.log if e.kind in ("event", "event_skipped")]


def test_timeline_events_fire_in_date_order_in_their_month(game):
    st = game.state
    # 'early' (2030-01-02) is listed after 'opening' (2030-01-05) in the file but fires first
    assert st.has_flag("early_done") and not st.has_flag("early_after_opening")
    assert _event_log(game) == ["early", "opening"]
    assert isinstance(st.pending, PendingChoice) and st.pending.id == "opening"
    assert st.phase == "timeline"  # the draw waits for the choice


def test_events_wait_for_their_month(playing):
    st = playing.state
    assert "summit" not in _event_log(playing)
    end_turn(playing)
    assert st.turn == 1
    assert _event_log(playing)[-1] == "summit"


def test_events_on_the_same_date_fire_in_file_order(playing):
    st = playing.state
    end_turn(playing)  # February: the summit's secret choice
    playing.apply(Choose("hold"), "red")
    playing.apply(Choose("hold"), "blue")
    end_turn(playing)  # March
    assert st.turn == 2
    assert _event_log(playing)[-3:] == ["march_one", "march_two", "march_late"]
    assert st.has_flag("m2")  # march_two saw march_one's flag
    assert st.has_flag("late_after_m1")


def test_event_condition_false_skips_event(playing):
    st = playing.state
    assert "never" in _event_log(playing)
    assert "event_skipped" in log_kinds(playing)
    assert st.vp["red"] == 1  # only 'dove': the skipped event's +5 did not happen


def test_choice_effects_and_then_applied(game):
    st = game.state
    assert game.to_act() == ("red",)
    assert game.legal_actions("red") == [Choose("hawk"), Choose("dove")]
    game.apply(Choose("hawk"), "red")
    assert st.tracks["tension"] == 2
    assert st.has_flag("opened")
    assert st.choices["opening"] == {"red": "hawk"}
    assert st.phase == "actions"  # the draw followed


def test_choice_option_hidden_when_its_condition_fails(game):
    reason = game.why_illegal(Choose("sulk"), "red")
    assert reason is not None and "not open to you" in reason
    assert "no option" in game.why_illegal(Choose("nope"), "red")
    with pytest.raises(IllegalAction):
        game.apply(Choose("sulk"), "red")


def test_choice_must_be_answered_before_anything_else(game):
    reason = game.why_illegal(PlayCard("aid", "event"), "red")
    assert reason is not None and "answer the choice" in reason
    assert "not your turn" in game.why_illegal(Choose("hawk"), "blue")


# --------------------------------------------------------------------------- secret choices


@pytest.fixture
def summit(playing):
    end_turn(playing)
    p = playing.state.pending
    assert isinstance(p, PendingChoice) and p.id == "summit" and p.secret
    return playing


def test_secret_choice_asks_every_chooser_at_once(summit):
    assert summit.to_act() == ("red", "blue")
    assert summit.legal_actions() == []  # the seat must be named
    assert "name the seat" in summit.why_illegal(Choose("commit"))
    with pytest.raises(IllegalAction):
        summit.apply(Choose("commit"))


def test_choice_option_restricted_by_faction_and_condition(summit):
    st = summit.state
    assert st.economy["red"] == 6 and st.economy["blue"] == 3  # after January's income
    assert summit.legal_actions("red") == [Choose("commit"), Choose("hold"), Choose("bribe")]
    assert summit.legal_actions("blue") == [Choose("commit"), Choose("hold"), Choose("walk_out")]
    assert "not open" in summit.why_illegal(Choose("walk_out"), "red")
    assert "not open" in summit.why_illegal(Choose("bribe"), "blue")
    st.economy["blue"] = 5
    assert Choose("bribe") in summit.legal_actions("blue")


def test_secret_choice_hidden_until_all_chose(summit):
    st = summit.state
    summit.apply(Choose("commit"), "red")
    assert summit.to_act() == ("blue",)
    blue = summit.view("blue")
    assert blue.pending.chosen == ("red",)  # who has chosen...
    assert blue.pending.picks == () and blue.pending.pick_of("blue") is None  # ...but not what
    assert blue.pending.pick_of("red") is None
    assert "opening" in blue.choices and "summit" not in blue.choices
    # no log line the blue seat (or a spectator) can see names red's pick
    for seat in ("blue", None):
        seen = [e for e in summit.view(seat).log if e.turn == 1]
        assert any(e.kind == "secret_pick" and e.data["faction"] == "red" for e in seen)
        for e in seen:
            assert e.kind not in ("secret_pick_own", "choice", "reveal")
            assert "option" not in e.data and "picks" not in e.data
            assert "chose in secret" not in e.text
    red = summit.view("red")
    assert red.pending.pick_of("red") == "commit"
    assert any(e.kind == "secret_pick_own" for e in red.log)
    assert st.choices.get("summit") is None


def test_secret_choice_revealed_together_then_applied(summit):
    st = summit.state
    summit.apply(Choose("commit"), "blue")
    assert st.tracks["trust"] == 2
    summit.apply(Choose("commit"), "red")
    assert st.choices["summit"] == {"red": "commit", "blue": "commit"}
    assert st.tracks["trust"] == 5  # 'then': both committed
    reveal = [e for e in st.log if e.kind == "reveal"]
    assert reveal and reveal[-1].visible_to is None and reveal[-1].data["picks"] == {"red": "commit", "blue": "commit"}


def test_secret_choice_then_depends_on_every_pick(summit):
    st = summit.state
    summit.apply(Choose("commit"), "red")
    summit.apply(Choose("walk_out"), "blue")
    assert st.tracks["trust"] == 2


def test_secret_choice_option_effects_apply_to_their_chooser(summit):
    st = summit.state
    summit.apply(Choose("bribe"), "red")
    assert st.economy["red"] == 6  # not yet: revealed together
    summit.apply(Choose("hold"), "blue")
    assert st.economy["red"] == 4 and st.economy["blue"] == 3


def test_secret_choice_result_does_not_depend_on_who_chose_first(summit):
    a, b = summit.copy(), summit.copy()
    a.apply(Choose("bribe"), "red")
    a.apply(Choose("commit"), "blue")
    b.apply(Choose("commit"), "blue")
    b.apply(Choose("bribe"), "red")
    for attr in ("tracks", "economy", "vp", "choices", "flags", "influence"):
        assert getattr(a.state, attr) == getattr(b.state, attr)


def test_a_seat_cannot_choose_twice(summit):
    summit.apply(Choose("hold"), "red")
    assert "not your turn" in summit.why_illegal(Choose("commit"), "red")
