"""Which regions or factions a card's event or a faction action may target."""

from __future__ import annotations

from ..scenario import models as m
from ..scenario.compiled import Scenario
from .context import Ctx
from .state import GameState


def is_member(scn: Scenario, st: GameState, region: str, org: str) -> bool:
    """Whether ``region`` belongs to ``org`` in the state's month: a member listed in the map,
    and, if it joins during the game (its ``joined``), from the month it joins."""
    return member_in(scn, region, org, scn.months[min(st.turn, len(scn.months) - 1)])


def member_in(scn: Scenario, region: str, org: str, month: str) -> bool:
    """Whether ``region`` belongs to ``org`` in ``month`` (YYYY-MM; see ``is_member``)."""
    r = scn.map.regions[region]
    if org not in r.members:
        return False
    since = r.joined.get(org)
    return since is None or month >= since


def region_matches(scn: Scenario, st: GameState, rf: m.RegionFilter, region: str, ctx: Ctx) -> bool:
    if not _fixed_match(scn, rf, region):
        return False
    if rf.member is not None and not is_member(scn, st, region, rf.member):
        return False
    if rf.influence_of is not None:
        f = ctx.faction(rf.influence_of)
        if f is None or st.influence[region].get(f, 0) <= 0:
            return False
    return True


def _fixed_match(scn: Scenario, rf: m.RegionFilter, region: str) -> bool:
    """The tests of ``rf`` that the state cannot change (all but ``influence_of``)."""
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
    return rf.adjacent_to is None or region in scn.map.adjacency[rf.adjacent_to]


_STATIC: dict[int, tuple[m.RegionFilter, Scenario, tuple[str, ...]]] = {}


def _static_matches(scn: Scenario, rf: m.RegionFilter) -> tuple[str, ...]:
    """The regions, in map order, that pass every test of ``rf`` the state cannot change (all
    but ``influence_of``); worked out once per filter of a loaded scenario."""
    entry = _STATIC.get(id(rf))
    if entry is None or entry[0] is not rf or entry[1] is not scn:
        if len(_STATIC) > 4096:  # filters of many scenarios (a long test run): keep the memo small
            _STATIC.clear()
        regions = tuple(r for r in scn.map.region_ids if _fixed_match(scn, rf, r))
        entry = _STATIC[id(rf)] = (rf, scn, regions)
    return entry[2]


def target_options(scn: Scenario, st: GameState, t: m.Target | None, ctx: Ctx) -> list[str]:
    """Every legal target, in a fixed order (map order for regions, listed order for factions)."""
    if t is None:
        return []
    if t.faction is not None:
        return list(t.faction)
    rf = t.region
    if rf is None:
        return []
    candidates = _static_matches(scn, rf)
    if rf.member is not None:
        candidates = tuple(r for r in candidates if is_member(scn, st, r, rf.member))
    if rf.influence_of is None:
        return list(candidates)
    f = ctx.faction(rf.influence_of)
    if f is None:
        return []
    infl = st.influence
    return [r for r in candidates if infl[r].get(f, 0) > 0]
