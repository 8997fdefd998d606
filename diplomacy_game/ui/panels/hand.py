"""The hand panel: the status line, the cards, the mode's buttons, and the card detail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from ...engine import PendingTarget
from ...engine.actions import PlayCard
from ...engine.cards import owner_names
from ...engine.turn import month_name
from ..modes import ButtonSpec
from ..scenes import hints, kit
from . import side

if TYPE_CHECKING:
    from ...scenario.loader import Scenario
    from ..screen import GameScreen

COMPACT_MIN_H = 64  # design pixels: rows of cards lower than this are not laid out (a fan instead)
COMPACT_W = 100  # design pixels: the least width of a compact card
COMPACT_H = 120  # design pixels: a card lower than this is drawn compact (title, operations, owner)


def layout_cards(hand: tuple[str, ...], area: pygame.Rect, selected: str | None) -> dict[str, pygame.Rect]:
    """Each card's rectangle, side by side. When they would be too narrow to read (a large UI
    scale, a full hand), they go in rows of compact cards (title, operations, owner) if a fan
    would hide more than a quarter of each card and the rows are tall enough; else they overlap
    like a fan, each over the one before it and the selected one over all. The dict lists the
    topmost first, so that the first rectangle holding a point is the card seen there."""
    out: dict[str, pygame.Rect] = {}
    if hand:
        n = len(hand)
        gap = kit.sc(8)
        cw = min(kit.sc(165), (area.w - gap * (n - 1)) // n)
        step = cw + gap
        least = min(kit.sc(118), area.w)
        if cw < least and n > 1:
            fan_step = max(1, (area.w - least) // (n - 1))
            rows = _card_rows(hand, area, min(kit.sc(COMPACT_W), area.w), gap)
            if fan_step * 4 < least * 3 and rows is not None:
                return rows
            cw, step = least, fan_step  # a fan: every card readable, each showing its left part
        for i, c in reversed(list(enumerate(hand))):
            r = pygame.Rect(area.x + i * step, area.y + kit.sc(6), cw, area.h - kit.sc(6))
            if c == selected:
                r.y -= kit.sc(6)
            out[c] = r
        if selected in out:  # the selected card lies over the others
            out = {selected: out[selected], **{c: r for c, r in out.items() if c != selected}}
    return out


def _card_rows(hand: tuple[str, ...], area: pygame.Rect, least: int, gap: int) -> dict[str, pygame.Rect] | None:
    """Rows of compact cards, each at least ``least`` wide, none over another; None when the
    rows would be too low to show a title and the owner."""
    n = len(hand)
    per_row = max(1, (area.w + gap) // (least + gap))
    rows = -(-n // per_row)
    rh = (area.h - gap * (rows - 1)) // rows
    if rows < 2 or rh < kit.sc(COMPACT_MIN_H):
        return None
    cw = min(kit.sc(165), (area.w - gap * (per_row - 1)) // per_row)
    return {c: pygame.Rect(area.x + (i % per_row) * (cw + gap), area.y + (i // per_row) * (rh + gap), cw, rh)
            for i, c in enumerate(hand)}


def layout_buttons(specs: list[ButtonSpec], col: pygame.Rect, armed: bool) -> list[kit.Button]:
    """The buttons in one column (two when they do not fit), and Confirm/Cancel under them when armed."""
    gap = kit.sc(5)
    rows = len(specs) + (1 if armed else 0)
    cols = 1
    bh = (col.h - gap * (max(1, rows) - 1)) // max(1, rows)
    if bh < kit.sc(24) and len(specs) > 1:
        cols = 2
        rows = (len(specs) + 1) // 2 + (1 if armed else 0)
        bh = (col.h - gap * (rows - 1)) // rows
    bh = max(kit.sc(18), min(kit.sc(34), bh))
    cw = (col.w - gap * (cols - 1)) // cols
    out = []
    for i, s in enumerate(specs):
        label = s.label.split(":")[0].split(" (")[0] if cols > 1 else s.label
        r = pygame.Rect(col.x + (i % cols) * (cw + gap), col.y + (i // cols) * (bh + gap), cw, bh)
        short = s.hint if cols == 1 or len(s.hint) == 1 else ""  # two columns: letters only
        out.append(kit.Button(s.key, label, r, enabled=s.reason is None, hint=short, reason=s.reason,
                              selected=s.selected))
    if armed:
        y = col.y + ((len(specs) + cols - 1) // cols) * (bh + gap)
        half = (col.w - gap) // 2
        out.append(kit.Button("confirm", "Confirm", pygame.Rect(col.x, y, half, bh), hint="Enter"))
        out.append(kit.Button("cancel", "Cancel", pygame.Rect(col.x + half + gap, y, half, bh), hint="Esc"))
    return out


def short_owner(scn: Scenario, cid: str) -> str:
    """The card's owners in fewer letters: each faction's name without a leading "The", joined
    by "/" ("West", "Russia/Iran"); the card detail under the pointer keeps the full words."""
    names = owner_names(scn, cid)
    owners = scn.cards[cid].owners
    if len(owners) == 1 and names == "Neutral":
        return names
    parts = [str(scn.faction(o).name) if o in scn.factions else str(o) for o in owners]
    return "/".join(p[4:] if p.startswith("The ") and len(p) > 4 else p for p in parts)


def owner_label(scn: Scenario, cid: str, width: int) -> str:
    """The owner line of a card ``width`` pixels wide (small bold text): the full names if they
    fit, else the short ones (:func:`short_owner`), cut with an ellipsis only if even those do not."""
    font = kit.FONTS.get("small", True)
    full = owner_names(scn, cid)
    if font.size(full)[0] <= width:
        return full
    return kit.elide(short_owner(scn, cid), font, width)


def moment_status(gs: GameScreen) -> str | None:
    """The status line while a big moment is on its screen over the game (a scoring, a reveal):
    what is shown and how to go on, not the next decision's prompt; None when there is none."""
    mo = gs.moment_shown()
    if mo is None:
        return None
    months = gs.scn.months
    month = month_name(months[max(0, min(mo.turn, len(months) - 1))]) if months else ""
    what = side.MOMENT_WORDS.get(mo.kind, "A moment")
    return f"{what} · {month} on the screen: Enter goes on." if month else f"{what} on the screen: Enter goes on."


