"""One home per vocabulary kind: every condition and effect of the scenario format has its class,
every walker (rules, outlook, words, semantic checks, lint) goes through it, and a kind with no
class is treated conservatively."""

from __future__ import annotations

import copy
import re
import typing
from pathlib import Path
from typing import Any

import pytest

from diplomacy_game.engine import Game
from diplomacy_game.engine.conditions import (
    check_condition,
    condition_reads,
    describe_condition,
    holds,
    never_holds,
)
from diplomacy_game.engine.context import Ctx
from diplomacy_game.engine.effects import (
    apply_effects,
    check_effect,
    describe_effects,
    effect_supplies,
    effect_writes,
)
from diplomacy_game.engine.outlook import condition_atoms, event_can_fire, track_changes
from diplomacy_game.engine.vocabulary import (
    ANYTHING,
    CONDITIONS,
    EFFECTS,
    UNKNOWN_CONDITION,
    UNKNOWN_EFFECT,
    condition_kind,
    effect_kind,
)
from diplomacy_game.scenario import models as m
from diplomacy_game.scenario.loader import Scenario
from tests.helpers import ROOT


def _members(union: Any) -> dict[str, type[Any]]:
    """The models of a tagged union of scenario/models.py, by their tag (the YAML key)."""
    inner = typing.get_args(union)[0]
    out = {}
    for member in typing.get_args(inner):
        model, tag = typing.get_args(member)[:2]
        out[tag.tag] = model
    return out


CONDITION_MODELS = _members(m.Condition)
EFFECT_MODELS = _members(m.Effect)

# One valid example of each kind, on the tiny fixture world of tests/rules (red, blue, green;
# regions alpha, beta, ...; tracks tension and trust; leaders red_boss, red_caretaker, ...).
CONDITION_SAMPLES: dict[str, dict[str, Any]] = {
    "all": {"all": [{"flag": "opened"}, {"turn": {"at_least": 1}}]},
    "any": {"any": [{"flag": "opened"}, {"vp": {"faction": "red", "at_least": 1}}]},
    "not": {"not": {"flag": "opened"}},
    "track": {"track": {"id": "tension", "at_least": 1}},
    "flag": {"flag": "opened"},
    "leader": {"leader": {"faction": "red", "is": "red_boss"}},
    "controls": {"controls": {"faction": "red", "region": "alpha"}},
    "influence": {"influence": {"faction": "red", "region": "alpha", "at_least": 1}},
    "vp": {"vp": {"faction": "blue", "at_most": 3}},
    "economy": {"economy": {"faction": "red", "at_least": 2}},
    "chose": {"chose": {"event": "opening", "faction": "red", "option": "dove"}},
    "self_is": {"self_is": ["red", "blue"]},
    "phasing": {"phasing": True},
    "turn": {"turn": {"equals": 1}},
}
EFFECT_SAMPLES: dict[str, dict[str, Any]] = {
    "influence": {"influence": {"faction": "red", "region": "alpha", "add": 1}},
    "track": {"track": {"id": "tension", "add": 1}},
    "economy": {"economy": {"faction": "red", "add": -1}},
    "vp": {"vp": {"faction": "blue", "add": 2}},
    "stability": {"stability": {"region": "beta", "add": 1}},
    "leader": {"leader": {"faction": "red", "set": "red_caretaker"}},
    "flag": {"flag": {"set": "sample_flag"}},
    "add_card": {"add_card": {"card": "later_card"}},
    "remove_card": {"remove_card": {"card": "aid"}},
    "draw": {"draw": {"faction": "blue", "count": 1}},
    "log": {"log": "Something happens."},
    "if": {"if": {"flag": "opened"}, "then": [{"vp": {"faction": "red", "add": 1}}],
           "else": [{"track": {"id": "trust", "add": 1}}]},
    "roll": {"roll": {"sides": 6, "outcomes": [{"at_least": 4, "effects": [{"vp": {"faction": "red", "add": 1}}]}]}},
    "end_game": {"end_game": {"reason": "A sample ending."}},
}


def _condition(data: dict[str, Any]) -> Any:
    return m.CAll.model_validate({"all": [data]}).all[0]


def _effect(data: dict[str, Any]) -> Any:
    return m.EIf.model_validate({"if": {"flag": "x"}, "then": [data]}).then[0]


