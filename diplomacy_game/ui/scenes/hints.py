"""Explanations for the game screen: tooltips on every number, the calendar's outlook, crisis
warnings and the faction actions' shortcut letters.

Every explanation is written from the scenario's data and the engine's answers (what an
effect or a condition says, told by its class in the engine; whether an event can still
fire; how an action would move a track); no rule of the game is decided here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from ...engine.actions import Action
from ...engine.cards import owner_names
from ...engine.conditions import condition_reads, describe_condition
from ...engine.effects import describe_effects, effect_writes
from ...engine.turn import month_name
from ...engine.words import faction_word, flag_word
from ...scenario import models as m
from ...scenario.loader import Scenario
from . import kit

if TYPE_CHECKING:
    from ..screen import GameScreen

__all__ = ["RESERVED_LETTERS", "describe_condition", "describe_effects"]

# Letters the game screen already uses (E/O play, G discard for the outlet, I/P modes, B/D
# boost/done, C choice, R recap, X skip the tutorial, A walk through the faction actions): a
# faction action never takes one of them.
RESERVED_LETTERS = frozenset("eogipbdcrxa")


# ---------------------------------------------------------------------------- words
# What each condition and effect says in words is in its class (engine/conditions.py and
# engine/effects.py); describe_condition and describe_effects are imported from there.


def flag_sources(scn: Scenario, flag: str) -> list[str]:
    """Where a flag can be set: 'Event title: option label', or a card's title."""
    out: list[str] = []

    def sets(effects: Sequence[m.Effect]) -> bool:
        return ("flag", flag, "set") in effect_writes(effects)

    for ev in scn.events:
        if sets(ev.effects) or sets(ev.then):
            out.append(ev.title)
        for o in ev.choice.options if ev.choice else []:
            if sets(o.effects):
                out.append(f"{ev.title}: “{o.label}”")
    for c in scn.cards.values():
        if sets(c.effects) or sets(c.then):
            out.append(f"the card ‘{c.title}’")
    return out


# ---------------------------------------------------------------------------- letters, calendar, warnings


def action_letters(scn: Scenario, seat: str | None) -> dict[str, str]:
    """A distinct shortcut letter for each faction action of ``seat`` (from its name if it can)."""
    out: dict[str, str] = {}
    taken = set(RESERVED_LETTERS)
    for a in scn.actions.values():
        if seat not in a.factions:
            continue
        name = "".join(ch for ch in a.name.lower() if "a" <= ch <= "z")
        for ch in [*name, *"fghjklmnqstuvwyz"]:
            if ch not in taken:
                out[a.id] = ch
                taken.add(ch)
                break
    return out


def calendar_events(gs: GameScreen) -> tuple[list[m.Event], list[m.Event]]:
    """(events still to come that can fire, events that can no longer happen), in date order."""
    return gs.match.calendar()


def crisis_note(gs: GameScreen, action: Action) -> str:
    """A warning when ``action`` would push a track to its maximum (its crisis), else ''."""
    notes = []
    for tid in gs.match.crisis_tracks(action):
        t = gs.scn.tracks[tid]
        what = ", ".join(describe_effects(gs.scn, t.on_max, "you")) or "its crisis"
        notes.append(f"⚠ This pushes {t.name} to {t.max}: crisis — {what}.")
    return " ".join(notes)


def card_meta(gs: GameScreen, cid: str) -> str:
    """The card detail's second line: operations (for this seat), owner, date and source."""
    scn = gs.scn
    card = scn.cards[cid]
    owner = owner_names(scn, cid)
    ops = kit.plural(card.ops, "operation")
    if gs.seat is not None:
        mine = gs.match.card_ops(cid)
        if mine != card.ops:
            ops += f" ({mine} for you: your leader's trait)"
    parts = [ops, owner, str(card.date or ""), scn.source_label(card.source)]
    return "  ·  ".join(p for p in parts if p)


def card_note(gs: GameScreen, cid: str) -> str:
    """What playing this card for operations means for the seat at the screen (the engine says
    whose event it then sets off)."""
    owner = gs.match.opponent_event(cid)
    if owner is None:
        return ""
    fac = gs.scn.faction(owner)
    kind = f"{fac.adjective} card" if fac.adjective else f"card of {fac.name}"
    return f"If you play this {kind} for operations, its event then happens for {fac.name}."


# ---------------------------------------------------------------------------- tooltips


@dataclass
class Zone:
    rect: pygame.Rect
    title: str
    body: str


def _inner(rect: pygame.Rect) -> pygame.Rect:
    """The content rectangle of a right-panel section (as panels.side.section makes it)."""
    return pygame.Rect(rect.x + kit.sc(10), rect.y + kit.sc(24), rect.w - kit.sc(20), rect.h - kit.sc(28))


