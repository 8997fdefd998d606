"""Scoring, upkeep, the victory threshold, final effects and the outcome."""

from __future__ import annotations

from helpers import play_random
from rules_helpers import at_play, end_turn

from diplomacy_game.engine import Game, PlayCard
from diplomacy_game.engine.game import score_history
from diplomacy_game.engine.scoring import (
    bloc_breakdown,
    bloc_tiers,
    recording,
    score_blocs,
    upkeep,
)


def _clear(game):
    for r in game.state.influence:
        for f in game.state.influence[r]:
            game.state.influence[r][f] = 0


def _own(game, faction, *regions):
    """Give ``faction`` firm control of ``regions`` (4 influence: over any stability)."""
    for r in regions:
        game.state.influence[r][faction] = 4


def _tiers(game, bloc):
    return {f: t for f, (t, _n, _bg) in bloc_tiers(game.scenario, game.state, bloc).items()}


def test_bloc_scoring_presence_domination_control(playing):
    # south: gamma (battleground), delta (battleground), blueland; the box is off the map
    _clear(playing)
    _own(playing, "blue", "blueland")
    assert _tiers(playing, "south") == {"red": None, "blue": "presence", "green": None}
    _own(playing, "blue", "delta")  # most regions and one battleground of two
    assert _tiers(playing, "south")["blue"] == "domination"
    _own(playing, "blue", "gamma")  # most regions and every battleground
    assert _tiers(playing, "south")["blue"] == "control"


def test_domination_needs_a_battleground(playing):
    _clear(playing)
    _own(playing, "blue", "blueland")
    _own(playing, "red", "redland", "beta")  # two regions, no battleground
    assert _tiers(playing, "north")["red"] == "presence"


def test_domination_and_control_need_more_regions_than_each_other_faction(playing):
    _clear(playing)
    _own(playing, "blue", "blueland")
    _own(playing, "red", "gamma")  # a battleground, but 1 region against blue's 1
    assert _tiers(playing, "south") == {"red": "presence", "blue": "presence", "green": None}
    _own(playing, "blue", "delta")
    assert _tiers(playing, "south") == {"red": "presence", "blue": "domination", "green": None}
    # red holds gamma: blue cannot have every battleground, so no control
    _own(playing, "green", "box")
    assert _tiers(playing, "south")["blue"] == "domination"


def test_offmap_box_does_not_score(playing):
    _clear(playing)
    _own(playing, "green", "box")
    assert _tiers(playing, "south")["green"] is None


def test_battleground_vp(playing):
    st = playing.state
    _clear(playing)
    _own(playing, "blue", "blueland", "delta")  # domination 2 + 1 battleground
    _own(playing, "red", "gamma", "alpha")  # south presence 1 + 1; north control 5 + 1
    st.vp = {"red": 0, "blue": 0, "green": 0}
    score_blocs(playing.scenario, st)
    assert st.vp == {"red": 2 + 6, "blue": 3, "green": 0}


def test_scoring_only_in_scoring_months(playing):
    scn, st = playing.scenario, playing.state
    vp = dict(st.vp)
    assert scn.months[0] not in scn.model.scoring.months
    upkeep(scn, st)  # January: no scoring
    assert st.vp == vp
    st.turn = 1  # February scores: red presence north, blue presence south
    upkeep(scn, st)
    assert st.vp == {"red": vp["red"] + 1, "blue": vp["blue"] + 1, "green": vp["green"]}


def test_upkeep_income_and_clamp(playing):
    scn, st = playing.scenario, playing.state
    st.economy = {"red": 3, "blue": 0, "green": 10}
    upkeep(scn, st)
    # red: income 2 + trait 1; blue: 1; green: capped at economy_max 10
    assert st.economy == {"red": 6, "blue": 1, "green": 10}
    st.leaders["red"] = "red_caretaker"  # income trait -1
    upkeep(scn, st)
    assert st.economy["red"] == 7


def test_upkeep_effects(playing):
    scn, st = playing.scenario, playing.state
    upkeep(scn, st)
    assert st.vp["green"] == 0
    st.tracks["tension"] = 4
    upkeep(scn, st)
    assert st.vp["green"] == 1


def test_vp_history_recorded_each_upkeep(playing):
    st = playing.state
    assert st.vp_history == []
    end_turn(playing)
    assert st.vp_history == [{"red": 1, "blue": 0, "green": 0}]


def test_upkeep_then_next_turn(playing):
    st = playing.state
    end_turn(playing)
    assert st.turn == 1
    assert any(e.kind == "turn" and e.data["month"] == "2030-02" for e in st.log)


def test_victory_threshold_ends_game_at_once(playing):
    st = playing.state
    st.vp["red"] = 19
    at_play(playing, "red", "one_shot")
    playing.apply(PlayCard("one_shot", "event"), "red")
    assert playing.is_over()
    out = playing.outcome()
    assert out.winners == ("red",) and out.vp["red"] == 20
    assert out.turn == 1
    assert "20" in out.reason
    assert playing.to_act() == ()
    assert playing.state.phase == "over"


def test_victory_threshold_ends_game_before_a_pending_choice(playing):
    st = playing.state
    st.vp["blue"] = 19
    at_play(playing, "blue", "dilemma")
    playing.apply(PlayCard("dilemma", "event"), "blue")  # +1 vp, then a choice
    assert st.vp["blue"] == 20
    assert playing.is_over()
    assert playing.to_act() == ()