class _Recorder:
    """A stand-in for the validator: records every id looked up and every error."""

    def __init__(self, scn: Scenario) -> None:
        s = scn.model
        self.factions = set(scn.factions)
        self.cards = set(scn.cards)
        self.tracks = dict(scn.tracks)
        self.leaders = dict(scn.leaders)
        self.events = {e.id: e for e in s.events}
        self.regions = set(scn.map.regions)
        self.errors: list[str] = []
        self.refs: list[tuple[str, str]] = []

    def err(self, path: Any, msg: str, hint: str | None = None, key: bool = False) -> None:
        self.errors.append(msg)

    def ref(self, path: Any, value: str, known: Any, what: str) -> bool:
        self.refs.append((what, value))
        if value not in set(known):
            self.errors.append(f"unknown {what} '{value}'")
            return False
        return True

    def faction_ref(self, path: Any, value: str, ctx: Any) -> None:
        self.ref(path, value, self.factions, "faction")

    def region_ref(self, path: Any, value: str, ctx: Any) -> None:
        self.ref(path, value, self.regions, "region")

    def track_value(self, path: Any, track: str, value: int) -> None:
        self.refs.append(("track value", track))

    def cond(self, c: Any, path: Any, ctx: Any) -> None:
        check_condition(self, c, path, ctx)

    def effects(self, effs: Any, path: Any, ctx: Any) -> None:
        for i, e in enumerate(effs):
            check_effect(self, e, (*path, i), ctx)


class _Place:
    event: str | None = None


class _Facts:
    def __init__(self, scn: Scenario) -> None:
        self.s = scn.model
        self.turns = len(scn.months)
        self.flags = {"opened"}
        self.leaders = {"red_boss"}


def test_every_kind_of_the_format_has_its_class_and_an_example_here() -> None:
    assert set(CONDITION_MODELS.values()) == set(CONDITIONS), "a condition model without its class"
    assert set(EFFECT_MODELS.values()) == set(EFFECTS), "an effect model without its class"
    for tag, model in CONDITION_MODELS.items():
        assert condition_kind(model.model_construct()).key == tag
    for tag, model in EFFECT_MODELS.items():
        assert effect_kind(model.model_construct()).key == tag
    assert set(CONDITION_SAMPLES) == set(CONDITION_MODELS), "give the new condition a sample above"
    assert set(EFFECT_SAMPLES) == set(EFFECT_MODELS), "give the new effect a sample above"
    assert tuple(CONDITION_MODELS) == m.CONDITION_KINDS and tuple(EFFECT_MODELS) == m.EFFECT_KINDS


@pytest.mark.parametrize("tag", sorted(CONDITION_SAMPLES))
def test_every_condition_kind_is_handled_by_every_walker(scn: Scenario, tag: str) -> None:
    c = _condition(CONDITION_SAMPLES[tag])
    assert type(c) is CONDITION_MODELS[tag]
    kind = condition_kind(c)
    assert kind is not UNKNOWN_CONDITION
    g = Game.new(scn, 1)
    before = g.state.canonical()
    assert holds(scn, g.state, c, Ctx(actor="red", event="opening")) in (True, False)  # the rule
    assert g.state.canonical() == before
    reads = condition_reads(c)  # the outlook
    assert ANYTHING not in reads and all(isinstance(a, tuple) and a for a in reads)
    if tag != "self_is":  # fixed by who acts: it reads no part of the state
        assert reads
    words = describe_condition(scn, c)  # the words
    assert words and words != UNKNOWN_CONDITION.describe(scn, c)
    chk = _Recorder(scn)  # the semantic checks
    check_condition(chk, c, ("if",), _Place())
    assert chk.errors == []
    assert never_holds(_Facts(scn), c, ("if",)) is None  # the linter: each sample may hold


@pytest.mark.parametrize("tag", sorted(EFFECT_SAMPLES))
def test_every_effect_kind_is_handled_by_every_walker(scn: Scenario, tag: str) -> None:
    e = _effect(EFFECT_SAMPLES[tag])
    assert type(e) is EFFECT_MODELS[tag]
    kind = effect_kind(e)
    assert kind is not UNKNOWN_EFFECT
    g = Game.new(scn, 1)
    st = g.state.clone()
    apply_effects(scn, st, [e], Ctx(actor="red"))  # the rule
    assert ANYTHING not in effect_writes([e])  # the outlook
    assert isinstance(effect_supplies(e), set)  # the linter
    words = describe_effects(scn, [e])  # the words (story lines and flags are left out)
    assert words == [] if tag in ("log", "flag", "remove_card") else len(words) == 1 and words[0]
    chk = _Recorder(scn)  # the semantic checks
    check_effect(chk, e, ("effects", 0), _Place())
    assert chk.errors == []