def track_text(gs: GameScreen, tid: str, value: int) -> tuple[str, str]:
    scn = gs.scn
    t = scn.tracks[tid]
    lines = [f"Runs from {t.min} to {t.max}; now {value}."]
    movers = []
    for a in scn.actions.values():
        for ph in describe_effects(scn, a.effects):
            if ph.startswith(t.name):
                who = " and ".join(scn.faction(f).name for f in a.factions)
                movers.append(f"{a.name} ({who}): {ph}")
    for ph in describe_effects(scn, scn.rules.pressure_battleground):
        if t.name in ph:
            movers.append(f"pressure in a battleground — {ph}")
    if movers:
        lines.append("Moved by: " + "; ".join(movers) + "; and by cards and events.")
    upkeep = [ph for ph in describe_effects(scn, scn.model.upkeep) if t.name in ph]
    if upkeep:
        lines.append("At each upkeep: " + "; ".join(upkeep) + ".")
    if t.on_max:
        lines.append(f"At {t.max} — crisis: " + ", ".join(describe_effects(scn, t.on_max, "whoever pushed it"))
                     + ". Only a move up from below sets it off.")
    return f"{t.name}: {value} of {t.max}", "\n".join(lines)


def event_text(gs: GameScreen, ev: m.Event) -> tuple[str, str]:
    scn = gs.scn
    dates = f"{ev.date} – {ev.end}" if ev.end else str(ev.date)
    lines = [str(ev.text)]
    if ev.if_ is not None:
        cond = describe_condition(scn, ev.if_)
        lines.append(f"Happens only if {cond}.")
        flags = _flags(ev.if_)
        for fl in flags:
            src = flag_sources(scn, fl)
            if src:
                lines.append(f"“{flag_word(scn, fl)}” comes from: {'; '.join(src)}.")
    if ev.choice is not None:
        ch = ev.choice
        who = " and ".join(scn.faction(f).name for f in ch.factions) if ch.factions else faction_word(scn, ch.faction)
        lines.append(f"{who} will decide{' in secret' if ch.secret else ''}: {ch.prompt}")
    return f"{dates}: {ev.title}", "\n".join(lines)


def _flags(c: m.Condition) -> list[str]:
    """The flags a condition reads, in order."""
    return [a[1] for a in condition_reads(c) if a[0] == "flag"]


def button_text(gs: GameScreen, b: kit.Button) -> tuple[str, str]:
    scn = gs.scn
    r = scn.rules
    if not b.enabled:
        return b.label, f"Not possible now: {b.reason or 'not available'}"
    key = b.key
    if key == "event" and gs.sel_card:
        from ...engine.actions import PlayCard

        note = crisis_note(gs, PlayCard(gs.sel_card, "event"))
        return "Play for its event", f"{scn.cards[gs.sel_card].text} {note}".strip()
    if key == "discard" and gs.sel_card:
        from ...engine.actions import DiscardCard

        outlet = next((d for d in scn.rules.discard if gs.seat in d.factions), None)
        what = outlet.text or ", ".join(describe_effects(scn, outlet.effects, "you")) if outlet else ""
        note = crisis_note(gs, DiscardCard(gs.sel_card))
        return "Discard for your outlet", f"Set the card aside: its event does not happen. {what} {note}".strip()
    if key == "ops" and gs.sel_card:
        pts = gs.match.card_ops(gs.sel_card)
        body = (f"Spend {kit.plural(pts, 'operation point')}: place influence, press, use a faction action, or boost. "
                + card_note(gs, gs.sel_card))
        return "Play for operations", body.strip()
    if key == "mode:influence":
        return "Place influence", (f"{r.influence_cost} point per influence ({r.influence_cost_controlled} where "
                                   f"another faction controls), in your home, where you have influence, or next to "
                                   f"it. At most {r.max_influence} in a region.")
    if key == "mode:pressure":
        return "Pressure", (f"{kit.plural(r.pressure_cost, 'point')}. Roll a d{r.pressure_die}, plus your leader's "
                            "pressure trait, +1 if you control a neighbouring region. Each point above the region's "
                            "stability removes "
                            "one influence of the faction you press. Click a marked region to arm it; where two "
                            "factions could be pressed, click again or Tab to press the other; Enter confirms.")
    if key.startswith("mode:act:"):
        a = scn.actions[key[9:]]
        return a.name, f"{kit.plural(a.cost, 'point')}, {kit.plural(a.per_turn, 'time')} a turn. {a.text}"
    if key == "boost":
        return "Boost", f"Spend 1 economy for +1 operation point, at most {kit.plural(r.boost_limit, 'time')} per card."
    if key == "done":
        return "Done", "End your operations; points not spent are lost."
    if key == "choice":
        return "Answer the choice", "Open the decision waiting for you (C)."
    if key == "confirm" and gs.armed is not None:
        return "Confirm", f"{gs.describe(gs.armed)}."
    if key == "cancel":
        return "Cancel", "Choose something else (Esc or right click)."
    return b.label, ""


