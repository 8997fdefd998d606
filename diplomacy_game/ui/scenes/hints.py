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

from ...engine import explain
from ...engine.actions import Action, DiscardCard, EndOps, PlayCard
from ...engine.cards import owner_names
from ...engine.conditions import condition_reads, describe_condition
from ...engine.effects import describe_effects, effect_writes
from ...engine.outlook import crisis_flags
from ...engine.turn import month_name
from ...engine.words import faction_word, flag_clause, flag_word
from ...scenario import models as m
from ...scenario.loader import Scenario
from ..panels import side
from . import kit

if TYPE_CHECKING:
    from ..screen import GameScreen

__all__ = ["RESERVED_LETTERS", "describe_condition", "describe_effects"]

# Letters the game screen already uses (E/O play, G discard for the outlet, H the headline,
# I/P modes, B/D boost/done, C choice, R recap, X skip the tutorial, A walk through the faction
# actions): a faction action never takes one of them.
RESERVED_LETTERS = frozenset("eoghipbdcrxa")


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


def crisis_note(gs: GameScreen, action: Action, short: bool = False) -> str:
    """A warning when ``action`` would push a track to its maximum (its crisis), else '': what
    the crisis would do now, in the engine's words (``short``: the form for the status line)."""
    notes = [explain.crisis_warning_words(gs.scn, c)[0 if short else 1] for c in gs.match.crises(action)]
    return " ".join(notes)


def event_warning(gs: GameScreen, cid: str) -> str:
    """The status line's warning for a selected card whose event would set off a crisis (the
    engine's short form, as for an armed pressure), '' when it would not."""
    note = crisis_note(gs, PlayCard(cid, "event"), short=True)
    return note.replace("⚠ ", "⚠ Its event: ", 1) if note else ""


def target_warning(gs: GameScreen, targets: Sequence[Action]) -> str:
    """The target step's warning when the event, once its target is chosen, would set off a
    crisis: the engine's short form (naming the targets when not for all of them), '' for none."""
    notes = [crisis_note(gs, a, short=True) for a in targets]
    hit = [n for n in notes if n]
    if not hit:
        return ""
    if len(hit) == len(notes) and len(set(hit)) == 1:
        return hit[0]  # whatever the target (said as for an armed pressure, to fit the line)
    names = [words_target(gs, a) for a, n in zip(targets, notes, strict=True) if n]
    return hit[0].replace("⚠ ", f"⚠ Targeting {', '.join(names)}: ", 1)


def words_target(gs: GameScreen, a: Action) -> str:
    t = getattr(a, "target", None)
    return gs.target_name(t) if isinstance(t, str) else str(a)


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


def card_note(gs: GameScreen, cid: str, short: bool = True) -> str:
    """What playing this card for operations means for the seat at the screen (the engine's
    words for the opponent-event rule), with the crisis the rival's event would set off."""
    if gs.seat is None:
        return ""
    note = crisis_note(gs, PlayCard(cid, "ops"), short=short)
    return " ".join(x for x in (explain.opponent_event_words(gs.scn, gs.seat, cid), note) if x)


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
        lines.append(explain.crisis_words(scn, tid))
        left = [flag_word(scn, fl) for fl in crisis_flags(scn, tid) if fl in gs.view.flags]
        if left:
            lines.append("Set now: " + ", ".join(left) + ".")
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
                lines.append(f"That {flag_clause(scn, fl)} can come from: {'; '.join(src)}.")
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
    if not b.enabled:
        return b.label, f"Not possible now: {b.reason or 'not available'}"
    key = b.key
    if key == "event" and gs.sel_card:
        note = crisis_note(gs, PlayCard(gs.sel_card, "event"))
        return "Play for its event", f"{scn.cards[gs.sel_card].text} {note}".strip()
    if key == "headline" and gs.sel_card:
        card = scn.cards[gs.sel_card]
        rule = scn.rules.headline
        order = "in turn order" if rule is not None and rule.order == "factions" else "highest operations first"
        return "Pick as headline", (f"In secret: when every faction has picked, the headlines are revealed and "
                                    f"their events fire, {order}. {card.text}")
    if key == "discard" and gs.sel_card:
        note = crisis_note(gs, DiscardCard(gs.sel_card))
        return "Discard for your outlet", f"{explain.discard_words(scn, gs.seat)} {note}".strip()
    if key == "ops" and gs.sel_card:
        pts = gs.match.card_ops(gs.sel_card)
        body = (f"Spend {kit.plural(pts, 'operation point')}: place influence, press, use a faction action, or boost. "
                + card_note(gs, gs.sel_card, short=False))
        return "Play for operations", body.strip()
    if key == "mode:influence":
        return "Place influence", explain.influence_words(scn)
    if key == "mode:pressure":
        return "Pressure", (explain.pressure_words(scn) + " Click a marked region to arm it; where two factions "
                            "could be pressed, click again or Tab to press the other; Enter confirms.")
    if key.startswith("mode:act:"):
        a = scn.actions[key[9:]]
        return a.name, f"{kit.plural(a.cost, 'point')}, {kit.plural(a.per_turn, 'time')} a turn. {a.text}"
    if key == "boost":
        return "Boost", explain.boost_words(scn)
    if key == "done":
        return "Done", f"{explain.end_ops_words()} {crisis_note(gs, EndOps())}".strip()
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
    head = pygame.Rect(L.top.x, L.top.y, int(L.top.w * 0.55), L.top.h)
    out.append(Zone(head, f"{month_name(v.month)} — turn {v.turn + 1} of {n}", explain.turn_words(scn)))
    # factions
    inner = _inner(L.factions)
    y = inner.y
    for f in scn.factions:
        fac = scn.faction(f)
        vp = v.vp.get(f, 0)
        y_name, y_leader, y_numbers = side.faction_rows(y, L.compact)
        row = pygame.Rect(inner.x, y_name, inner.w, y_numbers - y_name if y_leader is None else kit.sc(18))
        out.append(Zone(row, f"{fac.name}: {vp} VP", explain.victory_words(scn)))
        lid = v.leaders.get(f)
        leader = scn.leaders.get(lid) if lid else None
        lead = ""
        if leader is not None:
            traits = " ".join(f"{t.name}: {t.text}" for t in leader.traits)
            lead = f"Leads {fac.name}. {traits}".strip()
            if y_leader is not None:
                out.append(Zone(pygame.Rect(inner.x, y_leader, inner.w, kit.sc(16)),
                                f"{leader.name}, {leader.title}", lead))
        eco = v.economy.get(f, 0)
        cards = v.hand_sizes.get(f, 0)
        hs = gs.match.hand_size(f)
        body = f"{explain.economy_words(scn, f)} Now {eco}.\n{explain.hand_words(scn, cards, hs)}"
        title = f"{fac.name}'s numbers"
        if y_leader is None and leader is not None:  # compact: the leader shares the numbers' line
            title, body = f"{leader.name}, {leader.title} · {fac.name}'s numbers", f"{lead}\n{body}"
        out.append(Zone(pygame.Rect(inner.x, y_numbers, inner.w, kit.sc(18)), title, body))
        y += side.faction_step(L.compact)
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
                    explain.calendar_words(scn, len(left))))
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
