"""The command line: parse arguments, call the library, print. No rules here.

Each sub-command imports what it needs inside its handler. These lazy imports are deliberate,
not there to break a cycle: ``validate``, ``test`` or ``schema`` start without loading pygame,
the AI or the language server, and ``play`` reports a missing display before importing pygame.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, resources

if TYPE_CHECKING:
    from .scenario.compiled import Scenario

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_USAGE = 2

DEFAULT_SCENARIO = resources.DEFAULT_SCENARIO
SCENARIO_HELP = "a scenario: a bundled or found scenario's id (see 'scenarios'), or a file path"


def _scenario_file(arg: str | None) -> Path | None:
    """A SCENARIO argument as a file, printing why not when it is none."""
    found = resources.resolve_scenario(arg)
    if found is None:
        name = arg if arg is not None else DEFAULT_SCENARIO
        if resources.looks_like_a_path(name):
            print(f"error: no scenario file '{name}'", file=sys.stderr)
        else:
            print(f"error: no scenario '{name}': not a file, and no {name}.yaml in "
                  f"{resources.describe_roots()}; 'diplomacy-game scenarios' lists those found", file=sys.stderr)
    return found


def _paths_or_ids(args: Sequence[str]) -> list[str] | None:
    """File and folder arguments as given; a scenario id as its file (None, and a message, if not found)."""
    out: list[str] = []
    for a in args:
        if Path(a).exists() or resources.looks_like_a_path(a):
            out.append(a)
            continue
        found = _scenario_file(a)
        if found is None:
            return None
        out.append(str(found))
    return out


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="diplomacy-game",
        description="Multipolar: a geopolitical strategy board game about Russia, Iran and their neighbours in 2024.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    v = sub.add_parser(
        "validate",
        help="check scenario and map files",
        description=(
            "Check scenario, map and scenario-test files (or every .yaml in folders). Each problem "
            "goes to stderr as FILE:LINE:COL: error|warning: MESSAGE, followed by the offending line "
            "with a caret under the column. Exit 0 when there is no error (warnings are printed but "
            "pass, unless --strict), 2 when there is."
        ),
    )
    v.add_argument("paths", nargs="+", metavar="PATH", help="files or folders, or scenario ids")
    v.add_argument("-q", "--quiet", action="store_true", help="print nothing when clean")
    v.add_argument("--strict", action="store_true", help="warnings fail too (exit 2)")
    v.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default) or json: one JSON object on stdout with every diagnostic")
    v.add_argument("--no-source", action="store_true", help="text format: no source line and caret")

    te = sub.add_parser(
        "test",
        help="run scenario tests (YAML files *.test.yaml)",
        description=(
            "Run scenario tests: *.test.yaml files found in folders, named directly, or, for a "
            "scenario file or id, those in tests/<its name>/ beside it (default: the bundled scenarios' "
            "tests, and those under ./scenarios if there is one). Prints "
            "PASS or FAIL for each test and a located message for each failure. Exit 0 when all "
            "pass, 1 when any fails, 2 when a test file is invalid or none is found."
        ),
    )
    te.add_argument("paths", nargs="*", default=None, metavar="PATH",
                    help="test files, folders, scenario files or ids (default: the bundled scenarios and ./scenarios)")
    te.add_argument("-k", metavar="TEXT", dest="name_filter", help="only the tests whose name contains TEXT")
    te.add_argument("-q", "--quiet", action="store_true", help="print only failures and the summary")

    ns = sub.add_parser(
        "new-scenario",
        help="write a small valid scenario and its test, to start from",
        description=(
            "Write NAME.yaml (a small valid scenario on the shared map) and tests/NAME/NAME.test.yaml "
            "(a passing test of it) into the working folder (or --dir), and a copy of the JSON Schemas "
            "into schema/ there for editors if it has none. Never overwrites a file."
        ),
    )
    ns.add_argument("name", metavar="NAME", help="the scenario's id: lower-case letters, digits and _")
    ns.add_argument("--dir", default=".", metavar="DIR",
                    help="where to write it (default: the working folder)")
    ns.add_argument("--map", default=None, metavar="MAP",
                    help="the map file to use (default: map.yaml in DIR, else the bundled map)")

    ls = sub.add_parser("scenarios", help="list the scenarios found, and where each comes from", description=(
        "List every scenario the game finds, in the order an id is looked up: ./scenarios and the "
        "working folder, the user's scenario folder, then the bundled scenarios. A scenario "
        "shadowed by one of the same id found earlier is marked."))
    ls.add_argument("--json", action="store_true", help="print the list as JSON")

    s = sub.add_parser(
        "simulate",
        help="play headless matches and report",
        description=(
            "Play N headless matches between computer seats and report wins (with 95%% confidence "
            "intervals), victory points, game length, how often each event fired and each choice "
            "was made, and how often each card was played for its event or its operations. Seats "
            "play random legal moves unless --seat names an AI level."
        ),
    )
    s.add_argument("scenario", metavar="SCENARIO", help=SCENARIO_HELP)
    s.add_argument("--seat", action="append", default=[], type=_sim_seat_spec, metavar="FACTION=random|ai[:LEVEL]",
                   help="who plays a faction: random legal play (default) or ai:easy|normal|hard (repeatable)")
    s.add_argument("--jobs", type=int, default=1, metavar="N", help="play in N processes (default 1)")
    s.add_argument("--games", type=int, default=100, metavar="N", help="how many games (default 100)")
    s.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the first game (default 0)")
    s.add_argument("--json", action="store_true", help="print the report as JSON")
    s.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    sc = sub.add_parser("schema", help="print the JSON Schema of the scenario format", description=(
        "Print the JSON Schema (draft 2020-12) of the scenario format, or of the map format, for "
        "editors; --write DIR writes the three files (scenario.schema.json, map.schema.json, test.schema.json) "
        "into DIR."))
    sc.add_argument("--map", action="store_true", help="the map format instead of the scenario format")
    sc.add_argument("--write", metavar="DIR", help="write the three schema files into DIR")

    pl = sub.add_parser("play", help="open the game window", description=(
        "Open the game window. With --seat the match starts at once; otherwise the title screen "
        "opens, with the new-game screen filled in from the arguments."))
    pl.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO",
                    help=f"{SCENARIO_HELP} (default {DEFAULT_SCENARIO})")
    pl.add_argument("--seat", action="append", default=[], type=_seat_spec, metavar="FACTION=human|ai[:LEVEL]",
                    help="who plays a faction (repeatable); unnamed seats are computer players")
    pl.add_argument("--seed", type=int, default=1, metavar="N", help="the game's seed (default 1)")
    pl.add_argument("--load", type=Path, default=None, metavar="FILE",
                    help="resume a saved game (a file from the saves or autosaves folder); a SCENARIO "
                         "named too is used instead of the path kept in the save (a moved or shared file)")
    pl.add_argument("--quit-after", type=float, default=None, metavar="SECONDS",
                    help="close the window after SECONDS (at least one frame is drawn): smoke tests, timing")
    pl.add_argument("--replay-changed", action="store_true",
                    help="with --load: if the scenario changed since the save, replay its moves on the new version")

    r = sub.add_parser("render", help="draw the map to a PNG, without a window", description=(
        "Draw the map as the game does (spectator's view, with a header) into a PNG file, "
        "without a window. --turn N plays random legal moves up to the start of turn N."))
    r.add_argument("scenario", metavar="SCENARIO", help=SCENARIO_HELP)
    r.add_argument("-o", "--output", required=True, metavar="FILE.png", help="the PNG to write")
    r.add_argument("--size", type=_size_spec, default=(1600, 900), metavar="WxH",
                   help="image size in pixels (default 1600x900)")
    r.add_argument("--seed", type=int, default=0, metavar="N", help="the game's seed (default 0)")
    r.add_argument("--turn", type=int, default=None, metavar="N",
                   help="play at random up to the start of turn N (1 = the opening)")
    r.add_argument("--colorblind", action="store_true", help="the colour-blind-safe palette")

    sub.add_parser("lsp", help="run the language server for scenario, map and test files (stdio)", description=(
        "Run a Language Server Protocol server on stdin/stdout for scenario, map and scenario-test "
        "files: the validator's errors and warnings as you type, completion of keys, kinds and ids, "
        "hover, go to definition and find references. Editors start it themselves; see "
        "docs/editor-setup.md."))
    return p


def _size_spec(text: str) -> tuple[int, int]:
    w, sep, h = text.lower().partition("x")
    if not sep or not w.strip().isdigit() or not h.strip().isdigit():
        raise argparse.ArgumentTypeError(f"'{text}': expected WIDTHxHEIGHT, e.g. 1600x900")
    size = int(w), int(h)
    if not (64 <= size[0] <= 8192 and 64 <= size[1] <= 8192):
        raise argparse.ArgumentTypeError(f"'{text}': width and height must be 64..8192")
    return size


def _sim_seat_spec(text: str) -> tuple[str, str]:
    from .ai import LEVELS

    faction, sep, who = text.partition("=")
    who = who.strip().lower()
    kind, _, level = who.partition(":")
    if not sep or not faction.strip() or kind not in ("random", "ai"):
        raise argparse.ArgumentTypeError(f"'{text}': expected FACTION=random or FACTION=ai[:LEVEL]")
    if kind == "random":
        return faction.strip().lower(), "random"
    level = level or "normal"
    if level not in LEVELS:
        raise argparse.ArgumentTypeError(f"'{text}': the AI levels are {', '.join(LEVELS)}")
    return faction.strip().lower(), level


def _seat_spec(text: str) -> tuple[str, str]:
    from .ai import LEVELS

    faction, sep, who = text.partition("=")
    kind, _, level = who.strip().lower().partition(":")
    if not sep or not faction.strip() or kind not in ("human", "ai"):
        raise argparse.ArgumentTypeError(f"'{text}': expected FACTION=human or FACTION=ai[:LEVEL]")
    if kind == "human":
        return faction.strip().lower(), "human"
    level = level or "normal"
    if level not in (*LEVELS, "random"):
        raise argparse.ArgumentTypeError(f"'{text}': the AI levels are {', '.join(LEVELS)} (or random)")
    return faction.strip().lower(), f"ai:{level}"


def _load_for_window(path: Path) -> Scenario:
    """The scenario through the window's cache (its title and new-game screens read the same
    file: loaded once); a file that cannot even be looked at goes to ``load_scenario``, which
    says why in place."""
    from .scenario.loader import load_scenario
    from .ui.scenes.newgame import load_cached

    try:
        scn: Scenario = load_cached(path)
        return scn
    except OSError:
        return load_scenario(path)


def cmd_play(args: argparse.Namespace) -> int:
    import os

    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from .scenario.diagnostics import ContentError
    from .scenario.loader import load_scenario

    try:
        from .ui.app import GameSetup
    except ImportError as exc:
        print(f"error: the game window needs pygame-ce: {exc}", file=sys.stderr)
        return EXIT_USAGE
    loaded = None
    if args.load is not None:
        from . import saves

        try:
            save = saves.read_save(args.load)
            given = None
            if args.scenario is not None:  # the scenario file named: it overrides the path in the save
                spath = _scenario_file(args.scenario)
                if spath is None:
                    return EXIT_USAGE
                try:
                    given = load_scenario(spath)
                except ContentError as exc:
                    for d in exc.diagnostics:
                        print(d.format(), file=sys.stderr)
                    return EXIT_USAGE
                except OSError as exc:
                    print(f"error: cannot read the scenario '{args.scenario}': {exc}", file=sys.stderr)
                    return EXIT_USAGE
            loaded = save, saves.restore(save, given, replay_changed=args.replay_changed)
        except saves.ScenarioChanged as exc:
            if exc.replayable:
                print(f"{exc.path}: note: {exc.message}: add --replay-changed to go on with the new version",
                      file=sys.stderr)
            else:
                print(exc, file=sys.stderr)
            return EXIT_FAIL
        except saves.SaveError as exc:
            print(exc, file=sys.stderr)
            return EXIT_FAIL
    found = _scenario_file(args.scenario) if loaded is None else Path(loaded[1].scenario.path)
    if found is None:
        return EXIT_USAGE
    path = found
    try:
        scn = _load_for_window(Path(path))
    except ContentError as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        return EXIT_USAGE
    seats: dict[str, str] = {}
    for faction, who in args.seat:
        if faction not in scn.factions:
            print(f"error: --seat: no faction '{faction}' in {scn.id} (factions: {', '.join(scn.factions)})",
                  file=sys.stderr)
            return EXIT_USAGE
        seats[faction] = who
    driver = os.environ.get("SDL_VIDEODRIVER", "")
    if (sys.platform.startswith("linux") and driver in ("", "x11", "wayland")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        print("error: no display available: 'play' opens a window (set DISPLAY, or run it under Xvfb)",
              file=sys.stderr)
        return EXIT_USAGE
    import pygame

    try:
        pygame.display.init()
        headless = pygame.display.get_driver() in ("offscreen", "dummy") and driver not in ("offscreen", "dummy")
        if not headless:
            pygame.display.set_mode((64, 64), pygame.HIDDEN)
    except pygame.error as exc:
        print(f"error: no display available: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if headless:  # SDL fell back to a driver without a window (an unreachable DISPLAY)
        pygame.display.quit()
        print("error: no display available: cannot open a window on DISPLAY="
              f"{os.environ.get('DISPLAY', '')!r} (is an X server running? try Xvfb)", file=sys.stderr)
        return EXIT_USAGE
    from .ui.app import main as run_window

    setup = GameSetup(path, seats, args.seed)
    try:
        return run_window(setup, direct=bool(seats), loaded=loaded, quit_after=args.quit_after)
    except pygame.error as exc:
        print(f"error: the game window failed: {exc}", file=sys.stderr)
        return EXIT_FAIL


def cmd_schema(args: argparse.Namespace) -> int:
    import os

    from .scenario.schema import dumps, map_schema, scenario_schema, schemas

    if args.write:
        os.makedirs(args.write, exist_ok=True)
        for name, schema in schemas().items():
            with open(os.path.join(args.write, name), "w", encoding="utf-8") as fh:
                fh.write(dumps(schema))
        print(f"wrote {len(schemas())} schema files to {args.write}")
        return EXIT_OK
    print(dumps(map_schema() if args.map else scenario_schema()), end="")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from .scenario.diagnostics import SourceLines
    from .validation import validate_paths

    paths = _paths_or_ids(args.paths)
    if paths is None:
        return EXIT_USAGE
    notes: list[str] = []
    count, diags = validate_paths(paths, notes)
    errors = [d for d in diags if d.severity == "error"]
    warnings = [d for d in diags if d.severity == "warning"]
    failed = count == 0 or bool(errors) or (args.strict and bool(warnings))
    source = SourceLines()
    if args.format == "json":
        report = {
            "files": count,
            "errors": len(errors),
            "warnings": len(warnings),
            "strict": bool(args.strict),
            "ok": not failed,
            "notes": notes,
            "diagnostics": [d.to_json(source) for d in diags],
        }
        print(json.dumps(report, indent=2))
        if count == 0:
            print("error: no .yaml files found in the given paths", file=sys.stderr)
        return EXIT_USAGE if failed else EXIT_OK
    for d in diags:
        print(d.format() if args.no_source else d.format_with_source(source), file=sys.stderr)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    if count == 0:
        print("error: no .yaml files found in the given paths", file=sys.stderr)
        return EXIT_USAGE
    if diags:
        files = len({d.location.file for d in diags})
        print(f"{len(errors)} error(s), {len(warnings)} warning(s) in {files} file(s); {count} file(s) checked"
              + (" (--strict: warnings fail)." if args.strict and warnings and not errors else "."), file=sys.stderr)
    if failed:
        return EXIT_USAGE
    if not args.quiet and not diags:
        print(f"{count} file(s) checked: all clean.")
    return EXIT_OK


def _default_test_paths() -> list[str]:
    """The bundled scenarios' tests, and those under ./scenarios if there is such a folder."""
    return [str(resources.bundled_scenarios_dir()), *(["scenarios"] if Path("scenarios").is_dir() else [])]


