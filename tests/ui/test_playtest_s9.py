"""A new player's look at the screens (s9-ui): at 150 % the tutorial's tip and the Kazan
summit's secret choice side by side, neither over the other; the catch-up's step text off the
map; behind a scoring (or any big moment) neither the hand nor the next decision's prompt; a
pressure in a battleground says what it also does (Western Concern +1); the calendar drops the
Kazan summit without Iran once Iran has accepted; a scenario's description cut with "…" at
150 %."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest
from helpers import MAIN
from test_playtest_s8 import _game, _long_step
from ui_driver import NOTICES, SHORT, Driver, digit, key, letter, placing

from diplomacy_game.engine.actions import Pressure
from diplomacy_game.engine.turn import month_name
from diplomacy_game.ui.app import App
from diplomacy_game.ui.panels import side
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.dialogs import HOW_TO_PICK, ChoiceDialog, EventNotice
from diplomacy_game.ui.scenes.game import GameScene
from diplomacy_game.ui.scenes.moments import MomentScene
from diplomacy_game.ui.scenes.newgame import NewGameScene
from diplomacy_game.ui.scenes.title import TitleScene
from diplomacy_game.ui.scenes.tutorial import Coach
from diplomacy_game.ui.settings import Settings


def _app(scale: int) -> Driver:
    d = Driver()
    d.app = App(Settings(window_size=(1280, 720), anim_speed="instant", ui_scale=scale), persist=False)
    d.app.reraise = True
    d.app.push(TitleScene(d.app))
    d.step()
    return d


# ---------------------------------------------------------------- 1. the tutorial's tip beside the secret choice


@pytest.mark.parametrize("scale", [100, 150])
def test_the_tutorial_tip_and_the_kazan_secret_choice_are_both_readable(scale: int) -> None:
    """The tutorial opens on Ashgabat; accepted, the Kazan summit's secret choice follows. At
    150 % the choice took the whole window and the tip lay over it: now the tip stands beside
    the dialog, every line of both inside its own box, none over the other's."""
    d = _app(scale)
    d.step([letter("l")])
    gs = d.game()
    assert gs is not None
    for _ in range(20):
        top = d.top
        if isinstance(top, ChoiceDialog) and top.secret:
            break
        if isinstance(top, ChoiceDialog):
            d.step([digit(1)])  # accept the invitation to Kazan
        else:
            d.step()
    dlg = d.top
    assert isinstance(dlg, ChoiceDialog) and dlg.secret and gs.view.pending is not None
    assert gs.view.pending.id == "kazan_summit"
    d.step()
    coach = d.app.coach
    assert isinstance(coach, Coach) and coach.tip is not None and coach.tip.step == "answer_event"
    window = d.app.screen.get_rect()
    tip, panel = coach.box, dlg.panel
    assert window.contains(tip) and window.contains(panel)
    assert not tip.colliderect(panel), (tip, panel)
    scratch = pygame.Surface(window.size)
    with placing() as by_tip:
        coach.draw(scratch)
    with placing() as by_dialog:
        dlg.draw(scratch)
    in_tip = [s for s, _r in by_tip]
    assert "A secret choice" in in_tip and "Skip tutorial" in in_tip
    assert "Neither sees the other's pick" in " ".join(in_tip)
    assert all(tip.contains(r) and not r.colliderect(panel) for _s, r in by_tip), by_tip
    assert all(panel.contains(r) and not r.colliderect(tip) for _s, r in by_dialog), by_dialog
    assert all(panel.contains(b.rect) for b in dlg.buttons)
    in_panel = [s for s, _r in by_dialog]
    assert dlg.prompt in in_panel or any(dlg.prompt.startswith(s) for s in in_panel)
    assert sum(1 for s in in_panel if "If Russia picks" in s) >= 4  # what follows each pair of picks
    assert all(b.label in in_panel for b in dlg.buttons)


