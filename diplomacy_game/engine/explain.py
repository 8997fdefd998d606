"""The rules in words, for the screen's tooltips: each sentence is made from the scenario's own
numbers and names, and says what the engine's code beside it does (``operations.py`` for
placing, pressing and boosting, ``turn.py`` for the order of a turn, ``scoring.py`` for the
victory points and the upkeep, ``effects.py`` for a track's crisis, ``cards.py`` for the
opponent-event rule). The front end shows these and restates no rule of its own.

Nothing here reads hidden information: only the scenario and, where given, public numbers.
"""

from __future__ import annotations

from ..scenario.compiled import Scenario
from .cards import discard_outlet
from .conditions import describe_condition
from .effects import describe_effects, effect_writes
from .outlook import Crisis
from .ownership import ops_fires_event_of
from .turn import month_name
from .words import flag_word, plural


def turn_words(scn: Scenario) -> str:
    """A turn's order (``turn.py``): events, the draw, the action rounds in seat order, upkeep."""
    first = scn.faction(scn.factions[0]).name if scn.factions else "the first seat"
    rounds = scn.rules.action_rounds
    return (f"Each turn is a month: timeline events, then every faction draws up to its hand size, then "
            f"{plural(rounds, 'action round')} (each faction plays one card a round, {first} first), then "
            f"upkeep. The game ends after {month_name(scn.months[-1])}.")


def scoring_months(scn: Scenario) -> str:
    return ", ".join(month_name(mm) for mm in scn.model.scoring.months)


def victory_words(scn: Scenario) -> str:
    """Where victory points come from and who wins (``scoring.py``, ``turn.py``)."""
    parts = [f"The blocs score in {scoring_months(scn)}"]
    if any("VP" in ph for ph in describe_effects(scn, scn.model.upkeep)):
        parts.append("the upkeep pays some")
    final = describe_effects(scn, scn.model.victory.final)
    if final:
        parts.append("at the end, the final count: " + ", ".join(final))
    threshold = scn.model.victory.threshold
    end = f"; {threshold} VP wins at once." if threshold else "."
    return "Victory points. " + "; ".join(parts) + ". Most VP after the last month wins" + end


def economy_words(scn: Scenario, faction: str) -> str:
    """A faction's economy: its bounds, its income at upkeep (``scoring.upkeep``) and the boost."""
    fac = scn.faction(faction)
    return (f"Economy (0–{scn.rules.economy_max}): +{fac.income} at each upkeep, plus the leader's trait. "
            f"Spend 1 to boost a card by one operation point. Cards, events and choices may move it.")


def hand_words(scn: Scenario, cards: int, hand_size: int) -> str:
    return f"{plural(cards, 'card')} in hand; each month it draws up to {hand_size}."


def influence_words(scn: Scenario) -> str:
    """Placing influence (``operations.check_influence``, ``influence_cost``)."""
    r = scn.rules
    return (f"{r.influence_cost} point per influence ({r.influence_cost_controlled} where another faction "
            f"controls), in your home, where you have influence, or next to it; never in another faction's "
            f"home. At most {r.max_influence} in a region.")


def pressure_words(scn: Scenario) -> str:
    """Diplomatic pressure (``operations.pressure_roll``, ``pressure_modifier``)."""
    r = scn.rules
    text = (f"{plural(r.pressure_cost, 'point')}. Roll a d{r.pressure_die}, plus your leader's pressure trait, "
            f"+1 if you control a neighbouring region. Each point above the region's stability removes one "
            f"influence of the faction you press.")
    bg = describe_effects(scn, r.pressure_battleground)
    if bg:
        text += " In a battleground, then: " + ", ".join(bg) + "."
    return text


def boost_words(scn: Scenario) -> str:
    """The boost (``operations.check_boost``)."""
    return (f"Spend 1 economy for +1 operation point, at most {plural(scn.rules.boost_limit, 'time')} "
            "per card.")


def discard_words(scn: Scenario, faction: str | None) -> str:
    """The discard outlet (``rules.discard``, ``cards.discard_outlet``) of ``faction``."""
    outlet = discard_outlet(scn, faction) if faction is not None else None
    if outlet is None:
        return ""
    what = outlet.text or ", ".join(describe_effects(scn, outlet.effects, "you"))
    how_often = "Once a turn" if outlet.per_turn == 1 else f"Up to {plural(outlet.per_turn, 'time')} a turn"
    which = (f"any card in your hand of at least {plural(outlet.min_ops, 'operation')} (its printed value)"
             if outlet.min_ops > 0 else "any card in your hand")
    limits = f"{how_often}, instead of playing a card: {which}, yours or a rival's."
    if outlet.if_ is not None:
        limits += f" Open only while {describe_condition(scn, outlet.if_)}."
    return (f"{outlet.name}: set the card aside. Nobody's event happens, and it takes your action round. "
            f"{limits} {what}").strip()


def end_ops_words() -> str:
    """Ending the operations (``operations.end_ops``)."""
    return "End your operations; points not spent are lost."


def crisis_words(scn: Scenario, track: str, self_word: str = "whoever pushed it") -> str:
    """A track's crisis (``effects.move_track``): what it does, and when it fires."""
    t = scn.tracks[track]
    what = ", ".join(describe_effects(scn, t.on_max, self_word)) or "its crisis effects"
    return f"At {t.max} — crisis: {what}. Only a move up from below sets it off."


def crisis_warning_words(scn: Scenario, crisis: Crisis) -> tuple[str, str]:
    """A crisis an action would set off (``outlook.crises``), as (a short form for the status
    line, the whole of it for a tooltip): what it does as things stand now, told with the name
    of the faction that sets it off, not the rule with its conditions."""
    t = scn.tracks[crisis.track]
    who = scn.faction(crisis.by).name if crisis.by in scn.factions else "whoever pushed it"
    phrases = describe_effects(scn, crisis.effects, who)
    later = [f"{flag_word(scn, fl)} from now on" for fl in crisis.new_flags]
    # the short form leaves out the track's own move (the reset after the crisis)
    own = {p for p in describe_effects(scn, [e for e in crisis.effects
                                             if ("track", crisis.track) in effect_writes([e])], who)}
    short = [p for p in phrases if p not in own] + later
    whole = ", ".join(phrases + later) or "its crisis effects"
    return (f"⚠ {t.name} to {t.max}, a crisis: {'; '.join(short) or whole}.",
            f"⚠ This pushes {t.name} to {t.max}: crisis — {whole}.")


def opponent_event_words(scn: Scenario, faction: str, card: str) -> str:
    """The opponent-event rule (``ownership.ops_fires_event_of``) for ``faction`` playing ``card``
    for its operations, or '' when no other faction's event follows."""
    owner = ops_fires_event_of(scn, faction, card)
    if owner is None:
        return ""
    fac = scn.faction(owner)
    kind = f"{fac.adjective} card" if fac.adjective else f"card of {fac.name}"
    return f"If you play this {kind} for operations, its event then happens for {fac.name}."


def calendar_words(scn: Scenario, turns_left: int) -> str:
    """The calendar (``outlook.event_can_fire``)."""
    return (f"{plural(turns_left, 'more turn')} after this one. The blocs score at the upkeep of: "
            f"{scoring_months(scn)}. Below: the events still to come (hover one for what it does). An event "
            "marked (if…) happens only if its condition holds on the day; one that can no longer happen is "
            "not listed.")
