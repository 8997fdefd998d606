"""Invariants at every step of 1,000 seeded random games of the main scenario (and the short one)."""

from __future__ import annotations

import pytest

from diplomacy_game.engine import Game, IllegalAction, PendingChoice, PlayCard
from diplomacy_game.engine.deck import cards_in_play
from diplomacy_game.scenario.loader import Scenario
from diplomacy_game.scenario.models import STABILITY_MAX, STABILITY_MIN
from diplomacy_game.simulate import RandomPlayer

GAMES = 1000


def _check_invariants(scn: Scenario, g: Game) -> None:
    st = g.state
    cap = scn.rules.max_influence
    for r, per in st.influence.items():
        for f, n in per.items():
            assert 0 <= n <= cap, (r, f, n)
    for t, v in st.tracks.items():
        tr = scn.tracks[t]
        assert tr.min <= v <= tr.max, (t, v)
    for e in st.economy.values():
        assert 0 <= e <= scn.rules.economy_max
    for r, s in st.stability.items():
        assert STABILITY_MIN <= s <= STABILITY_MAX, (r, s)
    # every card is in exactly one place (a card whose operations are being spent: in none of the piles)
    held = cards_in_play(st.pending, st.queue)
    places = [*st.deck, *st.discard, *st.removed, *(c for h in st.hands.values() for c in h), *held]
    assert len(places) == len(set(places))
    assert st.turn < len(scn.months)


def _check_secrecy(scn: Scenario, g: Game) -> None:
    for seat in scn.factions:
        v = g.view(seat)
        assert list(v.hand) == g.state.hands[seat]
        for e in v.log[-12:]:
            if e.kind in ("draw", "secret_pick_own", "card_added"):
                assert e.visible_to is None or e.visible_to == [seat]
        p = v.pending
        if isinstance(p, PendingChoice) and p.secret:
            assert all(f == seat for f, _o in p.picks)  # its own pick at most


def _run(scn: Scenario, seed: int, deep: bool) -> None:
    g = Game.new(scn, seed)
    player = RandomPlayer(seed)
    steps = 0
    while not g.is_over():
        acting = g.to_act()
        assert acting, "nobody to act in an unfinished game"
        seat = acting[0]
        legal = g.legal_actions(seat)
        assert legal, "a seat to act with no legal action"
        if deep and steps % 7 == 0:
            # an illegal action (a card from another seat's hand, or a wrong seat) changes nothing
            before = g.hash()
            others = [f for f in scn.factions if f not in acting]
            with pytest.raises(IllegalAction):
                if others:
                    g.apply(legal[0], others[0])
                else:
                    g.apply(PlayCard("no_such_card", "ops"), seat)
            assert g.hash() == before
            for a in legal:
                assert g.why_illegal(a, seat) is None
            _check_secrecy(scn, g)
        g.apply(player.pick(legal), seat)
        _check_invariants(scn, g)
        steps += 1
        assert steps < 5000
    out = g.outcome()
    assert out is not None and out.turn <= len(scn.months)


@pytest.mark.parametrize("block", range(10))
def test_invariants_hold_in_random_games_of_the_main_scenario(main_scenario, block) -> None:  # type: ignore[no-untyped-def]
    per = GAMES // 10
    for seed in range(block * per, (block + 1) * per):
        _run(main_scenario, seed, deep=seed % 10 == 0)


def test_invariants_hold_in_random_games_of_the_short_scenario(short_scenario) -> None:  # type: ignore[no-untyped-def]
    for seed in range(200):
        _run(short_scenario, seed, deep=seed % 5 == 0)