def _to_secret_choice(d: Driver) -> None:
    """The short scenario's first choices answered with their first option, up to the secret one."""
    for _ in range(20):
        top = d.top
        if isinstance(top, ChoiceDialog) and top.secret:
            return
        d.step([digit(1)] if isinstance(top, ChoiceDialog) else [])


def test_without_the_tutorial_the_secret_choice_still_says_how_to_pick() -> None:
    """The same choice at 150 % without the guide: full width, in the window, and it says how
    to pick (only the tip beside it may say so instead)."""
    d, _gs = _game(150, SHORT)
    _to_secret_choice(d)
    dlg = d.top
    assert isinstance(dlg, ChoiceDialog) and dlg.secret and d.app.coach is None
    texts = d.step()
    assert HOW_TO_PICK in texts or any(HOW_TO_PICK.startswith(t) for t in texts if len(t) > 20)
    assert d.app.screen.get_rect().contains(dlg.panel) and all(dlg.panel.contains(b.rect) for b in dlg.buttons)


# ---------------------------------------------------------------- 2. the catch-up's step text off the map


def test_the_catch_up_step_text_leaves_the_map_whole() -> None:
    """The current step's text (a long one, scrolled) lies beside the map, under the summary
    rows, never over the map (at 150 % it covered most of it); its lines and the "more lines"
    hint stay in its box."""
    d, gs = _game(150, MAIN)
    cu = _long_step(d, gs)
    window = d.app.screen.get_rect()
    for scrolled in (False, True):
        placed = d.placed()
        box = cu.box
        assert window.contains(box) and not box.colliderect(cu.map_rect), (box, cu.map_rect)
        hints = [r for s, r in placed if "more line" in s or "Up: the start" in s]
        assert hints and all(box.contains(r) for r in hints)
        lines = [s for s, r in placed if box.contains(r)]
        shown = cu.lines[cu.scroll:cu.scroll + cu.fit]
        assert shown and all(ln in lines for ln in shown), (shown, lines)
        rows = [r for i, r in cu._rows()]
        assert rows and not any(r.colliderect(box) for r in rows)  # the summary rows above it
        if not scrolled:
            for _ in range(len(cu.lines)):
                d.step([key(pygame.K_DOWN)])


# ---------------------------------------------------------------- 3 and 7. behind a scoring


def _to_scoring(scale: int) -> tuple[Driver, GameScene, MomentScene]:
    """The main scenario, Iran at the screen, played on to its first scoring's screen."""
    d, gs = _game(scale, MAIN)
    for _ in range(1500):
        top = d.top
        if isinstance(top, MomentScene) and top.gs is gs and top.moment.kind == "score":
            return d, gs, top
        if isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif isinstance(top, ChoiceDialog):
            d.step([digit(1)])
        elif top is gs:
            assert not gs.ended
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    raise AssertionError("no scoring")


def _back_to_a_card(d: Driver, gs: GameScene) -> None:
    for _ in range(200):
        if d.top is gs and gs.pending_kind == "play":
            return
        if isinstance(d.top, ChoiceDialog):
            d.step([digit(1)])
        elif d.top is gs:
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    raise AssertionError("no card to play after the scoring")


@pytest.mark.parametrize("scale", [100, 150])
def test_behind_a_scoring_the_hand_is_hidden_until_it_is_the_hand_of_the_moment(scale: int) -> None:
    """While a scoring is on its screen the hand panel behind it shows no cards (it showed the
    hand left over from the month scored, before the month's draw), only that the hand comes
    back after the screen; back on the game, the hand of the moment is drawn."""
    d, gs, _mo = _to_scoring(scale)
    hand = [(s, r) for s, r in d.placed() if gs.L.hand.colliderect(r)]
    assert gs.view.hand, "Iran holds cards behind the scoring"
    titles = [str(gs.scn.cards[c].title) for c in gs.view.hand]
    drawn = [s for s, _r in hand if len(s) > 3]
    assert not any(t.startswith(s.rstrip("…")) for s in drawn for t in titles), (titles, drawn)
    assert "Your hand is shown again after this screen." in drawn
    _back_to_a_card(d, gs)
    hand_now = [s for s, r in d.placed() if gs.L.hand.colliderect(r) and s]
    titles = [str(gs.scn.cards[c].title) for c in gs.view.hand]
    assert titles and all(any(t.startswith(s.rstrip("…")) for s in hand_now) for t in titles), hand_now
    assert all(c in gs.L.cards for c in gs.view.hand)


