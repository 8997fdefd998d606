"""Colour arithmetic for the whole front end: parsing, mixing and contrast (WCAG 2).

The map's palette (``palette.py``: scenario-derived faction colours, the colour-blind set, hatch
patterns) and the widget theme (``scenes/kit.py``: ``theme.json``'s colours) both build on these
functions; neither defines its own.
"""

from __future__ import annotations

Color = tuple[int, int, int]
ColorA = tuple[int, int, int] | tuple[int, int, int, int]  # a theme colour may carry alpha

GREY: Color = (128, 128, 128)


def parse_hex(text: str) -> ColorA:
    """``#rrggbb`` or ``#rrggbbaa`` (the ``#`` optional); ValueError when it is neither."""
    t = text.lstrip("#")
    if len(t) not in (6, 8):
        raise ValueError(f"not a hex colour: {text!r}")
    parts = tuple(int(t[i:i + 2], 16) for i in range(0, len(t), 2))
    if len(parts) == 4:
        return parts[0], parts[1], parts[2], parts[3]
    return parts[0], parts[1], parts[2]


def rgb(text: str, default: Color = GREY) -> Color:
    """The RGB part of a hex colour, or ``default`` when the text is not one."""
    try:
        c = parse_hex(text)
    except ValueError:
        return default
    return c[0], c[1], c[2]


def mix(a: Color, b: Color, t: float) -> Color:
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def luminance(c: ColorA) -> float:
    """Relative luminance (WCAG 2) of an RGB colour."""

    def ch(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])


def contrast(a: ColorA, b: ColorA) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def readable_on(bg: ColorA) -> Color:
    """Black or white, whichever reads better on ``bg``."""
    dark, light = (0, 0, 0), (255, 255, 255)
    return dark if contrast(dark, bg) >= contrast(light, bg) else light
