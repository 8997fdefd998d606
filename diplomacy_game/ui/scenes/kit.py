"""A small drawing kit: theme colours, fonts, text (recorded for tests), buttons.

Every string a scene draws goes through :func:`text`, so a test can install a recorder
and see exactly what was on screen (the hot-seat secrecy tests do).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pygame

from ... import resources, safefile
from ...engine.words import plural as plural  # re-exported: kit.plural(n, "card")
from ..colour import ColorA, parse_hex
from ..colour import contrast as contrast  # re-exported: kit.contrast
from ..colour import readable_on as readable_on  # re-exported: kit.readable_on

Color = ColorA  # a theme colour: RGB or RGBA

THEME_PATH = resources.theme_path()

_DEFAULT_COLOURS: dict[str, str] = {
    "background": "#0e1116",
    "panel": "#1a1f27",
    "panel_border": "#323a48",
    "header": "#232a35",
    "text": "#e8e6e1",
    "muted": "#9aa3af",
    "accent": "#e0b04a",
    "danger": "#e57373",
    "ok": "#81c784",
    "button": "#2a3240",
    "button_hover": "#394457",
    "button_disabled": "#1d2229",
    "button_text_disabled": "#5d6570",
    "focus": "#e0b04a",
    "card": "#f3ecdc",
    "card_text": "#1d1d1d",
    "card_selected": "#ffe08a",
    "overlay": "#000000c0",
    "target": "#ffd54f",
    "map_sea": "#1b2a3a",
    "map_land": "#3a4250",
}
_DEFAULT_SIZES = {"small": 13, "normal": 15, "large": 20, "title": 30, "huge": 72}


def _theme_colour(s: str) -> Color:
    try:
        return parse_hex(s)
    except ValueError:
        return (255, 0, 255)  # a bad theme colour shows as magenta, as an unknown name does


class Theme:
    """Colours and font sizes read from the shipped ``data/ui/theme.json`` (its ``multipolar`` block)."""

    def __init__(self, path: Path = THEME_PATH) -> None:
        colours = dict(_DEFAULT_COLOURS)
        sizes = dict(_DEFAULT_SIZES)
        try:
            data: Any = json.loads(safefile.read_text(path, "theme"))
            block = data.get("multipolar", {})
            colours.update({k: str(v) for k, v in block.get("colours", {}).items()})
            sizes.update({k: int(v) for k, v in block.get("font_sizes", {}).items()})
        except (safefile.FileRefused, ValueError, AttributeError, TypeError, RecursionError):
            pass
        self.colours = {k: _theme_colour(v) for k, v in colours.items()}
        self.sizes = sizes

    def c(self, name: str) -> Color:
        return self.colours.get(name, (255, 0, 255))


THEME = Theme()


# ---------------------------------------------------------------------------- fonts


class Fonts:
    def __init__(self) -> None:
        self.scale = 1.0
        self._cache: dict[tuple[int, bool], pygame.font.Font] = {}
        self._paths: dict[bool, str | None] = {}

    def _path(self, bold: bool) -> str | None:
        """The shipped DejaVu Sans (the same glyphs on every platform); pygame's own font only
        if the package's data folder was stripped of it."""
        if bold not in self._paths:
            p = resources.font_path(bold)
            self._paths[bold] = str(p) if p.is_file() else None
        return self._paths[bold]

    def get(self, size: str | int = "normal", bold: bool = False) -> pygame.font.Font:
        px = THEME.sizes.get(size, 15) if isinstance(size, str) else int(size)
        px = max(8, round(px * self.scale))
        key = (px, bold)
        f = self._cache.get(key)
        if f is None:
            if not pygame.font.get_init():
                pygame.font.init()
            path = self._path(bold)
            f = pygame.font.Font(path, px)
            if path is None and bold:
                f.set_bold(True)
            self._cache[key] = f
        return f

    def set_scale(self, scale: float) -> None:
        if abs(scale - self.scale) > 1e-6:
            self.scale = scale
            self._cache.clear()
            _RENDER_CACHE.clear()
            _ELIDE_CACHE.clear()
            _WRAP_CACHE.clear()


FONTS = Fonts()


def sc(n: float) -> int:
    """A length in design pixels, scaled by the UI scale."""
    return round(n * FONTS.scale)


# ---------------------------------------------------------------------------- text recording

Recorder = Callable[[str], None]
_recorders: list[Recorder] = []


