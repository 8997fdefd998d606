"""Milestones on screen: the treaty signed however it happens (a card's event, the Moscow event,
both sides committing in Kazan) is shown to every seat, as a screen of its own and marked in the
catch-up; the Kazan reveal is shown to both sides that chose, with the signing on it."""

from __future__ import annotations

import random

import pygame
import pytest
from helpers import MAIN, random_move_clear_of_an_ending
from ui_driver import Driver, digit, key

from diplomacy_game.engine import Game, PendingChoice
from diplomacy_game.engine.actions import parse_action
from diplomacy_game.ui.scenes.catchup import CatchUpScene
from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.end import EndScene
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.handoff import HandoffScene
from diplomacy_game.ui.scenes.moments import MomentScene
from diplomacy_game.ui.scenes.newgame import load_cached

FLAG = "treaty_signed"
SEATS = ("russia", "iran", "west")


def _path(lines: list[object]) -> str:
    """How the treaty was signed, from the signing move's log lines."""
    kinds = {(e.kind, e.data.get("card") or e.data.get("event")) for e in lines}  # type: ignore[attr-defined]
    if any(k == "reveal" for k, _ in kinds):
        return "kazan"
    if ("play_event", "treaty_final_stages") in kinds or ("opponent_event", "treaty_final_stages") in kinds:
        return "card"
    if ("event", "treaty_moscow") in kinds:
        return "moscow"
    return "other"


def _find(path: str) -> tuple[int, list[list[str]]]:
    """A seed and the moves of a game (random legal play) whose last move signs the treaty ``path``'s way."""
    scn = load_cached(MAIN)
    for seed in range(1, 80):
        game = Game.new(scn, seed)
        r = random.Random(seed)
        while not game.is_over():
            seat = game.to_act()[0]
            n = len(game.state.log)
            game.apply(random_move_clear_of_an_ending(game, seat, r), seat)
            if game.state.has_flag(FLAG):
                if _path(game.state.log[n:]) == path:
                    return seed, [list(mv) for mv in game.state.moves]
                break
    raise AssertionError(f"no game found where the treaty is signed by {path}")


def _play(path: str) -> tuple[GameScene, dict[str, list[list[str]]], dict[str, list[str]], int]:
    """A hot-seat game of three, one move before the signing; the signing move, then first options
    and operations until every seat has seen the treaty. (moment screens seen per seat: their
    texts; catch-up texts seen per seat; the signing move's index)."""
    seed, moves = _find(path)
    scn = load_cached(MAIN)
    game = Game.replay(scn, seed, moves[:-1])
    d = Driver()
    gs = GameScene(d.app, scn, dict.fromkeys(SEATS, "human"), seed, game=game)
    gs.match.move_marks = dict.fromkeys(SEATS, len(moves) - 1)  # where each seat left off
    d.app.push(gs)
    mover, last = moves[-1]
    script = [parse_action(last)]
    moments: dict[str, list[list[str]]] = {f: [] for f in SEATS}
    recaps: dict[str, list[str]] = {f: [] for f in SEATS}

    def seen_all() -> bool:
        return all(any("★ Treaty signed" in texts for texts in moments[f]) for f in SEATS)

    for _ in range(3000):
        top = d.top
        if seen_all() or isinstance(top, EndScene):
            break
        if isinstance(top, MomentScene):
            texts = d.step()
            for f in top.seats:
                moments[f].append(texts)
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, HandoffScene):
            d.step(dt=0.5)
            d.step([key(pygame.K_SPACE, " ")])
        elif isinstance(top, CatchUpScene):
            for _i in range(len(top.steps)):  # every step's headline and text
                recaps[top.seat] += d.step([key(pygame.K_RIGHT)])
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, EventNotice):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            p = gs.view.pending
            pick = 1
            if script and gs.seat == mover and isinstance(p, PendingChoice):
                ids = [o.id for o in scn.event_index[p.id].choice.options] if p.source == "event" else []
                pick = ids.index(script.pop(0).option) + 1  # type: ignore[attr-defined]
            d.step([digit(pick)])
        elif script and gs.seat == mover and gs.pending_kind in ("play", "ops", "target"):
            assert gs.submit(script.pop(0))
            d.step()
        else:
            d.plain_move(gs)
    assert not script and gs.game.state.has_flag(FLAG)
    return gs, moments, recaps, len(moves) - 1


@pytest.mark.parametrize("path", ["card", "moscow", "kazan"])
def test_the_treaty_signing_is_shown_to_every_seat_however_it_is_signed(path: str) -> None:
    gs, moments, recaps, signing = _play(path)
    for f in SEATS:
        signed = [texts for texts in moments[f] if "★ Treaty signed" in texts]
        assert signed, f"{f} never saw the treaty signed ({path})"
        texts = signed[0]
        assert "sign their treaty" in " ".join(texts)  # the scenario's own line tells it (the title, wrapped)
    if path == "kazan":  # both sides that chose see the reveal, with the signing on it
        for f in ("russia", "iran"):
            reveal = next(t for t in moments[f] if any(x.startswith("REVEAL") for x in t))
            assert any(x.startswith("Russia: ") for x in reveal) and any(x.startswith("Iran: ") for x in reveal)
            assert "★ Treaty signed" in reveal
    # the seats that did not sign it at the window: the catch-up marks the step
    if not gs.game.is_over():  # (a treaty that ends the game by its VP leaves no catch-up to see)
        marked = [f for f in SEATS if any(t.startswith("★ Treaty signed") for t in recaps[f])]
        assert marked, f"no catch-up marked the treaty ({path}): {recaps}"
    gs.match.move_marks = dict.fromkeys(SEATS, signing)
    for f in SEATS:  # each seat's own catch-up of the signing move marks it
        steps = gs.match.recap_since(f, automatic=False) or []
        scene = CatchUpScene(gs.app, gs, f, steps)
        assert any(scene._moment(st) == "Treaty signed" for st in steps), f


def test_a_milestone_is_kept_in_a_save_and_dropped_by_an_undo() -> None:
    seed, moves = _find("card")
    scn = load_cached(MAIN)
    d = Driver()
    gs = GameScene(d.app, scn, dict.fromkeys(SEATS, "human"), seed, game=Game.replay(scn, seed, moves[:-1]))
    m = gs.match
    mover, last = moves[-1]
    m.accept_handoff(mover)
    m.apply(parse_action(last))
    assert [x.flag for x in m.milestones] == [FLAG]
    again = GameScene(d.app, scn, dict.fromkeys(SEATS, "human"), seed, game=m.game, ui_state=m.ui_state())
    assert again.match.milestones == m.milestones
    if m.can_undo():
        m.undo()
        assert m.milestones == []
