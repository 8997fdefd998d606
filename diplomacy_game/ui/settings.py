"""Player settings, persisted as JSON under the user's config folder."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

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
    import platformdirs

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
        s = cls()
        if not isinstance(data, dict):
            return s
        names = {f.name for f in fields(cls)}
        for k, v in data.items():
            if k not in names:
                continue
            try:
                if k == "window_size":
                    v = (int(v[0]), int(v[1]))
                setattr(s, k, v)
            except (TypeError, ValueError, IndexError):
                continue
        try:
            return s.clamp()
        except (TypeError, ValueError):
            return cls()


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings, or the defaults when there are none or they are unreadable."""
    p = path or settings_path()
    try:
        return Settings.from_json(json.loads(p.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return Settings()


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
