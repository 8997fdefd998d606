"""The big moments of a match, from the public log only: scorings, the reveals of secret
choices and the milestones (a flag the factions play for being set, e.g. the treaty signed),
with the step of the game that set each. A mixin of ``Match`` (no pygame)."""

from __future__ import annotations

from dataclasses import dataclass

from ..engine import Game
from ..engine.game import score_history
from ..engine.scoring import BlocScore
from ..engine.state import LogEntry
from ..scenario import models as m
from ..scenario.loader import Scenario

# Where a moment's lines stop: the next step of the game (a new month, an event, another scoring).
_MOMENT_END = frozenset({"turn", "upkeep", "event", "event_skipped", "score", "reveal", "choice_open", "game_over",
                         "final", "draw", "draw_count"})

# Where a headline reveal's lines stop: its events have fired when the first action round starts.
_HEADLINE_END = frozenset({"play_event", "play_ops", "faction_action", "discard"})


# Where a timeline event's outcome stops: the next step of the game (another event, a new month,
# the hands dealt, a seat's move, the upkeep, a scoring, the end).
_EVENT_END = frozenset({"event", "event_skipped", "turn", "upkeep", "draw", "draw_count", "deck", "play_event",
                        "play_ops", "opponent_event", "faction_action", "discard", "boost", "pass", "headline_open",
                        "headline_pick", "headline_pick_own", "headline_reveal", "score", "final"})
# Lines of an event's step the calendar dialog already shows (the title and the text).
_EVENT_TOLD = frozenset({"event", "event_text"})


def event_outcome(log: tuple[LogEntry, ...], event_id: str) -> tuple[LogEntry, ...]:
    """What timeline event ``event_id`` did, in the log's own lines (its rolls, the choices made
    on it, the tracks, VP and leaders it changed): the lines after its last firing up to the next
    step of the game, without its title and text. Empty when it has not fired in ``log``."""
    start = next((i for i in range(len(log) - 1, -1, -1)
                  if log[i].kind == "event" and log[i].data.get("event") == event_id), None)
    if start is None:
        return ()
    out: list[LogEntry] = []
    for e in log[start + 1:]:
        if e.kind in _EVENT_END:
            break
        if e.kind not in _EVENT_TOLD:
            out.append(e)
    return tuple(out)


@dataclass(frozen=True)
class Moment:
    """A big moment for its own screen, from the public log only: a scoring (every bloc's
    breakdown), the reveal of a secret choice (each side's pick and what followed) or a milestone
    (a flag the factions play for being set, e.g. the treaty signed, with the step that did it)."""

    kind: str  # "score" | "reveal" | "headline" | "milestone" | "leader" | "crisis"
    turn: int
    lines: tuple[LogEntry, ...]  # the public log lines it is made of
    scores: tuple[BlocScore, ...] = ()  # a scoring: each bloc's breakdown
    picks: tuple[tuple[str, str], ...] = ()  # a reveal: (faction, option id), in the choice's order;
    # a headline: (faction, card id), in the order picked
    source: tuple[str, str] | None = None  # a reveal: the choice's (source, id)
    milestone: str = ""  # a milestone (or a reveal that brought one): what happened, "Treaty signed"
    leader: tuple[str, str] | None = None  # a leader change: (faction, leader id)
    cause: str = ""  # a leader change: the title of the event or card that brought it; a crisis: the
    # log line of the step that set it off


# Where a milestone's lines start: a new step of the game with a source (an event, a card, an
# action, a reveal) or a new month, the upkeep and the end.
_STEP_HEADS = frozenset({"event", "play_event", "play_ops", "opponent_event", "faction_action", "reveal",
                         "choice_open", "turn", "upkeep", "score", "game_over", "final"})


def _lines_end(log: tuple[LogEntry, ...], i: int) -> int:
    """Where the lines told with log line ``i`` (a leader change, a crisis) end: at the next step
    of the game, the next moment's line, or the next line of the same kind."""
    j = i + 1
    while j < len(log) and log[j].kind not in _MOMENT_END and log[j].kind not in _STEP_HEADS \
            and log[j].kind != log[i].kind:
        j += 1
    return j


def _step_head(log: tuple[LogEntry, ...], i: int) -> int | None:
    """The line that starts the step of the game log line ``i`` is part of (None: none before it)."""
    return next((k for k in range(i - 1, -1, -1) if log[k].kind in _STEP_HEADS), None)


