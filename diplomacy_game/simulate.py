"""Headless matches: computer seats (random legal play or the AI levels), and a report."""

from __future__ import annotations

import math
import multiprocessing as mp
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from .ai.policy import Player, RandomPlayer, decide, make_player
from .engine import Game
from .scenario.loader import Scenario, load_scenario

__all__ = ["RandomPlayer", "play_game", "play_random_game", "summarize"]


def play_random_game(scn: Scenario, seed: int, max_steps: int = 100_000) -> Game:
    return play_game(scn, seed, {}, max_steps)


def play_game(scn: Scenario, seed: int, seats: Mapping[str, str], max_steps: int = 100_000) -> Game:
    """One headless game; ``seats`` maps a faction to 'random', 'easy', 'normal' or 'hard'
    (a faction not named plays randomly)."""
    game = Game.new(scn, seed)
    players: dict[str, Player] = {}
    for i, f in enumerate(scn.factions):
        level = seats.get(f, "random")
        players[f] = RandomPlayer(seed * 31 + i) if level == "random" else make_player(level, seed * 31 + i)
    steps = 0
    while not game.is_over():
        seat = game.to_act()[0]
        p = players[seat]
        # random play reads no view: the shortcut skips building one (the same pick as decide)
        action = p.pick(game.legal_actions(seat)) if isinstance(p, RandomPlayer) else decide(p, game, seat)
        game.apply(action, seat)
        steps += 1
        if steps > max_steps:  # pragma: no cover - a rules bug, not a normal end
            raise RuntimeError(f"game {seed} did not end after {max_steps} actions")
    return game


def summarize(game: Game) -> dict[str, Any]:
    """What one finished game contributes to the report."""
    out = game.outcome()
    assert out is not None
    events: Counter[str] = Counter()
    card_event: Counter[str] = Counter()
    card_ops: Counter[str] = Counter()
    card_headline: Counter[str] = Counter()
    choices: Counter[str] = Counter()
    crises: Counter[str] = Counter()
    for e in game.state.log:
        if e.kind == "crisis" and e.data.get("by"):
            crises[e.data["by"]] += 1
        elif e.kind == "event":
            events[e.data["event"]] += 1
        elif e.kind == "play_event":
            card_event[e.data["card"]] += 1
        elif e.kind == "play_ops":
            card_ops[e.data["card"]] += 1
        elif e.kind == "headline_event":
            card_headline[e.data["card"]] += 1
    for ev, picks in game.state.choices.items():
        for f, opt in picks.items():
            choices[f"{ev}:{f}:{opt}"] += 1
    return {
        "winners": list(out.winners),
        "vp": dict(out.vp),
        "turns": out.turn,
        "actions": len(game.state.moves),
        "reason": out.reason,
        "flags": sorted(i.flag for i in game.scenario.model.report if i.flag and game.state.has_flag(i.flag)),
        "tracks": {i.track: game.state.tracks.get(i.track, 0) for i in game.scenario.model.report if i.track},
        "events": dict(events),
        "card_event": dict(card_event),
        "card_ops": dict(card_ops),
        "card_headline": dict(card_headline),
        "choices": dict(choices),
        "crises": dict(crises),
    }


_WORKER: dict[str, Any] = {}


def _init_worker(path: str, seats: dict[str, str]) -> None:
    _WORKER["scn"] = load_scenario(path)
    _WORKER["seats"] = seats


