"""Event dialogs: a notice of timeline events, and a choice put to the seat at the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from ...engine import PendingChoice
from ...engine.actions import Choose
from ...engine.context import Ctx
from ...engine.effects import describe_effects
from ...engine.state import LogEntry
from ...scenario.compiled import source_label
from .. import intents as it
from ..intents import Intent
from ..moments_log import event_outcome
from . import flow, kit
from .base import Scene

if TYPE_CHECKING:
    from ..screen import GameScreen

# A dialog takes no input until it has been on screen this long (on the app's clock): keys and
# clicks queued before it appeared — pressed for the screen before, in the same frame or the
# few before it opened — never answer it.
SETTLE = 0.25
COACH_ROOM = 216  # design pixels: the least room for the tutorial's tip beside a dialog, with its gaps

def _dates(date: str, end: str | None) -> str:
    return f"{date} – {end}" if end else str(date)


def _source_line(scn: Any, source: str | None, date: str | None) -> str:
    """The date, then the source: a cited article by its title and date, a plain text as it is."""
    parts = []
    if date:
        parts.append(str(date))
    if source:
        parts.append(f"Source: {scn.source_label(source)}")
    return "  ·  ".join(parts)


def fit_source_line(scn: Any, source: str | None, date: str | None, width: int) -> str:
    """The source line in ``width`` pixels (small text): when it is too long the cited title is
    shortened, never the dates (the event's, and the article's)."""
    full = _source_line(scn, source, date)
    font = kit.FONTS.get("small")
    src = scn.source(source) if source else None
    if font.size(full)[0] <= width or src is None:
        return full
    title = str(src.title)
    for n in range(len(title) - 1, 0, -1):
        short = src.model_copy(update={"title": title[:n].rstrip() + "…"})
        line = "  ·  ".join(x for x in (str(date) if date else "", f"Source: {source_label(short)}") if x)
        if font.size(line)[0] <= width:
            return line
    return full


class _Dialog(Scene):
    opaque = False
    hover_focus = True  # the pointer over a button selects it (a decision: only a click does)

    def __init__(self, app: Any, gs: GameScreen | None) -> None:
        super().__init__(app)
        self.screen = gs
        self.buttons: list[kit.Button] = []
        self.focus = 0
        self.peek = False
        self.panel = pygame.Rect(0, 0, 0, 0)
        self.shown_at = float(app.time)
        self.make_room = False  # leave room for the tutorial's tip beside the panel (see ``box``)

    def settled(self) -> bool:
        """Whether the dialog has stood on screen long enough to take input."""
        return bool(self.app.time - self.shown_at >= SETTLE)

    def frame(self, surface: pygame.Surface, shade: int, border: str = "accent") -> pygame.Rect:
        """The dimmed screen and the dialog's panel; the rectangle to write in."""
        kit.overlay(surface, shade)
        kit.panel(surface, self.panel, "panel", border, radius=10)
        return self.panel.inflate(-kit.sc(48), -kit.sc(36))

    def box(self, h: int, margin: int = 60) -> pygame.Rect:
        """The panel ``h`` high (at most the window's height less ``margin`` design pixels),
        centred; a dialog the tutorial's guide talks about, with no room
        beside it for the guide's tip (a large UI scale), at the left, narrower, the tip's room
        at its right (``make_room``)."""
        w, hh = self.size
        bw = min(kit.sc(760), w - kit.sc(60))
        bh = min(h, hh - kit.sc(margin))
        x = (w - bw) // 2
        coach = self.app.coach
        if self.make_room and coach is not None and not coach.finished and x < kit.sc(COACH_ROOM):
            narrow = w - kit.sc(COACH_ROOM) - kit.sc(12)
            if narrow >= kit.sc(480):
                x, bw = kit.sc(12), min(bw, narrow)
        return pygame.Rect(x, (hh - bh) // 2, bw, bh)

    def update(self, dt: float) -> bool:
        self.layout()
        return False

    def enter(self) -> None:
        self.shown_at = float(self.app.time)  # shown (or uncovered) now: settle again
        self.layout()

    def layout(self) -> None:  # pragma: no cover - subclasses
        pass

    def activate(self, b: kit.Button) -> None:  # pragma: no cover - subclasses
        pass

    def handle(self, intent: Intent) -> None:
        self.layout()
        k = intent.kind
        if not self.settled() and k not in (it.MOVE, it.WHEEL):
            return  # queued before the dialog could be seen
        if self.peek:
            if k == it.CANCEL:
                self.pause()
            elif k in (it.CONFIRM, it.SPACE, it.CLICK) or (k == it.LETTER and intent.value in "cm"):
                self.peek = False
            elif k in (it.MOVE, it.WHEEL) and self.screen is not None:
                self.screen.handle(intent)
            return
        n = len(self.buttons)
        if k in (it.DOWN, it.NEXT) and n:
            self.focus = (self.focus + 1) % n
        elif k in (it.UP, it.PREV) and n:
            self.focus = (self.focus - 1) % n if self.focus >= 0 else n - 1
        elif k in (it.CONFIRM, it.SPACE) and n and self.focus >= 0:
            self.activate(self.buttons[self.focus])
        elif k in (it.CONFIRM, it.SPACE):
            self.unpicked()
        elif k == it.DIGIT and 1 <= intent.value <= n:
            self.focus = intent.value - 1
            self.activate(self.buttons[self.focus])
        elif k == it.CLICK:
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.focus = self.buttons.index(b)
                self.activate(b)
        elif k == it.MOVE and self.hover_focus:
            b = kit.button_at(self.buttons, intent.pos)
            if b is not None:
                self.focus = self.buttons.index(b)
        elif k == it.CANCEL:
            self.cancel()
        elif k == it.LETTER and intent.value == "m":
            self.peek = True

    def cancel(self) -> None:
        """Esc: the pause menu, as everywhere else (a decision stays waiting under it)."""
        self.pause()

    def pause(self) -> None:
        self.app.push(flow.pause()(self.app, self.screen))

    def unpicked(self) -> None:
        """Enter or Space with no option selected."""

    def draw_peek(self, surface: pygame.Surface) -> None:
        w = surface.get_width()
        r = pygame.Rect(0, 0, min(kit.sc(620), w - kit.sc(40)), kit.sc(40))
        r.midtop = (w // 2 - kit.sc(100), kit.sc(44))
        kit.panel(surface, r, "panel", "accent")
        kit.text(surface, "A decision is waiting — press Enter or C to return to it (Esc: menu).", r.center, "normal",
                 anchor="center", max_width=r.w - kit.sc(20))


OUTCOME_LINES = 8  # at most this many lines of an event's outcome in the notice (the log has them all)
# Which lines of an event's outcome give way last when the notice is short of room: the decisive
# ones (a roll, a pick, a new leader, the end), then points and tracks, then the rest, then the deck.
_DECISIVE = frozenset({"roll", "choice", "reveal", "leader", "end", "fizzle", "crisis", "choice_skipped"})


def _rank(kind: str) -> int:
    if kind in _DECISIVE:
        return 0
    if kind in ("vp", "track"):
        return 1
    return 3 if kind.startswith("card_") else 2


class EventNotice(_Dialog):
    """The timeline events that fired since this seat last looked."""

    name = "event_notice"

    def __init__(self, app: Any, gs: GameScreen, event_ids: list[str]) -> None:
        super().__init__(app, gs)
        self.gs = gs
        self.events = [gs.scn.event_index[e] for e in event_ids if e in gs.scn.event_index][-3:]
        self.history = False  # show "what really happened" instead of the game's telling
        self.cap = OUTCOME_LINES  # the outcome lines shown of each event (fewer when room is short)
        self._got: dict[tuple[str, int], tuple[LogEntry, ...]] = {}  # (event, log length): its outcome
        self.make_room = True  # the tutorial explains the notice: its tip beside it

    def body(self, ev: Any) -> str:
        if self.history and getattr(ev, "history", None):
            return f"What really happened: {ev.history}"
        return str(ev.text)

    def outcome(self, ev: Any) -> str:
        """What the event did, in the log's own lines (its rolls, the choices made on it, what it
        changed), as the seat at the screen may read them; "" before anything followed it. At most
        ``self.cap`` lines: the decisive ones (a roll, a pick, a new leader) kept first."""
        log = self.gs.view.log
        key = (ev.id, len(log))
        got = self._got.get(key)
        if got is None:
            got = event_outcome(log, ev.id)
            if any(e.kind in ("choice", "reveal") for e in got):  # the pick says who chose: not who must
                got = tuple(e for e in got if e.kind != "choice_open")
            self._got[key] = got
        keep = sorted(sorted(range(len(got)), key=lambda i: (_rank(got[i].kind), i))[:self.cap])
        lines = [got[i].text for i in keep]
        if len(got) > len(lines):
            lines.append(f"… and {len(got) - len(lines)} more lines in the log")
        return "\n".join(f"• {x}" for x in lines)

    def layout(self) -> None:
        w = self.box(10).w - kit.sc(48)
        room = self.size[1] - kit.sc(60)
        for cap in range(OUTCOME_LINES, 1, -1):  # fewer outcome lines until the notice fits
            self.cap = cap
            h = kit.sc(130)
            for ev in self.events:
                h += kit.block_height(ev.title, w, "large", True) + kit.sc(40)
                h += kit.block_height(self.body(ev), w)
                out = self.outcome(ev)
                if out:
                    h += kit.block_height(out, w, "small") + kit.sc(10)
            if h + kit.sc(16) <= room:  # a margin: the lines are clipped above the buttons
                break
        self.panel = self.box(h)
        r = pygame.Rect(0, 0, kit.sc(200), kit.sc(38))
        r.bottomright = (self.panel.right - kit.sc(24), self.panel.bottom - kit.sc(16))
        hr = pygame.Rect(0, 0, kit.sc(280), kit.sc(38))
        hr.bottomright = (r.x - kit.sc(12), r.bottom)
        label = "The game's telling" if self.history else "What really happened"
        self.buttons = [kit.Button("ok", "Continue", r, hint="Enter"), kit.Button("history", label, hr, hint="H")]

    def activate(self, b: kit.Button) -> None:
        if b.key == "history":
            self.history = not self.history
            self.layout()
            return
        self.app.pop(self)

    def handle(self, intent: Intent) -> None:
        if intent.kind == it.LETTER and intent.value == "h":
            self.history = not self.history
            self.layout()
            return
        super().handle(intent)

    def cancel(self) -> None:
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        inner = self.frame(surface, 150)
        y = inner.y
        kit.text(surface, "ON THE CALENDAR", (inner.x, y), "small", kit.THEME.c("accent"), bold=True)
        y += kit.sc(26)
        for ev in self.events:
            y += kit.text_block(surface, ev.title, pygame.Rect(inner.x, y, inner.w, inner.bottom - y), "large",
                                bold=True)
            kit.text(surface, fit_source_line(self.gs.scn, ev.source, _dates(ev.date, ev.end), inner.w), (inner.x, y),
                     "small", kit.THEME.c("muted"), max_width=inner.w)
            y += kit.sc(22)
            y += kit.text_block(surface, self.body(ev), pygame.Rect(inner.x, y, inner.w, inner.bottom - y - kit.sc(50)),
                                color=kit.THEME.c("muted") if self.history else None)
            y += kit.sc(18)
            out = self.outcome(ev)
            if out and y < inner.bottom - kit.sc(44):
                y += kit.text_block(surface, out, pygame.Rect(inner.x, y, inner.w, inner.bottom - y - kit.sc(44)),
                                    "small", kit.THEME.c("text")) + kit.sc(10)
        for i, b in enumerate(self.buttons):
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus)


SO_FAR_LINES = 4  # at most this many lines of what an event did before its choice, over the choice

HOW_TO_PICK = "Click an option or press its number (or select one with the arrows, then Enter)."

# The ways a choice is laid out, tried in turn until one fits the window (a long choice at a
# large UI scale): with what the event did before it, the lines of its text (None: all), the size
# of its title, the margin to the window's edges (design pixels), and with each option's own text
# (the last way leaves it out where the lines of what follows say what the option does)
FITS: list[tuple[bool, int | None, str, int, bool]] = [
    (True, None, "title", 60, True), (False, None, "title", 16, True), (False, 2, "title", 16, True),
    (False, 2, "large", 16, True), (False, 1, "large", 16, True), (False, 0, "large", 16, True),
    (False, 0, "large", 16, False)]


class ChoiceDialog(_Dialog):
    """A choice for the seat at the screen (secret ones too: only this seat's options)."""

    name = "choice"
    hover_focus = False

    def __init__(self, app: Any, gs: GameScreen) -> None:
        super().__init__(app, gs)
        self.gs = gs
        self.options: list[Any] = []
        self.focus = -1  # nothing picked yet: a decision is never made by a stray Enter
        self.nudge = False  # Enter was pressed with nothing picked: say how to pick
        self.so_far = ""  # an event's choice: the log's lines of what the event did before it
        # how it fits the window (``layout``): with ``so_far``, the text's lines (None: all), the
        # title's size, the margin to the window's edges
        self.show_so_far, self.text_lines, self.title_size, self.margin, self.flavour = FITS[0]
        self.follows: dict[str, str] = {}  # an option's lines of what follows each pick of the others
        self._read()

    def meta_fit(self, width: int) -> str:
        """The source line in ``width``: the title elided, the dates kept."""
        source, date = getattr(self, "_meta_of", (None, None))
        return fit_source_line(self.gs.scn, source, date, width) if source else self.meta

    def _read(self) -> None:
        gs = self.gs
        p = gs.view.pending
        if not isinstance(p, PendingChoice):
            p = PendingChoice("card", "", (), False, Ctx())  # no choice open: an empty dialog
        scn = gs.scn
        self.secret = p.secret
        if p.source == "event" and p.id in scn.event_index:
            ev = scn.event_index[p.id]
            self.title, self.text = ev.title, ev.text
            self.meta = _source_line(scn, ev.source, _dates(ev.date, ev.end))
            self._meta_of: tuple[str | None, str | None] = (ev.source, _dates(ev.date, ev.end))
            choice = ev.choice
            # what the event did before the choice was put (a roll, a track moved), the log's lines
            done = [e.text for e in event_outcome(gs.view.log, ev.id) if e.kind != "choice_open"]
            self.so_far = "\n".join(f"• {x}" for x in done[:SO_FAR_LINES])
        else:
            card = scn.cards.get(p.id)
            self.title = card.title if card is not None else "A decision"
            self.text = card.text if card is not None else ""
            self.meta = _source_line(scn, card.source, str(card.date)) if card is not None else ""
            self._meta_of = (card.source, str(card.date)) if card is not None else (None, None)
            choice = card.choice if card is not None else None
        self.prompt = choice.prompt if choice is not None else "Choose:"
        by_id = {o.id: o for o in (choice.options if choice is not None else [])}
        self.options = [by_id[a.option] for a in gs.legal if isinstance(a, Choose) and a.option in by_id]
        self.details: dict[str, str] = {o.id: str(o.text or "") for o in self.options}
        self._outcomes(by_id)
        others = [scn.faction(f).name for f in p.factions if f != gs.seat]
        done = [scn.faction(f).name for f in p.chosen if f != gs.seat]
        self.note = ""
        if self.secret:
            self.note = "A secret choice: " + (
                f"{' and '.join(others)} will not see your pick until every side has chosen." if others
                else "it is revealed when made.")
            if done:
                self.note += f" {' and '.join(done)} has already chosen (you will see what at the reveal)."


    def _outcomes(self, by_id: dict[str, Any]) -> None:
        """Under each option, what follows for each pick of the other sides (from the engine)."""
        gs, scn = self.gs, self.gs.scn
        me = gs.seat
        outcomes = gs.match.choice_outcomes()
        for o in self.options:
            lines = []
            for oc in outcomes:
                if me is None or oc.picks.get(me) != o.id:
                    continue
                others = [f"{scn.faction(f).name} picks “{by_id[x].label if x in by_id else x}”"
                          for f, x in oc.picks.items() if f != me]
                what = ", ".join(describe_effects(scn, oc.effects, "you")) or "nothing more happens"
                lines.append(f"• If {' and '.join(others)}: {what}." if others else f"• Then: {what}.")
            if lines:
                self.follows[o.id] = "\n".join(lines)
                self.details[o.id] = "\n".join(x for x in (o.text, *lines) if x)

    def detail(self, oid: str) -> str:
        """The lines under an option: its text and what follows (only what follows, when the
        dialog is short of room and those lines say what the option does)."""
        if not self.flavour and self.follows.get(oid):
            return self.follows[oid]
        return self.details.get(oid, "")

    def pick_line(self) -> bool:
        """Whether the dialog has a line to say how to pick (shown while nothing is picked): not
        when short of room with the tutorial's tip beside it, which says so."""
        coach = self.app.coach
        return self.flavour or not (self.make_room and coach is not None and not coach.finished)

    def layout(self) -> None:
        if self.gs.seat is None or self.gs.pending_kind != "choice":
            self.buttons = []
            return
        # the first way that fits the window: beside the tutorial's tip (if it is on), as wide as
        # usual, then (a large UI scale, a long choice) closer to the window's edges, without what
        # the event did before the choice (in the log), the event's text shorter, its title smaller;
        # with the tip on, every way beside it is tried before the tip's room is given up
        tries = [*((True, f) for f in FITS), *((False, f) for f in FITS)]
        for room, fit in tries:
            self.make_room = room
            self.show_so_far, self.text_lines, self.title_size, self.margin, self.flavour = fit
            so_far, lines, tsize, margin, _flavour = fit
            w = self.box(10).w - kit.sc(48)
            head = kit.sc(40) + kit.block_height(self.title, w, tsize, True) + kit.sc(24)
            if lines != 0:
                n = len(kit.wrap(self.text, kit.FONTS.get("normal"), max(10, w)))
                head += min(n, lines if lines is not None else n) * kit.FONTS.get("normal").get_linesize() + kit.sc(14)
            if self.so_far and so_far:
                head += kit.block_height(self.so_far, w, "small") + kit.sc(8)
            if self.note:
                head += kit.block_height(self.note, w, "normal", True) + kit.sc(8)
            head += kit.block_height(self.prompt, w, "large", True) + kit.sc(12)
            if self.pick_line():  # its own line: never over the prompt
                head += kit.block_height(HOW_TO_PICK, w, "small") + kit.sc(6)
            opt_h = []
            for o in self.options:
                oh = kit.sc(40)
                if self.detail(o.id):
                    oh += kit.block_height(self.detail(o.id), w - kit.sc(30), "small") + kit.sc(4)
                opt_h.append(oh)
            total = head + sum(opt_h) + kit.sc(8) * len(opt_h) + kit.sc(20)
            if total <= self.size[1] - kit.sc(margin):
                break
        self.panel = self.box(total, self.margin)
        y = self.panel.y + head
        self.buttons = []
        self.option_rects: list[pygame.Rect] = []
        for i, (o, oh) in enumerate(zip(self.options, opt_h, strict=True)):
            r = pygame.Rect(self.panel.x + kit.sc(24), y, self.panel.w - kit.sc(48), kit.sc(36))
            self.buttons.append(kit.Button(o.id, o.label, r, hint=str(i + 1)))
            self.option_rects.append(pygame.Rect(r.x, r.bottom, r.w, oh - kit.sc(36)))
            y += oh + kit.sc(8)
        if self.focus >= 0:  # -1: nothing picked yet
            self.focus = max(0, min(self.focus, len(self.buttons) - 1))

    def update(self, dt: float) -> bool:
        if self.gs.seat is None or self.gs.pending_kind != "choice":
            self.app.pop(self)
            return False
        return super().update(dt)

    def activate(self, b: kit.Button) -> None:
        if self.gs.submit(Choose(b.key)):
            self.app.pop(self)

    def unpicked(self) -> None:
        self.nudge = True

    def draw(self, surface: pygame.Surface) -> None:
        if self.peek:
            self.draw_peek(surface)
            return
        inner = self.frame(surface, 150)
        y = inner.y
        who = self.gs.scn.faction(self.gs.seat).name if self.gs.seat else ""
        kit.text(surface, f"DECISION FOR {who.upper()}", (inner.x, y), "small", kit.THEME.c("accent"), bold=True)
        kit.text(surface, "M: look at the map  ·  Esc: menu", (inner.right, y), "small", kit.THEME.c("muted"),
                 anchor="topright")
        y += kit.sc(22)
        y += kit.text_block(surface, self.title, pygame.Rect(inner.x, y, inner.w, inner.h), self.title_size, bold=True)
        kit.text(surface, self.meta_fit(inner.w), (inner.x, y), "small", kit.THEME.c("muted"), max_width=inner.w)
        y += kit.sc(24)
        if self.text_lines != 0:
            y += kit.text_block(surface, self.text, pygame.Rect(inner.x, y, inner.w, inner.bottom - y),
                                max_lines=self.text_lines)
            y += kit.sc(14)
        if self.so_far and self.show_so_far:
            y += kit.text_block(surface, self.so_far, pygame.Rect(inner.x, y, inner.w, inner.bottom - y), "small")
            y += kit.sc(8)
        if self.note:
            y += kit.text_block(surface, self.note, pygame.Rect(inner.x, y, inner.w, inner.bottom - y), "normal",
                                kit.THEME.c("target"), bold=True)
            y += kit.sc(8)
        y += kit.text_block(surface, self.prompt, pygame.Rect(inner.x, y, inner.w, inner.bottom - y), "large",
                            bold=True)
        if self.focus < 0 and self.pick_line():
            kit.text_block(surface, HOW_TO_PICK, pygame.Rect(inner.x, y + kit.sc(2), inner.w, inner.bottom - y),
                           "small", kit.THEME.c("target") if self.nudge else kit.THEME.c("muted"))
        for i, (b, o) in enumerate(zip(self.buttons, self.options, strict=True)):
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus)
            if self.detail(o.id):
                r = self.option_rects[i]
                body = pygame.Rect(r.x + kit.sc(14), r.y + kit.sc(2), r.w - kit.sc(28), r.h)
                kit.text_block(surface, self.detail(o.id), body, "small", kit.THEME.c("muted"))


