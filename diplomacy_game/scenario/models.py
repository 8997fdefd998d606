"""Typed models of the map and scenario formats (the single source of the JSON Schema).

Effects and conditions are one-key mappings (``{influence: {...}}``); each kind is its own
small model so that a newcomer finds its fields in one place. Nothing here executes content.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Discriminator, Field, Tag, WithJsonSchema, field_validator

from ..safefile import text_problem

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
STABILITY_MIN, STABILITY_MAX = 1, 4  # a region's stability, at set-up and after every effect
MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
DATE_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
LOOSE_DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=48)]
Month = Annotated[str, Field(pattern=MONTH_PATTERN, description="a month, YYYY-MM")]
Date = Annotated[str, Field(pattern=DATE_PATTERN, description="a day, YYYY-MM-DD")]
Text = Annotated[str, Field(min_length=1, max_length=2000)]


def _source_inside(value: str) -> str:
    """A ``source:`` that names a file names it inside the project: relative, never ``..``."""
    if "/" in value or "\\" in value:
        parts = value.replace("\\", "/").split("/")
        if value.startswith(("/", "~")) or ".." in parts or (len(value) > 1 and value[1] == ":"):
            raise ValueError("a source file is named relative to the scenario's sources, without '..' or an "
                             "absolute path")
    return value


Source = Annotated[str, Field(min_length=1, max_length=2000, description="'public record' or sources/FILE"),
                   AfterValidator(_source_inside)]
FactionRef = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="a faction id, or self (who acts), owner (the card's owner), target (the chosen faction)",
    ),
]
RegionRef = Annotated[str, Field(pattern=ID_PATTERN, description="a region id, or target")]

FACTION_WORDS = ("self", "owner", "target")
OWNER_ACCEPTS = "owner is a faction id, neutral, or a list of faction ids (a card shared by them)"
REGION_WORDS = ("target",)


# Limits of the format beyond each field's own: no text, list or number the game cannot show.
MAX_TEXT = 2000  # characters in any one text
MAX_ITEMS = 1000  # items in any one list
MAX_NUMBER = 1_000_000  # any number, either sign


def bounded(value: Any) -> Any:
    """``value`` if it is within the format's limits; ValueError (a plain-words reason) if not."""
    if type(value) is str:  # the commonest value, checked first
        if len(value) > MAX_TEXT:
            raise ValueError(f"too long: at most {MAX_TEXT:,} characters, got {len(value):,}")
        # printable text holds none of the characters ``text_problem`` names (all are Cc or Cs)
        if not value.isprintable():
            why = text_problem(value)
            if why is not None:
                raise ValueError(f"text no game can draw: {why}")
        return value
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ValueError(f"too long: at most {MAX_TEXT:,} characters, got {len(value):,}")
        why = text_problem(value)
        if why is not None:
            raise ValueError(f"text no game can draw: {why}")
    elif isinstance(value, bool):
        pass
    elif isinstance(value, int | float):
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise ValueError(f"out of range: numbers are between -{MAX_NUMBER:,} and {MAX_NUMBER:,}")
    elif isinstance(value, list | tuple):
        if len(value) > MAX_ITEMS:
            raise ValueError(f"too many items: at most {MAX_ITEMS:,}, got {len(value):,}")
        for item in value:
            if not isinstance(item, BaseModel):
                bounded(item)
    elif isinstance(value, dict):
        if len(value) > MAX_ITEMS:
            raise ValueError(f"too many items: at most {MAX_ITEMS:,}, got {len(value):,}")
        for k, item in value.items():
            bounded(k)
            if not isinstance(item, BaseModel):
                bounded(item)
    return value


class Model(BaseModel):
    # defer_build: each model's validator is built when first used, not at import (start-up)
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    @field_validator("*", mode="after")
    @classmethod
    def _within_limits(cls, value: Any) -> Any:
        return bounded(value)


# --------------------------------------------------------------------------- map


class Named(Model):
    id: Id = Field(description="the id other keys use to name it (snake_case)")
    name: Text = Field(description="the name shown to players")


