"""Control and access: who controls a region, and where a faction may act."""

from __future__ import annotations

from dataclasses import dataclass

from ..scenario.compiled import Scenario
from .state import GameState


def controller(scn: Scenario, st: GameState, region: str) -> str | None:
    """The faction that controls ``region``, or None (see ``control_of``)."""
    return control_of(st.influence[region], st.stability[region])


def control_map(scn: Scenario, st: GameState) -> dict[str, str | None]:
    """``controller`` of every region, in map order: worked out once for a state that a caller
    reads many times without changing it (derived data: never kept in the state)."""
    infl, stab = st.influence, st.stability
    return {r: control_of(infl[r], stab[r]) for r in scn.map.region_ids}


def control_of(influence: dict[str, int], stability: int) -> str | None:
    """The control rule on one region's influence: the faction whose influence is at least the
    region's stability and exceeds every other faction's there by at least the stability."""
    best = None
    best_n = second = 0
    for f, n in influence.items():
        if n > best_n:
            best, second, best_n = f, best_n, n
        elif n > second:
            second = n
    if best_n >= stability and best_n - second >= stability:
        return best
    return None


def controls(scn: Scenario, st: GameState, faction: str, region: str) -> bool:
    return controller(scn, st, region) == faction


def home_owner(scn: Scenario, region: str) -> str | None:
    for f in scn.model.factions:
        if region in f.home:
            return f.id
    return None


@dataclass(frozen=True)
class _Reach:
    """What ``access`` needs of one faction that the state cannot change."""

    home_reach: frozenset[str]  # its home and the regions next to it
    allowed: tuple[str, ...]  # the regions that are nobody else's home, in map order
    closed: dict[str, frozenset[str]]  # each region with the regions next to it


_REACH: dict[int, tuple[Scenario, dict[str, _Reach]]] = {}


def _reach(scn: Scenario, faction: str) -> _Reach:
    """``faction``'s fixed part of its access, worked out once per scenario."""
    entry = _REACH.get(id(scn))
    if entry is None or entry[0] is not scn:
        if len(_REACH) > 16:  # scenarios loaded by a long test run: keep the memo small
            _REACH.clear()
        entry = _REACH[id(scn)] = (scn, {})
    by = entry[1]
    got = by.get(faction)
    if got is None:
        home = scn.faction(faction).home
        near = set(home)
        for r in home:
            near.update(scn.map.adjacency[r])
        allowed = []
        for r in scn.map.region_ids:
            owner = home_owner(scn, r)
            if owner is None or owner == faction:
                allowed.append(r)
        adjacency = scn.map.adjacency
        closed = {r: frozenset((r, *adjacency[r])) for r in scn.map.region_ids}
        got = by[faction] = _Reach(frozenset(near), tuple(allowed), closed)
    return got


def access(scn: Scenario, st: GameState, faction: str) -> list[str]:
    """Regions where ``faction`` may place influence or press, in map order.

    Its home, where it has influence, and next to those; never another faction's home.
    """
    fixed = _reach(scn, faction)
    closed = fixed.closed
    reach = fixed.home_reach.union(*[closed[r] for r, row in st.influence.items() if row.get(faction, 0) > 0])
    return [r for r in fixed.allowed if r in reach]
