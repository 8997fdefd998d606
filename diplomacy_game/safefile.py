"""The one bounded reader for every file the game opens.

Every file on disk is treated as written by an attacker or by a broken disk: only regular
files are read (a FIFO, a device, a folder or a socket is refused before it is read, and the
file is opened without blocking so that a FIFO swapped in at the last moment cannot hang the
game), never more than the size limit of its kind, decoded as UTF-8 (a byte order mark is
accepted) with a located error for anything else, and refused when its text holds characters
no game can draw (NUL, lone surrogates, control characters other than tab, newline and CR).

No pygame here: the scenario tools, the saves and the window all use it.
"""

from __future__ import annotations

import os
import re
import stat
from typing import Literal

Kind = Literal["scenario", "save", "settings", "marker", "theme", "rulebook", "asset"]

MiB = 1024 * 1024
LIMITS: dict[str, int] = {
    "scenario": 4 * MiB,  # a scenario, a map or a scenario test file
    "save": 32 * MiB,  # a save, an autosave, the live game file
    "settings": 64 * 1024,
    "marker": 64 * 1024,  # the session marker
    "theme": 256 * 1024,
    "rulebook": 2 * MiB,
    "asset": 32 * MiB,  # a shipped map drawing
}
_NAMES = {"scenario": "a scenario file", "save": "a save", "settings": "a settings file",
          "marker": "a session marker", "theme": "a theme file", "rulebook": "the rulebook", "asset": "a map drawing"}

# C0 controls but tab, LF and CR; DEL and the C1 controls; UTF-16 surrogates (only ever alone in a str)
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
# in one line of drawn text, line breaks and tabs are not drawable either
_BAD_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


class FileRefused(Exception):
    """A file that is not read, with the reason in plain words (and where, for bad text)."""

    def __init__(self, path: str | os.PathLike[str], message: str, line: int = 0, col: int = 0) -> None:
        self.path = os.fspath(path)
        self.message = message
        self.line = line
        self.col = col
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f":{self.line}:{self.col}" if self.line else ""
        return f"{self.path}{where}: error: {self.message}"


def describe_char(ch: str) -> str:
    """``NUL``, ``U+0007``, ``a lone surrogate U+D800``: a character named without drawing it."""
    code = ord(ch)
    if code == 0:
        return "a NUL character"
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X}"
    return f"the control character U+{code:04X}"


def bad_char(s: str, *, line: bool = False) -> int | None:
    """The index of the first character no game can draw, or None (``line``: tabs and breaks too)."""
    m = (_BAD_LINE if line else _BAD).search(s)
    return m.start() if m else None


def text_problem(s: str, *, line: bool = False) -> str | None:
    """Why ``s`` cannot be drawn ('it holds a NUL character at character 5'), or None."""
    i = bad_char(s, line=line)
    if i is None:
        return None
    return f"it holds {describe_char(s[i])} at character {i + 1}"


def line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def printable(s: str, limit: int = 200, *, line: bool = True) -> str:
    """``s`` safe to draw or print: undrawable characters as ``\\x00``-style escapes, cut at ``limit``.

    ``line``: tabs and line breaks are escaped too (the text is one line of a message).
    """
    cut = s[:limit]
    if bad_char(cut, line=line) is not None:
        cut = (_BAD_LINE if line else _BAD).sub(lambda m: repr(m.group())[1:-1], cut)
    return cut + ("…" if len(s) > limit else "")


def limit_of(kind: str) -> int:
    return LIMITS[kind]


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: str | os.PathLike[str], kind: Kind) -> bytes:
    """The bytes of a regular file, at most the limit of its kind; FileRefused otherwise."""
    limit = LIMITS[kind]
    try:
        st = os.stat(path)  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError:
        raise FileRefused(path, "cannot read the file: no such file") from None
    except (OSError, ValueError) as exc:
        raise FileRefused(path, f"cannot read the file: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise FileRefused(path, f"this is {_what(st.st_mode)}, not a file that can be read")
    if st.st_size > limit:
        raise FileRefused(path, _too_large(st.st_size, kind))
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FileRefused(path, f"cannot read the file: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)  # the file opened is the file checked (not swapped since)
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(path, f"this is {_what(st.st_mode)}, not a file that can be read")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            try:
                chunk = os.read(fd, min(1 * MiB, limit + 1 - total))
            except BlockingIOError:  # pragma: no cover - regular files never block
                break
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise FileRefused(path, f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if total > limit:  # it grew while read, or its size was not told (/proc)
        raise FileRefused(path, _too_large(total, kind, more=True))
    return b"".join(chunks)


def _too_large(size: int, kind: str, more: bool = False) -> str:
    limit = LIMITS[kind]
    return (f"the file is {'more than ' if more else ''}{(limit if more else size):,} bytes; "
            f"the limit for {_NAMES[kind]} is {limit:,} bytes")


def decode(raw: bytes, path: str | os.PathLike[str], *, check: bool = True) -> str:
    """UTF-8 text (a BOM accepted); FileRefused with the line and column of the first bad byte or character."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = line_col(good, len(good))
        hint = ""
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = " (it looks like UTF-16: save it as UTF-8)"
        raise FileRefused(path, f"the file is not UTF-8 text: byte {exc.start + 1} (0x{raw[exc.start]:02x}) "
                                f"cannot be decoded{hint}", line, col) from None
    if check:
        i = bad_char(text)
        if i is not None:
            line, col = line_col(text, i)
            raise FileRefused(path, f"the file holds {describe_char(text[i])}, which no game can draw", line, col)
    return text


def read_text(path: str | os.PathLike[str], kind: Kind, *, check: bool = True) -> str:
    """The text of a regular UTF-8 file of ``kind`` (bounded, checked); FileRefused otherwise."""
    return decode(read_bytes(path, kind), path, check=check)


def is_regular(path: str | os.PathLike[str]) -> bool:
    """True for a regular file (following symlinks); never opens it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


__all__ = [
    "LIMITS",
    "FileRefused",
    "bad_char",
    "decode",
    "describe_char",
    "is_regular",
    "printable",
    "read_bytes",
    "read_text",
    "text_problem",
]