class City(Model):
    name: Text = Field(description="the city's name, written on the map")
    lon: float = Field(ge=-180, le=180, description="longitude in degrees (-180..180)")
    lat: float = Field(ge=-90, le=90, description="latitude in degrees (-90..90)")


class LonLat(Model):
    lon: float = Field(ge=-180, le=180, description="longitude in degrees (-180..180)")
    lat: float = Field(ge=-90, le=90, description="latitude in degrees (-90..90)")


class Region(Model):
    id: Id = Field(description="the region's id (snake_case), used by influence, links and targets")
    name: Text = Field(description="the region's name shown on the map")
    bloc: Id = Field(description="the bloc it belongs to (a bloc id)")
    stability: int = Field(
        ge=STABILITY_MIN, le=STABILITY_MAX,
        description="how hard it is to control: 1 (fragile) to 4 (steady)",
    )
    battleground: bool = Field(
        default=False,
        description="a battleground: it counts for battleground scoring and pressure_battleground",
    )
    members: list[Id] = Field(default=[], description="organizations it belongs to (organization ids)")
    joined: dict[Id, Month] = Field(
        default={},
        description="organizations of members that it joins during the game: the month from which it counts as one",
    )
    links: list[Id] = Field(default=[], description="land links (region ids); every link is listed on both sides")
    sea: list[Id] = Field(default=[], description="sea links (region ids); listed on both sides")
    offmap: bool = Field(
        default=False,
        description="a box drawn beside the map rather than a country (e.g. the West's home)",
    )
    iso_a3: str | None = Field(
        default=None,
        description="the country code in Natural Earth (ADM0_A3) that draws its shape; null off the map",
    )
    cities: list[City] = Field(default=[], description="cities marked on the map in this region")
    at: LonLat | None = Field(
        default=None,
        description="where a region with no drawn shape is marked on the map (default: its first city)",
    )


class MapFile(Model):
    kind: Literal["map"] = Field(description="always 'map'")
    id: Id = Field(description="the map's id (snake_case)")
    name: Text = Field(description="the map's name")
    organizations: list[Named] = Field(
        default=[],
        description="organizations regions can be members of (for region filters)",
    )
    blocs: list[Named] = Field(min_length=1, description="groups of regions scored together")
    regions: list[Region] = Field(min_length=1, description="the regions of the map")


# --------------------------------------------------------------------------- conditions


class Compare(Model):
    at_least: int | None = Field(default=None, description="holds when the value is at least this")
    at_most: int | None = Field(default=None, description="holds when the value is at most this")
    equals: int | None = Field(default=None, description="holds when the value is exactly this")

    def test(self, value: int) -> bool:
        if self.at_least is not None and value < self.at_least:
            return False
        if self.at_most is not None and value > self.at_most:
            return False
        return not (self.equals is not None and value != self.equals)


class TrackCond(Compare):
    id: Id = Field(description="the track (a track id)")


class FactionCompare(Compare):
    faction: FactionRef = Field(description="whose value: a faction id, or self, owner, target")


class InfluenceCond(Compare):
    faction: FactionRef = Field(description="whose influence: a faction id, or self, owner, target")
    region: RegionRef = Field(description="where: a region id, or target")


class LeaderCond(Model):
    faction: FactionRef = Field(description="the faction whose leader is tested")
    is_: Id | None = Field(default=None, alias="is", description="holds when this leader leads it")
    not_: Id | None = Field(default=None, alias="not", description="holds when this leader does not lead it")


class ControlsCond(Model):
    faction: FactionRef = Field(description="who must control it: a faction id, or self, owner, target")
    region: RegionRef = Field(description="the region: a region id, or target")


class ChoseCond(Model):
    event: Id | None = Field(default=None, description="the event whose choice is tested (default: the current event)")
    faction: FactionRef = Field(description="the faction that chose")
    option: Id = Field(description="the option it must have chosen (an option id)")


class TurnCond(Compare):
    pass


class CAll(Model):
    all: list[Condition] = Field(min_length=1, description="holds when every condition in the list holds")


