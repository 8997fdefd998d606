"""Typed models of the map and scenario formats (the single source of the JSON Schema).

Effects and conditions are one-key mappings (``{influence: {...}}``); each kind is its own
small model so that a newcomer finds its fields in one place. Nothing here executes content.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, WithJsonSchema, field_validator

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
STABILITY_MIN, STABILITY_MAX = 1, 4  # a region's stability, at set-up and after every effect
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
LOOSE_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=48)]
Month = Annotated[str, Field(pattern=MONTH_PATTERN, description="a month, YYYY-MM")]
Date = Annotated[str, Field(pattern=DATE_PATTERN, description="a day, YYYY-MM-DD")]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
FactionRef = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="a faction id, or self (who acts), owner (the card's owner), target (the chosen faction)",
    ),
]
RegionRef = Annotated[str, Field(pattern=ID_PATTERN, description="a region id, or target")]

FACTION_WORDS = ("self", "owner", "target")
REGION_WORDS = ("target",)


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


# --------------------------------------------------------------------------- map


class Named(Model):
    id: Id
    name: Text


class City(Model):
    name: Text
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)


class Region(Model):
    id: Id
    name: Text
    bloc: Id
    stability: int = Field(ge=STABILITY_MIN, le=STABILITY_MAX)
    battleground: bool = False
    members: list[Id] = []
    links: list[Id] = []
    sea: list[Id] = []
    offmap: bool = False
    iso_a3: str | None = None
    cities: list[City] = []


class MapFile(Model):
    kind: Literal["map"]
    id: Id
    name: Text
    organizations: list[Named] = []
    blocs: list[Named] = Field(min_length=1)
    regions: list[Region] = Field(min_length=1)


# --------------------------------------------------------------------------- conditions


class Compare(Model):
    at_least: int | None = None
    at_most: int | None = None
    equals: int | None = None

    def test(self, value: int) -> bool:
        if self.at_least is not None and value < self.at_least:
            return False
        if self.at_most is not None and value > self.at_most:
            return False
        return not (self.equals is not None and value != self.equals)


class TrackCond(Compare):
    id: Id


class FactionCompare(Compare):
    faction: FactionRef


class InfluenceCond(Compare):
    faction: FactionRef
    region: RegionRef


class LeaderCond(Model):
    faction: FactionRef
    is_: Id | None = Field(default=None, alias="is")
    not_: Id | None = Field(default=None, alias="not")


class ControlsCond(Model):
    faction: FactionRef
    region: RegionRef


class ChoseCond(Model):
    event: Id | None = None
    faction: FactionRef
    option: Id


class TurnCond(Compare):
    pass


class CAll(Model):
    all: list[Condition] = Field(min_length=1)


class CAny(Model):
    any: list[Condition] = Field(min_length=1)


class CNot(Model):
    not_: Condition = Field(alias="not")


class CTrack(Model):
    track: TrackCond


class CFlag(Model):
    flag: Id


class CLeader(Model):
    leader: LeaderCond


class CControls(Model):
    controls: ControlsCond


class CInfluence(Model):
    influence: InfluenceCond


class CVp(Model):
    vp: FactionCompare


class CEconomy(Model):
    economy: FactionCompare


class CChose(Model):
    chose: ChoseCond


class CSelfIs(Model):
    self_is: list[Id] = Field(min_length=1)


class CTurn(Model):
    turn: TurnCond


CONDITION_KINDS = (
    "all", "any", "not", "track", "flag", "leader", "controls", "influence", "vp", "economy",
    "chose", "self_is", "turn",
)  # fmt: skip


def _one_key(value: Any) -> str | None:
    if isinstance(value, dict) and len(value) == 1:
        return str(next(iter(value)))
    if isinstance(value, BaseModel):
        fields = [f for f in type(value).model_fields if getattr(value, f) is not None]
        return (type(value).model_fields[fields[0]].alias or fields[0]) if fields else None
    return None


Condition = Annotated[
    Annotated[CAll, Tag("all")]
    | Annotated[CAny, Tag("any")]
    | Annotated[CNot, Tag("not")]
    | Annotated[CTrack, Tag("track")]
    | Annotated[CFlag, Tag("flag")]
    | Annotated[CLeader, Tag("leader")]
    | Annotated[CControls, Tag("controls")]
    | Annotated[CInfluence, Tag("influence")]
    | Annotated[CVp, Tag("vp")]
    | Annotated[CEconomy, Tag("economy")]
    | Annotated[CChose, Tag("chose")]
    | Annotated[CSelfIs, Tag("self_is")]
    | Annotated[CTurn, Tag("turn")],
    Discriminator(
        _one_key,
        custom_error_type="condition",
        custom_error_message="a condition is a mapping with one key, one of: " + ", ".join(CONDITION_KINDS),
    ),
]

# --------------------------------------------------------------------------- effects


class InfluenceEff(Model):
    faction: FactionRef
    region: RegionRef
    add: int


class TrackEff(Model):
    id: Id
    add: int | None = None
    set: int | None = None
    by: FactionRef | None = None


class FactionAmount(Model):
    faction: FactionRef
    add: int


class StabilityEff(Model):
    region: RegionRef
    add: int


class LeaderEff(Model):
    faction: FactionRef
    set: Id


class FlagEff(Model):
    set: Id | None = None
    clear: Id | None = None


class AddCardEff(Model):
    card: Id
    to: Literal["deck", "hand"] = "deck"
    faction: FactionRef | None = None


class CardRefEff(Model):
    card: Id


class DrawEff(Model):
    faction: FactionRef
    count: int = Field(default=1, ge=1, le=10)


class RollModifier(Model):
    if_: Condition = Field(alias="if")
    add: int


class RollOutcome(Model):
    at_least: int | None = None
    at_most: int | None = None
    effects: list[Effect] = []


class RollEff(Model):
    sides: int = Field(default=6, ge=2, le=100)
    modifiers: list[RollModifier] = []
    outcomes: list[RollOutcome] = Field(min_length=1)


class EndGameEff(Model):
    reason: Text


class EInfluence(Model):
    influence: InfluenceEff


class ETrack(Model):
    track: TrackEff


class EEconomy(Model):
    economy: FactionAmount


class EVp(Model):
    vp: FactionAmount


class EStability(Model):
    stability: StabilityEff


class ELeader(Model):
    leader: LeaderEff


class EFlag(Model):
    flag: FlagEff


class EAddCard(Model):
    add_card: AddCardEff


class ERemoveCard(Model):
    remove_card: CardRefEff


class EDraw(Model):
    draw: DrawEff


class ELog(Model):
    log: Text


class EIf(Model):
    if_: Condition = Field(alias="if")
    then: list[Effect] = []
    else_: list[Effect] = Field(default=[], alias="else")


class ERoll(Model):
    roll: RollEff


class EEndGame(Model):
    end_game: EndGameEff


EFFECT_KINDS = (
    "influence", "track", "economy", "vp", "stability", "leader", "flag", "add_card",
    "remove_card", "draw", "log", "if", "roll", "end_game",
)  # fmt: skip


def _effect_key(value: Any) -> str | None:
    if isinstance(value, dict):
        if "if" in value:
            return "if"
        return str(next(iter(value))) if len(value) == 1 else None
    if isinstance(value, EIf):
        return "if"
    return _one_key(value)


Effect = Annotated[
    Annotated[EInfluence, Tag("influence")]
    | Annotated[ETrack, Tag("track")]
    | Annotated[EEconomy, Tag("economy")]
    | Annotated[EVp, Tag("vp")]
    | Annotated[EStability, Tag("stability")]
    | Annotated[ELeader, Tag("leader")]
    | Annotated[EFlag, Tag("flag")]
    | Annotated[EAddCard, Tag("add_card")]
    | Annotated[ERemoveCard, Tag("remove_card")]
    | Annotated[EDraw, Tag("draw")]
    | Annotated[ELog, Tag("log")]
    | Annotated[EIf, Tag("if")]
    | Annotated[ERoll, Tag("roll")]
    | Annotated[EEndGame, Tag("end_game")],
    Discriminator(
        _effect_key,
        custom_error_type="effect",
        custom_error_message="an effect is a mapping with one key, one of: " + ", ".join(EFFECT_KINDS),
    ),
]

# --------------------------------------------------------------------------- scenario parts


class Source(Model):
    """A text the scenario's facts come from, named once under ``sources:`` and cited by its id."""

    id: Id
    title: Text = Field(description="the article's headline or the document's title")
    outlet: str = Field(default="", max_length=200, description="who published it, e.g. a news agency")
    date: Date = Field(description="the day it was published")
    file: str | None = Field(default=None, max_length=500,
                             description="where a copy is kept, relative to the scenario (never opened)")


