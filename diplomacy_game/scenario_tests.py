"""The scenario-test runner: scenario tests as data: YAML files that start a game, play actions and check the state.

A test file (``kind: test``, named ``*.test.yaml``) names its scenario and holds a list of
tests. Each test starts a game at a month or a day of the scenario's calendar, overrides
parts of the state through ``state:`` (a fixed list of keys, applied as plain values; nothing
is evaluated), applies actions in their text form (``- iran: choose accept``) and compares
the result with ``expect:``. Every problem, in the file or in a failed expectation, is a
located diagnostic. The format is described in docs/authoring.md ("Scenario tests").
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from .engine import actions as a
from .engine.actions import parse_action
from .engine.deck import take_out
from .engine.errors import ActionParseError, GameError
from .engine.game import Game, new_state
from .engine.operations import PendingOps
from .engine.state import Phase
from .engine.timeline import PendingChoice
from .engine.turn import advance, month_name
from .scenario.diagnostics import ContentError, Diagnostic, DiagnosticList, Location, Path, did_you_mean
from .scenario.errors import translate
from .scenario.loader import _BUFFERS, buffer_of, load_scenario, read_document
from .scenario.models import STABILITY_MAX, STABILITY_MIN
from .scenario.paths import allowed_roots, inside, reference
from .scenario.safeyaml import YamlDocument, YamlError
from .scenario.testfile import (
    TEST_SUFFIX,
    TESTS_FOLDER,
    Between,
    Expect,
    Number,
    StateOverrides,
    Step,
    TestCase,
    TestFile,
    TestModel,
)

__all__ = [
    "TESTS_FOLDER",
    "TEST_SUFFIX",
    "Between",
    "CaseResult",
    "Expect",
    "LoadedTests",
    "RunReport",
    "StateOverrides",
    "TestCase",
    "TestFile",
    "find_test_files",
    "is_test_file",
    "load_test_file",
    "run_case",
    "run_paths",
    "start_game",
    "tests_of_scenario",
]


# --------------------------------------------------------------------------- loading


@dataclass
class LoadedTests:
    path: str
    doc: YamlDocument
    model: TestFile
    scenario: Any  # loader.Scenario


@dataclass
class CaseResult:
    file: str
    index: int
    name: str
    location: Location
    failures: list[Diagnostic] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


_SCENARIOS: dict[tuple[str, float], Any] = {}


def _scenario(path: str) -> Any:
    """A scenario loaded once per file version (its errors raise ContentError)."""

    if _BUFFERS.get():  # unsaved editor buffers stand in for files: nothing to cache by mtime
        return load_scenario(path)
    key = (os.path.abspath(path), os.path.getmtime(path))
    if key not in _SCENARIOS:
        _SCENARIOS[key] = load_scenario(path)
    return _SCENARIOS[key]


def load_test_file(path: str) -> tuple[LoadedTests | None, list[Diagnostic]]:
    """Read and check a test file: its structure, its scenario, every id and action it names."""

    diags = DiagnosticList()
    try:
        doc = read_document(path)
    except YamlError as exc:
        return None, [exc.diagnostic]
    try:
        model = TestFile.model_validate(doc.data)
        partial: _Partial | None = None
    except ValidationError as err:
        diags.extend(translate(err, TestFile, doc))
        # one pass: what is valid of the file still has its ids checked
        partial = _partial(doc.data)
        if partial is None:
            return None, diags.sorted()
        model = partial.model

    roots = allowed_roots(path)
    scn_path, refused_why = reference(path, model.scenario, roots)  # a bare name may be a bundled scenario
    if refused_why is not None:
        diags.add(Diagnostic(doc.locate(("scenario",)), f"scenario: {refused_why}", ("scenario",)))
        return None, diags.sorted()
    if scn_path is None:  # or a scenario open, unsaved, in the editor (the language server)
        near = os.path.join(os.path.dirname(path), model.scenario)
        scn_path = near if buffer_of(near) is not None and inside(near, roots) else None
    if scn_path is None:
        diags.add(Diagnostic(doc.locate(("scenario",)), f"no scenario file '{model.scenario}' next to this file "
                             "or among the bundled scenarios", ("scenario",)))
        return None, diags.sorted()
    try:
        scn = _scenario(scn_path)
    except ContentError as exc:
        diags.add(Diagnostic(doc.locate(("scenario",)), f"the scenario '{model.scenario}' has errors", ("scenario",)))
        diags.extend(exc.diagnostics)
        return None, diags.sorted()
    checker = _Checker(scn, doc)
    if partial is not None:
        checker.cases, checker.steps = partial.cases, partial.steps
    diags.extend(checker.check(model))
    if diags.errors or partial is not None:
        return None, diags.sorted()
    return LoadedTests(path, doc, model, scn), diags.sorted()


@dataclass
class _Partial:
    """The valid part of a test file with errors: its tests and steps, and where each stood."""

    model: TestFile
    cases: list[int]  # the index in the file of each test kept
    steps: dict[int, list[int]]  # test index in the file -> the index in the file of each step kept


def _valid_part(model: type[BaseModel], raw: Any) -> BaseModel | None:
    """``raw`` as ``model``, without the keys that have errors (reported already), or None."""
    try:
        return model.model_validate(raw)
    except ValidationError as err:
        if not isinstance(raw, dict):
            return None
        bad = {e["loc"][0] for e in err.errors() if e["loc"]}
    good: dict[str, Any] = {}
    for k, v in raw.items():
        if k not in bad:
            good[k] = v
            continue
        info = model.model_fields.get(str(k))
        part = info.annotation if info is not None else None
        if isinstance(part, type) and issubclass(part, BaseModel):
            sub = _valid_part(part, v)
            if sub is not None:
                good[k] = sub
    try:
        return model.model_validate(good)
    except ValidationError:
        return None


def _partial(data: Any) -> _Partial | None:
    """The part of a test file that is valid on its own, for its ids to be checked in the same run."""
    if not isinstance(data, dict) or not isinstance(data.get("scenario"), str) or not data["scenario"]:
        return None
    raw_tests = data.get("tests")
    cases: list[int] = []
    steps: dict[int, list[int]] = {}
    kept: list[TestCase] = []
    for i, raw in enumerate(raw_tests if isinstance(raw_tests, list) else []):
        if not isinstance(raw, dict):
            continue
        raw = dict(raw)
        do = raw.get("do")
        if isinstance(do, list):
            good = [j for j, st in enumerate(do) if _valid_part(_StepModel, {"step": st}) is not None]
            raw["do"] = [do[j] for j in good]
            steps[i] = good
        case = _valid_part(TestCase, raw)
        if isinstance(case, TestCase):
            kept.append(case)
            cases.append(i)
    model = TestFile.model_construct(kind="test", scenario=data["scenario"], tests=kept)
    return _Partial(model, cases, steps)


class _StepModel(TestModel):
    step: Step


@dataclass
class _Checker:
    scn: Any
    doc: YamlDocument
    out: list[Diagnostic] = field(default_factory=list)
    cases: list[int] | None = None  # the index in the file of each test checked (None: all)
    steps: dict[int, list[int]] = field(default_factory=dict)  # and of each step, for a partial file

    def err(self, path: Path, msg: str, hint: str | None = None, *, key: bool = False) -> None:
        self.out.append(Diagnostic(self.doc.locate(path, key=key), msg, path, hint=hint))

    def ref(self, path: Path, value: str, known: Iterable[str], what: str, *, key: bool = False) -> bool:
        known = list(known)
        if value in known:
            return True
        self.err(path, f"unknown {what} '{value}'", did_you_mean(value, known), key=key)
        return False

    def check(self, model: TestFile) -> list[Diagnostic]:
        scn = self.scn
        names: set[str] = set()
        for n, case in enumerate(model.tests):
            i = self.cases[n] if self.cases is not None else n
            base: Path = ("tests", i)
            if case.name in names:
                self.err((*base, "name"), f"two tests are named '{case.name}'")
            names.add(case.name)
            if case.start is not None and case.start[:7] not in scn.months:
                self.err((*base, "start"), f"{case.start} is outside the calendar of '{scn.id}' "
                         f"({scn.months[0]} to {scn.months[-1]})")
            self.overrides(case.state, (*base, "state"))
            where = self.steps.get(i)
            for j, step in enumerate(case.do):
                self.step(step, (*base, "do", where[j] if where is not None else j))
            self.expect(case.expect, (*base, "expect"))
        return self.out

    # ids of each kind
    def factions(self, path: Path, mapping: Iterable[str]) -> None:
        for f in mapping:
            self.ref((*path, f), f, self.scn.factions, "faction", key=True)

    def regions(self, path: Path, mapping: Iterable[str]) -> None:
        for r in mapping:
            self.ref((*path, r), r, self.scn.map.region_ids, "region", key=True)

    def overrides(self, st: StateOverrides, path: Path) -> None:
        scn = self.scn
        rules = scn.rules
        for f, lid in st.leaders.items():
            if self.ref((*path, "leaders", f), f, scn.factions, "faction", key=True) and self.ref(
                (*path, "leaders", f), lid, scn.leaders, "leader"
            ):
                owner = scn.leaders[lid].faction
                if owner != f:
                    self.err((*path, "leaders", f), f"the leader '{lid}' belongs to '{owner}', not '{f}'")
        for key, hi in (("economy", rules.economy_max), ("vp", None)):
            values: dict[str, int] = getattr(st, key)
            self.factions((*path, key), values)
            for f, v in values.items():
                if v < 0 or (hi is not None and v > hi):
                    self.err((*path, key, f), f"{key} {v} is outside 0..{hi if hi is not None else 'any'}")
        for t, v in st.tracks.items():
            if self.ref((*path, "tracks", t), t, scn.tracks, "track", key=True):
                tr = scn.tracks[t]
                if not tr.min <= v <= tr.max:
                    self.err((*path, "tracks", t), f"{v} is outside the track '{t}' ({tr.min}..{tr.max})")
        for f, per in st.influence.items():
            self.ref((*path, "influence", f), f, scn.factions, "faction", key=True)
            self.regions((*path, "influence", f), per)
            for r, v in per.items():
                if not 0 <= v <= rules.max_influence:
                    self.err((*path, "influence", f, r), f"influence {v} is outside 0..{rules.max_influence}")
        self.regions((*path, "stability"), st.stability)
        for r, v in st.stability.items():
            if not STABILITY_MIN <= v <= STABILITY_MAX:
                self.err((*path, "stability", r), f"stability {v} is outside {STABILITY_MIN}..{STABILITY_MAX}")
        seen: set[str] = set()
        for f, cards in st.hands.items():
            self.ref((*path, "hands", f), f, scn.factions, "faction", key=True)
            for k, c in enumerate(cards):
                self.ref((*path, "hands", f, k), c, scn.cards, "card")
                if c in seen:
                    self.err((*path, "hands", f, k), f"the card '{c}' is in more than one hand")
                seen.add(c)

    def step(self, step: dict[str, str | bool], path: Path) -> None:

        seats = [k for k in step if k != "illegal"]
        illegal = step.get("illegal")
        if len(seats) != 1:
            self.err(path, "a step is one 'SEAT: ACTION' pair (plus 'illegal' if it must be refused), "
                     f"e.g. '{self.scn.factions[0]}: done'")
            return
        seat = seats[0]
        text = step[seat]
        if illegal is not None and not isinstance(illegal, bool | str):  # pragma: no cover - typed above
            self.err((*path, "illegal"), "expected true or a piece of the reason")
        if not self.ref((*path, seat), seat, self.scn.factions, "seat", key=True):
            return
        if not isinstance(text, str):
            self.err((*path, seat), f"expected an action in its text form (e.g. 'choose {seat}'), got {text}")
            return
        try:
            action = parse_action(text)
        except ActionParseError as exc:
            self.err((*path, seat), f"cannot read the action '{text}': {exc}")
            return
        self.action_ids(action, (*path, seat))

    def action_ids(self, action: Any, path: Path) -> None:
        scn = self.scn
        if isinstance(action, a.PlayCard | a.DiscardCard | a.PickHeadline):
            self.ref(path, action.card, scn.cards, "card")
        elif isinstance(action, a.PlaceInfluence):
            self.ref(path, action.region, scn.map.region_ids, "region")
        elif isinstance(action, a.Pressure):
            self.ref(path, action.region, scn.map.region_ids, "region")
            self.ref(path, action.faction, scn.factions, "faction")
        elif isinstance(action, a.UseAction):
            self.ref(path, action.action, scn.actions, "faction action")
            if action.target is not None:
                self.ref(path, action.target, [*scn.map.region_ids, *scn.factions], "target (a region or a faction)")
        elif isinstance(action, a.ChooseTarget):
            # a typo must never pass as an expected refusal ('illegal: true')
            self.ref(path, action.target, [*scn.map.region_ids, *scn.factions], "target (a region or a faction)")
        elif isinstance(action, a.Choose):
            options = {o.id for ch in _choices(scn) for o in ch.options}
            self.ref(path, action.option, options, "option")

    def expect(self, ex: Expect, path: Path) -> None:
        scn = self.scn
        for t in ex.tracks:
            self.ref((*path, "tracks", t), t, scn.tracks, "track", key=True)
        self.factions((*path, "vp"), ex.vp)
        self.factions((*path, "economy"), ex.economy)
        for f, per in ex.influence.items():
            self.ref((*path, "influence", f), f, scn.factions, "faction", key=True)
            self.regions((*path, "influence", f), per)
        self.regions((*path, "stability"), ex.stability)
        for f, lid in ex.leaders.items():
            self.ref((*path, "leaders", f), f, scn.factions, "faction", key=True)
            self.ref((*path, "leaders", f), lid, scn.leaders, "leader")
        for key in ("fired", "skipped"):
            for k, ev in enumerate(getattr(ex, key)):
                self.ref((*path, key, k), ev, scn.event_index, "event")
        for f, cards in ex.hands.items():
            self.ref((*path, "hands", f), f, scn.factions, "faction", key=True)
            for k, c in enumerate(cards):
                self.ref((*path, "hands", f, k), c, scn.cards, "card")
        for key in ("deck", "removed"):
            for k, c in enumerate(getattr(ex, key)):
                self.ref((*path, key, k), c, scn.cards, "card")
        for key in ("to_act", "winners"):
            for k, f in enumerate(getattr(ex, key) or []):
                self.ref((*path, key, k), f, scn.factions, "faction")


def _choices(scn: Any) -> Iterator[Any]:
    for ev in scn.events:
        if ev.choice is not None:
            yield ev.choice
    for card in scn.cards.values():
        if card.choice is not None:
            yield card.choice


# --------------------------------------------------------------------------- running


def start_game(scn: Any, case: TestCase) -> Any:
    """A game at the case's start, with its state overrides, run to the first decision."""

    st = new_state(scn, case.seed)
    start = case.start or scn.months[0]
    month = start[:7]
    st.turn = scn.months.index(month)
    if st.turn:
        st.add_log(f"— {month_name(month)} — (the test starts here)", "turn", month=month)
    if case.phase == "actions":
        st.event_cursor = sum(1 for ev in scn.events if ev.date[:7] <= month)
        st.phase, st.round, st.seat_index = Phase.ACTIONS, 0, 0
    else:
        day = start if len(start) == 10 else f"{month}-01"
        st.event_cursor = sum(1 for ev in scn.events if ev.date < day)
    o = case.state
    st.leaders.update(o.leaders)
    st.economy.update(o.economy)
    st.vp.update(o.vp)
    st.tracks.update(o.tracks)
    for flag, on in o.flags.items():
        if on:
            st.set_flag(flag)
        else:
            st.clear_flag(flag)
    for f, per in o.influence.items():
        for r, n in per.items():
            st.influence[r][f] = n
    st.stability.update(o.stability)
    for f, cards in o.hands.items():
        for c in cards:
            take_out(st, c)
            if c in st.removed:
                st.removed.remove(c)
            st.hands[f].append(c)
    st.vp_history = [dict(st.vp) for _ in range(st.turn)]
    advance(scn, st)
    return Game(scn, st)