class CAny(Model):
    any: list[Condition] = Field(min_length=1, description="holds when at least one condition in the list holds")


class CNot(Model):
    not_: Condition = Field(alias="not", description="holds when this condition does not")


class CTrack(Model):
    track: TrackCond = Field(description="a track's value: {id, at_least / at_most / equals}")


class CFlag(Model):
    flag: Id = Field(description="holds when this flag is set")


class CLeader(Model):
    leader: LeaderCond = Field(description="who leads a faction: {faction, is} or {faction, not}")


class CControls(Model):
    controls: ControlsCond = Field(description="a faction controls a region: {faction, region}")


class CInfluence(Model):
    influence: InfluenceCond = Field(
        description="a faction's influence in a region: {faction, region, at_least / at_most / equals}",
    )


class CVp(Model):
    vp: FactionCompare = Field(description="a faction's victory points: {faction, at_least / at_most / equals}")


class CEconomy(Model):
    economy: FactionCompare = Field(description="a faction's economy: {faction, at_least / at_most / equals}")


class CChose(Model):
    chose: ChoseCond = Field(description="what a faction chose at an event: {event, faction, option}")


class CSelfIs(Model):
    self_is: list[Id] = Field(min_length=1, description="the faction acting now is one of these (faction ids)")


class CPhasing(Model):
    phasing: bool = Field(
        description="true: the faction acting now (self) is the one whose action round it is (it played the "
                    "card or pressed), never outside the action rounds; false: the opposite",
    )


class CTurn(Model):
    turn: TurnCond = Field(description="the turn number (from 1): {at_least / at_most / equals}")


CONDITION_KINDS = (
    "all", "any", "not", "track", "flag", "leader", "controls", "influence", "vp", "economy",
    "chose", "self_is", "phasing", "turn",
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
    | Annotated[CPhasing, Tag("phasing")]
    | Annotated[CTurn, Tag("turn")],
    Discriminator(
        _one_key,
        custom_error_type="condition",
        custom_error_message="a condition is a mapping with one key, one of: " + ", ".join(CONDITION_KINDS),
    ),
]

# --------------------------------------------------------------------------- effects


class InfluenceEff(Model):
    faction: FactionRef = Field(description="whose influence: a faction id, or self, owner, target")
    region: RegionRef = Field(description="where: a region id, or target")
    add: int = Field(description="influence to add (negative removes; never below 0 nor above max_influence)")


class TrackEff(Model):
    id: Id = Field(description="the track (a track id)")
    add: int | None = Field(default=None, description="points to add (negative subtracts); clamped to the track")
    set: int | None = Field(default=None, description="the value to set instead of adding")
    by: FactionRef | None = Field(default=None, description="who caused the move (for on_max and the log)")


class FactionAmount(Model):
    faction: FactionRef = Field(description="which faction: a faction id, or self, owner, target")
    add: int = Field(description="the amount to add (negative subtracts)")


class StabilityEff(Model):
    region: RegionRef = Field(description="which region: a region id, or target")
    add: int = Field(description="stability to add (negative lowers it); clamped to 1..4")


class LeaderEff(Model):
    faction: FactionRef = Field(description="the faction that gets a new leader")
    set: Id = Field(description="its new leader (a leader id)")


class FlagEff(Model):
    set: Id | None = Field(default=None, description="the flag to set")
    clear: Id | None = Field(default=None, description="the flag to clear")


class AddCardEff(Model):
    card: Id = Field(description="the card to bring into play (a card id)")
    to: Literal["deck", "hand"] = Field(default="deck", description="deck (shuffled in) or hand (of 'faction')")
    faction: FactionRef | None = Field(default=None, description="whose hand, with to: hand")


class CardRefEff(Model):
    card: Id = Field(description="the card taken out of the game, wherever it is (a card id)")


class DrawEff(Model):
    faction: FactionRef = Field(description="who draws: a faction id, or self, owner, target")
    count: int = Field(default=1, ge=1, le=10, description="how many cards (1..10)")


class RollModifier(Model):
    if_: Condition = Field(alias="if", description="when this condition holds...")
    add: int = Field(description="...this is added to the roll")


