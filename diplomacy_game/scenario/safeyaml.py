"""Safe YAML reading with a location for every key and value.

Only the YAML core types are built (mappings, sequences, strings, numbers, booleans, null);
any explicit tag other than the core ones is refused, so no content can construct objects or
run code. Duplicate keys, multiple documents, deep nesting, huge files and alias bombs are
refused with a located message. Parsing is event-driven and iterative: no recursion, so
absurd nesting cannot overflow the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from ..safefile import LIMITS, FileRefused, decode
from .diagnostics import Diagnostic, Location, Path

MAX_BYTES = LIMITS["scenario"]
MAX_DEPTH = 64
MAX_NODES = 200_000

_CORE = "tag:yaml.org,2002:"
_STR = _CORE + "str"
_ALLOWED_TAGS = {
    _CORE + "str",
    _CORE + "int",
    _CORE + "float",
    _CORE + "bool",
    _CORE + "null",
    _CORE + "map",
    _CORE + "seq",
    _CORE + "timestamp",
    "!",
}


@dataclass
class YamlDocument:
    """Plain data plus where each piece of it came from."""

    file: str
    data: Any
    values: dict[Path, Location] = field(default_factory=dict)
    keys: dict[Path, Location] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Location:
        """The location of the value (or the key) at ``path``, or of its nearest ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        p = tuple(path)
        while p:
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), Location(self.file, 1, 1))


