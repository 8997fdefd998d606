"""The game: the map, the hand, the tracks, the calendar, the log, and the seats' turns.

What is drawn comes from one ``SeatView``: the acting human seat's (after the hand-off), the
only human's in a game with one human seat, or a spectator's (``view(None)``) otherwise.
Legality comes from the engine (``legal_actions`` and ``why_illegal``); the scene holds no
rule of the game.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

import pygame

from ...ai import LEVELS, make_player
from ...engine import Game, PendingChoice, PendingOps, PendingTarget
from ...engine.actions import (
    Action,
    Boost,
    ChooseTarget,
    EndOps,
    PlaceInfluence,
    PlayCard,
    Pressure,
    UseAction,
)
from ...engine.turn import month_name
from ...engine.undo import History
from ...engine.view import SeatView
from .. import intents as it
from ..intents import Intent
from . import hints, kit
from .base import Scene

PHASES = {"timeline": "Timeline", "draw": "Draw", "actions": "Action round", "upkeep": "Upkeep"}


DEFAULT_LEVEL = "normal"
SLOW_LEVELS = ("normal", "hard")  # decided on a worker thread: the window never freezes


def seat_level(who: str) -> str:
    """The AI level of a seat spec ('ai', 'ai:hard', ...)."""
    level = who.partition(":")[2]
    return level if level in (*LEVELS, "random") else DEFAULT_LEVEL


@dataclass
class AIJob:
    """A computer seat's decision in progress (on a worker thread for the slow levels)."""

    seat: str
    legal: list[Action]
    result: list[Any] = field(default_factory=list)
    thread: threading.Thread | None = None

    def done(self) -> bool:
        return bool(self.result)


def short_month(m: str) -> str:
    return month_name(m)[:3] + " " + m[:4]


def region_of(scn: Any, a: Action) -> str | None:
    r: str | None = None
    if isinstance(a, PlaceInfluence | Pressure):
        r = a.region
    elif isinstance(a, UseAction | ChooseTarget):
        r = a.target
    return r if r is not None and r in scn.map.regions else None


@dataclass
class Layout:
    top: pygame.Rect = field(default_factory=pygame.Rect)
    map: pygame.Rect = field(default_factory=pygame.Rect)
    hand: pygame.Rect = field(default_factory=pygame.Rect)
    status: pygame.Rect = field(default_factory=pygame.Rect)
    right: pygame.Rect = field(default_factory=pygame.Rect)
    factions: pygame.Rect = field(default_factory=pygame.Rect)
    tracks: pygame.Rect = field(default_factory=pygame.Rect)
    calendar: pygame.Rect = field(default_factory=pygame.Rect)
    log: pygame.Rect = field(default_factory=pygame.Rect)
    cards: dict[str, pygame.Rect] = field(default_factory=dict)
    buttons: list[kit.Button] = field(default_factory=list)


