"""Where the cursor stands in a YAML text, read from the text alone.

A file being edited is often not valid YAML (a key half typed, a value missing), so the key
path at the cursor is read from the indentation of the lines above it and from the flow
brackets of its own line, not from a parse. List positions are all 0: the shapes of the
formats do not depend on them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..scenario.diagnostics import Path

_KEY = re.compile(r"""(?:"([^"]*)"|'([^']*)'|([^\s#'"{}\[\],:][^#{}\[\],:]*?))\s*:(?:\s|$)""")
_WORD = re.compile(r"[A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Cursor:
    """The key path at the cursor, whether a key or a value is being typed, and the word so far."""

    path: Path  # the path of the mapping or list the cursor is in (with the key, for a value)
    position: str  # "key" (a key of the mapping at ``path``, or a list item) or "value"
    prefix: str  # the word typed before the cursor
    start: int  # the column (0-based) where that word starts
    line_text: str  # the text of the cursor's line before the cursor
    line: int = 0  # the cursor's line (0-based)


def _strip_comment(text: str) -> str:
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i]
    return text


def in_comment(before_cursor: str) -> bool:
    """Whether the text before the cursor on its line ends inside a ``#`` comment."""
    return "#" in before_cursor and _strip_comment(before_cursor) != before_cursor


@dataclass
class _Line:
    indent: int
    dashes: list[int]  # columns of its "- " markers
    key: str | None
    key_col: int
    rest: str  # the text after "key:" (or after the dashes when there is no key)
    rest_col: int


def _split(text: str) -> _Line:
    indent = len(text) - len(text.lstrip(" "))
    col = indent
    dashes: list[int] = []
    while col < len(text) and text[col] == "-" and (col + 1 == len(text) or text[col + 1] == " "):
        dashes.append(col)
        col += 1
        while col < len(text) and text[col] == " ":
            col += 1
    body = text[col:]
    match = _KEY.match(body)
    if match is not None and not body.startswith(("{", "[")):
        key = next(g for g in match.groups() if g is not None).strip()
        return _Line(indent, dashes, key, col, body[match.end() :], col + match.end())
    return _Line(indent, dashes, None, col, body, col)


def cursor_at(text: str, line: int, character: int) -> Cursor:
    """The cursor at 0-based ``line`` and ``character`` of ``text``."""
    lines = text.split("\n")
    current = lines[line][:character] if line < len(lines) else ""
    cur = _split(_strip_comment(current) if "#" in current else current)
    here: list[str | int] = [0 for _ in cur.dashes]
    word = _WORD.search(current)
    prefix = word.group(0) if word else ""
    start = character - len(prefix)
    if cur.key is not None:
        here.append(cur.key)
        inner, position = _flow(cur.rest)
        here.extend(inner)
    else:
        inner, position = _flow(cur.rest)
        here.extend(inner)
        if not inner and position == "value":
            position = "key"
    # the parents, from the lines above with less indentation
    col = cur.dashes[0] if cur.dashes else cur.key_col
    if not cur.dashes and cur.key is None:
        col = len(current) - len(current.lstrip(" "))
    from_dash = bool(cur.dashes)
    parents: list[str | int] = []
    for j in range(min(line, len(lines)) - 1, -1, -1):
        raw = lines[j]
        stripped = raw.strip()
        if not stripped or stripped.startswith("#") or stripped in ("---", "..."):
            continue
        above = _split(_strip_comment(raw))
        if above.indent > col:
            continue
        if above.indent == col and not (from_dash and not above.dashes and above.key is not None
                                        and not above.rest.strip()):
            continue
        step: list[str | int] = [0 for d in above.dashes if d < col]
        if above.key is not None and (above.key_col < col or (from_dash and above.key_col == col)):
            step.append(above.key)
        parents[:0] = step
        col = above.indent
        from_dash = bool(above.dashes)
        if col == 0 and not above.dashes:
            break
    return Cursor((*parents, *here), position, prefix, start, current, line)


def _flow(rest: str) -> tuple[list[str | int], str]:
    """The path inside the flow brackets of ``rest`` (text after a key), and key or value."""
    path: list[str | int] = []
    stack: list[tuple[str, int]] = []  # ("map"|"seq", len(path) at its start)
    position = "value"
    quote = ""
    token = ""
    for ch in rest:
        if quote:
            if ch == quote:
                quote = ""
            token += ch
            continue
        if ch in "'\"":
            quote = ch
            token += ch
        elif ch == "{":
            stack.append(("map", len(path)))
            position, token = "key", ""
        elif ch == "[":
            stack.append(("seq", len(path)))
            path.append(0)
            position, token = "value", ""
        elif ch in "}]":
            if stack:
                _, depth = stack.pop()
                del path[depth:]
            token = ""
        elif ch == ",":
            if stack:
                kind, depth = stack[-1]
                del path[depth:]
                if kind == "seq":
                    path.append(0)
                    position = "value"
                else:
                    position = "key"
            token = ""
        elif ch == ":" and stack and stack[-1][0] == "map" and position == "key":
            path.append(token.strip().strip("'\""))
            position, token = "value", ""
        else:
            token += ch
    if stack and stack[-1][0] == "map" and position == "key":
        return path, "key"
    return path, "value"
