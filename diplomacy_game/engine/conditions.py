"""The condition vocabulary: each kind of condition tested in one place."""

from __future__ import annotations

from ..scenario import models as m
from ..scenario.loader import Scenario
from .context import Ctx
from .control import controls
from .state import GameState


def holds(scn: Scenario, st: GameState, c: m.Condition, ctx: Ctx) -> bool:
    """Whether condition ``c`` holds now. A word (self, target) with no meaning is false."""
    if isinstance(c, m.CAll):
        return all(holds(scn, st, x, ctx) for x in c.all)
    if isinstance(c, m.CAny):
        return any(holds(scn, st, x, ctx) for x in c.any)
    if isinstance(c, m.CNot):
        return not holds(scn, st, c.not_, ctx)
    if isinstance(c, m.CTrack):
        return c.track.test(st.tracks[c.track.id])
    if isinstance(c, m.CFlag):
        return st.has_flag(c.flag)
    if isinstance(c, m.CLeader):
        f = ctx.faction(c.leader.faction)
        if f is None:
            return False
        if c.leader.is_ is not None:
            return st.leaders.get(f) == c.leader.is_
        return st.leaders.get(f) != c.leader.not_
    if isinstance(c, m.CControls):
        f, r = ctx.faction(c.controls.faction), ctx.region(c.controls.region)
        return f is not None and r is not None and controls(scn, st, f, r)
    if isinstance(c, m.CInfluence):
        f, r = ctx.faction(c.influence.faction), ctx.region(c.influence.region)
        if f is None or r is None or r not in st.influence:
            return False
        return c.influence.test(st.influence[r].get(f, 0))
    if isinstance(c, m.CVp):
        f = ctx.faction(c.vp.faction)
        return f is not None and c.vp.test(st.vp[f])
    if isinstance(c, m.CEconomy):
        f = ctx.faction(c.economy.faction)
        return f is not None and c.economy.test(st.economy[f])
    if isinstance(c, m.CChose):
        ev = c.chose.event or ctx.event or (f"card:{ctx.card}" if ctx.card else None)
        f = ctx.faction(c.chose.faction)
        return ev is not None and f is not None and st.choices.get(ev, {}).get(f) == c.chose.option
    if isinstance(c, m.CSelfIs):
        return ctx.actor is not None and ctx.actor in c.self_is
    if isinstance(c, m.CTurn):
        return c.turn.test(st.turn + 1)
    raise TypeError(f"unknown condition {c!r}")  # pragma: no cover - the models are closed