@pytest.mark.parametrize("scale", [100, 150])
def test_the_status_line_under_a_scoring_is_not_the_next_prompt(scale: int) -> None:
    """Under a scoring's screen the status line says what is on the screen ("Scoring · July
    2024 on the screen: Enter goes on."), not the next decision's prompt (it showed it, dimmed);
    back on the game, the prompt is there again."""
    d, gs, mo = _to_scoring(scale)
    placed = d.placed()
    status = [s for s, r in placed if gs.L.status.colliderect(r) and s]
    month = month_name(gs.scn.months[mo.moment.turn])
    assert any(s.startswith(f"Scoring · {month}") and "on the screen" in s for s in status), status
    prompt = gs.prompt()
    assert prompt and not any(prompt.startswith(s.rstrip("…")) for s in status), (prompt, status)
    _back_to_a_card(d, gs)
    status = [s for s, r in d.placed() if gs.L.status.colliderect(r) and s]
    assert any(gs.prompt().startswith(s.rstrip("…")) for s in status), status


# ---------------------------------------------------------------- 4. what a pressure also does


def _iran_in_ops(scale: int) -> tuple[Driver, GameScene]:
    d = _app(scale)
    gs = d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, seed=11, path=MAIN)
    d.to_card_play(gs)
    st = gs.game.state
    big = max((c for c in gs.scn.cards.values() if c.owners == ("iran",)), key=lambda c: c.ops)
    st.hands["iran"][0] = big.id  # an own card: its operations fire no other event
    for r in ("syria", "iraq", "armenia"):  # rivals to press, in battlegrounds and not
        st.influence[r]["west"] = max(1, st.influence[r].get("west", 0))
    gs.refresh()
    d.step([digit(1), letter("o")])
    assert gs.pending_kind == "ops"
    return d, gs


@pytest.mark.parametrize("scale", [100, 150])
def test_a_pressure_in_a_battleground_says_it_raises_western_concern(scale: int) -> None:
    """The confirmation of a pressure in a battleground (the status line, and the Confirm
    button's tooltip) says what the scenario's pressure_battleground does for Iran: Western
    Concern +1, whole, with Enter to confirm; a pressure elsewhere says nothing of it."""
    d, gs = _iran_in_ops(scale)
    presses = [a for a in gs.legal if isinstance(a, Pressure)]
    bg = [a for a in presses if gs.scn.map.regions[a.region].battleground]
    plain = [a for a in presses if not gs.scn.map.regions[a.region].battleground]
    assert bg, "Iran can press in a battleground"
    gs.arm(bg[0])
    d.app.mouse = (5, 5)
    placed = d.placed()
    status = [s for s, r in placed if gs.L.status.colliderect(r)]
    assert "Western Concern +1" in gs.message
    assert any("Western Concern +1" in s for s in status), status  # drawn, not cut away
    assert any("Enter" in s and "to confirm" in s for s in status), status
    assert "Western Concern +1" in gs.describe(bg[0])
    if plain:
        gs.arm(plain[0])
        d.step()
        assert "Western Concern" not in gs.message and "battleground" not in gs.message


# ---------------------------------------------------------------- 5. the calendar after Ashgabat


