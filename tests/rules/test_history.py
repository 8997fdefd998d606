"""The shipped scenarios keep their history: leaders, dates and the calendar."""

from __future__ import annotations

import dataclasses

import pytest

from diplomacy_game.engine import Choose, Game, PendingChoice

# --------------------------------------------------------------------------- From Tabriz to Kazan


def test_main_scenario_calendar(main_scn):
    assert main_scn.months[0] == "2024-05"
    assert main_scn.months[-1] == "2025-01"
    assert len(main_scn.months) == 9
    assert main_scn.model.setup.leaders["iran"] == "raisi"


def test_crash_makes_mokhber_irans_leader_in_may_2024(main_scn):
    g = Game.new(main_scn, seed=1)
    st = g.state
    assert st.turn == 0 and main_scn.months[st.turn] == "2024-05"
    assert st.leaders["iran"] == "mokhber"
    ev = main_scn.event_index["raisi_crash"]
    assert ev.date == "2024-05-19"
    assert any(e.kind == "event" and e.data["event"] == "raisi_crash" and e.turn == 0 for e in st.log)
    # Russia answers the crash before anything else happens
    assert g.to_act() == ("russia",)
    assert st.pending.id == "raisi_crash"
    assert {a.option for a in g.legal_actions("russia")} == {"condolences", "call_mokhber", "offer_investigation"}


def test_mokhber_is_a_weaker_leader(main_scn):
    raisi, mokhber = main_scn.leaders["raisi"], main_scn.leaders["mokhber"]
    assert mokhber.faction == "iran"
    assert sum(t.ops for t in mokhber.traits) < sum(t.ops for t in raisi.traits)


def test_ashgabat_event_is_dated_2024_10_11(main_scn):
    ev = main_scn.event_index["ashgabat_meeting"]
    assert ev.date == "2024-10-11"
    assert ev.end is None
    assert ev.choice is not None and ev.choice.faction == "iran"
    assert {o.id for o in ev.choice.options} == {"accept", "decline"}


def test_kazan_summit_runs_22_to_24_october_2024(main_scn):
    ev = main_scn.event_index["kazan_summit"]
    assert (ev.date, ev.end) == ("2024-10-22", "2024-10-24")
    assert ev.choice is not None and ev.choice.secret
    assert ev.choice.factions == ["russia", "iran"]
    assert ev.place == "russia"


def test_treaty_event_is_2025_01_17(main_scn):
    ev = main_scn.event_index["treaty_moscow"]
    assert ev.date == "2025-01-17"
    assert main_scn.events[-1].date <= ev.date


def test_events_are_ordered_by_date(main_scn):
    dates = [ev.date for ev in main_scn.events]
    assert dates == sorted(dates)
    assert all(ev.date[:7] in main_scn.months for ev in main_scn.events)


def _play_until(game: Game, month: str, answers: dict[str, str]) -> None:
    """Play first legal actions (or the given answers to choices) until ``month`` begins,
    passing over an action that would end the game at once (a second Western crisis)."""
    scn = game.scenario
    while not game.is_over() and scn.months[game.state.turn] < month:
        seat = game.to_act()[0]
        p = game.state.pending
        if isinstance(p, PendingChoice) and p.id in answers:
            game.apply(Choose(answers[p.id]), seat)
            continue
        legal = game.legal_actions(seat)
        for a in legal:
            trial = Game(scn, game.state.clone(keep_log=False))
            trial.apply(a, seat)
            if not trial.is_over():
                break
        else:
            a = legal[0]
        game.apply(a, seat)


def test_ashgabat_and_kazan_fire_in_october_2024(main_scn):
    g = Game.new(main_scn, seed=2)
    _play_until(g, "2024-10", {})
    assert not g.is_over()
    st = g.state
    assert main_scn.months[st.turn] == "2024-10"
    assert st.pending.id == "ashgabat_meeting"
    assert st.has_flag("treaty_signed")  # this game signed the treaty early, in the summer
    g.apply(Choose("accept"), "iran")
    assert st.has_flag("iran_attends_kazan")
    # Kazan follows at once, in the same month; with the treaty already signed there is no
    # secret choice about committing to it (the summit would ask it again otherwise)
    fired = [e.data["event"] for e in st.log if e.kind == "event" and e.turn == st.turn]
    assert fired == ["ashgabat_meeting", "kazan_treaty_in_force"]
    assert not isinstance(st.pending, PendingChoice)
    assert not any("no text" in e.text for e in st.log)


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_kazan_without_iran_only_if_invitation_declined(main_scn, answer):
    g = Game.new(main_scn, seed=2)
    _play_until(g, "2024-10", {})
    g.apply(Choose(answer), "iran")
    st = g.state
    done = {e.data["event"]: e.kind for e in st.log if e.kind in ("event", "event_skipped")}
    assert done["kazan_summit"] == "event_skipped"  # the treaty is signed already in this game
    if answer == "accept":
        assert done["kazan_treaty_in_force"] == "event" and done["kazan_without_iran"] == "event_skipped"
    else:
        assert done["kazan_treaty_in_force"] == "event_skipped" and done["kazan_without_iran"] == "event"


def test_treaty_event_fires_on_the_last_turn(main_scn):
    # the calendar is under test, not the score: first legal plays give Iran 45 VP at the October
    # scoring, so the instant win is raised out of reach in a copy of the scenario
    m = main_scn.model
    victory = m.victory.model_copy(update={"threshold": 999})
    scn = dataclasses.replace(main_scn, model=m.model_copy(update={"victory": victory}))
    g = Game.new(scn, seed=1)
    _play_until(g, "2025-01", {})
    assert not g.is_over()
    st = g.state
    assert st.turn == len(scn.months) - 1
    assert any(e.kind == "event" and e.data["event"] == "treaty_moscow" and e.turn == st.turn for e in st.log)


# --------------------------------------------------------------------------- Ashgabat to Kazan


def test_short_scenario_starts_october_2024_with_pezeshkian(short_scn):
    assert short_scn.months == ("2024-10", "2024-11", "2024-12", "2025-01")
    g = Game.new(short_scn, seed=1)
    assert g.state.leaders["iran"] == "pezeshkian"
    assert g.view(None).month == "2024-10"
    # the parent's earlier events are dropped; Ashgabat is the first thing to happen
    assert "raisi_crash" not in short_scn.event_index
    assert short_scn.events[0].id == "ashgabat_meeting"
    assert g.state.pending.id == "ashgabat_meeting"
    assert g.to_act() == ("iran",)


def test_short_scenario_keeps_the_main_events_and_cards(main_scn, short_scn):
    for eid in ("ashgabat_meeting", "kazan_summit", "treaty_moscow"):
        assert short_scn.event_index[eid] == main_scn.event_index[eid]
    assert set(short_scn.cards) == set(main_scn.cards)