class GameScene(Scene):
    name = "game"

    def __init__(self, app: Any, scenario: Any, seats: dict[str, str], seed: int = 1, *,
                 game: Game | None = None, ui_state: dict[str, Any] | None = None) -> None:
        super().__init__(app)
        self.scn = scenario
        self.seed = seed
        # undo and redo of the seat at the screen (a loaded game's moves are replayed into it)
        self.history = History.rebuilt(game) if game is not None else History(Game.new(scenario, seed))
        self.game = self.history.game
        self.autosaved_turn: int | None = None
        self.seats = {f: (seats.get(f) or "ai") for f in scenario.factions}
        self.humans = [f for f in scenario.factions if self.seats[f].startswith("human")]
        self.levels = {f: seat_level(self.seats[f]) for f in scenario.factions if f not in self.humans}
        self.players = {f: make_player(self.levels[f], seed * 7919 + i)
                        for i, f in enumerate(scenario.factions) if f not in self.humans}
        self.ai_job: AIJob | None = None
        self.revealed: str | None = None  # the human seat that accepted the hand-off
        self.ai_timer = 0.0
        self.ended = False
        # What the UI shows and offers (refreshed after every change).
        self.viewer: str | None = None
        self.view: SeatView = self.game.view(None)
        self.seat: str | None = None  # the seat the player at the screen acts for now
        self.legal: list[Action] = []
        # Interaction state.
        self.sel_card: str | None = None
        self.hover_card: str | None = None
        self.hover_region: str | None = None
        self.mode = "influence"
        self.armed: Action | None = None
        self.cursor = -1
        self.message = ""
        self.message_error = False
        self.log_scroll = 0
        self.seen_events: dict[str, int] = {}
        self.log_marks: dict[str, int] = {}
        self.move_marks: dict[str, int] = {}  # where each human seat left off: the catch-up's start
        self._restore_ui(ui_state or {})
        self.ops_key: tuple[Any, ...] | None = None
        self.L = Layout()
        self._map: Any = None
        self._map_colorblind: bool | None = None
        self.colours: dict[str, kit.Color] = {}
        self._make_map()
        self.refresh()

    @classmethod
    def from_setup(cls, app: Any, setup: Any) -> GameScene:
        from ..app import resolve_scenario
        from .newgame import load_cached

        scn = load_cached(resolve_scenario(setup.scenario))
        seats = {f: setup.seats.get(f, "ai") for f in scn.factions}
        if not any(v.startswith("human") for v in seats.values()) and not setup.seats:
            seats[scn.factions[0]] = "human"
        return cls(app, scn, seats, setup.seed)

    # ------------------------------------------------------------------ the map

    def _make_map(self) -> None:
        cb = bool(self.app.settings.colorblind)
        self._map_colorblind = cb
        try:
            from ..palette import scenario_palette

            pal = scenario_palette(self.scn, cb)
            self.colours = {f: pal.color(f) for f in self.scn.factions}
            if self._map is not None and hasattr(self._map, "set_palette"):
                self._map.set_palette(pal)
                return
            from ..map_view import MapRenderer
            from ..mapdata import MapGeometry

            geometry = MapGeometry.for_map(self.scn.map.model.id)
            self._map = MapRenderer(self.scn, geometry, pal)
        except Exception:  # no map asset, or a broken one: the schematic map still plays
            self.colours = self.colours or {f: kit.hex_colour(self.scn.faction(f).color) for f in self.scn.factions}
            from .fallback_map import SchematicMap

            self._map = SchematicMap(self.scn, self.colours)

    def region_at(self, pos: tuple[int, int]) -> str | None:
        if not self.L.map.collidepoint(pos):
            return None
        try:
            r = self._map.region_at(pos)
        except Exception:
            return None
        return r if r in self.scn.map.regions else None

    # ------------------------------------------------------------------ seats and views

    def acting(self) -> str | None:
        acting = self.game.to_act()
        return acting[0] if acting else None

    def refresh(self) -> None:
        """Recompute the view and the legal actions for whoever sits at the screen now."""
        seat = self.acting()
        prev = self.seat
        if prev is not None and prev != seat and prev in self.humans:
            # Where this seat stood when it left the screen: "since your last turn".
            self.move_marks[prev] = len(self.game.state.moves)
            if len(self.humans) > 1:
                self.log_marks[prev] = len(self.game.view(prev).log)
        if len(self.humans) == 1 and seat == self.humans[0]:
            self.revealed = seat  # nobody else at the screen: no hand-off
        if len(self.humans) == 1:
            viewer: str | None = self.humans[0]
        elif seat is not None and seat in self.humans and seat == self.revealed:
            viewer = seat
        else:
            viewer = None
        self.viewer = viewer
        self.view = self.game.view(viewer)
        self.seat = seat if (seat is not None and seat == viewer and seat == self.revealed) else None
        self.legal = self.game.legal_actions(self.seat) if self.seat is not None else []
        p = self.view.pending if self.seat is not None else None
        key = (p.kind, getattr(p, "card", None), getattr(p, "faction", None)) if p else None
        if key != self.ops_key:
            self.ops_key = key
            self.mode = "influence"
            self.armed = None
            self.cursor = -1
        if self.sel_card is not None and self.sel_card not in self.view.hand:
            self.sel_card = None
        if self.armed is not None and self.armed not in self.legal:
            self.armed = None

    @property
    def pending_kind(self) -> str | None:
        if self.seat is None or self.view.pending is None:
            return None
        return self.view.pending.kind

    def flash(self, text: str, error: bool = True) -> None:
        self.message = text
        self.message_error = error or "⚠" in text  # a crisis warning reads as one

    def submit(self, action: Action) -> bool:
        """Apply ``action`` for the seat at the screen, or show why it is not legal."""
        if self.seat is None:
            self.flash("It is not your turn.")
            return False
        reason = self.game.why_illegal(action, self.seat)
        if reason is not None:
            self.flash(reason[0].upper() + reason[1:])
            return False
        self.history.apply(action, self.seat)
        self.save_live()
        self.armed = None
        self.cursor = -1
        self.message = ""
        self.log_scroll = 0
        self.refresh()
        return True

    # ------------------------------------------------------------------ update

    def update(self, dt: float) -> bool:
        if self._map_colorblind != bool(self.app.settings.colorblind):
            self._make_map()
        if self.game.is_over():
            if not self.ended:
                self.ended = True
                self.revealed = None
                self.refresh()
                from .end import EndScene

                self.app.replace(EndScene(self.app, self))
            return False
        self._autosave_each_turn()
        seat = self.acting()
        assert seat is not None
        if seat not in self.humans:
            if self.seat is not None or self.viewer != (self.humans[0] if len(self.humans) == 1 else None):
                self.refresh()
            self.ai_timer += dt
            if self.ai_job is None or self.ai_job.seat != seat:
                self.ai_job = self._start_ai(seat)
            job = self.ai_job
            if job.done() and self.ai_timer >= self.app.settings.ai_delay:
                self.ai_timer = 0.0
                self.ai_job = None
                action = job.result[0]
                if not isinstance(action, Action) or action not in job.legal:
                    action = job.legal[0]  # a failing computer player must not stop the game
                self.history.apply(action, seat)
                self.save_live()
                self.refresh()
                if self.game.is_over() or self.acting() in self.humans:
                    return self.update(0.0)  # a human is next: hand-off or dialogs at once
            self.layout()
            return True
        self.ai_timer = 0.0
        if seat != self.revealed:
            if len(self.humans) > 1:
                from .handoff import HandoffScene

                self.refresh()  # a spectator's view until the seat is ready
                self.app.push(HandoffScene(self.app, self, seat))
                return False
            self.revealed = seat
        if self.seat != seat:
            self.refresh()
        self.layout()
        self._dialogs()
        return False

    def _start_ai(self, seat: str) -> AIJob:
        """Ask the seat's computer player for its move: from its own view and legal actions only."""
        view = self.game.view(seat)
        legal = self.game.legal_actions(seat)
        job = AIJob(seat, legal)
        player = self.players[seat]

        def work() -> None:
            try:
                job.result.append(player.choose(self.scn, view, legal))
            except Exception as exc:  # reported by falling back to a legal action
                job.result.append(exc)

        if self.levels.get(seat) in SLOW_LEVELS and len(legal) > 1:
            job.thread = threading.Thread(target=work, name=f"ai-{seat}", daemon=True)
            job.thread.start()
        else:
            work()
        return job

    def reload_scenario(self) -> None:
        """F5: read the scenario again from disk and replay this game's moves on it.

        For authors: edit the YAML, press F5, see the change in place. Errors are shown as
        FILE:LINE:COL lines and the game goes on unchanged.
        """
        from ...scenario.diagnostics import ContentError
        from ...scenario.loader import load_scenario
        from .dialogs import MessageDialog

        try:
            scn = load_scenario(self.scn.path)
        except ContentError as exc:
            lines = [d.format() for d in exc.diagnostics]
            self.app.push(MessageDialog(self.app, self, "The scenario has errors; the game goes on unchanged",
                                        lines, error=True))
            return
        except OSError as exc:
            self.app.push(MessageDialog(self.app, self, "The scenario cannot be read", [str(exc)], error=True))
            return
        moves = [(str(m[0]), str(m[1])) for m in self.game.to_json()["moves"]]
        try:
            game = Game.replay(scn, self.seed, moves)
            note = f"Scenario reloaded: {len(moves)} moves replayed."
        except Exception as exc:
            game = Game.new(scn, self.seed)
            note = f"Scenario reloaded; this game's moves no longer fit it ({exc}), so it starts over."
            self.seen_events = {}
            self.log_marks = {}
        self.scn = scn
        self.game = game
        self.history = History(game)
        self.ai_job = None
        self.revealed = None
        self.sel_card = None
        self.armed = None
        self._map = None
        self._make_map()
        self.refresh()
        self.layout()
        self.flash(note, error=False)

    def accept_handoff(self, seat: str) -> None:
        self.revealed = seat
        self.armed = None
        self.sel_card = None
        self.message = ""
        self.refresh()
        self.open_catchup(seat, automatic=True)

    # ------------------------------------------------------------------ catch-up, undo, saves

    def open_catchup(self, seat: str | None = None, *, automatic: bool = False) -> bool:
        """Show what the other seats did since ``seat``'s last turn (R, or after a hand-off)."""
        from ...engine.recap import recap
        from .catchup import CatchUpScene

        seat = seat or self.viewer
        if seat is None:
            self.flash("The recap is for a seat at the screen.")
            return False
        start = self.move_marks.get(seat)
        if start is None:
            if automatic:
                return False
            start = 0
        steps = recap(self.scn, self.seed, self.game.state.moves, start, seat)
        steps = [s for s in steps if s.mover != seat] if automatic else steps
        if not steps:
            if not automatic:
                self.flash("Nothing has happened since your last turn.", error=False)
            return False
        self.app.push(CatchUpScene(self.app, self, seat, steps))
        return True

    def undo(self) -> None:
        if self.seat is None or not self.history.can_undo(self.seat):
            why = self.history.last_block
            self.flash(f"Nothing to undo: {why}." if why and self.seat is not None else "Nothing to undo.")
            return
        move = self.history.undo()
        self.save_live()
        self.armed = None
        self.refresh()
        self.flash(f"Took back: {self.move_words(move)}. Ctrl+Y puts it back.", error=False)

    def redo(self) -> None:
        if self.seat is None or not self.history.can_redo(self.seat):
            self.flash("Nothing to redo.")
            return
        move = self.history.redo()
        self.save_live()
        self.armed = None
        self.refresh()
        self.flash(f"Done again: {self.move_words(move)}. {self._prompt(self.view)}", error=False)

    def move_words(self, text: str) -> str:
        """A move's text form in words: 'play Gulf Security Talks for its operations'."""
        from ...engine.actions import parse_action

        a = parse_action(text)
        if isinstance(a, PlayCard):
            card = self.scn.cards.get(a.card)
            what = "its event" if a.mode == "event" else "its operations"
            return f"playing {card.title if card else a.card} for {what}"
        if isinstance(a, EndOps):
            return "ending your operations"
        if isinstance(a, Boost):
            return "the boost (+1 operation for 1 economy)"
        words = self._describe(a)
        return words[:1].lower() + words[1:]

    def ui_state(self) -> dict[str, Any]:
        """What a save keeps of the screen besides the game: where each seat left off."""
        return {"log_marks": dict(self.log_marks), "move_marks": dict(self.move_marks),
                "seen_events": dict(self.seen_events)}

    def _restore_ui(self, data: dict[str, Any]) -> None:
        for name in ("log_marks", "move_marks", "seen_events"):
            val = data.get(name)
            if isinstance(val, dict):
                getattr(self, name).update({str(k): int(v) for k, v in val.items()
                                            if k in self.scn.factions and isinstance(v, int)})

    def autosave(self) -> str | None:
        """Write an autosave now; the file's name, or None (and no exception) if it failed."""
        if self.ended or not getattr(self.app, "autosave", True):
            return None
        from ... import saves

        try:
            return saves.autosave(self.game, self.seats, ui=self.ui_state()).name
        except saves.SaveError as exc:
            self.flash(f"Autosave failed: {exc.message}")
            return None

    def save_live(self) -> None:
        """After every move (and undo): the running game's file, for a resume after a crash."""
        if not getattr(self.app, "autosave", True):
            return
        from ... import saves

        try:
            saves.save_live(self.game, self.seats, ui=self.ui_state())
        except saves.SaveError as exc:
            self.flash(f"Autosave failed: {exc.message}")

    def _autosave_each_turn(self) -> None:
        if self.autosaved_turn != self.game.state.turn:
            self.autosaved_turn = self.game.state.turn
            self.autosave()

    def _dialogs(self) -> None:
        """Open the event notice or the choice dialog the seat at the screen must see."""
        if self.seat is None or self.app.top is not self:
            return
        from .dialogs import ChoiceDialog, EventNotice

        seen = self.seen_events.get(self.seat, 0)
        log = self.view.log
        new = [e for e in log[seen:] if e.kind == "event"]
        self.seen_events[self.seat] = len(log)
        p = self.view.pending
        choice_event = p.id if isinstance(p, PendingChoice) and p.source == "event" else None
        new = [e for e in new if e.data.get("event") != choice_event]
        if new:
            self.app.push(EventNotice(self.app, self, [str(e.data.get("event")) for e in new]))
            return
        if self.pending_kind == "choice":
            self.app.push(ChoiceDialog(self.app, self))

    # ------------------------------------------------------------------ layout

    def layout(self) -> None:
        w, h = self.size
        L = Layout()
        top_h = kit.sc(38)
        right_w = max(kit.sc(300), min(kit.sc(420), int(w * 0.27)))
        right_w = min(right_w, int(w * 0.42))
        hand_h = max(kit.sc(200), min(kit.sc(240), int(h * 0.3)))
        hand_h = min(hand_h, int(h * 0.45))
        L.top = pygame.Rect(0, 0, w, top_h)
        L.right = pygame.Rect(w - right_w, top_h, right_w, h - top_h)
        L.map = pygame.Rect(0, top_h, w - right_w, h - top_h - hand_h)
        L.hand = pygame.Rect(0, h - hand_h, w - right_w, hand_h)
        L.status = pygame.Rect(L.hand.x, L.hand.y, L.hand.w, kit.sc(30))
        # right panel: factions, tracks, calendar, log
        pad = kit.sc(8)
        inner = L.right.inflate(-2 * pad, -2 * pad)
        fh = len(self.scn.factions) * kit.sc(58) + kit.sc(24)
        th = len(self.scn.tracks) * kit.sc(30) + kit.sc(24)
        ch = kit.sc(150)
        spare = inner.h - fh - th - 3 * pad - kit.sc(120)  # keep room for a few log lines
        if spare < ch:
            ch = max(kit.sc(70), spare)
        y = inner.y
        L.factions = pygame.Rect(inner.x, y, inner.w, fh)
        y += fh + pad
        L.tracks = pygame.Rect(inner.x, y, inner.w, th)
        y += th + pad
        L.calendar = pygame.Rect(inner.x, y, inner.w, ch)
        y += ch + pad
        L.log = pygame.Rect(inner.x, y, inner.w, max(kit.sc(40), inner.bottom - y))
        # hand: cards at the left, action buttons at the right
        bw = min(kit.sc(260), L.hand.w * 3 // 10)
        area = pygame.Rect(L.hand.x + pad, L.status.bottom + pad, L.hand.w - bw - 3 * pad,
                           L.hand.bottom - L.status.bottom - 2 * pad)
        hand = list(self.view.hand)
        if hand:
            gap = kit.sc(8)
            cw = min(kit.sc(165), (area.w - gap * (len(hand) - 1)) // len(hand))
            for i, c in enumerate(hand):
                r = pygame.Rect(area.x + i * (cw + gap), area.y + kit.sc(6), cw, area.h - kit.sc(6))
                if c == self.sel_card:
                    r.y -= kit.sc(6)
                L.cards[c] = r
        bx = L.hand.right - bw - pad
        L.buttons = self._buttons(pygame.Rect(bx, L.status.bottom + pad, bw, area.h))
        self.L = L

    def _buttons(self, col: pygame.Rect) -> list[kit.Button]:
        specs: list[tuple[str, str, str, str | None, bool]] = []  # key, label, hint, reason, selected
        kind = self.pending_kind
        legal = self.legal
        if kind == "play":
            c = self.sel_card
            if c is None:
                specs.append(("event", "Play for event", "E", "Choose a card from your hand first", False))
                specs.append(("ops", "Play for operations", "O", "Choose a card from your hand first", False))
            else:
                card = self.scn.cards[c]
                ev = PlayCard(c, "event")
                specs.append(("event", "Play for event", "E",
                              None if ev in legal else self.game.why_illegal(ev, self.seat), False))
                ops_label = "Play for operations"
                if card.owner not in (self.seat, "neutral") and card.owner in self.scn.factions:
                    ops_label = f"Operations (fires {self.scn.faction(card.owner).name}'s event)"
                specs.append(("ops", ops_label, "O", None, False))
        elif kind == "ops":
            infl = [a for a in legal if isinstance(a, PlaceInfluence)]
            press = [a for a in legal if isinstance(a, Pressure)]
            specs.append(("mode:influence", "Place influence", "I",
                          None if infl else "No region within reach where you can place influence now",
                          self.mode == "influence"))
            specs.append(("mode:pressure", "Pressure", "P",
                          None if press else self._no_pressure_reason(), self.mode == "pressure"))
            for a in self.scn.actions.values():
                if self.seat not in a.factions:
                    continue
                mine = [x for x in legal if isinstance(x, UseAction) and x.action == a.id]
                reason = None if mine else self.game.why_illegal(UseAction(a.id), self.seat)
                letter = hints.action_letters(self.scn, self.seat).get(a.id, "").upper()
                specs.append((f"mode:act:{a.id}", f"{a.name} ({kit.plural(a.cost, 'op')})", letter, reason,
                              self.mode == f"act:{a.id}"))
            specs.append(("boost", "Boost: +1 op for 1 economy", "B",
                          None if Boost() in legal else self.game.why_illegal(Boost(), self.seat), False))
            specs.append(("done", "Done: end operations", "D", None, False))
        elif kind == "target":
            opts = [a for a in legal if isinstance(a, ChooseTarget) and region_of(self.scn, a) is None]
            for i, a in enumerate(opts):
                assert isinstance(a, ChooseTarget)
                specs.append((f"target:{a.target}", self._target_name(a.target), str(i + 1), None,
                              self.armed == a))
        elif kind == "choice":
            specs.append(("choice", "Answer the choice", "C", None, False))
        if kind == "ops" and self.mode.startswith("act:"):
            aid = self.mode[4:]
            for a in legal:
                if isinstance(a, UseAction) and a.action == aid and a.target is not None \
                        and region_of(self.scn, a) is None:
                    specs.append((f"use:{a.target}", f"  on {self._target_name(a.target)}", "", None,
                                  self.armed == a))
        if self.seat is not None and self.history.can_undo(self.seat):
            specs.append(("undo", "Undo last move", "Ctrl+Z", None, False))
        if self.seat is not None and self.history.can_redo(self.seat):
            specs.append(("redo", "Redo", "Ctrl+Y", None, False))
        gap = kit.sc(5)
        rows = len(specs) + (1 if self.armed is not None else 0)
        cols = 1
        bh = (col.h - gap * (max(1, rows) - 1)) // max(1, rows)
        if bh < kit.sc(24) and len(specs) > 1:
            cols = 2
            rows = (len(specs) + 1) // 2 + (1 if self.armed is not None else 0)
            bh = (col.h - gap * (rows - 1)) // rows
        bh = max(kit.sc(18), min(kit.sc(34), bh))
        cw = (col.w - gap * (cols - 1)) // cols
        out = []
        for i, (key, label, hint, reason, selected) in enumerate(specs):
            if cols > 1:
                label = label.split(":")[0].split(" (")[0]
            r = pygame.Rect(col.x + (i % cols) * (cw + gap), col.y + (i // cols) * (bh + gap), cw, bh)
            short = hint if cols == 1 or len(hint) == 1 else ""  # two columns: letters only
            out.append(kit.Button(key, label, r, enabled=reason is None, hint=short,
                                  reason=reason, selected=selected))
        if self.armed is not None:
            y = col.y + ((len(specs) + cols - 1) // cols) * (bh + gap)
            half = (col.w - gap) // 2
            out.append(kit.Button("confirm", "Confirm", pygame.Rect(col.x, y, half, bh), hint="Enter"))
            out.append(kit.Button("cancel", "Cancel", pygame.Rect(col.x + half + gap, y, half, bh), hint="Esc"))
        return out

    def _no_pressure_reason(self) -> str:
        p = self.view.pending
        for r in p.access if isinstance(p, PendingOps) else ():
            for f in self.scn.factions:
                if f != self.seat and self.view.influence.get(r, {}).get(f, 0) > 0:
                    why = self.game.why_illegal(Pressure(r, f), self.seat)
                    if why:
                        return why
        return "No other faction has influence within your reach"

    def _target_name(self, t: str) -> str:
        if t in self.scn.map.regions:
            return str(self.scn.map.regions[t].name)
        if t in self.scn.factions:
            return str(self.scn.faction(t).name)
        return t

    # ------------------------------------------------------------------ candidates

    def candidates(self) -> list[Action]:
        """The legal actions the current mode offers (their regions are marked on the map)."""
        kind = self.pending_kind
        if kind == "ops":
            if self.mode == "influence":
                return [a for a in self.legal if isinstance(a, PlaceInfluence)]
            if self.mode == "pressure":
                return [a for a in self.legal if isinstance(a, Pressure)]
            if self.mode.startswith("act:"):
                return [a for a in self.legal if isinstance(a, UseAction) and a.action == self.mode[4:]]
        if kind == "target":
            return [a for a in self.legal if isinstance(a, ChooseTarget)]
        return []

    def target_regions(self) -> list[str]:
        out: list[str] = []
        for a in self.candidates():
            r = region_of(self.scn, a)
            if r is not None and r not in out:
                out.append(r)
        return out

    def armed_note(self, a: Action, click: bool = False) -> str:
        """The status line for an armed action: what it does and how to confirm it (first, so they
        stay in view), then, for pressure, the other factions it could press there instead, and
        any crisis warning."""
        how = "Enter or click again to confirm" if click else "Enter to confirm"
        others = [x for x in self.candidates()
                  if isinstance(a, Pressure) and isinstance(x, Pressure) and x.region == a.region and x != a]
        if others:
            names = " or ".join(self._target_name(x.faction) for x in others)
            how = f"Enter to confirm; {'click again or ' if click else ''}Tab: press another faction ({names})"
        what = self._describe(a)
        if isinstance(a, Pressure) and self.seat is not None:
            from ...engine.operations import pressure_roll

            roll = pressure_roll(self.scn, self.game.state, self.seat, a.region, a.faction)
            mod, stab = roll.modifier, roll.stability
            sign = f" {'+' if mod >= 0 else '−'}{abs(mod)}" if mod else ""
            odds = ", ".join(f"{o.value} ({o.probability})" for o in roll.removed.outcomes)
            what += f" (d{roll.die}{sign} against stability {stab}; removes {odds})"
        note = hints.crisis_note(self, a)
        return f"{what} — {how}; Esc to cancel." + (f" {note}" if note else "")

    def describe(self, a: Action) -> str:
        note = hints.crisis_note(self, a)  # warn before a crisis is confirmed
        return (f"{note} " if note else "") + self._describe(a)

    def _describe(self, a: Action) -> str:
        if isinstance(a, PlaceInfluence):
            return f"Place influence in {self._target_name(a.region)}"
        if isinstance(a, Pressure):
            return f"Press {self._target_name(a.faction)} in {self._target_name(a.region)}"
        if isinstance(a, UseAction):
            name = self.scn.actions[a.action].name
            return f"{name}" + (f" on {self._target_name(a.target)}" if a.target else "")
        if isinstance(a, ChooseTarget):
            return f"Target {self._target_name(a.target)}"
        return str(a)

    # ------------------------------------------------------------------ input

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        if k == it.MOVE:
            self.hover_region = self.region_at(intent.pos) if intent.pos else None
            self.hover_card = next((c for c, r in self.L.cards.items() if intent.pos and r.collidepoint(intent.pos)),
                                   None)
            return
        if k == it.CANCEL or k == it.RCLICK:
            if self.armed is not None:
                self.armed = None
                self.message = ""
            elif self.sel_card is not None and k == it.CANCEL:
                self.sel_card = None
            elif k == it.CANCEL:
                from .pause import PauseScene

                self.app.push(PauseScene(self.app, self))
            return
        if k == it.UNDO:
            self.undo()
        elif k == it.REDO:
            self.redo()
        elif k == it.SAVE:
            from .saveload import save_now

            ok, note = save_now(self)
            self.flash(note, error=not ok)
        elif k == it.CLICK and intent.pos is not None:
            self._click(intent.pos)
        elif k == it.CONFIRM:
            if self.armed is not None:
                self.submit(self.armed)
            elif self.pending_kind == "play":
                self.flash("Press E to play the card for its event, O for its operations." if self.sel_card
                           else "Choose a card: click it, or press its number.", error=False)
            elif self.pending_kind == "choice":
                self._dialogs_force()
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
        self.layout()

    def _letter(self, ch: str) -> None:
        if ch == "r":
            self.open_catchup()
            return
        keys = {"e": "event", "o": "ops", "i": "mode:influence", "p": "mode:pressure", "b": "boost", "d": "done",
                "c": "choice"}
        if ch == "a":  # A walks through the faction actions
            acts = [b for b in self.L.buttons if b.key.startswith("mode:act:")]
            if acts:
                idx = next((i for i, b in enumerate(acts) if b.selected), -1)
                self._button(acts[(idx + 1) % len(acts)])
            return
        by_letter = {v: k for k, v in hints.action_letters(self.scn, self.seat).items()}
        if ch in by_letter:  # and each has its own letter
            act = next((b for b in self.L.buttons if b.key == f"mode:act:{by_letter[ch]}"), None)
            if act is not None:
                self._button(act)
            else:
                self._letter_unused(ch)
            return
        key = keys.get(ch)
        if key is None:
            return
        b = next((b for b in self.L.buttons if b.key == key), None)
        if b is not None:
            self._button(b)
        else:
            self._letter_unused(ch)

    def _letter_unused(self, ch: str) -> None:
        """A shortcut with nothing to do now says so, and what is expected instead."""
        now = self._prompt(self.view) if self.seat is not None else "it is not your turn"
        self.flash(f"{ch.upper()} is not available now: {now[:1].lower()}{now[1:]}")

    def _dialogs_force(self) -> None:
        from .dialogs import ChoiceDialog

        if self.pending_kind == "choice" and self.app.top is self:
            self.app.push(ChoiceDialog(self.app, self))

    def _cycle_card(self, step: int) -> None:
        hand = list(self.view.hand)
        if not hand:
            return
        i = hand.index(self.sel_card) if self.sel_card in hand else (-1 if step > 0 else 0)
        self.sel_card = hand[(i + step) % len(hand)]

    def _cycle(self, step: int) -> None:
        cands = self.candidates()
        if self.pending_kind == "play" or not cands:
            self._cycle_card(step)
            return
        # Order by region name for a predictable keyboard walk.
        cands = sorted(cands, key=lambda a: (self._target_name(region_of(self.scn, a) or ""), str(a)))
        if self.armed in cands:  # armed by a click: Tab goes on from there (the next faction to press)
            self.cursor = cands.index(self.armed)
        self.cursor = (self.cursor + step) % len(cands) if self.cursor >= 0 or step > 0 else len(cands) - 1
        self.armed = cands[self.cursor]
        self.flash(self.armed_note(self.armed), error=False)

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
            self._click_region(region)

    def _click_region(self, region: str) -> None:
        kind = self.pending_kind
        name = self._target_name(region)
        if kind is None:
            if self.viewer is None or self.acting() not in self.humans:
                self.flash(f"{name}: wait for your turn.", error=False)
            return
        if kind == "play":
            self.flash("Play a card first: choose one from your hand, then E (event) or O (operations).")
            return
        if kind == "choice":
            self.flash("Answer the choice first (press C).")
            return
        here = [a for a in self.candidates() if region_of(self.scn, a) == region]
        if kind == "ops" and self.mode == "influence":
            self.submit(PlaceInfluence(region))  # legal: applied; else the reason is shown
            return
        if not here:
            self.flash(self._why_not_here(region))
            return
        if self.armed in here:
            if len(here) > 1:  # several factions to press there: a click picks the next, Enter confirms
                self.armed = here[(here.index(self.armed) + 1) % len(here)]
                self.flash(self.armed_note(self.armed, click=True), error=False)
                return
            self.submit(self.armed)
            return
        self.armed = here[0]
        self.flash(self.armed_note(self.armed, click=True), error=False)

    def _why_not_here(self, region: str) -> str:
        kind = self.pending_kind
        if kind == "target":
            why = self.game.why_illegal(ChooseTarget(region), self.seat)
        elif self.mode == "pressure":
            inf = self.view.influence.get(region, {})
            others = sorted((f for f in self.scn.factions if f != self.seat), key=lambda f: -inf.get(f, 0))
            why = self.game.why_illegal(Pressure(region, others[0]), self.seat) if others else None
        elif self.mode.startswith("act:"):
            why = self.game.why_illegal(UseAction(self.mode[4:], region), self.seat)
        else:
            why = None
        why = why or f"{self._target_name(region)} is not a possible choice now"
        return why[0].upper() + why[1:]

    def _button(self, b: kit.Button) -> None:
        if not b.enabled:
            self.flash(b.reason or "Not possible now")
            return
        key = b.key
        self.message = ""
        if key in ("event", "ops") and self.sel_card is not None:
            self.submit(PlayCard(self.sel_card, "event" if key == "event" else "ops"))
        elif key.startswith("mode:"):
            self.mode = key[5:]
            self.armed = None
            self.cursor = -1
            cands = self.candidates()
            if self.mode.startswith("act:"):
                # A faction action without a target is armed at once: confirm to use it.
                untargeted = [a for a in cands if isinstance(a, UseAction) and a.target is None]
                if untargeted:
                    self.armed = untargeted[0]
                    self.flash(self.armed_note(self.armed), error=False)
                    return
            n = len(self.target_regions())
            what = {"influence": "place influence", "pressure": "press"}.get(self.mode, "choose a target")
            if n:
                self.flash(f"Click a marked region to {what} (Tab cycles through them).", error=False)
        elif key == "undo":
            self.undo()
        elif key == "redo":
            self.redo()
        elif key == "boost":
            self.submit(Boost())
        elif key == "done":
            self.submit(EndOps())
        elif key == "choice":
            self._dialogs_force()
        elif key.startswith("target:"):
            a = ChooseTarget(key[7:])
            if self.armed == a:
                self.submit(a)
            else:
                self.armed = a
                self.flash(self.armed_note(a), error=False)
        elif key.startswith("use:"):
            ua = UseAction(self.mode[4:], key[4:])
            if self.armed == ua:
                self.submit(ua)
            else:
                self.armed = ua
                self.flash(self.armed_note(ua), error=False)
        elif key == "confirm" and self.armed is not None:
            self.submit(self.armed)
        elif key == "cancel":
            self.armed = None

    # ------------------------------------------------------------------ draw

    def draw(self, surface: pygame.Surface) -> None:
        v = self.view
        L = self.L
        if L.map.w <= 0:
            return
        hl = region_of(self.scn, self.armed) if self.armed is not None else self._last_region(v)
        try:
            self._map.draw(surface, L.map, v, hover=self.hover_region, targets=tuple(self.target_regions()),
                           highlight=hl)
        except Exception as exc:  # a broken map must not take the game down
            pygame.draw.rect(surface, kit.THEME.c("map_sea"), L.map)
            kit.text(surface, f"(map unavailable: {type(exc).__name__})", L.map.center, anchor="center")
        self._draw_top(surface, v)
        self._draw_right(surface, v)
        self._draw_hand(surface, v)
        if self.app.top is self:  # no tooltip lingers behind a dialog
            self._draw_detail(surface, v)
            self._draw_tooltip(surface, v)
            hints.draw_hint(surface, self)

    def _last_region(self, v: SeatView) -> str | None:
        """The region the latest log line is about (highlighted while others act)."""
        if self.seat is not None or not v.log:
            return None
        data = v.log[-1].data
        for k in ("region", "target"):
            r = data.get(k)
            if isinstance(r, str) and r in self.scn.map.regions:
                return r
        return None

    def _draw_top(self, surface: pygame.Surface, v: SeatView) -> None:
        L = self.L
        pygame.draw.rect(surface, kit.THEME.c("header"), L.top)
        pad = kit.sc(12)
        n = len(self.scn.months)
        parts = [month_name(v.month), f"Turn {v.turn + 1} of {n}"]
        if v.phase == "actions":
            parts.append(f"Round {v.round + 1} of {self.scn.rules.action_rounds}")
        else:
            parts.append(PHASES.get(v.phase, v.phase))
        hint = "F1 help  ·  Esc menu"
        hint_w = kit.FONTS.get("small").size(hint)[0]
        left = kit.text(surface, "  ·  ".join(parts), (pad, L.top.centery), "large", bold=True, anchor="midleft",
                        max_width=int(L.top.w * 0.55))
        room = L.top.right - pad - left.right - 2 * pad
        show_hint = room - hint_w > kit.sc(160)
        if show_hint:
            kit.text(surface, hint, (L.top.right - pad, L.top.centery), "small", kit.THEME.c("muted"),
                     anchor="midright")
            room -= hint_w + pad
        seat = self.acting()
        if seat is not None and room > kit.sc(40):
            who = self.scn.faction(seat).name
            if seat in self.humans:
                msg = f"{who} to act" + (" — you" if seat == self.viewer else "")
            else:
                msg = f"{who} (computer) is playing…"
            col = self.colours.get(seat, kit.THEME.c("text"))
            x = max(left.right + 2 * pad, min(L.map.centerx, L.top.right - pad - room))
            tw = min(kit.FONTS.get("normal", True).size(msg)[0], room - kit.sc(16))
            pill = pygame.Rect(x, L.top.y + kit.sc(6), tw + kit.sc(16), L.top.h - kit.sc(12))
            pygame.draw.rect(surface, col, pill, border_radius=kit.sc(6))  # the seat's colour, text readable on it
            kit.text(surface, msg, (x + kit.sc(8), L.top.centery), "normal", kit.readable_on(col), bold=True,
                     anchor="midleft", max_width=room - kit.sc(16))

    def _section(self, surface: pygame.Surface, rect: pygame.Rect, title: str) -> pygame.Rect:
        kit.panel(surface, rect)
        kit.text(surface, title, (rect.x + kit.sc(10), rect.y + kit.sc(5)), "small", kit.THEME.c("accent"),
                 bold=True)
        return pygame.Rect(rect.x + kit.sc(10), rect.y + kit.sc(24), rect.w - kit.sc(20), rect.h - kit.sc(28))

    def _draw_right(self, surface: pygame.Surface, v: SeatView) -> None:
        L = self.L
        pygame.draw.rect(surface, kit.THEME.c("background"), L.right)
        muted = kit.THEME.c("muted")
        # Factions
        inner = self._section(surface, L.factions, "FACTIONS")
        y = inner.y
        for f in self.scn.factions:
            fac = self.scn.faction(f)
            col = self.colours.get(f, (128, 128, 128))
            pygame.draw.rect(surface, col, pygame.Rect(inner.x, y + kit.sc(3), kit.sc(6), kit.sc(48)))
            x = inner.x + kit.sc(12)
            tag = " (you)" if f == self.viewer else (" (human)" if f in self.humans
                                                     else f" (computer, {self.levels.get(f, 'normal')})")
            kit.text(surface, fac.name + tag, (x, y), "normal", bold=True, max_width=inner.w - kit.sc(80))
            kit.text(surface, f"{v.vp.get(f, 0)} VP", (inner.right, y), "normal", kit.THEME.c("accent"), bold=True,
                     anchor="topright")
            lid = v.leaders.get(f)
            leader = self.scn.leaders.get(lid) if lid else None
            lname = f"{leader.name}, {leader.title}" if leader is not None else "—"
            kit.text(surface, lname, (x, y + kit.sc(18)), "small", muted, max_width=inner.w - kit.sc(12))
            traits = ", ".join(t.name for t in leader.traits) if leader is not None else ""
            numbers = f"Economy {v.economy.get(f, 0)}  ·  {kit.plural(v.hand_sizes.get(f, 0), 'card')}"
            numbers += f"  ·  {traits}" if traits else ""
            kit.text(surface, numbers, (x, y + kit.sc(34)), "small", max_width=inner.w - kit.sc(12))
            y += kit.sc(58)
        # Tracks
        inner = self._section(surface, L.tracks, "TRACKS")
        y = inner.y
        for tid, t in self.scn.tracks.items():
            val = v.tracks.get(tid, t.min)
            kit.text(surface, f"{t.name}", (inner.x, y), "small")
            kit.text(surface, f"{val} / {t.max}", (inner.right, y), "small", bold=True, anchor="topright")
            bar = pygame.Rect(inner.x, y + kit.sc(16), inner.w, kit.sc(8))
            pygame.draw.rect(surface, kit.THEME.c("button"), bar, border_radius=3)
            span = max(1, t.max - t.min)
            fill = bar.copy()
            fill.w = int(bar.w * (val - t.min) / span)
            pygame.draw.rect(surface, kit.THEME.c("accent"), fill, border_radius=3)
            y += kit.sc(30)
        # Calendar
        inner = self._section(surface, L.calendar, "CALENDAR — COMING UP")
        upcoming, ruled_out = hints.calendar_events(self)  # the engine says what can still happen
        y = inner.y
        scoring = [m for m in self.scn.model.scoring.months if m >= v.month]
        months_left = [m for m in self.scn.months if m > v.month]
        line = f"Ends {short_month(self.scn.months[-1])} ({kit.plural(len(months_left), 'more turn')})"
        if scoring:
            line += "  ·  scoring: " + ", ".join(short_month(m) for m in scoring)
        kit.text(surface, line, (inner.x, y), "small", muted, max_width=inner.w)
        y += kit.sc(18)
        lh = kit.FONTS.get("small").get_linesize()
        if not upcoming:
            kit.text(surface, "No more scheduled events.", (inner.x, y), "small", muted)
        for ev in upcoming:
            if y + lh > inner.bottom:
                break
            maybe = " (if…)" if ev.if_ is not None else ""
            kit.text(surface, ev.date, (inner.x, y), "small", kit.THEME.c("accent"))
            kit.text(surface, ev.title + maybe, (inner.x + kit.sc(82), y), "small", max_width=inner.w - kit.sc(82))
            y += lh
        if ruled_out and y + lh <= inner.bottom:
            kit.text(surface, "Ruled out: " + ", ".join(ev.title for ev in ruled_out), (inner.x, y), "small", muted,
                     max_width=inner.w)
        # Log
        who = self.scn.faction(self.viewer).name if self.viewer else "public"
        inner = self._section(surface, L.log, f"LOG — {who.upper()}")
        self._draw_log(surface, inner, v)

    def _draw_log(self, surface: pygame.Surface, inner: pygame.Rect, v: SeatView) -> None:
        font = kit.FONTS.get("small")
        lh = font.get_linesize()
        lines: list[tuple[str, kit.Color, bool]] = []
        first = max(0, len(v.log) - 80)
        mark = self.log_marks.get(self.viewer) if self.viewer is not None and self.seat == self.viewer else None
        for i, e in enumerate(v.log[first:], start=first):
            if mark is not None and i == mark:
                lines.append(("— since your last turn —", kit.THEME.c("target"), True))
            col = kit.THEME.c("text")
            bold = False
            if e.kind == "turn":
                col, bold = kit.THEME.c("accent"), True
            elif e.kind == "event":
                col, bold = kit.THEME.c("accent"), False
            elif e.kind == "event_text":
                col = kit.THEME.c("muted")
            elif e.visible_to is not None:
                col = kit.THEME.c("ok")
            f = kit.FONTS.get("small", bold)
            for ln in kit.wrap(e.text, f, inner.w - kit.sc(8)):
                lines.append((ln, col, bold))
        rows = max(1, inner.h // lh)
        end = max(0, len(lines) - min(self.log_scroll, max(0, len(lines) - rows)))
        start = max(0, end - rows)
        if end < len(lines):
            newer = kit.plural(len(lines) - end, "newer line")
            kit.text(surface, f"↓ {newer} (Down)", (inner.right, inner.y - kit.sc(19)), "small",
                     kit.THEME.c("muted"), anchor="topright")
        y = inner.y
        for ln, col, bold in lines[start:end]:
            kit.text(surface, ln, (inner.x, y), "small", col, bold=bold)
            y += lh

    def _draw_hand(self, surface: pygame.Surface, v: SeatView) -> None:
        L = self.L
        pygame.draw.rect(surface, kit.THEME.c("panel"), L.hand)
        pygame.draw.line(surface, kit.THEME.c("panel_border"), L.hand.topleft, L.hand.topright)
        # Status line: the prompt, or the last message.
        pad = kit.sc(10)
        if self.message:
            col = kit.THEME.c("danger") if self.message_error else kit.THEME.c("target")
            self._draw_status(surface, self.message, col)
        else:
            self._draw_status(surface, self._prompt(v), kit.THEME.c("text"))
        if not v.hand:
            msg = "Cards are hidden while another seat acts." if self.viewer is None else "No cards in hand."
            kit.text(surface, msg, (L.hand.x + pad, L.status.bottom + kit.sc(16)), "normal", kit.THEME.c("muted"))
        for i, c in enumerate(v.hand):
            r = L.cards.get(c)
            if r is not None:
                self._draw_card(surface, c, r, i + 1, c == self.sel_card, c == self.hover_card)
        for b in L.buttons:
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), size="small")

    def _draw_status(self, surface: pygame.Surface, s: str, col: kit.Color) -> None:
        """The status line: one line, or two smaller ones when it does not fit (a crisis warning
        after "Enter to confirm"), cut only at the end of the second."""
        r = self.L.status
        pad = kit.sc(10)
        width = r.w - 2 * pad
        if kit.FONTS.get("normal").size(s)[0] <= width:
            kit.text(surface, s, (r.x + pad, r.centery), "normal", col, anchor="midleft")
            return
        font = kit.FONTS.get("small")
        lines = kit.wrap(s, font, width)
        if len(lines) > 2:
            lines = [lines[0], kit.elide(" ".join(lines[1:]), font, width)]
        lh = font.get_linesize()
        y = r.centery - lh * len(lines) // 2 + kit.sc(1)
        for ln in lines:
            kit.text(surface, ln, (r.x + pad, y), "small", col, max_width=width)
            y += lh

    def _prompt(self, v: SeatView) -> str:
        seat = self.acting()
        kind = self.pending_kind
        p = v.pending
        if seat is None:
            return "The game is over."
        if self.seat is None:
            name = self.scn.faction(seat).name
            last = next((e.text for e in reversed(v.log) if e.kind not in ("event_text",)), "")
            return f"Waiting for {name}…  {last}"
        if kind == "play":
            return "Choose a card (click or 1–9), then play it for its event (E) or operations (O)."
        if isinstance(p, PendingOps) and kind == "ops":
            card = self.scn.cards.get(p.card)
            title = f" from '{card.title}'" if card is not None else ""
            pts = p.points
            what = "place influence (I), press (P), a faction action (its letter), done (D)"
            if pts <= 0:
                what = ("Boost (B) for 1 economy, or Done (D)" if Boost() in self.legal
                        else "a faction action (its letter), or Done (D)")
            return f"{kit.plural(pts, 'operation')} left{title}: {what}."
        if isinstance(p, PendingTarget) and kind == "target":
            card = self.scn.cards.get(p.card)
            title = card.title if card is not None else "the event"
            return f"Choose a target for '{title}' (its text is shown on the map): a marked region, or Tab."
        if kind == "choice":
            return "A decision is waiting: press C to answer it."
        return ""

    def _draw_card(self, surface: pygame.Surface, cid: str, r: pygame.Rect, n: int, selected: bool,
                   hover: bool) -> None:
        card = self.scn.cards[cid]
        bg = kit.THEME.c("card_selected") if selected else kit.THEME.c("card")
        pygame.draw.rect(surface, bg, r, border_radius=kit.sc(6))
        owner_col = self.colours.get(card.owner, (140, 140, 140))
        stripe = pygame.Rect(r.x, r.y, r.w, kit.sc(8))
        pygame.draw.rect(surface, owner_col, stripe, border_top_left_radius=kit.sc(6),
                         border_top_right_radius=kit.sc(6))
        border = kit.THEME.c("focus") if selected else ((255, 255, 255) if hover else (90, 90, 90))
        pygame.draw.rect(surface, border, r, width=3 if selected else 1, border_radius=kit.sc(6))
        ink = kit.THEME.c("card_text")
        pad = kit.sc(6)
        # ops badge
        badge = pygame.Rect(0, 0, kit.sc(24), kit.sc(24))
        badge.topright = (r.right - pad, r.y + kit.sc(12))
        pygame.draw.ellipse(surface, (40, 40, 40), badge)
        kit.text(surface, str(card.ops), badge.center, "normal", (255, 255, 255), bold=True, anchor="center")
        if r.w >= kit.sc(100):
            kit.text(surface, str(n), (r.x + pad, r.y + kit.sc(12)), "small", (110, 110, 110))
        tsize = "normal" if r.w >= kit.sc(140) else "small"
        title_rect = pygame.Rect(r.x + pad, r.y + kit.sc(30), r.w - 2 * pad, kit.sc(56))
        used = kit.text_block(surface, card.title, title_rect, tsize, ink, bold=True, max_lines=3)
        y = title_rect.y + used + kit.sc(2)
        owner = "Neutral" if card.owner == "neutral" else self.scn.faction(card.owner).name
        kit.text(surface, owner, (r.x + pad, y), "small", owner_col if card.owner != "neutral" else (90, 90, 90),
                 bold=True, max_width=r.w - 2 * pad)
        y += kit.sc(18)
        body = pygame.Rect(r.x + pad, y, r.w - 2 * pad, r.bottom - y - pad)
        if body.h > kit.sc(14):
            lh = kit.FONTS.get("small").get_linesize()
            kit.text_block(surface, card.text, body, "small", (50, 50, 50), max_lines=max(1, body.h // lh))

    def _draw_detail(self, surface: pygame.Surface, v: SeatView) -> None:
        cid = self.hover_card
        # a card event waiting for its target: its text, so the player knows what the target is for
        aiming = v.pending.card if isinstance(v.pending, PendingTarget) and self.pending_kind == "target" else None
        if cid is None and aiming in self.scn.cards:
            cid = aiming
        elif cid is None and not self.L.map.collidepoint(self.app.mouse):
            cid = self.sel_card
        if cid is None or (cid not in v.hand and cid != aiming):
            return
        card = self.scn.cards[cid]
        L = self.L
        w = min(kit.sc(420), L.map.w - kit.sc(20))
        body_w = w - kit.sc(24)
        meta = hints.card_meta(self, cid)
        reason = None
        if self.pending_kind == "play":
            ev = PlayCard(cid, "event")
            if ev not in self.legal:
                reason = self.game.why_illegal(ev, self.seat)
        reason = ". ".join(x for x in (reason, hints.card_note(self, cid)) if x) or None
        note_col = kit.THEME.c("danger")
        if cid == aiming:
            does = ", ".join(hints.describe_effects(self.scn, card.effects, "you"))
            reason = "Choose its target: a marked region on the map" + (", or a button" if any(
                b.key.startswith("target:") for b in L.buttons) else "") + "." + (f" It does: {does}." if does else "")
            note_col = kit.THEME.c("target")
        h = kit.sc(16) + kit.block_height(card.title, body_w, "large", True) + kit.block_height(meta, body_w, "small")
        h += kit.block_height(card.text, body_w) + kit.sc(16)
        if reason:
            h += kit.block_height(reason, body_w, "small") + kit.sc(6)
        r = pygame.Rect(L.map.x + kit.sc(10), L.map.bottom - h - kit.sc(10), w, h)
        r.y = max(r.y, kit.sc(2))  # a long card on a small window: all of it, over the header if need be
        if cid == aiming and cid != self.hover_card and r.collidepoint(self.app.mouse):
            return  # out of the way of the regions under it while the pointer is there
        kit.panel(surface, r, "panel", "accent")
        inner = r.inflate(-kit.sc(24), -kit.sc(16))
        y = inner.y
        y += kit.text_block(surface, card.title, pygame.Rect(inner.x, y, inner.w, inner.h), "large", bold=True)
        y += kit.text_block(surface, meta, pygame.Rect(inner.x, y, inner.w, inner.bottom - y), "small",
                            kit.THEME.c("muted"))
        y += kit.sc(6)
        y += kit.text_block(surface, card.text, pygame.Rect(inner.x, y, inner.w, inner.bottom - y))
        if reason:
            kit.text_block(surface, reason, pygame.Rect(inner.x, y + kit.sc(6), inner.w, inner.bottom - y), "small",
                           note_col)

    def _draw_tooltip(self, surface: pygame.Surface, v: SeatView) -> None:
        rid = self.hover_region
        anchor: tuple[int, int] | None = self.app.mouse
        if rid is None or not self.L.map.collidepoint(self.app.mouse):
            # keyboard play: describe the armed region, next to it on the map
            rid = region_of(self.scn, self.armed) if self.armed is not None else None
            fn = getattr(self._map, "region_point", None)
            anchor = fn(rid) if (rid is not None and fn is not None) else None
            if rid is None or anchor is None:
                return
        reg = self.scn.map.regions[rid]
        lines = [(reg.name + ("  ★ battleground" if reg.battleground else ""), True)]
        bloc = next((b.name for b in self.scn.map.model.blocs if b.id == reg.bloc), reg.bloc)
        lines.append((f"{bloc}  ·  stability {v.stability.get(rid, reg.stability)}", False))
        if reg.members:
            lines.append(("Member of: " + ", ".join(m.upper() for m in reg.members), False))
        inf = v.influence.get(rid, {})
        parts = [f"{self.scn.faction(f).name} {inf.get(f, 0)}" for f in self.scn.factions if inf.get(f, 0)]
        lines.append(("Influence: " + (", ".join(parts) if parts else "none"), False))
        ctl = v.control.get(rid)
        lines.append((f"Controlled by {self.scn.faction(ctl).name}" if ctl else "Not controlled", False))
        font = kit.FONTS.get("small")
        w = max(kit.FONTS.get("small", bold).size(t)[0] for t, bold in lines) + kit.sc(20)
        h = len(lines) * font.get_linesize() + kit.sc(12)
        x, y = anchor if anchor is not None else self.app.mouse
        r = pygame.Rect(x + kit.sc(16), y + kit.sc(16), w, h)
        r.clamp_ip(self.L.map)
        kit.panel(surface, r, "panel", "panel_border")
        yy = r.y + kit.sc(6)
        for t, bold in lines:
            kit.text(surface, t, (r.x + kit.sc(10), yy), "small", bold=bold)
            yy += font.get_linesize()

    # helpers for tests and the keyboard -------------------------------------------------

    def region_point(self, rid: str) -> tuple[int, int] | None:
        """A screen point inside region ``rid`` on the map (None when not found)."""
        fn = getattr(self._map, "region_point", None)
        if fn is not None:
            try:
                p = fn(rid)
                if p is not None and self.region_at(tuple(p)) == rid:
                    return (int(p[0]), int(p[1]))
            except Exception:
                pass
        m = self.L.map
        step = max(4, min(m.w, m.h) // 80)
        for yy in range(m.y + 1, m.bottom, step):
            for xx in range(m.x + 1, m.right, step):
                if self.region_at((xx, yy)) == rid:
                    return (xx, yy)
        return None

    def card_point(self, cid: str) -> tuple[int, int] | None:
        r = self.L.cards.get(cid)
        return r.center if r else None
