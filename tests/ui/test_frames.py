"""The real loop's frames draw only what changed (ui/frames.py), and what they show is the frame
drawn whole, pixel for pixel; a frame with nothing changed draws nothing; the calendar's outlook
is worked out once per state; every computer level decides on a worker thread."""

from __future__ import annotations

import random

import pygame
import pytest
from ui_driver import Driver, click, digit, key, letter, move

from diplomacy_game.ui import match as match_mod
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.game import GameScene


def whole_frame(d: Driver) -> pygame.Surface:
    """The frame ``App.draw`` draws whole, on a surface of its own (the app's cache not told)."""
    app = d.app
    full = pygame.Surface(app.screen.get_size(), 0, app.screen)
    n = app.full_draws
    app.draw(full)
    app.full_draws = n
    return full


def differ(a: pygame.Surface, b: pygame.Surface) -> pygame.Rect | None:
    """The box around the pixels where ``a`` and ``b`` differ (None: the same picture)."""
    if pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB"):
        return None
    w, h = a.get_size()
    pts = [(x, y) for y in range(h) for x in range(w) if a.get_at((x, y)) != b.get_at((x, y))]
    if not pts:
        return pygame.Rect(0, 0, 1, 1)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return pygame.Rect(min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1)


def events_for(d: Driver, gs: GameScene, rng: random.Random) -> list[pygame.event.Event]:
    """A person's next input: the pointer over the map, a card, a button or a side panel, a click
    on one of them, a key; dialogs answered."""
    if d.top is not gs:
        return [digit(1), key(pygame.K_RETURN), key(pygame.K_SPACE)]
    L = gs.L
    roll = rng.random()
    if roll < 0.45:
        area = rng.choice([L.map, L.map, L.hand, L.right, L.top])
        return [move((rng.randrange(area.x, area.right), rng.randrange(area.y, area.bottom)))]
    if roll < 0.6 and L.cards:
        return [click(rng.choice(list(L.cards.values())).center)]
    if roll < 0.75 and L.buttons:
        return [click(rng.choice(L.buttons).rect.center)]
    if roll < 0.85:
        return [click((rng.randrange(L.map.x, L.map.right), rng.randrange(L.map.y, L.map.bottom)))]
    return [rng.choice([digit(1), digit(2), letter("o"), letter("e"), letter("i"), letter("p"), letter("d"),
                        key(pygame.K_RETURN), key(pygame.K_TAB), key(pygame.K_SPACE), key(pygame.K_UP)])]


@pytest.mark.parametrize(("seats", "seed"), [
    ({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, 3),
    ({"russia": "ai:random", "iran": "human", "west": "human"}, 8),  # hot seat: hand-offs between
])
def test_frames_built_from_what_changed_are_the_whole_frame_pixel_for_pixel(seats: dict[str, str], seed: int) -> None:
    d = Driver()
    gs = d.start_game(seats, seed=seed)
    d.app.incremental = True  # as in the real loop
    rng = random.Random(seed)
    partial = 0
    for i in range(260):
        d.step(events_for(d, gs, rng) if i % 3 else [])
        if d.app.dirty is not None:
            partial += 1
        bad = differ(d.app.screen, whole_frame(d))
        assert bad is None, f"frame {i}: the frame built from its changes differs from the whole frame in {bad}"
        if gs.ended:
            break
    assert partial > 50  # most frames were built from their changes, not drawn whole


def test_a_frame_with_nothing_changed_draws_nothing_and_a_hover_only_its_rectangles() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=3)
    for _ in range(200):  # to Russia's own decision, dialogs answered
        if d.top is gs and gs.seat == "russia":
            break
        d.step([digit(1), key(pygame.K_RETURN)] if d.top is not gs else [])
    assert d.top is gs and gs.seat == "russia"
    d.app.incremental = True
    d.step()
    d.step()
    assert d.app.dirty == []  # nothing changed: nothing drawn, nothing to present
    assert d.step() == []  # not a string drawn either
    card = next(iter(gs.L.cards.values()))
    d.step([move(card.center)])
    assert d.app.dirty, "hovering a card draws its change"
    area = sum(r.w * r.h for r in d.app.dirty)
    w, h = d.app.screen.get_size()
    assert area < w * h // 2  # the hand and the card's detail, not the whole window
    d.step()
    assert d.app.dirty == []


def test_the_calendar_is_worked_out_once_per_state(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=3)
    calls: list[str] = []
    real = match_mod.event_can_fire

    def counting(scn, st, eid):  # type: ignore[no-untyped-def]
        calls.append(eid)
        return real(scn, st, eid)

    monkeypatch.setattr(match_mod, "event_can_fire", counting)
    first = gs.match.calendar()
    n = len(calls)
    for _ in range(3):
        assert gs.match.calendar() == first
    assert len(calls) == n  # the same state: asked once
    game = gs.game
    seat = game.to_act()[0]
    game.apply(game.legal_actions(seat)[0], seat)  # the state moves on: asked again
    gs.match.calendar()
    assert len(calls) > n


def test_every_computer_level_decides_on_a_worker_thread() -> None:
    for level in ("random", "easy", "normal", "hard"):
        assert level in match_mod.SLOW_LEVELS
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=3)
    m = gs.match
    seat = m.acting()
    assert seat is not None
    if seat in m.humans:  # Iran first: let it act so that a computer seat is next
        return
    job = m._start_ai(seat)
    assert len(job.legal) <= 1 or job.thread is not None


def test_overlays_report_where_they_drew() -> None:
    surf = pygame.Surface((200, 100))
    rects: list[pygame.Rect] = []
    kit.track_rects(rects)
    try:
        kit.panel(surf, pygame.Rect(10, 10, 50, 20))
        kit.text(surf, "hello", (5, 60), "small")
    finally:
        kit.untrack_rects(rects)
    kit.panel(surf, pygame.Rect(0, 0, 5, 5))  # no tracker: not recorded
    assert rects[0] == pygame.Rect(10, 10, 50, 20) and rects[1].topleft == (5, 60) and len(rects) == 2


def test_the_idle_wait_returns_what_came_and_nothing_after_its_timeout() -> None:
    from diplomacy_game.ui.app import wait_events

    Driver()  # a window
    pygame.event.clear()
    assert wait_events(10) == []
    pygame.event.post(pygame.event.Event(pygame.USEREVENT, {"n": 7}))
    got = wait_events(1000)
    assert [e.type for e in got] == [pygame.USEREVENT] and got[0].n == 7
