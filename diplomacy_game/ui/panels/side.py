"""The header (month, turn, who acts) and the side panels: factions, tracks, calendar, log."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from ...engine.outlook import crisis_flags
from ...engine.state import Phase
from ...engine.turn import month_name
from ...engine.view import SeatView
from ...engine.words import flag_word
from ...scenario.loader import Scenario
from ..scenes import kit

if TYPE_CHECKING:
    from ..screen import GameScreen

PHASES = {"timeline": "Timeline", "draw": "Draw", "actions": "Action round", "upkeep": "Upkeep"}
MOMENT_WORDS = {"score": "Scoring", "reveal": "Reveal", "headline": "Headlines", "milestone": "Milestone",
                "leader": "New leader", "crisis": "Crisis"}


def short_month(mo: str) -> str:
    return month_name(mo)[:3] + " " + mo[:4]


def section(surface: pygame.Surface, rect: pygame.Rect, title: str) -> pygame.Rect:
    kit.panel(surface, rect)
    kit.text(surface, title, (rect.x + kit.sc(10), rect.y + kit.sc(5)), "small", kit.THEME.c("accent"), bold=True)
    return section_inner(rect)


def section_inner(rect: pygame.Rect) -> pygame.Rect:
    """The content rectangle of a side-panel section."""
    return pygame.Rect(rect.x + kit.sc(10), rect.y + kit.sc(24), rect.w - kit.sc(20), rect.h - kit.sc(28))


@dataclass
class SideLayout:
    factions: pygame.Rect = field(default_factory=pygame.Rect)
    tracks: pygame.Rect = field(default_factory=pygame.Rect)
    calendar: pygame.Rect = field(default_factory=pygame.Rect)
    log: pygame.Rect = field(default_factory=pygame.Rect)
    compact: bool = False  # two lines a faction (a short window, a large UI scale): see ``faction_rows``


CALENDAR_ROWS = 6  # at most this many coming events listed; the log takes the rest
LOG_ROWS = 3  # in a short panel the calendar leaves the log at least this many lines


def faction_step(compact: bool) -> int:
    """The height of one faction's rows in the factions panel."""
    return kit.sc(40) if compact else kit.sc(58)


def faction_rows(y: int, compact: bool) -> tuple[int, int | None, int]:
    """Where a faction's lines start, from its top ``y``: (name and VP, leader or None, numbers).
    Compact: the leader's name shares the numbers' line (its title and traits in the tooltip)."""
    if compact:
        return y, None, y + kit.sc(20)
    return y, y + kit.sc(18), y + kit.sc(34)


def layout_side(scn: Scenario, right: pygame.Rect, calendar_rows: int | None = None) -> SideLayout:
    """The side panels; ``calendar_rows``: the lines the calendar lists (it takes no more room
    than they need, and the log the rest)."""
    pad = kit.sc(8)
    inner = right.inflate(-2 * pad, -2 * pad)
    fh = len(scn.factions) * faction_step(False) + kit.sc(24)
    th = len(scn.tracks) * kit.sc(30) + kit.sc(24)
    ch = kit.sc(150)
    lh = kit.FONTS.get("small").get_linesize()
    if calendar_rows is not None:
        ch = kit.sc(28) + kit.sc(18) + max(1, min(CALENDAR_ROWS, calendar_rows)) * lh + kit.sc(4)
    spare = inner.h - fh - th - 3 * pad - kit.sc(120)  # keep room for a few log lines
    out = SideLayout()
    if spare < ch:
        # short of room (a large UI scale): the factions on two lines each, and the calendar and
        # the log share the rest, the log keeping a few lines
        out.compact = True
        fh = len(scn.factions) * faction_step(True) + kit.sc(24)
        log_least = kit.sc(28) + LOG_ROWS * lh
        ch = min(ch, max(kit.sc(70), inner.h - fh - th - 3 * pad - log_least))
    y = inner.y
    out.factions = pygame.Rect(inner.x, y, inner.w, fh)
    y += fh + pad
    out.tracks = pygame.Rect(inner.x, y, inner.w, th)
    y += th + pad
    out.calendar = pygame.Rect(inner.x, y, inner.w, ch)
    y += ch + pad
    out.log = pygame.Rect(inner.x, y, inner.w, max(kit.sc(40), inner.bottom - y))
    return out