def _sets_flag(node: object, flag: str) -> bool:
    """Whether scenario content ``node`` (a card, an event, nested effects) can set ``flag``."""
    if isinstance(node, m.EFlag):
        return node.flag.set == flag
    if isinstance(node, m.Model):
        return any(_sets_flag(getattr(node, k), flag) for k in type(node).model_fields)
    if isinstance(node, list | tuple):
        return any(_sets_flag(x, flag) for x in node)
    if isinstance(node, dict):
        return any(_sets_flag(x, flag) for x in node.values())
    return False


def milestone_flags(scn: Scenario) -> dict[str, str]:
    """The flags whose setting is a big moment for every seat: those a faction's computer player
    values (the scenario's own word for what is at stake, e.g. the treaty), each with its words
    (the scenario's report label when it has one: "Treaty signed")."""
    labels = {r.flag: str(r.label) for r in scn.model.report if r.flag}
    out: dict[str, str] = {}
    for f in scn.model.factions:
        for flag, value in f.ai.flags.items():
            if value and flag not in out:
                words = labels.get(flag) or flag.replace("_", " ")
                out[flag] = words[:1].upper() + words[1:]
    return out


@dataclass(frozen=True)
class Milestone:
    """Where a milestone flag was set: its public log lines [start, end) and the month."""

    flag: str
    start: int
    end: int
    turn: int