def run_case(loaded: LoadedTests, index: int) -> CaseResult:
    """Run one test of a loaded file; failures are located in the test file."""

    case = loaded.model.tests[index]
    doc = loaded.doc
    base: Path = ("tests", index)
    result = CaseResult(doc.file, index, case.name, doc.locate((*base, "name")))

    def fail(path: Path, msg: str, hint: str | None = None, *, key: bool = False) -> None:
        result.failures.append(Diagnostic(doc.locate(path, key=key), msg, path, "error", hint))

    try:
        game = start_game(loaded.scenario, case)
    except GameError as exc:  # pragma: no cover - the overrides are checked when the file loads
        fail((*base, "state"), f"the game cannot start from this state: {exc}")
        return result
    for j, step in enumerate(case.do):
        seat = next(k for k in step if k != "illegal")
        text = str(step[seat])
        illegal = step.get("illegal", False)
        path: Path = (*base, "do", j, seat)
        action = parse_action(text)
        reason = game.why_illegal(action, seat)
        if illegal is not False:
            if reason is None:
                fail(path, f"'{seat}: {text}' was expected to be refused, but it is legal here")
                return result
            if isinstance(illegal, str) and illegal.lower() not in reason.lower():
                fail((*base, "do", j, "illegal"), f"'{seat}: {text}' is refused, but because {reason} "
                     f"(expected a reason with '{illegal}')")
                return result
            continue
        if reason is not None:
            legal = [str(a) for a in game.legal_actions(seat)]
            hint = did_you_mean(text, legal)
            if hint is None and legal:
                shown = ", ".join(f"'{a}'" for a in legal[:6]) + (", ..." if len(legal) > 6 else "")
                hint = f"legal now for {seat}: {shown}"
            fail(path, f"step {j + 1}: '{seat}: {text}' is not legal here: {reason}", hint)
            return result
        try:
            game.apply(action, seat)
        except GameError as exc:  # pragma: no cover - legality was checked just above
            fail(path, f"step {j + 1}: '{seat}: {text}' failed: {exc}")
            return result
    _compare(game, case.expect, (*base, "expect"), fail)
    return result


