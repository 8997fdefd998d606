"""Player settings, persisted as JSON under the user's config folder."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

import platformdirs

from .. import safefile

WINDOW_SIZES: tuple[tuple[int, int], ...] = (
    (1024, 640),
    (1280, 720),
    (1440, 900),
    (1600, 900),
    (1920, 1080),
)
ANIM_SPEEDS: tuple[str, ...] = ("slow", "normal", "fast", "instant")
# Seconds a computer seat waits before each of its actions.
ANIM_DELAY: dict[str, float] = {"slow": 1.2, "normal": 0.6, "fast": 0.2, "instant": 0.0}
SCALE_MIN, SCALE_MAX, SCALE_STEP = 100, 200, 10


def config_dir() -> Path:
    """The settings folder (``DIPLOMACY_GAME_CONFIG_DIR`` overrides it, for tests)."""
    override = os.environ.get("DIPLOMACY_GAME_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("diplomacy_game"))


@dataclass
class Settings:
    window_size: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    ui_scale: int = 100  # per cent, 100..200
    colorblind: bool = False
    anim_speed: str = "normal"
    tutorial_done: bool = False  # the guided first match was finished or skipped

    @property
    def scale(self) -> float:
        return self.ui_scale / 100.0

    @property
    def ai_delay(self) -> float:
        return ANIM_DELAY.get(self.anim_speed, 0.6)

    def clamp(self) -> Settings:
        w, h = self.window_size
        self.window_size = (max(640, min(7680, int(w))), max(480, min(4320, int(h))))
        self.ui_scale = max(SCALE_MIN, min(SCALE_MAX, int(self.ui_scale)))
        if self.anim_speed not in ANIM_SPEEDS:
            self.anim_speed = "normal"
        self.fullscreen = bool(self.fullscreen)
        self.colorblind = bool(self.colorblind)
        self.tutorial_done = bool(self.tutorial_done)
        return self

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["window_size"] = list(self.window_size)
        return d

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        return cls.checked(data)[0]

    @classmethod
    def checked(cls, data: Any) -> tuple[Settings, list[str]]:
        """The settings of ``data`` and the names of the values replaced by defaults (wrong types)."""
        s = cls()
        if not isinstance(data, dict):
            return s, ["the whole file"]
        bad: list[str] = []
        for f in fields(cls):
            if f.name not in data:
                continue
            v = data[f.name]
            default = getattr(s, f.name)
            if f.name == "window_size":
                ok = (isinstance(v, list) and len(v) == 2
                      and all(isinstance(x, int) and not isinstance(x, bool) and 0 < x < 100_000 for x in v))
                if ok:
                    s.window_size = (v[0], v[1])
            elif isinstance(default, bool):
                ok = isinstance(v, bool)
            elif isinstance(default, int):
                ok = isinstance(v, int) and not isinstance(v, bool) and abs(v) < 100_000
            else:
                ok = isinstance(v, str) and len(v) <= 64
            if not ok:
                bad.append(f.name)
            elif f.name != "window_size":
                setattr(s, f.name, v)
        return s.clamp(), bad


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when there are none or they are unreadable."""
    return load_settings_checked(path)[0]


def load_settings_checked(path: Path | None = None) -> tuple[Settings, str]:
    """The saved settings and a notice for the player ("" when all is well).

    A settings file of garbage, of wrong types or too large is never a crash: what cannot be
    used is replaced by the defaults, and the notice says so.
    """
    p = path or settings_path()
    if not os.path.lexists(p):
        return Settings(), ""
    try:
        data = json.loads(safefile.read_text(p, "settings"))
    except safefile.FileRefused as exc:
        return Settings(), f"The settings file could not be read ({exc.message}); the defaults are used."
    except (ValueError, RecursionError):
        return Settings(), "The settings file is damaged (not JSON); the defaults are used."
    s, bad = Settings.checked(data)
    if bad:
        what = "it is not a mapping of settings" if bad == ["the whole file"] else \
            "wrong values for " + ", ".join(bad)
        return s, f"The settings file has {what}; the defaults are used for those."
    return s, ""


def save_settings(settings: Settings, path: Path | None = None) -> bool:
    """Write the settings; False (and no exception) when the folder is not writable."""
    p = path or settings_path()
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(".tmp")
        tmp.write_text(json.dumps(settings.to_json(), indent=2), encoding="utf-8")
        tmp.replace(p)
        return True
    except OSError:
        return False
