"""Which regions or factions a card's event or a faction action may target."""

from __future__ import annotations

from ..scenario import models as m
from ..scenario.compiled import Scenario
from .context import Ctx
from .state import GameState


def region_matches(scn: Scenario, st: GameState, rf: m.RegionFilter, region: str, ctx: Ctx) -> bool:
    r = scn.map.regions[region]
    if r.offmap:
        return False
    if rf.bloc is not None and r.bloc != rf.bloc:
        return False
    if rf.member is not None and rf.member not in r.members:
        return False
    if rf.battleground is not None and r.battleground != rf.battleground:
        return False
    if rf.regions is not None and region not in rf.regions:
        return False
    if rf.adjacent_to is not None and region not in scn.map.adjacency[rf.adjacent_to]:
        return False
    if rf.influence_of is not None:
        f = ctx.faction(rf.influence_of)
        if f is None or st.influence[region].get(f, 0) <= 0:
            return False
    return True


def target_options(scn: Scenario, st: GameState, t: m.Target | None, ctx: Ctx) -> list[str]:
    """Every legal target, in a fixed order (map order for regions, listed order for factions)."""
    if t is None:
        return []
    if t.faction is not None:
        return list(t.faction)
    rf = t.region
    if rf is None:
        return []
    return [r for r in scn.map.region_ids if region_matches(scn, st, rf, r, ctx)]