def add_recorder(fn: Recorder) -> None:
    _recorders.append(fn)


def remove_recorder(fn: Recorder) -> None:
    if fn in _recorders:
        _recorders.remove(fn)


# Rectangles drawn while a tracker is on (the frame cache asks where the overlays went:
# the tooltips and the card detail draw through ``panel`` and ``text``).
_rect_trackers: list[list[pygame.Rect]] = []


def track_rects(into: list[pygame.Rect]) -> None:
    """Append every rectangle that ``panel`` and ``text`` draw to ``into`` until ``untrack_rects``."""
    _rect_trackers.append(into)


def untrack_rects(into: list[pygame.Rect]) -> None:
    if into in _rect_trackers:
        _rect_trackers.remove(into)


def _drew(r: pygame.Rect) -> None:
    for into in _rect_trackers:
        into.append(r.copy())


def record(s: str) -> None:
    for fn in _recorders:
        fn(s)


_RENDER_CACHE: dict[tuple[str, int, bool, Color], pygame.Surface] = {}


def render(s: str, size: str | int = "normal", color: Color | None = None, bold: bool = False) -> pygame.Surface:
    """The text as a surface (recorded, cached)."""
    record(s)
    font = FONTS.get(size, bold)
    col = color if color is not None else THEME.c("text")
    key = (s, font.get_height(), bold, col)
    surf = _RENDER_CACHE.get(key)
    if surf is None:
        if len(_RENDER_CACHE) > 3000:
            _RENDER_CACHE.clear()
        surf = font.render(drawable(s), True, col)
        _RENDER_CACHE[key] = surf
    return surf


def text(
    surface: pygame.Surface,
    s: str,
    pos: tuple[int, int],
    size: str | int = "normal",
    color: Color | None = None,
    bold: bool = False,
    anchor: str = "topleft",
    max_width: int | None = None,
) -> pygame.Rect:
    """Draw one line of text; returns its rectangle. ``max_width`` cuts it with an ellipsis."""
    if max_width is not None and max_width > 0:
        s = elide(s, FONTS.get(size, bold), max_width)
    surf = render(s, size, color, bold)
    r = surf.get_rect(**{anchor: pos})
    surface.blit(surf, r)
    if _rect_trackers:
        _drew(r)
    return r


MAX_LINE = 1000  # characters drawn on one line at most: no window is wider


def drawable(s: str) -> str:
    """``s`` as it can be drawn: at most MAX_LINE characters, undrawable ones as escapes (never raises)."""
    if len(s) > MAX_LINE:
        s = s[:MAX_LINE]
    return safefile.printable(s, MAX_LINE, line=False) if safefile.bad_char(s) is not None else s


_ELIDE_CACHE: dict[tuple[str, int, int], str] = {}


def elide(s: str, font: pygame.font.Font, width: int) -> str:
    """``s`` cut with an ellipsis to fit ``width``: a binary search on the width (log n measures), cached."""
    key = (s, id(font), width)
    out = _ELIDE_CACHE.get(key)
    if out is None:
        out = _elide(s, font, width)
        if len(_ELIDE_CACHE) > 4000:
            _ELIDE_CACHE.clear()
        _ELIDE_CACHE[key] = out
    return out


def _elide(s: str, font: pygame.font.Font, width: int) -> str:
    s = drawable(s)
    if font.size(s)[0] <= width:
        return s
    lo, hi = 0, len(s)  # the longest prefix that fits with the ellipsis: lo fits, hi does not
    if font.size(s[:hi] + "…")[0] <= width:  # pragma: no cover - kerning quirk
        return s[:hi] + "…"
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if font.size(s[:mid] + "…")[0] <= width:
            lo = mid
        else:
            hi = mid
    return s[:lo] + "…"


_WRAP_CACHE: dict[tuple[str, int, int], list[str]] = {}
MAX_BLOCK = 20_000  # characters wrapped at most: more never fits on a screen


def wrap(s: str, font: pygame.font.Font, width: int) -> list[str]:
    """Greedy word wrap; keeps explicit line breaks (cached: a frame measures a text once)."""
    key = (s, id(font), width)
    out = _WRAP_CACHE.get(key)
    if out is None:
        out = _wrap(s[:MAX_BLOCK], font, width)
        if len(_WRAP_CACHE) > 2000:
            _WRAP_CACHE.clear()
        _WRAP_CACHE[key] = out
    return list(out)


