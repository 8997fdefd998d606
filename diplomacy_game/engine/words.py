"""Small text helpers for log lines, messages and the vocabulary's descriptions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..scenario.compiled import Scenario


def plural(n: int, word: str, many: str | None = None) -> str:
    """``n`` and the noun in the right number: '1 card', '2 cards', '1 time', '0 points'.

    ``many`` is the plural form when it is not the word plus 's'.
    """
    return f"{n} {word if n == 1 else (many or word + 's')}"


def signed(n: int, minus: str = "−") -> str:
    """``n`` with its sign: '+2', '−1' ('+0' for zero), with a true minus sign for people to
    read; the log passes the ASCII one, ``signed(n, "-")`` (it is part of the state, and of
    its hash)."""
    return f"+{n}" if n >= 0 else f"{minus}{-n}"


def faction_word(scn: Scenario, ref: str | None, self_word: str = "the player") -> str:
    """A faction reference (an id, or self, target, owner) in words."""
    if ref in (None, "self"):
        return self_word
    if ref == "target":
        return "the target"
    if ref == "owner":
        return "the card's owner"
    try:
        return str(scn.faction(ref).name)
    except (KeyError, ValueError, StopIteration):
        return str(ref)


def region_word(scn: Scenario, ref: str | None) -> str:
    """A region reference (an id, or target) in words."""
    if ref is None or ref == "target":
        return "the target region"
    r = scn.map.regions.get(ref)
    return str(r.name) if r is not None else str(ref)


def _flag_info(scn: Scenario, flag: str) -> Any:
    """The scenario's words for ``flag`` (its ``flags:`` entry), or None."""
    return next((f for f in scn.model.flags if f.id == flag), None)


def flag_clause(scn: Scenario, flag: str, negated: bool = False) -> str:
    """A flag as a statement to read in a sentence: the scenario's words ("the treaty is signed",
    "the treaty is not signed"), else its name ("Treaty signed is set")."""
    info = _flag_info(scn, flag)
    if info is not None:
        if negated:
            return str(info.unset) if info.unset else f"not so: {info.name}"
        return str(info.name)
    return f"{flag_word(scn, flag)} is {'not ' if negated else ''}set"


def flag_word(scn: Scenario, flag: str) -> str:
    """A flag's name for people: the scenario's words for it (capitalised), else its id's words,
    with faction and region ids as their names."""
    info = _flag_info(scn, flag)
    if info is not None:
        return str(info.name)[:1].upper() + str(info.name)[1:]
    words = []
    for w in flag.split("_"):
        if w in scn.factions:
            words.append(scn.faction(w).name)
        elif w in scn.map.regions:
            words.append(scn.map.regions[w].name)
        else:
            words.append(w)
    s = " ".join(words)
    return s[:1].upper() + s[1:]


def compare_words(c: Any) -> str:
    """A comparison (``at_least``, ``at_most``, ``equals``) in words."""
    if c.equals is not None:
        return f"is {c.equals}"
    if c.at_least is not None and c.at_most is not None:
        return f"is {c.at_least} to {c.at_most}"
    if c.at_least is not None:
        return f"at least {c.at_least}"
    return f"at most {c.at_most}"
