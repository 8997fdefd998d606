"""Language server benchmarks: run on demand (``make bench``); prints figures, asserts nothing.

Through a real server (``python -m diplomacy_game lsp``) on a copy of the shipped scenarios:

- diagnostics latency: from sending a didChange of the main scenario (a one-word edit that
  makes an error, then one that removes it) to receiving its publishDiagnostics (target
  <= 150 ms; the server's quiet period after a change, ``DEBOUNCE_SECONDS``, is included);
- completion latency: a region id inside an effect of the main scenario (target <= 50 ms);
- and, in-process, the validator alone on the main scenario's buffer.

    python3 benchmarks/bench_lsp.py [RUNS]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from lsp_client import LspClient  # noqa: E402

from diplomacy_game.lsp import features  # noqa: E402
from diplomacy_game.lsp.index import Workspace  # noqa: E402
from diplomacy_game.lsp.server import DEBOUNCE_SECONDS  # noqa: E402

SCENARIOS = ROOT / "diplomacy_game" / "data" / "scenarios"


def _figures(name: str, seconds: list[float], target_ms: float) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    verdict = "ok" if statistics.median(ms) <= target_ms else "OVER TARGET"
    print(f"{name:<40} median {statistics.median(ms):6.1f} ms  p90 {p90:6.1f} ms  max {ms[-1]:6.1f} ms"
          f"  (target <= {target_ms:.0f} ms: {verdict})")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(SCENARIOS, work / "scenarios")
        main_file = work / "scenarios" / "from_tabriz_to_kazan.yaml"
        good = main_file.read_text(encoding="utf-8")
        needle = "{faction: russia, region: iran, add: 1}"
        bad = good.replace(needle, needle.replace("iran", "irak"), 1)
        line = next(n for n, row in enumerate(bad.split("\n")) if "region: irak" in row)
        col = bad.split("\n")[line].index("region: irak") + len("region: ir")

        ws = Workspace()
        validator = []
        for i in range(runs):
            t = time.perf_counter()
            features.diagnostics(ws, str(main_file), bad if i % 2 else good)
            validator.append(time.perf_counter() - t)

        client = LspClient(work)
        client.initialize(work)
        doc = client.open(main_file)
        client.diagnostics(doc)
        change, completion = [], []
        for i in range(runs):
            text = bad if i % 2 == 0 else good
            t = time.perf_counter()
            client.change(doc, i + 2, text)
            client.diagnostics(doc)
            change.append(time.perf_counter() - t)
        for _ in range(runs):
            t = time.perf_counter()
            client.at("textDocument/completion", doc, line, col)
            completion.append(time.perf_counter() - t)
        client.close()
    print(f"language server, main scenario ({len(good.splitlines())} lines), {runs} runs each:")
    _figures("validator alone (in-process)", validator, 150)
    _figures(f"didChange -> diagnostics (quiet {DEBOUNCE_SECONDS * 1000:.0f} ms)", change, 150)
    _figures("completion of a region id", completion, 50)


if __name__ == "__main__":
    main()
