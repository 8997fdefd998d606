"""Never a blind decision: the hand-off takes one deliberate press, a decision needs an explicit
pick, input queued before a dialog appears never answers it, and Esc opens the pause menu."""

from __future__ import annotations

import pygame
from ui_driver import NOTICES, Driver, click, digit, key, letter, move

from diplomacy_game.engine import PendingChoice
from diplomacy_game.ui.scenes.dialogs import SETTLE, ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.handoff import HandoffScene
from diplomacy_game.ui.scenes.pause import PauseScene

SPACE = key(pygame.K_SPACE, " ")


def _choice_for_iran() -> tuple[Driver, object]:
    """Iran alone at the screen, the Ashgabat choice open (the short scenario's first decision)."""
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"})
    assert isinstance(d.top, ChoiceDialog)
    d.step()
    return d, gs


def test_handoff_takes_one_press_after_the_window_stood_idle() -> None:
    d = Driver()
    d.start_game({"russia": "human", "iran": "human", "west": "ai"}, seed=2)
    assert isinstance(d.top, HandoffScene)
    app = d.app
    app.tick([], now=50.0)  # the real loop: a frame, then the window waits idle for input
    app.tick([SPACE], now=50.1)  # too soon: the previous player's key
    assert isinstance(d.top, HandoffScene)
    # no frame runs while idle; the next person presses Space once, three seconds later
    app.tick([SPACE], now=53.1)
    assert not isinstance(d.top, HandoffScene)


def test_a_decision_dialog_preselects_nothing_and_enter_waits_for_a_pick() -> None:
    d, gs = _choice_for_iran()
    dlg = d.top
    assert dlg.focus == -1
    first = dlg.buttons[0].rect.center
    d.step([move(first)])  # the pointer resting on an option selects nothing
    assert dlg.focus == -1
    texts = d.step([key(pygame.K_RETURN)])
    texts += d.step([SPACE])
    assert d.top is dlg and not gs.game.state.moves  # nothing was chosen
    assert any("press its number" in t for t in texts)  # says how to pick
    d.step([key(pygame.K_DOWN)])  # an explicit pick with the arrows …
    assert dlg.focus == 0
    d.step([key(pygame.K_RETURN)])  # … then Enter answers it
    assert gs.game.state.moves[0] == ["iran", f"choose {dlg.options[0].id}"]


def test_an_info_dialog_still_continues_with_enter() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "ai:easy", "west": "ai:easy"}, seed=3)
    for _ in range(40):
        if isinstance(d.top, NOTICES):
            break
        if isinstance(d.top, ChoiceDialog):
            d.step([digit(1)])
        elif gs.pending_kind == "play":
            d.step([digit(1), letter("o")])
        elif gs.pending_kind == "ops":
            d.step([letter("d")])
        else:
            d.step(dt=1.0)
    notice = d.top
    assert isinstance(notice, EventNotice)
    d.step([key(pygame.K_RETURN)])
    assert d.top is not notice


def test_input_queued_before_a_dialog_appears_never_answers_it() -> None:
    d = Driver()
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"})
    dlg = d.top
    assert isinstance(dlg, ChoiceDialog)
    at = dlg.buttons[0].rect.center
    # keys and clicks that were on their way when it opened (the next frames, 20 ms apart)
    for _ in range(3):
        d.step([click(at), digit(1), key(pygame.K_DOWN), key(pygame.K_RETURN)], dt=0.02)
    assert d.top is dlg and dlg.focus == -1 and not gs.game.state.moves
    d.step(dt=SETTLE)  # it has been seen: now a click answers it
    d.step([click(at)], dt=0.05)
    assert gs.game.state.moves[0] == ["iran", f"choose {dlg.options[0].id}"]


def test_the_decision_after_a_handoff_is_not_answered_by_the_press_that_passed_it() -> None:
    d = Driver()
    gs = d.start_game({"russia": "human", "iran": "human", "west": "ai"}, seed=2)
    for _ in range(20):
        if isinstance(d.top, HandoffScene) and gs.game.to_act() == ("iran",):
            break
        if isinstance(d.top, HandoffScene):
            d.step(dt=0.5)
            d.step([SPACE])
        elif isinstance(d.top, ChoiceDialog | EventNotice):
            d.step([digit(1)] if isinstance(d.top, ChoiceDialog) else [key(pygame.K_RETURN)])
        elif gs.pending_kind == "play":
            d.step([digit(1), letter("o")])
        elif gs.pending_kind == "ops":
            d.step([letter("d")])
        else:
            d.step(dt=1.0)
    moves = len(gs.game.state.moves)
    d.step(dt=1.0)
    # Space passes the hand-off; the same press repeating and a click follow at once
    d.step([SPACE], dt=0.05)
    for _ in range(3):
        d.step([SPACE, click((640, 360)), key(pygame.K_RETURN), digit(1)], dt=0.03)
    assert not isinstance(d.top, HandoffScene)
    assert len(gs.game.state.moves) == moves  # no decision was taken by those


def test_esc_on_a_waiting_decision_opens_the_pause_menu() -> None:
    d, gs = _choice_for_iran()
    dlg = d.top
    d.step([key(pygame.K_ESCAPE)])
    assert isinstance(d.top, PauseScene)
    d.step([key(pygame.K_ESCAPE)])  # resume: the decision is still waiting
    assert d.top is dlg
    d.step([letter("m")])  # M: look at the map
    assert dlg.peek
    d.step([key(pygame.K_ESCAPE)])  # Esc there too opens the menu
    assert isinstance(d.top, PauseScene)
    d.step([key(pygame.K_ESCAPE)])
    d.step([key(pygame.K_RETURN)])  # Enter returns from the map to the decision
    assert d.top is dlg and not dlg.peek
    assert isinstance(gs.view.pending, PendingChoice) and not gs.game.state.moves
