"""Cross-reference checks that the type models cannot express: ids, links, dates, ranges."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..engine.conditions import check_condition
from ..engine.effects import check_effect
from .compiled import GameMap
from .diagnostics import Diagnostic, Path, did_you_mean
from .errors import date_problem
from .models import (
    FACTION_WORDS,
    ID_PATTERN,
    OWNER_ACCEPTS,
    STABILITY_MAX,
    STABILITY_MIN,
    Choice,
    Condition,
    Effect,
    MapFile,
    ScenarioFile,
    Target,
)
from .safeyaml import YamlDocument


def _check_owner(c: _Checker, owner: str | list[str], path: Path, factions: Iterable[str]) -> None:
    """A card's ``owner``: a faction id, ``neutral``, or a non-empty list of distinct faction ids."""
    known = set(factions)
    if isinstance(owner, str):
        if owner != "neutral" and owner not in known and owner not in c.dropped:
            c.err(path, f"unknown owner '{owner}': {OWNER_ACCEPTS}", did_you_mean(owner, [*known, "neutral"]))
        return
    if not owner:
        c.err(path, f"an empty list of owners: {OWNER_ACCEPTS}")
    for j, f in enumerate(owner):
        if f == "neutral":
            c.err((*path, j), f"'neutral' cannot share a card: {OWNER_ACCEPTS}")
        elif f not in known and f not in c.dropped:
            c.err((*path, j), f"unknown faction '{f}' in owner: {OWNER_ACCEPTS}", did_you_mean(f, known))
    for j in _dupes(owner):
        c.err((*path, j), f"'{owner[j]}' is listed twice in owner")


def _dupes(ids: Sequence[str]) -> list[int]:
    seen: set[str] = set()
    out = []
    for i, x in enumerate(ids):
        if x in seen:
            out.append(i)
        seen.add(x)
    return out


def check_map(m: MapFile, doc: YamlDocument, dropped: set[str] | None = None) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    dropped = dropped or set()

    def err(path: Path, msg: str, hint: str | None = None, key: bool = False) -> None:
        out.append(Diagnostic(doc.locate(path, key=key), msg, path, hint=hint))

    for name, items in (("organizations", m.organizations), ("blocs", m.blocs), ("regions", m.regions)):
        for i in _dupes([x.id for x in items]):
            err((name, i, "id"), f"duplicate id '{items[i].id}' in {name}")
    blocs = {b.id for b in m.blocs}
    orgs = {o.id for o in m.organizations}
    regions = {r.id: r for r in m.regions}
    for i, r in enumerate(m.regions):
        if r.bloc not in blocs and r.bloc not in dropped:
            err(("regions", i, "bloc"), f"unknown bloc '{r.bloc}'", did_you_mean(r.bloc, blocs))
        for j, o in enumerate(r.members):
            if o not in orgs and o not in dropped:
                err(("regions", i, "members", j), f"unknown organization '{o}'", did_you_mean(o, orgs))
        for o in r.joined:
            if o not in r.members:
                err(("regions", i, "joined", o), f"'{r.id}' joins '{o}' during the game, so '{o}' must be "
                    "listed in its members", key=True)
        for kind in ("links", "sea"):
            targets: list[str] = getattr(r, kind)
            for j in _dupes(targets):
                err(("regions", i, kind, j), f"'{targets[j]}' is listed twice in {kind}")
            for j, t in enumerate(targets):
                path = ("regions", i, kind, j)
                if t == r.id:
                    err(path, f"region '{r.id}' links to itself")
                elif t in dropped:
                    pass
                elif t not in regions:
                    err(path, f"link to unknown region '{t}'", did_you_mean(t, regions))
                elif r.id not in getattr(regions[t], kind):
                    side = "land" if kind == "links" else "sea"
                    err(path, f"one-way {side} link: '{r.id}' lists '{t}' but '{t}' does not list '{r.id}' in {kind}")
        if r.offmap and r.iso_a3:
            err(("regions", i, "iso_a3"), "an off-map box has no country shape: set iso_a3 to null")
    return out