class Calendar(Model):
    start: Month
    turns: int = Field(ge=1, le=60)


class AiHints(Model):
    """How a computer player values the state, beyond VP and control (all optional)."""

    tracks: dict[Id, float] = {}  # value of each point on a track (negative: wants it low)
    flags: dict[Id, float] = {}  # value of a flag being set
    economy: float = Field(default=0.3, ge=-5, le=5)


class Faction(Model):
    id: Id
    name: Text
    adjective: str | None = None
    home: list[Id] = Field(min_length=1)
    color: str = Field(default="#888888", pattern=r"^#[0-9a-fA-F]{6}$",
                       description="the faction's colour on the map, #RRGGBB (the colour-blind palette takes "
                                   "the Okabe-Ito colour nearest to it)")
    pattern: Literal["diagonal", "dots", "crosshatch", "horizontal", "backslash", "vertical"] | None = Field(
        default=None, description="the hatch over its regions in the colour-blind palette (default: the next unused)")
    income: int = Field(default=1, ge=0, le=10)
    ai: AiHints = AiHints()


class Trait(Model):
    id: Id
    name: Text
    text: Text
    ops: int = Field(default=0, ge=-3, le=3)
    pressure: int = Field(default=0, ge=-3, le=3)
    income: int = Field(default=0, ge=-3, le=3)
    hand_size: int = Field(default=0, ge=-3, le=3)


