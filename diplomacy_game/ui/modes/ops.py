"""Spending a card's operations: a tool (influence, pressure or a faction action), boost, done."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...engine import PendingOps
from ...engine.actions import Action, Boost, EndOps, PlaceInfluence, Pressure, UseAction
from ..scenes import kit
from ..scenes.hints import action_letters
from .base import ButtonSpec, Mode, Press, region_of
from .play import arm_or_submit

if TYPE_CHECKING:
    from ..screen import GameScreen


@dataclass(frozen=True)
class InfluenceTool:
    """Place influence: a click on a region places it there at once."""


@dataclass(frozen=True)
class PressureTool:
    """Press another faction in a region: armed by a click, confirmed by Enter."""


@dataclass(frozen=True)
class ActionTool:
    """A faction action of the scenario, by id."""

    action: str


Tool = InfluenceTool | PressureTool | ActionTool


def _choose(tool: Tool) -> Press:
    def press(gs: GameScreen) -> None:
        mode = OpsMode(tool)
        gs.set_mode(mode)
        cands = mode.candidates(gs)
        if isinstance(tool, ActionTool):
            # A faction action without a target is armed at once: confirm to use it.
            untargeted = [a for a in cands if isinstance(a, UseAction) and a.target is None]
            if untargeted:
                gs.arm(untargeted[0])
                return
        regions = {region_of(gs.scn, a) for a in cands} - {None}
        what = {InfluenceTool: "place influence", PressureTool: "press"}.get(type(tool), "choose a target")
        if regions:
            gs.flash(f"Click a marked region to {what} (Tab cycles through them).", error=False)
    return press


def _submit(a: Action) -> Press:
    def press(gs: GameScreen) -> None:
        gs.submit(a)
    return press


@dataclass(frozen=True)
class OpsMode(Mode):
    """The operations of a card, with the tool in hand."""

    tool: Tool = InfluenceTool()

    def buttons(self, gs: GameScreen) -> list[ButtonSpec]:
        legal, seat, scn = gs.legal, gs.seat, gs.scn
        infl = [a for a in legal if isinstance(a, PlaceInfluence)]
        press = [a for a in legal if isinstance(a, Pressure)]
        out = [ButtonSpec("mode:influence", "Place influence", "I",
                          None if infl else "No region within reach where you can place influence now",
                          self.tool == InfluenceTool(), _choose(InfluenceTool())),
               ButtonSpec("mode:pressure", "Pressure", "P", None if press else self._no_pressure_reason(gs),
                          self.tool == PressureTool(), _choose(PressureTool()))]
        letters = action_letters(scn, seat)
        for a in scn.actions.values():
            if seat not in a.factions:
                continue
            mine = [x for x in legal if isinstance(x, UseAction) and x.action == a.id]
            reason = None if mine else gs.match.why_illegal(UseAction(a.id))
            out.append(ButtonSpec(f"mode:act:{a.id}", f"{a.name} ({kit.plural(a.cost, 'op')})",
                                  letters.get(a.id, "").upper(), reason, self.tool == ActionTool(a.id),
                                  _choose(ActionTool(a.id))))
        out.append(ButtonSpec("boost", "Boost: +1 op for 1 economy", "B",
                              None if Boost() in legal else gs.match.why_illegal(Boost()), False, _submit(Boost())))
        out.append(ButtonSpec("done", "Done: end operations", "D", None, False, _submit(EndOps())))
        if isinstance(self.tool, ActionTool):
            for x in legal:
                if isinstance(x, UseAction) and x.action == self.tool.action and x.target is not None \
                        and region_of(scn, x) is None:
                    out.append(ButtonSpec(f"use:{x.target}", f"  on {gs.target_name(x.target)}", "", None,
                                          gs.armed == x, arm_or_submit(x)))
        return out

    def _no_pressure_reason(self, gs: GameScreen) -> str:
        p, v = gs.view.pending, gs.view
        for r in p.access if isinstance(p, PendingOps) else ():
            for f in gs.scn.factions:
                if f != gs.seat and v.influence.get(r, {}).get(f, 0) > 0:
                    why = gs.match.why_illegal(Pressure(r, f))
                    if why:
                        return why
        return "No other faction has influence within your reach"

    def candidates(self, gs: GameScreen) -> list[Action]:
        tool = self.tool
        if isinstance(tool, InfluenceTool):
            return [a for a in gs.legal if isinstance(a, PlaceInfluence)]
        if isinstance(tool, PressureTool):
            return [a for a in gs.legal if isinstance(a, Pressure)]
        return [a for a in gs.legal if isinstance(a, UseAction) and a.action == tool.action]

    def settled(self, gs: GameScreen) -> Mode:
        """A tool with nothing left to do (a faction action used up for the turn, or too dear for
        the points left) gives way to placing influence, so the next click on a region places."""
        if isinstance(self.tool, InfluenceTool) or self.candidates(gs):
            return self
        return OpsMode(InfluenceTool())

    def click_region(self, gs: GameScreen, region: str) -> None:
        if isinstance(self.tool, InfluenceTool):
            gs.submit(PlaceInfluence(region))  # legal: applied; else the reason is shown
            return
        super().click_region(gs, region)

    def refusal(self, gs: GameScreen, region: str) -> str | None:
        if isinstance(self.tool, PressureTool):
            inf = gs.view.influence.get(region, {})
            others = sorted((f for f in gs.scn.factions if f != gs.seat), key=lambda f: -inf.get(f, 0))
            return gs.match.why_illegal(Pressure(region, others[0])) if others else None
        if isinstance(self.tool, ActionTool):
            return gs.match.why_illegal(UseAction(self.tool.action, region))
        return None

    def prompt(self, gs: GameScreen) -> str:
        p = gs.view.pending
        if not isinstance(p, PendingOps):
            return ""
        card = gs.scn.cards.get(p.card)
        title = f" from '{card.title}'" if card is not None else ""
        pts = p.points
        what = "place influence (I), press (P), a faction action (its letter), done (D)"
        if pts <= 0:
            what = ("Boost (B) for 1 economy, or Done (D)" if Boost() in gs.legal
                    else "a faction action (its letter), or Done (D)")
        return f"{kit.plural(pts, 'operation')} left{title}: {what}."
