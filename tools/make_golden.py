"""Write the golden saves of ``tests/golden/``: finished games with fixed seeds.

Each game is stored as a real save file (``diplomacy_game.saves`` format) and its final state
hash in ``tests/golden/hashes.json``. ``tests/test_golden_saves.py`` loads every save, replays
its moves with the current code and checks the hash: a refactor that changes a game shows up.

Regenerate only on purpose (a rule change), and say which games changed and why::

    .venv/bin/python tools/make_golden.py            # every game
    .venv/bin/python tools/make_golden.py NAME...    # only these
"""

from __future__ import annotations

import datetime as _dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from helpers import ROOT as _ROOT  # noqa: E402
from helpers import play_random  # noqa: E402

# The golden games are played on the scenarios kept beside them (see tests/test_golden_saves.py).
MAIN = _ROOT / "tests" / "golden" / "scenarios" / "from_tabriz_to_kazan.yaml"
SHORT = _ROOT / "tests" / "golden" / "scenarios" / "ashgabat_to_kazan.yaml"

from diplomacy_game import saves  # noqa: E402
from diplomacy_game.ai import decide, make_player  # noqa: E402
from diplomacy_game.engine import Game  # noqa: E402
from diplomacy_game.scenario.loader import Scenario, load_scenario  # noqa: E402

GOLDEN = ROOT / "tests" / "golden"
WHEN = _dt.datetime(2024, 10, 24, 12, 0, 0)  # a fixed save time: the files do not change when rewritten


def _random(seed: int) -> Callable[[Scenario], tuple[Game, dict[str, str]]]:
    def run(scn: Scenario) -> tuple[Game, dict[str, str]]:
        return play_random(Game.new(scn, seed), 100_000, seed), {f: "human" for f in scn.factions}

    return run


def _ai(seed: int, seats: dict[str, str], spread: int = 31) -> Callable[[Scenario], tuple[Game, dict[str, str]]]:
    """Computer seats (the others random), player ``i`` seeded ``seed * spread + i``; the
    levels and the player seeds are kept in the save's ``ui`` so that the test plays it again."""

    def run(scn: Scenario) -> tuple[Game, dict[str, str]]:
        levels = {f: seats.get(f, "random") for f in scn.factions}
        player_seeds = {f: seed * spread + i for i, f in enumerate(scn.factions)}
        g = Game.new(scn, seed)
        players = {f: make_player(levels[f], player_seeds[f]) for f in scn.factions}
        while not g.is_over():
            s = g.to_act()[0]
            g.apply(decide(players[s], g, s), s)
        UI[id(g)] = {"golden": {"levels": levels, "player_seeds": player_seeds}}
        return g, {f: f"ai:{levels[f]}" for f in scn.factions}

    return run


UI: dict[int, dict[str, object]] = {}


# name -> (scenario file, how the game is played)
GAMES: dict[str, tuple[Path, Callable[[Scenario], tuple[Game, dict[str, str]]]]] = {
    "main_random_1": (MAIN, _random(1)),
    "main_random_2": (MAIN, _random(2)),
    "short_random_3": (SHORT, _random(3)),
    "short_random_4": (SHORT, _random(4)),
    "short_ai_5": (SHORT, _ai(5, {"russia": "easy", "iran": "normal"})),
    "main_ai_6": (MAIN, _ai(6, {"iran": "easy", "west": "normal"})),
    "main_ai_normal_2": (MAIN, _ai(2, {"russia": "normal", "iran": "normal", "west": "normal"}, spread=10)),
}


def write(name: str) -> str:
    path, run = GAMES[name]
    scn = load_scenario(path)
    game, seats = run(scn)
    assert game.is_over(), name
    body = saves.make_body(game, seats, kind="manual", ui=UI.get(id(game)), now=WHEN)
    body["scenario"]["path"] = path.name  # no machine's absolute path in a shipped file
    body["checksum"] = saves._checksum(body)
    saves.write_atomic(GOLDEN / f"{name}.json", saves.encode(body))
    return game.hash()


def main(argv: list[str]) -> int:
    names = argv or sorted(GAMES)
    unknown = [n for n in names if n not in GAMES]
    if unknown:
        print(f"unknown golden game(s): {', '.join(unknown)} (known: {', '.join(sorted(GAMES))})")
        return 2
    index = GOLDEN / "hashes.json"
    hashes: dict[str, str] = json.loads(index.read_text()) if index.is_file() else {}
    for n in names:
        h = write(n)
        print(f"{n}: {'unchanged' if hashes.get(n) == h else 'written'} {h}")
        hashes[n] = h
    index.write_text(json.dumps(dict(sorted(hashes.items())), indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