class RollOutcome(Model):
    at_least: int | None = Field(default=None, description="this outcome when the roll is at least this")
    at_most: int | None = Field(default=None, description="this outcome when the roll is at most this")
    effects: list[Effect] = Field(default=[], description="what happens then")


class RollEff(Model):
    sides: int = Field(default=6, ge=2, le=100, description="sides of the die (2..100)")
    modifiers: list[RollModifier] = Field(default=[], description="additions to the roll under conditions")
    outcomes: list[RollOutcome] = Field(
        min_length=1,
        description="the table of results: each range of the roll and its effects",
    )


class EndGameEff(Model):
    reason: Text = Field(description="why the game ends, shown to every seat")
    loser: FactionRef | None = Field(
        default=None,
        description="a faction that cannot win this ending (e.g. self: whoever set it off); the most VP among "
                    "the others wins",
    )


class EInfluence(Model):
    influence: InfluenceEff = Field(description="add or remove influence: {faction, region, add}")


class ETrack(Model):
    track: TrackEff = Field(description="move a track: {id, add or set, by}")


class EEconomy(Model):
    economy: FactionAmount = Field(description="change a faction's economy: {faction, add}; clamped to 0..economy_max")


class EVp(Model):
    vp: FactionAmount = Field(description="give or take victory points: {faction, add}")


class EStability(Model):
    stability: StabilityEff = Field(description="change a region's stability: {region, add}; clamped to 1..4")


class ELeader(Model):
    leader: LeaderEff = Field(description="a faction gets a new leader: {faction, set}")


class EFlag(Model):
    flag: FlagEff = Field(description="set or clear a named flag: {set: NAME} or {clear: NAME}")


class EAddCard(Model):
    add_card: AddCardEff = Field(description="bring a card into play: {card, to: deck or hand, faction}")


class ERemoveCard(Model):
    remove_card: CardRefEff = Field(description="take a card out of the game: {card}")


class EDraw(Model):
    draw: DrawEff = Field(description="a faction draws cards: {faction, count}")


class ELog(Model):
    log: Text = Field(description="a line in the log that every seat sees")


class EIf(Model):
    if_: Condition = Field(alias="if", description="the condition")
    then: list[Effect] = Field(default=[], description="effects when the condition holds")
    else_: list[Effect] = Field(default=[], alias="else", description="effects when it does not")


class ERoll(Model):
    roll: RollEff = Field(description="roll a die and look up the outcome: {sides, modifiers, outcomes}")


class EEndGame(Model):
    end_game: EndGameEff = Field(description="end the game at once (most VP wins): {reason}")


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


class SourceInfo(Model):
    """A text the scenario's facts come from, named once under ``sources:`` and cited by its id."""

    id: Id = Field(description="the source's id, which cards and events give as their 'source'")
    title: Text = Field(description="the article's headline or the document's title")
    outlet: str = Field(default="", max_length=200, description="who published it, e.g. a news agency")
    date: Date = Field(description="the day it was published")
    file: Annotated[str, AfterValidator(_source_inside)] | None = Field(
        default=None, max_length=500, description="where a copy is kept, relative to the scenario (never opened)")


class Calendar(Model):
    start: Month = Field(description="the first month of the game, YYYY-MM")
    turns: int = Field(ge=1, le=60, description="how many turns, one month each (1..60)")


class AiHints(Model):
    """How a computer player values the state, beyond VP and control (all optional)."""

    tracks: dict[Id, float] = Field(default={}, description="value of each point on a track (negative: wants it low)")
    flags: dict[Id, float] = Field(default={}, description="value of a flag being set (negative: wants it clear)")
    economy: float = Field(default=0.3, ge=-5, le=5, description="value of each point of economy")


