"""Warnings: content that loads and runs, but is very likely not what the author meant.

Warnings never stop a scenario from loading; ``diplomacy-game validate`` prints them and
fails on them only with ``--strict``. Each kind is listed in docs/scenario-format.md
("Warnings"), with the text limits below.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..engine.conditions import never_holds
from ..engine.vocabulary import EFFECTS
from ..geo import map_frame
from .compiled import GameMap
from .diagnostics import Diagnostic, Path, did_you_mean
from .models import (
    Card,
    Choice,
    City,
    ELog,
    EndGameEff,
    Event,
    Faction,
    FactionAction,
    Leader,
    MapFile,
    Named,
    Option,
    Region,
    ScenarioFile,
    Track,
    Trait,
)
from .safeyaml import YamlDocument

# How much text fits where the game shows it (characters). The boxes wrap text, so these are
# generous; beyond them the text is cut off or crowds out the rest of its box.
TEXT_LIMITS: dict[tuple[type[BaseModel], str], tuple[str, int]] = {
    (ScenarioFile, "title"): ("a scenario title", 40),
    (ScenarioFile, "summary"): ("a scenario summary", 600),
    (Faction, "name"): ("a faction name", 20),
    (Leader, "name"): ("a leader name", 28),
    (Leader, "title"): ("a leader title", 40),
    (Trait, "name"): ("a trait name", 24),
    (Trait, "text"): ("a trait text", 120),
    (Track, "name"): ("a track name", 20),
    (Track, "text"): ("a track text", 200),
    (Card, "title"): ("a card title", 32),
    (Card, "text"): ("a card text", 260),
    (Card, "history"): ("a card history", 600),
    (FactionAction, "name"): ("a faction action name", 28),
    (FactionAction, "text"): ("a faction action text", 180),
    (Event, "title"): ("an event title", 40),
    (Event, "text"): ("an event text", 320),
    (Event, "history"): ("an event history", 600),
    (Choice, "prompt"): ("a choice prompt", 80),
    (Option, "label"): ("an option label", 40),
    (Option, "text"): ("an option text", 160),
    (ELog, "log"): ("a log line", 140),
    (EndGameEff, "reason"): ("an end-of-game reason", 140),
    (Region, "name"): ("a region name", 24),
    (Named, "name"): ("a bloc or organization name", 48),
    (City, "name"): ("a city name", 20),
}


def walk(value: Any, path: Path) -> Iterator[tuple[BaseModel, Path]]:
    """Every model inside ``value`` with its key path (YAML keys, not field names)."""
    stack: list[tuple[Any, Path]] = [(value, path)]
    while stack:
        v, p = stack.pop()
        if isinstance(v, BaseModel):
            yield v, p
            for name, info in type(v).model_fields.items():
                child = getattr(v, name, None)
                if child is not None:
                    stack.append((child, (*p, info.alias or name)))
        elif isinstance(v, list):
            stack.extend((x, (*p, i)) for i, x in enumerate(v))
        elif isinstance(v, dict):
            stack.extend((x, (*p, str(k))) for k, x in v.items())


def _text_warnings(nodes: Sequence[tuple[BaseModel, Path]], warn: _Warn) -> None:
    for node, path in nodes:
        for (cls, name), (what, limit) in TEXT_LIMITS.items():
            if type(node) is not cls:
                continue
            text = getattr(node, name, None)
            if isinstance(text, str) and len(text) > limit:
                key = type(node).model_fields[name].alias or name
                warn(
                    (*path, key),
                    f"text too long for its box: {what} shows at most {limit} characters, this one has {len(text)}",
                )


@dataclass
class _Warn:
    doc: YamlDocument
    out: list[Diagnostic]

    def __call__(self, path: Path, msg: str, hint: str | None = None, *, key: bool = False) -> None:
        self.out.append(Diagnostic(self.doc.locate(path, key=key), msg, path, "warning", hint))


# --------------------------------------------------------------------------- map


def lint_map(m: MapFile, doc: YamlDocument) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    warn = _Warn(doc, out)
    used_blocs = {r.bloc for r in m.regions}
    for i, r in enumerate(m.regions):
        if not r.links and not r.sea:
            warn(
                ("regions", i, "id"),
                f"the region '{r.id}' has no links: no 'links' and no 'sea', so influence cannot spread "
                "to it or from it",
            )
    for i, b in enumerate(m.blocs):
        if b.id not in used_blocs:
            warn(("blocs", i, "id"), f"the bloc '{b.id}' has no regions: no region names it as its 'bloc'")
    _text_warnings(list(walk(m, ())), warn)
    return out


# --------------------------------------------------------------------------- scenario


@dataclass
class _Facts:
    """What the scenario can ever make true: flags set, leaders installed, cards added.

    Why a condition can never hold is said by its class (``never`` in engine/conditions.py).
    """

    s: ScenarioFile
    turns: int
    flags: set[str]
    leaders: set[str]
    cards: set[str]


def lint_scenario(
    s: ScenarioFile, doc: YamlDocument, months: Sequence[str], active_events: Sequence[int],
    *, merged_map: GameMap | None = None, map_regions: Mapping[str, Region] | None = None,
) -> list[Diagnostic]:
    """Every warning for a scenario that has no errors.

    ``merged_map`` is the map it plays on (its ``regions:`` merged in) and ``map_regions`` the
    regions of its map file before the merge: with them, its own regions are checked too.
    """
    out: list[Diagnostic] = []
    warn = _Warn(doc, out)
    if merged_map is not None and map_regions is not None:
        _region_warnings(s, merged_map, map_regions, warn)
    active = set(active_events)
    nodes: list[tuple[BaseModel, Path]] = [(s, ())]
    for name, info in ScenarioFile.model_fields.items():
        key = info.alias or name
        value = getattr(s, name)
        if key == "events":
            for i, ev in enumerate(value):
                if i in active:
                    nodes.extend(walk(ev, ("events", i)))
        elif value is not None:
            nodes.extend(walk(value, (key,)))

    # the vocabulary's facts, in the engine's classes
    supplied: dict[str, set[str]] = {"flag": set(s.setup.flags), "leader": set(s.setup.leaders.values()),
                                     "card": set()}  # fmt: skip
    for node, _ in nodes:
        kind = EFFECTS.get(type(node))  # effects among the nodes (an unknown one supplies nothing)
        if kind is not None:
            for what, value in kind.supplies(node):
                supplied.setdefault(what, set()).add(value)
    added = supplied["card"]
    facts = _Facts(s, len(months), supplied["flag"], supplied["leader"], added)

    # cards that never come into play
    for i, card in enumerate(s.cards):
        if card.deck == "later" and card.id not in added:
            warn(
                ("cards", i, "deck"),
                f"the card '{card.id}' is never used: it starts out of the deck ('deck: later') and no "
                "'add_card' effect brings it in",
                "add an 'add_card' effect to an event or card, or set 'deck: start'",
            )

    # conditions that can never hold
    for node, path in nodes:
        cond = getattr(node, "if_", None)
        if cond is None or not isinstance(node, BaseModel) or "if_" not in type(node).model_fields:
            continue
        found = never_holds(facts, cond, (*path, "if"))
        if found is None:
            continue
        reason, where, hint = found
        if isinstance(node, Event):
            msg = f"the event '{node.id}' can never happen: its condition never holds: {reason}"
        elif isinstance(node, Card):
            msg = f"the card '{node.id}' can never be played for its event: its condition never holds: {reason}"
        elif isinstance(node, FactionAction):
            msg = f"the faction action '{node.id}' can never be taken: its condition never holds: {reason}"
        elif isinstance(node, Option):
            msg = f"the option '{node.id}' can never be chosen: its condition never holds: {reason}"
        else:
            msg = f"this condition can never hold: {reason}"
        warn(where, msg, hint)

    # a reported flag that nothing sets: simulate would always report 0 %
    for i, item in enumerate(s.report):
        if item.flag is not None and item.flag not in supplied["flag"]:
            warn(("report", i, "flag"), f"the flag '{item.flag}' is never set, so it is reported in no game",
                 did_you_mean(item.flag, supplied["flag"]))

    # a named flag that nothing sets: its words are never read
    for i, fl in enumerate(s.flags):
        if fl.id not in supplied["flag"]:
            warn(("flags", i, "id"), f"the flag '{fl.id}' is named but never set",
                 did_you_mean(fl.id, supplied["flag"]))

    _history_warnings(s, active, warn)
    _text_warnings(nodes, warn)
    return out


def _region_warnings(s: ScenarioFile, gmap: GameMap, map_regions: Mapping[str, Region], warn: _Warn) -> None:
    """The traps of a scenario's ``regions:``: a region left without links, a new one without a place."""
    for i, item in enumerate(s.regions):
        region = gmap.regions.get(item.id)
        if region is None:
            continue
        new = item.id not in map_regions
        cleared = new or item.links is not None or item.sea is not None  # else the map's own warning
        if cleared and not region.links and not region.sea and not region.offmap:
            what = "the new region" if new else "the region"
            warn(
                ("regions", i, "id"),
                f"{what} '{item.id}' has no links: no 'links' and no 'sea' (here or in another region's "
                "list), so influence cannot spread to it or from it",
                "give it 'links: [REGION, ...]' (land borders) or 'sea: [...]'; the other side follows",
            )
        if new and item.at is None:
            warn(
                ("regions", i, "id"),
                f"the new region '{item.id}' has no 'at': it has no shape on the map, so its marker is put "
                "in a row along the top of the map, where it may hide behind other boxes",
                "give it 'at: {lon: LONGITUDE, lat: LATITUDE}', e.g. its capital's",
            )
        if item.at is not None and not region.offmap:
            frame = map_frame(gmap.model.id)  # None: no drawn map, so every position fits the blank one
            if frame is not None and not frame.contains(float(item.at.lon), float(item.at.lat)):
                warn(
                    ("regions", i, "at"),
                    f"the region '{item.id}' is placed outside the map '{gmap.model.id}' (lon {item.at.lon}, "
                    f"lat {item.at.lat}): its marker is pushed to the nearest edge, away from where it is",
                    "check the numbers (lon is east-west, lat north-south; they may be swapped), or give it "
                    "'offmap: true' and a box if it lies beyond the map",
                )


