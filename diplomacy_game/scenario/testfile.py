"""The scenario-test format (``kind: test``, ``*.test.yaml``): its models, with a description for
every key (the JSON Schema, the docs and the language server say the same). The runner that
plays the tests is :mod:`diplomacy_game.scenario_tests`, above the engine; this module is
below it, beside the scenario format."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .models import Compare, Id

TEST_SUFFIX = ".test.yaml"
TESTS_FOLDER = "tests"  # scenarios/tests/<scenario file stem>/*.test.yaml


class TestModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Between(TestModel):
    """A number within bounds: ``{at_least: 3}``, ``{at_most: 5}``, ``{equals: 4}``."""

    at_least: int | None = Field(default=None, description="the value must be at least this")
    at_most: int | None = Field(default=None, description="the value must be at most this")
    equals: int | None = Field(default=None, description="the value must be exactly this")

    def test(self, value: int) -> bool:
        return Compare(at_least=self.at_least, at_most=self.at_most, equals=self.equals).test(value)

    def describe(self) -> str:
        parts = []
        if self.equals is not None:
            parts.append(f"{self.equals}")
        if self.at_least is not None:
            parts.append(f"at least {self.at_least}")
        if self.at_most is not None:
            parts.append(f"at most {self.at_most}")
        return " and ".join(parts) or "any number"


Number = int | Between


class StateOverrides(TestModel):
    """Changes to the starting state: each key replaces the value it names, nothing else."""

    leaders: dict[Id, Id] = Field(default={}, description="faction -> the leader who leads it")
    economy: dict[Id, int] = Field(default={}, description="faction -> economy")
    vp: dict[Id, int] = Field(default={}, description="faction -> victory points")
    tracks: dict[Id, int] = Field(default={}, description="track -> value")
    flags: dict[Id, bool] = Field(default={}, description="flag -> true (set) or false (cleared)")
    influence: dict[Id, dict[Id, int]] = Field(default={}, description="faction -> region -> influence")
    stability: dict[Id, int] = Field(default={}, description="region -> stability")
    hands: dict[Id, list[Id]] = Field(
        default={}, description="faction -> the cards in its hand (taken out of the deck or wherever they are)"
    )


Step = Annotated[
    dict[str, str | bool],
    Field(
        description=(
            "one action: 'SEAT: ACTION' in the action's text form, e.g. {iran: choose accept}; "
            "add 'illegal: true' (or a piece of the reason) when the action must be refused"
        ),
        min_length=1,
        max_length=2,
    ),
]


class Expect(TestModel):
    """What must be true when the steps are done. Every key is optional."""

    tracks: dict[Id, Number] = Field(
        default={},
        description="track -> its value (a number, or {at_least / at_most / equals})",
    )
    vp: dict[Id, Number] = Field(default={}, description="faction -> its victory points")
    economy: dict[Id, Number] = Field(default={}, description="faction -> its economy")
    influence: dict[Id, dict[Id, Number]] = Field(default={}, description="faction -> region -> its influence")
    stability: dict[Id, Number] = Field(default={}, description="region -> its stability")
    leaders: dict[Id, Id] = Field(default={}, description="faction -> the leader who must lead it")
    flags: dict[Id, bool] = Field(default={}, description="flag -> true (must be set) or false (must not be)")
    log: list[str] = Field(default=[], description="pieces of text that must each appear in the log")
    not_log: list[str] = Field(default=[], description="pieces of text that must not appear in the log")
    fired: list[Id] = Field(default=[], description="timeline events that must have happened")
    skipped: list[Id] = Field(default=[], description="timeline events that must have been skipped (their 'if')")
    hands: dict[Id, list[Id]] = Field(default={}, description="faction -> cards that must be in its hand")
    deck: list[Id] = Field(default=[], description="cards that must be in the deck")
    removed: list[Id] = Field(default=[], description="cards that must be out of the game")
    to_act: list[Id] | None = Field(default=None, description="the seats that must act next (empty: none)")
    over: bool | None = Field(default=None, description="whether the game must be over")
    winners: list[Id] | None = Field(default=None, description="the factions that must have won")


class TestCase(TestModel):
    __test__ = False  # not a pytest class

    name: Annotated[str, Field(min_length=1, max_length=200)] = Field(
        description="what the test checks, in words (shown as it runs)",
    )
    start: Annotated[
        str | None,
        Field(
            pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$",
            description="YYYY-MM (the month's timeline runs from its start) or YYYY-MM-DD (events "
            "dated before that day are skipped); default: the first month",
        ),
    ] = None
    phase: Literal["timeline", "actions"] = Field(
        default="timeline",
        description="timeline: the start month's events fire, then cards are drawn; actions: "
        "straight to the action rounds, with no event and no draw (hands only as 'state.hands' says)",
    )
    seed: int = Field(default=1, ge=0, le=2**63 - 1, description="the seed of the game's dice and shuffles")
    state: StateOverrides = Field(default=StateOverrides(), description="changes to the starting state")
    do: list[Step] = Field(default=[], description="the steps to play, in order")
    expect: Expect = Field(default=Expect(), description="what must be true when the steps are done")


class TestFile(TestModel):
    __test__ = False

    kind: Literal["test"] = Field(description="always 'test'")
    scenario: Annotated[str, Field(min_length=1, description=(
        "the scenario file, relative to this file; a bare file name that is not there names a bundled "
        "scenario (from_tabriz_to_kazan.yaml)"))]
    tests: list[TestCase] = Field(min_length=1, description="the tests")
