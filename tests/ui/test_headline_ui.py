"""The headline pick on screen (rules.headline): a card chosen with its number and H, kept secret
from the other seats, and the reveal shown as its own screen to every seat that picked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
from ui_driver import SCENARIOS, Driver, click, digit, key, letter

from diplomacy_game.ui.scenes.catchup import CatchUpScene
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.handoff import HandoffScene
from diplomacy_game.ui.scenes.moments import MomentScene
from diplomacy_game.ui.scenes.newgame import NewGameScene


def _short_with_headline(tmp_path: Path) -> Path:
    """A copy of the short scenario with the headline rule switched on."""
    dst = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, dst)
    path = dst / "ashgabat_to_kazan.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("\n  action_rounds: 3\n") == 1
    path.write_text(text.replace("\n  action_rounds: 3\n", "\n  action_rounds: 3\n  headline: {order: ops}\n"),
                    encoding="utf-8")
    return path


def _to_headline(d: Driver, gs: GameScene, seen: list[tuple[str, str, list[str]]], frames: int = 300) -> bool:
    """Pass notices, first options and hand-offs until a human seat must pick its headline."""
    for _ in range(frames):
        top = d.top
        if top is gs and gs.pending_kind == "headline":
            return True
        if isinstance(top, MomentScene):
            seen.append((top.seat, top.moment.kind, d.step()))
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, HandoffScene):
            d.step(dt=0.5)
            d.step([key(pygame.K_SPACE, " ")])
        elif isinstance(top, EventNotice | CatchUpScene):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        else:
            d.step(dt=1.0)
    return False


def test_a_headline_is_picked_with_its_number_and_h_and_its_reveal_is_shown(tmp_path: Path) -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=5,
                      path=_short_with_headline(tmp_path))
    seen: list[tuple[str, str, list[str]]] = []
    assert _to_headline(d, gs, seen)
    texts = d.step()
    assert any(t.startswith("Headline: choose a card") for t in texts)  # the prompt
    assert "Pick as headline" in texts  # the mode's button
    d.step([letter("h")])  # H with no card chosen picks nothing
    assert not any(mv[0] == "iran" and mv[1].startswith("headline") for mv in gs.game.state.moves)
    card = gs.view.hand[0]
    d.step([digit(1)])
    assert gs.sel_card == card
    d.step([letter("h")])
    assert ["iran", f"headline {card}"] in gs.game.state.moves
    for _ in range(20):  # the computer seats have picked too: the reveal, on its own screen
        if isinstance(d.top, MomentScene):
            break
        d.step(dt=1.0)
    top = d.top
    assert isinstance(top, MomentScene) and top.moment.kind == "headline" and top.seat == "iran"
    texts = d.step()
    assert "The headlines are revealed" in texts
    title = gs.scn.cards[card].title
    assert any(t.startswith(f"Iran: '{title}'") for t in texts)
    for name in ("Russia", "The West"):  # every faction's pick is shown
        assert any(t.startswith(f"{name}: '") for t in texts), name
    assert any(t.startswith("Headline: the event of") for t in texts)  # and what followed


def test_in_hot_seat_the_pick_stays_secret_and_both_pickers_see_the_reveal(tmp_path: Path) -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "human", "west": "ai:easy"}, seed=5,
                      path=_short_with_headline(tmp_path))
    seen: list[tuple[str, str, list[str]]] = []
    picked: dict[str, str] = {}
    for _ in range(2):  # Russia picks, then Iran (each behind its hand-off)
        assert _to_headline(d, gs, seen)
        seat = gs.seat
        assert seat is not None and seat not in picked
        texts = d.step()
        for other, c in picked.items():  # the other's pick: who, never what
            assert not any(gs.scn.cards[c].title in t for t in texts)
            assert any(f"{gs.scn.faction(other).name} picked already" in t for t in texts)
        picked[seat] = gs.view.hand[0]
        d.step([digit(1), letter("h")])
    assert set(picked) == {"russia", "iran"}
    for _ in range(400):
        if {s for s, kind, _t in seen if kind == "headline"} == {"russia", "iran"} or gs.game.is_over():
            break
        if _to_headline(d, gs, seen, frames=1):
            gs.submit(gs.legal[0])  # a later month's headline: any card
        elif d.top is gs and gs.pending_kind == "play":
            d.step([digit(1), letter("o")])
        elif d.top is gs and gs.pending_kind == "ops":
            d.step([letter("d")])
        elif d.top is gs and gs.pending_kind == "target":
            d.step([key(pygame.K_TAB), key(pygame.K_RETURN)])
    shown = [(s, t) for s, kind, t in seen if kind == "headline"]
    assert {s for s, _t in shown} == {"russia", "iran"}
    for _seat, texts in shown[:2]:
        for f, c in picked.items():
            assert any(t.startswith(f"{gs.scn.faction(f).name}: '{gs.scn.cards[c].title}'") for t in texts)


def _button(scene: NewGameScene, key_: str) -> tuple[int, int]:
    return next(b.rect.center for b in scene.widgets if b.key == key_)


def test_the_bundled_headline_variant_is_in_the_picker_and_opens_month_1_with_a_headline() -> None:
    d = Driver()
    d.step()
    d.step([digit(1)])  # New game
    ng = d.top
    assert isinstance(ng, NewGameScene)
    names = [p.name for p, _s, _e in ng.entries]
    assert {"from_tabriz_to_kazan.yaml", "tabriz_to_kazan_headline.yaml"} <= set(names)
    d.step([click(_button(ng, f"scn:{names.index('tabriz_to_kazan_headline.yaml')}"))])
    assert ng.scenario.id == "tabriz_to_kazan_headline"
    assert ng.scenario.rules.headline is not None
    assert "From Tabriz to Kazan (Headlines)" in d.step()
    d.step([click(_button(ng, "start"))])
    gs = d.game()
    assert gs is not None and gs.scn.id == "tabriz_to_kazan_headline"
    assert _to_headline(d, gs, [])  # Russia (the human seat) answers the crash, then picks
    assert gs.seat == "russia" and gs.game.state.turn == 0
    assert not any(mv[1].startswith("play") for mv in gs.game.state.moves)  # no card played yet
