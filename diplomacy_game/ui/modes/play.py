"""Playing a card, choosing an event's target, answering a choice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ...engine import PendingHeadline, PendingTarget
from ...engine.actions import Action, ChooseTarget, DiscardCard, PickHeadline, PlayCard
from ..scenes import hints
from .base import ButtonSpec, Mode, Press, region_of

if TYPE_CHECKING:
    from ..screen import GameScreen


def confirm_crisis(gs: GameScreen, a: Action) -> None:
    """Apply ``a``, but when it would set off a crisis (a game-ending one above all) arm it first:
    the status line warns and Enter (or the same key or button again) confirms, Esc cancels."""
    if gs.armed != a and a in gs.legal and gs.match.crises(a):
        gs.arm(a)
        return
    gs.submit(a)


def _play(mode: Literal["event", "ops"]) -> Press:
    def press(gs: GameScreen) -> None:
        if gs.sel_card is not None:
            a = PlayCard(gs.sel_card, mode)
            if mode == "event":
                confirm_crisis(gs, a)
            else:
                gs.submit(a)  # a rival's crisis its event sets off is on the card and the O tooltip
    return press


def _discard(gs: GameScreen) -> None:
    if gs.sel_card is not None:
        confirm_crisis(gs, DiscardCard(gs.sel_card))


def _discard_button(gs: GameScreen) -> list[ButtonSpec]:
    """The outlet's button (``rules.discard``), when the seat at the screen has one."""
    outlet = next((d for d in gs.scn.rules.discard if gs.seat in d.factions), None)
    if outlet is None:
        return []
    label = f"Discard: {outlet.name}"
    c = gs.sel_card
    if c is None:
        return [ButtonSpec("discard", label, "G", "Choose a card from your hand first", False, _discard)]
    a = DiscardCard(c)
    return [ButtonSpec("discard", label, "G", None if a in gs.legal else gs.match.why_illegal(a), False, _discard)]


def arm_or_submit(a: Action) -> Press:
    """A button's press: arm ``a``, or apply it when it is armed already."""
    def press(gs: GameScreen) -> None:
        if gs.armed == a:
            gs.submit(a)
        else:
            gs.arm(a)
    return press


@dataclass(frozen=True)
class PlayMode(Mode):
    """A card to play from the hand, for its event (E) or its operations (O)."""

    def buttons(self, gs: GameScreen) -> list[ButtonSpec]:
        c = gs.sel_card
        if c is None:
            first = "Choose a card from your hand first"
            return [ButtonSpec("event", "Play for event", "E", first, False, _play("event")),
                    ButtonSpec("ops", "Play for operations", "O", first, False, _play("ops")), *_discard_button(gs)]
        ev = PlayCard(c, "event")
        ops_label = "Play for operations"
        fires = gs.match.opponent_event(c)  # the engine says whose event a play for operations sets off
        if fires is not None:
            ops_label = f"Operations (fires {gs.scn.faction(fires).name}'s event)"
        return [ButtonSpec("event", "Play for event", "E", None if ev in gs.legal else gs.match.why_illegal(ev),
                           gs.armed == ev, _play("event")),
                ButtonSpec("ops", ops_label, "O", None, False, _play("ops")), *_discard_button(gs)]

    def prompt(self, gs: GameScreen) -> str:
        outlet = any(gs.seat in d.factions for d in gs.scn.rules.discard)
        warn = hints.event_warning(gs, gs.sel_card) if gs.sel_card is not None else ""
        if warn and gs.sel_card is not None:  # the selected card's event sets off a crisis: said first
            title = gs.scn.cards[gs.sel_card].title
            return f"'{title}': its event (E), operations (O){', discard (G)' if outlet else ''}. {warn}"
        more = ", or discard it for your outlet (G)" if outlet else ""
        return f"Choose a card (click or 1–9), then play it for its event (E) or operations (O){more}."

    def click_region(self, gs: GameScreen, region: str) -> None:
        gs.flash("Play a card first: choose one from your hand, then E (event) or O (operations).")

    def confirm(self, gs: GameScreen) -> None:
        gs.flash("Press E to play the card for its event, O for its operations." if gs.sel_card
                 else "Choose a card: click it, or press its number.", error=False)

    def cycles_cards(self) -> bool:
        return True


def _headline(gs: GameScreen) -> None:
    if gs.sel_card is not None:
        gs.submit(PickHeadline(gs.sel_card))


@dataclass(frozen=True)
class HeadlineMode(Mode):
    """The month's headline: a card of the hand picked in secret (H), revealed when all have picked."""

    def buttons(self, gs: GameScreen) -> list[ButtonSpec]:
        c = gs.sel_card
        reason = None if c is not None else "Choose a card from your hand first"
        if c is not None and PickHeadline(c) not in gs.legal:
            reason = gs.match.why_illegal(PickHeadline(c))
        return [ButtonSpec("headline", "Pick as headline", "H", reason, False, _headline)]

    def prompt(self, gs: GameScreen) -> str:
        p = gs.view.pending
        waiting = ""
        if isinstance(p, PendingHeadline) and p.chosen:
            waiting = f" ({', '.join(gs.scn.faction(f).name for f in p.chosen)} picked already)"
        return f"Headline: choose a card (click or 1–9), then H. It stays secret until all have picked{waiting}."

    def click_region(self, gs: GameScreen, region: str) -> None:
        gs.flash("Pick your headline first: choose a card from your hand, then H.")

    def confirm(self, gs: GameScreen) -> None:
        gs.flash("Press H to pick the card as your headline." if gs.sel_card
                 else "Choose a card: click it, or press its number.", error=False)

    def cycles_cards(self) -> bool:
        return True


@dataclass(frozen=True)
class TargetMode(Mode):
    """A card's event waits for its target: a marked region, or a button for a faction."""

    def buttons(self, gs: GameScreen) -> list[ButtonSpec]:
        opts = [a for a in gs.legal if isinstance(a, ChooseTarget) and region_of(gs.scn, a) is None]
        return [ButtonSpec(f"target:{a.target}", gs.target_name(a.target), str(i + 1), None, gs.armed == a,
                           arm_or_submit(a)) for i, a in enumerate(opts)]

    def candidates(self, gs: GameScreen) -> list[Action]:
        return [a for a in gs.legal if isinstance(a, ChooseTarget)]

    def refusal(self, gs: GameScreen, region: str) -> str | None:
        return gs.match.why_illegal(ChooseTarget(region))

    def prompt(self, gs: GameScreen) -> str:
        p = gs.view.pending
        if not isinstance(p, PendingTarget):
            return ""
        card = gs.scn.cards.get(p.card)
        title = card.title if card is not None else "the event"
        warn = hints.target_warning(gs, self.candidates(gs))
        if warn:  # the event sets off a crisis once its target is chosen: said in this step too
            return f"Choose a target for '{title}': a marked region, or Tab. {warn}"
        return f"Choose a target for '{title}' (its text is in the panel at the right): a marked region, or Tab."


@dataclass(frozen=True)
class ChoiceMode(Mode):
    """A choice waits in its dialog (C opens it again)."""

    def buttons(self, gs: GameScreen) -> list[ButtonSpec]:
        return [ButtonSpec("choice", "Answer the choice", "C", None, False, lambda g: g.open_choice())]

    def prompt(self, gs: GameScreen) -> str:
        return "A decision is waiting: press C to answer it."

    def click_region(self, gs: GameScreen, region: str) -> None:
        gs.flash("Answer the choice first (press C).")

    def confirm(self, gs: GameScreen) -> None:
        gs.open_choice()
