"""Catch-up recap: the moves since a seat's last turn, showing only what that seat may see."""

from __future__ import annotations

from helpers import play_random

from diplomacy_game.engine import Game, PendingChoice
from diplomacy_game.engine.recap import recap


def _random_game(scn, steps: int, seed: int = 1) -> Game:
    return play_random(Game.new(scn, seed=seed), steps, seed)


def test_recap_shows_the_moves_since_the_mark_in_order(short_scn):
    g = _random_game(short_scn, 60)
    moves = g.state.moves
    steps = recap(short_scn, g.state.seed, moves, 30, "russia")
    assert steps, "other seats made moves with public log lines"
    idx = [s.index for s in steps]
    assert idx == sorted(idx) and idx[0] >= 30 and idx[-1] < len(moves)
    assert all(s.mover == moves[s.index][0] for s in steps)
    # the last step's view is the seat's view of the game now
    final = steps[-1].view
    assert final.log == g.view("russia").log[: len(final.log)]


def test_recap_lines_are_exactly_the_new_log_lines_the_seat_may_read(short_scn):
    g = _random_game(short_scn, 80, seed=3)
    for seat in short_scn.factions:
        steps = recap(short_scn, g.state.seed, g.state.moves, 20, seat)
        start_len = len(Game.replay(short_scn, g.state.seed, g.state.moves[:20]).view(seat).log)
        seen = [e for s in steps for e in s.lines]
        assert seen == list(g.view(seat).log[start_len:])
        assert all(e.visible(seat) for e in seen)


def test_recap_never_shows_another_seats_hand_or_secret_pick(main_scn):
    g = _random_game(main_scn, 150, seed=5)
    for seat in main_scn.factions:
        for s in recap(main_scn, g.state.seed, g.state.moves, 0, seat):
            assert s.view.seat == seat
            # the view holds this seat's hand only; of the others, counts
            assert set(s.view.hand_sizes) == set(main_scn.factions)
            assert len(s.view.hand) == s.view.hand_sizes[seat]
            p = s.view.pending
            if isinstance(p, PendingChoice) and p.secret:
                assert all(f == seat for f, _o in p.picks)  # its own pick at most
            for e in s.lines:
                assert e.visible_to is None or seat in e.visible_to


def test_recap_from_the_end_is_empty(short_scn):
    g = _random_game(short_scn, 20)
    assert recap(short_scn, g.state.seed, g.state.moves, len(g.state.moves), "iran") == []


def test_recap_gives_the_upkeep_and_each_month_a_step_of_its_own(short_scn):
    g = _random_game(short_scn, 400, seed=2)
    steps = recap(short_scn, g.state.seed, g.state.moves, 0, "iran")
    kinds_first = [s.lines[0].kind for s in steps]
    assert "upkeep" in kinds_first and "turn" in kinds_first
    for s in steps:  # a step never runs on past the start of another
        assert all(e.kind not in ("upkeep", "turn", "event", "game_over") for e in s.lines[1:])
