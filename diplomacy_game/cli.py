"""The command line: parse arguments, call the library, print. No rules here."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import __version__

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_USAGE = 2

DEFAULT_SCENARIO = "scenarios/from_tabriz_to_kazan.yaml"


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
            "Check scenario and map files (or every .yaml in folders). Errors go to stderr as "
            "FILE:LINE:COL: error: MESSAGE, one a line. Exit 0 when all are clean, 2 when any is not."
        ),
    )
    v.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    v.add_argument("-q", "--quiet", action="store_true", help="print nothing when clean")

    s = sub.add_parser(
        "simulate",
        help="play headless matches and report",
        description=(
            "Play N headless matches with random legal play and report wins, victory points, game "
            "length and how often each event fired and each card was played."
        ),
    )
    s.add_argument("scenario", metavar="SCENARIO")
    s.add_argument("--games", type=int, default=100, metavar="N", help="how many games (default 100)")
    s.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the first game (default 0)")
    s.add_argument("--json", action="store_true", help="print the report as JSON")
    s.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return p


def cmd_validate(args: argparse.Namespace) -> int:
    from .scenario.loader import validate_paths

    count, diags = validate_paths(args.paths)
    for d in diags:
        print(d.format(), file=sys.stderr)
    errors = [d for d in diags if d.severity == "error"]
    if count == 0:
        print("error: no .yaml files found in the given paths", file=sys.stderr)
        return EXIT_USAGE
    if errors:
        files = len({d.location.file for d in errors})
        print(f"{len(errors)} error(s) in {files} file(s); {count} file(s) checked.", file=sys.stderr)
        return EXIT_USAGE
    if not args.quiet:
        print(f"{count} file(s) checked: all clean.")
    return EXIT_OK


def cmd_simulate(args: argparse.Namespace) -> int:
    from .scenario.diagnostics import ContentError
    from .scenario.loader import load_scenario
    from .simulate import format_report, simulate

    if args.games < 1:
        print("error: --games must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        scn = load_scenario(args.scenario)
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

    report = simulate(scn, args.games, args.seed, progress=progress)
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
    else:
        print(format_report(scn, report))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    handlers = {"validate": cmd_validate, "simulate": cmd_simulate}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
