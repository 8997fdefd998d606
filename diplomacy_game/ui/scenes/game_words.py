"""The game screen's words for actions: a target's name, what an action does, the status line
for an armed action (the odds of a pressure roll and any crisis warning come from the engine)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...engine.actions import Action, ChooseTarget, DiscardCard, PlaceInfluence, PlayCard, Pressure, UseAction
from ...engine.chance import Chance
from ...engine.effects import describe_effects
from ...scenario.loader import Scenario
from . import hints

if TYPE_CHECKING:
    from ..screen import GameScreen


def target_name(scn: Scenario, t: str) -> str:
    if t in scn.map.regions:
        return str(scn.map.regions[t].name)
    if t in scn.factions:
        return str(scn.faction(t).name)
    return t


def armed_note(gs: GameScreen, a: Action, click: bool = False) -> str:
    """The status line for an armed action: what it does and how to confirm it (first, so they
    stay in view), then, for pressure, the other factions it could press there instead, and
    any crisis warning."""
    how = "Enter or click again to confirm" if click else "Enter to confirm"
    others = [x for x in gs.input.candidates(gs)
              if isinstance(a, Pressure) and isinstance(x, Pressure) and x.region == a.region and x != a]
    if others:
        names = " or ".join(gs.target_name(x.faction) for x in others)
        how = f"Enter to confirm; {'click again or ' if click else ''}Tab: press another faction ({names})"
    what = action_words(gs, a)
    also = follow_up(gs, a)  # before the odds: what a short status line keeps
    if also:
        what += f", {also}"
    roll = gs.match.pressure_roll(a.region, a.faction) if isinstance(a, Pressure) else None
    if roll is not None:  # the odds, from the engine's chance node
        mod, stab = roll.modifier, roll.stability
        sign = f" {'+' if mod >= 0 else '−'}{abs(mod)}" if mod else ""
        what += f" (d{roll.die}{sign} against stability {stab}: {odds_words(roll.removed)})"
    note = hints.crisis_note(gs, a, short=True)  # the whole of it is in the Confirm button's tooltip
    return f"{what} — {how}; Esc to cancel." + (f" {note}" if note else "")


def odds_words(removed: Chance[int]) -> str:
    """What a pressure roll removes, in plain words: "removes 1 whatever the roll" when certain,
    else each number with its chance in faces of the die ("removes none (2/6) or 1 (4/6)")."""
    outs = removed.outcomes
    if len(outs) == 1:
        n = outs[0].value
        return f"removes {n or 'nothing'} whatever the roll"
    parts = [f"{o.value or 'none'} ({o.faces}/{o.sides})" for o in outs]
    return "removes " + (", ".join(parts[:-1]) + " or " + parts[-1])


def follow_up(gs: GameScreen, a: Action) -> str:
    """What a pressure also does besides its roll ("a battleground: also Western Concern +1"),
    in the engine's words for the scenario's effects; "" for none (and for other actions)."""
    if not isinstance(a, Pressure):
        return ""
    phrases = describe_effects(gs.scn, gs.match.pressure_follow_up(a.region), "you")
    return f"a battleground: also {', '.join(phrases)}" if phrases else ""


def describe(gs: GameScreen, a: Action) -> str:
    note = hints.crisis_note(gs, a)  # warn before a crisis is confirmed
    also = follow_up(gs, a)
    return (f"{note} " if note else "") + action_words(gs, a) + (f", {also}" if also else "")


def action_words(gs: GameScreen, a: Action) -> str:
    if isinstance(a, PlaceInfluence):
        return f"Place influence in {gs.target_name(a.region)}"
    if isinstance(a, Pressure):
        return f"Press {gs.target_name(a.faction)} in {gs.target_name(a.region)}"
    if isinstance(a, UseAction):
        name = gs.scn.actions[a.action].name
        return f"{name}" + (f" on {gs.target_name(a.target)}" if a.target else "")
    if isinstance(a, ChooseTarget):
        return f"Target {gs.target_name(a.target)}"
    if isinstance(a, PlayCard) and a.card in gs.scn.cards:
        what = "its event" if a.mode == "event" else "its operations"
        return f"Play '{gs.scn.cards[a.card].title}' for {what}"
    if isinstance(a, DiscardCard) and a.card in gs.scn.cards:
        return f"Discard '{gs.scn.cards[a.card].title}' for your outlet"
    return str(a)
