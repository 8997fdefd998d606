"""The match as the game screen reads it: the scenario, the seat at the screen, its view and
legal actions, the seats and their levels (each a property over ``Match``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...engine.actions import Action
from ...engine.view import SeatView
from ...scenario.loader import Scenario
from ..match import AIJob, Match

if TYPE_CHECKING:
    from ...engine import Game


class MatchReader:
    """What the screen reads of its ``match`` (a mixin of ``GameScene``)."""

    match: Match

    @property
    def scn(self) -> Scenario:
        return self.match.scn

    @property
    def game(self) -> Game:  # for tests and tools; the screen itself goes through the match
        return self.match.game

    @property
    def view(self) -> SeatView:
        return self.match.view

    @property
    def seat(self) -> str | None:
        return self.match.seat

    @property
    def viewer(self) -> str | None:
        return self.match.viewer

    @property
    def legal(self) -> list[Action]:
        return self.match.legal

    @property
    def humans(self) -> list[str]:
        return self.match.humans

    @property
    def seats(self) -> dict[str, str]:
        return self.match.seats

    @property
    def seed(self) -> int:
        return self.match.seed

    @property
    def levels(self) -> dict[str, str]:
        return self.match.levels

    @property
    def ai_job(self) -> AIJob | None:
        return self.match.ai_job

    @property
    def ended(self) -> bool:
        return self.match.ended

    @property
    def seen_events(self) -> dict[str, int]:
        return self.match.seen_events

    @property
    def pending_kind(self) -> str | None:
        if self.seat is None or self.view.pending is None:
            return None
        return self.view.pending.kind
