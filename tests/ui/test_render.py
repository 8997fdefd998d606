"""``render_png`` and ``diplomacy-game render``: a PNG of the map without a window."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import re
import subprocess
import sys
from pathlib import Path

import pygame
import pytest
from helpers import MAIN, SHORT

from diplomacy_game.cli import main
from diplomacy_game.ui.render import render_png


def _size(path: Path) -> tuple[int, int]:
    return pygame.image.load(str(path)).get_size()


def test_render_png_has_the_requested_size(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    render_png(MAIN, out, size=(800, 500))
    assert _size(out) == (800, 500)


def test_render_later_turn_colorblind(tmp_path: Path) -> None:
    out = tmp_path / "late.png"
    render_png(SHORT, out, size=(640, 360), seed=4, turn=3, colorblind=True)
    assert _size(out) == (640, 360)


def test_cli_render(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.png"
    code = main(["render", str(MAIN), "-o", str(out), "--size", "720x400", "--turn", "2", "--seed", "5"])
    assert code == 0
    assert _size(out) == (720, 400)
    assert str(out) in capsys.readouterr().out


@pytest.mark.parametrize("size", ["12", "0x400", "axb", "100000x100000"])
def test_cli_render_bad_size_exits_2(
    tmp_path: Path, size: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["render", str(MAIN), "-o", str(tmp_path / "x.png"), "--size", size])
    assert exc.value.code == 2
    assert "--size" in capsys.readouterr().err


def test_cli_render_bad_paths_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "x.png")]) == 2
    assert "error" in capsys.readouterr().err
    assert main(["render", str(MAIN), "-o", str(tmp_path / "no" / "dir" / "x.png")]) == 2
    assert "error" in capsys.readouterr().err
    assert main(["render", str(MAIN), "-o", str(tmp_path / "x.png"), "--turn", "0"]) == 2


def test_cli_render_content_error_is_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: scenario\nid: x\ntitle: [unclosed\n")
    assert main(["render", str(bad), "-o", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err and all(re.match(r"^.+bad\.yaml:\d+:\d+: error: ", ln) for ln in err if "error" in ln)


def test_cli_render_without_display_in_a_subprocess(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY")}
    out = tmp_path / "sub.png"
    proc = subprocess.run(
        [sys.executable, "-m", "diplomacy_game", "render", str(MAIN), "-o", str(out), "--size", "400x300"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert _size(out) == (400, 300)