def _work(seed: int) -> dict[str, Any]:
    return summarize(play_game(_WORKER["scn"], seed, _WORKER["seats"]))


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The 95 % Wilson score interval of a rate k/n."""
    if n == 0:
        return (0.0, 1.0)
    p = k / n
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, centre - half), min(1.0, centre + half))


def simulate(
    scn: Scenario,
    games: int,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    seats: Mapping[str, str] | None = None,
    jobs: int = 1,
) -> dict[str, Any]:
    seats = dict(seats or {})
    seeds = range(seed, seed + games)
    results: list[dict[str, Any]] = []
    if jobs > 1 and games > 1:

        with mp.get_context("spawn").Pool(jobs, _init_worker, (scn.path, seats)) as pool:
            for r in pool.imap(_work, seeds, chunksize=max(1, min(16, games // (jobs * 4) or 1))):
                results.append(r)
                if progress is not None:
                    progress(len(results), games)
    else:
        for s in seeds:
            results.append(summarize(play_game(scn, s, seats)))
            if progress is not None:
                progress(len(results), games)
    return aggregate(scn, results, seed, seats)


def aggregate(scn: Scenario, results: list[dict[str, Any]], seed: int, seats: Mapping[str, str]) -> dict[str, Any]:
    n = len(results)
    wins: Counter[str] = Counter()
    vp_sum: Counter[str] = Counter()
    events: Counter[str] = Counter()
    card_event: Counter[str] = Counter()
    card_ops: Counter[str] = Counter()
    card_headline: Counter[str] = Counter()
    choices: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    shared = 0
    flags: Counter[str] = Counter()
    tracks: Counter[str] = Counter()
    crises: Counter[str] = Counter()
    for r in results:
        crises.update(r.get("crises", {}))
        if len(r["winners"]) == 1:
            wins[r["winners"][0]] += 1
        else:
            shared += 1
        vp_sum.update(r["vp"])
        events.update(r["events"])
        card_event.update(r["card_event"])
        card_ops.update(r["card_ops"])
        card_headline.update(r["card_headline"])
        choices.update(r["choices"])
        reasons[r["reason"]] += 1
        flags.update(r["flags"])
        tracks.update(r["tracks"])
    return {
        "scenario": scn.id,
        "games": n,
        "seed": seed,
        "seats": {f: seats.get(f, "random") for f in scn.factions},
        "wins": {f: wins[f] for f in scn.factions},
        "win_rate": {f: wins[f] / n for f in scn.factions},
        "win_rate_ci95": {f: list(wilson(wins[f], n)) for f in scn.factions},
        "shared_wins": shared,
        "mean_vp": {f: vp_sum[f] / n for f in scn.factions},
        "mean_turns": sum(r["turns"] for r in results) / n,
        "mean_actions": sum(r["actions"] for r in results) / n,
        "end_reasons": dict(reasons),
        "crises_per_game": {f: crises[f] / n for f in scn.factions},  # crises set off, by culprit
        "report": [
            {"label": i.label, "flag": i.flag, "rate": flags[i.flag] / n} if i.flag is not None else
            {"label": i.label, "track": i.track, "mean": tracks[i.track or ""] / n}
            for i in scn.model.report
        ],
        "events_fired": {e.id: events[e.id] / n for e in scn.events},
        "choices": {k: v / n for k, v in sorted(choices.items())},
        "cards_event": {c: card_event[c] / n for c in scn.cards},
        "cards_ops": {c: card_ops[c] / n for c in scn.cards},
        "cards_headline": {c: card_headline[c] / n for c in scn.cards},  # events fired as headlines
    }


def format_report(scn: Scenario, r: dict[str, Any]) -> str:
    seats = ", ".join(f"{f}={lvl}" for f, lvl in r["seats"].items())
    lines = [f"{scn.model.title}: {r['games']} games from seed {r['seed']} ({seats})", ""]
    lines.append(f"{'faction':<12}{'wins':>7}{'win %':>8}{'95% CI':>16}{'mean VP':>9}")
    for f in scn.factions:
        lo, hi = r["win_rate_ci95"][f]
        ci = f"{100 * lo:.1f}–{100 * hi:.1f}%"
        lines.append(f"{f:<12}{r['wins'][f]:>7}{100 * r['win_rate'][f]:>7.1f}%{ci:>16}{r['mean_vp'][f]:>9.2f}")
    lines.append(f"{'shared':<12}{r['shared_wins']:>7}")
    lines.append("")
    lines.append(f"mean length: {r['mean_turns']:.2f} turns, {r['mean_actions']:.1f} actions")
    for item in r["report"]:  # the outcomes the scenario asks for (its report: list)
        if "rate" in item:
            lines.append(f"{item['label']}: {100 * item['rate']:.1f}% of games")
        else:
            lines.append(f"{item['label']}: {item['mean']:.2f} on average")
    for reason, k in sorted(r["end_reasons"].items(), key=lambda kv: -kv[1]):
        lines.append(f"ended: {reason}: {k}")
    lines.append("")
    lines.append("events fired (per game):")
    for e, rate in r["events_fired"].items():
        lines.append(f"  {e:<34}{rate:>6.2f}")
    lines.append("")
    lines.append("choices (per game):")
    for k, rate in r["choices"].items():
        lines.append(f"  {k:<50}{rate:>6.2f}")
    lines.append("")
    headline = scn.rules.headline is not None  # a headline column only where the scenario has one
    lines.append(f"cards played (per game){'event':>20}{'ops':>7}" + (f"{'headline':>10}" if headline else ""))
    for c in scn.cards:
        row = f"  {c:<34}{r['cards_event'][c]:>9.2f}{r['cards_ops'][c]:>7.2f}"
        lines.append(row + (f"{r['cards_headline'][c]:>10.2f}" if headline else ""))
    return "\n".join(lines)
