"""The new-game screen's seed stays put unless the player asks for a new one."""

from __future__ import annotations

import pygame
from ui_driver import Driver, click, digit, key, letter

from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.newgame import NewGameScene


def _button(ng: NewGameScene, k: str) -> tuple[int, int]:
    return next(b for b in ng.widgets if b.key == k).rect.center


def test_clicking_the_seed_keeps_it_and_typing_changes_it() -> None:
    d = Driver()
    d.step([digit(1)])
    ng = d.top
    assert isinstance(ng, NewGameScene)
    seed = ng.seed
    for _ in range(5):
        d.step([click(_button(ng, "seed"))])
        assert ng.seed == seed
    assert ng.widgets[ng.focus].key == "seed"
    d.step([key(pygame.K_BACKSPACE)] * 12 + [digit(7), digit(3)])
    assert ng.seed == 73
    d.step([click(_button(ng, "seed"))])
    assert ng.seed == 73
    texts = d.step()
    assert "Seed: 73" in texts and "New seed" in texts


def test_a_new_seed_only_when_asked() -> None:
    d = Driver()
    d.step([digit(1)])
    ng = d.top
    assert isinstance(ng, NewGameScene)
    ng.seed = 5
    seen = set()
    for _ in range(4):
        d.step([click(_button(ng, "reroll"))])
        seen.add(ng.seed)
    d.step([letter("r")])
    seen.add(ng.seed)
    assert seen - {5}, "New seed and R roll a new seed"
    fixed = ng.seed
    seat = next(b for b in ng.widgets if b.key == "seat:iran")
    d.step([click(seat.rect.center), click(_button(ng, f"scn:{ng.index}"))])
    assert ng.seed == fixed  # other choices leave it alone


def test_enter_on_a_seat_starts_the_game_as_the_start_button_says() -> None:
    # the Start button's key is Enter; with the focus on a seat (after clicking it, or Tab),
    # Enter used to change that seat instead: a stray seat change the player did not ask for
    d = Driver()
    d.step([digit(1)])
    ng = d.top
    assert isinstance(ng, NewGameScene)
    seat = next(b for b in ng.widgets if b.key == "seat:iran")
    d.step([click(seat.rect.center)])
    assert ng.widgets[ng.focus].key == "seat:iran"
    chosen = dict(ng.seats)
    d.step([key(pygame.K_SPACE)])  # Space changes the focused seat
    assert ng.seats != chosen
    chosen = dict(ng.seats)
    d.step([key(pygame.K_RETURN)])
    for _ in range(5):
        d.step()
    assert ng.seats == chosen
    assert any(isinstance(s, GameScene) for s in d.app.stack)
