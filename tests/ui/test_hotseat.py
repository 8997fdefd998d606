"""A whole hot-seat match of the short scenario, played with synthetic input to its end screen.

Russia and Iran are human, the West a computer. Every frame's drawn strings are recorded:
whoever sits at the screen (the acting human after the hand-off, nobody during the hand-off
or a computer's turn) must never see a card in another seat's hand, and the hand-off screen
shows no card at all.
"""

from __future__ import annotations

import random

import pygame
from ui_driver import NOTICES, Driver, click, digit, key, letter

from diplomacy_game.engine import PendingChoice
from diplomacy_game.engine.actions import ChooseTarget, PlaceInfluence, PlayCard
from diplomacy_game.ui.scenes.catchup import CatchUpScene
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog
from diplomacy_game.ui.scenes.end import EndScene
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.handoff import MIN_SHOWN, HandoffScene
from diplomacy_game.ui.scenes.newgame import NewGameScene


def _public_text(gs: GameScene) -> str:
    """Everything a spectator may read: the public log and the scenario's calendar."""
    parts = [e.text for e in gs.game.view(None).log]
    parts += [f"{ev.title} {ev.text}" for ev in gs.scn.events]
    return "\n".join(parts)


def _check_secrecy(gs: GameScene, top: object, texts: list[str], stats: dict[str, int]) -> None:
    owner = None if isinstance(top, HandoffScene) else gs.viewer
    if isinstance(top, HandoffScene):
        stats["handoff_frames"] += 1
        assert any(t.startswith("Pass to ") for t in texts)
    public = _public_text(gs)
    joined = "\n".join(texts)
    for seat, hand in gs.game.state.hands.items():  # the test may look at the whole state
        if seat == owner:
            continue
        for cid in hand:
            title = gs.scn.cards[cid].title
            if title in public:
                continue  # told to everyone earlier (played, shuffled back, drawn again)
            assert title not in joined, f"{title!r} of {seat}'s hand drawn while {owner} sits at the screen"
            stats["checked"] += 1
    # the log panel shows only what the seat at the screen may see
    for e in gs.view.log:
        assert e.visible(owner), e.text


def test_hotseat_match_to_the_end_screen() -> None:
    rng = random.Random(7)
    d = Driver(size=(1280, 720), speed="instant")
    d.step([digit(1)])  # title → new game
    ng = d.top
    assert isinstance(ng, NewGameScene)
    short = next(i for i, b in enumerate(ng.widgets) if b.label == "Ashgabat to Kazan")
    d.step([click(ng.widgets[short].rect.center)])
    seat_iran = next(b for b in ng.widgets if b.key == "seat:iran")
    while ng.seats["iran"] != "human":  # human → computer easy → normal → hard → human
        d.step([click(seat_iran.rect.center)])
    assert ng.seats == {"russia": "human", "iran": "human", "west": "ai:normal"}
    ng.focus = next(i for i, b in enumerate(ng.widgets) if b.key == "seed")
    d.step([key(pygame.K_BACKSPACE)] * 10 + [digit(1), digit(1)])
    d.step([key(pygame.K_RETURN)])  # start
    gs = d.game()
    assert gs is not None and gs.seed == 11
    stats = {"handoff_frames": 0, "checked": 0, "human_actions": 0, "clicks": 0, "catchups": 0}
    seats_seen: set[str] = set()
    texts = d.step()
    for _ in range(6000):
        top = d.top
        _check_secrecy(gs, top, texts, stats)
        if isinstance(top, EndScene):
            break
        events: list[pygame.event.Event] = []
        if isinstance(top, HandoffScene):
            # Space only after the screen has stood a moment (a held key must not pass it)
            events = [key(pygame.K_SPACE, " ")] if top.age >= MIN_SHOWN else []
        elif isinstance(top, CatchUpScene):
            # "since your last turn": step through some, then continue
            stats["catchups"] += 1
            events = [key(pygame.K_RIGHT)] if rng.random() < 0.6 else [key(pygame.K_RETURN)]
        elif isinstance(top, NOTICES):
            events = [key(pygame.K_RETURN)]
        elif isinstance(top, ChoiceDialog):
            n = len(top.buttons)
            events = [digit(rng.randint(1, n))] if n else []
            stats["human_actions"] += 1
        elif isinstance(top, GameScene):
            kind = gs.pending_kind
            if gs.seat is not None:
                seats_seen.add(gs.seat)
            if kind == "play":
                hand = list(gs.view.hand)
                i = rng.randrange(len(hand))
                mode = "e" if PlayCard(hand[i], "event") in gs.legal and rng.random() < 0.5 else "o"
                events = [digit(i + 1), letter(mode)]
                stats["human_actions"] += 1
            elif kind == "ops":
                places = [a for a in gs.legal if isinstance(a, PlaceInfluence)]
                pts = [(a, d.region_point(gs, a.region)) for a in places]
                pts = [(a, p) for a, p in pts if p is not None]
                if pts and rng.random() < 0.8:
                    _a, p = rng.choice(pts)
                    events = [click(p)]
                    stats["clicks"] += 1
                else:
                    events = [letter("d")]
                stats["human_actions"] += 1
            elif kind == "target":
                if any(isinstance(a, ChooseTarget) for a in gs.legal):
                    events = [key(pygame.K_TAB), key(pygame.K_RETURN)]
                stats["human_actions"] += 1
        texts = d.step(events, dt=0.05)
    else:
        raise AssertionError("the match did not reach the end screen")
    assert isinstance(d.top, EndScene)
    assert gs.game.is_over()
    assert seats_seen == {"russia", "iran"}
    assert stats["handoff_frames"] > 0 and stats["checked"] > 0 and stats["clicks"] > 0
    assert stats["human_actions"] > 20
    assert stats["catchups"] > 0
    # every move was made by the seat the engine asked for
    assert {m[0] for m in gs.game.state.moves} == {"russia", "iran", "west"}
    texts = d.step()
    assert "Victory points after each turn" in texts


