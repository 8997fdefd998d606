"""The vocabulary of effects and conditions: one class per kind, found through one registry.

Each kind of condition (``engine/conditions.py``) and of effect (``engine/effects.py``) is
one class, registered under its pydantic model from ``scenario/models.py``. The class is the
only place that knows the kind; it holds:

- the rule itself: ``ConditionKind.holds`` / ``EffectKind.apply``;
- what it reads / may write, as *atoms* (``("track", id)``, ``("flag", name)``, ...), for
  the outlook (``engine/outlook.py``: can an event still fire);
- how it is told in words (``describe``), for the game screen and the rulebook;
- its semantic checks (``check``: the ids it names and the shape of its fields), for the
  validator (``scenario/semantic.py``), and what the linter needs (``never``: why a
  condition can never hold; ``supplies``: the flags, leaders and cards an effect brings in).

The walkers (outlook, semantic checks, lint, the UI's explanations) call
:func:`condition_kind` / :func:`effect_kind` and never test the type of a condition or an
effect themselves. The abstract methods below are the list of what every kind must say:
a class that leaves one out cannot be created, and ``tests/test_vocabulary.py`` proves that
every model of the ``Condition`` and ``Effect`` unions has its registered class.

A model with no registered class (a new model not yet given its class) gets the *unknown*
kind: the engine refuses to run it (``TypeError``), and every read-only walker is
conservative about it: it may read or change anything (the calendar says "may fire", never
"ruled out"), it has a plain description, and it adds no check and no warning.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence, Set
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from ..scenario import models as m
from ..scenario.diagnostics import Path

if TYPE_CHECKING:
    from ..scenario.compiled import Scenario
    from .context import Ctx
    from .state import GameState

Atom = tuple[str, ...]
"""A part of the state: ``("track", id)``, ``("flag", name)`` (an effect's flag atom also says
which way it moves it: ``("flag", name, "set")``), ``("leader",)``, ``("influence",)``,
``("vp",)``, ``("economy",)``, ``("turn",)``, ``("chose", event)``."""

ANYTHING: Atom = ("anything",)
"""What an unknown kind reads or writes: every walker takes it to mean "may be anything"."""

Impossible = tuple[str, Path, str | None]
"""Why a condition can never hold: the reason, the key path of the culprit, a hint."""


class Place(Protocol):
    """Where a condition or an effect stands, for the semantic checks (the validator's context)."""

    @property
    def event(self) -> str | None: ...


class Checker(Protocol):
    """What a kind's ``check`` may ask of the validator (``scenario/semantic.py``)."""

    @property
    def factions(self) -> Set[str]: ...
    @property
    def cards(self) -> Set[str]: ...
    @property
    def tracks(self) -> dict[str, m.Track]: ...
    @property
    def leaders(self) -> dict[str, m.Leader]: ...
    @property
    def events(self) -> dict[str, m.Event]: ...

    def err(self, path: Path, msg: str, hint: str | None = None, key: bool = False) -> None: ...
    def ref(self, path: Path, value: str, known: Any, what: str) -> bool: ...
    def faction_ref(self, path: Path, value: str, ctx: Any) -> None: ...
    def region_ref(self, path: Path, value: str, ctx: Any) -> None: ...
    def track_value(self, path: Path, track: str, value: int) -> None: ...
    def cond(self, c: m.Condition, path: Path, ctx: Any) -> None: ...
    def effects(self, effs: Sequence[m.Effect], path: Path, ctx: Any) -> None: ...


class Facts(Protocol):
    """What the scenario can ever make true, for the linter (``scenario/lint.py``)."""

    @property
    def turns(self) -> int: ...
    @property
    def flags(self) -> set[str]: ...
    @property
    def leaders(self) -> set[str]: ...
    @property
    def s(self) -> m.ScenarioFile: ...


C = TypeVar("C")
E = TypeVar("E")


class ConditionKind(ABC, Generic[C]):
    """One kind of condition. ``key`` is its YAML key, ``model`` its pydantic model."""

    key: str = ""
    model: type[Any] = object

    @abstractmethod
    def holds(self, scn: Scenario, st: GameState, c: C, ctx: Ctx) -> bool:
        """Whether it holds now. A word (self, target) with no meaning makes it false."""

    @abstractmethod
    def reads(self, c: C) -> list[Atom]:
        """The parts of the state it reads, in the order they appear (for the outlook)."""

    @abstractmethod
    def describe(self, scn: Scenario, c: C) -> str:
        """In words, for the game screen."""

    def describe_negated(self, scn: Scenario, c: C) -> str | None:
        """Its ``not`` in words, when it has a shorter form than "not (…)"."""
        return None

    @abstractmethod
    def check(self, chk: Checker, c: C, path: Path, place: Any) -> None:
        """Report each id it names that does not exist and each field that makes no sense."""

    @abstractmethod
    def never(self, facts: Facts, c: C, path: Path) -> Impossible | None:
        """Why it can never hold in this scenario, or None when it may."""

    def may_become(self, scn: Scenario, st: GameState, c: C, ctx: Ctx, want: bool,
                   moves: Callable[[Atom], bool]) -> bool:
        """Whether it may yet be ``want`` (true or false), for the outlook: it is so now, or a
        part of the state it reads may still change (``moves``). The combinations (``all``,
        ``any``, ``not``) ask their parts, so a part fixed false rules out an ``all``."""
        if self.holds(scn, st, c, ctx) == want:
            return True
        return any(moves(a) for a in self.reads(c))


class EffectKind(ABC, Generic[E]):
    """One kind of effect. ``key`` is its YAML key, ``model`` its pydantic model."""

    key: str = ""
    model: type[Any] = object

    @abstractmethod
    def apply(self, scn: Scenario, st: GameState, e: E, ctx: Ctx, depth: int) -> None:
        """Apply it to the state (``depth``: how many crises deep, for ``on_max``)."""

    @abstractmethod
    def writes(self, e: E) -> set[Atom]:
        """The parts of the state it (or any branch inside it) may change (for the outlook)."""

    @abstractmethod
    def describe(self, scn: Scenario, e: E, self_word: str) -> str | None:
        """One phrase in words, or None for what a summary leaves out (story lines, flags)."""

    @abstractmethod
    def check(self, chk: Checker, e: E, path: Path, place: Any) -> None:
        """Report each id it names that does not exist and each field that makes no sense."""

    @abstractmethod
    def supplies(self, e: E) -> set[tuple[str, str]]:
        """What it brings into the game, for the linter: ``("flag", name)`` it sets,
        ``("leader", id)`` it installs, ``("card", id)`` it adds (its own fields only)."""

    # The outlook's finer questions; most kinds have nothing to add.

    def foresee_tracks(self, scn: Scenario, st: GameState, e: E, ctx: Ctx, out: dict[str, int]) -> None:
        """Add to ``out`` how it moves the tracks, as far as is known before any die is rolled."""

    def depends_on_picks(self, e: E) -> bool:
        """Whether what it does depends on the answers to a choice (a ``chose`` condition)."""
        return False

    def settle(self, scn: Scenario, st: GameState, e: E, ctx: Ctx, story: list[str]) -> list[m.Effect]:
        """What it becomes once the picks of a choice are known (see ``outlook.choice_outcomes``):
        a branch on the picks is taken, a story line goes to ``story``; others stay as they are."""
        return [e]  # type: ignore[list-item]

    def decide(self, scn: Scenario, st: GameState, e: E, ctx: Ctx) -> list[m.Effect]:
        """What it does in the state as it stands (see ``outlook.crises``): a branch on a
        condition is taken as the condition holds now; others stay as they are (a die is
        never rolled)."""
        return [e]  # type: ignore[list-item]


class UnknownCondition(ConditionKind[Any]):
    """A condition model with no class: not run, and "may be anything" for every walker."""

    def holds(self, scn: Scenario, st: GameState, c: Any, ctx: Ctx) -> bool:
        raise TypeError(f"unknown condition {c!r}")

    def reads(self, c: Any) -> list[Atom]:
        return [ANYTHING]

    def describe(self, scn: Scenario, c: Any) -> str:
        return "a condition holds"

    def check(self, chk: Checker, c: Any, path: Path, place: Any) -> None:
        return None

    def never(self, facts: Facts, c: Any, path: Path) -> Impossible | None:
        return None

    def may_become(self, scn: Scenario, st: GameState, c: Any, ctx: Ctx, want: bool,
                   moves: Callable[[Atom], bool]) -> bool:
        return True


class UnknownEffect(EffectKind[Any]):
    """An effect model with no class: not run, and "may change anything" for every walker."""

    def apply(self, scn: Scenario, st: GameState, e: Any, ctx: Ctx, depth: int) -> None:
        raise TypeError(f"unknown effect {e!r}")

    def writes(self, e: Any) -> set[Atom]:
        return {ANYTHING}

    def describe(self, scn: Scenario, e: Any, self_word: str) -> str | None:
        return "something else happens"

    def check(self, chk: Checker, e: Any, path: Path, place: Any) -> None:
        return None

    def supplies(self, e: Any) -> set[tuple[str, str]]:
        return set()

    def depends_on_picks(self, e: Any) -> bool:
        return True  # it may: keep every combination of picks apart


CONDITIONS: dict[type[Any], ConditionKind[Any]] = {}
EFFECTS: dict[type[Any], EffectKind[Any]] = {}
UNKNOWN_CONDITION = UnknownCondition()
UNKNOWN_EFFECT = UnknownEffect()

K = TypeVar("K", bound=type[Any])


def condition(model: type[Any], key: str) -> Callable[[K], K]:
    """Class decorator: register the class as the kind of condition of ``model``."""

    def register(cls: K) -> K:
        kind = cls()
        kind.key, kind.model = key, model
        CONDITIONS[model] = kind
        return cls

    return register


def effect(model: type[Any], key: str) -> Callable[[K], K]:
    """Class decorator: register the class as the kind of effect of ``model``."""

    def register(cls: K) -> K:
        kind = cls()
        kind.key, kind.model = key, model
        EFFECTS[model] = kind
        return cls

    return register


def condition_kind(c: object) -> ConditionKind[Any]:
    """The class that knows condition ``c`` (the conservative unknown kind if none does)."""
    return CONDITIONS.get(type(c), UNKNOWN_CONDITION)


def effect_kind(e: object) -> EffectKind[Any]:
    """The class that knows effect ``e`` (the conservative unknown kind if none does)."""
    return EFFECTS.get(type(e), UNKNOWN_EFFECT)
