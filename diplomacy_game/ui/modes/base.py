"""The mode protocol, and the mode while nobody at the screen has a decision to make."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...engine.actions import Action, ChooseTarget, PlaceInfluence, Pressure, UseAction
from ...scenario.loader import Scenario

if TYPE_CHECKING:
    from ..screen import GameScreen


def region_of(scn: Scenario, a: Action) -> str | None:
    """The map region an action is about (None: not a region)."""
    r: str | None = None
    if isinstance(a, PlaceInfluence | Pressure):
        r = a.region
    elif isinstance(a, UseAction | ChooseTarget):
        r = a.target
    return r if r is not None and r in scn.map.regions else None


Press = Callable[["GameScreen"], None]


@dataclass(frozen=True)
class ButtonSpec:
    """A button a mode offers: its key (for tests, tooltips and letters), label, shortcut, why it is
    disabled (None: enabled), whether it shows as selected, and what pressing it does."""

    key: str
    label: str
    hint: str
    reason: str | None
    selected: bool
    press: Press


@dataclass(frozen=True)
class Mode:
    """One decision's input: what it offers and what clicks and keys do in it."""

    def buttons(self, gs: GameScreen) -> list[ButtonSpec]:
        return []

    def candidates(self, gs: GameScreen) -> list[Action]:
        """The legal actions this mode offers (their regions are marked on the map)."""
        return []

    def prompt(self, gs: GameScreen) -> str:
        return ""

    def click_region(self, gs: GameScreen, region: str) -> None:
        """A click on a region of the map: arm or apply the action there, or say why not."""
        here = [a for a in self.candidates(gs) if region_of(gs.scn, a) == region]
        if not here:
            why = self.refusal(gs, region) or f"{gs.target_name(region)} is not a possible choice now"
            gs.flash(why[0].upper() + why[1:])
            return
        if gs.armed in here:
            if len(here) > 1:  # several factions to press there: a click picks the next, Enter confirms
                gs.arm(here[(here.index(gs.armed) + 1) % len(here)], click=True)
                return
            gs.submit(gs.armed)
            return
        gs.arm(here[0], click=True)

    def refusal(self, gs: GameScreen, region: str) -> str | None:
        """The engine's reason why this mode's action cannot be done in ``region`` (None: none)."""
        return None

    def confirm(self, gs: GameScreen) -> None:
        """Enter with nothing armed."""

    def cycles_cards(self) -> bool:
        """Whether Tab walks the hand rather than the candidates on the map."""
        return False

    def settled(self, gs: GameScreen) -> Mode:
        """The mode to keep after a move (self; a tool that can no longer be used gives way)."""
        return self


@dataclass(frozen=True)
class WaitMode(Mode):
    """Another seat acts, or the game is over."""

    def prompt(self, gs: GameScreen) -> str:
        seat = gs.acting()
        if seat is None:
            return "The game is over."
        name = gs.scn.faction(seat).name
        last = next((e.text for e in reversed(gs.view.log) if e.kind not in ("event_text",)), "")
        return f"Waiting for {name}…  {last}"

    def click_region(self, gs: GameScreen, region: str) -> None:
        if gs.viewer is None or gs.acting() not in gs.humans:
            gs.flash(f"{gs.target_name(region)}: wait for your turn.", error=False)
