"""Language server benchmarks: run on demand (``make bench``); prints figures, asserts nothing.

Through real servers (``python -m diplomacy_game lsp``), this tree's beside the baseline's (the
commit before issue 13's speed work, ``BASELINE``; ``--baseline REV`` picks another, ``--baseline
none`` skips it), each on its own copy of the shipped scenarios, fed the same edits in turn
(``_beside``'s rule: interleaved runs, medians and p90s, never one timing):

- diagnostics latency: from sending a didChange of the main scenario to receiving its
  publishDiagnostics (target: p90 <= 150 ms). Every edit is a new text (a one-word edit that
  makes an error, then one that removes it, each with a comment of its own), so no cache of
  results by text can answer it; the server's debounce is included;
- completion latency: a region id inside an effect of the main scenario, sent right after a
  change (the new text not yet indexed), and on a text already seen (target <= 50 ms);
- and, in-process, this tree's validator alone on the main scenario's buffer.

    python3 benchmarks/bench_lsp.py [RUNS] [--baseline REV|none]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _beside import extract  # noqa: E402
from lsp_client import LspClient  # noqa: E402

from diplomacy_game.lsp import features  # noqa: E402
from diplomacy_game.lsp.index import Workspace  # noqa: E402
from diplomacy_game.lsp.server import DEBOUNCE_SECONDS  # noqa: E402

SCENARIOS = ROOT / "diplomacy_game" / "data" / "scenarios"
#: the language server before issue 13's speed work (its p90 after a change: 236 ms when filed)
BASELINE = "add5df7"


def _figures(name: str, seconds: list[float], target_ms: float, *, by: str = "median") -> str:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    judged = p90 if by == "p90" else statistics.median(ms)
    verdict = "ok" if judged <= target_ms else "OVER TARGET"
    return (f"{name:<44} median {statistics.median(ms):6.1f} ms  p90 {p90:6.1f} ms  max {ms[-1]:6.1f} ms"
            f"  (target {by} <= {target_ms:.0f} ms: {verdict})")


class Side:
    """One server (this tree's or the baseline's) on its own copy of the scenarios."""

    def __init__(self, name: str, work: Path, tree: Path) -> None:
        self.name = name
        shutil.copytree(SCENARIOS, work / "scenarios")
        self.main = work / "scenarios" / "from_tabriz_to_kazan.yaml"
        env = dict(os.environ, PYTHONPATH=str(tree))
        self.client = LspClient(work, env=env)
        self.client.initialize(work)
        self.doc = self.client.open(self.main)
        self.client.diagnostics(self.doc)
        self.version = 1
        self.change: list[float] = []
        self.completion_after_change: list[float] = []
        self.completion: list[float] = []

    def edit(self, text: str) -> None:
        self.version += 1
        t = time.perf_counter()
        self.client.change(self.doc, self.version, text)
        self.client.diagnostics(self.doc)
        self.change.append(time.perf_counter() - t)

    def complete_after_change(self, text: str, line: int, col: int) -> None:
        self.version += 1
        self.client.change(self.doc, self.version, text)
        t = time.perf_counter()
        self.client.at("textDocument/completion", self.doc, line, col)
        self.completion_after_change.append(time.perf_counter() - t)
        self.client.diagnostics(self.doc)

    def complete(self, line: int, col: int) -> None:
        t = time.perf_counter()
        self.client.at("textDocument/completion", self.doc, line, col)
        self.completion.append(time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("runs", nargs="?", type=int, default=40)
    ap.add_argument("--baseline", default=BASELINE)
    args = ap.parse_args()
    runs = args.runs
    good = (SCENARIOS / "from_tabriz_to_kazan.yaml").read_text(encoding="utf-8")
    needle = "{faction: russia, region: iran, add: 1}"
    bad = good.replace(needle, needle.replace("iran", "irak"), 1)
    line = next(n for n, row in enumerate(bad.split("\n")) if "region: irak" in row)
    col = bad.split("\n")[line].index("region: irak") + len("region: ir")

    def text(i: int) -> str:  # a new text every time
        return (bad if i % 2 == 0 else good) + f"\n# edit {i}\n"

    ws = Workspace()
    main_file = str(SCENARIOS / "from_tabriz_to_kazan.yaml")
    validator = []
    for i in range(runs):
        t = time.perf_counter()
        features.diagnostics(ws, main_file, text(i))
        validator.append(time.perf_counter() - t)

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        sides = []
        if args.baseline != "none":
            tree = extract(args.baseline, base)
            if tree is not None:
                (base / "old").mkdir()
                sides.append(Side(f"baseline {args.baseline}", base / "old", tree))
        (base / "new").mkdir()
        sides.append(Side("this tree", base / "new", ROOT))
        for i in range(runs):
            order = sides if i % 2 == 0 else sides[::-1]
            for s in order:
                s.edit(text(i))
        for i in range(runs):
            order = sides if i % 2 == 0 else sides[::-1]
            for s in order:
                s.complete_after_change(text(runs + i), line, col)
        for i in range(runs):
            order = sides if i % 2 == 0 else sides[::-1]
            for s in order:
                s.complete(line, col)
        for s in sides:
            s.client.close()

    print(f"language server, main scenario ({len(good.splitlines())} lines), {runs} runs each, "
          f"interleaved (debounce {DEBOUNCE_SECONDS * 1000:.0f} ms in this tree):")
    print(_figures("validator alone (in-process, this tree)", validator, 150))
    for s in sides:
        print(f"-- {s.name}")
        print(_figures("  didChange -> diagnostics", s.change, 150, by="p90"))
        print(_figures("  completion right after a change", s.completion_after_change, 50))
        print(_figures("  completion of a region id", s.completion, 50))


if __name__ == "__main__":
    main()
