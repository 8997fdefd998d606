"""How good a state is for one faction: VP, control, the scoring blocs, tracks, economy.

Scenario-aware: blocs that score and battlegrounds weigh more; each faction's view of the
tracks and flags comes from its ``ai:`` hints in the scenario.
"""

from __future__ import annotations

from ..engine.control import controller
from ..engine.state import GameState
from ..scenario.loader import Scenario

WIN = 1000.0


class Evaluator:
    def __init__(self, scn: Scenario) -> None:
        self.scn = scn
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
        self.hints = {f.id: f.ai for f in scn.model.factions}

    def __call__(self, st: GameState, faction: str) -> float:
        scn = self.scn
        if st.outcome is not None:
            winners = st.outcome["winners"]
            if faction in winners:
                return WIN / len(winners) + st.vp[faction]
            return -WIN + st.vp[faction]
        others = [f for f in scn.factions if f != faction]
        score = 3.0 * st.vp[faction] - 1.5 * max(st.vp[o] for o in others)
        inf_weight = 0.12
        for r, value in self.region_value.items():
            ctl = controller(scn, st, r)
            if ctl == faction:
                score += 2.0 * value
            elif ctl is not None:
                score -= 0.8 * value
            mine = st.influence[r][faction]
            if mine:
                score += inf_weight * value * min(mine, st.stability[r] + 2)
        h = self.hints[faction]
        for tid, w in h.tracks.items():
            score += w * st.tracks[tid]
        for flag, w in h.flags.items():
            if flag in st.flags:
                score += w
        score += h.economy * st.economy[faction]
        return score