class Leader(Model):
    id: Id
    name: Text
    faction: Id
    title: str = ""
    traits: list[Trait] = []


class Track(Model):
    id: Id
    name: Text
    min: int = Field(default=0, ge=0, le=100)
    max: int = Field(ge=1, le=100)
    text: str = ""
    on_max: list[Effect] = []


class Rules(Model):
    hand_size: int = Field(default=5, ge=1, le=12)
    action_rounds: int = Field(default=4, ge=1, le=12)
    influence_cost: int = Field(default=1, ge=1, le=5)
    influence_cost_controlled: int = Field(default=2, ge=1, le=5)
    max_influence: int = Field(default=10, ge=1, le=50)
    pressure_cost: int = Field(default=2, ge=1, le=5)
    pressure_die: int = Field(default=6, ge=2, le=20)
    economy_max: int = Field(default=10, ge=1, le=50)
    boost_limit: int = Field(default=1, ge=0, le=5)
    pressure_battleground: list[Effect] = []


class Setup(Model):
    leaders: dict[Id, Id] = {}
    economy: dict[Id, int] = {}
    vp: dict[Id, int] = {}
    tracks: dict[Id, int] = {}
    flags: list[Id] = []
    influence: dict[Id, dict[Id, int]] = {}
    stability: dict[Id, int] = {}


class RegionFilter(Model):
    bloc: Id | None = None
    member: Id | None = None
    battleground: bool | None = None
    regions: list[Id] | None = None
    influence_of: FactionRef | None = None
    adjacent_to: Id | None = None


class Target(Model):
    region: RegionFilter | None = None
    faction: list[Id] | None = None


