"""Located diagnostics: every problem in a content file names FILE:LINE:COL."""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..safefile import FileRefused, read_text

PathElem = str | int
Path = tuple[PathElem, ...]


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line and column in a file."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem in a content file."""

    location: Location
    message: str
    path: Path = ()
    severity: str = "error"
    hint: str | None = None

    def format(self) -> str:
        where = f" (at {format_path(self.path)})" if self.path else ""
        text = f"{self.location}: {self.severity}: {self.message}{where}"
        if self.hint:
            text += f"; {self.hint}"
        return text

    def __str__(self) -> str:
        return self.format()

    def to_json(self, source: SourceLines | None = None) -> dict[str, object]:
        """The diagnostic as plain data, for tools (``validate --format json``)."""
        out: dict[str, object] = {
            "file": self.location.file,
            "line": self.location.line,
            "col": self.location.col,
            "severity": self.severity,
            "message": self.message,
            "path": format_path(self.path),
            "hint": self.hint,
        }
        if source is not None:
            out["source"] = source.line(self.location.file, self.location.line)
        return out

    def format_with_source(self, source: SourceLines) -> str:
        """The one-line form, then the offending line with a caret under the column."""
        return "\n".join([self.format(), *source.excerpt(self.location)])


class SourceLines:
    """The lines of content files, read once each, for excerpts under diagnostics."""

    def __init__(self) -> None:
        self._files: dict[str, list[str] | None] = {}

    def line(self, file: str, line: int) -> str | None:
        if file not in self._files:
            # only content files are ever echoed, and only when they read as good text: a
            # scenario that names another file never prints what that file holds
            self._files[file] = None
            if file.endswith((".yaml", ".yml")):
                with contextlib.suppress(FileRefused):
                    self._files[file] = read_text(file, "scenario").splitlines()
        lines = self._files[file]
        if lines is None or not 1 <= line <= len(lines):
            return None
        return lines[line - 1]

    def excerpt(self, loc: Location) -> list[str]:
        """``  12 | text`` and a caret line under column ``loc.col``; nothing if unreadable."""
        text = self.line(loc.file, loc.line)
        if text is None:
            return []
        text = text[:300]
        gutter = f"{loc.line:>5} | "
        col = min(max(loc.col, 1), len(text) + 1)
        # keep tabs so that the caret lines up under them
        pad = "".join("\t" if ch == "\t" else " " for ch in text[: col - 1])
        return [gutter + text, " " * (len(gutter) - 2) + "| " + pad + "^"]


def format_path(path: Path) -> str:
    """Render a key path the way an author reads it: ``events[3].choice.options[0].id``."""
    out = ""
    for elem in path:
        if isinstance(elem, int):
            out += f"[{elem}]"
        else:
            out += ("." if out else "") + elem
    return out


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A 'did you mean' hint for a near miss, or None."""
    matches = difflib.get_close_matches(str(word), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


@dataclass
class DiagnosticList:
    """Collects diagnostics in the order found; sorted by location on output."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diag: Diagnostic) -> None:
        if diag not in self.items:
            self.items.append(diag)

    def extend(self, diags: Iterable[Diagnostic]) -> None:
        for d in diags:
            self.add(d)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.location, d.message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)


class ContentError(Exception):
    """Raised when content files cannot be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=lambda d: (d.location, d.message))
        first = self.diagnostics[0].format() if self.diagnostics else "invalid content"
        more = len(self.diagnostics) - 1
        super().__init__(first + (f" (and {more} more)" if more > 0 else ""))