def _wrap(s: str, font: pygame.font.Font, width: int) -> list[str]:
    out: list[str] = []
    for para in s.split("\n"):
        words = para.split()
        if not words:
            out.append("")
            continue
        line = words[0]
        for w in words[1:]:
            trial = f"{line} {w}"
            if font.size(trial)[0] <= width:
                line = trial
            else:
                out.append(line)
                line = w
        out.append(line)
    return out


def text_block(
    surface: pygame.Surface,
    s: str,
    rect: pygame.Rect,
    size: str | int = "normal",
    color: Color | None = None,
    bold: bool = False,
    max_lines: int | None = None,
) -> int:
    """Draw wrapped text into ``rect``; returns the height used. Lines past ``max_lines`` or
    the rectangle's foot are left out, the last line shown then ending with "…"."""
    font = FONTS.get(size, bold)
    lines = wrap(s, font, max(10, rect.w))
    lh = font.get_linesize()
    room = max(0, (rect.h + 2) // lh) if lh > 0 else len(lines)  # the lines that fit (2 pixels to spare)
    keep = min(room, max_lines) if max_lines is not None else room
    if len(lines) > keep:
        lines = lines[:keep]
        if lines:
            lines[-1] = elide(lines[-1] + " …", font, rect.w)
    y = rect.y
    for ln in lines:
        text(surface, ln, (rect.x, y), size, color, bold, max_width=rect.w)
        y += lh
    return y - rect.y


def block_height(s: str, width: int, size: str | int = "normal", bold: bool = False) -> int:
    font = FONTS.get(size, bold)
    return len(wrap(s, font, max(10, width))) * font.get_linesize()


# ---------------------------------------------------------------------------- shapes


def panel(surface: pygame.Surface, rect: pygame.Rect, colour: str = "panel", border: str | None = "panel_border",
          radius: int = 6) -> None:
    pygame.draw.rect(surface, THEME.c(colour), rect, border_radius=sc(radius))
    if _rect_trackers:
        _drew(rect)
    if border:
        pygame.draw.rect(surface, THEME.c(border), rect, width=1, border_radius=sc(radius))


def overlay(surface: pygame.Surface, alpha: int = 170) -> None:
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill((0, 0, 0, alpha))
    surface.blit(shade, (0, 0))


@dataclass
class Button:
    """A clickable, focusable button. ``reason`` explains why a disabled one is disabled."""

    key: str
    label: str
    rect: pygame.Rect
    enabled: bool = True
    hint: str = ""  # keyboard shortcut shown at the right
    reason: str | None = None
    selected: bool = False

    def draw(self, surface: pygame.Surface, hover: bool = False, focus: bool = False, size: str = "normal") -> None:
        if not self.enabled:
            bg = "button_disabled"
        elif self.selected:
            bg = "button_hover"
        else:
            bg = "button_hover" if hover else "button"
        pygame.draw.rect(surface, THEME.c(bg), self.rect, border_radius=sc(5))
        border = "focus" if (focus or self.selected) else "panel_border"
        pygame.draw.rect(surface, THEME.c(border), self.rect, width=2 if (focus or self.selected) else 1,
                         border_radius=sc(5))
        col = THEME.c("text") if self.enabled else THEME.c("button_text_disabled")
        pad = sc(10)
        hint = self.hint
        hint_w = FONTS.get("small").size(hint)[0] + pad if hint else 0
        room = self.rect.w - 2 * pad
        # the label whole if at all possible: a smaller size, then on two lines beside the key
        # hint, then without the hint
        if FONTS.get(size).size(self.label)[0] > room - hint_w:
            size = "small"
            if FONTS.get(size).size(self.label)[0] > room - hint_w and not self._two_lines(size, hint_w):
                if self._corner(surface, hint, col):
                    return  # the key hint in the top corner, the label under and beside it
                hint, hint_w = "", 0
        if hint:
            text(surface, hint, (self.rect.right - pad, self.rect.centery), "small",
                 THEME.c("muted"), anchor="midright")
        font = FONTS.get(size)
        lh = min(font.get_linesize(), (self.rect.h - 2) // 2)
        if font.size(self.label)[0] > room - hint_w and lh >= font.get_height() - 2:
            pad = sc(5)  # a tall button: the label on two lines, with less padding
            room = self.rect.w - 2 * pad
            lines = wrap(self.label, font, room - hint_w)
            if len(lines) > 1:
                y = self.rect.centery - lh
                for ln in (lines[0], " ".join(lines[1:])):
                    text(surface, ln, (self.rect.x + pad, y), size, col, max_width=room - hint_w)
                    y += lh
                return
            if lines and font.size(lines[0])[0] <= room - hint_w:  # one line, with less padding
                text(surface, lines[0], (self.rect.x + pad, self.rect.centery), size, col, anchor="midleft",
                     max_width=room - hint_w)
                return
        text(surface, self.label, (self.rect.x + pad, self.rect.centery), size, col, anchor="midleft",
             max_width=room - hint_w)


    def _corner(self, surface: pygame.Surface, hint: str, col: Color) -> bool:
        """A narrow button (a large UI scale): the key hint small in the top right corner, the label
        in the small font on one line left of it, or on two lines with only the first beside it.
        False (nothing drawn) when the label does not fit so."""
        if not hint:
            return False
        font = FONTS.get("small")
        pad = sc(5)
        room = self.rect.w - 2 * pad
        beside = room - font.size(hint)[0] - sc(4)
        lh = min(font.get_linesize(), (self.rect.h - 2) // 2)
        words = self.label.split()
        if font.size(self.label)[0] <= beside:
            lines = [self.label]
        else:
            k = max((i for i in range(1, len(words)) if font.size(" ".join(words[:i]))[0] <= beside), default=0)
            lines = [" ".join(words[:k]), " ".join(words[k:])]
            if not k or font.size(lines[1])[0] > room or lh < font.get_height() - 2:
                return False
        text(surface, hint, (self.rect.right - pad, self.rect.y + sc(2)), "small", THEME.c("muted"),
             anchor="topright")
        y = self.rect.centery - lh * len(lines) // 2
        for ln in lines:
            text(surface, ln, (self.rect.x + pad, y), "small", col)
            y += lh
        return True

    def _two_lines(self, size: str, hint_w: int) -> bool:
        """Whether the label fits whole on one or two lines, with the narrow padding of a tall
        button, beside a hint ``hint_w`` wide."""
        font = FONTS.get(size)
        if min(font.get_linesize(), (self.rect.h - 2) // 2) < font.get_height() - 2:
            return False
        room = self.rect.w - 2 * sc(5) - hint_w
        lines = wrap(self.label, font, room)
        return 0 < len(lines) <= 2 and all(font.size(ln)[0] <= room for ln in lines)


def button_at(buttons: list[Button], pos: tuple[int, int] | None) -> Button | None:
    if pos is None:
        return None
    for b in buttons:
        if b.rect.collidepoint(pos):
            return b
    return None


def vstack(x: int, y: int, w: int, h: int, n: int, gap: int) -> list[pygame.Rect]:
    return [pygame.Rect(x, y + i * (h + gap), w, h) for i in range(n)]


# ---------------------------------------------------------------------------- tooltips


def tooltip(surface: pygame.Surface, title: str, body: str, anchor: tuple[int, int],
            bounds: pygame.Rect | None = None, width: int = 340) -> pygame.Rect:
    """A tooltip box near ``anchor`` (kept inside ``bounds``): a bold title, wrapped lines."""
    bounds = bounds or surface.get_rect()
    w = min(sc(width), bounds.w - sc(8))
    inner_w = w - sc(20)
    title_h = block_height(title, inner_w, "small", True) if title else 0
    body_h = block_height(body, inner_w, "small") if body else 0
    h = title_h + body_h + sc(14) + (sc(4) if title and body else 0)
    r = pygame.Rect(anchor[0] + sc(16), anchor[1] + sc(16), w, h)
    if r.right > bounds.right:  # flip to the left of the pointer rather than cover it
        r.right = anchor[0] - sc(8)
    if r.bottom > bounds.bottom:
        r.bottom = anchor[1] - sc(8)
    r.clamp_ip(bounds)
    panel(surface, r, "panel", "accent")
    y = r.y + sc(7)
    if title:
        y += text_block(surface, title, pygame.Rect(r.x + sc(10), y, inner_w, title_h), "small", bold=True)
        y += sc(4)
    if body:
        text_block(surface, body, pygame.Rect(r.x + sc(10), y, inner_w, r.bottom - y), "small", THEME.c("text"))
    return r
