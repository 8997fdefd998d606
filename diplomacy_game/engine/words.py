"""Small text helpers for log lines and messages."""

from __future__ import annotations


def signed(n: int, minus: str = "-") -> str:
    """``n`` with its sign: '+2', '-1' ('+0' for zero). The log uses the ASCII minus (it is part
    of the state, and of its hash); the interface passes the typographic one, '−'."""
    return f"+{n}" if n >= 0 else f"{minus}{-n}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the noun in the right number: '1 card', '2 cards', '1 time', '0 points'.

    ``many`` is the plural form when it is not the word plus 's'.
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"
