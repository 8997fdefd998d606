"""Chance as data (as OpenSpiel has it): the outcomes of a roll with their probabilities.

A :class:`Chance` lists what one die can lead to, each outcome with the number of the die's
equally likely faces that give it. The engine samples it with the state's generator (one
die, :func:`rng.roll`, the same draw as ever), the AI takes its expectation, and the game
screen shows its odds before a roll is confirmed. Nothing here draws a number except
:meth:`Chance.sample`. The pressure roll is ``operations.pressure_roll``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Generic, TypeVar

from . import rng

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """One outcome of a roll: its value and how many faces of the die give it."""

    value: T
    faces: int
    sides: int

    @property
    def probability(self) -> Fraction:
        return Fraction(self.faces, self.sides)


@dataclass(frozen=True)
class Chance(Generic[T]):
    """A roll of one ``sides``-sided die: ``face_value[i]`` is what face ``i + 1`` leads to."""

    sides: int
    face_value: tuple[T, ...]

    @property
    def outcomes(self) -> list[Outcome[T]]:
        """The distinct outcomes, in the order the faces first give them, with their odds."""
        faces: dict[T, int] = {}
        for v in self.face_value:
            faces[v] = faces.get(v, 0) + 1
        return [Outcome(v, n, self.sides) for v, n in faces.items()]

    def probability(self, value: T) -> Fraction:
        return Fraction(sum(1 for v in self.face_value if v == value), self.sides)

    def sample(self, st: rng.HasRng) -> tuple[int, T]:
        """Roll the die with the state's generator: the face and its outcome."""
        face = rng.roll(st, self.sides)
        return face, self.face_value[face - 1]

    def expectation(self, value: Callable[[T], float]) -> float:
        """The mean of ``value`` over the roll (``value`` is asked once per distinct outcome)."""
        faces: dict[T, int] = {}  # the outcomes, as ``outcomes`` lists them
        for v in self.face_value:
            faces[v] = faces.get(v, 0) + 1
        total = 0.0
        for v, n in faces.items():
            total += n * value(v)
        return total / self.sides
