"""The hand is readable at 150 % UI scale in a 1280×720 window with six cards: no card lies over
another, every card is inside the window, and every card's operations value is drawn where it is
seen; at 100 % the hand keeps its one row; at 100 % and 150 %, in 1280×720 and 1600×900, every
card's owner is drawn whole (shortened when need be)."""

from __future__ import annotations

import itertools

import pygame
import pytest
from ui_driver import Driver, digit, key, move

from diplomacy_game.ui.panels import hand as hand_panel
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.moments import MomentScene


def _to_hand(scale: int, size: tuple[int, int] = (1280, 720)) -> tuple[Driver, GameScene]:
    d = Driver(size)
    d.app.settings.ui_scale = scale
    d.app.apply_settings()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=20)
    for _ in range(80):
        if isinstance(d.top, ChoiceDialog):
            d.step([digit(1)])
        elif isinstance(d.top, EventNotice | MomentScene):
            d.step([key(pygame.K_RETURN)])
        elif gs.pending_kind == "play" and d.top is gs:
            assert len(gs.view.hand) == 6  # the case the playtest saw: a full hand
            return d, gs
        else:
            d.step(dt=1.0)
    raise AssertionError("never came to the hand")


def test_six_cards_at_150_percent_do_not_overlap_and_show_their_operations() -> None:
    d, gs = _to_hand(150)
    window = d.app.screen.get_rect()
    for sel in (None, gs.view.hand[1], gs.view.hand[4]):  # also with a card selected (it was lifted)
        gs.sel_card = sel
        gs.hover_card = None
        d.app.mouse = (gs.L.right.centerx, gs.L.top.bottom + kit.sc(4))  # away from the hand and the map
        placed = d.placed()
        cards = gs.L.cards
        assert set(cards) == set(gs.view.hand)
        for (a, ra), (b, rb) in itertools.combinations(cards.items(), 2):
            assert not ra.colliderect(rb), (a, ra, b, rb)
        for cid, r in cards.items():
            assert window.contains(r) and gs.L.hand.contains(r), (cid, r)
            assert r.w >= kit.sc(100), (cid, r)  # wide enough for a title
            ops = str(gs.scn.cards[cid].ops)
            seen = [t for s, t in placed if s == ops and r.contains(t)]
            assert seen, (cid, ops, r)
            others = [o for c, o in cards.items() if c != cid]
            assert all(not o.colliderect(seen[0]) for o in others)
            # the badge is on the screen as drawn: its dark disc left of the digit, not covered
            x, y = seen[0].x - kit.sc(3), seen[0].centery
            assert tuple(d.app.screen.get_at((x, y)))[:3] == (40, 40, 40), (cid, x, y)
        for b in gs.L.buttons:  # the cards leave the buttons alone
            assert all(not b.rect.colliderect(r) for r in cards.values())


def test_the_150_percent_hand_shows_each_cards_owner() -> None:
    d, gs = _to_hand(150)
    texts = " ".join(d.step())
    for cid in gs.view.hand:
        assert hand_panel.owner_names(gs.scn, cid) in texts, cid


def test_six_cards_at_100_percent_keep_one_row() -> None:
    d, gs = _to_hand(100)
    gs.sel_card = None
    d.step()
    rs = list(gs.L.cards.values())
    assert len({r.y for r in rs}) == 1 and len({r.h for r in rs}) == 1
    assert min(r.h for r in rs) >= kit.sc(hand_panel.COMPACT_H)  # full cards, with their text


@pytest.mark.parametrize("size", [(1280, 720), (1600, 900)], ids=["1280x720", "1600x900"])
@pytest.mark.parametrize("scale", [100, 150])
def test_every_cards_owner_is_drawn_whole_in_its_card(scale: int, size: tuple[int, int]) -> None:
    """The owner line is never cut (at 150 % in 1280×720 "The W…" was): the full names, or the
    short ones when the full do not fit; the card under the pointer shows the full name."""
    d, gs = _to_hand(scale, size)
    gs.sel_card = None
    away = (gs.L.right.centerx, gs.L.top.bottom + kit.sc(4))
    d.app.mouse = away
    placed = d.placed()
    for cid, r in gs.L.cards.items():
        full, short = hand_panel.owner_names(gs.scn, cid), hand_panel.short_owner(gs.scn, cid)
        drawn = [s for s, t in placed if r.contains(t) and s in (full, short)]
        assert drawn, (cid, r, [s for s, t in placed if r.contains(t)])
        if drawn[0] == short and short != full:  # shortened: its full name under the pointer
            hover = d.placed([move(r.center)])
            assert gs.hover_card == cid
            assert any(full in s for s, t in hover if not gs.L.hand.contains(t)), cid
            d.step([move(away)])
    if scale == 150 and size == (1280, 720):  # the case seen: The West shortened, Russia and Iran whole
        assert "The West" in {hand_panel.owner_names(gs.scn, c) for c in gs.view.hand}
        assert any(s == "West" for s, _t in placed)
