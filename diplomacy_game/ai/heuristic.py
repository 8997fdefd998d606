"""How good a state is for one faction: VP, control, the scoring blocs, tracks, economy.

Scenario-aware: blocs that score and battlegrounds weigh more; each faction's view of the
tracks and flags comes from its ``ai:`` hints in the scenario.

The value is a sum of one term per region and one global term, so a search can score a
change in one region without scoring the whole map again (``region_term``).
"""

from __future__ import annotations

from ..engine.control import control_of  # the engine's rule, on one region's influence
from ..engine.state import GameState
from ..scenario.compiled import Scenario

WIN = 1000.0
OWN_CONTROL = 2.0  # a region this faction controls, times the region's value
OTHER_CONTROL = 0.8  # a region another faction controls (a loss), times the region's value
INFLUENCE = 0.12  # each point of influence up to stability + 2, times the region's value
VP_WEIGHT = 3.0  # each VP of one's own


def term(value: float, ctl: str | None, mine: int, stab: int, faction: str) -> float:
    """One region's share of the value for ``faction``: the region's ``value``, who controls it
    (``ctl``), ``faction``'s influence there (``mine``) and its stability."""
    score = 0.0
    if ctl == faction:
        score += OWN_CONTROL * value
    elif ctl is not None:
        score -= OTHER_CONTROL * value
    if mine:
        score += INFLUENCE * value * min(mine, stab + 2)
    return score


class Evaluator:
    def __init__(self, scn: Scenario) -> None:
        self.scn = scn
        self.factions = tuple(scn.factions)
        scoring = scn.model.scoring
        self.region_value: dict[str, float] = {}
        homes = {r for f in scn.model.factions for r in f.home}
        for r in scn.map.model.regions:
            if r.offmap or r.id in homes:
                continue
            v = 1.0
            if r.battleground:
                v += 1.0 + scoring.battleground_vp
            bv = scoring.blocs.get(r.bloc)
            if bv is not None:
                v += 0.4 * (bv.presence + bv.domination + bv.control) / 3
            self.region_value[r.id] = v
        self.regions = tuple(self.region_value.items())
        self.hints = {f.id: f.ai for f in scn.model.factions}

    def region_term(self, st: GameState, faction: str, region: str) -> float:
        """This region's share of the value of ``st`` for ``faction`` (0 for homes, off-map)."""
        value = self.region_value.get(region)
        if value is None:
            return 0.0
        row = st.influence[region]
        stab = st.stability[region]
        return term(value, control_of(row, stab), row[faction], stab, faction)

    def global_term(self, st: GameState, faction: str) -> float:
        """Everything but the regions: VP (own against the best other), tracks, flags, economy."""
        vp = st.vp
        score = VP_WEIGHT * vp[faction] - 1.5 * max(vp[o] for o in self.factions if o != faction)
        if st.losers and faction in st.losers:  # an ending (``end_game`` with a loser) ruled it out
            score -= WIN
        h = self.hints[faction]
        for tid, w in h.tracks.items():
            score += w * st.tracks[tid]
        for flag, w in h.flags.items():
            if flag in st.flags:
                score += w
        score += h.economy * st.economy[faction]
        return score

    def __call__(self, st: GameState, faction: str) -> float:
        if st.outcome is not None:
            winners = st.outcome.winners
            if faction in winners:
                return WIN / len(winners) + st.vp[faction]
            return -WIN + st.vp[faction]
        score = self.global_term(st, faction)
        influence, stability = st.influence, st.stability
        for r, value in self.regions:
            row = influence[r]
            stab = stability[r]
            ctl = control_of(row, stab)
            if ctl == faction:
                score += OWN_CONTROL * value
            elif ctl is not None:
                score -= OTHER_CONTROL * value
            mine = row[faction]
            if mine:
                score += INFLUENCE * value * min(mine, stab + 2)
        return score