def _compare(game: Any, ex: Expect, path: Path, fail: Any) -> None:
    st = game.state

    def number(p: Path, what: str, want: Number, got: int) -> None:
        ok = got == want if isinstance(want, int) else want.test(got)
        if not ok:
            shown = str(want) if isinstance(want, int) else want.describe()
            fail(p, f"expected {what} {shown}, got {got}")

    for t, want in ex.tracks.items():
        number((*path, "tracks", t), f"the track '{t}' at", want, st.tracks[t])
    for f, want in ex.vp.items():
        number((*path, "vp", f), f"{f}'s victory points", want, st.vp[f])
    for f, want in ex.economy.items():
        number((*path, "economy", f), f"{f}'s economy", want, st.economy[f])
    for f, per in ex.influence.items():
        for r, want in per.items():
            number((*path, "influence", f, r), f"{f}'s influence in {r}", want, st.influence[r][f])
    for r, want in ex.stability.items():
        number((*path, "stability", r), f"the stability of {r}", want, st.stability[r])
    for f, lid in ex.leaders.items():
        if st.leaders.get(f) != lid:
            fail((*path, "leaders", f), f"expected {f} to be led by '{lid}', but '{st.leaders.get(f)}' leads")
    for flag, on in ex.flags.items():
        if st.has_flag(flag) != on:
            fail((*path, "flags", flag), f"expected the flag '{flag}' to be {'set' if on else 'clear'}, but it is "
                 f"{'set' if st.has_flag(flag) else 'clear'}")
    lines = [e.text for e in st.log]
    low = [ln.lower() for ln in lines]
    for k, piece in enumerate(ex.log):
        if not any(piece.lower() in ln for ln in low):
            hint = did_you_mean(piece, lines)
            fail((*path, "log", k), f"no log line contains '{piece}'", hint)
    for k, piece in enumerate(ex.not_log):
        hit = next((ln for ln in lines if piece.lower() in ln.lower()), None)
        if hit is not None:
            fail((*path, "not_log", k), f"a log line contains '{piece}': '{hit}'")
    fired = {e.data.get("event") for e in st.log if e.kind == "event"}
    skipped = {e.data.get("event") for e in st.log if e.kind == "event_skipped"}
    for k, ev in enumerate(ex.fired):
        if ev not in fired:
            why = "it was skipped (its 'if' did not hold)" if ev in skipped else "it did not come up"
            fail((*path, "fired", k), f"expected the event '{ev}' to happen, but {why}")
    for k, ev in enumerate(ex.skipped):
        if ev not in skipped:
            why = "it happened" if ev in fired else "it did not come up"
            fail((*path, "skipped", k), f"expected the event '{ev}' to be skipped, but {why}")
    for f, cards in ex.hands.items():
        for k, c in enumerate(cards):
            if c not in st.hands[f]:
                holds = ", ".join(st.hands[f]) or "nothing"
                fail((*path, "hands", f, k), f"expected '{c}' in {f}'s hand; it holds: {holds}")
    for key, pile in (("deck", st.deck), ("removed", st.removed)):
        for k, c in enumerate(getattr(ex, key)):
            if c not in pile:
                fail((*path, key, k), f"expected '{c}' in the {'deck' if key == 'deck' else 'removed cards'}")
    if ex.to_act is not None:
        acting = list(game.to_act())
        if sorted(acting) != sorted(ex.to_act):
            fail((*path, "to_act"), f"expected {_seats(ex.to_act)} to act next, but {_seats(acting)} "
                 f"{'acts' if len(acting) == 1 else 'act'}" + _pending(game.scenario, st))
    if ex.over is not None and game.is_over() != ex.over:
        fail((*path, "over"), f"expected the game {'over' if ex.over else 'still going'}, but it is "
             f"{'over' if game.is_over() else 'still going'}")
    if ex.winners is not None:
        out = game.outcome()
        got = sorted(out.winners) if out is not None else []
        if sorted(ex.winners) != got:
            fail((*path, "winners"), f"expected the winners {_seats(ex.winners)}, got {_seats(got)}")