class Option(Model):
    id: Id
    label: Text
    text: str = ""
    ai_weight: float = Field(default=1.0, ge=0)
    factions: list[Id] | None = None
    if_: Condition | None = Field(default=None, alias="if")
    effects: list[Effect] = []


class Choice(Model):
    faction: FactionRef | None = None
    factions: list[Id] | None = None
    secret: bool = False
    prompt: Text
    options: list[Option] = Field(min_length=1)


class Card(Model):
    id: Id
    title: Text
    ops: int = Field(ge=1, le=4)
    owner: Id
    text: Text
    date: Annotated[
        str | None,
        Field(pattern=LOOSE_DATE_PATTERN),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "string", "pattern": LOOSE_DATE_PATTERN},
                    {"type": "integer", "minimum": 1000, "maximum": 9999},
                    {"type": "null"},
                ],
                "description": "when it happened: YYYY, YYYY-MM or YYYY-MM-DD",
            }
        ),
    ] = None
    source: Text = Field(description="a source id from 'sources', or a plain text such as 'public record'")
    history: str = ""
    deck: Literal["start", "later"] = "start"
    remove: bool = False
    if_: Condition | None = Field(default=None, alias="if")
    target: Target | None = None
    effects: list[Effect] = []
    choice: Choice | None = None
    then: list[Effect] = []

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) else v


class FactionAction(Model):
    id: Id
    name: Text
    faction: Id | list[Id]
    cost: int = Field(ge=1, le=6)
    per_turn: int = Field(default=1, ge=0, le=10)
    text: str = ""
    if_: Condition | None = Field(default=None, alias="if")
    target: Target | None = None
    effects: list[Effect] = []

    @property
    def factions(self) -> tuple[str, ...]:
        return (self.faction,) if isinstance(self.faction, str) else tuple(self.faction)


class Event(Model):
    id: Id
    date: Date
    end: Date | None = None
    title: Text
    text: Text
    history: str = ""
    source: Text = Field(description="a source id from 'sources', or a plain text such as 'public record'")
    place: Id | None = None
    if_: Condition | None = Field(default=None, alias="if")
    effects: list[Effect] = []
    choice: Choice | None = None
    then: list[Effect] = []


class BlocValues(Model):
    presence: int = Field(default=0, ge=0, le=50)
    domination: int = Field(default=0, ge=0, le=50)
    control: int = Field(default=0, ge=0, le=50)


class Scoring(Model):
    months: list[Month] = []
    battleground_vp: int = Field(default=1, ge=0, le=10)
    blocs: dict[Id, BlocValues] = {}


class Victory(Model):
    threshold: int | None = Field(default=None, ge=1, le=1000)
    final: list[Effect] = []


class ReportItem(Model):
    """An outcome ``simulate`` reports: how often a flag is set at the end, or a track's mean final value."""

    label: Text = Field(description="how the report names it, e.g. 'treaty signed'")
    flag: Id | None = Field(default=None, description="report the share of games ending with this flag set")
    track: Id | None = Field(default=None, description="report this track's mean value at the end")


class ScenarioFile(Model):
    kind: Literal["scenario"]
    id: Id
    title: Text
    summary: Text
    map: str
    extend: str | None = None
    calendar: Calendar
    factions: list[Faction] = Field(min_length=1, max_length=8)
    leaders: list[Leader] = []
    tracks: list[Track] = []
    rules: Rules = Rules()
    setup: Setup = Setup()
    cards: list[Card] = Field(min_length=1)
    faction_actions: list[FactionAction] = []
    events: list[Event] = []
    upkeep: list[Effect] = []
    scoring: Scoring = Scoring()
    victory: Victory = Victory()
    sources: list[Source] = Field(default=[], description="the texts that cards and events cite by id")
    report: list[ReportItem] = Field(default=[], max_length=32,
                                     description="the outcomes 'simulate' reports for this scenario")


for _m in (CAll, CAny, CNot, RollOutcome, RollModifier, EIf, Option, Choice, Track, Rules, Card,
           FactionAction, Event, Victory, ScenarioFile):  # fmt: skip
    _m.model_rebuild()

