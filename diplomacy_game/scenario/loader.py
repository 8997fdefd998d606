"""Load map and scenario files into typed, cross-checked models, reporting every error."""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import hashlib
import os
import typing
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .. import safefile

# The compiled types live below the loader (and the engine): re-exported here for callers.
from .compiled import NEUTRAL, GameMap, Scenario, calendar_months
from .diagnostics import ContentError, Diagnostic, DiagnosticList, Location, Path
from .errors import translate
from .lint import lint_map, lint_scenario
from .models import FACTION_WORDS, REGION_WORDS, Choice, MapFile, ScenarioFile, Target
from .paths import allowed_roots, reference
from .safeyaml import YamlDocument, YamlError, load_yaml, refused
from .semantic import check_map, check_scenario


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as the author typed it (relative to the working folder when inside it)."""
    p = os.fspath(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:  # pragma: no cover - another drive on Windows
        return p
    return p if rel.startswith("..") else rel


# Unsaved editor buffers (absolute path -> text) that stand in for the files on disk while the
# language server validates them (see ``validate_text``); empty everywhere else.
_BUFFERS: contextvars.ContextVar[Mapping[str, str] | None] = contextvars.ContextVar("_BUFFERS", default=None)


# Parsed documents by (name, text), kept across validations by the language server (see
# ``buffers``): a map or base scenario that did not change is not parsed again. None elsewhere.
_PARSED: contextvars.ContextVar[MutableMapping[tuple[str, str], YamlDocument] | None] = contextvars.ContextVar(
    "_PARSED", default=None)
PARSED_KEEP = 16  # documents kept in such a cache (the oldest goes first)


@contextlib.contextmanager
def buffers(texts: Mapping[str, str],
            parsed: MutableMapping[tuple[str, str], YamlDocument] | None = None) -> Iterator[None]:
    """Within the block, read each file of ``texts`` (path -> text) from that text, not from disk;
    with ``parsed``, reuse the documents parsed from the same text (and keep the new ones there)."""
    token = _BUFFERS.set({os.path.abspath(k): v for k, v in texts.items()})
    cache = _PARSED.set(parsed)
    try:
        yield
    finally:
        _PARSED.reset(cache)
        _BUFFERS.reset(token)


def buffer_of(path: str | os.PathLike[str]) -> str | None:
    """The unsaved text standing in for ``path`` (inside ``buffers``), or None."""
    texts = _BUFFERS.get()
    return texts.get(os.path.abspath(path)) if texts else None


def read_document(path: str | os.PathLike[str]) -> YamlDocument:
    """Read a content file (never more than the size limit, which ``load_yaml`` reports)."""
    name = display_path(path)
    text = buffer_of(path)
    if text is None:
        try:
            text = safefile.read_text(path, "scenario")
        except safefile.FileRefused as exc:
            raise YamlError(refused(exc, name)) from None
    parsed = _PARSED.get()
    if parsed is None:
        return load_yaml(text, name)
    doc = parsed.get((name, text))  # the loader never changes a document's data
    if doc is None:
        doc = load_yaml(text, name)
        while len(parsed) >= PARSED_KEEP:
            del parsed[next(iter(parsed))]
        parsed[(name, text)] = doc
    return doc


def _validate_model(
    model: type[BaseModel],
    doc: YamlDocument,
    data: Any,
    diags: DiagnosticList,
    dropped: set[str] | None = None,
    kept: Kept | None = None,
) -> Any | None:
    """The validated model; on errors, report them all and return a partial model.

    The partial model keeps every list item and top-level value that is valid on its own, so
    that the cross-reference checks can still run and report their errors too. Ids of the
    dropped items are kept in ``dropped`` so that they are not reported as unknown; ``kept``
    records where the kept items stood in the file and which parts were left out, so that the
    later checks locate each error at its own node and say nothing about what was left out.
    """
    try:
        return model.model_validate(data)
    except ValidationError as err:
        errors = translate(err, model, doc)
        diags.extend(errors)
    if not isinstance(data, dict):
        return None
    bad_top = {d.path[0] for d in errors if d.path}
    if "kind" in bad_top or "kind" not in data:
        return None
    values: dict[str, Any] = {}
    dropped = dropped if dropped is not None else set()
    kept = kept if kept is not None else Kept()
    for name, info in model.model_fields.items():
        key = info.alias or name
        if key not in data:
            if info.is_required():
                return None
            continue
        raw = data[key]
        if key not in bad_top:
            values[name] = TypeAdapter(typing.cast(Any, info.annotation)).validate_python(raw)
            continue
        item_type = _list_item_model(info.annotation)
        part = _part_model(info.annotation)
        if part is not None and isinstance(raw, dict):
            salvaged = _salvage(part, raw, (key,), kept)
            if salvaged is not None:
                values[name] = salvaged
                continue
        if item_type is None or not isinstance(raw, list):
            kept.left_out.add((key,))
            if info.is_required():
                # reported already; the cross checks go on with an empty list (or no value)
                values[name] = str(raw) if info.annotation is str else [] if item_type is not None else None
            continue
        items = []
        where: list[int] = []
        for i, item in enumerate(raw):
            try:
                items.append(item_type.model_validate(item))
                where.append(i)
            except ValidationError:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    dropped.add(item["id"])
        values[name] = items
        kept.index[key] = where
    return model.model_construct(**values)


@dataclass
class Kept:
    """What a partial model kept of a file with errors (see ``_validate_model``)."""

    # top-level list key -> the index in the file of each item kept
    index: dict[str, list[int]] = field(default_factory=dict)
    # paths of the parts left out (reported already; the checks that need them are skipped)
    left_out: set[Path] = field(default_factory=set)

    def original(self, path: Path) -> Path:
        """``path`` into the partial model, as a path into the file."""
        if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int) and path[0] in self.index:
            where = self.index[path[0]]
            if 0 <= path[1] < len(where):
                return (path[0], where[path[1]], *path[2:])
        return path

    def missing(self, path: Path) -> bool:
        """Whether the part at ``path`` (or one holding it) was left out."""
        return any(path[: len(p)] == p for p in self.left_out)


class _Reindexed(YamlDocument):
    """Locations of a partial model's paths: each at the node in the file that holds the value."""

    def __init__(self, doc: YamlDocument, kept: Kept) -> None:
        super().__init__(doc.file, doc.data)
        self._doc = doc
        self._kept = kept

    def locate(self, path: Path, *, key: bool = False) -> Location:
        return self._doc.locate(self._kept.original(path), key=key)


