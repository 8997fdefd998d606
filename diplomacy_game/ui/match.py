"""A match in progress, without pygame: seats and the hand-off policy, the computer seats' jobs
(the slow levels on a worker thread), autosave, undo and redo, F5 reload and the catch-up points.

The match is the screen's only door to the engine: the screen draws from one ``SeatView``
(``Match.view``) and asks the match for the engine's explanations (the calendar's outlook,
crisis warnings, a pressure roll's odds, a card's operations for the seat at the screen).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .. import saves
from ..ai import LEVELS, Player, make_player
from ..engine import Game, PendingChoice
from ..engine.actions import Action, Boost, EndOps, PlayCard, parse_action
from ..engine.deck import hand_size
from ..engine.operations import PressureRoll, card_ops, pressure_roll
from ..engine.outlook import (
    ChoiceOutcome,
    Crisis,
    choice_outcomes,
    crises,
    crisis_warnings,
    event_can_fire,
    opponent_event,
    pressure_follow_up,
)
from ..engine.recap import RecapStep, recap
from ..engine.scoring import BlocScore
from ..engine.undo import History
from ..engine.view import SeatView
from ..scenario import models as m
from ..scenario.diagnostics import ContentError
from ..scenario.loader import Scenario, load_scenario
from .moments_log import MatchMoments, Milestone, Moment, milestone_flags

__all__ = ["AIJob", "Match", "Milestone", "Moment", "Reloaded", "milestone_flags", "seat_level"]

DEFAULT_LEVEL = "normal"
SLOW_LEVELS = (*LEVELS, "random")  # every level decides on a worker thread: the window never waits


def same_state(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    """Whether two ``Match.state_key`` values name the same state (objects by identity, counts by value)."""
    return len(a) == len(b) and all(x is y for x, y in zip(a[:-1], b[:-1], strict=True)) and a[-1] == b[-1]


def seat_level(who: str) -> str:
    """The AI level of a seat spec ('ai', 'ai:hard', ...)."""
    level = who.partition(":")[2]
    return level if level in (*LEVELS, "random") else DEFAULT_LEVEL


@dataclass
class AIJob:
    """A computer seat's decision in progress (on a worker thread for the slow levels)."""

    seat: str
    legal: list[Action]
    result: list[object] = field(default_factory=list)
    thread: threading.Thread | None = None

    def done(self) -> bool:
        return bool(self.result)


@dataclass(frozen=True)
class Reloaded:
    """What F5 did: a note for the status line, or the errors that left the game unchanged."""

    note: str = ""
    title: str = ""
    errors: tuple[str, ...] = ()


Notify = Callable[[str, bool], None]  # (message, is_error): the screen's status line


