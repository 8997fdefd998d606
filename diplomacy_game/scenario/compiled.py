"""The compiled scenario: the typed, checked result of loading, with the lookups the engine
needs. It sits below both the loader (which builds it) and the engine (which reads it), so
neither imports the other: the engine never imports the loader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from .diagnostics import did_you_mean
from .models import (
    Card,
    Event,
    Faction,
    FactionAction,
    Leader,
    MapFile,
    Region,
    Rules,
    ScenarioFile,
    ScenarioRegion,
    SourceInfo,
    Track,
)

NEUTRAL = "neutral"


@dataclass(frozen=True)
class GameMap:
    """A loaded, checked map with fast lookups."""

    model: MapFile
    path: str
    regions: dict[str, Region]
    region_ids: tuple[str, ...]
    adjacency: dict[str, tuple[str, ...]]

    @classmethod
    def build(cls, model: MapFile, path: str) -> GameMap:
        regions = {r.id: r for r in model.regions}
        adjacency: dict[str, tuple[str, ...]] = {}
        for r in model.regions:
            seen: list[str] = []
            for other in [*r.links, *r.sea]:
                if other in regions and other not in seen and other != r.id:
                    seen.append(other)
            adjacency[r.id] = tuple(seen)
        return cls(model, path, regions, tuple(regions), adjacency)

    def with_regions(self, items: Sequence[ScenarioRegion]) -> tuple[GameMap, list[MapProblem]]:
        """This map with a scenario's ``regions:`` merged in, and the problems found (located by
        their path into the scenario, from ``("regions", i)``). With problems, the map is unchanged."""
        return merge_regions(self, items)


# A problem with a scenario's ``regions:``: its path in the scenario, the message, a hint or None.
MapProblem = tuple[tuple[str | int, ...], str, str | None]

_NEW_REGION_NEEDS = ("name", "bloc", "stability")


def merge_regions(gmap: GameMap, items: Sequence[ScenarioRegion]) -> tuple[GameMap, list[MapProblem]]:
    """The map with the scenario's region changes and new regions (see ``GameMap.with_regions``).

    An item whose id is a region of the map changes the keys it sets; any other item is a new
    region (``name``, ``bloc`` and ``stability`` required). ``links`` and ``sea`` replace the
    region's lists, and the other side follows: a region linked to (or no longer linked to)
    gains (or loses) the link back, unless the scenario sets that region's list too, which must
    then agree.
    """
    if not items:
        return gmap, []
    problems: list[MapProblem] = []
    model = gmap.model
    blocs = {b.id for b in model.blocs}
    orgs = {o.id for o in model.organizations}
    data: dict[str, dict[str, Any]] = {r.id: r.model_dump() for r in model.regions}
    order = list(data)
    seen: dict[str, int] = {}
    set_lists: dict[tuple[str, str], int] = {}  # (region, links|sea) -> item index that sets it
    old_lists: dict[tuple[str, str], list[str]] = {}
    for i, it in enumerate(items):
        path: tuple[str | int, ...] = ("regions", i)
        if it.id in seen:
            problems.append(((*path, "id"), f"the region '{it.id}' is listed twice in regions "
                                            f"(first at regions[{seen[it.id]}])", None))
            continue
        seen[it.id] = i
        given = it.model_dump(exclude_unset=True, exclude_none=True)
        if it.id in data:
            rec = data[it.id]
        else:
            missing = [k for k in _NEW_REGION_NEEDS if k not in given]
            if missing:
                near = did_you_mean(it.id, order)
                hint = f"to change a region of the map, {near}" if near else None
                problems.append((path, f"'{it.id}' is not a region of the map '{model.id}', so it is a new region "
                                       f"and needs {', '.join(missing)}", hint))
                continue
            rec = {"id": it.id, "name": "", "bloc": "", "stability": 1, "battleground": False, "members": [],
                   "joined": {}, "links": [], "sea": [], "offmap": False, "iso_a3": None, "cities": [], "at": None}
            data[it.id] = rec
            order.append(it.id)
        if "bloc" in given and it.bloc not in blocs:
            problems.append(((*path, "bloc"), f"unknown bloc '{it.bloc}'", did_you_mean(str(it.bloc), blocs)))
        for j, o in enumerate(it.members or []):
            if o not in orgs:
                problems.append(((*path, "members", j), f"unknown organization '{o}'", did_you_mean(o, orgs)))
        for kind in ("links", "sea"):
            if kind in given:
                set_lists[(it.id, kind)] = i
                old_lists[(it.id, kind)] = list(rec[kind])
        for k, v in given.items():
            if k != "id":
                rec[k] = v
        if "members" in given or "joined" in given:
            for org in rec["joined"]:
                if org not in rec["members"]:
                    where = (*path, "joined", org) if "joined" in given else (*path, "members")
                    problems.append((where, f"'{it.id}' joins '{org}' during the game, so '{org}' must be "
                                            "listed in its members", None))
    for (rid, kind), i in set_lists.items():
        new = data[rid][kind]
        side = "land" if kind == "links" else "sea"
        for j, other in enumerate(new):
            path = ("regions", i, kind, j)
            if other == rid:
                problems.append((path, f"region '{rid}' links to itself", None))
            elif new.index(other) != j:
                problems.append((path, f"'{other}' is listed twice in {kind}", None))
            elif other not in data:
                problems.append((path, f"link to unknown region '{other}'", did_you_mean(other, order)))
            elif (other, kind) in set_lists:
                if rid not in data[other][kind]:
                    problems.append((path, f"one-way {side} link: '{rid}' lists '{other}' but the scenario's "
                                           f"'{other}' does not list '{rid}' in {kind}", None))
            elif rid not in data[other][kind]:
                data[other][kind] = [*data[other][kind], rid]
        for other in old_lists[(rid, kind)]:
            if other not in new and other in data and (other, kind) not in set_lists:
                data[other][kind] = [x for x in data[other][kind] if x != rid]
    if problems:
        return gmap, problems
    merged = model.model_copy(update={"regions": [Region.model_validate(data[r]) for r in order]})
    return GameMap.build(merged, gmap.path), []


@dataclass(frozen=True)
class Scenario:
    """A loaded, checked scenario: its model, its map and the lookups the engine needs."""

    model: ScenarioFile
    map: GameMap
    path: str
    content_hash: str
    months: tuple[str, ...]
    factions: tuple[str, ...]
    cards: dict[str, Card]
    events: tuple[Event, ...]
    event_index: dict[str, Event]
    actions: dict[str, FactionAction]
    leaders: dict[str, Leader]
    tracks: dict[str, Track]
    card_order: dict[str, int]

    @cached_property
    def id(self) -> str:
        return self.model.id

    @cached_property
    def rules(self) -> Rules:
        """The model's rules (read once into the instance: the engine asks on every move)."""
        return self.model.rules

    def source(self, ref: str) -> SourceInfo | None:
        """The source a card or event cites by id, or None for a plain text ('public record')."""
        return next((x for x in self.model.sources if x.id == ref), None)

    def source_label(self, ref: str) -> str:
        """How a card's or event's ``source`` is shown: a cited source's title, outlet and date;
        a plain text as it is."""
        src = self.source(ref)
        if src is None:
            return ref
        return source_label(src)

    def faction(self, fid: str) -> Faction:
        return self._faction_by_id[fid]  # KeyError for an unknown id, as before

    @cached_property
    def _faction_by_id(self) -> dict[str, Faction]:
        """The factions by id (derived once from the model; the engine asks it on every move)."""
        out: dict[str, Faction] = {}
        for f in self.model.factions:
            out.setdefault(f.id, f)  # the first of an id, as the scan before
        return out


MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: str) -> str:
    """``2024-10-11`` as ``11 October 2024``.

    >>> long_date("2024-05-20")
    '20 May 2024'
    """
    return f"{int(day[8:10])} {MONTH_NAMES[int(day[5:7]) - 1]} {day[:4]}"


def source_label(src: SourceInfo) -> str:
    """A source as a reader sees it: its title in quotes, then the outlet and the date.

    >>> source_label(SourceInfo(id="a", title="Talks in Ashgabat", outlet="A wire", date="2024-10-11"))
    '“Talks in Ashgabat”, A wire, 11 October 2024'
    """
    return ", ".join(x for x in (f"“{src.title}”", src.outlet, long_date(src.date)) if x)


def calendar_months(start: str, turns: int) -> tuple[str, ...]:
    year, month = int(start[:4]), int(start[5:7])
    out = []
    for _ in range(turns):
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            month, year = 1, year + 1
    return tuple(out)