def header_parts(gs: GameScreen) -> tuple[list[str], str, bool]:
    """The header's month, turn and phase, the month for short, and whether the seat to act is
    shown: while a scoring (or a moment of another month) is on its screen, its month and what
    it is ("July 2024 · Turn 3 of 9 · Scoring"), without the seat to act in the month after."""
    scn, v = gs.scn, gs.view
    n = len(scn.months)
    mo = gs.moment_shown()
    if mo is not None and (mo.kind == "score" or mo.turn != v.turn) and scn.months:
        month = scn.months[max(0, min(mo.turn, n - 1))]
        return [month_name(month), f"Turn {mo.turn + 1} of {n}", MOMENT_WORDS.get(mo.kind, "")], month, False
    parts = [month_name(v.month), f"Turn {v.turn + 1} of {n}"]
    if gs.calendar_shown():  # the month's events on their dialog: nobody plays until it is read
        return [*parts, "On the calendar"], v.month, False
    if v.phase == Phase.ACTIONS:
        parts.append(f"Round {v.round + 1} of {scn.rules.action_rounds}")
    else:
        parts.append(PHASES.get(v.phase, v.phase))
    return parts, v.month, True


def draw_top(surface: pygame.Surface, gs: GameScreen) -> None:
    L, scn = gs.L, gs.scn
    pygame.draw.rect(surface, kit.THEME.c("header"), L.top)
    pad = kit.sc(12)
    parts, month, acting = header_parts(gs)
    parts = [p for p in parts if p]
    hint = "F1 help  ·  Esc menu"
    hint_w = kit.FONTS.get("small").size(hint)[0]
    room = int(L.top.w * 0.55)  # short of room (a large UI scale): narrower gaps, then the month short
    head = first_fitting(["  ·  ".join(parts), " · ".join(parts), " · ".join([short_month(month), *parts[1:]])],
                         "large", room, bold=True) or "  ·  ".join(parts)
    left = kit.text(surface, head, (pad, L.top.centery), "large", bold=True, anchor="midleft", max_width=room)
    room = L.top.right - pad - left.right - 2 * pad
    if room - hint_w > kit.sc(160):
        kit.text(surface, hint, (L.top.right - pad, L.top.centery), "small", kit.THEME.c("muted"), anchor="midright")
        room -= hint_w + pad
    seat = gs.acting() if acting else None
    if seat is not None and room > kit.sc(40):
        who = scn.faction(seat).name
        if seat in gs.humans:
            msg = f"{who} to act" + (" — you" if seat == gs.viewer else "")
        else:  # as long as it fits (a large UI scale): "… (computer) is playing…", "… is playing…"
            msg = first_fitting([f"{who} (computer) is playing…", f"{who} is playing…"], "normal",
                                room - kit.sc(16), bold=True) or f"{who} (computer) is playing…"
        col = gs.colours.get(seat, kit.THEME.c("text"))
        x = max(left.right + 2 * pad, min(L.map.centerx, L.top.right - pad - room))
        tw = min(kit.FONTS.get("normal", True).size(msg)[0], room - kit.sc(16))
        pill = pygame.Rect(x, L.top.y + kit.sc(6), tw + kit.sc(16), L.top.h - kit.sc(12))
        pygame.draw.rect(surface, col, pill, border_radius=kit.sc(6))  # the seat's colour, text readable on it
        kit.text(surface, msg, (x + kit.sc(8), L.top.centery), "normal", kit.readable_on(col), bold=True,
                 anchor="midleft", max_width=room - kit.sc(16))


