"""The rulebook and the data agree: every marked number in docs/rules.md is the engine's.

A number in the rulebook is written in bold and followed by a marker naming what it is:
``**5**<!--=rules.hand_size-->``. This test computes each named value from the loaded
scenarios (or, for the few numbers the engine itself fixes, from the engine's behaviour) and
compares. A marker the test does not know fails; so does a value it knows that the book
never states.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from diplomacy_game.engine import Game, PendingPlay
from diplomacy_game.engine.actions import Boost, PlayCard
from diplomacy_game.engine.context import Ctx
from diplomacy_game.engine.effects import apply_effects
from diplomacy_game.engine.operations import pressure_modifier
from diplomacy_game.engine.turn import month_name
from diplomacy_game.scenario import models as m
from diplomacy_game.scenario.loader import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "diplomacy_game" / "data" / "scenarios"
RULES = ROOT / "diplomacy_game" / "data" / "rules" / "rules.md"
MARK = re.compile(r"\*\*([^*]+?)\*\*<!--=([\w.\-]+)-->")


def marks(text: str) -> list[tuple[str, str, int]]:
    """(stated value, key, line) for every marked number in the text."""
    out = []
    for mt in MARK.finditer(text):
        out.append((mt.group(1).strip(), mt.group(2), text.count("\n", 0, mt.start()) + 1))
    return out


def as_int(s: str) -> int | None:
    s = s.replace("−", "-").replace("+", "").strip()
    s = re.sub(r"^(up to its maximum of|at least)\s+", "", s)
    return int(s) if re.fullmatch(r"-?\d+", s) else None


# ------------------------------------------------------------------ what the data says


def _walk(effects: list[m.Effect]) -> Iterator[m.Effect]:
    for e in effects:
        yield e
        if isinstance(e, m.EIf):
            yield from _walk(e.then)
            yield from _walk(e.else_)
        elif isinstance(e, m.ERoll):
            for o in e.roll.outcomes:
                yield from _walk(o.effects)


def _signing(effects: list[m.Effect]) -> tuple[int, int]:
    """(Partnership needed, VP each) of the branch of ``effects`` that signs the treaty."""
    for e in _walk(effects):
        if not isinstance(e, m.EIf):
            continue
        conds = e.if_.all if isinstance(e.if_, m.CAll) else [e.if_]
        need = [c.track.at_least for c in conds if isinstance(c, m.CTrack) and c.track.id == "partnership"]
        sets = any(isinstance(x, m.EFlag) and x.flag.set == "treaty_signed" for x in e.then)
        if need and sets:
            vps = {x.vp.add for x in e.then if isinstance(x, m.EVp)}
            assert len(vps) == 1, "both partners gain the same VP"
            assert need[0] is not None
            return need[0], vps.pop()
    raise AssertionError("no treaty signing found")


def _upkeep_threshold(scn: Scenario, index: int, track: str) -> int:
    e = scn.model.upkeep[index]
    assert isinstance(e, m.EIf) and isinstance(e.if_, m.CTrack) and e.if_.track.id == track
    assert e.if_.track.at_least is not None
    return e.if_.track.at_least


def _engine_constants(scn: Scenario) -> dict[str, int]:
    """The few numbers the engine fixes, measured by playing them."""
    out: dict[str, int] = {}
    g = Game.new(scn, 1)
    while True:  # to the first card play, then play a card for operations and boost
        seat = g.to_act()[0]
        if g.state.pending and isinstance(g.state.pending, PendingPlay):
            break
        g.apply(g.legal_actions(seat)[0], seat)
    card = g.state.hands[seat][0]
    g.apply(PlayCard(card, "ops"), seat)
    eco, pts = g.state.economy[seat], g.state.pending.points  # type: ignore[index]
    g.apply(Boost(), seat)
    out["rules.boost_cost"] = eco - g.state.economy[seat]
    assert g.state.pending.points - pts == 1  # type: ignore[index]
    # pressure: +1 for a controlled neighbour (Russia controls Russia, next to Georgia)
    st = g.state
    base = sum(t.pressure for t in scn.leaders[st.leaders["russia"]].traits)
    assert st.influence["russia"]["russia"] >= 8
    out["pressure.adjacent_bonus"] = pressure_modifier(scn, st, "russia", "georgia") - base
    # stability is kept within its range by the engine
    for add in (-9, 9):
        apply_effects(scn, st, [m.EStability.model_validate({"stability": {"region": "armenia", "add": add}})],
                      Ctx())
        out["stability.min" if add < 0 else "stability.max"] = st.stability["armenia"]
    return out


def expected(main: Scenario, short: Scenario, headline: Scenario | None = None) -> dict[str, Any]:
    e: dict[str, Any] = {}
    if headline is not None:  # the Headlines game: the book names its calendar and its one new number
        assert headline.rules.headline is not None and main.rules.headline is None
        e["headline.first_month"] = month_name(headline.months[0])
        e["headline.last_month"] = month_name(headline.months[-1])
        e["headline.turns"] = len(headline.months)
        e["headline.action_rounds"] = headline.rules.action_rounds
        e["headline.start.partnership"] = headline.model.setup.tracks["partnership"]
    e["factions"] = len(main.factions)
    for tag, scn in (("main", main), ("short", short)):
        e[f"{tag}.first_month"] = month_name(scn.months[0])
        e[f"{tag}.last_month"] = month_name(scn.months[-1])
        e[f"{tag}.turns"] = len(scn.months)
        e[f"{tag}.action_rounds"] = scn.rules.action_rounds
        for t in ("partnership", "western_concern"):
            e[f"{tag}.start.{t}"] = scn.model.setup.tracks[t]
        for i, month in enumerate(scn.model.scoring.months):
            e[f"{tag}.scoring.{i}"] = month_name(month)
    regions = [r for r in main.map.model.regions if not r.offmap]
    e["map.regions"] = len(regions)
    e["map.battlegrounds"] = sum(1 for r in regions if r.battleground)
    stab = [r.stability for r in main.map.model.regions]
    r = main.rules
    for k in ("hand_size", "influence_cost", "influence_cost_controlled", "max_influence", "pressure_cost",
              "pressure_die", "economy_max", "boost_limit"):
        e[f"rules.{k}"] = getattr(r, k)
        assert getattr(short.rules, k) == getattr(r, k), f"{k} differs in the short game: the book says it does not"
    incomes = {f.income for f in main.model.factions}
    assert len(incomes) == 1, "the book gives one income for all"
    e["income.russia"] = incomes.pop()
    for ld in main.model.leaders:
        for t in ld.traits:
            for k in ("ops", "pressure", "income", "hand_size"):
                if getattr(t, k):
                    e[f"leader.{ld.id}.{k}"] = getattr(t, k)
    for t in main.model.tracks:
        e[f"track.{t.id}.min"] = t.min
        e[f"track.{t.id}.max"] = t.max
    cards = list(main.cards.values())
    e["cards.total"] = len(cards)
    for owner in ("russia", "iran", "west", "neutral"):
        e[f"cards.{owner}"] = sum(1 for c in cards if c.owner == owner)
    e["cards.start"] = sum(1 for c in cards if c.deck == "start")
    e["cards.ops_min"] = min(c.ops for c in cards)
    e["cards.ops_max"] = max(c.ops for c in cards)
    for a in main.actions.values():
        e[f"action.{a.id}.cost"] = a.cost
    per_turn = {a.per_turn for a in main.actions.values()}
    assert len(per_turn) == 1, "the book gives one per-turn limit for all faction actions"
    e["action.per_turn"] = per_turn.pop()
    # pressure in a battleground
    bg = r.pressure_battleground
    assert len(bg) == 1 and isinstance(bg[0], m.EIf) and isinstance(bg[0].if_, m.CSelfIs)
    assert sorted(bg[0].if_.self_is) == ["iran", "russia"]
    (inc,) = bg[0].then
    assert isinstance(inc, m.ETrack) and inc.track.id == "western_concern"
    e["pressure.battleground_concern"] = inc.track.add
    # the crisis
    wc = main.tracks["western_concern"]
    (crisis,) = wc.on_max  # the second crisis in one's own round ends the game (then), else the first
    assert isinstance(crisis, m.EIf) and isinstance(crisis.if_, m.CAll)
    assert {type(c) for c in crisis.if_.all} == {m.CFlag, m.CPhasing}
    (end,) = [x for x in crisis.then if isinstance(x, m.EEndGame)]
    assert end.end_game.loser == "self"
    vp = [x for x in crisis.else_ if isinstance(x, m.EVp)]
    reset = [x for x in crisis.else_ if isinstance(x, m.ETrack)]
    assert len(vp) == 1 and vp[0].vp.faction == "self" and len(reset) == 1
    e["crisis.vp_loss"] = -vp[0].vp.add
    e["crisis.reset"] = reset[0].track.set
    # upkeep, in the book's order
    e["upkeep.partners_pay.at_least"] = _upkeep_threshold(main, 0, "partnership")
    for i in (0, 1):  # the partnership pays Russia and Iran alike
        pay = main.model.upkeep[i]
        assert isinstance(pay, m.EIf)
        pays = sorted((x.vp.faction, x.vp.add) for x in pay.then if isinstance(x, m.EVp))
        assert pays == [("iran", 1), ("russia", 1)]
    e["upkeep.both_pay.at_least"] = _upkeep_threshold(main, 1, "partnership")
    e["upkeep.west_pays.at_least"] = _upkeep_threshold(main, 2, "western_concern")
    e["upkeep.slip.at_least"] = _upkeep_threshold(main, 3, "partnership")
    e["upkeep.slip_more.at_least"] = _upkeep_threshold(main, 4, "partnership")
    drift = main.model.upkeep[5]
    assert isinstance(drift, m.ETrack) and drift.track.id == "western_concern"
    assert drift.track.add is not None
    e["upkeep.concern_drift"] = -drift.track.add
    axis = main.model.upkeep[6:]  # Iran's pay for Iraq, Syria and Lebanon
    assert len(axis) == 3 and all(isinstance(x, m.EIf) for x in axis)
    axis_vp = {x.vp.add for a in axis if isinstance(a, m.EIf) for x in a.then if isinstance(x, m.EVp)}
    assert len(axis_vp) == 1
    e["upkeep.axis_vp"] = axis_vp.pop()
    # the discard outlets
    outlets = {f: d for d in main.rules.discard for f in d.factions}
    assert sorted(outlets) == ["iran", "russia", "west"]
    assert len({(d.per_turn, d.min_ops) for d in outlets.values()}) == 1, "the book gives one limit for all"
    e["outlet.per_turn"] = outlets["russia"].per_turn
    e["outlet.min_ops"] = outlets["russia"].min_ops
    (calm,) = outlets["russia"].effects
    (alarm,) = outlets["west"].effects
    assert isinstance(calm, m.ETrack) and isinstance(alarm, m.ETrack) and calm.track.add == -(alarm.track.add or 0)
    e["outlet.concern"] = -(calm.track.add or 0)
    assert short.model.upkeep == main.model.upkeep, "the book gives one upkeep for both games"
    # scoring
    e["scoring.battleground_vp"] = main.model.scoring.battleground_vp
    assert short.model.scoring.battleground_vp == main.model.scoring.battleground_vp
    for bloc, v in main.model.scoring.blocs.items():
        for tier in ("presence", "domination", "control"):
            e[f"bloc.{bloc}.{tier}"] = getattr(v, tier)
            sv = getattr(short.model.scoring.blocs[bloc], tier)
            if sv != getattr(v, tier):
                e[f"short.bloc.{bloc}.{tier}"] = sv
    # events and the treaty
    for ev in main.events:
        e[f"event.{ev.id}.date"] = ev.date
    kazan = main.event_index["kazan_summit"]
    e["treaty.kazan.partnership"], e["treaty.kazan.vp"] = _signing(kazan.then)
    e["treaty.moscow.partnership"], e["treaty.moscow.vp"] = _signing(main.event_index["treaty_moscow"].effects)
    e["treaty.early.partnership"], e["treaty.early.vp"] = _signing(main.cards["treaty_final_stages"].effects)
    # victory
    e["victory.threshold"] = main.model.victory.threshold
    (final,) = main.model.victory.final
    assert isinstance(final, m.EIf) and isinstance(final.if_, m.CFlag) and final.if_.flag == "treaty_signed"
    treaty_vp = {x.vp.add for x in final.then if isinstance(x, m.EVp)}
    (no_treaty,) = [x for x in final.else_ if isinstance(x, m.EVp)]
    assert len(treaty_vp) == 1 and no_treaty.vp.faction == "west"
    e["victory.treaty_vp"] = treaty_vp.pop()
    e["victory.no_treaty_vp"] = no_treaty.vp.add
    e.update(_engine_constants(main))
    e["stability.range_in_map"] = (min(stab), max(stab))
    return e


# ------------------------------------------------------------------ the tests


@pytest.fixture(scope="module")
def book() -> str:
    return RULES.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    main = load_scenario(SCENARIOS / "from_tabriz_to_kazan.yaml")
    short = load_scenario(SCENARIOS / "ashgabat_to_kazan.yaml")
    return expected(main, short, load_scenario(SCENARIOS / "tabriz_to_kazan_headline.yaml"))


def test_the_book_marks_numbers(book: str) -> None:
    assert len(marks(book)) >= 80


def test_every_marked_number_agrees_with_the_data(book: str, data: dict[str, Any]) -> None:
    wrong = []
    for stated, key, line in marks(book):
        if key not in data:
            wrong.append(f"docs/rules.md:{line}: unknown marker '{key}'")
            continue
        want = data[key]
        got: Any = as_int(stated) if isinstance(want, int) else stated
        if got != want:
            wrong.append(f"docs/rules.md:{line}: the book says {stated!r} for {key}; the data says {want!r}")
    assert not wrong, "\n".join(wrong)


def test_every_important_number_is_stated(book: str, data: dict[str, Any]) -> None:
    stated = {key for _v, key, _l in marks(book)}
    missing = sorted(k for k in data if k not in stated and k != "stability.range_in_map")
    assert not missing, f"the rulebook never states: {', '.join(missing)}"


def test_map_stability_within_the_engine_range(data: dict[str, Any]) -> None:
    lo, hi = data["stability.range_in_map"]
    assert data["stability.min"] <= lo and hi <= data["stability.max"]


def test_the_checker_catches_a_wrong_number(data: dict[str, Any]) -> None:
    bad = "Draw up to **6**<!--=rules.hand_size--> cards."
    ((stated, key, _line),) = marks(bad)
    assert as_int(stated) != data[key]


def test_pictures_exist(book: str) -> None:
    pics = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", book)
    assert len(pics) >= 3
    for p in pics:
        assert (RULES.parent / p).is_file(), p
        assert p.startswith("images/")


def test_every_section_the_issue_asks_for(book: str) -> None:
    heads = [h.lower() for h in re.findall(r"^##+ (.+)$", book, re.MULTILINE)]
    for want in ("components", "the map", "the tracks", "the cards", "the leaders", "a turn", "operations",
                 "pressure", "control", "the opponent-event rule", "timeline events and secret choices",
                 "the crisis", "scoring", "victory"):
        assert any(want == h or h.startswith(want) for h in heads), want


# ------------------------------------------------------------------ the book's examples, played


def _blank(scn: Scenario) -> Game:
    g = Game.new(scn, 1)
    for r in g.state.influence:
        g.state.influence[r] = {f: 0 for f in scn.factions}
    return g


def test_control_examples() -> None:
    from diplomacy_game.engine.control import controller

    scn = load_scenario(SCENARIOS / "from_tabriz_to_kazan.yaml")
    g = _blank(scn)
    st = g.state
    assert st.stability["kazakhstan"] == 3 and st.stability["syria"] == 1
    for region, inf, want in (("kazakhstan", {"russia": 4}, "russia"), ("kazakhstan", {"russia": 4, "iran": 2}, None),
                              ("syria", {"iran": 3, "russia": 2}, "iran"), ("syria", {"iran": 2, "russia": 2}, None)):
        st.influence[region] = {f: inf.get(f, 0) for f in scn.factions}
        assert controller(scn, st, region) == want, (region, inf)


def test_pressure_example(monkeypatch: pytest.MonkeyPatch) -> None:
    from diplomacy_game.engine import chance, operations

    scn = load_scenario(SCENARIOS / "from_tabriz_to_kazan.yaml")
    g = _blank(scn)
    st = g.state
    st.influence["russia"]["russia"] = 8
    st.influence["georgia"]["west"] = 2
    assert st.leaders["russia"] == "putin" and st.stability["georgia"] == 2
    assert scn.map.regions["georgia"].battleground
    assert pressure_modifier(scn, st, "russia", "georgia") == 2  # Old Hand +1, a controlled neighbour +1
    # a die of 3: total 5 beats stability 2 by 3, but the West had only 2; Western Concern +1
    monkeypatch.setattr(chance.rng, "roll", lambda _st, _sides: 3)  # the pressure roll is sampled there
    concern = st.tracks["western_concern"]
    assert operations.resolve_pressure(scn, st, "russia", "georgia", "west") == 2
    assert st.influence["georgia"]["west"] == 0
    assert st.tracks["western_concern"] == concern + 1


def test_scoring_example() -> None:
    from diplomacy_game.engine.scoring import score_blocs

    scn = load_scenario(SCENARIOS / "from_tabriz_to_kazan.yaml")
    g = _blank(scn)
    st = g.state
    st.influence["azerbaijan"]["russia"] = 4
    st.influence["armenia"]["russia"] = 4
    st.influence["georgia"]["west"] = 4
    before = dict(st.vp)
    score_blocs(scn, st)
    gained = {f: st.vp[f] - before[f] for f in scn.factions}
    assert gained["russia"] == 5 and gained["west"] == 2 and gained["iran"] == 0
