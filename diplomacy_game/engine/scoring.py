"""Scoring of blocs, upkeep (income and track effects), the final count and the outcome."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from ..scenario.compiled import Scenario
from .context import Ctx
from .control import controller
from .deck import cards_in_play, trait_sum
from .effects import apply_effects
from .outcome import Outcome
from .state import GameState, Phase
from .words import plural


def bloc_tiers(scn: Scenario, st: GameState, bloc: str) -> dict[str, tuple[str | None, int, int]]:
    """For each faction: (tier reached or None, regions controlled, battlegrounds controlled).

    presence: controls a region of the bloc; domination: controls more regions of it than each
    other faction, one of them a battleground; control: more regions than each other faction
    and every battleground of the bloc.
    """
    regions = [r for r in scn.map.model.regions if r.bloc == bloc and not r.offmap]
    all_bg = sum(1 for r in regions if r.battleground)
    counts = {f: [0, 0] for f in scn.factions}
    for r in regions:
        ctl = controller(scn, st, r.id)
        if ctl is not None:
            counts[ctl][0] += 1
            counts[ctl][1] += 1 if r.battleground else 0
    out: dict[str, tuple[str | None, int, int]] = {}
    for f, (n, bg) in counts.items():
        most = all(n > counts[o][0] for o in scn.factions if o != f)
        tier: str | None = None
        if n >= 1:
            tier = "presence"
            if most and bg >= 1:
                tier = "domination"
            if most and all_bg and bg == all_bg:
                tier = "control"
        out[f] = (tier, n, bg)
    return out


@dataclass(frozen=True)
class FactionScore:
    """What one faction held in a bloc at a scoring and the VP it scored there, and why."""

    faction: str
    tier: str | None  # presence, domination, control, or None
    regions: tuple[str, ...]  # the bloc's regions it controlled
    battlegrounds: tuple[str, ...]  # those of them that are battlegrounds
    tier_vp: int  # the VP of its tier
    battleground_vp: int  # the VP of its battlegrounds

    @property
    def vp(self) -> int:
        return self.tier_vp + self.battleground_vp


@dataclass(frozen=True)
class BlocScore:
    """One bloc's scoring: each faction's holding and points (read-only, from scenario and state)."""

    bloc: str
    name: str
    turn: int
    factions: tuple[FactionScore, ...]  # in faction order
    uncontrolled: tuple[str, ...]  # the bloc's regions nobody controlled


def bloc_breakdown(scn: Scenario, st: GameState, bloc: str) -> BlocScore:
    """What ``bloc`` scores in ``st``: for each faction its regions, tier and VP (changes nothing)."""
    sc = scn.model.scoring
    values = sc.blocs[bloc]
    tiers = bloc_tiers(scn, st, bloc)
    regions = [r for r in scn.map.model.regions if r.bloc == bloc and not r.offmap]
    held: dict[str, list[str]] = {f: [] for f in scn.factions}
    bgs: dict[str, list[str]] = {f: [] for f in scn.factions}
    nobody: list[str] = []
    for r in regions:
        ctl = controller(scn, st, r.id)
        if ctl is None:
            nobody.append(r.id)
            continue
        held[ctl].append(r.id)
        if r.battleground:
            bgs[ctl].append(r.id)
    rows = []
    for f, (tier, _n, bg) in tiers.items():
        rows.append(FactionScore(f, tier, tuple(held[f]), tuple(bgs[f]), int(getattr(values, tier)) if tier else 0,
                                 bg * sc.battleground_vp))
    name = next(b.name for b in scn.map.model.blocs if b.id == bloc)
    return BlocScore(bloc, str(name), st.turn, tuple(rows), tuple(nobody))


_RECORDING: ContextVar[list[BlocScore] | None] = ContextVar("scoring_record", default=None)


@contextmanager
def recording() -> Iterator[list[BlocScore]]:
    """Collect every bloc scoring done in this context (in this thread), as it is scored."""
    out: list[BlocScore] = []
    token = _RECORDING.set(out)
    try:
        yield out
    finally:
        _RECORDING.reset(token)


def score_blocs(scn: Scenario, st: GameState) -> None:
    record = _RECORDING.get()
    for bloc in scn.model.scoring.blocs:
        score = bloc_breakdown(scn, st, bloc)
        if record is not None:
            record.append(score)
        parts = []
        for row in score.factions:
            f, tier, bg, gain = row.faction, row.tier, len(row.battlegrounds), row.vp
            if gain:
                st.vp[f] += gain
                label = tier or "battlegrounds"
                where = f", {plural(bg, 'battleground')}" if bg else ""
                parts.append(f"{scn.faction(f).name} +{gain} ({label}{where})")
        st.add_log(f"Scoring {score.name}: " + ("; ".join(parts) if parts else "nobody scores") + ".", "score",
                   bloc=bloc)  # fmt: skip


def upkeep(scn: Scenario, st: GameState) -> None:
    month = scn.months[st.turn]
    for f in scn.factions:
        income = scn.faction(f).income + trait_sum(scn, st, f, "income")
        old = st.economy[f]
        st.economy[f] = max(0, min(scn.rules.economy_max, old + income))
    st.add_log("Upkeep: income is paid.", "upkeep")
    apply_effects(scn, st, scn.model.upkeep, Ctx())
    if month in scn.model.scoring.months:
        score_blocs(scn, st)
    st.vp_history.append(dict(st.vp))
    st.used = {}


def threshold_reached(scn: Scenario, st: GameState) -> bool:
    t = scn.model.victory.threshold
    return t is not None and bool(st.vp) and max(st.vp.values()) >= t


def finish(scn: Scenario, st: GameState, reason: str) -> None:
    # the last point of the VP history is the final count (the end screen charts it)
    if len(st.vp_history) > st.turn:
        st.vp_history[-1] = dict(st.vp)
    else:
        st.vp_history.append(dict(st.vp))
    # a faction an ending ruled out (``end_game`` with a loser) cannot win; the most VP among the
    # others does (if every faction is ruled out, the most VP wins as usual)
    eligible = [f for f in scn.factions if f not in st.losers] or list(scn.factions)
    best = max(st.vp[f] for f in eligible)
    winners = tuple(f for f in eligible if st.vp[f] == best)
    st.outcome = Outcome(winners, dict(st.vp), reason, st.turn + 1)
    st.discard.extend(cards_in_play(st.pending, st.queue))  # a card whose operations were cut short
    st.pending = None
    st.queue = []
    st.phase = Phase.OVER
    names = " and ".join(scn.faction(f).name for f in winners)
    verb = "share the victory" if len(winners) > 1 else "wins"
    st.add_log(f"Game over ({reason}). {names} {verb}.", "game_over", winners=list(winners))