@pytest.mark.parametrize(("path", "scale"), [(SHORT, 100), (MAIN, 100), (MAIN, 150)])
def test_the_calendar_drops_kazan_without_iran_once_iran_accepts(path: Path, scale: int) -> None:
    """Before Ashgabat is answered both Kazan events may come; once Iran accepts, "Kazan Without
    Tehran's President" is no longer among the events to come (nor their tooltips), at most on
    the Ruled out line."""
    d, gs = _game(scale, path)
    title = str(gs.scn.event_index["kazan_without_iran"].title)
    accepted = False
    for _ in range(3000):
        top = d.top
        if accepted:
            placed = d.placed()
            cal = [s for s, r in placed if gs.L.calendar.colliderect(r)]
            assert not any(title[:12] in s and not s.startswith("Ruled out") for s in cal), cal
            assert title not in [ev.title for ev in gs.match.calendar()[0]]
            if gs.view.month > "2024-10":
                return
        if isinstance(top, ChoiceDialog):
            p = gs.view.pending
            if p is not None and p.id == "ashgabat_meeting":
                assert title in [ev.title for ev in gs.match.calendar()[0]]  # it may still come
                d.step([digit(1)])  # accept
                assert gs.game.state.has_flag("iran_attends_kazan")
                accepted = True
                continue
            d.step([digit(1)])
        elif isinstance(top, NOTICES):
            d.step([key(pygame.K_RETURN)])
        elif top is gs:
            if gs.ended:
                break
            d.plain_move(gs)
        else:
            d.step([key(pygame.K_RETURN)])
    assert accepted and gs.view.month > "2024-10"


def test_the_ruled_out_titles_are_struck_through() -> None:
    """While the Kazan choice is open the calendar keeps Kazan without Iran only on its Ruled out
    line, and its title is struck through: read in part (in the tutorial the tip beside the
    choice covers the line's start), it never reads as one more event to come."""
    d, gs = _game(100, SHORT)
    _to_secret_choice(d)
    assert isinstance(d.top, ChoiceDialog) and gs.game.state.has_flag("iran_attends_kazan")
    title = str(gs.scn.event_index["kazan_without_iran"].title)
    assert [ev.title for ev in gs.match.calendar()[1]] == [title]
    surface = pygame.Surface(d.app.screen.get_size())
    with placing() as out:
        gs.draw(surface)
    line = [r for s, r in out if s == f"Ruled out: {title}"]
    assert line, [s for s, r in out if gs.L.calendar.colliderect(r)]
    r = line[0]
    x0 = r.x + kit.FONTS.get("small").size("Ruled out: ")[0]
    muted = pygame.Color(kit.THEME.c("muted"))
    struck = [x for x in range(x0, r.right) if surface.get_at((x, r.centery))[:3] == muted[:3]]
    assert len(struck) >= 0.9 * (r.right - x0), (len(struck), r.right - x0)
    before = [x for x in range(r.x, x0 - 4) if surface.get_at((x, r.centery))[:3] == muted[:3]]
    assert len(before) < 0.5 * (x0 - 4 - r.x)  # "Ruled out:" itself is not struck


# ---------------------------------------------------------------- 6. a cut description ends with "…"


@pytest.mark.parametrize("scale", [100, 150])
def test_the_new_game_description_is_whole_or_ends_with_an_ellipsis(scale: int) -> None:
    """Each scenario's description on the new-game screen is drawn whole, or its last line ends
    with "…" (at 150 % it stopped mid-sentence, with nothing to say more followed)."""
    d = _app(scale)
    d.step([digit(1)])
    ng = d.top
    assert isinstance(ng, NewGameScene) and ng.entries
    for i in range(len(ng.entries)):
        ng.index = i
        placed = d.placed()
        scn = ng.scenario
        assert scn is not None
        box = ng._summary_rect
        # the description's lines: those under its title and its months
        lines = [s for s, r in sorted(((s, r) for s, r in placed if box.contains(r)), key=lambda sr: sr[1].y)][2:]
        assert lines
        words = " ".join(scn.model.summary.split())
        shown = " ".join(" ".join(lines).split())
        assert shown == words or (lines[-1].endswith("…") and words.startswith(shown.rstrip("…").rstrip())), lines