@dataclass
class _Ctx:
    """What the effects at a place may refer to."""

    self_ok: bool = True
    owner_ok: bool = False
    target: str | None = None  # 'region' or 'faction'
    event: str | None = None


@dataclass
class _Checker:
    s: ScenarioFile
    regions: set[str]
    region_words: set[str]
    doc: YamlDocument
    dropped: set[str] = field(default_factory=set)
    out: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        # the vocabulary's checks, in the engine's classes
        self.check_condition, self.check_effect = check_condition, check_effect
        self.factions = {f.id for f in self.s.factions}
        self.leaders = {ld.id: ld for ld in self.s.leaders}
        self.tracks = {t.id: t for t in self.s.tracks}
        self.cards = {c.id for c in self.s.cards}
        self.events = {e.id: e for e in self.s.events}

    def err(self, path: Path, msg: str, hint: str | None = None, key: bool = False) -> None:
        self.out.append(Diagnostic(self.doc.locate(path, key=key), msg, path, hint=hint))

    def ref(self, path: Path, value: str, known: Iterable[str], what: str) -> bool:
        known = set(known)
        if value in known or value in self.dropped:
            return True
        self.err(path, f"unknown {what} '{value}'", did_you_mean(value, known))
        return False

    def faction_ref(self, path: Path, value: str, ctx: _Ctx) -> None:
        if value == "self" and not ctx.self_ok:
            self.err(path, "'self' has no meaning here: no single faction acts (name the faction)")
        elif value == "owner" and not ctx.owner_ok:
            self.err(path, "'owner' means a card's owner and is allowed only in cards")
        elif value == "target" and ctx.target != "faction":
            self.err(path, "'target' as a faction needs a 'target: {faction: [...]}' on the card or action")
        elif value not in FACTION_WORDS:
            self.ref(path, value, self.factions, "faction")

    def region_ref(self, path: Path, value: str, ctx: _Ctx) -> None:
        if value == "target":
            if ctx.target != "region":
                self.err(path, "'target' as a region needs a 'target: {region: {...}}' on the card or action")
        else:
            self.ref(path, value, self.regions, "region")

    def track_value(self, path: Path, track: str, value: int) -> None:
        t = self.tracks.get(track)
        if t is not None and not t.min <= value <= t.max:
            self.err(path, f"{value} is outside the track '{track}' ({t.min}..{t.max})")

    # ---------------------------------------------------------------- conditions and effects
    # Each kind's checks live in its class (engine/conditions.py, engine/effects.py).

    def cond(self, c: Condition, path: Path, ctx: _Ctx) -> None:
        self.check_condition(self, c, path, ctx)

    def effects(self, effs: Sequence[Effect], path: Path, ctx: _Ctx) -> None:
        for i, e in enumerate(effs):
            self.check_effect(self, e, (*path, i), ctx)

    def target(self, t: Target | None, path: Path) -> str | None:
        if t is None:
            return None
        if (t.region is None) == (t.faction is None):
            self.err(path, "a target is either 'region' or 'faction'")
            return None
        if t.faction is not None:
            for i, f in enumerate(t.faction):
                self.ref((*path, "faction", i), f, self.factions, "faction")
            return "faction"
        rf = t.region
        assert rf is not None
        bloc_ids = self.region_words
        if rf.bloc is not None:
            self.ref((*path, "region", "bloc"), rf.bloc, bloc_ids, "bloc")
        if rf.regions is not None:
            for i, r in enumerate(rf.regions):
                self.ref((*path, "region", "regions", i), r, self.regions, "region")
        if rf.adjacent_to is not None:
            self.ref((*path, "region", "adjacent_to"), rf.adjacent_to, self.regions, "region")
        if rf.influence_of is not None and rf.influence_of not in ("self", "owner"):
            self.ref((*path, "region", "influence_of"), rf.influence_of, self.factions, "faction")
        return "region"

    def choice(self, ch: Choice | None, path: Path, ctx: _Ctx) -> None:
        if ch is None:
            return
        if (ch.faction is None) == (ch.factions is None):
            self.err(path, "a choice names either 'faction' or 'factions'")
            return
        choosers: list[str] = []
        if ch.faction is not None:
            self.faction_ref((*path, "faction"), ch.faction, ctx)
            choosers = [ch.faction]
        else:
            assert ch.factions is not None
            for i, f in enumerate(ch.factions):
                self.ref((*path, "factions", i), f, self.factions, "faction")
            for i in _dupes(ch.factions):
                self.err((*path, "factions", i), f"'{ch.factions[i]}' is listed twice")
            choosers = list(ch.factions)
        if ch.secret and len(choosers) < 2:
            self.err((*path, "secret"), "a secret choice is made by two or more 'factions' at once")
        for i in _dupes([o.id for o in ch.options]):
            self.err((*path, "options", i, "id"), f"duplicate option id '{ch.options[i].id}'")
        opt_ctx = _Ctx(True, ctx.owner_ok, ctx.target, ctx.event)
        for i, o in enumerate(ch.options):
            opath = (*path, "options", i)
            if o.factions is not None:
                for j, f in enumerate(o.factions):
                    if f not in choosers and f in self.factions:
                        self.err((*opath, "factions", j), f"'{f}' does not make this choice")
                    else:
                        self.ref((*opath, "factions", j), f, self.factions, "faction")
            if o.if_ is not None:
                self.cond(o.if_, (*opath, "if"), opt_ctx)
            self.effects(o.effects, (*opath, "effects"), opt_ctx)
        for f in choosers:
            if f in self.factions and not any(o.factions is None or f in o.factions for o in ch.options):
                self.err((*path, "options"), f"no option is open to '{f}'")