class Match(MatchMoments):
    """Seats, the game and its history, and who sits at the screen now."""

    def __init__(self, scenario: Scenario, seats: dict[str, str], seed: int = 1, *, game: Game | None = None,
                 ui_state: dict[str, Any] | None = None, persist: Callable[[], bool] = lambda: True,
                 notify: Notify | None = None) -> None:
        self.scn = scenario
        self.seed = seed
        self.persist = persist  # whether autosaves are written (the app's setting, read each time)
        self.notify: Notify = notify or (lambda _text, _error: None)
        # undo and redo of the seat at the screen (a loaded game's moves are replayed into it)
        self.history = History.rebuilt(game) if game is not None else History(Game.new(scenario, seed))
        self.game = self.history.game
        self.autosaved_turn: int | None = None
        self.seats = {f: (seats.get(f) or "ai") for f in scenario.factions}
        self.humans = [f for f in scenario.factions if self.seats[f].startswith("human")]
        self.levels = {f: seat_level(self.seats[f]) for f in scenario.factions if f not in self.humans}
        self.players: dict[str, Player] = {f: make_player(self.levels[f], seed * 7919 + i)
                                           for i, f in enumerate(scenario.factions) if f not in self.humans}
        self.ai_job: AIJob | None = None
        self.revealed: str | None = None  # the human seat that accepted the hand-off
        self.ai_timer = 0.0
        self.ended = False
        self.viewer: str | None = None
        self.view: SeatView = self.game.view(None)
        self.seat: str | None = None  # the seat the player at the screen acts for now
        self.legal: list[Action] = []
        self.seen_events: dict[str, int] = {}
        self.log_marks: dict[str, int] = {}
        self.move_marks: dict[str, int] = {}  # where each human seat left off: the catch-up's start
        self.moment_marks: dict[str, int] = {}  # how much of the public log each seat's moments cover
        self._scores: tuple[int, list[BlocScore]] = (-1, [])
        # the calendar's outlook of the state it was worked out for (see ``calendar``)
        self._calendar: tuple[tuple[object, ...], tuple[list[m.Event], list[m.Event]]] | None = None
        self.milestone_words = milestone_flags(scenario)
        self.milestones: list[Milestone] = []  # where each milestone flag was set, in order
        self.ui_extra: dict[str, Any] = {}  # what scenes keep in a save ({"tutorial": True}: the guide is on)
        self._restore_ui(ui_state or {})
        if game is not None and not (ui_state or {}).get("moment_marks"):
            # a game saved before moments were kept: its past moments are not shown again
            self.moment_marks = {f: len(self.game.view(None).log) for f in self.humans}

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

    def spectating(self) -> bool:
        """Whether the screen shows another view than the one it should while a computer acts."""
        return self.seat is not None or self.viewer != (self.humans[0] if len(self.humans) == 1 else None)

    def public_view(self) -> SeatView:
        return self.game.view(None)

    def view_for(self, seat: str) -> SeatView:
        return self.game.view(seat)

    def is_over(self) -> bool:
        return self.game.is_over()

    def why_illegal(self, action: Action) -> str | None:
        """Why the seat at the screen may not do ``action`` now (None: it may)."""
        if self.seat is None:
            return "it is not your turn"
        return self.game.why_illegal(action, self.seat)

    def apply(self, action: Action) -> None:
        """Apply a legal ``action`` for the seat at the screen (checked by the caller)."""
        assert self.seat is not None
        before = self._probe()
        self.history.apply(action, self.seat)
        self._note_milestones(before)
        self.save_live()
        self.refresh()

    def accept_handoff(self, seat: str) -> None:
        self.revealed = seat
        self.refresh()

    def end(self) -> None:
        self.ended = True
        self.revealed = None
        self.refresh()

    # ------------------------------------------------------------------ computer seats

    def ai_step(self, seat: str, dt: float, delay: float) -> bool:
        """Advance the computer ``seat``: start its job, and apply its move once done and ``delay``
        seconds have passed. True when a move was applied."""
        self.ai_timer += dt
        if self.ai_job is None or self.ai_job.seat != seat:
            self.ai_job = self._start_ai(seat)
        job = self.ai_job
        if not (job.done() and self.ai_timer >= delay):
            return False
        self.ai_timer = 0.0
        self.ai_job = None
        action = job.result[0]
        if not isinstance(action, Action) or action not in job.legal:
            action = job.legal[0]  # a failing computer player must not stop the game
        before = self._probe()
        self.history.apply(action, seat)
        self._note_milestones(before)
        self.save_live()
        self.refresh()
        return True

    def _start_ai(self, seat: str) -> AIJob:
        """Ask the seat's computer player for its move: from its own view and legal actions only."""
        view = self.game.view(seat)
        legal = self.game.legal_actions(seat)
        job = AIJob(seat, legal)
        player = self.players[seat]
        scn = self.scn

        def work() -> None:
            try:
                job.result.append(player.choose(scn, view, legal))
            except Exception as exc:  # reported by falling back to a legal action
                job.result.append(exc)

        if self.levels.get(seat) in SLOW_LEVELS and len(legal) > 1:
            job.thread = threading.Thread(target=work, name=f"ai-{seat}", daemon=True)
            job.thread.start()
        else:
            work()
        return job

    # ------------------------------------------------------------------ F5, catch-up, undo

    def reload(self) -> Reloaded:
        """Read the scenario again from disk and replay this game's moves on it."""
        try:
            scn = load_scenario(self.scn.path)
        except ContentError as exc:
            return Reloaded(title="The scenario has errors; the game goes on unchanged",
                            errors=tuple(d.format() for d in exc.diagnostics))
        except OSError as exc:
            return Reloaded(title="The scenario cannot be read", errors=(str(exc),))
        moves = [(str(mv[0]), str(mv[1])) for mv in self.game.to_json()["moves"]]
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
        self._drop_milestones()
        self.ai_job = None
        self.revealed = None
        self.refresh()
        return Reloaded(note=note)

    def recap_since(self, seat: str, *, automatic: bool) -> list[RecapStep] | None:
        """The other seats' moves since ``seat``'s last turn (None: no mark, for an automatic one)."""
        start = self.move_marks.get(seat)
        if start is None:
            if automatic:
                return None
            start = 0
        moves = self.game.state.moves
        if automatic and 0 < start <= len(moves) and moves[start - 1][0] == seat:
            start -= 1  # the seat's last move: what followed it (a reveal, the upkeep) it may not have seen
        steps = recap(self.scn, self.seed, moves, start, seat)
        if not automatic:
            return steps
        return [s for s in steps if s.mover != seat or s.part > 0
                or any(e.kind in ("reveal", "headline_reveal") for e in s.lines)]

    def can_undo(self) -> bool:
        return self.seat is not None and self.history.can_undo(self.seat)

    def can_redo(self) -> bool:
        return self.seat is not None and self.history.can_redo(self.seat)

    def undo_block(self) -> str | None:
        return self.history.last_block

    def undo(self) -> str:
        """Take back the seat's last move; its text form."""
        move = self.history.undo()
        self._drop_milestones()
        self.save_live()
        self.refresh()
        return move

    def redo(self) -> str:
        before = self._probe()
        move = self.history.redo()
        self._note_milestones(before)
        self.save_live()
        self.refresh()
        return move

    def move_words(self, text: str, describe: Callable[[Action], str]) -> str:
        """A move's text form in words: 'playing Gulf Security Talks for its operations'."""
        a = parse_action(text)
        if isinstance(a, PlayCard):
            card = self.scn.cards.get(a.card)
            what = "its event" if a.mode == "event" else "its operations"
            return f"playing {card.title if card else a.card} for {what}"
        if isinstance(a, EndOps):
            return "ending your operations"
        if isinstance(a, Boost):
            return "the boost (+1 operation for 1 economy)"
        words = describe(a)
        return words[:1].lower() + words[1:]

    # ------------------------------------------------------------------ saves

    def ui_state(self) -> dict[str, Any]:
        """What a save keeps of the screen besides the game: where each seat left off."""
        return {"log_marks": dict(self.log_marks), "move_marks": dict(self.move_marks),
                "seen_events": dict(self.seen_events), "moment_marks": dict(self.moment_marks),
                "milestones": [[x.flag, x.start, x.end, x.turn] for x in self.milestones],
                **({"tutorial": True} if self.ui_extra.get("tutorial") else {})}

    def _restore_ui(self, data: dict[str, Any]) -> None:
        for name in ("log_marks", "move_marks", "seen_events", "moment_marks"):
            val = data.get(name)
            if isinstance(val, dict):
                marks: dict[str, int] = getattr(self, name)
                marks.update({str(k): int(v) for k, v in val.items() if k in self.scn.factions and isinstance(v, int)})
        if data.get("tutorial") is True:
            self.ui_extra["tutorial"] = True
        rows = data.get("milestones")
        if isinstance(rows, list):
            for row in rows:
                if (isinstance(row, list) and len(row) == 4 and row[0] in self.milestone_words
                        and all(isinstance(v, int) and v >= 0 for v in row[1:]) and row[1] < row[2]):
                    self.milestones.append(Milestone(str(row[0]), int(row[1]), int(row[2]), int(row[3])))

    def save(self) -> str:
        """Save to a new file in the saves folder; its name (raises saves.SaveError)."""
        self.flush_live()
        return saves.save_game(self.game, self.seats, ui=self.ui_state()).name

    def autosave(self) -> str | None:
        """Write an autosave now; the file's name, or None (and no exception) if it failed."""
        if self.ended or not self.persist():
            return None
        self.flush_live()
        try:
            return saves.autosave(self.game, self.seats, ui=self.ui_state()).name
        except saves.SaveError as exc:
            self.notify(f"Autosave failed: {exc.message}", True)
            return None

    def save_live(self) -> None:
        """After every move (and undo): the running game's file, for a resume after a crash.

        Only handed to the background writer here (a constant cost per move); a write that
        failed is told at the next move or flush."""
        if not self.persist():
            return
        try:
            saves.save_live(self.game, self.seats, ui=self.ui_state())
        except saves.SaveError as exc:
            self.notify(f"Autosave failed: {exc.message}", True)

    def flush_live(self) -> None:
        """Wait until the running game's file holds every move (on save, autosave and quit)."""
        try:
            saves.flush_live()
        except saves.SaveError as exc:
            self.notify(f"Autosave failed: {exc.message}", True)

    def autosave_each_turn(self) -> None:
        if self.autosaved_turn != self.game.state.turn:
            self.autosaved_turn = self.game.state.turn
            self.autosave()

    def new_events(self, seat: str | None) -> list[str]:
        """The timeline events ``seat`` has not been shown yet (marked as shown now), from its own
        view's log (also while another seat's or the public view is on the screen). For None (the
        table in hot seat, before any seat took the screen): those some human seat has not been
        shown, marked as shown to all (events are public)."""
        if seat is None:
            out: list[str] = []
            for s in self.humans:
                out += [e for e in self.new_events(s) if e not in out]
            return out
        seen = self.seen_events.get(seat, 0)
        log = self.view.log if seat == self.viewer else self.game.view(seat).log
        self.seen_events[seat] = len(log)
        return [str(e.data.get("event")) for e in log[seen:] if e.kind == "event"]

    def first_new_event(self, seat: str | None) -> int | None:
        """Where in the public log the first timeline event not shown to ``seat`` yet is (None: to
        some human seat; None when there is none): the moments after it wait for its dialog."""
        public = self.game.view(None).log
        firsts: list[int] = []
        for s in [seat] if seat is not None else self.humans:
            log = self.view.log if s == self.viewer else self.game.view(s).log
            e = next((x for x in log[self.seen_events.get(s, 0):] if x.kind == "event"), None)
            if e is not None:
                firsts.append(next(i for i, x in enumerate(public) if x is e))
        return min(firsts, default=None)

    def deciding_event(self) -> bool:
        """Whether the decision waiting is a choice on a timeline event: part of the event (its
        dialog tells the pick), not a move after it."""
        p = self.game.state.pending
        return isinstance(p, PendingChoice) and p.source == "event"

    def at_screen(self) -> str | None:
        """The human seat whose player sits at the screen now (also just after its move, until
        the hand-off to the next), or None."""
        if self.viewer is not None:
            return self.viewer
        return self.revealed if self.revealed in self.humans else None

    # ------------------------------------------------------------------ the engine's explanations

    def calendar(self) -> tuple[list[m.Event], list[m.Event]]:
        """(events still to come that can fire, events that can no longer happen), in date order."""
        st = self.game.state
        key = self.state_key()
        cached = self._calendar
        if cached is not None and same_state(cached[0], key):
            can, never = cached[1]
            return list(can), list(never)
        ahead = list(self.scn.events[st.event_cursor:])
        can = [ev for ev in ahead if event_can_fire(self.scn, st, ev.id)]
        never = [ev for ev in ahead if ev not in can]
        self._calendar = (key, (can, never))
        return list(can), list(never)

    def state_key(self) -> tuple[object, ...]:
        """What tells one state of this match from another, cheaply: the scenario, the game and its
        state objects (held, so never confused with a later one at the same address), the moves
        made (their number and the last one), the log's length and the event cursor. The game
        changes only by moves (an undo or a reload puts another state in place), so the same key
        means the same state; a direct edit of the state (tests, tools) is not seen."""
        st = self.game.state
        last = tuple(st.moves[-1]) if st.moves else None
        return (self.scn, self.game, st, (len(st.moves), last, len(st.log), st.event_cursor, st.turn))

    def crisis_tracks(self, action: Action) -> list[str]:
        """The tracks ``action`` of the seat at the screen would push to their crisis."""
        return crisis_warnings(self.scn, self.game.state, self.seat, action) if self.seat is not None else []

    def crises(self, action: Action) -> list[Crisis]:
        """The crises ``action`` of the seat at the screen would set off, each with what it would
        do as things stand (the engine's ``outlook.crises``)."""
        return crises(self.scn, self.game.state, self.seat, action) if self.seat is not None else []

    def card_ops(self, cid: str) -> int:
        """The operations ``cid`` gives the seat at the screen (the card's own without a seat)."""
        if self.seat is None:
            return int(self.scn.cards[cid].ops)
        return card_ops(self.scn, self.game.state, self.seat, cid)

    def hand_size(self, faction: str) -> int:
        return hand_size(self.scn, self.game.state, faction)

    def pressure_roll(self, region: str, faction: str) -> PressureRoll | None:
        if self.seat is None:
            return None
        return pressure_roll(self.scn, self.game.state, self.seat, region, faction)

    def pressure_follow_up(self, region: str) -> list[m.Effect]:
        """What a pressure of the seat at the screen in ``region`` does besides its roll (in a
        battleground, the scenario's effects: the engine's ``outlook.pressure_follow_up``)."""
        return pressure_follow_up(self.scn, self.game.state, self.seat, region) if self.seat is not None else []

    def choice_outcomes(self) -> list[ChoiceOutcome]:
        return choice_outcomes(self.scn, self.game.state) if self.seat is not None else []

    def opponent_event(self, cid: str) -> str | None:
        """The faction whose event fires if the seat at the screen plays ``cid`` for operations
        (None also when that event cannot take effect now: the engine's ``outlook.opponent_event``)."""
        return opponent_event(self.scn, self.game.state, self.seat, cid) if self.seat is not None else None
