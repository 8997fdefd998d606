"""The compiled scenario: the typed, checked result of loading, with the lookups the engine
needs. It sits below both the loader (which builds it) and the engine (which reads it), so
neither imports the other: the engine never imports the loader."""

from __future__ import annotations

from dataclasses import dataclass

from .models import Card, Event, Faction, FactionAction, Leader, MapFile, Region, Rules, ScenarioFile, Source, Track

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

    def source(self, ref: str) -> Source | None:
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
        for f in self.model.factions:
            if f.id == fid:
                return f
        raise KeyError(fid)


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


def source_label(src: Source) -> str:
    """A source as a reader sees it: its title in quotes, then the outlet and the date.

    >>> source_label(Source(id="a", title="Talks in Ashgabat", outlet="A wire", date="2024-10-11"))
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
