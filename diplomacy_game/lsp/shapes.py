"""What the formats expect at each place: the pydantic models walked by key path.

A *path* is a tuple of keys (text) and list positions (int), as in a diagnostic. ``resolve``
follows a path from a file's root model to the type expected there, and says which field of
which model holds it; ``id_kind`` says which kind of id (region, card, ...) is expected there,
from the table ``ID_FIELDS``: the one place that knows which fields name ids. Nothing here
shows an internal model name: descriptions come from the models' Field descriptions, or are
phrased from the type.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..scenario import models as m
from ..scenario import testfile as t
from ..scenario.diagnostics import Path

# --------------------------------------------------------------------------- id kinds

# What an id names, in words (for hovers and completion details).
KIND_WORDS: dict[str, str] = {
    "region": "region",
    "bloc": "bloc",
    "organization": "organization",
    "faction": "faction",
    "card": "card",
    "event": "timeline event",
    "option": "option of a choice",
    "leader": "leader",
    "track": "track",
    "flag": "flag",
    "action": "faction action",
}


@dataclass(frozen=True)
class DictIds:
    """A mapping whose keys (and perhaps values) are ids."""

    key: str | None
    value: IdSpec | None = None


IdSpec = str | DictIds
"""A kind of id ("region", ...; "faction+" also takes self/owner/target, "region+" takes target,
"flag!" is a place that sets the flag) for a value or each item of a list, or a DictIds."""

ID_FIELDS: dict[tuple[type[BaseModel], str], IdSpec] = {
    # the map
    (m.Region, "bloc"): "bloc",
    (m.Region, "members"): "organization",
    (m.Region, "joined"): DictIds("organization"),
    (m.Region, "links"): "region",
    (m.Region, "sea"): "region",
    # a scenario's regions (changes to its map's, and its own)
    (m.ScenarioRegion, "bloc"): "bloc",
    (m.ScenarioRegion, "members"): "organization",
    (m.ScenarioRegion, "joined"): DictIds("organization"),
    (m.ScenarioRegion, "links"): "region",
    (m.ScenarioRegion, "sea"): "region",
    # conditions
    (m.TrackCond, "id"): "track",
    (m.FactionCompare, "faction"): "faction+",
    (m.InfluenceCond, "faction"): "faction+",
    (m.InfluenceCond, "region"): "region+",
    (m.LeaderCond, "faction"): "faction+",
    (m.LeaderCond, "is_"): "leader",
    (m.LeaderCond, "not_"): "leader",
    (m.ControlsCond, "faction"): "faction+",
    (m.ControlsCond, "region"): "region+",
    (m.ChoseCond, "event"): "event",
    (m.ChoseCond, "faction"): "faction+",
    (m.ChoseCond, "option"): "option",
    (m.CFlag, "flag"): "flag",
    (m.CSelfIs, "self_is"): "faction",
    # effects
    (m.InfluenceEff, "faction"): "faction+",
    (m.InfluenceEff, "region"): "region+",
    (m.TrackEff, "id"): "track",
    (m.TrackEff, "by"): "faction+",
    (m.FactionAmount, "faction"): "faction+",
    (m.StabilityEff, "region"): "region+",
    (m.LeaderEff, "faction"): "faction+",
    (m.LeaderEff, "set"): "leader",
    (m.FlagEff, "set"): "flag!",
    (m.FlagEff, "clear"): "flag",
    (m.AddCardEff, "card"): "card",
    (m.AddCardEff, "faction"): "faction+",
    (m.CardRefEff, "card"): "card",
    (m.DrawEff, "faction"): "faction+",
    (m.EndGameEff, "loser"): "faction+",
    # scenario parts
    (m.AiHints, "tracks"): DictIds("track"),
    (m.AiHints, "flags"): DictIds("flag"),
    (m.Faction, "home"): "region",
    (m.Leader, "faction"): "faction",
    (m.Setup, "leaders"): DictIds("faction", "leader"),
    (m.Setup, "economy"): DictIds("faction"),
    (m.Setup, "vp"): DictIds("faction"),
    (m.Setup, "tracks"): DictIds("track"),
    (m.Setup, "flags"): "flag!",
    (m.Setup, "influence"): DictIds("faction", DictIds("region")),
    (m.Setup, "stability"): DictIds("region"),
    (m.RegionFilter, "bloc"): "bloc",
    (m.RegionFilter, "member"): "organization",
    (m.RegionFilter, "regions"): "region",
    (m.RegionFilter, "influence_of"): "faction+",
    (m.RegionFilter, "adjacent_to"): "region",
    (m.Target, "faction"): "faction",
    (m.Option, "factions"): "faction",
    (m.Choice, "faction"): "faction+",
    (m.Choice, "factions"): "faction",
    (m.Card, "owner_"): "faction",
    (m.FactionAction, "faction"): "faction",
    (m.DiscardOutlet, "factions"): "faction",
    (m.Event, "place"): "region",
    (m.Scoring, "blocs"): DictIds("bloc"),
    (m.ReportItem, "flag"): "flag",
    (m.FlagInfo, "id"): "flag",  # the words for a flag that effects set
    (m.ReportItem, "track"): "track",
    # scenario tests
    (t.StateOverrides, "leaders"): DictIds("faction", "leader"),
    (t.StateOverrides, "economy"): DictIds("faction"),
    (t.StateOverrides, "vp"): DictIds("faction"),
    (t.StateOverrides, "tracks"): DictIds("track"),
    (t.StateOverrides, "flags"): DictIds("flag"),
    (t.StateOverrides, "influence"): DictIds("faction", DictIds("region")),
    (t.StateOverrides, "stability"): DictIds("region"),
    (t.StateOverrides, "hands"): DictIds("faction", "card"),
    (t.Expect, "tracks"): DictIds("track"),
    (t.Expect, "vp"): DictIds("faction"),
    (t.Expect, "economy"): DictIds("faction"),
    (t.Expect, "influence"): DictIds("faction", DictIds("region")),
    (t.Expect, "stability"): DictIds("region"),
    (t.Expect, "leaders"): DictIds("faction", "leader"),
    (t.Expect, "flags"): DictIds("flag"),
    (t.Expect, "fired"): "event",
    (t.Expect, "skipped"): "event",
    (t.Expect, "hands"): DictIds("faction", "card"),
    (t.Expect, "deck"): "card",
    (t.Expect, "removed"): "card",
    (t.Expect, "to_act"): "faction",
    (t.Expect, "winners"): "faction",
}

# Lists of things with an ``id`` that define ids of a kind.
DEFINING_FIELDS: dict[tuple[type[BaseModel], str], str] = {
    (m.MapFile, "regions"): "region",
    (m.MapFile, "blocs"): "bloc",
    (m.MapFile, "organizations"): "organization",
    (m.ScenarioFile, "factions"): "faction",
    (m.ScenarioFile, "cards"): "card",
    (m.ScenarioFile, "events"): "event",
    (m.ScenarioFile, "leaders"): "leader",
    (m.ScenarioFile, "tracks"): "track",
    (m.ScenarioFile, "faction_actions"): "action",
    (m.ScenarioFile, "regions"): "region",  # a scenario's own regions (and its changes to the map's)
    (m.Choice, "options"): "option",
}

# Id fields that name no other thing (a file's own id, a trait's id).
OWN_IDS: set[tuple[type[BaseModel], str]] = {
    (m.MapFile, "id"),
    (m.ScenarioFile, "id"),
    (m.Trait, "id"),
    (m.Named, "id"),
    (m.Region, "id"),
    (m.ScenarioRegion, "id"),
    (m.Faction, "id"),
    (m.Leader, "id"),
    (m.Track, "id"),
    (m.Card, "id"),
    (m.FactionAction, "id"),
    (m.Event, "id"),
    (m.SourceInfo, "id"),
    (m.Option, "id"),
}

ROOTS: dict[str, type[BaseModel]] = {"scenario": m.ScenarioFile, "map": m.MapFile, "test": t.TestFile}

# --------------------------------------------------------------------------- types


def _unwrap(tp: Any) -> tuple[Any, list[Any]]:
    """The type without ``Annotated`` layers, and their metadata."""
    meta: list[Any] = []
    while typing.get_origin(tp) is typing.Annotated:
        args = typing.get_args(tp)
        tp, meta = args[0], [*meta, *args[1:]]
    return tp, meta


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


def alternatives(tp: Any) -> list[tuple[Any, str | None]]:
    """The non-None alternatives of a type (itself if not a union), each with its tag if tagged."""
    base, _ = _unwrap(tp)
    if not _is_union(base):
        return [(base, None)]
    out: list[tuple[Any, str | None]] = []
    for arg in typing.get_args(base):
        inner, meta = _unwrap(arg)
        if inner is type(None):
            continue
        tag = next((x.tag for x in meta if type(x).__name__ == "Tag"), None)
        if _is_union(inner):
            out.extend(alternatives(inner))
        else:
            out.append((inner, tag))
    return out


def tags(tp: Any) -> dict[str, type[BaseModel]]:
    """The kinds of a tagged union (effect or condition): tag -> model; empty for others."""
    return {tag: alt for alt, tag in alternatives(tp) if tag is not None and isinstance(alt, type)}


def union_word(tp: Any) -> str | None:
    """'effect' or 'condition' for those tagged unions, else None."""
    kinds = set(tags(tp))
    if not kinds:
        return None
    if kinds == set(m.EFFECT_KINDS):
        return "effect"
    if kinds == set(m.CONDITION_KINDS):
        return "condition"
    return "kind"


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def field_by_key(model: type[BaseModel], key: str) -> tuple[str, FieldInfo] | None:
    """The field a YAML key names (its alias, or its name when it has none)."""
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return name, info
    return None


def keys_of(model: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    return [(info.alias or name, info) for name, info in model.model_fields.items()]


@dataclass(frozen=True)
class Place:
    """What is expected at a path: the type, and the field it belongs to."""

    tp: Any  # the annotation expected here (None: nothing is known)
    owner: type[BaseModel] | None = None  # the model whose field holds it
    field: str | None = None  # that field's name
    info: FieldInfo | None = None
    steps: tuple[str, ...] = ()  # inside the field: "item" (a list's) or "value" (a mapping's)
    in_union: Any = None  # the tagged union this place is the inside of (a kind's key)


def child(place: Place, elem: str | int) -> Place:
    """The place one step down from ``place``."""
    tp = place.tp
    alts = alternatives(tp)
    if isinstance(elem, int):
        for alt, _ in alts:
            if typing.get_origin(alt) is list:
                (item,) = typing.get_args(alt)
                return Place(item, place.owner, place.field, place.info, (*place.steps, "item"))
        return Place(None)
    tagged = {tag: alt for alt, tag in alts if tag is not None}
    if tagged:
        if elem in tagged:
            return _field(tagged[elem], elem, tp)
        for alt in tagged.values():  # a key of a kind with more keys ("then" of "if")
            if _is_model(alt) and field_by_key(alt, elem) is not None:
                return _field(alt, elem, tp)
        return Place(None)
    for alt, _ in alts:
        if _is_model(alt):
            found = _field(alt, elem, None)
            if found.tp is not None:
                return found
        elif typing.get_origin(alt) is dict:
            _, value = typing.get_args(alt)
            return Place(value, place.owner, place.field, place.info, (*place.steps, "value"))
    return Place(None)


def _field(model: type[BaseModel], key: str, union: Any) -> Place:
    found = field_by_key(model, key)
    if found is None:
        return Place(None)
    name, info = found
    return Place(info.annotation, model, name, info, (), union)


def resolve(kind: str, path: Path) -> Place:
    """The place at ``path`` in a file of ``kind`` (scenario, map, test)."""
    root = ROOTS.get(kind)
    if root is None:
        return Place(None)
    place = Place(root)
    for elem in path:
        place = child(place, elem)
        if place.tp is None:
            return place
    return place


def models_of(place: Place) -> list[type[BaseModel]]:
    """The models a mapping at this place may be (several for a field typed A | B)."""
    return [alt for alt, tag in alternatives(place.tp) if tag is None and _is_model(alt)]


def dict_of(place: Place) -> bool:
    return any(typing.get_origin(alt) is dict for alt, _ in alternatives(place.tp))


def literals(place: Place) -> list[str]:
    out: list[str] = []
    for alt, _ in alternatives(place.tp):
        if typing.get_origin(alt) is Literal:
            out.extend(str(v) for v in typing.get_args(alt))
        elif alt is bool:
            out.extend(["true", "false"])
    return out


def id_kind(place: Place, *, key: bool = False) -> str | None:
    """The kind of id expected at this place (or, with ``key``, as a key of the mapping here)."""
    if place.owner is None or place.field is None:
        return None
    spec: IdSpec | None = ID_FIELDS.get((place.owner, place.field))
    for step in place.steps:
        if step == "value":
            spec = spec.value if isinstance(spec, DictIds) else None
    if key:
        return spec.key if isinstance(spec, DictIds) else None
    return spec if isinstance(spec, str) else None


def defining_kind(place: Place) -> str | None:
    """The kind of id that the items of the list at this place define (by their ``id``)."""
    if place.owner is None or place.field is None or place.steps:
        return None
    return DEFINING_FIELDS.get((place.owner, place.field))


# --------------------------------------------------------------------------- words


def _article(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def type_phrase(tp: Any, depth: int = 0) -> str:
    """A short phrase for a type, in the author's words (never a model's name)."""
    word = union_word(tp)
    if word is not None:
        return _article(word)
    parts: list[str] = []
    for alt, _ in alternatives(tp):
        origin = typing.get_origin(alt)
        if origin is list:
            (item,) = typing.get_args(alt)
            inner = type_phrase(item, depth + 1)
            parts.append("a list of " + (inner.split(" ", 1)[1] + "s" if inner.startswith(("a ", "an ")) else inner))
        elif origin is dict:
            parts.append("a mapping")
        elif origin is Literal:
            parts.append("one of " + ", ".join(str(v) for v in typing.get_args(alt)))
        elif alt is bool:
            parts.append("true or false")
        elif alt is int:
            parts.append("a whole number")
        elif alt is float:
            parts.append("a number")
        elif alt is str:
            parts.append("text")
        elif _is_model(alt):
            parts.append("a mapping")
        else:
            parts.append("a value")
    return " or ".join(dict.fromkeys(parts)) or "a value"


def _bounds(info: FieldInfo | None) -> str:
    if info is None:
        return ""
    lo = hi = None
    for meta in info.metadata:
        lo = getattr(meta, "ge", lo) if getattr(meta, "ge", None) is not None else lo
        hi = getattr(meta, "le", hi) if getattr(meta, "le", None) is not None else hi
    if lo is not None and hi is not None:
        return f" from {lo} to {hi}"
    if lo is not None:
        return f" of at least {lo}"
    if hi is not None:
        return f" of at most {hi}"
    return ""


def _description(info: FieldInfo | None) -> str | None:
    if info is None:
        return None
    if info.description:
        return info.description
    for meta in typing.get_args(info.annotation)[1:] if typing.get_origin(info.annotation) is typing.Annotated else ():
        desc = getattr(meta, "description", None)
        if desc:
            return str(desc)
    return None


def describe_place(key: str, place: Place) -> str:
    """One or two lines about the key ``key`` at ``place``: what it holds, and its description."""
    kind = id_kind(place)
    if place.in_union is not None and place.owner is not None and place.field is not None:
        word = union_word(place.in_union) or "kind"
        inner = models_of(Place(place.tp))
        doc = _model_doc(inner[0]) if inner else None
        fields = ", ".join(k for k, _ in keys_of(inner[0])) if inner else ""
        head = f"`{key}`: {_article(word)}" + (f" ({fields})" if fields else f": {type_phrase(place.tp)}")
        return head + (f"\n\n{doc}" if doc else "")
    desc = _description(place.info)
    if kind is not None:
        what = f"the id of {_article(KIND_WORDS[kind.rstrip('+!')])}"
        if kind == "faction+":
            what += ", or self, owner, target"
        elif kind == "region+":
            what += ", or target"
        if place.steps:
            what = "a list of " + what.replace("the id of", "ids of", 1)
        phrase = what
    else:
        key_kind = id_kind(place, key=True)
        phrase = type_phrase(place.tp) + _bounds(place.info)
        if key_kind is not None:
            phrase = f"a mapping from {KIND_WORDS[key_kind]} ids"
    if place.info is not None and not place.info.is_required():
        default = place.info.default
        if default not in (None, [], {}, "") and not isinstance(default, BaseModel):
            phrase += f" (default: {str(default).lower() if isinstance(default, bool) else default})"
    elif place.info is not None:
        phrase += " (required)"
    head = f"`{key}`: {phrase}"
    return head + (f"\n\n{desc}" if desc else "")


def _model_doc(model: type[BaseModel]) -> str | None:
    doc = model.__doc__
    if not doc or doc.startswith(("Usage docs", "!!! abstract")) or doc == BaseModel.__doc__:
        return None
    return " ".join(doc.split())


def kind_doc(word: str, tag: str, model: type[BaseModel]) -> str:
    """A kind of effect or condition in words: its keys and, when it has one, its description."""
    inner = field_by_key(model, tag)
    doc = _model_doc(model)
    fields = ""
    if inner is not None:
        sub = models_of(Place(inner[1].annotation))
        if sub:
            fields = " {" + ", ".join(k for k, _ in keys_of(sub[0])) + "}"
            doc = doc or _model_doc(sub[0])
        else:
            fields = ": " + type_phrase(inner[1].annotation)
        doc = doc or _description(inner[1])
    else:
        fields = " {" + ", ".join(k for k, _ in keys_of(model)) + "}"
    return f"{_article(word)}: `{tag}`{fields}" + (f"\n\n{doc}" if doc else "")