def test_a_text_block_cut_at_its_foot_ends_with_an_ellipsis() -> None:
    """``kit.text_block`` short of room: the last line it draws ends with "…"."""
    _app(100)
    surface = pygame.Surface((400, 200))
    text = " ".join(["a long sentence that wraps"] * 20)
    lh = kit.FONTS.get("normal").get_linesize()
    with_lines: list[str] = []
    kit.add_recorder(with_lines.append)
    try:
        used = kit.text_block(surface, text, pygame.Rect(0, 0, 300, lh * 3))
    finally:
        kit.remove_recorder(with_lines.append)
    assert len(with_lines) == 3 and used == 3 * lh
    assert with_lines[-1].endswith("…") and not with_lines[0].endswith("…")


def test_behind_a_scoring_the_log_stops_at_the_scoring() -> None:
    """The log panel behind a scoring's screen tells the game up to the scoring, not the month
    after it (its events and a choice already put); back on the game, the rest is told."""
    d, gs, mo = _to_scoring(100)
    v = gs.view
    later = [e for e in v.log if e.turn > mo.moment.turn]
    assert later, "the next month has begun behind the scoring"
    end = side.log_end(gs, v)
    assert all(e.turn <= mo.moment.turn for e in v.log[:end]) and v.log[end - 1] == mo.moment.lines[-1]
    month = f"— {month_name(gs.scn.months[mo.moment.turn + 1])} —"
    logged = [s for s, r in d.placed() if gs.L.log.colliderect(r)]
    assert month not in logged and not any(e.text in logged for e in later if e.kind == "event"), logged
    _back_to_a_card(d, gs)
    assert side.log_end(gs, gs.view) == len(gs.view.log)


def test_a_scoring_in_pages_keeps_each_bloc_on_one_page() -> None:
    """A scoring in pages (at 150 %) keeps each bloc (its heading and its rows) on one page, not
    split between two (the West's row of Eastern Europe on the page after Russia's)."""
    _d, _gs, mo = _to_scoring(150)
    text = kit.THEME.c("text")
    rows = [("head", "Bloc A", text, True), *[("row", f"a{i}", text, False) for i in range(2)],
            ("head", "Bloc B", text, True), *[("row", f"b{i}", text, False) for i in range(3)]]
    mo.rows = rows
    width = kit.sc(600)
    whole = mo._paginate(width, 10**6)
    assert whole == [(0, len(rows))]
    head_h = kit.sc(4) + kit.sc(2) + kit.block_height("Bloc A", width, "normal", True)
    row_h = kit.sc(2) + kit.block_height("a0", width - kit.sc(16), "small", False)
    room = 2 * head_h + 3 * row_h  # Bloc A whole and Bloc B's heading and first row fit, not the rest
    assert mo._paginate(width, room) == [(0, 3), (3, 7)]
    # a bloc longer than a page still goes on (a heading with at least one row)
    assert mo._paginate(width, head_h + row_h)[0] == (0, 2)


def test_while_the_calendar_dialog_is_read_nobody_is_shown_playing() -> None:
    """The month's events on their dialog: the computer seats wait, so the header says the
    calendar is read (not "Round 1 · Russia (computer) is playing…") and the status line says how
    to go on; once the dialog is closed the round and the seat to act are back."""
    d, gs = _game(100, MAIN)
    for _ in range(40):
        if isinstance(d.top, EventNotice):
            break
        d.step(dt=0.2)
    assert isinstance(d.top, EventNotice) and d.top.gs is gs
    texts = d.step()
    assert "May 2024  ·  Turn 1 of 9  ·  On the calendar" in texts, texts[:3]
    assert not any("is playing" in t for t in texts) and not any(t.startswith("Round ") for t in texts)
    assert "On the calendar: the month's events. Enter goes on." in texts
    for _ in range(40):
        if d.top is gs:
            break
        d.step([key(pygame.K_RETURN)] if isinstance(d.top, EventNotice) else [digit(1)]
               if isinstance(d.top, ChoiceDialog) else [], dt=0.2)
    texts = d.step()
    assert any("Round 1 of 4" in t for t in texts)
    assert "On the calendar: the month's events. Enter goes on." not in texts