def draw_side(surface: pygame.Surface, gs: GameScreen) -> None:
    L, scn, v = gs.L, gs.scn, gs.view
    pygame.draw.rect(surface, kit.THEME.c("background"), L.right)
    muted = kit.THEME.c("muted")
    # Factions
    inner = section(surface, L.factions, "FACTIONS")
    compact = gs.L.compact
    y = inner.y
    vp_font = kit.FONTS.get("normal", True)
    x = inner.x + kit.sc(12)
    # each name line's room: up to its VP (drawn at the right) in a narrow panel
    rooms = {f: (inner.right - vp_font.size(f"{v.vp.get(f, 0)} VP")[0] - x - kit.sc(8) if compact
                 else inner.w - kit.sc(80)) for f in scn.factions}
    tags = seat_tags(gs, rooms)
    for f in scn.factions:
        fac = scn.faction(f)
        col = gs.colours.get(f, (128, 128, 128))
        y_name, y_leader, y_numbers = faction_rows(y, compact)
        bar_h = faction_step(compact) - kit.sc(10)
        pygame.draw.rect(surface, col, pygame.Rect(inner.x, y + kit.sc(3), kit.sc(6), bar_h))
        kit.text(surface, f"{v.vp.get(f, 0)} VP", (inner.right, y_name), "normal", kit.THEME.c("accent"),
                 bold=True, anchor="topright")
        kit.text(surface, fac.name + tags[f], (x, y_name), "normal", bold=True, max_width=rooms[f])
        lid = v.leaders.get(f)
        leader = scn.leaders.get(lid) if lid else None
        numbers = f"Economy {v.economy.get(f, 0)}  ·  {kit.plural(v.hand_sizes.get(f, 0), 'card')}"
        if y_leader is not None:  # a narrow panel (a large UI scale): the title, the traits left to the tooltip
            lname = "—"
            if leader is not None:
                full = f"{leader.name}, {leader.title}"
                lname = first_fitting([full, leader.name], "small", inner.w - kit.sc(12)) or full
            kit.text(surface, lname, (x, y_leader), "small", muted, max_width=inner.w - kit.sc(12))
            traits = ", ".join(t.name for t in leader.traits) if leader is not None else ""
            if traits:
                numbers = first_fitting([f"{numbers}  ·  {traits}"], "small", inner.w - kit.sc(12)) or numbers
        elif leader is not None:  # compact: the leader's name, or surname, if the numbers keep their room
            short = f"Economy {v.economy.get(f, 0)} · {kit.plural(v.hand_sizes.get(f, 0), 'card')}"
            numbers = first_fitting([f"{leader.name}  ·  {numbers}", f"{leader.name} · {short}",
                                     f"{leader.name.split()[-1]} · {short}"], "small", inner.w - kit.sc(12)) or short
        kit.text(surface, numbers, (x, y_numbers), "small", max_width=inner.w - kit.sc(12))
        y += faction_step(compact)
    # Tracks
    inner = section(surface, L.tracks, "TRACKS")
    y = inner.y
    for tid, t in scn.tracks.items():
        val = v.tracks.get(tid, t.min)
        value = kit.text(surface, f"{val} / {t.max}", (inner.right, y), "small", bold=True, anchor="topright")
        room = value.x - inner.x - kit.sc(8)
        alert = " · ".join(flag_word(scn, fl) for fl in crisis_flags(scn, tid) if fl in v.flags)
        if alert:  # what an earlier crisis left behind (the West on alert, say), which the next one reads
            small = kit.FONTS.get("small", True)
            least = min(kit.FONTS.get("small").size(t.name)[0], kit.sc(60))  # the name keeps a little room
            name_w = max(least, room - small.size(alert)[0] - kit.sc(8))
            kit.text(surface, alert, (value.x - kit.sc(8), y), "small", kit.THEME.c("danger"), bold=True,
                     anchor="topright", max_width=room - name_w - kit.sc(8))
            room = name_w
        kit.text(surface, f"{t.name}", (inner.x, y), "small", max_width=room)
        bar = pygame.Rect(inner.x, y + kit.sc(16), inner.w, kit.sc(8))
        pygame.draw.rect(surface, kit.THEME.c("button"), bar, border_radius=3)
        span = max(1, t.max - t.min)
        fill = bar.copy()
        fill.w = int(bar.w * (val - t.min) / span)
        pygame.draw.rect(surface, kit.THEME.c("accent"), fill, border_radius=3)
        y += kit.sc(30)
    _draw_calendar(surface, gs, section(surface, L.calendar, "CALENDAR — COMING UP"))
    who = scn.faction(gs.viewer).name if gs.viewer else "public"
    _draw_log(surface, gs, section(surface, L.log, f"LOG — {who.upper()}"), v)


def first_fitting(texts: list[str], size: str, width: int, bold: bool = False) -> str:
    """The first of ``texts`` that fits in ``width`` at font ``size`` ("" when none does)."""
    font = kit.FONTS.get(size, bold)
    return next((t for t in texts if font.size(t)[0] <= width), "")


# Who plays a computer seat, after its name, longest first: the same form for every computer
# seat (the first that fits them all), so that no seat shows its level and another not.
COMPUTER_TAGS = (" (computer, {level})", " (AI, {level})", " (computer)", " (AI)", "")


def seat_tags(gs: GameScreen, rooms: dict[str, int]) -> dict[str, str]:
    """Who plays each faction, after its name (``rooms``: the pixels its name line has): "(you)",
    "(human)", and for the computer seats one form for all, "(computer, easy)" down to nothing
    (``COMPUTER_TAGS``), the longest that fits every computer seat's line."""
    font = kit.FONTS.get("normal", True)
    out = {f: " (you)" if f == gs.viewer else " (human)" for f in rooms if f == gs.viewer or f in gs.humans}
    computers = [f for f in rooms if f not in out]
    for pattern in COMPUTER_TAGS:
        tags = {f: pattern.format(level=gs.match.levels.get(f, "normal")) for f in computers}
        if all(font.size(str(gs.scn.faction(f).name) + tags[f])[0] <= rooms[f] for f in computers):
            return out | tags
    return out | dict.fromkeys(computers, "")


