"""The shipped scenarios keep their history: leaders, dates and the calendar."""

from __future__ import annotations

import dataclasses

import pytest
from helpers import ROOT

from diplomacy_game.engine import Choose, Game, PendingChoice
from diplomacy_game.engine.actions import PlaceInfluence
from diplomacy_game.engine.context import Ctx
from diplomacy_game.engine.control import access
from diplomacy_game.engine.outlook import event_can_fire, opponent_event
from diplomacy_game.engine.ownership import ops_fires_event_of
from diplomacy_game.engine.targets import is_member, target_options
from diplomacy_game.scenario import models as m
from diplomacy_game.scenario.lint import walk
from diplomacy_game.scenario_tests import TestCase, start_game

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


def _early_treaty_at_ashgabat(scn):
    """A game at the meeting in Ashgabat whose treaty was signed early, in the summer (set in
    the state: which seeds of first legal plays sign it early changes with every scenario edit)."""
    return _at(scn, "2024-10-11", leaders={"iran": "pezeshkian"}, flags={"treaty_signed": True})


def test_ashgabat_and_kazan_fire_in_october_2024(main_scn):
    g = _early_treaty_at_ashgabat(main_scn)
    assert not g.is_over()
    st = g.state
    assert main_scn.months[st.turn] == "2024-10"
    assert st.pending.id == "ashgabat_meeting"
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
    g = _early_treaty_at_ashgabat(main_scn)
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
    # the visit to Moscow fires in the form that fits the game: the signing, or, after an early
    # treaty (as first legal plays sign it in this game), the celebration of the treaty in force
    fired = {e.data["event"] for e in st.log if e.kind == "event" and e.turn == st.turn}
    (visit,) = fired & {"treaty_moscow", "treaty_moscow_in_force"}
    signed_before = any("sign their treaty" in e.text for e in st.log if e.turn < st.turn)
    assert visit == ("treaty_moscow_in_force" if signed_before else "treaty_moscow")


# --------------------------------------------------------------------------- a treaty signed early


def _at(scn, start: str, phase: str = "timeline", **state):
    """A game of ``scn`` at ``start`` with the given state overrides (as a scenario test's)."""
    case = TestCase.model_validate({"name": "here", "start": start, "phase": phase, "state": state})
    return start_game(scn, case)


@pytest.mark.parametrize(("scenario", "start", "phase"),
                         [("main_scn", "2024-08", "actions"), ("short_scn", "2024-10-11", "timeline")])
def test_calendar_rules_out_the_events_of_a_treaty_still_to_sign_once_it_is_signed(scenario, start, phase,
                                                                                  request):
    scn = request.getfixturevalue(scenario)
    before = _at(scn, start, phase, leaders={"iran": "pezeshkian"})
    for eid in ("kazan_summit", "kazan_treaty_in_force", "treaty_moscow", "treaty_moscow_in_force"):
        assert event_can_fire(scn, before.state, eid), eid  # either way the treaty may still go
    after = _at(scn, start, phase, leaders={"iran": "pezeshkian"}, flags={"treaty_signed": True})
    st = after.state
    # nothing clears the flag: the summit's secret choice and the signing in Moscow are ruled out
    # (the summit's other part, Iran's invitation, is still open: the 'all' is ruled out anyway)
    assert not event_can_fire(scn, st, "kazan_summit")
    assert not event_can_fire(scn, st, "treaty_moscow")
    # and their treaty-signed forms are what the calendar shows ahead
    assert event_can_fire(scn, st, "kazan_treaty_in_force")
    assert event_can_fire(scn, st, "treaty_moscow_in_force")
    assert event_can_fire(scn, st, "kazan_without_iran")  # Iran may still decline the invitation


def test_the_calendar_agrees_with_the_events_that_fire_after_an_early_treaty(main_scn):
    g = _early_treaty_at_ashgabat(main_scn)
    st = g.state
    ahead = [ev.id for ev in main_scn.events[st.event_cursor:]]
    promised = {eid for eid in ahead if event_can_fire(main_scn, st, eid)}
    assert "kazan_summit" not in promised and "treaty_moscow" not in promised
    g.apply(Choose("accept"), "iran")
    fired = {e.data["event"] for e in st.log if e.kind == "event"}
    skipped = {e.data["event"] for e in st.log if e.kind == "event_skipped"}
    assert "kazan_treaty_in_force" in fired and {"kazan_summit", "kazan_without_iran"} <= skipped
    assert fired <= promised | {"ashgabat_meeting"}  # nothing fires that the calendar ruled out
    assert not any("Commit to the treaty" in e.text for e in st.log)
    # on to January: the visit to Moscow fires in its treaty-signed form, as the calendar said
    g = _at(main_scn, "2025-01-17", leaders={"iran": "pezeshkian"}, flags={"treaty_signed": True})
    done = {e.data["event"]: e.kind for e in g.state.log if e.kind in ("event", "event_skipped")}
    assert done == {"treaty_moscow_in_force": "event", "treaty_moscow": "event_skipped"}
    assert not any("comes to Moscow for the signing" in e.text for e in g.state.log)