def test_the_semantic_checks_of_a_kind_name_the_ids_it_refers_to(scn: Scenario) -> None:
    chk = _Recorder(scn)
    check_effect(chk, _effect({"leader": {"faction": "red", "set": "nobody"}}), ("e",), _Place())
    assert ("leader", "nobody") in chk.refs and chk.errors == ["unknown leader 'nobody'"]
    chk = _Recorder(scn)
    check_condition(chk, _condition({"chose": {"event": "opening", "faction": "red", "option": "owl"}}), ("c",),
                    _Place())  # fmt: skip
    assert chk.errors == ["unknown option 'owl'"]


def test_each_effect_says_what_it_may_change(scn: Scenario) -> None:
    assert effect_writes([_effect(EFFECT_SAMPLES["if"])]) == {("vp",), ("track", "trust")}
    assert effect_writes([_effect(EFFECT_SAMPLES["flag"])]) == {("flag", "sample_flag", "set")}
    assert effect_supplies(_effect(EFFECT_SAMPLES["add_card"])) == {("card", "later_card")}
    assert condition_reads(_condition(CONDITION_SAMPLES["all"])) == [("flag", "opened"), ("turn",)]


# ---------------------------------------------------------------------------- unknown kinds


class CMystery(m.Model):
    mystery: int


class EMystery(m.Model):
    mystery: int


def _tweak(scn: Scenario, **changes: Any) -> Scenario:
    out = copy.copy(scn)
    for k, v in changes.items():
        object.__setattr__(out, k, v)  # a frozen dataclass: a test-only change of a copy
    return out


def test_an_unknown_condition_kind_may_fire_never_ruled_out(scn: Scenario) -> None:
    c = CMystery(mystery=1)
    assert condition_kind(c) is UNKNOWN_CONDITION
    assert condition_atoms(c) == {ANYTHING}  # type: ignore[arg-type]
    events = tuple(e.model_copy(update={"if_": c}) if e.id == "never" else e for e in scn.events)
    odd = _tweak(scn, events=events)
    g = Game.new(scn, 1)
    assert not event_can_fire(scn, g.state, "never")  # its flag is never set
    assert event_can_fire(odd, g.state, "never")  # an unknown condition: "may fire"
    inside = m.CNot.model_construct(not_=c)
    events = tuple(e.model_copy(update={"if_": inside}) if e.id == "never" else e for e in scn.events)
    assert event_can_fire(_tweak(scn, events=events), g.state, "never")
    assert describe_condition(scn, c) == "a condition holds"  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        holds(scn, g.state, c, Ctx())  # type: ignore[arg-type]  # the engine never guesses a rule
    chk = _Recorder(scn)
    check_condition(chk, c, (), _Place())  # type: ignore[arg-type]
    assert chk.errors == []
    assert never_holds(_Facts(scn), c, ()) is None  # type: ignore[arg-type]


def test_an_unknown_effect_kind_may_change_anything(scn: Scenario) -> None:
    e = EMystery(mystery=1)
    assert effect_kind(e) is UNKNOWN_EFFECT
    card = scn.cards["aid"]
    cards = {**scn.cards, "aid": card.model_copy(update={"effects": [*card.effects, e]})}
    odd = _tweak(scn, cards=cards)
    g = Game.new(scn, 1)
    assert not event_can_fire(scn, g.state, "never")
    assert event_can_fire(odd, g.state, "never")  # a card may yet do anything, the flag too
    assert effect_writes([e]) == {ANYTHING}  # type: ignore[list-item]
    assert describe_effects(scn, [e])  # type: ignore[list-item]
    assert track_changes(odd, g.state, "red", _play("aid")) == {}
    with pytest.raises(TypeError):
        apply_effects(scn, g.state.clone(), [e], Ctx())  # type: ignore[list-item]


def _play(card: str) -> Any:
    from diplomacy_game.engine.actions import PlayCard

    return PlayCard(card, "event")


# ---------------------------------------------------------------------------- no chains left


WALKERS = [
    "diplomacy_game/engine/outlook.py",
    "diplomacy_game/scenario/semantic.py",
    "diplomacy_game/scenario/lint.py",
    "diplomacy_game/ui/scenes/hints.py",
]


@pytest.mark.parametrize("path", WALKERS)
def test_no_walker_tests_the_type_of_a_condition_or_an_effect(path: str) -> None:
    names = "|".join(re.escape(x.__name__) for x in [*CONDITION_MODELS.values(), *EFFECT_MODELS.values()])
    text = (Path(ROOT) / path).read_text(encoding="utf-8")
    found = re.search(rf"isinstance\([^)]*\b({names})\b", text)
    assert not found, f"{path} tests the type of a condition or effect ({found and found[0]}): use its class"
