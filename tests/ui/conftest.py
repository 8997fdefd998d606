"""Headless pygame for the UI tests: the dummy video driver is set before pygame loads."""

from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
# The user's folders are set under pytest's temporary folder by tests/conftest.py.
