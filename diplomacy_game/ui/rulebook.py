"""The rulebook (the package's data/rules/rules.md) read into pages of blocks, for the in-game help (no pygame here).

The help screen shows the rulebook itself, so the two cannot drift: each ``##`` heading is
a page; within a page, ``###`` headings, paragraphs, bullet and numbered lists, quotes,
tables, code and pictures become blocks. Markdown emphasis and HTML comments (the
rulebook's number markers) are removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import resources, safefile

RULES_PATH = resources.rules_path()

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_IMAGE = re.compile(r"^!\[([^\]]*)\]\(([^)]+)\)\s*$")
_BULLET = re.compile(r"^(\s*)[-*] (.*)$")
_NUMBER = re.compile(r"^(\s*)(\d+)\. (.*)$")


@dataclass
class Block:
    kind: str  # "h3" | "p" | "li" | "quote" | "table" | "code" | "image"
    text: str = ""
    marker: str = ""  # "•" or "1." for list items
    depth: int = 0
    rows: list[list[str]] = field(default_factory=list)  # a table: the header row first
    path: str = ""  # an image file, relative to the rulebook


@dataclass
class Page:
    title: str
    blocks: list[Block] = field(default_factory=list)

    def plain(self) -> str:
        """The page as plain text (tests, search)."""
        parts = [self.title]
        for b in self.blocks:
            if b.kind == "table":
                parts.extend(" | ".join(r) for r in b.rows)
            elif b.kind == "image":
                parts.append(f"[picture: {b.text}]")
            else:
                parts.append(f"{b.marker} {b.text}".strip())
        return "\n".join(parts)


def inline(s: str) -> str:
    """Markdown inline markup removed: emphasis, code, links."""
    s = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", s)
    s = re.sub(r"\*\*(.+?)\*\*", r"\1", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", s)
    s = s.replace("`", "")
    return re.sub(r"\s+", " ", s).strip()


def parse(text: str) -> list[Page]:
    text = _COMMENT.sub("", text)
    pages: list[Page] = []
    page: Page | None = None
    para: list[str] = []
    item: Block | None = None
    lines = text.splitlines()
    i = 0

    def flush() -> None:
        nonlocal para, item
        if page is not None:
            if para:
                page.blocks.append(Block("p", inline(" ".join(para))))
            if item is not None:
                item.text = inline(item.text)
                page.blocks.append(item)
        para, item = [], None

    while i < len(lines):
        ln = lines[i]
        s = ln.strip()
        i += 1
        if s.startswith("# ") and not s.startswith("## "):
            continue  # the book's title
        if s.startswith("## "):
            flush()
            page = Page(inline(s[3:]))
            pages.append(page)
            continue
        if page is None:
            continue
        if not s:
            flush()
            continue
        if s.startswith("### "):
            flush()
            page.blocks.append(Block("h3", inline(s[4:])))
            continue
        if s.startswith("```"):
            flush()
            code = []
            while i < len(lines) and not lines[i].strip().startswith("```"):
                code.append(lines[i].rstrip())
                i += 1
            i += 1
            page.blocks.append(Block("code", "\n".join(code)))
            continue
        img = _IMAGE.match(s)
        if img:
            flush()
            page.blocks.append(Block("image", inline(img.group(1)), path=img.group(2)))
            continue
        if s.startswith("|"):
            flush()
            rows: list[list[str]] = []
            i -= 1
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [inline(c) for c in lines[i].strip().strip("|").split("|")]
                if not all(re.fullmatch(r":?-+:?", c.replace(" ", "")) for c in cells):
                    rows.append(cells)
                i += 1
            page.blocks.append(Block("table", rows=rows))
            continue
        if s.startswith(">"):
            flush()
            quote = [s.lstrip("> ").strip()]
            while i < len(lines) and lines[i].strip().startswith(">"):
                quote.append(lines[i].strip().lstrip(">").strip())
                i += 1
            page.blocks.append(Block("quote", inline(" ".join(quote))))
            continue
        bullet, number = _BULLET.match(ln), _NUMBER.match(ln)
        if bullet or number:
            flush()
            if bullet:
                item = Block("li", bullet.group(2), "•", len(bullet.group(1)) // 2)
            elif number:
                item = Block("li", number.group(3), f"{number.group(2)}.", len(number.group(1)) // 2)
            continue
        if item is not None:  # a list item's continuation line
            item.text += " " + s
            continue
        para.append(s)
    flush()
    return pages


def load(path: Path = RULES_PATH) -> list[Page]:
    """The rulebook's pages, or one page that says where the rulebook should be."""
    try:
        return parse(safefile.read_text(path, "rulebook"))
    except safefile.FileRefused:
        return [Page("Rules", [Block("p", f"The rulebook was not found ({path}). It ships in the "
                                          "package as diplomacy_game/data/rules/rules.md: reinstall the game.")])]