def _draw_calendar(surface: pygame.Surface, gs: GameScreen, inner: pygame.Rect) -> None:
    scn, v, muted = gs.scn, gs.view, kit.THEME.c("muted")
    upcoming, ruled_out = gs.match.calendar()  # the engine says what can still happen
    over = v.outcome is not None  # ended early (45 VP, a second crisis): the rest never comes
    y = inner.y
    scoring = [mo for mo in scn.model.scoring.months if mo >= v.month]
    months_left = [mo for mo in scn.months if mo > v.month]
    turns = kit.plural(len(months_left), 'more turn')
    line = f"Ends {short_month(scn.months[-1])} ({turns})"
    if over:
        line = f"The game ended in {short_month(v.month)}."
    elif scoring:  # the scoring months with their years, else without, else the turns left only
        line = first_fitting([f"{line}  ·  scoring: " + ", ".join(short_month(mo) for mo in scoring),
                              f"{line}  ·  scoring: " + ", ".join(short_month(mo)[:3] for mo in scoring),
                              f"{turns}  ·  scoring: " + ", ".join(short_month(mo)[:3] for mo in scoring)],
                             "small", inner.w) or line
    kit.text(surface, line, (inner.x, y), "small", muted, max_width=inner.w)
    y += kit.sc(18)
    lh = kit.FONTS.get("small").get_linesize()
    if not upcoming and not over:
        kit.text(surface, "No more scheduled events.", (inner.x, y), "small", muted)
        y += lh  # the ruled-out line goes below it, not over it
    for ev in upcoming:
        if y + lh > inner.bottom:
            break
        maybe = " (if…)" if ev.if_ is not None else ""
        kit.text(surface, ev.date, (inner.x, y), "small", kit.THEME.c("accent"))
        kit.text(surface, ev.title + maybe, (inner.x + kit.sc(82), y), "small", max_width=inner.w - kit.sc(82))
        y += lh
    if ruled_out and y + lh <= inner.bottom:  # after the end they were not ruled out, only never reached
        head = "Never reached: " if over else "Ruled out: "
        drawn = kit.text(surface, head + ", ".join(ev.title for ev in ruled_out), (inner.x, y), "small", muted,
                         max_width=inner.w)
        # the titles struck through: read in part (a tip over the line's start), never as events to come
        x0 = inner.x + kit.FONTS.get("small").size(head)[0]
        if drawn.right > x0:
            pygame.draw.line(surface, muted, (x0, drawn.centery), (drawn.right, drawn.centery), max(1, kit.sc(1)))


def log_end(gs: GameScreen, v: SeatView) -> int:
    """How much of the seat's log the log panel tells: all of it, but while a big moment is on
    its screen (a scoring, a reveal) only up to the moment's last line, so the month after it
    (its events, a choice already put) is not told behind the scoring of the month before."""
    mo = gs.moment_shown()
    if mo is None or not mo.lines:
        return len(v.log)
    last = mo.lines[-1]
    for i in range(len(v.log) - 1, -1, -1):
        if v.log[i] is last or v.log[i] == last:
            return i + 1
    return len(v.log)


def _draw_log(surface: pygame.Surface, gs: GameScreen, inner: pygame.Rect, v: SeatView) -> None:
    font = kit.FONTS.get("small")
    lh = font.get_linesize()
    lines: list[tuple[str, kit.Color, bool]] = []
    end = log_end(gs, v)
    first = max(0, end - 80)
    mark = gs.match.log_marks.get(gs.viewer) if gs.viewer is not None and gs.seat == gs.viewer else None
    for i, e in enumerate(v.log[first:end], start=first):
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
    end = max(0, len(lines) - min(gs.log_scroll, max(0, len(lines) - rows)))
    start = max(0, end - rows)
    if end < len(lines):
        newer = kit.plural(len(lines) - end, "newer line")
        kit.text(surface, f"↓ {newer} (Down)", (inner.right, inner.y - kit.sc(19)), "small", kit.THEME.c("muted"),
                 anchor="topright")
    y = inner.y
    for ln, col, bold in lines[start:end]:
        kit.text(surface, ln, (inner.x, y), "small", col, bold=bold)
        y += lh
