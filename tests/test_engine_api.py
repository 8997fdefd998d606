"""The state API: purity, determinism, JSON round trip, replay, views, typed errors."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
from helpers import ROOT

from diplomacy_game.engine import ActionParseError, Game, IllegalAction, PendingPlay, PlayCard, StateError, parse_action
from diplomacy_game.simulate import RandomPlayer, play_random_game


def test_engine_imports_no_pygame() -> None:
    code = (
        "import sys; sys.modules['pygame'] = None\n"
        "import diplomacy_game.engine, diplomacy_game.scenario.loader, diplomacy_game.simulate\n"
        "assert not any(m.startswith('pygame') and sys.modules[m] is not None for m in sys.modules)\n"
        "print('ok')"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "ok"


def test_engine_never_prints(main_scenario, capsys) -> None:  # type: ignore[no-untyped-def]
    play_random_game(main_scenario, 3)
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_engine_never_uses_the_global_random(main_scenario, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def boom(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("global random used")

    for name in ("random", "randint", "randrange", "choice", "shuffle", "sample", "uniform", "getrandbits"):
        monkeypatch.setattr(random, name, boom)
    play_random_game(main_scenario, 4)


def test_same_seed_and_moves_give_the_same_hash(main_scenario) -> None:  # type: ignore[no-untyped-def]
    a = play_random_game(main_scenario, 11)
    b = play_random_game(main_scenario, 11)
    assert a.hash() == b.hash()
    replayed = Game.replay(main_scenario, 11, a.state.moves)
    assert replayed.hash() == a.hash()


def test_different_seeds_give_different_games(main_scenario) -> None:  # type: ignore[no-untyped-def]
    hashes = {play_random_game(main_scenario, s).hash() for s in range(5)}
    assert len(hashes) == 5


def test_json_round_trip_mid_game_then_play_on_identically(main_scenario) -> None:  # type: ignore[no-untyped-def]
    g = Game.new(main_scenario, 21)
    p = RandomPlayer(21)
    for _ in range(120):
        seat = g.to_act()[0]
        g.apply(p.pick(g.legal_actions(seat)), seat)
    text = json.dumps(g.to_json())
    h = Game.from_json(main_scenario, json.loads(text))
    assert h.hash() == g.hash()
    p1, p2 = RandomPlayer(5), RandomPlayer(5)
    while not g.is_over():
        seat = g.to_act()[0]
        g.apply(p1.pick(g.legal_actions(seat)), seat)
        h.apply(p2.pick(h.legal_actions(seat)), seat)
    assert g.hash() == h.hash()


def test_from_json_refuses_other_scenario_and_garbage(main_scenario, short_scenario) -> None:  # type: ignore[no-untyped-def]
    g = Game.new(main_scenario, 1)
    with pytest.raises(StateError):
        Game.from_json(short_scenario, g.to_json())
    with pytest.raises(StateError):
        Game.from_json(main_scenario, {"format": 1})
    with pytest.raises(StateError):
        Game.from_json(main_scenario, [1, 2])


def test_illegal_action_raises_typed_error_and_changes_nothing(main_scenario) -> None:  # type: ignore[no-untyped-def]
    g = Game.new(main_scenario, 2)
    while g.state.pending is None or not isinstance(g.state.pending, PendingPlay):
        seat = g.to_act()[0]
        g.apply(g.legal_actions(seat)[0], seat)
    seat = g.to_act()[0]
    other = next(f for f in main_scenario.factions if f != seat)
    before = g.hash()
    foreign = g.state.hands[other][0]
    with pytest.raises(IllegalAction) as exc:
        g.apply(PlayCard(foreign, "ops"), seat)
    assert "not in your hand" in exc.value.reason
    with pytest.raises(IllegalAction) as exc:
        g.apply(g.legal_actions(seat)[0], other)
    assert "not your turn" in exc.value.reason
    with pytest.raises(IllegalAction):
        g.apply("influence iran", seat)
    assert g.hash() == before


def test_legal_actions_are_in_a_fixed_order_and_support_in(main_scenario) -> None:  # type: ignore[no-untyped-def]
    g1, g2 = Game.new(main_scenario, 8), Game.new(main_scenario, 8)
    seat = g1.to_act()[0]
    assert g1.legal_actions(seat) == g2.legal_actions(seat)
    for a in g1.legal_actions(seat):
        assert (a, seat) in g1
    assert g1.legal_actions("nobody") == []


def test_action_text_round_trip_and_parse_errors() -> None:
    texts = ["play shahed_drones ops", "play x event", "influence iraq", "pressure iraq west"]
    texts += ["action sanctions iran", "action trade", "boost", "done", "target armenia", "choose accept"]
    for text in texts:
        assert str(parse_action(text)) == text
    for bad in ("", "fly iraq", "play x", "play x maybe", "influence Iraq", "done now"):
        with pytest.raises(ActionParseError):
            parse_action(bad)


def test_view_hides_hands_deck_order_and_rng(main_scenario) -> None:  # type: ignore[no-untyped-def]
    g = Game.new(main_scenario, 5)
    for seat in main_scenario.factions:
        v = g.view(seat)
        assert list(v.hand) == g.state.hands[seat]
        dumped = json.dumps(v.to_json())
        assert '"rng"' not in dumped and '"deck"' not in dumped and '"moves"' not in dumped
        for other in main_scenario.factions:
            if other == seat:
                continue
            for card in g.state.hands[other]:
                if card not in g.state.hands[seat]:
                    assert card not in dumped, (seat, card)
    spectator = g.view(None)
    assert spectator.hand == ()


def test_outcome_and_returns_at_the_end(main_scenario) -> None:  # type: ignore[no-untyped-def]
    g = play_random_game(main_scenario, 9)
    out = g.outcome()
    assert out is not None and g.is_over() and g.to_act() == ()
    assert set(out.winners) <= set(main_scenario.factions) and out.winners
    assert max(out.vp.values()) == out.vp[out.winners[0]]
    assert abs(sum(g.returns().values()) - 1.0) < 1e-9
    assert g.legal_actions() == []


def test_the_outcome_is_a_typed_value_in_the_state_and_round_trips_its_stored_form(main_scenario):  # type: ignore[no-untyped-def]
    from diplomacy_game.engine import GameState, Outcome, StateError

    g = play_random_game(main_scenario, 4)
    out = g.state.outcome
    assert isinstance(out, Outcome) and g.view("russia").outcome == out
    data = g.state.to_json()
    assert data["outcome"] == {"winners": list(out.winners), "vp": out.vp, "reason": out.reason, "turn": out.turn}
    back = GameState.from_json(data)
    assert back.outcome == out and back.hash() == g.state.hash()
    for bad in ({"winners": "russia", "vp": {}, "reason": "x", "turn": 1}, {"winners": []}, [1]):
        data["outcome"] = bad
        with pytest.raises(StateError):
            GameState.from_json(data)


def test_vp_history_ends_with_the_final_count(main_scenario, short_scenario) -> None:  # type: ignore[no-untyped-def]
    for scn in (main_scenario, short_scenario):
        for seed in range(6):
            g = play_random_game(scn, seed)
            out = g.outcome()
            assert out is not None
            assert g.state.vp_history[-1] == out.vp
            assert len(g.state.vp_history) == out.turn


def test_state_to_json_is_asdict_with_the_decision_in_stored_form_and_independent(main_scenario):
    from dataclasses import asdict

    g = Game.new(main_scenario, seed=4)
    r = random.Random(4)
    for _ in range(200):
        if g.is_over():
            break
        seat = g.to_act()[0]
        g.apply(r.choice(g.legal_actions(seat)), seat)
    data = g.state.to_json()
    expected = asdict(g.state)
    expected["format"] = 1
    assert g.state.pending is not None
    expected["pending"] = g.state.pending.to_json()  # with its 'kind', as older saves hold it
    assert expected.pop("losers") == []  # stored only when an ending has ruled a faction out
    assert data == expected
    assert json.loads(json.dumps(data)) == data
    before = g.hash()
    data["influence"][next(iter(data["influence"]))]["russia"] += 9
    data["log"][0]["data"]["x"] = 1
    data["moves"].append(["russia", "done"])
    assert g.hash() == before


def _states_with_every_decision(scn):  # type: ignore[no-untyped-def]
    """States waiting on each kind of decision (and one finished game)."""
    from diplomacy_game.engine import PendingChoice, PendingOps, PendingPlay, PendingTarget

    want = {PendingChoice, PendingOps, PendingPlay, PendingTarget}
    found = {}
    g = Game.new(scn, seed=3)
    r = random.Random(3)
    while not g.is_over() and set(found) != want:
        kind = type(g.state.pending)
        if kind in want and kind not in found:
            found[kind] = g.state.clone()
        seat = g.to_act()[0]
        g.apply(r.choice(g.legal_actions(seat)), seat)
    assert set(found) == want
    return [*found.values(), play_random_game(scn, 3).state]


def test_clone_equals_deepcopy_for_every_field(main_scenario):
    import copy
    from dataclasses import fields

    from diplomacy_game.engine import GameState

    for st in _states_with_every_decision(main_scenario):
        deep = copy.deepcopy(st)
        fast = st.clone()
        for f in fields(GameState):
            assert getattr(fast, f.name) == getattr(deep, f.name), f.name
        assert fast.hash() == st.hash() and fast.to_json() == st.to_json()
        bare = st.clone(keep_log=False)
        assert bare.log == [] and bare.moves == []
        assert all(getattr(bare, f.name) == getattr(st, f.name) for f in fields(GameState)
                   if f.name not in ("log", "moves"))


def test_clone_is_independent_of_the_original(main_scenario):
    for st in _states_with_every_decision(main_scenario):
        before = st.hash()
        c = st.clone()
        for v in vars(c).values():  # every mutable container, at every depth
            if isinstance(v, dict):
                for k in list(v):
                    if isinstance(v[k], dict):
                        v[k]["__x"] = 1
                    elif isinstance(v[k], list):
                        v[k].append("__x")
                v["__x"] = 1
            elif isinstance(v, list):
                for item in v:
                    if isinstance(item, dict):
                        item["__x"] = 1
                    elif isinstance(item, list):
                        item.append("__x")
                v.append("__x")
        assert st.hash() == before


def test_every_state_field_is_public_secret_or_bookkeeping_and_the_view_holds_the_public_ones(main_scenario):
    from dataclasses import fields

    from diplomacy_game.engine import GameState, SeatView
    from diplomacy_game.engine.state import BOOKKEEPING_FIELDS, SECRET_FIELDS, public_fields

    names = {f.name for f in fields(GameState)}
    public = set(public_fields())
    assert public | SECRET_FIELDS | BOOKKEEPING_FIELDS == names
    assert not (public & SECRET_FIELDS) and not (public & BOOKKEEPING_FIELDS)
    assert not (SECRET_FIELDS & BOOKKEEPING_FIELDS)
    view_names = {f.name for f in fields(SeatView)}
    assert public <= view_names  # a new public field must be shown (and sampled) too
    assert not (SECRET_FIELDS & view_names)


def test_no_code_reads_the_decision_by_key():
    # the decision is typed: its fields are attributes; only its stored form has a 'kind' key
    import re

    pattern = re.compile(r"pending\s*(\[|\.get\(|or \{\})")
    offenders = []
    for folder in ("diplomacy_game", "tests", "tools", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if pattern.search(line) and "pattern" not in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []
