"""The ids of scenario, map and test files: where each is defined and where it is used.

Each file is read with the project's safe YAML reader (its own locations) and walked with the
shapes of its format (``shapes``); its symbols are cached by its text. A *project* is what one
file sees: a scenario, the scenarios it extends, its map, and, for the references, the tests
of those scenarios and the scenarios that extend it; a map, and the scenarios next to it that
use it; a test file, and its scenario's project.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .. import resources, safefile
from ..scenario.diagnostics import Path
from ..scenario.models import ChoseCond
from ..scenario.safeyaml import MAX_BYTES, YamlDocument, YamlError, load_yaml
from ..scenario.testfile import TESTS_FOLDER, TestCase
from . import shapes

WORDS: dict[str, tuple[str, ...]] = {"faction+": ("self", "owner", "target"), "region+": ("target",)}

# The arguments of each action of a scenario test's steps ("play CARD event"), by kind of id.
STEP_ARGS: dict[str, tuple[str | None, ...]] = {
    "play": ("card", None),
    "influence": ("region",),
    "pressure": ("region", "faction"),
    "action": ("action", "region|faction"),
    "boost": (),
    "done": (),
    "target": ("region|faction",),
    "choose": ("option",),
}


@dataclass(frozen=True)
class Symbol:
    """One id at one place of one file: a definition or a use."""

    kind: str  # "region", "card", ... ("region|faction": either)
    id: str
    file: str  # absolute path
    line: int  # 0-based
    start: int  # 0-based columns
    end: int
    path: Path
    scope: str | None = None  # an option's event or card (its definition, or the 'event:' beside it)
    sets: bool = False  # a place that sets a flag (the nearest a flag has to a definition)
    data: Any = None  # a definition's item (the mapping with the id)

    def contains(self, line: int, character: int) -> bool:
        return self.line == line and self.start <= character <= self.end

    def kinds(self) -> list[str]:
        return self.kind.split("|")


@dataclass
class FileSymbols:
    path: str
    text: str
    kind: str | None
    doc: YamlDocument | None
    defs: list[Symbol] = field(default_factory=list)
    refs: list[Symbol] = field(default_factory=list)

    @property
    def data(self) -> Any:
        return self.doc.data if self.doc is not None else None

    def top_keys(self) -> set[str]:
        return set(self.data) if isinstance(self.data, dict) else set()

    def at(self, line: int, character: int) -> Symbol | None:
        for s in (*self.defs, *self.refs):
            if s.contains(line, character):
                return s
        return None


def parse(path: str, text: str) -> FileSymbols:
    """The symbols of one file's text (none when it does not parse)."""
    try:
        doc = load_yaml(text, path)
    except YamlError:
        return FileSymbols(path, text, _kind_from_text(text), None)
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    out = FileSymbols(path, text, kind if isinstance(kind, str) else None, doc)
    if out.kind in shapes.ROOTS:
        _Walker(out, text.split("\n")).walk(doc.data, shapes.resolve(out.kind, ()), (), None)
    return out


_KIND_LINE = re.compile(r"^kind:\s*['\"]?(scenario|map|test)['\"]?\s*(#.*)?$", re.M)


def _kind_from_text(text: str) -> str | None:
    found = _KIND_LINE.search(text)
    return found.group(1) if found else None


class _Walker:
    def __init__(self, out: FileSymbols, lines: list[str]) -> None:
        self.out = out
        self.lines = lines
        assert out.doc is not None
        self.doc: YamlDocument = out.doc

    def symbol(self, kind: str, value: str, path: Path, *, key: bool = False, offset: int = 0,
               **extra: Any) -> Symbol | None:
        loc = self.doc.keys.get(path) if key else self.doc.values.get(path)
        if loc is None:
            return None
        line, col = loc.line - 1, loc.col - 1 + offset
        text = self.lines[line] if line < len(self.lines) else ""
        found = text.find(value, col)
        start = found if 0 <= found <= col + 1 else col
        return Symbol(kind, value, self.out.path, line, start, start + len(value), path, **extra)

    def ref(self, kind: str, value: str, path: Path, *, key: bool = False, **extra: Any) -> None:
        base = kind.rstrip("+!")
        if value in WORDS.get(kind, ()) or (base == "faction" and value == "neutral"):
            return
        sym = self.symbol(base, value, path, key=key, sets=kind.endswith("!"), **extra)
        if sym is not None:
            self.out.refs.append(sym)

    def walk(self, data: Any, place: shapes.Place, path: Path, scope: str | None) -> None:
        if isinstance(data, dict):
            if place.owner is TestCase and place.field == "do":
                self.step(data, path)
                return
            key_kind = shapes.id_kind(place, key=True)
            inner_scope = scope
            if isinstance(data.get("event"), str) and ChoseCond in shapes.models_of(place):
                inner_scope = data["event"]
            for k, v in data.items():
                kp = (*path, k)
                if key_kind is not None and isinstance(k, str):
                    self.ref(key_kind, k, kp, key=True)
                child = shapes.child(place, k)
                if child.tp is None:
                    continue
                self.walk(v, child, kp, inner_scope)
        elif isinstance(data, list):
            defining = shapes.defining_kind(place)
            for i, item in enumerate(data):
                ip = (*path, i)
                item_scope = scope
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    if defining is not None:
                        sym = self.symbol(defining, item["id"], (*ip, "id"),
                                          scope=scope if defining == "option" else None, data=item)
                        if sym is not None:
                            self.out.defs.append(sym)
                    if defining in ("event", "card"):
                        item_scope = item["id"]
                self.walk(item, shapes.child(place, i), ip, item_scope)
        elif isinstance(data, str):
            kind = shapes.id_kind(place)
            if kind is not None:
                self.ref(kind, data, path, scope=scope if kind == "option" else None)

    def step(self, data: dict[Any, Any], path: Path) -> None:
        """A scenario test's step: ``{SEAT: ACTION}``, the action's words naming ids."""
        for seat, action in data.items():
            if seat == "illegal" or not isinstance(seat, str):
                continue
            self.ref("faction", seat, (*path, seat), key=True)
            if not isinstance(action, str):
                continue
            loc = self.doc.values.get((*path, seat))
            if loc is None:
                continue
            words = action.split()
            if not words or words[0] not in STEP_ARGS:
                continue
            line = self.lines[loc.line - 1] if loc.line - 1 < len(self.lines) else ""
            col = loc.col - 1
            for word, kind in zip(words[1:], STEP_ARGS[words[0]], strict=False):
                found = re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", line[col:])
                if kind is None or found is None:
                    continue
                start = col + found.start()
                self.out.refs.append(Symbol(kind, word, self.out.path, loc.line - 1, start, start + len(word),
                                            (*path, seat)))
                col = start + len(word)


# --------------------------------------------------------------------------- the workspace


@dataclass
class Project:
    """What one file sees: the definitions in force there, and every file that may use them."""

    main: FileSymbols
    chain: list[FileSymbols]  # the file, then the scenarios it extends (a map or a test: empty)
    map: FileSymbols | None
    users: list[FileSymbols]  # test files, scenarios extending it, scenarios using the map

    def files(self) -> Iterator[FileSymbols]:
        seen: set[str] = set()
        for f in (self.main, *self.chain, *([self.map] if self.map else []), *self.users):
            if f.path not in seen:
                seen.add(f.path)
                yield f

    def definitions(self, kind: str | None = None) -> list[Symbol]:
        """The definitions in force: of each top-level key, the nearest file's (a child replaces)."""
        out: list[Symbol] = []
        taken: set[str] = set()
        for f in self.chain:
            keys = f.top_keys()
            out.extend(d for d in f.defs if isinstance(d.path[0], str) and d.path[0] not in taken)
            taken |= keys - {"kind", "id", "extend"}
        if self.map is not None:
            out.extend(self.map.defs)
        if kind is not None:
            out = [d for d in out if d.kind == kind]
        return out

    def flag_setters(self) -> list[Symbol]:
        return [r for f in self.files() for r in f.refs if r.kind == "flag" and r.sets]

    def all_refs(self) -> Iterator[Symbol]:
        for f in self.files():
            yield from f.refs


class Workspace:
    """The files the server knows: open buffers first, then the disk."""

    def __init__(self, *, index_behind: bool = False) -> None:
        # whether completion may answer from a buffer's last index while the validator's
        # worker indexes its new text (the server: completion never waits for a parse)
        self.index_behind = index_behind
        self.buffers: dict[str, str] = {}
        self._parsed: dict[str, FileSymbols] = {}
        self._disk: dict[str, tuple[tuple[float, int], str]] = {}
        # the validator's parsed documents, by (name, text): an unchanged map or base is parsed once
        self.parsed_docs: dict[tuple[str, str], YamlDocument] = {}

    def open(self, path: str, text: str) -> None:
        self.buffers[os.path.abspath(path)] = text

    def close(self, path: str) -> None:
        self.buffers.pop(os.path.abspath(path), None)

    def text(self, path: str) -> str | None:
        path = os.path.abspath(path)
        if path in self.buffers:
            return self.buffers[path]
        try:
            st = os.stat(path)
        except OSError:
            return None
        stamp = (st.st_mtime, st.st_size)
        cached = self._disk.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        if st.st_size > MAX_BYTES:
            return None
        try:  # the bounded reader: a FIFO or a device never blocks the server
            text = safefile.read_text(path, "scenario", check=False)
        except safefile.FileRefused:
            return None
        self._disk[path] = (stamp, text)
        return text

    def symbols(self, path: str, *, behind: bool = False) -> FileSymbols | None:
        """A file's symbols; for a buffer that does not parse now, those of its last good text.

        ``behind`` (with ``index_behind``): for a buffer just changed, those of its last text
        under the new one, without parsing it (the worker does, soon after).
        """
        path = os.path.abspath(path)
        text = self.text(path)
        if text is None:
            return None
        cached = self._parsed.get(path)
        if cached is not None and cached.text == text:
            return cached
        if behind and self.index_behind and cached is not None and cached.doc is not None \
                and path in self.buffers:
            return FileSymbols(path, text, cached.kind, cached.doc, cached.defs, cached.refs)
        fresh = parse(path, text)
        if fresh.doc is None and cached is not None and cached.doc is not None:
            # keep the last good symbols (their places may be a little off) under the new text
            kept = FileSymbols(path, text, cached.kind, cached.doc, cached.defs, cached.refs)
            self._parsed[path] = kept
            return kept
        self._parsed[path] = fresh
        return fresh

    # ------------------------------------------------------------------ projects

    def _ref(self, f: FileSymbols, key: str) -> str | None:
        value = f.data.get(key) if isinstance(f.data, dict) else None
        if not isinstance(value, str):
            return None
        found = resources.resolve_reference(f.path, value)
        return os.path.abspath(found) if found is not None else None

    def _chain(self, path: str, *, behind: bool = False) -> list[FileSymbols]:
        out: list[FileSymbols] = []
        current: str | None = path
        while current is not None and len(out) < 6 and all(f.path != current for f in out):
            f = self.symbols(current, behind=behind)
            if f is None:
                break
            out.append(f)
            current = self._ref(f, "extend")
        return out

    def _map_of(self, chain: list[FileSymbols]) -> FileSymbols | None:
        for f in chain:
            if isinstance(f.data, dict) and "map" in f.data:
                found = self._ref(f, "map")
                return self.symbols(found) if found is not None else None
        return None

    def _tests_of(self, scenario: str, behind: bool = False) -> list[FileSymbols]:
        folder = os.path.join(os.path.dirname(scenario), TESTS_FOLDER, os.path.splitext(os.path.basename(scenario))[0])
        return [f for p in _yaml_files(folder) if (f := self.symbols(p, behind=behind)) is not None
                and f.kind == "test"]

    def _siblings(self, path: str, behind: bool = False) -> list[FileSymbols]:
        """The scenarios in the folder of ``path`` (and the open ones)."""
        paths = set(_yaml_files(os.path.dirname(path)))
        paths |= {p for p in self.buffers if p.endswith((".yaml", ".yml"))}
        return [f for p in sorted(paths) if (f := self.symbols(p, behind=behind)) is not None
                and f.kind == "scenario"]

    def project(self, path: str, *, behind: bool = False) -> Project | None:
        """What ``path`` sees; ``behind``: its own symbols may be its last index (see ``symbols``)."""
        path = os.path.abspath(path)
        main = self.symbols(path, behind=behind)
        if main is None:
            return None
        if main.kind == "map":
            users = [s for s in self._siblings(path, behind)
                     if (used := self._map_of(self._chain(s.path, behind=behind))) is not None
                     and used.path == path]
            users += [t for s in users for t in self._tests_of(s.path, behind)]
            return Project(main, [], main, users)
        if main.kind == "test":
            scn = self._test_scenario(main)
            if scn is None:
                return Project(main, [], None, [])
            inner = self.project(scn, behind=behind)
            if inner is None:
                return Project(main, [], None, [])
            return Project(main, inner.chain, inner.map, [*inner.users, main])
        chain = self._chain(path, behind=behind)
        tests = [t for f in chain for t in self._tests_of(f.path, behind)]
        children = [s for s in self._siblings(path, behind) if s.path != path and self._ref(s, "extend") == path]
        return Project(main, chain, self._map_of(chain), [*tests, *children])

    def dependencies(self, path: str) -> set[str]:
        """The files whose text the validation of ``path`` reads besides its own: for a scenario,
        the scenarios it extends and its map; for a test, its scenario and what that reads."""
        path = os.path.abspath(path)
        main = self.symbols(path)
        if main is None:
            return set()
        if main.kind == "test":
            scn = self._test_scenario(main)
            return set() if scn is None else {scn, *self.dependencies(scn)}
        if main.kind != "scenario":
            return set()
        chain = self._chain(path)
        out = {f.path for f in chain}
        found = self._map_of(chain)
        if found is not None:
            out.add(found.path)
        out.discard(path)
        return out

    def dependents(self, path: str) -> list[str]:
        """The open buffers (other than ``path``) whose diagnostics depend on ``path``'s text."""
        path = os.path.abspath(path)
        return sorted(p for p in list(self.buffers) if p != path and path in self.dependencies(p))

    def _test_scenario(self, test: FileSymbols) -> str | None:
        value = test.data.get("scenario") if isinstance(test.data, dict) else None
        if not isinstance(value, str):
            return None
        return self._ref(test, "scenario") or os.path.abspath(os.path.join(os.path.dirname(test.path), value))


def _yaml_files(folder: str) -> Iterable[str]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    return [os.path.abspath(os.path.join(folder, n)) for n in names if n.endswith((".yaml", ".yml"))]