def test_opponent_event_is_not_promised_once_the_treaty_card_lost_its_premise(main_scn):
    g = _at(main_scn, "2024-08", "actions", leaders={"iran": "pezeshkian"},
            hands={"russia": ["beijing_visit"], "iran": ["treaty_final_stages"]})
    # before the signing, Iran playing Russia's card for operations sets off Russia's event
    assert opponent_event(main_scn, g.state, "iran", "treaty_final_stages") == "russia"
    g.state.set_flag("treaty_signed")
    # signed: its condition can never hold again, so no button promises Russia's event
    assert ops_fires_event_of(main_scn, "iran", "treaty_final_stages") == "russia"  # the bare rule
    assert opponent_event(main_scn, g.state, "iran", "treaty_final_stages") is None
    # a card whose condition the operations may still change is promised: control moves with them
    assert opponent_event(main_scn, g.state, "russia", "sco_seat") == "iran"  # no condition
    assert opponent_event(main_scn, g.state, "russia", "treaty_final_stages") is None  # its own card


# --------------------------------------------------------------------------- homes


def test_rule_home_only_events_give_another_faction_influence_in_a_home(main_scn):
    # the rulebook's rule, word for word in the part that matters
    book = (ROOT / "diplomacy_game" / "data" / "rules" / "rules.md").read_text(encoding="utf-8")
    assert "no other faction\nmay place influence there with operations or press there" in book
    assert "Only events (of cards and of the\ncalendar) may give another faction influence in a home" in book
    # an event may: IAEA Censure gives the West a foothold in Iran
    g = _at(main_scn, "2024-06", "actions", hands={"west": ["iaea_censure"]})
    g.apply("play iaea_censure event", "west")
    assert g.state.influence["iran"]["west"] == 1
    # and Shoigu's visit gives Russia one
    g = _at(main_scn, "2024-08-05", leaders={"iran": "pezeshkian"})
    assert g.state.pending.id == "shoigu_in_tehran"
    assert g.state.influence["iran"]["russia"] == 1
    # operations may not, even from a foothold inside: the home stays closed to them
    g = _at(main_scn, "2024-06", "actions", influence={"west": {"iran": 1}}, hands={"west": ["nato_at_75"]})
    g.apply("play nato_at_75 ops", "west")
    assert PlaceInfluence("iran") not in g.legal_actions("west")
    reason = g.why_illegal(PlaceInfluence("iran"), "west")
    assert reason is not None and "home" in reason and "Iran" in reason
    # the foothold counts for reach beyond the home: with influence only at home and in Iran, the
    # West reaches Iran's neighbours (Afghanistan) through it, and not without it
    st = g.state
    for r, row in st.influence.items():
        if r not in ("west_home", "iran"):
            row["west"] = 0
    assert "afghanistan" in access(main_scn, st, "west")
    st.influence["iran"]["west"] = 0
    assert "afghanistan" not in access(main_scn, st, "west")


# --------------------------------------------------------------------------- dates and sources


def _last_day(date: str) -> str:
    """The latest day a loose date (YYYY, YYYY-MM or YYYY-MM-DD) can mean."""
    if len(date) == 4:
        return f"{date}-12-31"
    if len(date) == 7:
        return f"{date}-31"  # compared as text: no real day of the month sorts after it
    return date


def _adds(node: object, card: str) -> bool:
    return any(isinstance(x, m.EAddCard) and x.add_card.card == card for x, _ in walk(node, ()))


def _needed_flags(c: m.Condition | None) -> set[str]:
    """The flags a condition needs set (alone, or as a part of an 'all')."""
    if isinstance(c, m.CFlag):
        return {c.flag}
    if isinstance(c, m.CAll):
        return set().union(*(_needed_flags(x) for x in c.all))
    return set()


def _sets(node: object, flag: str) -> bool:
    return any(isinstance(x, m.EFlag) and x.flag.set == flag for x, _ in walk(node, ()))