def _first_day(date: str) -> str:
    """The earliest day a loose date (YYYY, YYYY-MM or YYYY-MM-DD) can mean."""
    return (date + "-01-01")[:10] if len(date) == 4 else (date + "-01")[:10]


def _history_warnings(s: ScenarioFile, active: set[int], warn: _Warn) -> None:
    """A card or event dated after the article it cites (it cannot report what came later), and
    a draw in a timeline event (the month's draw right after the timeline fills every hand up to
    its size, so the card drawn early only takes the place of one drawn then)."""
    published = {src.id: src.date for src in s.sources}
    cited: list[tuple[Path, str | None, str]] = [(("cards", i), c.date, c.source) for i, c in enumerate(s.cards)]
    cited += [(("events", i), e.date, e.source) for i, e in enumerate(s.events) if i in active]
    for path, date, ref in cited:
        day = published.get(ref)
        if day is not None and date and _first_day(date) > day:
            warn((*path, "source"),
                 f"dated {date}, after the source it cites ('{ref}', published {day}): a text cannot report "
                 "what happened after it was written",
                 "cite a source from after the date, or 'public record'")
    for i, ev in enumerate(s.events):
        if i not in active:
            continue
        for node, path in walk(ev, ("events", i)):
            kind = EFFECTS.get(type(node))  # the vocabulary's own name of the effect
            if kind is not None and kind.key == "draw":
                warn((*path, "draw"),
                     f"a draw in the timeline event '{ev.id}' does nothing: the month's draw comes right after "
                     "the timeline and fills every hand up to its size, so this card only takes the place of "
                     "one drawn then",
                     "give something that lasts instead (economy, influence, a track), or draw in a card's event",
                     key=True)


__all__ = ["TEXT_LIMITS", "lint_map", "lint_scenario", "walk"]