def _int_range(c: _Checker, path: Path, value: int, lo: int, hi: int, what: str) -> None:
    if not lo <= value <= hi:
        c.err(path, f"{what} {value} is outside {lo}..{hi}")


def check_scenario(
    s: ScenarioFile,
    gmap: GameMap,
    doc: YamlDocument,
    months: Sequence[str],
    active_events: Sequence[int],
    dropped: set[str] | None = None,
    left_out: Callable[[Path], bool] = lambda path: False,
) -> list[Diagnostic]:
    """Every cross-reference error; ``left_out(path)`` tells the parts that had errors of their own
    (reported already), whose absence must not make errors elsewhere."""
    blocs = {b.id for b in gmap.model.blocs}
    c = _Checker(s, set(gmap.regions), blocs, doc, dropped or set())
    factions = c.factions
    for name, items in (
        ("factions", s.factions),
        ("leaders", s.leaders),
        ("tracks", s.tracks),
        ("cards", s.cards),
        ("faction_actions", s.faction_actions),
        ("events", s.events),
        ("sources", s.sources),
        ("flags", s.flags),
    ):
        for i in _dupes([x.id for x in items]):
            c.err((name, i, "id"), f"duplicate id '{items[i].id}' in {name}")
    for i, fac in enumerate(s.factions):
        if fac.id in (*FACTION_WORDS, "neutral"):
            c.err(("factions", i, "id"), f"'{fac.id}' is a reserved word and cannot be a faction id")
        for j, home in enumerate(fac.home):
            c.ref(("factions", i, "home", j), home, c.regions, "region")
        for tid in fac.ai.tracks:
            c.ref(("factions", i, "ai", "tracks", tid), tid, c.tracks, "track")
    for i, ld in enumerate(s.leaders):
        c.ref(("leaders", i, "faction"), ld.faction, factions, "faction")
        for j in _dupes([t.id for t in ld.traits]):
            c.err(("leaders", i, "traits", j, "id"), f"duplicate trait id '{ld.traits[j].id}'")
    for i, t in enumerate(s.tracks):
        if t.min >= t.max:
            c.err(("tracks", i, "max"), f"max ({t.max}) must be above min ({t.min})")
        c.effects(t.on_max, ("tracks", i, "on_max"), _Ctx(self_ok=True))
    rules = s.rules
    c.effects(rules.pressure_battleground, ("rules", "pressure_battleground"), _Ctx(self_ok=True))
    outlet_of: dict[str, int] = {}
    for i, d in enumerate(rules.discard):
        path: tuple[str | int, ...] = ("rules", "discard", i)
        for j, f in enumerate(d.factions):
            c.ref((*path, "factions", j), f, factions, "faction")
            if f in outlet_of:
                c.err((*path, "factions", j), f"'{f}' already has a discard outlet (rules.discard[{outlet_of[f]}])")
            outlet_of.setdefault(f, i)
        if d.if_ is not None:
            c.cond(d.if_, (*path, "if"), _Ctx(self_ok=True))
        c.effects(d.effects, (*path, "effects"), _Ctx(self_ok=True))

    # setup
    st = s.setup
    for key in ("leaders", "economy", "vp"):
        mapping: dict[str, object] = getattr(st, key)
        for f in mapping:
            c.ref(("setup", key, f), f, factions, "faction")
    for f, lid in st.leaders.items():
        known = c.ref(("setup", "leaders", f), lid, c.leaders, "leader")
        if known and lid in c.leaders and c.leaders[lid].faction != f and f in factions:
            c.err(("setup", "leaders", f), f"the leader '{lid}' belongs to '{c.leaders[lid].faction}', not '{f}'")
    led = Counter(ld.faction for ld in s.leaders)
    for f in factions if not left_out(("setup", "leaders")) else ():
        if led[f] and f not in st.leaders:
            c.err(("setup", "leaders"), f"the faction '{f}' has leaders but none is set up to lead it")
    for f, v in st.economy.items():
        _int_range(c, ("setup", "economy", f), v, 0, rules.economy_max, "economy")
    for tid, v in st.tracks.items():
        if c.ref(("setup", "tracks", tid), tid, c.tracks, "track"):
            c.track_value(("setup", "tracks", tid), tid, v)
    for f, per in st.influence.items():
        c.ref(("setup", "influence", f), f, factions, "faction")
        for reg, v in per.items():
            c.ref(("setup", "influence", f, reg), reg, c.regions, "region")
            _int_range(c, ("setup", "influence", f, reg), v, 0, rules.max_influence, "influence")
    for reg, v in st.stability.items():
        c.ref(("setup", "stability", reg), reg, c.regions, "region")
        _int_range(c, ("setup", "stability", reg), v, STABILITY_MIN, STABILITY_MAX, "stability")

    # cards
    start_cards = 0
    for i, card in enumerate(s.cards):
        path = ("cards", i)
        _check_owner(c, card.owner_, (*path, "owner"), factions)
        if card.deck == "start":
            start_cards += 1
        kind = c.target(card.target, (*path, "target"))
        ctx = _Ctx(self_ok=True, owner_ok=True, target=kind)
        if card.if_ is not None:
            c.cond(card.if_, (*path, "if"), ctx)
        c.effects(card.effects, (*path, "effects"), ctx)
        c.choice(card.choice, (*path, "choice"), ctx)
        c.effects(card.then, (*path, "then"), ctx)
        if card.choice is None and card.then:
            c.err((*path, "then"), "'then' follows a 'choice'; put these effects in 'effects'")
    if start_cards == 0 and not c.dropped:
        c.err(("cards",), "no card has 'deck: start': the game would have nothing to draw")

    for i, a in enumerate(s.faction_actions):
        path = ("faction_actions", i)
        fs = a.factions
        for j, f in enumerate(fs):
            c.ref((*path, "faction") if isinstance(a.faction, str) else (*path, "faction", j), f, factions, "faction")
        kind = c.target(a.target, (*path, "target"))
        ctx = _Ctx(self_ok=True, target=kind)
        if a.if_ is not None:
            c.cond(a.if_, (*path, "if"), ctx)
        c.effects(a.effects, (*path, "effects"), ctx)

    active = set(active_events)
    first, last = (months[0], months[-1]) if months else ("?", "?")
    for i, ev in enumerate(s.events):
        path = ("events", i)
        for key in ("date", "end"):
            day = getattr(ev, key)
            why = date_problem(day) if day else None
            if why:
                c.err((*path, key), f"{day} is not a real date: {why}")
        if i in active and ev.date[:7] not in months:
            c.err((*path, "date"), f"the date {ev.date} is outside the calendar ({first} to {last})")
        if ev.end is not None:
            if ev.end < ev.date:
                c.err((*path, "end"), f"the end {ev.end} is before the date {ev.date}")
            elif i in active and ev.end[:7] not in months:
                c.err((*path, "end"), f"the end {ev.end} is outside the calendar ({first} to {last})")
        if ev.place is not None:
            c.ref((*path, "place"), ev.place, c.regions, "region")
        single = ev.choice is not None and ev.choice.faction is not None
        top = _Ctx(self_ok=False, event=ev.id)
        if ev.if_ is not None:
            c.cond(ev.if_, (*path, "if"), top)
        c.effects(ev.effects, (*path, "effects"), top)
        if ev.choice is not None and ev.choice.faction == "self":
            c.err((*path, "choice", "faction"), "a timeline event's choice must name its faction")
        c.choice(ev.choice, (*path, "choice"), top)
        c.effects(ev.then, (*path, "then"), _Ctx(self_ok=single, event=ev.id))
        if ev.choice is None and ev.then:
            c.err((*path, "then"), "'then' follows a 'choice'; put these effects in 'effects'")

    _check_sources(c, s)
    c.effects(s.upkeep, ("upkeep",), _Ctx(self_ok=False))
    for i, mth in enumerate(s.scoring.months):
        if months and mth not in months:
            c.err(("scoring", "months", i), f"the month {mth} is outside the calendar ({first} to {last})")
    for b in s.scoring.blocs:
        c.ref(("scoring", "blocs", b), b, blocs, "bloc")
    c.effects(s.victory.final, ("victory", "final"), _Ctx(self_ok=False))
    _check_report(c, s)
    return c.out


