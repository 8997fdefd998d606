"""The big moments on their own screen: a scoring (each bloc, who held what, the points and why),
a milestone (the treaty signed, by a card, an event or a summit), a new leader, a crisis (a track at its
maximum: what set it off and what it cost), the reveal of a secret choice
(each side's pick and what followed) and the month's headlines (each faction's card, in the order
their events fire).

Everything shown comes from the public log and the engine's scoring breakdown (public facts:
control of regions, VP), so the screen is safe for whichever seat sits at the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from ...engine.cards import headline_order
from ...engine.turn import month_name
from ..match import Moment
from . import kit
from .dialogs import _Dialog

if TYPE_CHECKING:
    from ..screen import GameScreen

_TIER = {"presence": "presence", "domination": "domination", "control": "control"}
# log lines a moment's screen leaves out: the event's own text (shown as its note) and the routine
# that may follow in the same step (the month's draws, a reshuffle of the deck)
ROUTINE = frozenset({"event_text", "draw", "draw_count", "deck"})


class MomentScene(_Dialog):
    """One moment after another for ``seat``; Enter (or Continue) goes on, Esc pauses."""

    name = "moment"

    def __init__(self, app: Any, gs: GameScreen, seat: str, moments: list[Moment], *,
                 seats: tuple[str, ...] = ()) -> None:
        super().__init__(app, gs)
        self.gs = gs
        self.seat = seat
        self.seats = seats or (seat,)  # who it is shown to (at the end: every human seat at once)
        self.moments = moments
        self.index = 0
        self.rows: list[tuple[str, str, Any, bool]] = []  # (kind, text, colour, bold)
        self.page = 0  # a moment longer than the window (a scoring at a large UI scale): its pages
        self.pages: list[tuple[int, int]] = [(0, 0)]  # each page's rows [start, end)

    @property
    def moment(self) -> Moment:
        return self.moments[self.index]

    def _month(self, turn: int) -> str:
        months = self.gs.scn.months
        return month_name(months[min(turn, len(months) - 1)])

    def _rows(self) -> tuple[str, str, list[tuple[str, str, Any, bool]]]:
        """(heading, title, rows) of the moment shown."""
        scn, mo = self.gs.scn, self.moment
        muted, text = kit.THEME.c("muted"), kit.THEME.c("text")
        rows: list[tuple[str, str, Any, bool]] = []
        if mo.kind == "score":
            total: dict[str, int] = {f: 0 for f in scn.factions}
            for b in mo.scores:
                rows.append(("head", b.name, text, True))
                for r in b.factions:
                    total[r.faction] += r.vp
                    if not r.regions and not r.vp:
                        continue
                    names = ", ".join(str(scn.map.regions[x].name) + (" ★" if x in r.battlegrounds else "")
                                      for x in r.regions)
                    why = []
                    if r.tier:
                        why.append(f"{_TIER.get(r.tier, r.tier)} {r.tier_vp}")
                    if r.battlegrounds:
                        why.append(f"{len(r.battlegrounds)} battleground{'s' if len(r.battlegrounds) > 1 else ''} "
                                   f"{r.battleground_vp}")
                    pts = f"+{r.vp} VP" + (f" ({' + '.join(why)})" if why else "")
                    rows.append(("row", f"{scn.faction(r.faction).name}: {pts} — holds {names}",
                                 self.gs.colours.get(r.faction, text), False))
                if b.uncontrolled:
                    held = ", ".join(str(scn.map.regions[x].name) for x in b.uncontrolled)
                    rows.append(("row", f"Held by nobody: {held}", muted, False))
            summary = "; ".join(f"{scn.faction(f).name} +{v}" for f, v in total.items())
            rows.insert(0, ("note", f"This scoring: {summary}.  ★ battleground", muted, False))
            return f"SCORING · {self._month(mo.turn).upper()}", "The blocs score", rows
        if mo.kind == "milestone":
            title = self._milestone_title(mo)
            # what the step did, without the routine that followed it in the same step (the
            # month's draws, a reshuffle) and the story line already its title
            lines = [e for e in mo.lines if e.kind not in ROUTINE and e.text != title] or list(mo.lines)
            rows.append(("head", f"★ {mo.milestone}", kit.THEME.c("accent"), True))
            head = next((e.text for e in mo.lines if e.kind == "event_text"), "")
            if head:
                rows.append(("note", head, muted, False))
            for e in lines:
                rows.append(("row", e.text, text, False))
            return f"MILESTONE · {self._month(mo.turn).upper()}", title, rows
        if mo.kind == "leader":
            return self._leader_rows(mo)
        if mo.kind == "crisis":  # what set it off, the crisis's own line, then what it did
            track = scn.tracks.get(str(mo.lines[0].data.get("track")))
            if mo.cause:
                rows.append(("note", f"After: {mo.cause}", muted, False))
            rows.append(("head", mo.lines[0].text, kit.THEME.c("danger"), True))
            for e in mo.lines[1:]:
                if e.kind not in ROUTINE:
                    rows.append(("row", e.text, text, False))
            name = str(track.name) if track is not None else "A track"
            return f"CRISIS · {self._month(mo.turn).upper()}", f"{name} at its maximum", rows
        if mo.kind == "headline":  # the month's headlines, in the order their events fire
            for f, c in headline_order(scn, mo.picks):
                card = scn.cards.get(c)
                name = f"'{card.title}' ({card.ops} op{'' if card.ops == 1 else 's'})" if card is not None else c
                rows.append(("pick", f"{scn.faction(f).name}: {name}", self.gs.colours.get(f, text), True))
            for e in mo.lines[1:]:
                rows.append(("row", e.text, text, False))
            if mo.milestone:
                rows.append(("head", f"★ {mo.milestone}", kit.THEME.c("accent"), True))
            return f"HEADLINES · {self._month(mo.turn).upper()}", "The headlines are revealed", rows
        title = "The secret choices are revealed"
        options: dict[str, str] = {}
        if mo.source is not None:
            src, sid = mo.source
            holder = scn.event_index.get(sid) if src == "event" else scn.cards.get(sid)
            if holder is not None:
                title = str(holder.title)
                if holder.choice is not None:
                    options = {o.id: str(o.label) for o in holder.choice.options}
        for f, o in mo.picks:
            rows.append(("pick", f"{scn.faction(f).name}: {options.get(o, o)}", self.gs.colours.get(f, text), True))
        for e in mo.lines[1:]:
            rows.append(("row", e.text, text, False))
        if mo.milestone:
            rows.append(("head", f"★ {mo.milestone}", kit.THEME.c("accent"), True))
        return f"REVEAL · {self._month(mo.turn).upper()}", title, rows

    def _leader_rows(self, mo: Moment) -> tuple[str, str, list[tuple[str, str, Any, bool]]]:
        """A new leader: who leads whom now, what leading gives, what brought it and what followed
        (the scenario's own words: its leaders and the log's lines)."""
        scn, muted, text = self.gs.scn, kit.THEME.c("muted"), kit.THEME.c("text")
        faction, lid = mo.leader or ("", "")
        ld = scn.leaders.get(lid)
        fname = str(scn.faction(faction).name) if faction in scn.factions else faction
        colour = self.gs.colours.get(faction, text)
        rows: list[tuple[str, str, Any, bool]] = []
        if mo.cause:
            rows.append(("note", f"Brought by: {mo.cause}", muted, False))
        if ld is not None:
            rows.append(("pick", f"{ld.name}{', ' + ld.title if ld.title else ''} · {fname}", colour, True))
            for t in ld.traits:
                rows.append(("row", f"{t.name}: {t.text}" if t.text else str(t.name), text, False))
        for e in mo.lines[1:]:
            if e.kind != "story":
                rows.append(("row", e.text, text, False))
        story = [e.text for e in mo.lines if e.kind == "story"]
        title = story[0] if story and len(story[0]) <= 140 else mo.lines[0].text
        return f"NEW LEADER · {self._month(mo.turn).upper()}", title, rows

    def _milestone_title(self, mo: Moment) -> str:
        """A milestone's title: the scenario's story line that tells it, else its words ("Treaty signed")."""
        story = [e.text for e in mo.lines if e.kind == "story"]
        return story[0] if story and len(story[0]) <= 140 else mo.milestone

    def layout(self) -> None:
        w, h = self.size
        bw = min(kit.sc(900), w - kit.sc(60))
        inner_w = bw - kit.sc(48)
        self.heading, self.title, self.rows = self._rows()
        total = kit.sc(36) + kit.sc(22) + kit.block_height(self.title, inner_w, "title", True) + kit.sc(10)
        for kind, s, _c, bold in self.rows:
            size = "normal" if kind in ("head", "pick") else "small"
            total += kit.block_height(s, inner_w - (kit.sc(16) if kind == "row" else 0), size, bold)
            total += kit.sc(6) if kind == "head" else kit.sc(2)
        total += kit.sc(70)
        bh = min(total, h - kit.sc(40))
        self.panel = pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)
        r = pygame.Rect(0, 0, kit.sc(200), kit.sc(38))
        r.bottomright = (self.panel.right - kit.sc(24), self.panel.bottom - kit.sc(16))
        inner = self.panel.inflate(-kit.sc(48), -kit.sc(36))
        top = inner.y + kit.sc(22) + kit.block_height(self.title, inner.w, "title", True) + kit.sc(10)
        self.pages = self._paginate(inner.w, r.top - kit.sc(8) - top)
        self.page = min(self.page, len(self.pages) - 1)
        last = self.index == len(self.moments) - 1 and self.page == len(self.pages) - 1
        self.buttons = [kit.Button("ok", "Continue" if last else "Next", r, hint="Enter")]

    def _paginate(self, width: int, room: int) -> list[tuple[int, int]]:
        """The rows in pages of at most ``room`` pixels (as ``draw`` writes them), each page at
        least one row; a heading and its rows (a bloc of a scoring) stay on one page when they
        fit on one."""
        pages: list[tuple[int, int]] = []
        heights = []
        for kind, s, _c, bold in self.rows:
            size = "normal" if kind in ("head", "pick") else "small"
            h = (kit.sc(4) if kind == "head" else 0) + kit.sc(2)
            heights.append(h + kit.block_height(s, width - (kit.sc(16) if kind == "row" else 0), size, bold))
        start, used = 0, 0
        for i, h in enumerate(heights):
            if used + h > room and i > start:
                heads = [k for k in range(start + 1, i + 1) if self.rows[k][0] == "head"]
                group_end = next((k for k in range(i + 1, len(self.rows)) if self.rows[k][0] == "head"), len(self.rows))
                if heads and sum(heights[heads[-1]:group_end]) <= room:
                    cut = heads[-1]  # the whole group on the next page
                else:
                    cut = i - 1 if self.rows[i - 1][0] == "head" and i - 1 > start else i  # a heading with a row
                pages.append((start, cut))
                start, used = cut, sum(heights[cut:i])
            used += h
        pages.append((start, len(self.rows)))
        return pages

    def activate(self, b: kit.Button) -> None:
        if self.page + 1 < len(self.pages):
            self.page += 1
            self.layout()
            return
        if self.index + 1 < len(self.moments):
            self.index += 1
            self.page = 0
            self.layout()
            return
        self.app.pop(self)

    def draw(self, surface: pygame.Surface) -> None:
        if self.peek:
            self.draw_peek(surface)
            return
        inner = self.frame(surface, 170)
        y = inner.y
        kit.text(surface, self.heading, (inner.x, y), "small", kit.THEME.c("accent"), bold=True)
        where = [f"{self.index + 1} of {len(self.moments)}"] if len(self.moments) > 1 else []
        if len(self.pages) > 1:
            where.append(f"page {self.page + 1} of {len(self.pages)}")
        if where:
            kit.text(surface, "  ·  ".join(where), (inner.right, y), "small", kit.THEME.c("muted"), anchor="topright")
        y += kit.sc(22)
        y += kit.text_block(surface, self.title, pygame.Rect(inner.x, y, inner.w, inner.h), "title", bold=True)
        y += kit.sc(10)
        bottom = self.buttons[0].rect.top - kit.sc(8)
        start, end = self.pages[self.page]
        for kind, s, colour, bold in self.rows[start:end]:
            size = "normal" if kind in ("head", "pick") else "small"
            x = inner.x + (kit.sc(16) if kind == "row" else 0)
            if kind == "head":
                y += kit.sc(4)
            y += kit.text_block(surface, s, pygame.Rect(x, y, inner.right - x, bottom - y), size, colour, bold)
            y += kit.sc(2)
            if y >= bottom:
                break
        for i, b in enumerate(self.buttons):
            b.draw(surface, hover=b.rect.collidepoint(self.app.mouse), focus=i == self.focus)