def test_victory_threshold_reached_at_scoring(playing):
    st = playing.state
    st.vp["blue"] = 19
    end_turn(playing)  # January does not score: the game goes on
    assert not playing.is_over()
    st.vp["blue"] = 19
    st.pending = None
    end_turn(playing)  # February scores blue's presence in the south
    assert playing.is_over()
    assert playing.outcome().winners == ("blue",)
    assert playing.outcome().turn == 2


def _last_upkeep(game):
    st = game.state
    st.turn = len(game.scenario.months) - 1
    st.event_cursor = len(game.scenario.events)
    end_turn(game)


def test_final_effects_and_most_vp_wins(playing):
    st = playing.state
    st.vp = {"red": 3, "blue": 4, "green": 0}
    st.tracks["trust"] = 5  # final: red +2
    _last_upkeep(playing)  # March scores: red +1, blue +1
    out = playing.outcome()
    assert out is not None
    assert out.vp == {"red": 6, "blue": 5, "green": 0}
    assert out.winners == ("red",) and not out.is_draw
    assert out.turn == 3
    assert playing.returns() == {"red": 1.0, "blue": 0.0, "green": 0.0}


def test_final_effects_only_when_their_condition_holds(playing):
    st = playing.state
    st.vp = {"red": 3, "blue": 4, "green": 0}
    _last_upkeep(playing)
    assert playing.outcome().winners == ("blue",)


def test_shared_victory_on_tie(playing):
    st = playing.state
    st.vp = {"red": 3, "blue": 3, "green": 0}
    _last_upkeep(playing)
    out = playing.outcome()
    assert out.winners == ("red", "blue")
    assert out.is_draw
    assert playing.returns() == {"red": 0.5, "blue": 0.5, "green": 0.0}


def test_game_lasts_the_calendar(scn):
    """Driving every seat with its first legal action ends after the last month."""
    from diplomacy_game.engine import Game

    g = Game.new(scn, seed=3)
    steps = 0
    while not g.is_over() and steps < 500:
        seat = g.to_act()[0]
        g.apply(g.legal_actions(seat)[0], seat)
        steps += 1
    assert g.is_over()
    assert g.state.turn == len(scn.months) - 1
    assert len(g.state.vp_history) == len(scn.months)


def test_choice_with_no_one_able_to_answer_is_skipped(playing):
    # if no option is open, the choice is skipped and play goes on
    st = playing.state
    from diplomacy_game.engine.context import Ctx
    from diplomacy_game.engine.timeline import open_choice

    ev = playing.scenario.event_index["summit"]
    only_bribe = ev.choice.model_copy(update={"options": [ev.choice.options[3]]})
    st.economy = {"red": 0, "blue": 0, "green": 0}
    st.pending = None
    open_choice(playing.scenario, st, "event", "summit", only_bribe, Ctx(event="summit"))
    assert st.pending is None
    assert st.log[-1].kind == "choice_skipped"
    assert "summit" not in st.choices


def test_bloc_breakdown_names_who_held_what_and_adds_up_to_the_vp_scored(playing):
    scn, st = playing.scenario, playing.state
    _clear(playing)
    _own(playing, "blue", "blueland", "delta")  # south: domination + 1 battleground
    _own(playing, "red", "gamma", "alpha")  # south presence + 1 battleground; north control + 1
    south = bloc_breakdown(scn, st, "south")
    rows = {r.faction: r for r in south.factions}
    assert set(rows["blue"].regions) == {"blueland", "delta"} and rows["blue"].battlegrounds == ("delta",)
    assert rows["blue"].tier == "domination" and rows["red"].tier == "presence" and rows["green"].tier is None
    assert rows["green"].regions == () and rows["green"].vp == 0
    assert "box" not in south.uncontrolled + rows["green"].regions  # off the map: never scored
    vp = {f: 0 for f in scn.factions}
    for bloc in scn.model.scoring.blocs:
        for r in bloc_breakdown(scn, st, bloc).factions:
            vp[r.faction] += r.vp
    before = dict(st.vp)
    with recording() as seen:
        score_blocs(scn, st)  # the breakdown is what the rule scores, bloc by bloc
    assert {f: st.vp[f] - before[f] for f in scn.factions} == vp
    assert [s.bloc for s in seen] == list(scn.model.scoring.blocs)
    assert seen[0] == bloc_breakdown(scn, st, seen[0].bloc)


def test_score_history_replays_every_scoring_of_a_game_and_changes_nothing(short_scn):
    game = play_random(Game.new(short_scn, 5), 2000, seed=5)  # to the end
    assert game.is_over()
    moves = [list(mv) for mv in game.state.moves]
    before = game.hash()
    history = score_history(short_scn, 5, moves)
    lines = [e for e in game.state.log if e.kind == "score"]
    assert history and len(history) == len(lines)  # one breakdown for each scoring line of the log
    for score, line in zip(history, lines, strict=True):
        assert score.bloc == line.data["bloc"] and score.turn == line.turn
        assert line.text.startswith(f"Scoring {score.name}: ")
        for row in score.factions:  # the points each faction scored, as the log says them
            name = short_scn.faction(row.faction).name
            assert (f"{name} +{row.vp} " in line.text) == (row.vp > 0)
    assert game.hash() == before
