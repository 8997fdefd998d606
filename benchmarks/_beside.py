"""Run a benchmark beside its baseline: each side in its own worker process, fed one job at a
time in turn, so that both see the same machine load (issue 15: figures come from interleaved
runs and medians, never from a single timing).

The baseline is this project at an earlier commit, extracted with ``git archive`` into a
temporary folder; a worker is this repository's benchmark script run with ``--worker`` and
``--root`` naming the tree to import.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: the engine and AI before issue 15's work (the default baseline of bench_peer and bench_ai)
BASELINE = "d9a09ce72107a2060d0c3566f1d92fb588f1311d"


class Worker:
    """A worker process: one JSON job per line in, one JSON answer per line out."""

    def __init__(self, name: str, argv: list[str]) -> None:
        self.name = name
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=HERE)

    def run(self, job: Any) -> Any:
        stdin, stdout = self.proc.stdin, self.proc.stdout
        assert stdin is not None and stdout is not None
        stdin.write(json.dumps(job) + "\n")
        stdin.flush()
        line = stdout.readline()
        if not line:
            raise SystemExit(f"benchmark: the {self.name} worker stopped (see its error above)")
        return json.loads(line)

    def close(self) -> None:
        stdin: IO[str] | None = self.proc.stdin
        if stdin is not None:
            stdin.close()
        self.proc.wait(timeout=60)


def serve(handle: Any) -> None:
    """The worker's loop: answer each job read from stdin with ``handle(job)``."""
    for line in sys.stdin:
        print(json.dumps(handle(json.loads(line))), flush=True)


def extract(rev: str, into: Path) -> Path | None:
    """The tree of ``rev`` under ``into`` (git archive), or None (the reason printed)."""
    arch = into / "tree.tar"
    with arch.open("wb") as out:
        done = subprocess.run(["git", "-C", str(ROOT), "archive", rev], stdout=out, stderr=subprocess.PIPE)
    if done.returncode != 0:
        print(f"baseline {rev}: {done.stderr.decode().strip()}")
        return None
    tree = into / "tree"
    with tarfile.open(arch) as tar:
        tar.extractall(tree, filter="data")
    return tree


def interleave(workers: list[Worker], jobs: list[Any]) -> dict[str, list[Any]]:
    """Each job run by every worker, the workers in turn and each first in its turn."""
    out: dict[str, list[Any]] = {w.name: [] for w in workers}
    for i, job in enumerate(jobs):
        k = i % len(workers)
        for w in workers[k:] + workers[:k]:
            out[w.name].append(w.run(job))
    return out


def median_ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1000
