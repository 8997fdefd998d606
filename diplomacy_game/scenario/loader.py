"""Load map and scenario files into typed, cross-checked models, reporting every error."""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from .. import safefile

# The compiled types live below the loader (and the engine): re-exported here for callers.
from .compiled import NEUTRAL, GameMap, Scenario, calendar_months
from .diagnostics import ContentError, Diagnostic, DiagnosticList, Location, Path, did_you_mean
from .errors import translate
from .lint import lint_map, lint_scenario
from .models import (
    FACTION_WORDS,
    REGION_WORDS,
    Choice,
    MapFile,
    ScenarioFile,
    Target,
)
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


@contextlib.contextmanager
def buffers(texts: Mapping[str, str]) -> Iterator[None]:
    """Within the block, read each file of ``texts`` (path -> text) from that text, not from disk."""
    token = _BUFFERS.set({os.path.abspath(k): v for k, v in texts.items()})
    try:
        yield
    finally:
        _BUFFERS.reset(token)


def buffer_of(path: str | os.PathLike[str]) -> str | None:
    """The unsaved text standing in for ``path`` (inside ``buffers``), or None."""
    texts = _BUFFERS.get()
    return texts.get(os.path.abspath(path)) if texts else None


def read_document(path: str | os.PathLike[str]) -> YamlDocument:
    """Read a content file (never more than the size limit, which ``load_yaml`` reports)."""
    name = display_path(path)
    text = buffer_of(path)
    if text is not None:
        return load_yaml(text, name)
    try:
        text = safefile.read_text(path, "scenario")
    except safefile.FileRefused as exc:
        raise YamlError(refused(exc, name)) from None
    return load_yaml(text, name)


def _validate_model(
    model: type[BaseModel], doc: YamlDocument, data: Any, diags: DiagnosticList, dropped: set[str] | None = None
) -> Any | None:
    """The validated model; on errors, report them all and return a partial model.

    The partial model keeps every list item and top-level value that is valid on its own, so
    that the cross-reference checks can still run and report their errors too. Ids of the
    dropped items are kept in ``dropped_ids`` so that they are not reported as unknown.
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
        if item_type is None or not isinstance(raw, list):
            if info.is_required():
                # reported already; the cross checks go on with an empty list (or no value)
                values[name] = str(raw) if info.annotation is str else [] if item_type is not None else None
            continue
        items = []
        for item in raw:
            try:
                items.append(item_type.model_validate(item))
            except ValidationError:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    dropped.add(item["id"])
        values[name] = items
    return model.model_construct(**values)


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
    model = _validate_model(MapFile, doc, data, diags, dropped)
    if model is None:
        return None
    diags.extend(check_map(model, doc, dropped))
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
    model = _validate_model(ScenarioFile, doc, merged.data, diags, dropped)
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
    if model.calendar is None:  # reported already; check the rest without dates
        diags.extend(check_scenario(model, gmap, doc, (), [], dropped))
        return None
    months = calendar_months(model.calendar.start, model.calendar.turns)
    # Drop inherited events outside this calendar; the child's own must fit.
    from_child = merged.origins.get("events") == path
    events = [(i, ev) for i, ev in enumerate(model.events) if from_child or ev.date[:7] in months]
    diags.extend(check_scenario(model, gmap, doc, months, [i for i, _ in events], dropped))
    if len(diags.errors) > before:
        return None
    if lint:
        # An extended scenario warns only about its own file: the one it extends has its own.
        own = display_path(path)
        diags.extend(d for d in lint_scenario(model, doc, months, [i for i, _ in events]) if d.location.file == own)
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


# --------------------------------------------------------------------------- validate command


def iter_content_files(paths: Iterable[str]) -> Iterator[str]:
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith((".yaml", ".yml")):
                        yield os.path.join(root, f)
        else:
            yield p


def validate_file(path: str, *, lint: bool = True) -> list[Diagnostic]:
    """Every diagnostic for one file (a map, a scenario or a test file, told apart by its ``kind``).

    With ``lint`` (the default) warnings come too; without, errors only.
    """
    diags = DiagnosticList()
    try:
        doc = read_document(path)
    except YamlError as exc:
        return [exc.diagnostic]
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    if kind == "map":
        _load_map(path, diags, lint)
    elif kind == "scenario":
        _load_scenario(path, diags, lint)
    elif kind == "test":
        from .testing import load_test_file

        diags.extend(load_test_file(path)[1])
    else:
        if not isinstance(doc.data, dict):
            diags.add(
                Diagnostic(
                    doc.locate(()),
                    "expected a mapping with 'kind: scenario', 'kind: map' or 'kind: test', "
                    f"got {_kind_name(doc.data)}",
                )
            )
        elif "kind" not in doc.data:
            diags.add(Diagnostic(doc.locate(()), "missing required key 'kind' (expected 'scenario', 'map' or 'test')"))
        else:
            hint = did_you_mean(str(kind), ["scenario", "map", "test"])
            diags.add(
                Diagnostic(
                    doc.locate(("kind",)),
                    f"unknown kind '{kind}' (expected 'scenario', 'map' or 'test')",
                    ("kind",),
                    hint=hint,
                )
            )
    return diags.sorted()


def validate_text(
    path: str | os.PathLike[str], text: str, *, others: Mapping[str, str] | None = None, lint: bool = True
) -> list[Diagnostic]:
    """``validate_file`` of the unsaved ``text`` of the file at ``path``.

    ``extend:``, ``map:`` and a test's ``scenario:`` resolve relative to ``path`` as usual;
    ``others`` (path -> text) are further unsaved files that stand in for theirs on disk.
    Nothing is written anywhere.
    """
    texts = dict(others or {})
    texts[os.fspath(path)] = text
    with buffers(texts):
        return validate_file(os.fspath(path), lint=lint)


def _kind_name(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "plain text"
    return type(value).__name__


def validate_paths(paths: Iterable[str]) -> tuple[int, list[Diagnostic]]:
    """Validate files and folders; return how many files were read and every diagnostic."""
    count = 0
    out: list[Diagnostic] = []
    seen: set[str] = set()
    for f in iter_content_files(paths):
        count += 1
        for d in validate_file(f):
            # a scenario that extends or uses another file reports that file's errors too;
            # when both are checked, say each error once
            key = d.format()
            if key not in seen:
                seen.add(key)
                out.append(d)
    return count, out


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
    "validate_file",
    "validate_paths",
    "validate_text",
]