def _seats(seats: Iterable[str]) -> str:
    s = list(seats)
    return " and ".join(s) if s else "nobody"


def _pending(scn: Any, st: Any) -> str:
    """What the game waits for, in words (and how a test goes on, for operations)."""
    p = st.pending
    if p is None:
        return ""
    if isinstance(p, PendingChoice):
        return f" (a choice of {p.source} '{p.id}' is open)"
    said = f" ({p.explain(scn, st, None)}"
    if isinstance(p, PendingOps):
        said += "; a 'done' step ends them"
    return said + ")"


# --------------------------------------------------------------------------- discovery


def is_test_file(path: str) -> bool:
    return path.endswith(TEST_SUFFIX)


def tests_of_scenario(scenario_path: str) -> str:
    """The folder that holds a scenario's tests: ``tests/<stem>/`` beside the scenario."""
    stem = os.path.basename(scenario_path)
    for ext in (".yaml", ".yml"):
        if stem.endswith(ext):
            stem = stem[: -len(ext)]
    return os.path.join(os.path.dirname(scenario_path), TESTS_FOLDER, stem)


def find_test_files(paths: Iterable[str]) -> tuple[list[str], list[Diagnostic]]:
    """Test files under the paths (a test file, a folder, or a scenario: its tests folder)."""
    found: list[str] = []
    problems: list[Diagnostic] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                found.extend(os.path.join(root, f) for f in sorted(files) if is_test_file(f))
        elif is_test_file(p):
            found.append(p)
        elif os.path.isfile(p):
            folder = tests_of_scenario(p)
            if os.path.isdir(folder):
                for f in sorted(os.listdir(folder)):
                    if is_test_file(f):
                        found.append(os.path.join(folder, f))
            else:
                problems.append(Diagnostic(Location(p), f"no tests for this scenario: no folder '{folder}'"))
        else:
            problems.append(Diagnostic(Location(p), "no such file or folder"))
    out: list[str] = []
    for f in found:
        if f not in out:
            out.append(f)
    return out, problems