class YamlError(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic
        super().__init__(diagnostic.format())


# libyaml's parser when present (about ten times faster), else PyYAML's own; both are safe:
# only the event stream is used, and this module builds the values itself.
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_resolver = yaml.SafeLoader("")
_ScalarEvent = yaml.ScalarEvent
_constructor = yaml.SafeLoader("")


_new_object = object.__new__
_set_field = object.__setattr__


def _loc(file: str, mark: Any) -> Location:
    """The 1-based location of ``mark``: ``Location(file, line, col)``, its fields set as the frozen
    dataclass's ``__init__`` sets them, without its call (a reading makes one for every node)."""
    if mark is None:
        return Location(file, 1, 1)
    loc = _new_object(Location)
    _set_field(loc, "file", file)
    _set_field(loc, "line", mark.line + 1)
    _set_field(loc, "col", mark.column + 1)
    return loc


def _scalar(file: str, ev: yaml.ScalarEvent) -> Any:
    tag = ev.tag
    if tag is not None and tag not in _ALLOWED_TAGS:
        raise YamlError(
            Diagnostic(
                _loc(file, ev.start_mark),
                f"the tag '{tag}' is not allowed: scenario files hold plain data only",
            )
        )
    if tag is None or tag == "!":
        tag = _resolver.resolve(yaml.ScalarNode, ev.value, ev.implicit)  # type: ignore[no-untyped-call]
    if tag == _STR:
        return ev.value  # what PyYAML's str constructor returns, without building a node
    if tag == _CORE + "timestamp":
        return ev.value  # dates stay text; the scenario models parse them
    node = yaml.ScalarNode(tag, ev.value, ev.start_mark, ev.end_mark, ev.style)  # type: ignore[arg-type]
    ctor = _constructor.yaml_constructors.get(tag)
    if ctor is None:  # pragma: no cover - every allowed tag has a constructor
        return ev.value
    try:
        return ctor(_constructor, node)
    except (ValueError, yaml.YAMLError) as exc:
        raise YamlError(
            Diagnostic(_loc(file, ev.start_mark), f"cannot read '{ev.value}' as {tag[len(_CORE) :]}: {exc}")
        ) from None


class _Frame:
    __slots__ = ("anchor", "container", "is_map", "key", "key_loc", "path", "size")

    def __init__(self, container: Any, path: Path, anchor: str | None) -> None:
        self.container = container
        self.is_map = isinstance(container, dict)
        self.path = path
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_loc: Location | None = None
        self.size = 1


_NO_KEY = object()


def refused(exc: FileRefused, file: str) -> Diagnostic:
    """A refused file as a located diagnostic."""
    return Diagnostic(Location(file, exc.line or 1, exc.col or 1), exc.message)


def _too_deep_flow(text: str, file: str) -> Diagnostic | None:
    """The first '[' or '{' nested deeper than MAX_DEPTH, found before parsing.

    libyaml (PyYAML's CSafeLoader) scans a run of flow openers ahead of the events and
    refuses it at depth 1000 in its own words; this scan makes the one limit, and its
    message, the same whichever parser PyYAML has. Quotes and comments are skipped; a
    bracket inside plain text counts too, which can only matter past MAX_DEPTH of them.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None
    depth = 0
    line, col0 = 1, 0
    quote = ""
    skip_to = -1
    for m in _FLOW_CHARS.finditer(text):
        i = m.start()
        if i < skip_to:
            continue
        ch = text[i]
        prev = text[i - 1] if i else "\n"
        if ch == "\n":
            line, col0, quote = line + 1, i + 1, ""
        elif quote:
            if ch == quote and not (quote == '"' and prev == "\\"):
                quote = ""  # '' inside single quotes closes and reopens: the same state after both
        elif ch in "'\"":
            if prev in " \t\n[{,:" or (ch == "'" and prev == "'"):
                quote = ch
        elif ch == "#":
            if prev in " \t\n":
                end = text.find("\n", i)
                skip_to = len(text) if end < 0 else end
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return Diagnostic(Location(file, line, i - col0 + 1), f"nesting deeper than {MAX_DEPTH} levels")
        elif depth:
            depth -= 1
    return None


_FLOW_CHARS = re.compile(r"[\[\]{}\n'\"#]")


def load_yaml(text: str | bytes, file: str) -> YamlDocument:
    """Read one YAML document from ``text`` into plain data with locations.

    Raises YamlError with a located diagnostic for malformed or unsafe input.
    """
    if isinstance(text, bytes):
        if len(text) > MAX_BYTES:
            raise YamlError(Diagnostic(Location(file), f"the file is {len(text):,} bytes; the limit is {MAX_BYTES:,}"))
        try:
            text = decode(text, file)
        except FileRefused as exc:
            raise YamlError(refused(exc, file)) from None
    if len(text) > MAX_BYTES:
        raise YamlError(Diagnostic(Location(file), f"the file is {len(text):,} characters; the limit is {MAX_BYTES:,}"))
    too_deep = _too_deep_flow(text, file)
    if too_deep is not None:
        raise YamlError(too_deep)
    doc = YamlDocument(file, None)
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    documents = 0
    total = 0
    root_set = False

    def attach(value: Any, loc: Location, size: int, anchor: str | None, subtree: int = 0) -> None:
        nonlocal root_set, total
        total += size
        size = max(size, subtree)
        if total > MAX_NODES:
            raise YamlError(Diagnostic(loc, f"the document expands to more than {MAX_NODES:,} values (alias bomb?)"))
        if anchor:
            anchors[anchor] = (value, size)
        if not stack:
            doc.data = value
            doc.values[()] = loc
            root_set = True
            return
        top = stack[-1]
        top.size += size
        if isinstance(top.container, list):
            path = (*top.path, len(top.container))
            top.container.append(value)
            doc.values.setdefault(path, loc)
            return
        if top.key is _NO_KEY:
            # this value is a key
            if isinstance(value, dict | list):
                raise YamlError(Diagnostic(loc, "a mapping key must be plain text, not a list or mapping"))
            key = value
            if key in top.container:
                raise YamlError(
                    Diagnostic(loc, f"duplicate key '{key}' (first at {doc.keys.get((*top.path, str(key)), loc)})")
                )
            top.key = key
            top.key_loc = loc
            return
        path = (*top.path, top.key)
        top.container[top.key] = value
        doc.values.setdefault(path, loc)
        if top.key_loc is not None:
            doc.keys.setdefault(path, top.key_loc)
        top.key = _NO_KEY

    def current_path() -> Path:
        if not stack:
            return ()
        top = stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.key is _NO_KEY:
            return (*top.path, "<key>")
        return (*top.path, top.key)

    values, keys = doc.values, doc.keys
    parser = None
    try:
        parser = _PARSER(text)
        # ``yaml.parse`` without its generator: ``get_event`` gives None after the last event
        for ev in iter(parser.get_event, None):
            if type(ev) is _ScalarEvent and stack:
                # the commonest event, a scalar inside a container: ``attach`` inline
                loc = _loc(file, ev.start_mark)
                top = stack[-1]
                if top.is_map and top.key is _NO_KEY and ev.tag in (None, "!") and not ev.style:
                    value: Any = ev.value  # plain keys are always text ('on', 'no', dates...)
                else:
                    value = _scalar(file, ev)
                total += 1
                if total > MAX_NODES:
                    raise YamlError(Diagnostic(loc, f"the document expands to more than {MAX_NODES:,} values "
                                                    "(alias bomb?)"))
                if ev.anchor:
                    anchors[ev.anchor] = (value, 1)
                top.size += 1
                if not top.is_map:
                    items: list[Any] = top.container
                    values.setdefault((*top.path, len(items)), loc)
                    items.append(value)
                elif top.key is _NO_KEY:
                    if value in top.container:
                        raise YamlError(Diagnostic(loc, f"duplicate key '{value}' (first at "
                                                        f"{keys.get((*top.path, str(value)), loc)})"))
                    top.key = value
                    top.key_loc = loc
                else:
                    path = (*top.path, top.key)
                    top.container[top.key] = value
                    values.setdefault(path, loc)
                    if top.key_loc is not None:
                        keys.setdefault(path, top.key_loc)
                    top.key = _NO_KEY
            elif isinstance(ev, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlError(
                        Diagnostic(
                            _loc(file, ev.start_mark),
                            "a content file holds one YAML document; found a second '---'",
                        )
                    )
            elif isinstance(ev, yaml.ScalarEvent):
                loc = _loc(file, ev.start_mark)
                in_key = bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is _NO_KEY
                if in_key and ev.tag in (None, "!") and not ev.style:
                    value = ev.value  # plain keys are always text ('on', 'no', dates...)
                else:
                    value = _scalar(file, ev)
                attach(value, loc, 1, ev.anchor)
            elif isinstance(ev, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                loc = _loc(file, ev.start_mark)
                if ev.tag is not None and ev.tag not in _ALLOWED_TAGS:
                    raise YamlError(
                        Diagnostic(loc, f"the tag '{ev.tag}' is not allowed: scenario files hold plain data only")
                    )
                if len(stack) >= MAX_DEPTH:
                    raise YamlError(Diagnostic(loc, f"nesting deeper than {MAX_DEPTH} levels"))
                if stack and isinstance(stack[-1].container, dict) and stack[-1].key is _NO_KEY:
                    raise YamlError(Diagnostic(loc, "a mapping key must be plain text, not a list or mapping"))
                path = current_path()
                container: Any = {} if isinstance(ev, yaml.MappingStartEvent) else []
                frame = _Frame(container, path, ev.anchor)
                doc.values.setdefault(path, loc)
                stack.append(frame)
            elif isinstance(ev, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = stack.pop()
                found = values.get(frame.path)  # always there: set at the container's start
                loc = found if found is not None else _loc(file, ev.start_mark)
                # attach without re-counting the children already counted
                attach(frame.container, loc, 1, None, frame.size)
                if frame.anchor:
                    anchors[frame.anchor] = (frame.container, frame.size)
            elif isinstance(ev, yaml.AliasEvent):
                loc = _loc(file, ev.start_mark)
                if ev.anchor not in anchors:
                    raise YamlError(Diagnostic(loc, f"unknown alias '*{ev.anchor}'"))
                value, size = anchors[ev.anchor]
                attach(value, loc, size, None)
    except YamlError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "malformed YAML"
        if exc.context and exc.problem:
            what = f"{exc.problem} ({exc.context})"
        if "maximum nesting depth" in what:  # PyYAML >= 6.0.3 stops deep nesting itself, before we see it
            raise YamlError(Diagnostic(_loc(file, mark), f"nesting deeper than {MAX_DEPTH} levels")) from None
        raise YamlError(Diagnostic(_loc(file, mark), f"malformed YAML: {what}")) from None
    except yaml.YAMLError as exc:  # reader errors (control characters...)
        mark = getattr(exc, "problem_mark", None)
        if mark is None and hasattr(exc, "position"):
            raise YamlError(Diagnostic(Location(file), f"malformed YAML: {exc}")) from None
        raise YamlError(Diagnostic(_loc(file, mark), f"malformed YAML: {exc}")) from None
    except RecursionError:  # pragma: no cover - the parser is iterative
        raise YamlError(Diagnostic(Location(file), "malformed YAML: nesting too deep")) from None
    finally:
        if parser is not None:
            parser.dispose()
    if not root_set or doc.data is None:
        raise YamlError(Diagnostic(Location(file), "the file is empty: expected a mapping of keys"))
    return doc
