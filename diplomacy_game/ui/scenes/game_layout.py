"""Where the game screen's parts go: the header, the map, the hand with its status line and
buttons, and the right panel (factions, tracks, calendar, log)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from ..modes import ButtonSpec
from ..panels import hand as hand_panel
from ..panels import side
from . import kit

if TYPE_CHECKING:
    from ..screen import GameScreen


@dataclass
class Layout:
    top: pygame.Rect = field(default_factory=pygame.Rect)
    map: pygame.Rect = field(default_factory=pygame.Rect)
    hand: pygame.Rect = field(default_factory=pygame.Rect)
    status: pygame.Rect = field(default_factory=pygame.Rect)
    right: pygame.Rect = field(default_factory=pygame.Rect)
    factions: pygame.Rect = field(default_factory=pygame.Rect)
    tracks: pygame.Rect = field(default_factory=pygame.Rect)
    calendar: pygame.Rect = field(default_factory=pygame.Rect)
    log: pygame.Rect = field(default_factory=pygame.Rect)
    cards: dict[str, pygame.Rect] = field(default_factory=dict)
    buttons: list[kit.Button] = field(default_factory=list)
    compact: bool = False  # the factions on two lines each (short of room: ``side.layout_side``)


def lay_out(gs: GameScreen, size: tuple[int, int], specs: list[ButtonSpec]) -> Layout:
    """The screen's rectangles for a window of ``size``, with the buttons ``specs`` in the hand."""
    w, h = size
    L = Layout()
    top_h = kit.sc(38)
    right_w = max(kit.sc(300), min(kit.sc(420), int(w * 0.27)))
    right_w = min(right_w, int(w * 0.42))
    hand_h = max(kit.sc(200), min(kit.sc(240), int(h * 0.3)))
    hand_h = min(hand_h, int(h * 0.45))
    L.top = pygame.Rect(0, 0, w, top_h)
    L.right = pygame.Rect(w - right_w, top_h, right_w, h - top_h)
    L.map = pygame.Rect(0, top_h, w - right_w, h - top_h - hand_h)
    L.hand = pygame.Rect(0, h - hand_h, w - right_w, hand_h)
    L.status = pygame.Rect(L.hand.x, L.hand.y, L.hand.w, kit.sc(30))
    upcoming, ruled_out = gs.match.calendar()
    # its rows: the events to come, else "No more scheduled events." (not after the end), and the ruled-out line
    rows = (len(upcoming) or (0 if gs.view.outcome is not None else 1)) + (1 if ruled_out else 0)
    sl = side.layout_side(gs.scn, L.right, rows)
    L.factions, L.tracks, L.calendar, L.log = sl.factions, sl.tracks, sl.calendar, sl.log
    L.compact = sl.compact
    # hand: cards at the left, action buttons at the right
    pad = kit.sc(8)
    bw = min(kit.sc(260), L.hand.w * 3 // 10)
    area = pygame.Rect(L.hand.x + pad, L.status.bottom + pad, L.hand.w - bw - 3 * pad,
                       L.hand.bottom - L.status.bottom - 2 * pad)
    L.cards = hand_panel.layout_cards(gs.view.hand, area, gs.sel_card)
    col = pygame.Rect(L.hand.right - bw - pad, L.status.bottom + pad, bw, area.h)
    L.buttons = hand_panel.layout_buttons(specs, col, gs.armed is not None)
    return L
