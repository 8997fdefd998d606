"""Headless pygame for the UI tests: the dummy video driver is set before pygame loads."""

from __future__ import annotations

import os
import tempfile

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
os.environ["DIPLOMACY_GAME_CONFIG_DIR"] = tempfile.mkdtemp(prefix="dg-ui-config-")
os.environ["DIPLOMACY_GAME_DATA_DIR"] = tempfile.mkdtemp(prefix="dg-ui-data-")