def zones(gs: GameScreen) -> list[Zone]:
    """Every explained area of the game screen, with its explanation."""
    scn, L, v = gs.scn, gs.L, gs.view
    out: list[Zone] = []
    # the header
    n = len(scn.months)
    rounds = scn.rules.action_rounds
    head = pygame.Rect(L.top.x, L.top.y, int(L.top.w * 0.55), L.top.h)
    out.append(Zone(head, f"{month_name(v.month)} — turn {v.turn + 1} of {n}",
                    f"Each turn is a month: timeline events, then every faction draws up to its hand size, then "
                    f"{rounds} action rounds (each faction plays one card a round, Russia first), then upkeep. "
                    f"The game ends after {month_name(scn.months[-1])}."))
    # factions
    inner = _inner(L.factions)
    y = inner.y
    threshold = scn.model.victory.threshold
    scoring = ", ".join(month_name(mm) for mm in scn.model.scoring.months)
    for f in scn.factions:
        fac = scn.faction(f)
        vp = v.vp.get(f, 0)
        row = pygame.Rect(inner.x, y, inner.w, kit.sc(18))
        body = (f"Victory points. The blocs score in {scoring}; the tracks pay at upkeep; the treaty counts at the "
                f"end. Most VP after the last month wins" + (f"; {threshold} VP wins at once." if threshold else "."))
        out.append(Zone(row, f"{fac.name}: {vp} VP", body))
        lid = v.leaders.get(f)
        leader = scn.leaders.get(lid) if lid else None
        if leader is not None:
            traits = " ".join(f"{t.name}: {t.text}" for t in leader.traits)
            out.append(Zone(pygame.Rect(inner.x, y + kit.sc(18), inner.w, kit.sc(16)),
                            f"{leader.name}, {leader.title}", f"Leads {fac.name}. {traits}".strip()))
        eco = v.economy.get(f, 0)
        cards = v.hand_sizes.get(f, 0)
        hs = gs.match.hand_size(f)
        body = (f"Economy {eco} (0–{scn.rules.economy_max}): +{fac.income} at each upkeep, plus the leader's trait. "
                f"Spend 1 to boost a card by one operation point. Some choices cost economy; sanctions cut it.\n"
                f"{kit.plural(cards, 'card')} in hand; each month it draws up to {hs}.")
        out.append(Zone(pygame.Rect(inner.x, y + kit.sc(34), inner.w, kit.sc(18)), f"{fac.name}'s numbers", body))
        y += kit.sc(58)
    # tracks
    inner = _inner(L.tracks)
    y = inner.y
    for tid, t in scn.tracks.items():
        title, body = track_text(gs, tid, v.tracks.get(tid, t.min))
        out.append(Zone(pygame.Rect(inner.x, y, inner.w, kit.sc(28)), title, body))
        y += kit.sc(30)
    # calendar
    inner = _inner(L.calendar)
    y = inner.y
    left = [mm for mm in scn.months if mm > v.month]
    out.append(Zone(pygame.Rect(inner.x, y, inner.w, kit.sc(18)), "The calendar",
                    f"{kit.plural(len(left), 'more turn')} after this one. The blocs score at the upkeep of: "
                    f"{scoring}. "
                    "Below: the events still to come (hover one for what it does). An event marked (if…) happens "
                    "only if its condition holds on the day; one that can no longer happen is not listed."))
    y += kit.sc(18)
    lh = kit.FONTS.get("small").get_linesize()
    can, _never = calendar_events(gs)
    for ev in can:
        if y + lh > inner.bottom:
            break
        title, body = event_text(gs, ev)
        out.append(Zone(pygame.Rect(inner.x, y, inner.w, lh), title, body))
        y += lh
    # buttons
    for b in L.buttons:
        title, body = button_text(gs, b)
        if body:
            out.append(Zone(b.rect, title, body))
    return out


def zone_at(gs: GameScreen, pos: tuple[int, int]) -> Zone | None:
    for z in zones(gs):
        if z.rect.collidepoint(pos):
            return z
    return None


def draw_hint(surface: pygame.Surface, gs: GameScreen) -> None:
    """The tooltip under the pointer (only while the game screen is on top)."""
    if not gs.on_top():
        return
    pos = gs.app.mouse
    z = zone_at(gs, pos)
    if z is not None:
        kit.tooltip(surface, z.title, z.body, pos, surface.get_rect(), width=360)