def _in_file(diags: Iterable[Diagnostic], kept: Kept) -> list[Diagnostic]:
    """The checks' diagnostics with their paths into the file, not into the partial model."""
    return [dataclasses.replace(d, path=kept.original(d.path)) for d in diags]


def _part_model(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _salvage(model: type[BaseModel], raw: dict[str, Any], path: Path, kept: Kept) -> BaseModel | None:
    """``raw`` as ``model`` without its invalid keys (reported already), which go to ``kept.left_out``."""
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        bad = {e["loc"][0] for e in err.errors() if e["loc"]}
    good = {k: v for k, v in raw.items() if k not in bad}
    try:
        out = model.model_validate(good)
    except ValidationError:
        return None
    kept.left_out.update((*path, str(k)) for k in bad)
    return out


def _list_item_model(annotation: Any) -> type[BaseModel] | None:
    if typing.get_origin(annotation) is list:
        (arg,) = typing.get_args(annotation)
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


@dataclass
class _Merged:
    data: dict[str, Any]
    docs: dict[str, YamlDocument]  # top-level key -> document it came from
    origins: dict[str, str]  # top-level key -> path of the file it came from
    files: list[str]


def _load_scenario_data(path: str, diags: DiagnosticList, depth: int = 0,
                        roots: list[str] | None = None) -> _Merged | None:
    roots = roots if roots is not None else allowed_roots(path)
    try:
        doc = read_document(path)
    except YamlError as exc:
        diags.add(exc.diagnostic)
        return None
    data = doc.data
    if not isinstance(data, dict):
        diags.add(Diagnostic(doc.locate(()), f"expected a mapping of scenario keys, got {type(data).__name__}"))
        return None
    parent_ref = data.get("extend")
    merged: _Merged | None = None
    if isinstance(parent_ref, str):
        parent_path, refused_why = reference(path, parent_ref, roots)
        if depth > 4:
            diags.add(Diagnostic(doc.locate(("extend",)), "scenarios extend each other too deeply (a cycle?)"))
        elif refused_why is not None:
            diags.add(Diagnostic(doc.locate(("extend",)), f"extend: {refused_why}", ("extend",)))
        elif parent_path is None:
            diags.add(Diagnostic(doc.locate(("extend",)), f"no scenario file '{parent_ref}' next to this file "
                                 f"or among the bundled scenarios"))
        else:
            merged = _load_scenario_data(parent_path, diags, depth + 1, roots)
            if merged is None:
                diags.add(Diagnostic(doc.locate(("extend",)), f"the scenario '{parent_ref}' it extends has errors"))
    if merged is None:
        return _Merged(dict(data), {k: doc for k in data}, {k: path for k in data}, [path])
    out = dict(merged.data)
    docs = dict(merged.docs)
    origins = dict(merged.origins)
    for k, v in data.items():
        out[k] = v
        docs[k] = doc
        origins[k] = path
    return _Merged(out, docs, origins, [*merged.files, path])


class _MultiDoc(YamlDocument):
    """Locations for a merged scenario: each top-level key from the file it came from."""

    def __init__(self, docs: dict[str, YamlDocument], default: YamlDocument) -> None:
        super().__init__(default.file, None)
        self._docs = docs
        self._default = default

    def locate(self, path: Path, *, key: bool = False) -> Location:
        if path and isinstance(path[0], str) and path[0] in self._docs:
            return self._docs[path[0]].locate(path, key=key)
        return self._default.locate(path, key=key)


def _hash_files(files: Iterable[str]) -> str:
    h = hashlib.sha256()
    for f in files:
        text = buffer_of(f)
        if text is not None:
            h.update(hashlib.sha256(text.encode("utf-8")).digest())
            continue
        try:
            h.update(hashlib.sha256(safefile.read_bytes(f, "scenario")).digest())
        except safefile.FileRefused:  # read a moment ago; gone or changed since
            h.update(b"\0unreadable")
    return h.hexdigest()[:16]


def load_map(path: str | os.PathLike[str]) -> GameMap:
    diags = DiagnosticList()
    gm = _load_map(os.fspath(path), diags)
    if gm is None or diags.errors:
        raise ContentError(diags.errors or [Diagnostic(Location(display_path(path)), "invalid map")])
    return gm


def _load_map(path: str, diags: DiagnosticList, lint: bool = False) -> GameMap | None:
    try:
        doc = read_document(path)
    except YamlError as exc:
        diags.add(exc.diagnostic)
        return None
    data = doc.data
    if not isinstance(data, dict):
        diags.add(Diagnostic(doc.locate(()), "expected a mapping of map keys"))
        return None
    before = len(diags.errors)
    dropped: set[str] = set()
    kept = Kept()
    model = _validate_model(MapFile, doc, data, diags, dropped, kept)
    if model is None:
        return None
    diags.extend(_in_file(check_map(model, _Reindexed(doc, kept), dropped), kept))
    if len(diags.errors) > before:
        return None
    if lint:
        diags.extend(lint_map(model, doc))
    return GameMap.build(model, path)


def load_scenario(path: str | os.PathLike[str], *, roots: list[str] | None = None) -> Scenario:
    """Load a scenario and its map; raise ContentError with every error found.

    ``roots``: the folders its ``map:`` and ``extend:`` may lead into (default: ``paths.allowed_roots``).
    """
    diags = DiagnosticList()
    scenario = _load_scenario(os.fspath(path), diags, roots=roots)
    if scenario is None or diags.errors:
        raise ContentError(diags.errors or [Diagnostic(Location(display_path(path)), "invalid scenario")])
    return scenario


def _load_scenario(path: str, diags: DiagnosticList, lint: bool = False,
                   roots: list[str] | None = None) -> Scenario | None:
    roots = roots if roots is not None else allowed_roots(path)
    merged = _load_scenario_data(path, diags, 0, roots)
    if merged is None:
        return None
    if not merged.docs:
        diags.add(Diagnostic(Location(display_path(path)), "the file is an empty mapping: expected 'kind: scenario' "
                                                           "and the keys of a scenario"))
        return None
    main_doc = merged.docs.get("kind") or next(iter(merged.docs.values()))
    doc = _MultiDoc(merged.docs, main_doc)
    before = len(diags.errors)
    dropped: set[str] = set()
    kept = Kept()
    model = _validate_model(ScenarioFile, doc, merged.data, diags, dropped, kept)
    gmap: GameMap | None = None
    map_ref = merged.data.get("map")
    if isinstance(map_ref, str):
        map_path, refused_why = reference(merged.origins.get("map", path), map_ref, roots)
        if refused_why is not None:
            diags.add(Diagnostic(doc.locate(("map",)), f"map: {refused_why}", ("map",)))
        elif map_path is None:
            diags.add(Diagnostic(doc.locate(("map",)), f"no map file '{map_ref}' next to this file "
                                 f"or among the bundled scenarios"))
        else:
            map_diags = DiagnosticList()
            gmap = _load_map(map_path, map_diags, lint)
            diags.extend(map_diags)
            if gmap is None:
                diags.add(Diagnostic(doc.locate(("map",)), f"the map '{map_ref}' has errors"))
    if model is None or gmap is None:
        return None
    map_regions = gmap.regions
    if model.regions:
        gmap = _merge_regions(model, gmap, _Reindexed(doc, kept), kept, diags, dropped)
    if model.calendar is None:  # reported already; check the rest without dates
        diags.extend(_in_file(check_scenario(model, gmap, _Reindexed(doc, kept), (), [], dropped, kept.missing),
                              kept))
        return None
    months = calendar_months(model.calendar.start, model.calendar.turns)
    # Drop inherited events outside this calendar; the child's own must fit.
    from_child = merged.origins.get("events") == path
    events = [(i, ev) for i, ev in enumerate(model.events) if from_child or ev.date[:7] in months]
    diags.extend(_in_file(check_scenario(model, gmap, _Reindexed(doc, kept), months, [i for i, _ in events],
                                         dropped, kept.missing), kept))
    if len(diags.errors) > before:
        return None
    if lint:
        # An extended scenario warns only about its own file: the one it extends has its own.
        own = display_path(path)
        warnings = lint_scenario(model, doc, months, [i for i, _ in events], merged_map=gmap, map_regions=map_regions)
        diags.extend(d for d in warnings if d.location.file == own)
    ordered = sorted(events, key=lambda ie: (ie[1].date, ie[0]))
    files = [*merged.files, gmap.path]
    return Scenario(
        model=model,
        map=gmap,
        path=path,
        content_hash=_hash_files(files),
        months=months,
        factions=tuple(f.id for f in model.factions),
        cards={c.id: c for c in model.cards},
        events=tuple(ev for _, ev in ordered),
        event_index={ev.id: ev for _, ev in ordered},
        actions={a.id: a for a in model.faction_actions},
        leaders={ld.id: ld for ld in model.leaders},
        tracks={t.id: t for t in model.tracks},
        card_order={c.id: i for i, c in enumerate(model.cards)},
    )


def _merge_regions(model: ScenarioFile, gmap: GameMap, doc: YamlDocument, kept: Kept, diags: DiagnosticList,
                   dropped: set[str]) -> GameMap:
    """The map with the scenario's ``regions:`` merged in; on problems, report each at its item (and
    keep the map as it is, with the scenario's region ids known, so they bring no follow-on errors)."""
    merged, problems = gmap.with_regions(model.regions)
    for path, message, hint in problems:
        diags.add(Diagnostic(doc.locate(path), message, kept.original(path), hint=hint))
    if problems:
        dropped.update(r.id for r in model.regions)
    return merged


# --------------------------------------------------------------------------- validate command


__all__ = [
    "FACTION_WORDS",
    "NEUTRAL",
    "REGION_WORDS",
    "Choice",
    "GameMap",
    "Scenario",
    "Target",
    "calendar_months",
    "load_map",
    "load_scenario",
]
