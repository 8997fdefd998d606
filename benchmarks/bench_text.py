"""Text benchmark (issue 14): eliding and wrapping hostile texts, cold (uncached) and warm.

    python benchmarks/bench_text.py [--json]

A frame lasts 16 ms at 60 frames a second: no one text may take a good part of it. Eliding
was quadratic (a 20,000-character title took seconds a frame); it is a binary search now.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def ms(fn: object, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        best = min(best, time.perf_counter() - t)
    return round(best * 1000, 3)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    import pygame

    pygame.font.init()
    from diplomacy_game.ui.scenes import kit

    font = kit.FONTS.get("normal")
    out: dict[str, float] = {}
    for name, s in (("20k chars", "x" * 20_000), ("3M chars", "y" * 3_000_000), ("20k words", "word " * 4000)):
        out[f"elide {name}, cold (ms)"] = ms(lambda s=s: kit._elide(s, font, 300))
        out[f"elide {name}, warm (ms)"] = ms(lambda s=s: kit.elide(s, font, 300))
        out[f"wrap {name}, cold (ms)"] = ms(lambda s=s: kit._wrap(s[: kit.MAX_BLOCK], font, 300), repeat=2)
        out[f"wrap {name}, warm (ms)"] = ms(lambda s=s: kit.wrap(s, font, 300))
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:<32} {v:>10.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
