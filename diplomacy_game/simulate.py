"""Headless matches: random legal play, and a report of what happened."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from .engine import Game
from .engine.rng import below
from .scenario.loader import Scenario


class RandomPlayer:
    """Picks uniformly among the legal actions, with its own seeded generator."""

    def __init__(self, seed: int) -> None:
        from .engine.rng import seed_state

        self.rng = seed_state(seed ^ 0x5EED)

    def choose(self, game: Game, seat: str) -> Any:
        legal = game.legal_actions(seat)
        return legal[below(self, len(legal))]


def play_random_game(scn: Scenario, seed: int, max_steps: int = 100_000) -> Game:
    game = Game.new(scn, seed)
    player = RandomPlayer(seed)
    steps = 0
    while not game.is_over():
        seat = game.to_act()[0]
        game.apply(player.choose(game, seat), seat)
        steps += 1
        if steps > max_steps:  # pragma: no cover - a rules bug, not a normal end
            raise RuntimeError(f"game {seed} did not end after {max_steps} actions")
    return game


def simulate(
    scn: Scenario, games: int, seed: int = 0, progress: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    wins: Counter[str] = Counter()
    shared = 0
    vp_sum: Counter[str] = Counter()
    lengths: list[int] = []
    actions: list[int] = []
    events: Counter[str] = Counter()
    card_event: Counter[str] = Counter()
    card_ops: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    treaty = 0
    for i in range(games):
        g = play_random_game(scn, seed + i)
        out = g.outcome()
        assert out is not None
        if len(out.winners) == 1:
            wins[out.winners[0]] += 1
        else:
            shared += 1
        for f, v in out.vp.items():
            vp_sum[f] += v
        lengths.append(out.turn)
        actions.append(len(g.state.moves))
        reasons[out.reason] += 1
        treaty += 1 if g.state.has_flag("treaty_signed") else 0
        for e in g.state.log:
            if e.kind == "event":
                events[e.data["event"]] += 1
            elif e.kind == "play_event":
                card_event[e.data["card"]] += 1
            elif e.kind == "play_ops":
                card_ops[e.data["card"]] += 1
        if progress is not None:
            progress(i + 1, games)
    n = games
    return {
        "scenario": scn.id,
        "games": n,
        "seed": seed,
        "wins": {f: wins[f] for f in scn.factions},
        "win_rate": {f: wins[f] / n for f in scn.factions},
        "shared_wins": shared,
        "mean_vp": {f: vp_sum[f] / n for f in scn.factions},
        "mean_turns": sum(lengths) / n,
        "mean_actions": sum(actions) / n,
        "end_reasons": dict(reasons),
        "treaty_signed_rate": treaty / n,
        "events_fired": {e.id: events[e.id] / n for e in scn.events},
        "cards_event": {c: card_event[c] / n for c in scn.cards},
        "cards_ops": {c: card_ops[c] / n for c in scn.cards},
    }


def format_report(scn: Scenario, r: dict[str, Any]) -> str:
    lines = [f"{scn.model.title}: {r['games']} games from seed {r['seed']} (random legal play)", ""]
    lines.append(f"{'faction':<12}{'wins':>7}{'win %':>8}{'mean VP':>9}")
    for f in scn.factions:
        lines.append(f"{f:<12}{r['wins'][f]:>7}{100 * r['win_rate'][f]:>7.1f}%{r['mean_vp'][f]:>9.2f}")
    lines.append(f"{'shared':<12}{r['shared_wins']:>7}")
    lines.append("")
    lines.append(f"mean length: {r['mean_turns']:.2f} turns, {r['mean_actions']:.1f} actions")
    lines.append(f"treaty signed in {100 * r['treaty_signed_rate']:.1f}% of games")
    for reason, k in sorted(r["end_reasons"].items(), key=lambda kv: -kv[1]):
        lines.append(f"ended: {reason}: {k}")
    lines.append("")
    lines.append("events fired (per game):")
    for e, rate in r["events_fired"].items():
        lines.append(f"  {e:<34}{rate:>6.2f}")
    lines.append("")
    lines.append(f"cards played (per game){'event':>20}{'ops':>7}")
    for c in scn.cards:
        lines.append(f"  {c:<34}{r['cards_event'][c]:>9.2f}{r['cards_ops'][c]:>7.2f}")
    return "\n".join(lines)