def after_moment(gs: GameScreen) -> str:
    """What comes after a big moment's screen, under its status line: the hand-off to the next
    human seat in hot seat (no hand is shown here then), nothing under a public view, else the
    seat's own hand again."""
    nxt = gs.acting()
    if len(gs.humans) > 1 and nxt in gs.humans and nxt != gs.match.revealed:
        return f"The hand-off to {gs.scn.faction(nxt).name} comes next."
    return "" if gs.viewer is None else "Your hand is shown again after this screen."


def draw_hand(surface: pygame.Surface, gs: GameScreen) -> None:
    L, v = gs.L, gs.view
    pygame.draw.rect(surface, kit.THEME.c("panel"), L.hand)
    pygame.draw.line(surface, kit.THEME.c("panel_border"), L.hand.topleft, (L.hand.right - 1, L.hand.top))  # inside
    pad = kit.sc(10)
    shown = moment_status(gs)
    if shown is not None:  # a scoring or a reveal over the game: neither the next prompt nor a hand of
        # another moment (drawn before the month's cards), only what is on the screen
        draw_status(surface, L.status, shown, kit.THEME.c("muted"))
        after = after_moment(gs)
        if after:
            kit.text(surface, after, (L.hand.x + pad, L.status.bottom + kit.sc(16)), "normal", kit.THEME.c("muted"))
        return
    if gs.calendar_shown():  # the month's events on their dialog: no computer plays meanwhile
        draw_status(surface, L.status, "On the calendar: the month's events. Enter goes on.", kit.THEME.c("muted"))
    elif gs.message:  # the status line: the last message, or the prompt
        col = kit.THEME.c("danger") if gs.message_error else kit.THEME.c("target")
        draw_status(surface, L.status, gs.message, col)
    else:
        prompt = gs.prompt()  # with a crisis warning (the selected card's event): in the warning's colour
        draw_status(surface, L.status, prompt, kit.THEME.c("danger" if "⚠" in prompt else "text"))
    if not v.hand:
        msg = "Cards are hidden while another seat acts." if gs.viewer is None else "No cards in hand."
        kit.text(surface, msg, (L.hand.x + pad, L.status.bottom + kit.sc(16)), "normal", kit.THEME.c("muted"))
    order = sorted(enumerate(v.hand), key=lambda ic: ic[1] == gs.sel_card)  # the selected one on top
    for i, c in order:
        r = L.cards.get(c)
        if r is not None:
            draw_card(surface, gs, c, r, i + 1, c == gs.sel_card, c == gs.hover_card)
    for b in L.buttons:
        b.draw(surface, hover=b.rect.collidepoint(gs.app.mouse), size="small")