def test_no_handoff_with_a_single_human() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=4)
    for _ in range(300):
        assert not isinstance(d.top, HandoffScene)
        if isinstance(d.top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(d.top, ChoiceDialog):
            d.step([digit(1)])
        else:
            d.plain_move(gs)
        if gs.game.is_over():
            break
    # the sole human's own view is shown throughout, never another seat's
    assert gs.viewer == "russia"


def test_secret_choice_is_taken_behind_the_handoff() -> None:
    """Kazan: Russia and Iran each pick in secret; the second never sees the first's pick."""
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "human", "west": "ai"}, seed=11)
    saw_secret = False
    for _ in range(400):
        top = d.top
        if isinstance(top, HandoffScene):
            d.step(dt=0.5)
            d.step([key(pygame.K_SPACE, " ")])
            continue
        if isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
            continue
        if isinstance(top, ChoiceDialog):
            p = gs.view.pending
            if isinstance(p, PendingChoice) and p.secret:
                saw_secret = True
                assert all(f == gs.seat for f, _o in p.picks)  # the view holds who chose, never what
                other = "iran" if gs.seat == "russia" else "russia"
                if other in p.chosen:
                    pick = gs.game.state.pending.pick_of(other)
                    label = next(o.label for o in top.options if o.id == pick) if top.options else ""
                    texts = d.step()
                    # the other's choice is never named as theirs (only its own options are listed)
                    assert not any(other.title() in t and label in t for t in texts)
            d.step([digit(1)])
            continue
        if gs.pending_kind is None and not gs.game.is_over():
            d.step(dt=1.0)
            if saw_secret:
                break
            continue
        break
    assert saw_secret


def test_handoff_ignores_a_held_key() -> None:
    d = Driver()
    d.start_game({"russia": "human", "iran": "human", "west": "ai"}, seed=2)
    assert isinstance(d.top, HandoffScene)
    for _ in range(20):  # a key held down: repeats every 40 ms
        d.step([key(pygame.K_SPACE, " ")], dt=0.04)
        assert isinstance(d.top, HandoffScene)
    d.step(dt=0.5)  # let go, look, press
    d.step([key(pygame.K_SPACE, " ")])
    assert not isinstance(d.top, HandoffScene)


def test_slow_computer_seats_think_off_the_main_thread() -> None:
    import time

    d = Driver()
    gs = d.start_game({"russia": "ai:hard", "iran": "ai:hard", "west": "ai:hard"}, seed=6)
    threaded = 0
    for _ in range(40):
        t = time.perf_counter()
        d.app.process([], 0.0)  # one frame, without waiting for the computer
        frame = time.perf_counter() - t
        job = gs.ai_job
        if job is not None and job.thread is not None:
            threaded += 1
            assert frame < 1.0  # the frame did not wait for the decision
            job.thread.join(timeout=60)
    assert threaded > 0
    assert len(gs.game.state.moves) > 0
    assert gs.levels == {"russia": "hard", "iran": "hard", "west": "hard"}


def test_each_seat_starts_its_turn_at_the_whole_map() -> None:
    # the camera is no tell: where the last seat zoomed is not where the next one starts
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "human", "west": "ai"}, seed=2)
    d.step(dt=0.5)
    d.step([key(pygame.K_SPACE, " ")])
    assert not isinstance(d.top, HandoffScene)
    d.step()
    mid = gs.L.map.center
    assert gs.map_panel.zoom(2, mid)
    d.step()
    assert gs.map_panel.zoomed
    seat = gs.game.to_act()[0]
    gs.accept_handoff(seat)  # what the hand-off screen calls when the next seat is ready
    assert not gs.map_panel.zoomed
