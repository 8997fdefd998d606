"""The compiled scenario: the typed, checked result of loading, with the lookups the engine
needs. It sits below both the loader (which builds it) and the engine (which reads it), so
neither imports the other: the engine never imports the loader."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Card, Event, Faction, FactionAction, Leader, MapFile, Region, Rules, ScenarioFile, Track

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

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def rules(self) -> Rules:
        return self.model.rules

    def faction(self, fid: str) -> Faction:
        for f in self.model.factions:
            if f.id == fid:
                return f
        raise KeyError(fid)


def calendar_months(start: str, turns: int) -> tuple[str, ...]:
    year, month = int(start[:4]), int(start[5:7])
    out = []
    for _ in range(turns):
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            month, year = 1, year + 1
    return tuple(out)