class Faction(Model):
    id: Id = Field(description="the faction's id (snake_case), used everywhere it is named")
    name: Text = Field(description="the faction's name shown to players")
    adjective: str | None = Field(default=None, description="the adjective, e.g. 'Russian'")
    home: list[Id] = Field(min_length=1, description="its home regions: it may always place influence there")
    color: str = Field(default="#888888", pattern=r"^#[0-9a-fA-F]{6}$",
                       description="the faction's colour on the map, #RRGGBB (the colour-blind palette takes "
                                   "the Okabe-Ito colour nearest to it)")
    pattern: Literal["diagonal", "dots", "crosshatch", "horizontal", "backslash", "vertical"] | None = Field(
        default=None, description="the hatch over its regions in the colour-blind palette (default: the next unused)")
    income: int = Field(default=1, ge=0, le=10, description="economy gained at each upkeep (0..10)")
    ai: AiHints = Field(default=AiHints.model_construct(),
                        description="how computer players of this faction value the state")


class Trait(Model):
    id: Id = Field(description="the trait's id (snake_case)")
    name: Text = Field(description="the trait's name")
    text: Text = Field(description="what it does, in words")
    ops: int = Field(default=0, ge=-3, le=3, description="added to the operations of every card played (-3..3)")
    pressure: int = Field(default=0, ge=-3, le=3, description="added to diplomatic pressure rolls (-3..3)")
    income: int = Field(default=0, ge=-3, le=3, description="added to income at upkeep (-3..3)")
    hand_size: int = Field(default=0, ge=-3, le=3, description="added to the hand size (-3..3)")


class Leader(Model):
    id: Id = Field(description="the leader's id (snake_case)")
    name: Text = Field(description="the leader's name")
    faction: Id = Field(description="the faction they lead")
    title: str = Field(default="", description="their title, e.g. 'President'")
    traits: list[Trait] = Field(default=[], description="what leading gives the faction")


class Track(Model):
    id: Id = Field(description="the track's id (snake_case)")
    name: Text = Field(description="the track's name")
    min: int = Field(default=0, ge=0, le=100, description="its lowest value")
    max: int = Field(ge=1, le=100, description="its highest value")
    text: str = Field(default="", description="what the track means, in words")
    on_max: list[Effect] = Field(default=[], description="effects when it reaches max (self: who pushed it there)")


class Headline(Model):
    """A secret opening pick each month (Twilight Struggle's headline): after the draw, every
    faction with a card picks one in secret; they are revealed together and their events fire
    in order (another faction's card fires for its owner), before the first action round."""

    order: Literal["ops", "factions"] = Field(
        default="ops",
        description="the order the revealed events fire: 'ops' (highest printed operations first, ties in "
                    "faction order) or 'factions' (faction order)",
    )


class DiscardOutlet(Model):
    """An outlet for a bad hand: instead of playing a card, discard it for these effects."""

    name: Text = Field(description="what the outlet is called, e.g. 'Quiet diplomacy'")
    factions: list[Id] = Field(min_length=1, description="who may use this outlet (faction ids)")
    per_turn: int = Field(default=1, ge=1, le=12, description="how many cards a faction may discard so per turn")
    min_ops: int = Field(default=0, ge=0, le=10, description="the least operations value a discarded card must have")
    if_: Condition | None = Field(default=None, alias="if", description="the outlet is open only while this holds")
    effects: list[Effect] = Field(min_length=1, description="what the discard does (self: who discards)")
    text: Text | None = Field(default=None, description="what it stands for, in words")


class Rules(Model):
    hand_size: int = Field(default=5, ge=1, le=12, description="cards held after the draw")
    action_rounds: int = Field(default=4, ge=1, le=12, description="card plays per faction per turn")
    influence_cost: int = Field(default=1, ge=1, le=5, description="operations per influence point")
    influence_cost_controlled: int = Field(
        default=2, ge=1, le=5,
        description="operations per influence point in a region an opponent controls",
    )
    max_influence: int = Field(default=10, ge=1, le=50, description="most influence a faction may have in one region")
    pressure_cost: int = Field(default=2, ge=1, le=5, description="operations for one diplomatic pressure")
    pressure_die: int = Field(default=6, ge=2, le=20, description="sides of the pressure die")
    economy_max: int = Field(default=10, ge=1, le=50, description="the economy cap (the least is 0)")
    boost_limit: int = Field(
        default=1, ge=0, le=5,
        description="economy a faction may spend per card for +1 operation each",
    )
    pressure_battleground: list[Effect] = Field(
        default=[],
        description="effects when pressure is used in a battleground (self: who pressed)",
    )
    headline: Headline | None = Field(
        default=None,
        description="a secret headline pick each month before the first action round (none: no headline)",
    )
    discard: list[DiscardOutlet] = Field(
        default=[],
        description="outlets for a bad hand: a card discarded in an action round for effects (none: no outlet)",
    )


