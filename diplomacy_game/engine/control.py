"""Control and access: who controls a region, and where a faction may act."""

from __future__ import annotations

from ..scenario.compiled import Scenario
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


def access(scn: Scenario, st: GameState, faction: str) -> list[str]:
    """Regions where ``faction`` may place influence or press, in map order.

    Its home, where it has influence, and next to those; never another faction's home.
    """
    home = set(scn.faction(faction).home)
    reach = set(home)
    for r in scn.map.region_ids:
        if r in home or st.influence[r].get(faction, 0) > 0:
            reach.add(r)
            reach.update(scn.map.adjacency[r])
    out = []
    for r in scn.map.region_ids:
        if r in reach:
            owner = home_owner(scn, r)
            if owner is None or owner == faction:
                out.append(r)
    return out