def cmd_test(args: argparse.Namespace) -> int:
    from .scenario.diagnostics import SourceLines
    from .scenario_tests import run_paths

    paths = _paths_or_ids(args.paths) if args.paths else _default_test_paths()
    if paths is None:
        return EXIT_USAGE
    report = run_paths(paths, args.name_filter)
    source = SourceLines()
    for d in report.problems:
        print(d.format_with_source(source), file=sys.stderr)
    for r in report.results:
        if r.passed:
            if not args.quiet:
                print(f"PASS  {r.name}  ({r.location})")
            continue
        print(f"FAIL  {r.name}  ({r.location})")
        for d in r.failures:
            print(d.format_with_source(source))
    if report.files == 0 and not report.problems:
        print("error: no test files (*.test.yaml) found in the given paths", file=sys.stderr)
        return EXIT_USAGE
    print(f"{report.passed} passed, {report.failed} failed; {report.files} test file(s)"
          + (f", {len(report.problems)} problem(s) in the files" if report.problems else "") + ".")
    if report.problems or not report.results:
        if not report.results and not report.problems:
            print("error: no test matched", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if report.failed == 0 else EXIT_FAIL


def cmd_new_scenario(args: argparse.Namespace) -> int:
    from .scenario.newscenario import NewScenarioError, write_new_scenario

    try:
        written = write_new_scenario(args.name, args.dir, args.map)
    except NewScenarioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"wrote {path}")
    scenario, test = written
    print("next:")
    print(f"  diplomacy-game validate {scenario} {test}")
    print(f"  diplomacy-game test {scenario}")
    print(f"  diplomacy-game play {scenario}")
    return EXIT_OK


