"""Every file the game ships, and every folder it looks in for scenarios: one module owns them.

The shipped data lives inside the package (``diplomacy_game/data/``), so a wheel or a
``pipx install`` carries it; it is found with :mod:`importlib.resources`, never relative to a
checkout or to the working folder. No pygame here: the engine-side tools use it too.

Scenario roots, in the order a scenario id is looked up:

1. ``working``: ``./scenarios/`` of the working folder, then the working folder itself;
2. ``user``: the user's scenario folder, ``<platformdirs user data>/diplomacy_game/scenarios``
   (``DIPLOMACY_GAME_DATA_DIR`` overrides the data folder, as the tests do);
3. ``bundled``: the scenarios shipped with the game.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import platformdirs

APP_NAME = "diplomacy_game"

#: The scenario the game opens when none is named (an id: bundled, or in a scenario root).
DEFAULT_SCENARIO = "from_tabriz_to_kazan"
#: The short scenario the tutorial plays.
TUTORIAL_SCENARIO = "ashgabat_to_kazan"


@cache
def data_dir() -> Path:
    """The package's data folder (a real folder: the package is installed unzipped)."""
    root = resources.files("diplomacy_game") / "data"
    return Path(str(root))


def bundled_scenarios_dir() -> Path:
    """The shipped scenarios, their map and their scenario tests."""
    return data_dir() / "scenarios"


def map_assets_dir() -> Path:
    """The drawn shapes of the shipped maps (``<map id>.json``, built by ``tools/build_map.py``)."""
    return data_dir() / "map"


def theme_path() -> Path:
    """The UI theme (colours and font sizes)."""
    return data_dir() / "ui" / "theme.json"


def rules_path() -> Path:
    """The rulebook (Markdown); its pictures are in ``images/`` beside it."""
    return data_dir() / "rules" / "rules.md"


def schema_dir() -> Path:
    """The JSON Schemas of the scenario, map and scenario-test formats (for editors)."""
    return data_dir() / "schema"


def font_path(bold: bool = False) -> Path:
    """The one UI font, DejaVu Sans (Latin, Cyrillic, Arabic and Persian, symbols such as ⚠)."""
    return data_dir() / "fonts" / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")


def user_data_dir() -> Path:
    """The user's data folder (saves, autosaves, the user's scenarios)."""
    env = os.environ.get("DIPLOMACY_GAME_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME))


def user_scenarios_dir() -> Path:
    """Where a player drops scenarios of their own (read, never written by the game)."""
    return user_data_dir() / "scenarios"


@dataclass(frozen=True)
class ScenarioRoot:
    """A folder scenarios are found in, and what kind of place it is."""

    origin: str  # "working" | "user" | "bundled"
    path: Path


def scenario_roots(cwd: Path | None = None) -> list[ScenarioRoot]:
    """The folders scenarios are found in, first match first (see the module's docstring)."""
    here = Path.cwd() if cwd is None else cwd
    roots = [
        ScenarioRoot("working", here / "scenarios"),
        ScenarioRoot("working", here),
        ScenarioRoot("user", user_scenarios_dir()),
        ScenarioRoot("bundled", bundled_scenarios_dir()),
    ]
    out: list[ScenarioRoot] = []
    seen: set[Path] = set()
    for r in roots:
        try:
            key = r.path.resolve()
        except OSError:  # pragma: no cover - an unreadable working folder
            continue
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def looks_like_a_path(arg: str) -> bool:
    """Whether a scenario argument names a file rather than an id (it has a folder or a suffix)."""
    return "/" in arg or os.sep in arg or arg.endswith((".yaml", ".yml")) or arg.startswith(".")


def resolve_scenario(arg: str | os.PathLike[str] | None, cwd: Path | None = None) -> Path | None:
    """A scenario argument (an id such as ``from_tabriz_to_kazan``, or a path) as a file, or None.

    A path is taken as it is (relative to the working folder). An id is looked up as
    ``ID.yaml`` in each scenario root in turn (working folder, user folder, bundled).
    """
    text = DEFAULT_SCENARIO if arg is None else os.fspath(arg)
    here = Path.cwd() if cwd is None else cwd
    if looks_like_a_path(text):
        p = Path(text)
        if not p.is_absolute():
            p = here / p
        return p if p.is_file() else None
    for root in scenario_roots(here):
        cand = root.path / f"{text}.yaml"
        if cand.is_file():
            return cand
    return None


def describe_roots(cwd: Path | None = None) -> str:
    """The scenario roots in words, for an error that found nothing."""
    return ", ".join(f"{r.path} ({r.origin})" for r in scenario_roots(cwd))


@dataclass(frozen=True)
class ScenarioFile:
    """A scenario file found in a scenario root (not yet loaded)."""

    id: str  # the file's name without .yaml: what a scenario argument names
    path: Path
    origin: str  # the root's origin: "working" | "user" | "bundled"
    shadowed: bool = False  # an earlier root has a scenario of the same id, which an id argument picks


#: ``kind: scenario`` as a line: the value plain or quoted, a comment after it allowed.
_KIND_LINE = re.compile(rb"""kind:[ \t]+(?:scenario|'scenario'|"scenario")(?:[ \t]+#.*)?""")
_PEEK_BYTES = 64 * 1024


def _is_scenario_file(p: Path) -> bool:
    """Whether a regular ``*.yaml`` file says ``kind: scenario`` on a line of its first 64 KiB
    (``kind: "scenario"`` and ``kind: scenario  # ...`` too).

    Only a regular file is opened (a FIFO or a device never blocks or floods discovery).
    """

    try:
        if not stat.S_ISREG(p.stat().st_mode):
            return False
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return False
            head = os.read(fd, _PEEK_BYTES)
        finally:
            os.close(fd)
    except OSError:
        return False
    return any(_KIND_LINE.fullmatch(line.strip()) for line in head.splitlines())


def scenario_files_in(folder: Path) -> list[Path]:
    """The scenario files directly in one folder, by name (none if it is not a folder)."""
    if not folder.is_dir():
        return []
    try:
        candidates = sorted(folder.glob("*.yaml"))
    except OSError:  # pragma: no cover - an unreadable folder
        return []
    return [p for p in candidates if _is_scenario_file(p)]


def find_scenario_files(cwd: Path | None = None) -> list[ScenarioFile]:
    """Every scenario file in every scenario root, in lookup order (root, then name)."""
    out: list[ScenarioFile] = []
    seen_ids: set[str] = set()
    seen_paths: set[Path] = set()
    for root in scenario_roots(cwd):
        for p in scenario_files_in(root.path):
            try:
                key = p.resolve()
            except OSError:  # pragma: no cover
                continue
            if key in seen_paths:
                continue
            seen_paths.add(key)
            out.append(ScenarioFile(p.stem, p, root.origin, shadowed=p.stem in seen_ids))
            seen_ids.add(p.stem)
    return out


def resolve_reference(from_file: str | os.PathLike[str], ref: str) -> str | None:
    """The file a scenario's ``map:`` or ``extend:`` names, or None.

    Relative to the folder of the file that names it; a bare file name found nowhere there
    is looked up among the bundled scenarios, so a scenario written anywhere may say
    ``map: map.yaml`` or ``extend: from_tabriz_to_kazan.yaml`` for the shipped ones.
    """
    near = os.path.join(os.path.dirname(os.fspath(from_file)), ref)
    if os.path.isfile(near):
        return near
    if "/" not in ref and os.sep not in ref:
        bundled = bundled_scenarios_dir() / ref
        if bundled.is_file():
            return str(bundled)
    return None
