"""The help overlay (F1 or ?): the rulebook, page by page, and the keyboard shortcuts.

The pages are the rulebook itself (``data/rules/rules.md``, read by :mod:`diplomacy_game.ui.rulebook`),
so the help and the rulebook cannot say different things. Contents at the left, the page at the right;
Left/Right (or a click in the contents) change the page, Up/Down, the wheel and Space
scroll, Esc or F1 closes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pygame

from .. import intents as it
from .. import rulebook
from ..intents import Intent
from . import kit
from .base import Scene

SHORTCUTS: list[tuple[str, list[tuple[str, str]]]] = [
    ("Everywhere", [
        ("F1 or ?", "this help"),
        ("F11", "full screen on / off"),
        ("Esc", "back, cancel, or the pause menu"),
        ("Up / Down, Tab", "move between buttons"),
        ("Enter", "activate the focused button; confirm"),
        ("1 – 9", "pick a menu entry or an option"),
        ("F5", "in a game: reload the edited scenario, replaying the moves"),
        ("Ctrl+S", "in a game: save it (also in the Esc menu)"),
    ]),
    ("Your turn", [
        ("1 – 9, Left / Right", "choose a card in your hand"),
        ("E / O", "play the card for its event / its operations"),
        ("I / P", "operations: place influence / pressure"),
        ("letter on its button", "a faction action (each has its own letter); A walks through them"),
        ("B / D", "boost with 1 economy / done with operations"),
        ("Tab / Shift+Tab", "walk through the marked regions or targets"),
        ("Enter or click again", "confirm the chosen target"),
        ("Esc or right click", "cancel the chosen target"),
        ("C", "open the decision waiting for you"),
        ("Up / Down, wheel", "scroll the log"),
        ("wheel over the map, + / −", "zoom the map in and out (about the pointer); Home: the whole map"),
        ("Shift + arrow keys, or drag", "move the zoomed map (Tab brings a marked region into view)"),
        ("X", "during the tutorial: skip it"),
        ("Ctrl+Z / Ctrl+Y", "undo / redo your own moves this turn, until a die, a draw or an event reveals something"),
        ("R", "since your last turn: replay what the other seats did, step by step"),
    ]),
    ("Hot seat", [
        ("Space", "on the hand-off screen: the next player is ready"),
        ("Left / Right, Enter", "after the hand-off: step through what the others did; continue"),
    ]),
]

SKIP_PAGES = ("Pictures in this book",)  # about making the book, not about playing


def shortcuts_page() -> rulebook.Page:
    page = rulebook.Page("Keyboard shortcuts")
    for section, items in SHORTCUTS:
        page.blocks.append(rulebook.Block("h3", section))
        page.blocks.append(rulebook.Block("table", rows=[["keys", "what they do"], *[[k, w] for k, w in items]]))
    return page


def help_pages() -> list[rulebook.Page]:
    pages = [p for p in rulebook.load() if p.title not in SKIP_PAGES]
    return [*pages, shortcuts_page()]


@dataclass
class Op:
    """One thing to draw, in page coordinates (y from the top of the page)."""

    kind: str  # "text" | "rect" | "image" | "line"
    y: int
    x: int = 0
    text: str = ""
    size: str = "normal"
    bold: bool = False
    colour: str = "text"
    w: int = 0
    h: int = 0
    image: pygame.Surface | None = None


_IMAGES: dict[tuple[str, int], pygame.Surface | None] = {}


def _picture(path: Path, width: int, max_h: int) -> pygame.Surface | None:
    key = (str(path), width * 10000 + max_h)
    if key not in _IMAGES:
        try:
            img = pygame.image.load(str(path))
            w, h = img.get_size()
            f = min(width / w, max_h / h, 1.0)
            _IMAGES[key] = pygame.transform.smoothscale(img, (max(1, int(w * f)), max(1, int(h * f))))
        except (pygame.error, OSError, FileNotFoundError):
            _IMAGES[key] = None
    return _IMAGES[key]


def lay_out(page: rulebook.Page, width: int, view_h: int) -> tuple[list[Op], int]:
    """The drawing operations of a page at a width, and its height."""
    ops: list[Op] = []
    y = 0
    normal = kit.FONTS.get("normal")
    lh = normal.get_linesize()

    def para(s: str, x: int, w: int, size: str = "normal", bold: bool = False, colour: str = "text") -> None:
        nonlocal y
        font = kit.FONTS.get(size, bold)
        for ln in kit.wrap(s, font, max(20, w)):
            ops.append(Op("text", y, x, ln, size, bold, colour))
            y += font.get_linesize()

    para(page.title, 0, width, "title", True, "accent")
    y += kit.sc(10)
    for b in page.blocks:
        if b.kind == "h3":
            y += kit.sc(6)
            para(b.text, 0, width, "large", True)
            y += kit.sc(4)
        elif b.kind == "p":
            para(b.text, 0, width)
            y += kit.sc(8)
        elif b.kind == "li":
            indent = kit.sc(22) * (b.depth + 1)
            ops.append(Op("text", y, indent - kit.sc(18), b.marker, "normal", True, "accent"))
            para(b.text, indent, width - indent)
            y += kit.sc(4)
        elif b.kind == "quote":
            top = y
            y += kit.sc(6)
            para(b.text, kit.sc(16), width - kit.sc(24), "normal", False, "muted")
            y += kit.sc(6)
            ops.append(Op("rect", top, 0, w=kit.sc(4), h=y - top, colour="accent"))
            y += kit.sc(8)
        elif b.kind == "code":
            for ln in b.text.splitlines():
                for piece in kit.wrap(ln, kit.FONTS.get("small"), width - kit.sc(16)):
                    ops.append(Op("text", y, kit.sc(8), piece, "small", False, "muted"))
                    y += kit.FONTS.get("small").get_linesize()
            y += kit.sc(8)
        elif b.kind == "image":
            img = _picture(rulebook.RULES_PATH.parent / b.path, width, max(kit.sc(120), int(view_h * 0.7)))
            if img is not None:
                ops.append(Op("image", y, 0, image=img, w=img.get_width(), h=img.get_height()))
                y += img.get_height() + kit.sc(2)
            para(b.text, 0, width, "small", False, "muted")
            y += kit.sc(10)
        elif b.kind == "table" and b.rows:
            y = _table(ops, b.rows, width, y)
            y += kit.sc(10)
    return ops, y + lh


def _table(ops: list[Op], rows: list[list[str]], width: int, y: int) -> int:
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    gap = kit.sc(14)
    font, bold = kit.FONTS.get("normal"), kit.FONTS.get("normal", True)
    natural = [max(max(bold.size(r[c])[0] for r in rows[:1]), *(font.size(r[c])[0] for r in rows[1:]))
               for c in range(n)] if len(rows) > 1 else [bold.size(c)[0] for c in rows[0]]
    avail = width - gap * (n - 1)
    widths = list(natural)
    if sum(widths) > avail:  # shrink the widest columns first, never below a share
        floor = [min(w, max(kit.sc(60), avail // (2 * n))) for w in natural]
        excess = sum(widths) - avail
        flexible = [w - f for w, f in zip(widths, floor, strict=True)]
        total_flex = sum(flexible) or 1
        widths = [max(f, w - excess * fl // total_flex) for w, f, fl in zip(widths, floor, flexible, strict=True)]
    lh = font.get_linesize()
    for i, r in enumerate(rows):
        cells = [kit.wrap(r[c], bold if i == 0 else font, max(20, widths[c])) for c in range(n)]
        h = max(len(c) for c in cells) * lh + kit.sc(6)
        if i % 2 == 1:
            ops.append(Op("rect", y, 0, w=sum(widths) + gap * (n - 1), h=h, colour="button"))
        x = kit.sc(6)
        for c in range(n):
            for j, ln in enumerate(cells[c]):
                ops.append(Op("text", y + kit.sc(3) + j * lh, x, ln, "normal", i == 0,
                              "accent" if i == 0 else "text"))
            x += widths[c] + gap
        y += h
    return y


class HelpScene(Scene):
    name = "help"
    opaque = False
    last_page: ClassVar[int] = 0  # the help opens where it was left

    def __init__(self, app: Any, page: str | None = None) -> None:
        super().__init__(app)
        self.pages = help_pages()
        self.page = min(HelpScene.last_page, len(self.pages) - 1)
        if page is not None:
            self.page = next((i for i, p in enumerate(self.pages) if p.title.lower() == page.lower()), self.page)
        self.scroll = 0
        self.box = pygame.Rect(0, 0, 0, 0)
        self.contents: list[kit.Button] = []
        self.view = pygame.Rect(0, 0, 0, 0)
        self.ops: list[Op] = []
        self.height = 0
        self._key: tuple[Any, ...] = ()

    # ---------------------------------------------------------------- layout

    def layout(self) -> None:
        w, h = self.size
        margin = kit.sc(16) if min(w, h) < kit.sc(700) else kit.sc(30)
        bw, bh = min(w - 2 * margin, kit.sc(1180)), h - 2 * margin
        self.box = pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)
        inner = self.box.inflate(-kit.sc(32), -kit.sc(24))
        head = kit.sc(44)
        foot = kit.sc(26)
        toc_w = min(kit.sc(250), inner.w // 4)
        bh_ = kit.sc(30)
        gap = kit.sc(4)
        avail = inner.h - head - foot
        if len(self.pages) * (bh_ + gap) > avail:
            bh_ = max(kit.sc(20), avail // len(self.pages) - gap)
        self.contents = [
            kit.Button(f"page:{i}", p.title, pygame.Rect(inner.x, inner.y + head + i * (bh_ + gap), toc_w, bh_),
                       selected=i == self.page)
            for i, p in enumerate(self.pages)
        ]
        x = inner.x + toc_w + kit.sc(24)
        self.view = pygame.Rect(x, inner.y + head, inner.right - x - kit.sc(12), avail)
        key = (self.page, self.view.w, self.view.h, kit.FONTS.scale)
        if key != self._key:
            self._key = key
            self.ops, self.height = lay_out(self.pages[self.page], self.view.w - kit.sc(8), self.view.h)
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    @property
    def max_scroll(self) -> int:
        return max(0, self.height - self.view.h)

    def enter(self) -> None:
        self.layout()

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    # ---------------------------------------------------------------- input

    def goto(self, page: int) -> None:
        self.page = page % len(self.pages)
        HelpScene.last_page = self.page
        self.scroll = 0
        self.layout()

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        line = kit.FONTS.get("normal").get_linesize()
        if k in (it.CANCEL, it.HELP, it.RCLICK, it.LETTER):  # any letter closes, as it always did
            self.app.pop(self)
        elif k in (it.RIGHT, it.NEXT):
            self.goto(self.page + 1)
        elif k in (it.LEFT, it.PREV):
            self.goto(self.page - 1)
        elif k == it.DOWN:
            self.scroll += 3 * line
        elif k == it.UP:
            self.scroll -= 3 * line
        elif k == it.WHEEL:
            self.scroll -= int(intent.value) * 3 * line
        elif k == it.SPACE:
            if self.scroll >= self.max_scroll:
                self.goto(self.page + 1)
            else:
                self.scroll += self.view.h - 2 * line
        elif k == it.DIGIT and 1 <= intent.value <= len(self.pages):
            self.goto(intent.value - 1)
        elif k == it.CLICK:
            b = kit.button_at(self.contents, intent.pos)
            if b is not None:
                self.goto(int(b.key[5:]))
            elif intent.pos is not None and not self.box.collidepoint(intent.pos):
                self.app.pop(self)
        elif k == it.CONFIRM:
            self.app.pop(self)
        self.scroll = max(0, min(self.scroll, self.max_scroll))

    # ---------------------------------------------------------------- draw

    def draw(self, surface: pygame.Surface) -> None:
        kit.overlay(surface, 215)
        kit.panel(surface, self.box, "panel", "accent", radius=10)
        inner = self.box.inflate(-kit.sc(32), -kit.sc(24))
        kit.text(surface, "How to play", (inner.x, inner.y), "large", kit.THEME.c("accent"), bold=True)
        kit.text(surface, f"Page {self.page + 1} of {len(self.pages)}", (inner.right, inner.y + kit.sc(4)), "small",
                 kit.THEME.c("muted"), anchor="topright")
        for b in self.contents:
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), size="small")
        v = self.view
        old_clip = surface.get_clip()
        surface.set_clip(v.clip(old_clip) if old_clip else v)
        top = v.y - self.scroll
        for op in self.ops:
            y = top + op.y
            if y > v.bottom or y + max(op.h, kit.sc(40)) < v.y:
                continue
            if op.kind == "text":
                kit.text(surface, op.text, (v.x + op.x, y), op.size, kit.THEME.c(op.colour), bold=op.bold)
            elif op.kind == "rect":
                pygame.draw.rect(surface, kit.THEME.c(op.colour), pygame.Rect(v.x + op.x, y, op.w, op.h))
            elif op.kind == "image" and op.image is not None:
                surface.blit(op.image, (v.x + op.x, y))
        surface.set_clip(old_clip)
        if self.max_scroll:  # a scroll bar
            track = pygame.Rect(v.right + kit.sc(4), v.y, kit.sc(5), v.h)
            pygame.draw.rect(surface, kit.THEME.c("button"), track, border_radius=3)
            thumb_h = max(kit.sc(24), v.h * v.h // self.height)
            thumb_y = v.y + (v.h - thumb_h) * self.scroll // self.max_scroll
            pygame.draw.rect(surface, kit.THEME.c("muted"), pygame.Rect(track.x, thumb_y, track.w, thumb_h),
                             border_radius=3)
        more = "  ·  Space: more" if self.scroll < self.max_scroll else ""
        kit.text(surface, f"Left / Right: page  ·  Up / Down, wheel: scroll{more}  ·  Esc or F1: close",
                 (self.box.centerx, self.box.bottom - kit.sc(10)), "small", kit.THEME.c("muted"),
                 anchor="midbottom", max_width=self.box.w - kit.sc(40))