def draw_status(surface: pygame.Surface, r: pygame.Rect, s: str, col: kit.Color) -> None:
    """The status line: one line, or two smaller ones when it does not fit, cut only at the end
    of the second; a crisis warning (after "Enter to confirm") has the second line to itself, so
    that it is read from its start."""
    pad = kit.sc(10)
    width = r.w - 2 * pad
    if kit.FONTS.get("normal").size(s)[0] <= width:
        kit.text(surface, s, (r.x + pad, r.centery), "normal", col, anchor="midleft")
        return
    font = kit.FONTS.get("small")
    lines = kit.wrap(s, font, width)
    head, warn, rest = s.partition(" ⚠")
    if warn and head:
        what, dash, how = head.partition(" — ")  # "what it does — how to confirm": the how kept whole
        tail = font.size(dash + how)[0]
        if dash and font.size(head)[0] > width and tail < width * 0.7:
            head = kit.elide(what, font, width - tail) + dash + how
        lines = [kit.elide(head, font, width), kit.elide((warn + rest).strip(), font, width)]
    elif len(lines) > 2:
        what, dash, how = s.partition(" — ")  # "what it does — how to confirm": the how kept whole
        cut = len(what)
        while dash and cut > len(what) // 2 and len(lines) > 2:
            cut -= 4
            lines = kit.wrap(what[:cut].rstrip() + "…" + dash + how, font, width)
        if len(lines) > 2:
            lines = [lines[0], kit.elide(" ".join(lines[1:]), font, width)]
    lh = font.get_linesize()
    y = r.centery - lh * len(lines) // 2 + kit.sc(1)
    for ln in lines:
        kit.text(surface, ln, (r.x + pad, y), "small", col, max_width=width)
        y += lh