class Setup(Model):
    leaders: dict[Id, Id] = Field(default={}, description="faction -> the leader who leads it at the start")
    economy: dict[Id, int] = Field(default={}, description="faction -> starting economy")
    vp: dict[Id, int] = Field(default={}, description="faction -> starting victory points")
    tracks: dict[Id, int] = Field(default={}, description="track -> starting value (default: its min)")
    flags: list[Id] = Field(default=[], description="flags set at the start")
    influence: dict[Id, dict[Id, int]] = Field(default={}, description="faction -> region -> starting influence")
    stability: dict[Id, int] = Field(default={}, description="region -> starting stability, instead of the map's")


class RegionFilter(Model):
    bloc: Id | None = Field(default=None, description="only regions of this bloc")
    member: Id | None = Field(default=None, description="only members of this organization")
    battleground: bool | None = Field(
        default=None,
        description="only battlegrounds (true) or only other regions (false)",
    )
    regions: list[Id] | None = Field(default=None, description="only these regions (region ids)")
    influence_of: FactionRef | None = Field(default=None, description="only regions where this faction has influence")
    adjacent_to: Id | None = Field(default=None, description="only regions linked to this one (a region id)")


class Target(Model):
    region: RegionFilter | None = Field(default=None, description="the player picks a region matching this filter")
    faction: list[Id] | None = Field(default=None, description="the player picks one of these factions (faction ids)")


class Option(Model):
    id: Id = Field(description="the option's id, as tests and chose: name it")
    label: Text = Field(description="the option's short label")
    text: str = Field(default="", description="what it does, in words")
    ai_weight: float = Field(default=1.0, ge=0, description="how often a computer seat picks it (relative)")
    factions: list[Id] | None = Field(default=None, description="only these choosing factions may pick it")
    if_: Condition | None = Field(default=None, alias="if", description="the option is offered only when this holds")
    effects: list[Effect] = Field(default=[], description="what happens when it is picked")


class Choice(Model):
    faction: FactionRef | None = Field(default=None, description="the faction that chooses (or self)")
    factions: list[Id] | None = Field(
        default=None,
        description="several factions that each choose (with secret: true, unseen)",
    )
    secret: bool = Field(default=False, description="each faction chooses unseen; the choices are revealed together")
    prompt: Text = Field(description="the question put to the choosing faction")
    options: list[Option] = Field(min_length=1, description="the options to choose from")


class ScenarioRegion(Model):
    """A scenario's change to a region of its map, or a region of its own (see docs/scenario-format.md)."""

    id: Id = Field(description="a region of the map to change, or the id of a new region")
    name: Text | None = Field(default=None, description="the region's name shown on the map (required for a new one)")
    bloc: Id | None = Field(default=None, description="the bloc it belongs to (required for a new region)")
    stability: int | None = Field(
        default=None, ge=STABILITY_MIN, le=STABILITY_MAX,
        description="how hard it is to control: 1 (fragile) to 4 (steady) (required for a new region)",
    )
    battleground: bool | None = Field(default=None, description="a battleground (default for a new region: false)")
    members: list[Id] | None = Field(default=None, description="organizations it belongs to: replaces the map's list")
    joined: dict[Id, Month] | None = Field(
        default=None,
        description="organizations of members that it joins during the game, and the month: replaces the map's",
    )
    links: list[Id] | None = Field(
        default=None,
        description="land links (region ids): replace the map's; the other side follows (links made two-way)",
    )
    sea: list[Id] | None = Field(default=None, description="sea links (region ids): replace the map's, both sides")
    at: LonLat | None = Field(
        default=None,
        description="where a region with no drawn shape is marked on the map, e.g. its capital's lon/lat",
    )


