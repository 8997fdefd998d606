"""The one state API: start, ask who acts, list legal actions, apply, view, save.

``scn`` below is the main scenario, loaded with ``scenario.loader.load_scenario(PATH)`` (the
examples run as doctests in ``tests/test_doctests.py``):

>>> game = Game.new(scn, seed=1)
>>> game.to_act()
('russia',)
>>> game.explain()
'Russia chooses: How does Moscow answer the loss of its partner?'
>>> action = game.legal_actions("russia")[0]
>>> str(action)
'choose condolences'
>>> game.apply(action, "russia")
>>> game.explain()
'Russia plays a card: for its event or for its operations'
>>> game.why_illegal("play no_such_card ops")
"there is no card 'no_such_card'"
>>> Game.replay(scn, 1, game.state.moves).hash() == game.hash()
True
"""

from __future__ import annotations

from typing import Any

from ..scenario.compiled import Scenario
from . import rng
from .actions import Action, PlaceInfluence, parse_action
from .decision import Decision
from .errors import IllegalAction, StateError
from .operations import PendingOps, apply_place, place_cost
from .outcome import Outcome
from .outlook import premise_gone
from .scoring import BlocScore, recording
from .state import GameState
from .turn import advance, month_name, to_act
from .view import SeatView, build_view


def new_state(scn: Scenario, seed: int) -> GameState:
    s = scn.model
    st = GameState(scenario=s.id, content_hash=scn.content_hash, seed=seed, rng=rng.seed_state(seed))
    st.influence = {r: {f: 0 for f in scn.factions} for r in scn.map.region_ids}
    for f, per in s.setup.influence.items():
        for r, n in per.items():
            st.influence[r][f] = n
    st.stability = {r: scn.map.regions[r].stability for r in scn.map.region_ids}
    st.stability.update(s.setup.stability)
    st.tracks = {t.id: s.setup.tracks.get(t.id, t.min) for t in s.tracks}
    st.economy = {f: s.setup.economy.get(f, 0) for f in scn.factions}
    st.vp = {f: s.setup.vp.get(f, 0) for f in scn.factions}
    st.leaders = dict(s.setup.leaders)
    st.hands = {f: [] for f in scn.factions}
    st.flags = sorted(set(s.setup.flags))
    # a card whose event can never take effect in this game (its premise is gone from the start:
    # a leader nobody can bring back, say) is out of the game, not in the deck
    gone = _gone_at_start(scn, st)
    st.deck = [c.id for c in s.cards if c.deck == "start" and c.id not in gone]
    rng.shuffle(st, st.deck)
    st.add_log(f"{s.title}: the game begins. — {month_name(scn.months[0])} —", "turn", month=scn.months[0])
    if gone:
        st.removed.extend(gone)
        names = ", ".join(f"'{scn.cards[c].title}'" for c in gone)
        st.add_log(f"Out of the game from the start, as what they need can no longer happen: {names}.", "removed",
                   cards=gone)  # fmt: skip
    return st


# The start deck's cards whose premise is gone from the start, per loaded scenario: the state
# they are read from (the setup, before the shuffle) is the same whatever the seed.
_GONE: dict[int, tuple[Scenario, list[str]]] = {}


def _gone_at_start(scn: Scenario, st: GameState) -> list[str]:
    """The cards of the start deck whose event can never take effect (``premise_gone``) in a new
    game's state ``st``; worked out once per loaded scenario (``st`` is its setup, whatever the seed)."""
    entry = _GONE.get(id(scn))
    if entry is None or entry[0] is not scn:
        if len(_GONE) > 64:  # many scenarios loaded (a long test run): keep the memo small
            _GONE.clear()
        gone = [c.id for c in scn.model.cards if c.deck == "start" and premise_gone(scn, st, c.id)]
        entry = _GONE[id(scn)] = (scn, gone)
    return list(entry[1])


