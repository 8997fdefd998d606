"""The game's random generator: splitmix64, its whole state one integer kept in GameState.

Nothing in the engine touches the global ``random`` module; every die and shuffle goes
through these functions, so the same seed and actions always give the same game.
"""

from __future__ import annotations

from typing import Protocol, TypeVar

MASK = (1 << 64) - 1
T = TypeVar("T")


class HasRng(Protocol):
    rng: int


def seed_state(seed: int) -> int:
    """The generator state for a seed (any integer)."""
    return (seed * 0x9E3779B97F4A7C15 + 0x1234567) & MASK


def next64(st: HasRng) -> int:
    st.rng = (st.rng + 0x9E3779B97F4A7C15) & MASK
    z = st.rng
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def below(st: HasRng, n: int) -> int:
    """A uniform integer in [0, n), without modulo bias."""
    if n <= 0:
        raise ValueError("n must be positive")
    limit = (1 << 64) - ((1 << 64) % n)
    while True:
        x = next64(st)
        if x < limit:
            return x % n


def roll(st: HasRng, sides: int) -> int:
    """One die: 1..sides."""
    return below(st, sides) + 1


def shuffle(st: HasRng, items: list[T]) -> None:
    """Fisher–Yates, in place."""
    for i in range(len(items) - 1, 0, -1):
        j = below(st, i + 1)
        items[i], items[j] = items[j], items[i]