def draw_card(surface: pygame.Surface, gs: GameScreen, cid: str, r: pygame.Rect, n: int, selected: bool,
              hover: bool) -> None:
    scn = gs.scn
    card = scn.cards[cid]
    bg = kit.THEME.c("card_selected") if selected else kit.THEME.c("card")
    pygame.draw.rect(surface, bg, r, border_radius=kit.sc(6))
    owner_col = gs.colours.get(card.owner, (140, 140, 140))
    stripe = pygame.Rect(r.x, r.y, r.w, kit.sc(8))
    pygame.draw.rect(surface, owner_col, stripe, border_top_left_radius=kit.sc(6), border_top_right_radius=kit.sc(6))
    border = kit.THEME.c("focus") if selected else ((255, 255, 255) if hover else (90, 90, 90))
    pygame.draw.rect(surface, border, r, width=3 if selected else 1, border_radius=kit.sc(6))
    ink = kit.THEME.c("card_text")
    pad = kit.sc(6)
    badge = pygame.Rect(0, 0, kit.sc(24), kit.sc(24))  # the operations badge
    badge.topright = (r.right - pad, r.y + kit.sc(12))
    owner_ink = owner_col if card.owner != "neutral" else (90, 90, 90)
    if r.h >= kit.sc(COMPACT_H):
        _draw_badge(surface, card.ops, badge)
    if r.h < kit.sc(COMPACT_H):  # compact: the title, then the number and the owner
        _draw_compact(surface, scn, card, owner_ink, r, n, badge)
        return
    if r.w >= kit.sc(100):
        kit.text(surface, str(n), (r.x + pad, r.y + kit.sc(12)), "small", (110, 110, 110))
    tsize = "normal" if r.w >= kit.sc(140) else "small"
    title_rect = pygame.Rect(r.x + pad, r.y + kit.sc(30), r.w - 2 * pad, kit.sc(56))
    used = kit.text_block(surface, card.title, title_rect, tsize, ink, bold=True, max_lines=3)
    y = title_rect.y + used + kit.sc(2)
    kit.text(surface, owner_label(scn, cid, r.w - 2 * pad), (r.x + pad, y), "small", owner_ink, bold=True,
             max_width=r.w - 2 * pad)
    y += kit.sc(18)
    body = pygame.Rect(r.x + pad, y, r.w - 2 * pad, r.bottom - y - pad)
    if body.h > kit.sc(14):
        lh = kit.FONTS.get("small").get_linesize()
        kit.text_block(surface, card.text, body, "small", (50, 50, 50), max_lines=max(1, body.h // lh))


def _draw_badge(surface: pygame.Surface, ops: int, badge: pygame.Rect) -> None:
    """A card's operations value on its dark disc."""
    pygame.draw.ellipse(surface, (40, 40, 40), badge)
    kit.text(surface, str(ops), badge.center, "normal", (255, 255, 255), bold=True, anchor="center")


def _draw_compact(surface: pygame.Surface, scn: Scenario, card: Any, owner_ink: kit.Color, r: pygame.Rect, n: int,
                  badge: pygame.Rect) -> None:
    """A low card: its title on up to two lines as wide as the card, then the number, the owner
    and the operations badge (a disc as high as the line) at the right of that line; the owner
    shortened if its full name does not fit there (:func:`owner_label`)."""
    pad = kit.sc(6)
    font = kit.FONTS.get("small", True)
    lh = font.get_linesize()
    top = r.y + kit.sc(12)
    lines = max(1, min(2, (r.h - kit.sc(16) - lh) // lh))
    used = kit.text_block(surface, card.title, pygame.Rect(r.x + pad, top, r.w - 2 * pad, lh * lines), "small",
                          kit.THEME.c("card_text"), bold=True, max_lines=lines)
    y = top + max(used, lh) + kit.sc(2)
    disc = pygame.Rect(0, 0, max(lh, badge.h * 3 // 4), max(lh, badge.h * 3 // 4))
    disc.midright = (r.right - pad, y + lh // 2)
    pygame.draw.ellipse(surface, (40, 40, 40), disc)
    kit.text(surface, str(card.ops), disc.center, "small", (255, 255, 255), bold=True, anchor="center")
    num = kit.text(surface, f"{n} ", (r.x + pad, y), "small", (110, 110, 110))
    room = disc.x - kit.sc(4) - num.right
    kit.text(surface, owner_label(scn, card.id, room), (num.right, y), "small", owner_ink, bold=True, max_width=room)


def draw_detail(surface: pygame.Surface, gs: GameScreen) -> pygame.Rect | None:
    """The card under the pointer (or selected, or waiting for its target), in full; where it lies."""
    v, scn, L, mouse = gs.view, gs.scn, gs.L, gs.app.mouse
    cid = gs.hover_card
    # a card event waiting for its target: its text, so the player knows what the target is for
    aiming = v.pending.card if isinstance(v.pending, PendingTarget) and gs.pending_kind == "target" else None
    if cid is None and aiming in scn.cards:
        cid = aiming
    elif cid is None:  # the selected card: shown beside the map, so also while the pointer is on it
        cid = gs.sel_card
    if cid is None or (cid not in v.hand and cid != aiming):
        return None
    card = scn.cards[cid]
    # the card under the pointer: over the map's foot, by the hand; the selected card or the one
    # waiting for its target: over the log at the right, never over the map where targets are picked
    beside = cid != gs.hover_card and L.right.w > kit.sc(200)
    w = L.right.w - kit.sc(16) if beside else min(kit.sc(420), L.map.w - kit.sc(20))
    body_w = w - kit.sc(24)
    meta = hints.card_meta(gs, cid)
    reason = None
    if gs.pending_kind == "play":
        ev = PlayCard(cid, "event")
        if ev not in gs.legal:
            reason = gs.match.why_illegal(ev)
    reason = ". ".join(x for x in (reason, hints.card_note(gs, cid)) if x) or None
    note_col = kit.THEME.c("danger")
    if cid == aiming:
        does = ", ".join(hints.describe_effects(scn, card.effects, "you"))
        reason = "Choose its target: a marked region on the map" + (", or a button" if any(
            b.key.startswith("target:") for b in L.buttons) else "") + "." + (f" It does: {does}." if does else "")
        note_col = kit.THEME.c("target")
    h = kit.sc(16) + kit.block_height(card.title, body_w, "large", True) + kit.block_height(meta, body_w, "small")
    h += kit.block_height(card.text, body_w) + kit.sc(16)
    if reason:
        h += kit.block_height(reason, body_w, "small") + kit.sc(6)
    if beside:
        bottom = L.right.bottom - kit.sc(8)
        coach = getattr(gs.app, "coach", None)
        box = getattr(coach, "box", None) if coach is not None and getattr(coach, "tip", None) else None
        if isinstance(box, pygame.Rect) and box.w > 0 and box.bottom > bottom - h:
            bottom = min(bottom, box.top - kit.sc(6))  # above the tutorial's guide, never under it
        r = pygame.Rect(L.right.x + kit.sc(8), bottom - h, w, h)
        if r.y < L.right.y + kit.sc(2):
            r.y = L.right.y + kit.sc(2)
            r.h = max(kit.sc(40), bottom - r.y)
    else:
        r = pygame.Rect(L.map.x + kit.sc(10), L.map.bottom - h - kit.sc(10), w, h)
        r.y = max(r.y, kit.sc(2))  # a long card on a small window: all of it, over the header if need be
    if cid == aiming and cid != gs.hover_card and r.collidepoint(mouse) and not beside:
        return None  # out of the way of the regions under it while the pointer is there
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
    return r
