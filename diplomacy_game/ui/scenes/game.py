"""The game screen: composes the match (seats, AI, saves, undo; no pygame), the input mode of
the decision in progress (modes/) and the panels (panels/).

What is drawn comes from one ``SeatView``: the acting human seat's (after the hand-off), the
only human's in a game with one human seat, or a spectator's (``view(None)``) otherwise.
Legality and explanations come from the engine through the match; the scene holds no rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from ...engine import PendingChoice
from ...engine.actions import Action, DiscardCard, PlayCard
from ...scenario.loader import Scenario
from .. import intents as it
from ..frames import FrameCache
from ..intents import Intent
from ..match import AIJob, Match, Moment, seat_level
from ..modes import ButtonSpec, Mode, mode_for, region_of
from ..panels import hand as hand_panel
from ..panels import side
from ..panels.map_panel import MapPanel
from ..panels.side import short_month
from ..scenarios import load_cached, resolve_scenario
from . import game_words as words
from . import hints, kit
from .base import Scene
from .catchup import CatchUpScene
from .dialogs import ChoiceDialog, EventNotice, MessageDialog
from .end import EndScene
from .game_layout import Layout, lay_out
from .game_match import MatchReader
from .handoff import HandoffScene
from .moments import MomentScene
from .pause import PauseScene
from .saveload import save_now

if TYPE_CHECKING:
    from ...engine import Game
    from ..app import App, GameSetup

__all__ = ["AIJob", "GameScene", "Layout", "seat_level", "short_month"]


class GameScene(MatchReader, Scene):
    name = "game"
    holds_game = True

    def __init__(self, app: App, scenario: Scenario, seats: dict[str, str], seed: int = 1, *,
                 game: Game | None = None, ui_state: dict[str, Any] | None = None) -> None:
        super().__init__(app)
        self.message = ""
        self.message_error = False
        self.message_key: object = None  # the decision the message was about (None: nobody's)
        self.match = Match(scenario, seats, seed, game=game, ui_state=ui_state,
                           persist=lambda: bool(getattr(self.app, "autosave", True)), notify=self._notify)
        # Interaction state.
        self.sel_card: str | None = None
        self.hover_card: str | None = None
        self.hover_region: str | None = None
        self.input: Mode = mode_for(None)
        self.armed: Action | None = None
        self.cursor = -1
        self.log_scroll = 0
        self.map_press: tuple[int, int] | None = None  # zoomed in: a press on the map, a click or a drag
        self.dragged = False
        self.ops_key: tuple[Any, ...] | None = None
        self.L = Layout()
        self._press: dict[str, ButtonSpec] = {}
        self.map_panel = MapPanel()
        self._frames: FrameCache | None = None  # the real loop's frames (draw_changed)
        self.map_panel.make(scenario, bool(app.settings.colorblind))
        self.refresh()

    @classmethod
    def from_setup(cls, app: App, setup: GameSetup) -> GameScene:
        scn = load_cached(resolve_scenario(setup.scenario))
        seats = {f: setup.seats.get(f, "ai") for f in scn.factions}
        if not any(v.startswith("human") for v in seats.values()) and not setup.seats:
            seats[scn.factions[0]] = "human"
        return cls(app, scn, seats, setup.seed)

    @property
    def colours(self) -> dict[str, kit.Color]:
        return self.map_panel.colours

    def acting(self) -> str | None:
        return self.match.acting()

    def on_top(self) -> bool:
        return self.app.top is self

    def moment_shown(self) -> Moment | None:
        """The big moment on its screen over this game now (a scoring, a reveal), or None."""
        top = self.app.top
        return top.moment if isinstance(top, MomentScene) and top.gs is self else None

    def calendar_shown(self) -> bool:
        """Whether the calendar dialog (the timeline events just fired) is on top of this game:
        the computer seats wait until it is read, so nobody is shown as playing meanwhile."""
        top = self.app.top
        return isinstance(top, EventNotice) and top.gs is self

    def refresh(self) -> None:
        """Recompute the view and the legal actions for whoever sits at the screen now."""
        self.match.refresh()
        p = self.view.pending if self.seat is not None else None
        key = (p.kind, getattr(p, "card", None), getattr(p, "faction", None)) if p else None
        if key != self.ops_key:
            if self.message_key is None and self.ops_key is None:
                self.message = ""  # said while it was not this seat's turn: stale now
            self.ops_key = key
            self.input = mode_for(p)
            self.armed = None
            self.cursor = -1
        elif p is not None and (settled := self.input.settled(self)) != self.input:
            self.set_mode(settled)
        if self.sel_card is not None and self.sel_card not in self.view.hand:
            self.sel_card = None
        if self.armed is not None and self.armed not in self.legal:
            self.armed = None

    def flash(self, text: str, error: bool = True) -> None:
        self.message = text[:1].upper() + text[1:]  # the engine's reasons start in lower case
        self.message_error = error or "⚠" in text  # a crisis warning reads as one
        self.message_key = self.ops_key

    def _notify(self, text: str, error: bool) -> None:
        """The match's notices (a failed autosave): kept until something else is said."""
        self.flash(text, error)
        self.message_key = "notice"

    def enter(self) -> None:
        """Uncovered (a dialog, the catch-up closed): what is under the pointer now, not before."""
        pos = self.app.mouse
        if self.L.map.w > 0 and pos is not None:
            self.hover_region = self.map_panel.region_at(self.scn, pos)
            self.hover_card = next((c for c, r in self.L.cards.items() if r.collidepoint(pos)), None)

    def submit(self, action: Action) -> bool:
        """Apply ``action`` for the seat at the screen, or show why it is not legal."""
        if self.seat is None:
            self.flash("It is not your turn.")
            return False
        reason = self.match.why_illegal(action)
        if reason is not None:
            self.flash(reason[0].upper() + reason[1:])
            return False
        self.match.apply(action)
        self.armed = None
        self.cursor = -1
        self.message = ""
        self.log_scroll = 0
        self.refresh()
        return True

    def set_mode(self, mode: Mode) -> None:
        self.input = mode
        self.armed = None
        self.cursor = -1

    def arm(self, action: Action, *, click: bool = False) -> None:
        self.armed = action
        self.flash(self.armed_note(action, click=click), error=False)

    # ------------------------------------------------------------------ update

    def update(self, dt: float) -> bool:
        m = self.match
        if self.map_panel.colorblind != bool(self.app.settings.colorblind):
            self.map_panel.make(self.scn, bool(self.app.settings.colorblind))
        if m.is_over():
            if not m.ended:
                if self.show_final_moments():
                    return False
                m.end()
                self.refresh()
                self.app.replace(EndScene(self.app, self))
            return False
        m.autosave_each_turn()
        if self.show_moments():
            return False
        seat = m.acting()
        assert seat is not None
        if seat not in m.humans:
            if not m.deciding_event() and self.show_events():
                return False  # the human at the screen reads the calendar before a computer seat acts
            if m.spectating():
                self.refresh()
            if m.ai_step(seat, dt, self.app.settings.ai_delay):
                self.refresh()
                if m.is_over() or m.acting() in m.humans:
                    return self.update(0.0)  # a human is next: hand-off or dialogs at once
            self.layout()
            return True
        m.ai_timer = 0.0
        if seat != m.revealed:
            if len(m.humans) > 1:
                self.refresh()  # a spectator's view until the seat is ready
                self.app.push(HandoffScene(self.app, self, seat))
                return False
            m.revealed = seat
        if self.seat != seat:
            self.refresh()
        self.layout()
        self._dialogs()
        return False

    def show_moments(self) -> bool:
        """A scoring or a reveal the seat at the screen has not seen: its own screen, now (before a
        hand-off passes the window on). True when one was opened."""
        who = self.match.at_screen()
        if who is None or self.app.top is not self:
            return False
        if self.match.moment_marks.get(who, 0) == len(self.match.public_view().log):
            return False  # nothing new (the usual frame: no further look)
        # the moments after a timeline event not shown yet (the leader it made) come after its dialog
        moments = self.match.new_moments(who, until=self.match.first_new_event(who))
        if not moments:
            return False
        self.app.push(MomentScene(self.app, self, who, moments))
        return True

    def show_events(self) -> bool:
        """The timeline events the human at the screen has not seen (public: safe for any seat),
        as the calendar's dialog, before a computer seat moves after them; in hot seat before any
        seat took the screen, to the table. True when opened."""
        who = self.match.at_screen()
        if (who is None and len(self.humans) < 2) or self.app.top is not self:
            return False
        new = self.match.new_events(who)
        if not new:
            return False
        self.layout()  # the game under the dialog, also in the first frame
        self.app.push(EventNotice(self.app, self, new))
        return True

    def show_final_moments(self) -> bool:
        """At the end, the moments some human seat has not seen yet (the last scoring, a late
        treaty): one screen for everyone at the window, before the end screen. True when opened."""
        if self.app.top is not self or not self.match.humans:
            return False
        moments: list[Moment] = []
        for who in self.match.humans:
            moments += [mo for mo in self.match.new_moments(who) if mo not in moments]
        if not moments:
            return False
        moments.sort(key=lambda mo: mo.turn)
        self.app.push(MomentScene(self.app, self, self.match.humans[0], moments, seats=tuple(self.match.humans)))
        return True

    def reload(self) -> None:
        """F5: read the scenario again from disk and replay this game's moves on it.

        For authors: edit the YAML, press F5, see the change in place. Errors are shown as
        FILE:LINE:COL lines and the game goes on unchanged.
        """
        done = self.match.reload()
        if done.errors:
            self.app.push(MessageDialog(self.app, self, done.title, list(done.errors), error=True))
            return
        self.sel_card = None
        self.armed = None
        self.map_panel.make(self.scn, bool(self.app.settings.colorblind), fresh=True)
        self.refresh()
        self.layout()
        self.flash(done.note, error=False)

    reload_scenario = reload

    def on_quit(self) -> None:
        self.autosave()

    def accept_handoff(self, seat: str) -> None:
        self.match.accept_handoff(seat)
        self.armed = None
        self.sel_card = None
        self.message = ""
        self._map_view(self.map_panel.zoom(0))  # each seat starts at the whole map (no tell)
        self.refresh()
        self.open_catchup(seat, automatic=True)

    # ------------------------------------------------------------------ catch-up, undo, saves

    def open_catchup(self, seat: str | None = None, *, automatic: bool = False) -> bool:
        """Show what the other seats did since ``seat``'s last turn (R, or after a hand-off)."""
        seat = seat or self.viewer
        if seat is None:
            self.flash("The recap is for a seat at the screen.")
            return False
        steps = self.match.recap_since(seat, automatic=automatic)
        if not steps:
            if steps is not None and not automatic:
                self.flash("Nothing has happened since your last turn.", error=False)
            return False
        self.app.push(CatchUpScene(self.app, self, seat, steps))
        return True

    def undo(self) -> None:
        if not self.match.can_undo():
            why = self.match.undo_block()
            self.flash(f"Nothing to undo: {why}." if why and self.seat is not None else "Nothing to undo.")
            return
        move = self.match.undo()
        self.armed = None
        self.refresh()
        self.flash(f"Took back: {self.move_words(move)}. Ctrl+Y puts it back.", error=False)

    def redo(self) -> None:
        if not self.match.can_redo():
            self.flash("Nothing to redo.")
            return
        move = self.match.redo()
        self.armed = None
        self.refresh()
        self.flash(f"Done again: {self.move_words(move)}. {self.prompt()}", error=False)

    def move_words(self, text: str) -> str:
        return self.match.move_words(text, self._describe)

    def ui_state(self) -> dict[str, Any]:
        return self.match.ui_state()

    def autosave(self) -> str | None:
        return self.match.autosave()

    def save_live(self) -> None:
        self.match.save_live()

    def _dialogs(self) -> None:
        """Open the event notice or the choice dialog the seat at the screen must see."""
        if self.seat is None or self.app.top is not self:
            return
        new = self.match.new_events(self.seat)
        p = self.view.pending
        choice_event = p.id if isinstance(p, PendingChoice) and p.source == "event" else None
        new = [e for e in new if e != choice_event]
        if new:
            self.app.push(EventNotice(self.app, self, new))
            return
        if self.pending_kind == "choice":
            self.open_choice()

    def open_choice(self) -> None:
        if self.pending_kind == "choice" and self.app.top is self:
            self.app.push(ChoiceDialog(self.app, self))

    # ------------------------------------------------------------------ layout

    def layout(self) -> None:
        specs = self.input.buttons(self) if self.seat is not None else []
        if self.match.can_undo():
            specs.append(ButtonSpec("undo", "Undo last move", "Ctrl+Z", None, False, lambda g: self.undo()))
        if self.match.can_redo():
            specs.append(ButtonSpec("redo", "Redo", "Ctrl+Y", None, False, lambda g: self.redo()))
        self._press = {s.key: s for s in specs}
        self.L = lay_out(self, self.size, specs)
        self.map_panel.rect = self.L.map

    # ------------------------------------------------------------------ words

    def target_name(self, t: str) -> str:
        return words.target_name(self.scn, t)

    def candidates(self) -> list[Action]:
        return self.input.candidates(self)

    def prompt(self) -> str:
        return self.input.prompt(self)

    def armed_note(self, a: Action, click: bool = False) -> str:
        return words.armed_note(self, a, click=click)

    def describe(self, a: Action) -> str:
        return words.describe(self, a)

    def _describe(self, a: Action) -> str:
        return words.action_words(self, a)

    # ------------------------------------------------------------------ input

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        if k == it.MOVE:
            pos = intent.pos
            self.hover_region = self.map_panel.region_at(self.scn, pos) if pos else None
            self.hover_card = next((c for c, r in self.L.cards.items() if pos and r.collidepoint(pos)), None)
            return
        if k == it.CANCEL or k == it.RCLICK:
            if self.armed is not None:
                self.armed = None
                self.message = ""
            elif self.sel_card is not None and k == it.CANCEL:
                self.sel_card = None
            elif k == it.CANCEL:
                self.app.push(PauseScene(self.app, self))
            return
        if k == it.UNDO:
            self.undo()
        elif k == it.REDO:
            self.redo()
        elif k == it.SAVE:
            ok, note = save_now(self)
            self.flash(note, error=not ok)
        elif k == it.CLICK and intent.pos is not None:
            if self.map_panel.zoomed and self.L.map.collidepoint(intent.pos):
                self.map_press, self.dragged = intent.pos, False  # a drag pans; a click is on the release
            else:
                self._click(intent.pos)
        elif k in (it.DRAG, it.RELEASE) and self.map_press is not None and intent.pos is not None:
            self._drag(k, intent.pos)
        elif k == it.CONFIRM:
            if self.armed is not None:
                self.submit(self.armed)
            elif self.seat is not None:
                self.input.confirm(self)
        elif k in (it.NEXT, it.PREV):
            self._cycle(1 if k == it.NEXT else -1)
        elif k in (it.LEFT, it.RIGHT):
            self._cycle_card(1 if k == it.RIGHT else -1)
        elif k == it.UP:
            self.log_scroll += 1
        elif k == it.DOWN:
            self.log_scroll = max(0, self.log_scroll - 1)
        elif k == it.WHEEL:
            if self.L.log.collidepoint(self.app.mouse):
                self.log_scroll = max(0, self.log_scroll + int(intent.value))
            elif self.L.map.collidepoint(self.app.mouse):
                self._map_view(self.map_panel.zoom(int(intent.value), self.app.mouse))
        elif k == it.ZOOM:
            self._map_view(self.map_panel.zoom(int(intent.value), self.app.mouse))
        elif k == it.PAN:
            self._map_view(self.map_panel.pan(*intent.value))
        elif k == it.DIGIT:
            n = int(intent.value) or 10
            if self.pending_kind == "target":
                btns = [b for b in self.L.buttons if b.key.startswith("target:")]
                if 1 <= n <= len(btns):
                    self._button(btns[n - 1])
                    return
            hand = list(self.view.hand)
            if 1 <= n <= len(hand):
                self.sel_card = hand[n - 1]
        elif k == it.LETTER:
            self._letter(str(intent.value))
        elif k == it.SPACE and self.armed is not None:
            self.submit(self.armed)
        if isinstance(self.armed, PlayCard | DiscardCard) and self.armed.card != self.sel_card:
            self.armed, self.message = None, ""  # another card chosen: what was armed is off
        self.layout()

    def _drag(self, kind: str, pos: tuple[int, int]) -> None:
        """Zoomed in: the map follows a drag that went past a few pixels; a press released
        without one is a click where it was pressed."""
        assert self.map_press is not None
        if kind == it.RELEASE:
            press, self.map_press = self.map_press, None
            if not self.dragged:
                self._click(press)
            return
        if not self.dragged and max(abs(pos[0] - self.map_press[0]), abs(pos[1] - self.map_press[1])) < kit.sc(5):
            return
        rel = (pos[0] - self.map_press[0], pos[1] - self.map_press[1])
        self.map_press, self.dragged = pos, True
        self._map_view(self.map_panel.drag(rel))

    def _map_view(self, changed: bool) -> None:
        """After a zoom or a pan: the region under the pointer is another one now."""
        if changed:
            mouse = self.app.mouse
            self.hover_region = self.map_panel.region_at(self.scn, mouse) if mouse else None

    def _letter(self, ch: str) -> None:
        if ch == "r":
            self.open_catchup()
            return
        keys = {"e": "event", "o": "ops", "g": "discard", "h": "headline", "i": "mode:influence",
                "p": "mode:pressure", "b": "boost", "d": "done", "c": "choice"}
        if ch == "a":  # A walks through the faction actions
            acts = [b for b in self.L.buttons if b.key.startswith("mode:act:")]
            if acts:
                idx = next((i for i, b in enumerate(acts) if b.selected), -1)
                self._button(acts[(idx + 1) % len(acts)])
            return
        by_letter = {v: k for k, v in hints.action_letters(self.scn, self.seat).items()}
        key = f"mode:act:{by_letter[ch]}" if ch in by_letter else keys.get(ch)  # each action has its own letter
        if key is None:
            return
        b = next((b for b in self.L.buttons if b.key == key), None)
        if b is not None:
            self._button(b)
        else:
            self._letter_unused(ch)

    def _letter_unused(self, ch: str) -> None:
        """A shortcut with nothing to do now says so, and what is expected instead."""
        now = self.prompt() if self.seat is not None else "it is not your turn"
        self.flash(f"{ch.upper()} is not available now: {now[:1].lower()}{now[1:]}")

    def _cycle_card(self, step: int) -> None:
        hand = list(self.view.hand)
        if not hand:
            return
        i = hand.index(self.sel_card) if self.sel_card in hand else (-1 if step > 0 else 0)
        self.sel_card = hand[(i + step) % len(hand)]

    def _cycle(self, step: int) -> None:
        cands = self.candidates()
        if self.input.cycles_cards() or not cands:
            self._cycle_card(step)
            return
        # Order by region name for a predictable keyboard walk.
        cands = sorted(cands, key=lambda a: (self.target_name(region_of(self.scn, a) or ""), str(a)))
        if self.armed in cands:  # armed by a click: Tab goes on from there (the next faction to press)
            self.cursor = cands.index(self.armed)
        self.cursor = (self.cursor + step) % len(cands) if self.cursor >= 0 or step > 0 else len(cands) - 1
        self.arm(cands[self.cursor])
        self._map_view(self.map_panel.show(region_of(self.scn, cands[self.cursor])))  # zoomed: into view

    def _click(self, pos: tuple[int, int]) -> None:
        b = kit.button_at(self.L.buttons, pos)
        if b is not None:
            self._button(b)
            return
        for c, r in self.L.cards.items():
            if r.collidepoint(pos):
                self.sel_card = c
                self.message = ""
                return
        region = self.region_at(pos)
        if region is not None:
            self.input.click_region(self, region)

    def _button(self, b: kit.Button) -> None:
        if not b.enabled:
            self.flash(b.reason or "Not possible now")
            return
        self.message = ""
        if b.key == "confirm" and self.armed is not None:
            self.submit(self.armed)
        elif b.key == "cancel":
            self.armed = None
        elif b.key in self._press:
            self._press[b.key].press(self)

    # ------------------------------------------------------------------ draw

    def draw(self, surface: pygame.Surface) -> None:
        if self.L.map.w <= 0:
            return
        self.map_panel.draw(surface, self)
        side.draw_top(surface, self)
        side.draw_side(surface, self)
        hand_panel.draw_hand(surface, self)
        self.draw_overlays(surface)  # only on top: no tooltip lingers behind a dialog

    def draw_changed(self, surface: pygame.Surface) -> list[pygame.Rect] | None:
        """The real loop's frame: only what changed since the last one (``ui/frames.py``); the
        rectangles drawn ([] for none), or None when the whole window was drawn."""
        if self.L.map.w <= 0:  # not laid out yet: the whole (empty) frame
            self.app.draw(surface)
            return None
        if self._frames is None:
            self._frames = FrameCache()
        return self._frames.draw(surface, self, self.draw_overlays)

    def draw_overlays(self, surface: pygame.Surface) -> None:
        if self.app.top is self:
            hand_panel.draw_detail(surface, self)
            self.map_panel.draw_tooltip(surface, self)
            hints.draw_hint(surface, self)

    # helpers for tests and the keyboard -------------------------------------------------

    def region_at(self, pos: tuple[int, int]) -> str | None:
        return self.map_panel.region_at(self.scn, pos)

    def region_point(self, rid: str) -> tuple[int, int] | None:
        """A screen point inside region ``rid`` on the map (None when not found)."""
        return self.map_panel.region_point(self.scn, rid)
