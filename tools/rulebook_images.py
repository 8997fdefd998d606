"""Make the pictures of the rulebook (diplomacy_game/data/rules/images/*.png) and the README's
screenshot (docs/images/game.png), headless.

    python3 tools/rulebook_images.py            # all pictures
    python3 tools/rulebook_images.py --list     # the commands, without running them
    python3 tools/rulebook_images.py --readme   # only the README's screenshot

The map pictures come from the ``render`` command, run exactly as listed in ``RENDERS``;
the pictures of the game screen come from the game window drawn without a display.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))
OUT = ROOT / "diplomacy_game" / "data" / "rules" / "images"
SHORT = "ashgabat_to_kazan"
MAIN = "from_tabriz_to_kazan"

# (file, arguments of `diplomacy-game render`)
RENDERS: list[tuple[str, list[str]]] = [
    ("opening_short.png", [SHORT, "--size", "1200x700", "--seed", "1"]),
    ("midgame.png", [MAIN, "--size", "1200x700", "--seed", "3", "--turn", "5"]),
]
SCREEN_SIZE = (1280, 720)


def render_commands() -> list[list[str]]:
    out = "diplomacy_game/data/rules/images"
    return [[sys.executable, "-m", "diplomacy_game", "render", args[0], "-o", f"{out}/{name}", *args[1:]]
            for name, args in RENDERS]


def game_screen() -> tuple[object, object]:
    """The short game, Iran at the screen, at Iran's first card play (dialogs answered)."""
    import pygame

    from diplomacy_game.engine import PendingPlay
    from diplomacy_game.engine.actions import Choose, PlayCard
    from diplomacy_game.ui.app import App
    from diplomacy_game.ui.scenes.game import GameScene
    from diplomacy_game.ui.scenes.newgame import load_cached
    from diplomacy_game.ui.scenes.title import TitleScene
    from diplomacy_game.ui.settings import Settings

    app = App(Settings(window_size=SCREEN_SIZE, anim_speed="instant"), persist=False)
    app.push(TitleScene(app))
    scn = load_cached(ROOT / "diplomacy_game" / "data" / "scenarios" / f"{SHORT}.yaml")
    gs = GameScene(app, scn, {"russia": "ai:easy", "iran": "human", "west": "ai:easy"}, 1)
    app.push(gs)
    game = gs.game
    while True:  # the engine's own moves up to Iran's first card: fixed, so the picture is stable
        seat = game.to_act()[0]
        if seat == "iran" and isinstance(game.state.pending, PendingPlay):
            break
        legal = game.legal_actions(seat)
        pick = next((a for a in legal if isinstance(a, Choose) and a.option in ("accept", "commit")), None)
        if pick is None:
            pick = next((a for a in legal if isinstance(a, PlayCard) and a.mode == "ops"), legal[0])
        game.apply(pick, seat)
    gs.refresh()
    gs.seen_events["iran"] = len(game.view("iran").log)
    app.process([], 0.05)
    while app.top is not gs:
        app.pop()
    gs.layout()
    hand = list(gs.view.hand)
    gs.sel_card = hand[1]
    point = gs.L.cards[hand[2]].center
    app.process([pygame.event.Event(pygame.MOUSEMOTION, pos=point, rel=(0, 0), buttons=(0, 0, 0))], 0.05)
    return app, gs


def readme_screenshot() -> Path:
    """The README's picture: the main game at 1600×900, Russia to play its first card in May 2024
    (the opening decision answered with its first option, the computer seats' moves fixed), the
    second card selected and the pointer on the third."""
    import pygame

    from diplomacy_game.engine import PendingPlay
    from diplomacy_game.engine.actions import Choose, PlayCard
    from diplomacy_game.ui.app import App
    from diplomacy_game.ui.scenes.game import GameScene
    from diplomacy_game.ui.scenes.newgame import load_cached
    from diplomacy_game.ui.scenes.title import TitleScene
    from diplomacy_game.ui.settings import Settings

    app = App(Settings(window_size=(1600, 900), anim_speed="instant"), persist=False)
    app.push(TitleScene(app))
    scn = load_cached(ROOT / "diplomacy_game" / "data" / "scenarios" / f"{MAIN}.yaml")
    gs = GameScene(app, scn, {"russia": "human", "iran": "ai:normal", "west": "ai:normal"}, 1)
    app.push(gs)
    game = gs.game
    while not (game.to_act()[0] == "russia" and isinstance(game.state.pending, PendingPlay)):
        seat = game.to_act()[0]
        legal = game.legal_actions(seat)
        pick = next((a for a in legal if isinstance(a, Choose)), None)
        if pick is None:
            pick = next((a for a in legal if isinstance(a, PlayCard) and a.mode == "ops"), legal[0])
        game.apply(pick, seat)
    gs.refresh()
    gs.seen_events["russia"] = len(game.view("russia").log)
    app.process([], 0.05)
    while app.top is not gs:
        app.pop()
    gs.layout()
    hand = list(gs.view.hand)
    gs.sel_card = hand[1]
    point = gs.L.cards[hand[2]].center
    app.process([pygame.event.Event(pygame.MOUSEMOTION, pos=point, rel=(0, 0), buttons=(0, 0, 0))], 0.05)
    path = ROOT / "docs" / "images" / "game.png"
    pygame.image.save(app.screen, str(path))
    return path


def screenshots() -> list[Path]:
    import pygame

    app, gs = game_screen()
    out = []
    screen = app.screen  # type: ignore[attr-defined]
    path = OUT / "game_screen.png"
    pygame.image.save(screen, str(path))
    out.append(path)
    hand = gs.L.hand.copy()  # type: ignore[attr-defined]
    hand.y -= hand.h  # the card detail floats above the hand
    hand.h *= 2
    path = OUT / "hand.png"
    pygame.image.save(screen.subsurface(hand.clip(screen.get_rect())), str(path))
    out.append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="print the render commands and stop")
    ap.add_argument("--readme", action="store_true", help="only the README's screenshot")
    args = ap.parse_args(argv)
    if args.readme:
        print(f"screenshot {readme_screenshot().relative_to(ROOT)}")
        return 0
    if args.list:
        for cmd in render_commands():
            print(" ".join(["diplomacy-game", *cmd[3:]]))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for cmd in render_commands():
        print(" ".join(cmd[2:]))
        subprocess.run(cmd, cwd=ROOT, check=True)
    for p in [*screenshots(), readme_screenshot()]:
        print(f"screenshot {p.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
