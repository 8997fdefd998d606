"""Control and access: who controls a region, and where a faction may act."""

from __future__ import annotations

from ..scenario.loader import Scenario
from .state import GameState


def controller(scn: Scenario, st: GameState, region: str) -> str | None:
    """The faction that controls ``region``, or None (see ``control_of``)."""
    return control_of(st.influence[region], st.stability[region])


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


_HOMES: dict[int, tuple[Scenario, dict[str, str]]] = {}


def _home_owners(scn: Scenario) -> dict[str, str]:
    """Each home region's owner (``home_owner`` for every region), worked out once per scenario."""
    entry = _HOMES.get(id(scn))
    if entry is None or entry[0] is not scn:
        if len(_HOMES) > 16:  # scenarios loaded by a long test run: keep the memo small
            _HOMES.clear()
        owners: dict[str, str] = {}
        for f in scn.model.factions:
            for r in f.home:
                owners.setdefault(r, f.id)
        entry = _HOMES[id(scn)] = (scn, owners)
    return entry[1]


def access(scn: Scenario, st: GameState, faction: str) -> list[str]:
    """Regions where ``faction`` may place influence or press, in map order.

    Its home, where it has influence, and next to those; never another faction's home.
    """
    home = set(scn.faction(faction).home)
    reach = set(home)
    infl, adjacency = st.influence, scn.map.adjacency
    for r in scn.map.region_ids:
        if r in home or infl[r].get(faction, 0) > 0:
            reach.add(r)
            reach.update(adjacency[r])
    owners = _home_owners(scn)
    return [r for r in scn.map.region_ids if r in reach and owners.get(r, faction) == faction]