class MessageDialog(_Dialog):
    """A message with lines of detail (a scenario's errors, one a line) and an OK button."""

    name = "message"

    def __init__(self, app: Any, gs: GameScreen | None, title: str, lines: list[str], error: bool = False) -> None:
        super().__init__(app, gs)
        self.title = title
        self.lines = lines[:30]
        self.error = error

    def layout(self) -> None:
        w = self.box(10).w - kit.sc(48)
        h = kit.sc(110) + kit.block_height(self.title, w, "large", True)
        h += sum(kit.block_height(ln, w, "small") + kit.sc(4) for ln in self.lines)
        self.panel = self.box(h)
        r = pygame.Rect(0, 0, kit.sc(160), kit.sc(38))
        r.bottomright = (self.panel.right - kit.sc(24), self.panel.bottom - kit.sc(16))
        self.buttons = [kit.Button("ok", "OK", r, hint="Enter")]

    def activate(self, b: kit.Button) -> None:
        self.app.pop(self)

    def cancel(self) -> None:
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        inner = self.frame(surface, 160, "danger" if self.error else "accent")
        y = inner.y
        y += kit.text_block(surface, self.title, pygame.Rect(inner.x, y, inner.w, inner.h), "large", bold=True)
        y += kit.sc(8)
        col = kit.THEME.c("danger") if self.error else kit.THEME.c("text")
        for ln in self.lines:
            if y > self.buttons[0].rect.top - kit.sc(20):
                break
            y += kit.text_block(surface, ln, pygame.Rect(inner.x, y, inner.w, self.buttons[0].rect.top - y), "small",
                                col) + kit.sc(4)
        for i, b in enumerate(self.buttons):
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus)
