"""The language features on plain data: completion, hover, definition, references, diagnostics.

Each function takes the workspace, a file's path and a 0-based position, and returns plain
values (``Item``, ``Spot``, text); ``server`` turns them into LSP messages. Nothing here knows
about the protocol, so it is tested and measured without a client.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from ..scenario.diagnostics import Diagnostic, Location
from ..scenario.testfile import TestCase
from ..validation import validate_text
from . import shapes
from .context import Cursor, cursor_at, in_comment
from .index import STEP_ARGS, WORDS, FileSymbols, Project, Symbol, Workspace


@dataclass(frozen=True)
class Item:
    """A completion: the text, what it is (kind: "key", "value", "id", "kind"), a line of detail."""

    label: str
    kind: str
    detail: str = ""
    documentation: str = ""
    insert: str | None = None


@dataclass(frozen=True)
class Spot:
    """A place in a file (0-based line and columns)."""

    file: str
    line: int
    start: int
    end: int


def _spot(s: Symbol) -> Spot:
    return Spot(s.file, s.line, s.start, s.end)


# --------------------------------------------------------------------------- diagnostics


def diagnostics(ws: Workspace, path: str, text: str) -> list[Diagnostic]:
    """The validator's diagnostics for the unsaved ``text`` of ``path``, those located in it only.

    Other open buffers stand in for their files (an edited map is seen by its scenario).
    """
    path = os.path.abspath(path)
    if not is_content(path, text):
        return []
    others = {p: t for p, t in ws.buffers.items() if p != path}
    out = []
    foreign: list[Diagnostic] = []
    for d in validate_text(path, text, others=others, parsed=ws.parsed_docs):
        if os.path.abspath(d.location.file) == path:
            out.append(d)
        elif d.severity == "error":
            foreign.append(d)
    if foreign and not any(d.severity == "error" for d in out):
        out.append(_foreign_errors(ws, path, foreign))
    return out


def _foreign_errors(ws: Workspace, path: str, foreign: list[Diagnostic]) -> Diagnostic:
    """One error in this file for the errors of the files it reads (e.g. the map of the scenario
    it extends), at the key that leads to them, so that the file does not look clean."""
    first = foreign[0]
    syms = ws.symbols(path)
    doc = syms.doc if syms is not None else None
    key = next((k for k in ("extend", "map", "scenario") if doc is not None and (k,) in doc.values), None)
    where = doc.locate((key,)) if doc is not None and key is not None else Location(path, 1, 1)
    more = f" (and {len(foreign) - 1} more)" if len(foreign) > 1 else ""
    return Diagnostic(Location(path, where.line, where.col),
                      f"a file it reads has errors: {first.location}: {first.message}{more}", (key,) if key else ())


_ANY_KIND = re.compile(r"^kind\s*:", re.M)


def is_content(path: str, text: str) -> bool:
    """Whether a YAML file is the game's (it has a top-level ``kind:``, or is a ``*.test.yaml``).

    Editors start the server for every YAML file; the others get no diagnostics.
    """
    return path.endswith(".test.yaml") or _ANY_KIND.search(text) is not None


def diagnostic_range(text: str, d: Diagnostic) -> tuple[int, int, int]:
    """The 0-based line and the columns a diagnostic covers: the word (or quoted text) at it."""
    lines = text.split("\n")
    line = max(d.location.line - 1, 0)
    col = max(d.location.col - 1, 0)
    if line >= len(lines):
        return line, col, col
    s = lines[line]
    if col >= len(s):
        return line, col, col
    if s[col] in "'\"":
        close = s.find(s[col], col + 1)
        return line, col, close + 1 if close > col else len(s)
    match = re.match(r"[^\s,:\]\}#]+(?:\s*:(?=\s|$))?", s[col:])
    end = col + (len(match.group(0).rstrip(": ")) if match else 0)
    return line, col, max(end, col + 1)


# --------------------------------------------------------------------------- completion


def _id_items(project: Project, kind: str, cur: Cursor, scope: str | None = None) -> list[Item]:
    base = kind.rstrip("+!")
    out: list[Item] = []
    seen: set[str] = set()
    if base == "flag":
        for s in project.flag_setters() + [r for r in project.all_refs() if r.kind == "flag"]:
            if s.id not in seen:
                seen.add(s.id)
                out.append(Item(s.id, "id", "flag"))
    else:
        for kind_one in base.split("|"):
            for d in project.definitions(kind_one):
                if d.id in seen or (scope is not None and d.scope is not None and d.scope != scope):
                    continue
                seen.add(d.id)
                out.append(Item(d.id, "id", shapes.KIND_WORDS.get(kind_one, kind_one), describe_definition(project, d)))
    for word in WORDS.get(kind, ()):
        if _word_allowed(word, cur):
            out.append(Item(word, "id", _WORD_DETAIL[word]))
    if base == "faction" and cur.path[-1:] == ("owner",):
        out.append(Item("neutral", "id", "no faction owns it"))
    return out


_WORD_DETAIL = {
    "self": "the faction that acts",
    "owner": "the card's owner",
    "target": "the target chosen when the card or action is played",
}


def _word_allowed(word: str, cur: Cursor) -> bool:
    top = cur.path[0] if cur.path else None
    if word == "owner":
        return top == "cards"
    if word == "target":
        return top in ("cards", "faction_actions")
    return top in ("cards", "faction_actions") or "options" in cur.path or "choice" in cur.path


def completion(ws: Workspace, path: str, line: int, character: int) -> list[Item]:
    """What may be typed at the position: keys, kinds, enum values or ids."""
    text = ws.text(path)
    syms = ws.symbols(path, behind=True)
    if text is None or syms is None:
        return []
    cur = cursor_at(text, line, character)
    if in_comment(cur.line_text):
        return []
    kind = syms.kind
    if cur.path == ("kind",) and cur.position == "value":
        return [Item(k, "value", "the kind of file") for k in shapes.ROOTS]
    if kind is None:
        return []
    project = ws.project(path, behind=True)
    if project is None:
        return []
    place = shapes.resolve(kind, cur.path)
    if place.tp is None:
        return []
    if place.owner is TestCase and place.field == "do":
        return _step_items(project, cur, place)
    if cur.position == "key":
        return _key_items(project, cur, place, syms)
    return _value_items(project, cur, place, syms)


def _key_items(project: Project, cur: Cursor, place: shapes.Place, syms: FileSymbols) -> list[Item]:
    tagged = shapes.tags(place.tp)
    if tagged:
        word = shapes.union_word(place.tp) or "kind"
        return [Item(tag, "kind", word, shapes.kind_doc(word, tag, model), insert=f"{tag}: ")
                for tag, model in tagged.items()]
    key_kind = shapes.id_kind(place, key=True)
    if key_kind is not None:
        return [Item(i.label, "id", i.detail, i.documentation, insert=f"{i.label}: ")
                for i in _id_items(project, key_kind, cur)]
    models = shapes.models_of(place)
    if models:
        present = _present_keys(syms, cur)
        out = []
        for model in models:
            for key, _info in shapes.keys_of(model):
                if key in present:
                    continue
                sub = shapes.child(place, key)
                detail = shapes.type_phrase(sub.tp)
                out.append(Item(key, "key", detail, shapes.describe_place(key, sub), insert=f"{key}: "))
        return out
    # a list item that is a plain value
    return _value_items(project, cur, place, syms)


def _present_keys(syms: FileSymbols, cur: Cursor) -> set[str]:
    data = syms.data
    for elem in cur.path:
        if isinstance(data, dict) and elem in data:
            data = data[elem]
        elif isinstance(data, list) and isinstance(elem, int):
            return set()  # which item is not known from the text: offer every key
        else:
            return set()
    return set(data) if isinstance(data, dict) else set()


def _value_items(project: Project, cur: Cursor, place: shapes.Place, syms: FileSymbols) -> list[Item]:
    kind = shapes.id_kind(place)
    if kind is not None:
        scope = None
        if kind == "option":
            scope = _sibling_event(cur) or _enclosing_item(syms, cur)
        return _id_items(project, kind, cur, scope)
    return [Item(v, "value", shapes.type_phrase(place.tp)) for v in shapes.literals(place)]


def _sibling_event(cur: Cursor) -> str | None:
    match = re.search(r"\bevent:\s*([a-z][a-z0-9_]*)", cur.line_text)
    return match.group(1) if match else None


def _enclosing_item(syms: FileSymbols, cur: Cursor) -> str | None:
    """The id of the event or card the cursor is inside (the nearest one defined above it)."""
    top = cur.path[0] if cur.path else None
    if top not in ("events", "cards"):
        return None
    above = [d for d in syms.defs if d.path[:1] == (top,) and len(d.path) == 3 and d.line <= cur.line]
    return max(above, key=lambda d: d.line).id if above else None


def _step_items(project: Project, cur: Cursor, place: shapes.Place) -> list[Item]:
    """A scenario test's step: the seat as the key, then the action's words."""
    if cur.position == "key" or len(cur.path) < 5:
        items = [Item(i.label, "id", "seat", insert=f"{i.label}: ") for i in _id_items(project, "faction", cur)]
        return [*items, Item("illegal", "key", "the action must be refused", insert="illegal: true")]
    if cur.path[-1] == "illegal":
        return [Item("true", "value", "refused, whatever the reason")]
    value = cur.line_text.split(":", 1)[1] if ":" in cur.line_text else ""
    value = value.split(",")[-1].lstrip(" {")
    words = value.split()
    if value.endswith(" ") or not value:
        words.append("")
    if len(words) <= 1:
        return [Item(v, "value", "action") for v in STEP_ARGS]
    verb, n = words[0], len(words) - 2
    args = STEP_ARGS.get(verb, ())
    if n >= len(args):
        return []
    if verb == "play" and n == 1:
        return [Item("event", "value", "play it for its event"), Item("ops", "value", "play it for operations")]
    arg = args[n]
    return _id_items(project, arg, cur) if arg is not None else []


# --------------------------------------------------------------------------- hover


def hover(ws: Workspace, path: str, line: int, character: int) -> str | None:
    """Markdown about what is under the cursor: an id (what it names) or a key (what it holds)."""
    syms = ws.symbols(path)
    project = ws.project(path)
    if syms is None or project is None:
        return None
    sym = syms.at(line, character)
    if sym is not None:
        return _hover_symbol(project, sym)
    text = syms.text
    lines = text.split("\n")
    if line >= len(lines):
        return None
    row = lines[line]
    match = None
    for m in re.finditer(r"([A-Za-z_][A-Za-z0-9_]*)\s*:(?=\s|$)", row):
        if m.start(1) <= character <= m.end(1):
            match = m
    if match is None or syms.kind is None:
        return None
    cur = cursor_at(text, line, match.end(1))
    parent = shapes.resolve(syms.kind, cur.path)
    if parent.tp is None:
        return None
    key = match.group(1)
    tagged = shapes.tags(parent.tp)
    if key in tagged:
        word = shapes.union_word(parent.tp) or "kind"
        return shapes.kind_doc(word, key, tagged[key])
    if shapes.id_kind(parent, key=True) is not None:
        return None
    place = shapes.child(parent, key)
    if place.tp is None:
        return None
    return shapes.describe_place(key, place)


def _hover_symbol(project: Project, sym: Symbol) -> str | None:
    defs = _definitions_of(project, sym)
    if sym.kind == "flag":
        setters = project.flag_setters()
        n = sum(1 for s in setters if s.id == sym.id)
        return f"**flag** `{sym.id}`: set in {n} place{'s' if n != 1 else ''}"
    if not defs:
        return f"unknown {shapes.KIND_WORDS.get(sym.kind, sym.kind)} `{sym.id}`"
    return "\n\n---\n\n".join(describe_definition(project, d) for d in defs[:3])


def _field(data: object, key: str) -> str | None:
    if isinstance(data, dict) and data.get(key) is not None:
        value = data[key]
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return " ".join(str(value).split())
    return None


def describe_definition(project: Project, d: Symbol) -> str:
    """What an id names, in Markdown: its name or title and the facts an author looks for."""
    data = d.data

    def f(key: str) -> str | None:
        return _field(data, key)

    kind = d.kind
    lines: list[str] = []
    if kind == "region":
        lines.append(f"**region** `{d.id}`: {f('name') or ''}")
        facts = [f"bloc {f('bloc')}" if f("bloc") else None, f"stability {f('stability')}" if f("stability") else None,
                 "battleground" if isinstance(data, dict) and data.get("battleground") else None,
                 "off the map" if isinstance(data, dict) and data.get("offmap") else None]
        lines.append(", ".join(x for x in facts if x))
        if f("links"):
            lines.append(f"links: {f('links')}")
        if f("sea"):
            lines.append(f"by sea: {f('sea')}")
        if f("members"):
            lines.append(f"member of: {f('members')}")
    elif kind == "card":
        lines.append(f"**card** `{d.id}`: {f('title') or ''}")
        lines.append(f"owner {f('owner')}, {f('ops')} ops" + (f", {f('date')}" if f("date") else ""))
        if f("text"):
            lines.append(f("text") or "")
    elif kind == "event":
        lines.append(f"**event** `{d.id}`: {f('date') or ''} — {f('title') or ''}")
        if f("text"):
            lines.append(f("text") or "")
    elif kind == "option":
        lines.append(f"**option** `{d.id}`: {f('label') or ''}" + (f" (of `{d.scope}`)" if d.scope else ""))
        if f("text"):
            lines.append(f("text") or "")
    elif kind == "leader":
        lines.append(f"**leader** `{d.id}`: {f('name') or ''}" + (f", {f('title')}" if f("title") else ""))
        lines.append(f"leads {f('faction')}")
    elif kind == "track":
        lines.append(f"**track** `{d.id}`: {f('name') or ''}")
        lo = data.get("min", 0) if isinstance(data, dict) else 0
        lines.append(f"from {lo} to {f('max')}")
        if f("text"):
            lines.append(f("text") or "")
    elif kind == "action":
        lines.append(f"**faction action** `{d.id}`: {f('name') or ''}")
        lines.append(f"for {f('faction')}, costs {f('cost')}")
        if f("text"):
            lines.append(f("text") or "")
    else:
        word = shapes.KIND_WORDS.get(kind, kind)
        lines.append(f"**{word}** `{d.id}`: {f('name') or ''}")
        if kind == "faction" and f("home"):
            lines.append(f"home: {f('home')}")
    where = os.path.basename(d.file)
    lines.append(f"*{where}, line {d.line + 1}*")
    return "\n\n".join(x for x in lines if x)


# --------------------------------------------------------------------------- definition, references


def _definitions_of(project: Project, sym: Symbol) -> list[Symbol]:
    if sym.kind == "flag":
        return [s for s in project.flag_setters() if s.id == sym.id]
    out = []
    for kind in sym.kinds():
        for d in project.definitions(kind):
            if d.id == sym.id and (sym.scope is None or d.scope is None or d.scope == sym.scope):
                out.append(d)
    return out


def definition(ws: Workspace, path: str, line: int, character: int) -> list[Spot]:
    """Where the id under the cursor is defined (a flag: where it is set)."""
    syms = ws.symbols(path)
    project = ws.project(path)
    if syms is None or project is None:
        return []
    sym = syms.at(line, character)
    if sym is None:
        return []
    return [_spot(d) for d in _definitions_of(project, sym)]


def references(ws: Workspace, path: str, line: int, character: int, *, include_declaration: bool = True) -> list[Spot]:
    """Every use of the id under the cursor, in every file of its project."""
    syms = ws.symbols(path)
    project = ws.project(path)
    if syms is None or project is None:
        return []
    sym = syms.at(line, character)
    if sym is None:
        return []
    kinds = set(sym.kinds())
    if sym.data is None and sym.kind != "flag":  # a use: find what it names, then its uses
        defs = _definitions_of(project, sym)
        if len(defs) == 1:
            kinds = {defs[0].kind}
    scope = sym.scope if sym.kind == "option" else None
    out: list[Spot] = []
    if include_declaration:
        for f in project.files():
            out.extend(_spot(d) for d in f.defs if d.id == sym.id and d.kind in kinds
                       and (scope is None or d.scope in (None, scope)))
    for r in project.all_refs():
        if r.id == sym.id and kinds & set(r.kinds()) and (scope is None or r.scope in (None, scope)):
            out.append(_spot(r))
    return sorted(set(out), key=lambda s: (s.file, s.line, s.start))