def is_source_ref(text: str) -> bool:
    """A card's or event's ``source`` that is an id (it must name one of ``sources:``); any
    other text ('public record', a file name) is shown as it is."""
    return re.fullmatch(ID_PATTERN, text) is not None


def _check_sources(c: _Checker, s: ScenarioFile) -> None:
    """``sources:`` dates are real days; a ``source`` written as an id names one of them."""
    for i, src in enumerate(s.sources):
        why = date_problem(src.date)
        if why:
            c.err(("sources", i, "date"), f"{src.date} is not a real date: {why}")
    known = {src.id for src in s.sources}
    cited = [("cards", i, card.source) for i, card in enumerate(s.cards)]
    cited += [("events", i, ev.source) for i, ev in enumerate(s.events)]
    for name, i, ref in cited:
        if is_source_ref(ref) and ref not in known:
            hint = did_you_mean(ref, known) or (
                "declare it under 'sources:' (id, title, date), or write the source as plain text "
                "such as 'public record'")
            c.err((name, i, "source"), f"unknown source '{ref}'", hint)


def _check_report(c: _Checker, s: ScenarioFile) -> None:
    """``report:`` items: exactly one of flag and track, and a track that exists."""
    for i, item in enumerate(s.report):
        if (item.flag is None) == (item.track is None):
            c.err(("report", i), "a report item needs exactly one of 'flag' or 'track'")
        elif item.track is not None:
            c.ref(("report", i, "track"), item.track, c.tracks, "track")