class Card(Model):
    id: Id = Field(description="the card's id (snake_case)")
    title: Text = Field(description="the card's title")
    ops: int = Field(ge=1, le=4, description="its operations value (1..4)")
    owner_: Id | list[Id] = Field(
        alias="owner",
        description="whose event it is: a faction id, neutral, or a list of faction ids (a shared card)",
    )
    text: Text = Field(description="what its event does, in words")
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
    source: Source = Field(description="where it comes from: a source id from 'sources', or 'public record'")
    history: str = Field(default="", description="what really happened, for the history panel")
    deck: Literal["start", "later"] = Field(
        default="start",
        description="start (shuffled in at setup) or later (brought in by add_card)",
    )
    remove: bool = Field(default=False, description="removed from the game after its event is played")
    if_: Condition | None = Field(default=None, alias="if", description="the event may be played only when this holds")
    target: Target | None = Field(
        default=None,
        description="what the player picks when playing it: a region or a faction",
    )
    effects: list[Effect] = Field(default=[], description="what its event does")
    choice: Choice | None = Field(default=None, description="a choice put to a faction when its event is played")
    then: list[Effect] = Field(default=[], description="effects after the choice is made")

    @property
    def owners(self) -> tuple[str, ...]:
        """The factions whose event it is, in the order listed (``('neutral',)`` for a neutral card).
        The rules of who may play its event are in ``engine/cards.py``."""
        return (self.owner_,) if isinstance(self.owner_, str) else tuple(self.owner_)

    @property
    def owner(self) -> str:
        """Its first listed owner (or ``neutral``): the one faction of a card that has one, and the
        owner a shared card's event fires for after another faction's operations."""
        return self.owners[0] if self.owners else "neutral"

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) else v


class FactionAction(Model):
    id: Id = Field(description="the action's id (snake_case)")
    name: Text = Field(description="the action's name")
    faction: Id | list[Id] = Field(description="the faction (or factions) that may use it")
    cost: int = Field(ge=1, le=6, description="economy it costs (1..6)")
    per_turn: int = Field(default=1, ge=0, le=10, description="how often per turn (0: no limit)")
    text: str = Field(default="", description="what it does, in words")
    if_: Condition | None = Field(default=None, alias="if", description="it may be used only when this holds")
    target: Target | None = Field(default=None, description="what the player picks when using it")
    effects: list[Effect] = Field(default=[], description="what it does")

    @property
    def factions(self) -> tuple[str, ...]:
        return (self.faction,) if isinstance(self.faction, str) else tuple(self.faction)


class Event(Model):
    id: Id = Field(description="the event's id (snake_case)")
    date: Date = Field(description="the day it happens, YYYY-MM-DD")
    end: Date | None = Field(default=None, description="the last day of a multi-day event, YYYY-MM-DD")
    title: Text = Field(description="the event's title")
    text: Text = Field(description="what happens, in words")
    history: str = Field(default="", description="what really happened, for the history panel")
    source: Source = Field(description="where it comes from: a source id from 'sources', or 'public record'")
    place: Id | None = Field(default=None, description="a region highlighted on the map")
    if_: Condition | None = Field(default=None, alias="if", description="the event fires only when this holds")
    effects: list[Effect] = Field(default=[], description="what happens (name factions: self means nobody here)")
    choice: Choice | None = Field(default=None, description="a choice put to one or more factions")
    then: list[Effect] = Field(default=[], description="effects after the choice is made")


class BlocValues(Model):
    presence: int = Field(default=0, ge=0, le=50, description="VP for controlling at least one region of the bloc")
    domination: int = Field(
        default=0, ge=0, le=50,
        description="VP for controlling more of its regions than each other faction, one a battleground",
    )
    control: int = Field(
        default=0, ge=0, le=50,
        description="VP for controlling more of its regions than each other faction and all its battlegrounds",
    )


