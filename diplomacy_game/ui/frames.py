"""Frames that draw only what changed (the real loop's game screen; issue 15, "frames").

The game screen is four panels that cover the window (the map, the header, the side panels,
the hand) and the overlays drawn over them (the region tooltip, the card detail, the hints).
:class:`FrameCache` keeps the panels in a back buffer, each with the key of what it showed:
a frame redraws a panel only when its key changed, puts the back buffer back where an
overlay was, draws the overlays again, and returns the rectangles that changed for
``pygame.display.update``. A frame in which no key changed draws nothing and presents
nothing.

A key holds everything its panel reads. Objects are held by identity (:class:`Held`, which
keeps them alive, so that a later object at the same address is never taken for them); the
view, the game and its state are replaced, not edited, when the game moves on
(``Match.refresh``), so the same objects mean the same picture. Panels are drawn clipped to
their rectangles, in the order of a full frame, over the background colour: a frame built
piece by piece is the frame ``GameScene.draw`` draws whole, pixel for pixel (tested in
``tests/ui/test_frames.py``).

The map panel gives its own key (``MapPanel.frame_key``; a renderer with a view state of its
own, a zoom or a pan, adds it through a ``view_key()`` method).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from .panels import hand as hand_panel
from .panels import side
from .scenes import kit

if TYPE_CHECKING:
    from .screen import GameScreen


class Held:
    """An object compared by identity in a frame key (and kept alive by it)."""

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Held) and other.obj is self.obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __repr__(self) -> str:
        return f"Held({type(self.obj).__name__})"


Key = tuple[object, ...]


def _rect(r: pygame.Rect) -> tuple[int, int, int, int]:
    return (r.x, r.y, r.w, r.h)


def state_key(gs: GameScreen) -> Key:
    """What every panel reads besides the pointer: the match's state, the view drawn, the seat,
    the interaction state of the screen and the layout."""
    m, L = gs.match, gs.L
    viewer = gs.viewer
    return (
        tuple(Held(x) for x in m.state_key()[:-1]), m.state_key()[-1], Held(gs.view), Held(gs.legal),
        gs.seat, viewer, gs.acting(), tuple(gs.humans), tuple(sorted(m.levels.items())),
        m.log_marks.get(viewer) if viewer is not None else None,
        gs.message, gs.message_error, gs.sel_card, gs.armed, gs.cursor, gs.log_scroll, gs.input,
        m.can_undo(), m.can_redo(), gs.pending_kind,
        tuple(_rect(r) for r in (L.top, L.map, L.hand, L.status, L.right, L.factions, L.tracks, L.calendar, L.log)),
        tuple((c, _rect(r)) for c, r in L.cards.items()),
        tuple((b.key, b.label, _rect(b.rect), b.enabled, b.hint, b.reason, b.selected) for b in L.buttons),
        tuple(sorted(gs.colours.items())), kit.FONTS.scale, Held(gs.map_panel.renderer),
    )


class FrameCache:
    """The game screen's panels in a back buffer, and where its overlays were drawn."""

    def __init__(self) -> None:
        self.base: pygame.Surface | None = None
        self.target: pygame.Surface | None = None
        self.keys: dict[str, Key] = {}
        self.overlay_key: Key | None = None
        self.overlay_rects: list[pygame.Rect] = []
        self.full_draws = -1  # the app's count of whole frames when this cache last drew
        self.frames = 0  # frames that drew something
        self.skipped = 0  # frames with nothing to draw

    def invalidate(self) -> None:
        """Forget what was drawn: the next frame draws everything (something else drew on the window)."""
        self.target = None
        self.keys = {}
        self.overlay_key = None

    def panels(self, gs: GameScreen) -> list[tuple[str, pygame.Rect, Key, Callable[[pygame.Surface], None]]]:
        """Each panel in the order a full frame draws it: its name, rectangle, key and drawing."""
        L, mouse = gs.L, gs.app.mouse
        common = state_key(gs)
        hovered = next((b.key for b in L.buttons if b.rect.collidepoint(mouse)), None)
        return [
            ("map", L.map, (common, gs.map_panel.frame_key(gs)), lambda s: gs.map_panel.draw(s, gs)),
            ("top", L.top, common, lambda s: side.draw_top(s, gs)),
            ("side", L.right, common, lambda s: side.draw_side(s, gs)),
            ("hand", L.hand, (common, gs.hover_card, hovered), lambda s: hand_panel.draw_hand(s, gs)),
        ]

    def draw(self, surface: pygame.Surface, gs: GameScreen,
             overlays: Callable[[pygame.Surface], None]) -> list[pygame.Rect] | None:
        """Draw what changed on ``surface``: the rectangles that changed ([] for none), or None
        when the whole window was drawn."""
        panels = self.panels(gs)
        okey = (tuple(k for _n, _r, k, _d in panels), gs.app.mouse, gs.hover_card, gs.hover_region, gs.on_top())
        size = surface.get_size()
        whole = (self.target is not surface or self.base is None or self.base.get_size() != size
                 or gs.app.full_draws != self.full_draws)
        if not whole and okey == self.overlay_key:
            self.skipped += 1
            return []
        if self.base is None or self.base.get_size() != size:
            self.base = pygame.Surface(size, 0, surface)
        base = self.base
        bg = kit.THEME.c("background")
        if whole:
            base.fill(bg)
        changed: list[pygame.Rect] = []
        for name, rect, key, paint in panels:
            if not whole and self.keys.get(name) == key:
                continue
            r = rect.clip(base.get_rect())
            if not whole:
                base.fill(bg, r)
            base.set_clip(r)
            try:
                paint(base)
            finally:
                base.set_clip(None)
            self.keys[name] = key
            changed.append(r)
        if whole:
            surface.blit(base, (0, 0))
        else:
            for r in changed + self.overlay_rects:
                surface.blit(base, r, r)
        drawn: list[pygame.Rect] = []
        kit.track_rects(drawn)
        try:
            overlays(surface)
        finally:
            kit.untrack_rects(drawn)
        bounds = surface.get_rect()
        drawn = [r.clip(bounds) for r in drawn]
        drawn = [r for r in drawn if r.w > 0 and r.h > 0]
        out = changed + self.overlay_rects + drawn
        self.overlay_rects = drawn
        self.overlay_key = okey
        self.target = surface
        self.full_draws = gs.app.full_draws
        self.frames += 1
        return None if whole else merge(out)


def merge(rects: list[pygame.Rect]) -> list[pygame.Rect]:
    """The rectangles without those inside another (fewer, same area covered)."""
    out: list[pygame.Rect] = []
    for r in sorted(rects, key=lambda r: -r.w * r.h):
        if r.w > 0 and r.h > 0 and not any(o.contains(r) for o in out):
            out.append(r)
    return out