def _first_month(scn, card_id: str, seen: frozenset[str] = frozenset()) -> str | None:
    """The first month ``card_id`` can be played for its event: the scenario's first for a card
    of the start deck, else the month of the first timeline event (or card) that adds it, and not
    before the first event that sets a flag its condition needs; None if it never can be."""

    def first(of) -> str | None:  # the first month of the events, or of the cards, that do ``of``
        months = [ev.date[:7] for ev in scn.events if of(ev)]
        for other in scn.cards.values():
            if other.id not in seen and other.id != card_id and of(other):
                got = _first_month(scn, other.id, seen | {card_id})
                if got is not None:
                    months.append(got)
        return min(months) if months else None

    card = scn.cards[card_id]
    entry = scn.months[0] if card.deck == "start" else first(lambda x: _adds(x, card_id))
    months = [entry]
    for flag in _needed_flags(card.if_):
        months.append(first(lambda x, flag=flag: _sets(x, flag)))
    return None if None in months else max(m_ for m_ in months if m_ is not None)


@pytest.mark.parametrize("scenario", ["main_scn", "short_scn"])
def test_no_card_or_event_cites_a_source_from_after_it_or_after_it_comes_into_play(scenario, request):
    scn = request.getfixturevalue(scenario)
    published = {src.id: src.date for src in scn.model.sources}
    wrong = []
    checked = 0
    for ev in scn.events:
        day = published.get(ev.source)
        if day is not None:
            checked += 1
            if day > (ev.end or ev.date):
                wrong.append(f"event {ev.id} ({ev.date}..{ev.end or ev.date}) cites {ev.source} of {day}")
    for card in scn.cards.values():
        day = published.get(card.source)
        if day is None:
            continue
        checked += 1
        if card.date and day > _last_day(str(card.date)):
            wrong.append(f"card {card.id} dated {card.date} cites {card.source} of {day}")
        first = _first_month(scn, card.id)
        if first is not None and day[:7] > first:
            wrong.append(f"card {card.id} is in play from {first} but cites {card.source} of {day}")
    assert checked >= 3  # Ashgabat and the cards of the crash and of Ashgabat cite their articles
    assert not wrong, "\n".join(wrong)


def test_a_reformer_at_the_un_is_not_in_play_before_september(main_scn):
    # public record, so no source date to check: its premise (the September speech) is checked here
    assert _first_month(main_scn, "reformer_at_un") == "2024-09"
    assert main_scn.cards["reformer_at_un"].date == "2024-09-24"
    assert _first_month(main_scn, "closer_than_to_others") == "2024-10"


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


RAISI_CARDS = ("kremlin_talks", "spring_calls", "islamabad_visit")  # each: "Only while Raisi leads Iran"


@pytest.mark.parametrize("seed", range(6))
def test_rule_a_card_whose_premise_is_gone_from_the_start_is_out_of_the_game(short_scn, seed):
    """The short game opens after Raisi's death, and nothing in it can make him Iran's leader
    again: his cards are out of the game from the start (never dealt, never drawn), and the log
    says so; every other card of the deck is still in play."""
    g = Game.new(short_scn, seed)
    st = g.state
    for card in RAISI_CARDS:
        assert short_scn.cards[card].if_ is not None
        assert card in st.removed
        assert card not in st.deck and all(card not in h for h in st.hands.values())
    start = {c.id for c in short_scn.model.cards if c.deck == "start"}
    in_play = set(st.deck) | {c for h in st.hands.values() for c in h}
    assert in_play == start - set(RAISI_CARDS)
    assert any(e.kind == "removed" and "Raisi in Islamabad" in e.text for e in st.log)


def test_cards_of_a_leader_still_in_office_start_in_the_deck(main_scn):
    """In the main game Raisi leads Iran at the start, so his cards are dealt as usual (his death
    in May takes them out, by the event's own effects)."""
    from diplomacy_game.engine.game import new_state

    st = new_state(main_scn, 1)
    assert st.leaders["iran"] == "raisi"
    in_play = set(st.deck)
    assert set(RAISI_CARDS) <= in_play and not st.removed


def test_belarus_counts_as_an_sco_member_only_from_the_astana_summit_of_july_2024(main_scn):
    assert main_scn.map.regions["belarus"].joined == {"sco": "2024-07"}
    seat = main_scn.cards["sco_seat"].target  # "an SCO member"
    assert seat is not None and seat.region is not None and seat.region.member == "sco"
    st = Game.new(main_scn, seed=1).state
    for month, member in (("2024-05", False), ("2024-06", False), ("2024-07", True), ("2024-10", True)):
        st.turn = main_scn.months.index(month)
        assert is_member(main_scn, st, "belarus", "sco") is member, month
        assert ("belarus" in target_options(main_scn, st, seat, Ctx(actor="iran"))) is member, month
        assert "russia" in target_options(main_scn, st, seat, Ctx(actor="iran"))  # a founding member, always