class Scoring(Model):
    months: list[Month] = Field(default=[], description="the months when the blocs are scored, YYYY-MM")
    battleground_vp: int = Field(
        default=1, ge=0, le=10,
        description="VP per battleground a faction controls in a scored bloc",
    )
    blocs: dict[Id, BlocValues] = Field(default={}, description="bloc -> the VP of each tier")


class Victory(Model):
    threshold: int | None = Field(
        default=None, ge=1, le=1000,
        description="reaching this many VP ends the game at once",
    )
    final: list[Effect] = Field(default=[], description="effects at the end of the game, before the winner is named")


class ReportItem(Model):
    """An outcome ``simulate`` reports: how often a flag is set at the end, or a track's mean final value."""

    label: Text = Field(description="how the report names it, e.g. 'treaty signed'")
    flag: Id | None = Field(default=None, description="report the share of games ending with this flag set")
    track: Id | None = Field(default=None, description="report this track's mean value at the end")


class FlagInfo(Model):
    """A flag's words in the game's sentences (a flag exists once something sets it; naming it is
    optional, and only changes how the game tells it)."""

    id: Id = Field(description="the flag, as effects set it and conditions read it")
    name: Text = Field(max_length=80, description="the flag set, as a statement to read in a sentence: "
                                                  "'the treaty is signed'")
    unset: Text | None = Field(default=None, max_length=80,
                               description="the flag not set, as a statement: 'the treaty is not signed' "
                                           "(default: 'not so: ' and the name)")


class ScenarioFile(Model):
    kind: Literal["scenario"] = Field(description="always 'scenario'")
    id: Id = Field(description="the scenario's id (snake_case)")
    title: Text = Field(description="the scenario's title")
    summary: Text = Field(description="a few sentences shown when choosing a game")
    map: str = Field(description="the map file, relative to this file")
    extend: str | None = Field(default=None, description="a scenario this one changes")
    calendar: Calendar = Field(description="when the game starts and how many turns it lasts")
    factions: list[Faction] = Field(min_length=1, max_length=8, description="the factions, in turn order")
    leaders: list[Leader] = Field(default=[], description="the leaders of every faction")
    tracks: list[Track] = Field(default=[], description="shared tracks, such as a partnership")
    rules: Rules = Field(default=Rules.model_construct(), description="the game's numbers")
    setup: Setup = Field(default=Setup.model_construct(), description="the state at the start")
    cards: list[Card] = Field(min_length=1, description="the cards of the deck")
    faction_actions: list[FactionAction] = Field(default=[], description="actions factions pay economy for")
    events: list[Event] = Field(default=[], description="timeline events, each on its date")
    upkeep: list[Effect] = Field(default=[], description="effects at the end of every turn")
    scoring: Scoring = Field(default=Scoring.model_construct(), description="when and how the blocs are scored")
    victory: Victory = Field(default=Victory.model_construct(), description="how the game is won")
    sources: list[SourceInfo] = Field(default=[], max_length=200,
                                      description="the texts that cards and events cite by id")
    flags: list[FlagInfo] = Field(default=[], max_length=64,
                                  description="words for flags, to read in the game's sentences (optional)")
    report: list[ReportItem] = Field(default=[], max_length=32,
                                     description="the outcomes 'simulate' reports for this scenario")
    regions: list[ScenarioRegion] = Field(
        default=[],
        description="changes to the map's regions, and regions of this scenario's own (merged into its map)",
    )




def _unresolved(model: type[BaseModel]) -> bool:
    """Whether a field of ``model`` still names a type defined after it (a forward reference)."""
    return any("ForwardRef" in repr(f.annotation) for f in model.model_fields.values())


# The models that name types defined after them (conditions and effects hold conditions and
# effects) are completed here, so that every model's fields are real types for the tools that
# read them (errors, lint, the language server); the others are built on first use (``defer_build``).
for _m in (CAll, CAny, CNot, RollOutcome, RollModifier, EIf, Option, Choice, Track, DiscardOutlet, Rules, Card,
           FactionAction, Event, Victory, ScenarioFile):  # fmt: skip
    if _unresolved(_m):
        _m.model_rebuild()