def cmd_simulate(args: argparse.Namespace) -> int:
    from .scenario.diagnostics import ContentError
    from .scenario.loader import load_scenario
    from .simulate import format_report, simulate

    if args.games < 1:
        print("error: --games must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    spath = _scenario_file(args.scenario)
    if spath is None:
        return EXIT_USAGE
    try:
        scn = load_scenario(spath)
    except ContentError as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        return EXIT_USAGE
    show = not args.no_progress and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            width = 30
            filled = width * done // total
            print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", end="", file=sys.stderr, flush=True)
            if done == total:
                print(file=sys.stderr)

    seats = dict(args.seat)
    unknown = [f for f in seats if f not in scn.factions]
    if unknown:
        print(f"error: --seat: no faction '{unknown[0]}' in {scn.id} (factions: {', '.join(scn.factions)})",
              file=sys.stderr)
        return EXIT_USAGE
    if args.jobs < 1:
        print("error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    report = simulate(scn, args.games, args.seed, progress=progress, seats=seats, jobs=args.jobs)
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        print(format_report(scn, report))
    return EXIT_OK


def cmd_render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .scenario.diagnostics import ContentError

    if args.turn is not None and args.turn < 1:
        print("error: --turn must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    spath = _scenario_file(args.scenario)
    if spath is None:
        return EXIT_USAGE
    out = Path(args.output)
    if not out.parent.is_dir():
        print(f"error: -o {args.output}: no folder '{out.parent}'", file=sys.stderr)
        return EXIT_USAGE
    try:
        from .ui.render import render_png
    except ImportError as exc:
        print(f"error: rendering needs pygame-ce: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from .ui.mapdata import MapAssetError

    try:
        render_png(spath, out, args.size, args.seed, args.turn, colorblind=args.colorblind)
    except ContentError as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        return EXIT_USAGE
    except MapAssetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except (OSError, ValueError, RuntimeError) as exc:  # pygame.error is a RuntimeError
        print(f"error: cannot write {args.output}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"wrote {args.output} ({args.size[0]}x{args.size[1]})")
    return EXIT_OK


def cmd_scenarios(args: argparse.Namespace) -> int:
    from .scenario.diagnostics import ContentError
    from .scenario.loader import load_scenario

    rows: list[dict[str, str | bool]] = []
    for f in resources.find_scenario_files():
        title, problem = "", ""
        try:
            title = load_scenario(f.path).model.title
        except ContentError as exc:
            problem = f"{len(exc.diagnostics)} error(s): diplomacy-game validate {f.path}"
        except OSError as exc:  # pragma: no cover - a file that vanished meanwhile
            problem = str(exc)
        rows.append({"id": f.id, "origin": f.origin, "path": str(f.path), "title": title,
                     "shadowed": f.shadowed, "error": problem})
    if args.json:
        print(json.dumps({"roots": [{"origin": r.origin, "path": str(r.path)} for r in resources.scenario_roots()],
                          "scenarios": rows}, indent=2))
        return EXIT_OK
    if not rows:
        print(f"no scenarios found in {resources.describe_roots()}")
        return EXIT_FAIL
    width = max(len(str(r["id"])) for r in rows)
    for r in rows:
        what = r["title"] or f"(has errors: {r['error']})"
        mark = "  (shadowed by an earlier one)" if r["shadowed"] else ""
        print(f"{r['id']:<{width}}  {r['origin']:<8} {what}{mark}\n{'':<{width}}  {'':<8} {r['path']}")
    return EXIT_OK


def cmd_lsp(args: argparse.Namespace) -> int:
    from .lsp import serve

    return serve()


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    handlers = {"validate": cmd_validate, "simulate": cmd_simulate, "schema": cmd_schema, "play": cmd_play,
                "render": cmd_render, "test": cmd_test, "new-scenario": cmd_new_scenario,
                "scenarios": cmd_scenarios, "lsp": cmd_lsp}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