class Game:
    """A game in progress: an immutable scenario and the mutable state it rules."""

    def __init__(self, scenario: Scenario, state: GameState) -> None:
        self.scenario = scenario
        self.state = state

    @classmethod
    def new(cls, scenario: Scenario, seed: int = 0) -> Game:
        st = new_state(scenario, seed)
        advance(scenario, st)
        return cls(scenario, st)

    # ------------------------------------------------------------------ queries

    def to_act(self) -> tuple[str, ...]:
        """The seats that must act now: one, several (a secret choice), or none when over."""
        return to_act(self.state)

    def is_over(self) -> bool:
        return self.state.outcome is not None

    def outcome(self) -> Outcome | None:
        return self.state.outcome

    def legal_actions(self, seat: str | None = None) -> list[Action]:
        """Every legal action for ``seat`` now, in a fixed order (empty if it need not act)."""
        st = self.state
        p = st.pending
        if p is None or st.outcome is not None:
            return []
        acting = p.seats()  # ``to_act``, inline: asked before every move
        if seat is None:
            if len(acting) != 1:
                return []
            seat = acting[0]
        if seat not in acting:
            return []
        return p.legal(self.scenario, st, seat)

    def why_illegal(self, action: Action | str, seat: str | None = None) -> str | None:
        """None if ``action`` is legal for ``seat`` now, else the reason in plain words."""
        if isinstance(action, str):
            action = parse_action(action)
        return self._why(action, seat, self.to_act())

    def _why(self, action: Action, seat: str | None, acting: tuple[str, ...]) -> str | None:
        """``why_illegal`` with the seats acting already known."""
        if not acting:
            return "the game is over"
        if seat is None:
            if len(acting) != 1:
                return "several seats choose at once: name the seat"
            seat = acting[0]
        if seat not in self.scenario.factions:
            return f"there is no seat '{seat}'"
        if seat not in acting:
            names = " and ".join(self.scenario.faction(f).name for f in acting)
            return f"it is not your turn: waiting for {names}"
        assert self.state.pending is not None
        return self.state.pending.check(self.scenario, self.state, seat, action)

    def pending(self) -> Decision | None:
        """The decision in progress (None while over)."""
        return self.state.pending

    def explain(self, seat: str | None = None) -> str:
        """What is being decided now, in words ("" once the game is over)."""
        p = self.state.pending
        return p.explain(self.scenario, self.state, seat) if p is not None and not self.is_over() else ""

    def __contains__(self, item: tuple[Action, str]) -> bool:
        action, seat = item
        return self.why_illegal(action, seat) is None

    # ------------------------------------------------------------------ moves

    def apply(self, action: Action | str, seat: str | None = None) -> None:
        """Apply a legal action; raise IllegalAction (state unchanged) if it is not legal."""
        if isinstance(action, str):
            action = parse_action(action)
        scn, st = self.scenario, self.state
        p = st.pending
        if p is not None and st.outcome is None:  # the checks of ``_why`` for a seat that may act
            acting = p.seats()
            if seat is None and len(acting) == 1:
                seat = acting[0]
            if seat in acting and seat in scn.factions:
                if type(action) is PlaceInfluence and type(p) is PendingOps:
                    # the commonest move: its legality asked directly, its price worked out once
                    cost = place_cost(scn, st, p, seat, action.region)
                    if cost is not None:
                        st.moves.append([seat, str(action)])
                        apply_place(scn, st, p, seat, action.region, cost)
                        advance(scn, st)
                        return
                elif p.check(scn, st, seat, action) is None:
                    st.moves.append([seat, str(action)])
                    p.apply(scn, st, seat, action)
                    advance(scn, st)
                    return
        reason = self._why(action, seat, self.to_act())  # refused: the reason in words
        if reason is not None:
            raise IllegalAction(action, reason)
        raise AssertionError(f"{action} is legal but was not applied")  # pragma: no cover

    # ------------------------------------------------------------------ views and saves

    def view(self, seat: str | None) -> SeatView:
        """What ``seat`` may know (None: a spectator's public view)."""
        return build_view(self.scenario, self.state, seat, self.to_act())

    def returns(self) -> dict[str, float]:
        """1 for a sole winner, 1/k for each of k sharing, 0 otherwise (all 0 while playing)."""
        out = self.outcome()
        if out is None:
            return {f: 0.0 for f in self.scenario.factions}
        return {f: (1.0 / len(out.winners) if f in out.winners else 0.0) for f in self.scenario.factions}

    def hash(self) -> str:
        return self.state.hash()

    def to_json(self) -> dict[str, Any]:
        return self.state.to_json()

    @classmethod
    def from_json(cls, scenario: Scenario, data: Any) -> Game:
        st = GameState.from_json(data)
        if st.scenario != scenario.id:
            raise StateError(f"the state is of scenario '{st.scenario}', not '{scenario.id}'")
        if st.content_hash != scenario.content_hash:
            raise StateError("the scenario has changed since this state was made")
        return cls(scenario, st)

    def copy(self) -> Game:
        return Game(self.scenario, self.state.copy())

    @classmethod
    def replay(cls, scenario: Scenario, seed: int, moves: list[tuple[str, str]] | list[list[str]]) -> Game:
        """A new game with ``moves`` (seat, action text) applied in order."""
        g = cls.new(scenario, seed)
        for seat, text in moves:
            g.apply(parse_action(text), seat)
        return g


def score_history(scn: Scenario, seed: int, moves: list[list[str]] | list[tuple[str, str]]) -> list[BlocScore]:
    """Every bloc scoring of the game played with ``moves``, in the order of the log's scoring
    lines (one per bloc): the game is replayed, nothing is changed."""
    with recording() as out:
        Game.replay(scn, seed, [(str(mv[0]), str(mv[1])) for mv in moves])
    return list(out)
