"""Raw pygame events → intents: what the player means, independent of the device.

Scenes handle intents only, so every mouse action has a keyboard equivalent and tests can
drive the game with synthetic events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pygame

# Intent kinds
CLICK = "click"  # left click at pos
RCLICK = "rclick"  # right click at pos (cancel)
MOVE = "move"  # pointer moved to pos
DRAG = "drag"  # pointer moved to pos with the left button held (after MOVE); value: (dx, dy)
RELEASE = "release"  # left button released at pos
WHEEL = "wheel"  # value: +1 up / -1 down
CONFIRM = "confirm"  # Enter
CANCEL = "cancel"  # Escape
SPACE = "space"  # Space
NEXT = "next"  # Tab / Right
PREV = "prev"  # Shift+Tab / Left
UP = "up"
DOWN = "down"
LEFT = "left"
RIGHT = "right"
DIGIT = "digit"  # value: 1..9 (0 = 10)
LETTER = "letter"  # value: a lower-case letter (shortcuts)
HELP = "help"  # F1 or ?
FULLSCREEN = "fullscreen"  # F11
RELOAD = "reload"  # F5: reload the scenario from disk (for authors)
BACKSPACE = "backspace"
RESIZE = "resize"  # value: (w, h)
QUIT = "quit"  # the window's close button
UNDO = "undo"  # Ctrl+Z
REDO = "redo"  # Ctrl+Y or Ctrl+Shift+Z
SAVE = "save"  # Ctrl+S
ZOOM = "zoom"  # + / - (value: +1 in, -1 out; 0: the whole map again, Home)
PAN = "pan"  # Shift+arrow keys: value (dx, dy), each -1, 0 or +1


@dataclass(frozen=True)
class Intent:
    kind: str
    pos: tuple[int, int] | None = None
    value: Any = None


_KEYS: dict[int, str] = {
    pygame.K_RETURN: CONFIRM,
    pygame.K_KP_ENTER: CONFIRM,
    pygame.K_ESCAPE: CANCEL,
    pygame.K_SPACE: SPACE,
    pygame.K_UP: UP,
    pygame.K_DOWN: DOWN,
    pygame.K_LEFT: LEFT,
    pygame.K_RIGHT: RIGHT,
    pygame.K_F1: HELP,
    pygame.K_F11: FULLSCREEN,
    pygame.K_F5: RELOAD,
    pygame.K_BACKSPACE: BACKSPACE,
}

_ZOOM: dict[int, int] = {
    pygame.K_PLUS: 1, pygame.K_EQUALS: 1, pygame.K_KP_PLUS: 1,
    pygame.K_MINUS: -1, pygame.K_KP_MINUS: -1,
    pygame.K_HOME: 0,
}
_PAN: dict[int, tuple[int, int]] = {
    pygame.K_LEFT: (-1, 0), pygame.K_RIGHT: (1, 0), pygame.K_UP: (0, -1), pygame.K_DOWN: (0, 1),
}

_DIGITS: dict[int, int] = {getattr(pygame, f"K_{i}"): i for i in range(10)}
_DIGITS.update({getattr(pygame, f"K_KP{i}"): i for i in range(10)})


def translate(event: pygame.event.Event) -> list[Intent]:
    """The intents one pygame event stands for (often none)."""
    t = event.type
    if t == pygame.QUIT:
        return [Intent(QUIT)]
    if t in (pygame.VIDEORESIZE, pygame.WINDOWRESIZED, pygame.WINDOWSIZECHANGED):
        w: Any = getattr(event, "w", None) or getattr(event, "x", 0) or 0
        h: Any = getattr(event, "h", None) or getattr(event, "y", 0) or 0
        return [Intent(RESIZE, value=(int(w), int(h)))]
    if t == pygame.MOUSEMOTION:
        held = getattr(event, "buttons", (0, 0, 0))
        if held and held[0]:
            return [Intent(MOVE, pos=tuple(event.pos)), Intent(DRAG, pos=tuple(event.pos),
                                                              value=tuple(getattr(event, "rel", (0, 0))))]
        return [Intent(MOVE, pos=tuple(event.pos))]
    if t == pygame.MOUSEBUTTONUP:
        return [Intent(RELEASE, pos=tuple(event.pos))] if getattr(event, "button", 1) == 1 else []
    if t == pygame.MOUSEBUTTONDOWN:
        button = getattr(event, "button", 1)
        if button == 1:
            return [Intent(CLICK, pos=tuple(event.pos))]
        if button == 3:
            return [Intent(RCLICK, pos=tuple(event.pos))]
        return []
    if t == pygame.MOUSEWHEEL:
        y = getattr(event, "y", 0)
        return [Intent(WHEEL, value=1 if y > 0 else -1)] if y else []
    if t == pygame.KEYDOWN:
        key = event.key
        mod = getattr(event, "mod", 0)
        uni = getattr(event, "unicode", "") or ""
        if key == pygame.K_TAB:
            return [Intent(PREV if mod & pygame.KMOD_SHIFT else NEXT)]
        if uni == "?" or (key == pygame.K_SLASH and mod & pygame.KMOD_SHIFT):
            return [Intent(HELP)]
        if mod & pygame.KMOD_CTRL and key == pygame.K_z:
            return [Intent(REDO if mod & pygame.KMOD_SHIFT else UNDO)]
        if mod & pygame.KMOD_CTRL and key == pygame.K_y:
            return [Intent(REDO)]
        if mod & pygame.KMOD_CTRL and key == pygame.K_s:
            return [Intent(SAVE)]
        if mod & pygame.KMOD_SHIFT and key in _PAN:
            return [Intent(PAN, value=_PAN[key])]
        if key in _ZOOM or uni in ("+", "-"):
            return [Intent(ZOOM, value=_ZOOM.get(key, 1 if uni == "+" else -1))]
        if key in _KEYS:
            return [Intent(_KEYS[key])]
        if key in _DIGITS:
            return [Intent(DIGIT, value=_DIGITS[key])]
        if pygame.K_a <= key <= pygame.K_z and not mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT):
            return [Intent(LETTER, value=chr(key))]
    return []
