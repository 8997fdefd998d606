"""What a player reads fits: the selected card's text never lies over the map where targets are
picked, button labels are whole at 100 % and 150 %, and a dialog's source line keeps its dates."""

from __future__ import annotations

import pygame
import pytest
from ui_driver import Driver, digit, key

from diplomacy_game.ui.panels import hand as hand_panel
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice, fit_source_line
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.moments import MomentScene


def _to_play(size: tuple[int, int], scale: int) -> tuple[Driver, GameScene]:
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
            return d, gs
        else:
            d.step(dt=1.0)
    raise AssertionError("never came to the hand")


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 100), ((1280, 720), 150), ((1600, 900), 100)])
def test_the_selected_cards_text_never_covers_the_map(size: tuple[int, int], scale: int) -> None:
    d, gs = _to_play(size, scale)
    for card in gs.view.hand:
        gs.sel_card = card
        gs.hover_card = None
        d.app.mouse = gs.L.map.center  # picking a target: the pointer on the map
        d.step()
        r = hand_panel.draw_detail(d.app.screen, gs)
        assert r is not None and not r.colliderect(gs.L.map), card
        assert r.colliderect(gs.L.right)


@pytest.mark.parametrize(("size", "scale"), [((1280, 720), 100), ((1280, 720), 150), ((1600, 900), 100)])
def test_button_labels_are_whole(size: tuple[int, int], scale: int) -> None:
    d, gs = _to_play(size, scale)
    for card in gs.view.hand:  # every card's buttons (e.g. "Operations (fires The West's event)")
        gs.sel_card = card
        texts = d.step()
        drawn = " ".join(texts)
        for b in gs.L.buttons:
            assert b.label in texts or b.label in drawn, (b.label, [t for t in texts if t.endswith("…")])
    d.step([pygame.event.Event(pygame.KEYDOWN, key=pygame.K_o, mod=0, unicode="o")])
    assert gs.pending_kind == "ops"
    texts = d.step()
    for b in gs.L.buttons:  # the operations buttons: "Place influence", "Add pressure", ...
        assert b.label in " ".join(texts), b.label
    cards = list(gs.L.cards.values())
    assert all(r.w >= kit.sc(100) for r in cards)  # every card wide enough to read


def test_a_long_source_line_keeps_the_dates() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=1)
    scn = gs.scn
    ev = next(e for e in scn.model.events if e.source and scn.source(e.source) is not None)
    src = scn.source(ev.source)
    assert src is not None
    full = fit_source_line(scn, ev.source, str(ev.date), 10_000)
    line = fit_source_line(scn, ev.source, str(ev.date), kit.FONTS.get("small").size(full)[0] - 40)
    assert line != full and line.startswith(str(ev.date)) and "…" in line
    assert full.endswith(line.rsplit("”", 1)[-1])  # the outlet and the article's date are kept
