"""The decision in progress: one typed object per kind, each owning its rules.

A game waits on exactly one decision at a time (``GameState.pending``), or none while the
procedure runs or once the game is over. Each kind is a frozen dataclass defined beside the
rule it belongs to:

- ``PendingPlay`` (``cards.py``): a faction plays a card, for its event or its operations;
- ``PendingOps`` (``operations.py``): a faction spends the operations of the card it played;
- ``PendingTarget`` (``cards.py``): a faction picks the target of a card's event;
- ``PendingChoice`` (``timeline.py``): one or several factions (secretly, at once) answer a choice.

Each one answers ``seats`` (who must act), ``legal`` (every legal action, in a fixed order),
``check`` (why an action is illegal, or None), ``apply`` (make the move on the state, which
replaces or clears the decision) and ``explain`` (the prompt, in words, for the interface);
``Game`` only asks the decision in play. ``to_json`` gives the state's stored form, which
carries the ``kind`` key, and ``decision_from_json`` reads it back. A decision is immutable:
moving on means putting a new one (``dataclasses.replace``) into the state.

To add a decision: subclass ``Decision`` as a frozen dataclass in the module of its rule, give
it a ``kind`` (a class variable, which registers it), implement the methods below, and open
it by setting ``st.pending`` where the rule asks for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from .errors import StateError

if TYPE_CHECKING:
    from ..scenario.compiled import Scenario
    from .actions import Action
    from .state import GameState

_KINDS: dict[str, type[Decision]] = {}


class Decision:
    """The base of every decision kind (see the module doc)."""

    kind: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            _KINDS[cls.kind] = cls

    def seats(self) -> tuple[str, ...]:
        """The seats that must act on this decision now."""
        raise NotImplementedError

    def legal(self, scn: Scenario, st: GameState, seat: str) -> list[Action]:
        """Every legal action of ``seat`` (one of ``seats()``), in a fixed order."""
        raise NotImplementedError

    def check(self, scn: Scenario, st: GameState, seat: str, action: Action) -> str | None:
        """None if ``action`` is legal for ``seat`` (one of ``seats()``), else why not."""
        raise NotImplementedError

    def apply(self, scn: Scenario, st: GameState, seat: str, action: Action) -> None:
        """Make a legal move (checked before): the decision in ``st`` is replaced or cleared."""
        raise NotImplementedError

    def explain(self, scn: Scenario, st: GameState, seat: str | None) -> str:
        """What is being decided, in words (for the interface)."""
        raise NotImplementedError

    def to_json(self) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def from_fields(cls, data: dict[str, Any]) -> Decision:
        raise NotImplementedError

    def held_cards(self) -> tuple[str, ...]:
        """Cards this decision holds out of every pile (the card whose operations are spent)."""
        return ()

    def for_seat(self, seat: str | None) -> Decision:
        """The decision as ``seat`` may know it (a secret choice hides the others' picks)."""
        return self


def decision_from_json(data: Any) -> Decision | None:
    """A decision from its stored form (None stays None)."""
    if data is None:
        return None
    if not isinstance(data, dict) or data.get("kind") not in _KINDS:
        kind = data.get("kind") if isinstance(data, dict) else data
        raise StateError(f"unknown decision {kind!r} (known: {', '.join(sorted(_KINDS))})")
    try:
        return _KINDS[data["kind"]].from_fields(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise StateError(f"malformed '{data['kind']}' decision: {exc}") from None


def decision_kinds() -> tuple[str, ...]:
    return tuple(sorted(_KINDS))
