"""The computer players read the rules through the engine: the options a sampled hidden
state gives the other seats are the ones the engine would accept (an option's ``if`` counts)."""

from __future__ import annotations

from rules_helpers import end_turn

from diplomacy_game.ai.determinize import sample_state
from diplomacy_game.ai.policy import EasyAI, RandomPlayer, choice_options, decide, make_player
from diplomacy_game.engine import Choose, PendingChoice
from diplomacy_game.engine.rng import seed_state


class _Gen:
    def __init__(self, seed: int) -> None:
        self.rng = seed_state(seed)


def _summit_red_chose(playing, red_economy: int):  # type: ignore[no-untyped-def]
    end_turn(playing)
    st = playing.state
    assert isinstance(st.pending, PendingChoice) and st.pending.id == "summit" and st.pending.secret
    st.economy["red"] = red_economy  # 'bribe' needs economy 5 or more
    accepted = {a.option for a in playing.legal_actions("red") if isinstance(a, Choose)}
    playing.apply(Choose("commit"), "red")
    return accepted


def test_ai_samples_only_secret_picks_the_engine_would_accept(playing):
    accepted = _summit_red_chose(playing, red_economy=0)
    assert accepted == {"commit", "hold"}  # 'bribe' fails its condition, 'walk_out' is blue's
    view = playing.view("blue")
    assert isinstance(view.pending, PendingChoice) and view.pending.hidden == ("red",)
    guesses = set()
    for seed in range(200):
        st = sample_state(playing.scenario, view, _Gen(seed))
        p = st.pending
        assert isinstance(p, PendingChoice) and p.hidden == ()
        guesses.add(p.pick_of("red"))
        assert p.pick_of("blue") is None  # blue has not chosen yet
    assert guesses == accepted  # each accepted option is sampled, nothing else


def test_ai_choice_options_are_the_engine_options(playing):
    _summit_red_chose(playing, red_economy=9)
    st = playing.state
    p = st.pending
    assert isinstance(p, PendingChoice)
    st.economy["blue"] = 0
    assert [o.id for o in choice_options(playing.scenario, st, p, "blue")] == ["commit", "hold", "walk_out"]
    st.economy["blue"] = 5
    ids = [o.id for o in choice_options(playing.scenario, st, p, "blue")]
    assert ids == [a.option for a in playing.legal_actions("blue") if isinstance(a, Choose)] and "bribe" in ids


def test_every_computer_player_answers_the_one_player_protocol(playing):
    seat = playing.to_act()[0]
    legal = playing.legal_actions(seat)
    for player in (RandomPlayer(3), make_player("random", 3), EasyAI(3), make_player("normal", 3),
                   make_player("hard", 3)):
        action = player.choose(playing.scenario, playing.view(seat), legal)
        assert action in legal
        assert decide(player, playing, seat) in legal
    # the random level is the RandomPlayer itself: the same seed gives the same picks
    a, b = RandomPlayer(11), make_player("random", 11)
    assert [a.choose(playing.scenario, playing.view(seat), legal) for _ in range(20)] == [
        b.choose(playing.scenario, playing.view(seat), legal) for _ in range(20)
    ]