class MatchMoments:
    """Where each milestone was set, and the moments each seat has not been shown yet."""

    scn: Scenario
    seed: int
    game: Game
    milestone_words: dict[str, str]
    milestones: list[Milestone]
    moment_marks: dict[str, int]
    _scores: tuple[int, list[BlocScore]]

    def _probe(self) -> tuple[int, frozenset[str]]:
        """(length of the public log, the milestone flags set now)."""
        st = self.game.state
        return len(self.game.view(None).log), frozenset(f for f in self.milestone_words if st.has_flag(f))

    def _note_milestones(self, before: tuple[int, frozenset[str]]) -> None:
        """After a move: where a milestone flag it set was set (the step of the move that did)."""
        n, had = before
        if not self.milestone_words:
            return
        after_n, has = self._probe()
        new = sorted(has - had)
        if not new:
            return
        log = self.game.view(None).log
        for flag in new:
            lo, hi = self._milestone_lines(log, n, after_n, flag)
            self.milestones.append(Milestone(flag, lo, hi, log[lo].turn if lo < len(log) else self.game.state.turn))

    def _milestone_lines(self, log: tuple[LogEntry, ...], lo: int, hi: int, flag: str) -> tuple[int, int]:
        """The step among the public lines [lo, hi) of one move whose source (an event, a card, an
        action, a choice) can set ``flag``: the last such step, as the flag is set once."""
        heads = [i for i in range(lo, hi) if log[i].kind in _STEP_HEADS]
        if not heads or heads[0] != lo:
            heads.insert(0, lo)
        ends = [*heads[1:], hi]
        for start, end in reversed(list(zip(heads, ends, strict=True))):
            holder = self._step_source(log, start)
            if holder is not None and _sets_flag(holder, flag):
                return start, end
        return lo, min(hi, ends[0])

    def _step_source(self, log: tuple[LogEntry, ...], i: int) -> object | None:
        """The scenario content behind the step that starts at log line ``i`` (None: none)."""
        e, scn = log[i], self.scn
        if e.kind == "event":
            return scn.event_index.get(str(e.data.get("event")))
        if e.kind in ("play_event", "opponent_event"):
            return scn.cards.get(str(e.data.get("card")))
        if e.kind == "faction_action":
            return next((a for a in scn.model.faction_actions if a.id == e.data.get("action")), None)
        if e.kind == "reveal":
            e = next((x for x in reversed(log[:i]) if x.kind == "choice_open"), e)
        if e.kind == "choice_open":
            sid = str(e.data.get("id"))
            return scn.event_index.get(sid) if e.data.get("source") == "event" else scn.cards.get(sid)
        return None

    def milestone_of(self, lines: tuple[LogEntry, ...]) -> str:
        """The milestone a catch-up step tells ("Treaty signed"), or ""."""
        log = self.game.view(None).log
        for x in self.milestones:
            part = log[x.start:x.end]
            if part and all(e in lines for e in part):
                return self.milestone_words.get(x.flag, x.flag)
        return ""

    def _drop_milestones(self) -> None:
        """After an undo or a reload: the milestones the game no longer holds are forgotten."""
        n, has = self._probe()
        self.milestones = [x for x in self.milestones if x.end <= n and x.flag in has]

    def scores(self) -> list[BlocScore]:
        """Every bloc scoring so far (the engine replays the game; cached per move)."""
        n = len(self.game.state.moves)
        if self._scores[0] != n:
            self._scores = (n, score_history(self.scn, self.seed, self.game.state.moves))
        return self._scores[1]

    def new_moments(self, seat: str, until: int | None = None) -> list[Moment]:
        """The scorings, the milestones (the treaty signed, however it happened), the leader changes
        and the reveals of secret choices ``seat`` took part in, that it has not been shown yet
        (marked as shown now), of the public log's lines before ``until`` (None: all).
        Only public log lines: safe for any seat."""
        log = self.game.view(None).log
        if until is not None:
            log = log[:until]
        start = self.moment_marks.get(seat, 0)
        if start >= len(log):
            if until is None:
                self.moment_marks[seat] = len(log)
            return []
        self.moment_marks[seat] = len(log)
        return [mo for _i, mo in sorted(self._moments(log, start, seat) + self._leaders(log, start),
                                        key=lambda x: x[0])]

    def _leaders(self, log: tuple[LogEntry, ...], start: int) -> list[tuple[int, Moment]]:
        """The leader changes among the public lines from ``start``, each with where it is in the log,
        the lines that tell it (up to the next step of the game) and what brought it."""
        out: list[tuple[int, Moment]] = []
        for i in range(start, len(log)):
            e = log[i]
            if e.kind != "leader":
                continue
            j = _lines_end(log, i)
            head = _step_head(log, i)
            holder = self._step_source(log, head) if head is not None else None
            out.append((i, Moment("leader", e.turn, tuple(log[i:j]),
                                  leader=(str(e.data.get("faction")), str(e.data.get("leader"))),
                                  cause=str(getattr(holder, "title", "") or ""))))
        return out

    def _moments(self, log: tuple[LogEntry, ...], start: int, seat: str) -> list[tuple[int, Moment]]:
        """The scorings, milestones and reveals among the public lines from ``start``, each with
        where it starts in the log."""
        out: list[tuple[int, Moment]] = []
        n_score = sum(1 for e in log[:start] if e.kind == "score")
        # the milestones not shown yet, by where their lines start (every seat sees them)
        marks = {x.start: x for x in self.milestones if start <= x.start < len(log)}
        i = start
        while i < len(log):
            e = log[i]
            ms = marks.pop(i, None)
            if e.kind == "score":
                j = i
                while j < len(log) and log[j].kind == "score" and log[j].turn == e.turn:
                    j += 1
                scores = self.scores()
                out.append((i, Moment("score", e.turn, tuple(log[i:j]), tuple(scores[n_score:n_score + j - i]))))
                n_score += j - i
                i = j
                continue
            picks = e.data.get("picks") if e.kind == "headline_reveal" else None
            if isinstance(picks, dict) and seat in picks:  # the month's headlines (rules.headline)
                j = i + 1
                while j < len(log) and log[j].kind not in _MOMENT_END and log[j].kind not in _HEADLINE_END:
                    j += 1
                out.append((i, Moment("headline", e.turn, tuple(log[i:j]),
                                      picks=tuple((str(f), str(c)) for f, c in picks.items()),
                                      milestone=self.milestone_words.get(ms.flag, "") if ms else "")))
                i = j
                continue
            picks = e.data.get("picks") if e.kind == "reveal" else None
            if isinstance(picks, dict) and seat in picks:
                j = i + 1
                while j < len(log) and log[j].kind not in _MOMENT_END:
                    j += 1
                opened = next((x for x in reversed(log[:i]) if x.kind == "choice_open"), None)
                source = (str(opened.data.get("source")), str(opened.data.get("id"))) if opened else None
                out.append((i, Moment("reveal", e.turn, tuple(log[i:j]),
                                      picks=tuple((str(f), str(o)) for f, o in picks.items()), source=source,
                                      milestone=self.milestone_words.get(ms.flag, "") if ms else "")))
                i = j
                continue
            if e.kind == "crisis":  # a track at its maximum: what it cost, who set it off, after what
                j = _lines_end(log, i)
                head = _step_head(log, i)
                cause = log[head].text if head is not None and log[head].turn == e.turn else ""
                out.append((i, Moment("crisis", e.turn, tuple(log[i:j]), cause=cause)))
                i = j
                continue
            if ms is not None:
                out.append((i, Moment("milestone", ms.turn, tuple(log[ms.start:min(ms.end, len(log))]),
                                      milestone=self.milestone_words.get(ms.flag, ms.flag))))
                i = max(i + 1, min(ms.end, len(log)))
                continue
            i += 1
        return out