@dataclass
class RunReport:
    files: int = 0
    results: list[CaseResult] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # files that could not be read or checked

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.results)

    @property
    def failed(self) -> int:
        return sum(not r.passed for r in self.results)

    @property
    def ok(self) -> bool:
        return not self.problems and self.failed == 0 and bool(self.results)


def run_paths(paths: Iterable[str], name_filter: str | None = None) -> RunReport:
    """Find, check and run every test under the paths."""
    report = RunReport()
    files, report.problems = find_test_files(paths)
    for path in files:
        report.files += 1
        loaded, diags = load_test_file(path)
        report.problems.extend(d for d in diags if d.severity == "error")
        if loaded is None:
            continue
        for i, case in enumerate(loaded.model.tests):
            if name_filter and name_filter.lower() not in case.name.lower():
                continue
            try:
                report.results.append(run_case(loaded, i))
            except Exception as exc:  # an engine bug must not hide the other tests' results
                where = loaded.doc.locate(("tests", i, "name"))
                res = CaseResult(loaded.doc.file, i, case.name, where)
                res.failures.append(Diagnostic(where, f"the game failed while running this test: {exc!r} "
                                               "(a bug in the engine: please report it)", ("tests", i)))
                report.results.append(res)
    return report


__all__ = [
    "TEST_SUFFIX",
    "CaseResult",
    "Expect",
    "LoadedTests",
    "RunReport",
    "StateOverrides",
    "TestCase",
    "TestFile",
    "find_test_files",
    "load_test_file",
    "run_case",
    "run_paths",
    "start_game",
    "tests_of_scenario",
]
