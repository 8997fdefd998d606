"""The end screen's VP chart (issue 16): factions with the same VP after a turn are drawn a few
pixels apart, so that each line shows; read from the pixels of the rendered chart; the key is
above the lines."""

from __future__ import annotations

import pygame
import pytest
from ui_driver import Driver, placing

from diplomacy_game.ui.panels.side import short_month
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.end import EndScene


def _chart(history: list[dict[str, int]]) -> tuple[pygame.Surface, EndScene]:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "ai:easy", "west": "ai:easy"}, seed=2)
    end = EndScene(d.app, gs)
    end.history = history
    end.layout()
    surface = d.app.screen
    surface.fill((0, 0, 0))
    end._draw_chart(surface)
    return surface, end


def _colours_in_column(surface: pygame.Surface, x: int, y0: int, y1: int) -> set[tuple[int, int, int]]:
    return {tuple(surface.get_at((x, y)))[:3] for y in range(y0, y1)}  # type: ignore[misc]


def test_equal_vp_lines_are_both_visible() -> None:
    # Russia and Iran tie all game; the West is apart
    hist = [{"russia": 2, "iran": 2, "west": 6}, {"russia": 5, "iran": 5, "west": 9},
            {"russia": 9, "iran": 9, "west": 4}]
    surface, end = _chart(hist)
    r = end.chart
    colour = {f: tuple(end.colours[f])[:3] for f in ("russia", "iran", "west")}
    n = len(hist)
    for i in range(n - 1):  # the middle of each segment, away from the dots
        x = r.x + (r.w * i // (n - 1) + r.w * (i + 1) // (n - 1)) // 2
        seen = _colours_in_column(surface, x, r.y - 10, r.bottom + 10)
        assert colour["russia"] in seen and colour["iran"] in seen, (i, seen)
        assert colour["west"] in seen


def test_a_line_alone_is_drawn_at_its_value() -> None:
    hist = [{"russia": 0, "iran": 3, "west": 6}, {"russia": 0, "iran": 3, "west": 6}]
    surface, end = _chart(hist)
    r = end.chart
    x = r.x + r.w // 2
    top = max(1, 6)
    step = 2  # the chart's grid for a top of 6 (5 steps cover it)
    span = -(-top // step) * step
    for f, v in (("russia", 0), ("iran", 3), ("west", 6)):
        y = r.bottom - int(v * r.h / span)
        near = _colours_in_column(surface, x, y - 2, y + 3)
        assert tuple(end.colours[f])[:3] in near, f


def test_the_key_is_above_the_lines() -> None:
    """The key (each faction's name and colour) is drawn in a row above the chart, beside its
    title, never over the lines (at 100 % it lay over the top right of the plot)."""
    hist = [{"russia": 40 + i, "iran": 10, "west": 5 * i} for i in range(9)]  # lines up at the top right
    with placing() as placed:
        _surface, end = _chart(hist)
    title = next(r for s, r in placed if s == "Victory points after each turn")
    for f in ("russia", "iran", "west"):
        name = end.scn.faction(f).name
        r = next(r for s, r in placed if s == name)
        assert r.bottom <= end.chart.y and not r.colliderect(title), (name, r, end.chart)


@pytest.mark.parametrize("scale", [100, 150])
def test_the_month_labels_stay_inside_the_chart(scale: int) -> None:
    """The first and last months under the chart lie inside its frame (at 150 % they stuck out)."""
    d = Driver()
    d.app.settings.ui_scale = scale
    d.app.apply_settings()
    gs = d.start_game({"russia": "ai:easy", "iran": "ai:easy", "west": "ai:easy"}, seed=2)
    end = EndScene(d.app, gs)
    end.history = [{"russia": i, "iran": 2 * i, "west": 3} for i in range(len(gs.scn.months))]
    end.layout()
    with placing() as placed:
        end._draw_chart(d.app.screen)
    frame = end.chart.inflate(kit.sc(60), kit.sc(50))
    months = {short_month(m) for m in gs.scn.months}
    labels = [r for s, r in placed if s in months]
    assert len(labels) == len(gs.scn.months)
    assert all(frame.contains(r) for r in labels), (scale, frame, labels)
