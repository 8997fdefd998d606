"""Saved games: a versioned file, written atomically; autosaves; loading that refuses cleanly.

A save is one JSON object::

    {"format": "multipolar-save", "version": 1, "checksum": "<sha256 of the rest>",
     "scenario": {"id", "path", "content_hash", "title"}, "seed", "seats", "moves",
     "state", "saved_at", "kind", "month", "turn", "finished", "ui"}

``moves`` (the action log) and ``state`` (a snapshot) must agree: loading replays the moves
and refuses a file whose snapshot is not what they give. A hot-seat save holds every hand,
like the box of a board game; it is the interface's job never to show them to the wrong seat.

Writes go to a temporary file in the same folder, are flushed and fsync'ed, then renamed over
the target, so a crash or a kill during a save never damages the save that was there.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import resources
from .engine import Game
from .engine.errors import GameError
from .scenario.diagnostics import ContentError
from .scenario.loader import Scenario, load_scenario

MAGIC = "multipolar-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = 32 * 1024 * 1024
AUTOSAVES_KEPT = 10
SUFFIX = ".json"


class SaveError(Exception):
    """A save that cannot be written or loaded, with the reason in plain words."""

    def __init__(self, path: Path | str | None, message: str) -> None:
        super().__init__(message)
        self.path = Path(path) if path is not None else None
        self.message = message

    def __str__(self) -> str:
        return f"{self.path}: error: {self.message}" if self.path is not None else f"error: {self.message}"


class ScenarioChanged(SaveError):
    """The scenario's content changed since the save. ``replayable``: its moves still fit."""

    def __init__(self, path: Path | str | None, message: str, *, replayable: bool, moves: int) -> None:
        super().__init__(path, message)
        self.replayable = replayable
        self.moves = moves


# --------------------------------------------------------------------------- folders


def data_dir() -> Path:
    """The user's data folder (``DIPLOMACY_GAME_DATA_DIR`` overrides it, for tests)."""
    return resources.user_data_dir()


def saves_dir() -> Path:
    return data_dir() / "saves"


def autosave_dir() -> Path:
    return data_dir() / "autosaves"


# --------------------------------------------------------------------------- the file


@dataclass
class SaveFile:
    """A save read from disk and checked (the snapshot still to be restored)."""

    scenario_id: str
    scenario_path: str
    content_hash: str
    title: str
    seed: int
    seats: dict[str, str]
    moves: list[tuple[str, str]]
    state: dict[str, Any]
    saved_at: str
    kind: str
    month: str
    turn: int
    finished: bool
    ui: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def _month(game: Game) -> str:
    """The game's month (the last one once the game is over)."""
    months = game.scenario.months
    return months[min(game.state.turn, len(months) - 1)]


def _checksum(body: dict[str, Any]) -> str:
    text = json.dumps({k: v for k, v in body.items() if k != "checksum"}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def make_body(game: Game, seats: dict[str, str], *, kind: str = "manual",
              ui: dict[str, Any] | None = None, now: _dt.datetime | None = None) -> dict[str, Any]:
    """The JSON object of a save of ``game``."""
    scn = game.scenario
    st = game.state
    when = (now or _dt.datetime.now()).isoformat(timespec="seconds")
    body: dict[str, Any] = {
        "format": MAGIC,
        "version": SAVE_VERSION,
        "scenario": {"id": scn.id, "path": os.fspath(Path(scn.path).resolve()) if scn.path else "",
                     "content_hash": scn.content_hash, "title": scn.model.title},
        "seed": st.seed,
        "seats": {f: seats.get(f, "ai") for f in scn.factions},
        "moves": [list(m) for m in st.moves],
        "state": st.to_json(),
        "saved_at": when,
        "kind": kind,
        "month": _month(game),
        "turn": st.turn,
        "finished": st.outcome is not None,
        "ui": dict(ui or {}),
    }
    body["checksum"] = _checksum(body)
    return body


def encode(body: dict[str, Any]) -> bytes:
    return (json.dumps(body, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that the old file survives any crash during the write."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError, AttributeError):  # make the rename itself durable (POSIX)
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _stamp(now: _dt.datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S-%f")


def default_name(game: Game, now: _dt.datetime | None = None) -> str:
    """``<scenario>_<game month>_<date and time>.json``: named by scenario and date."""
    now = now or _dt.datetime.now()
    return f"{game.scenario.id}_{_month(game)}_{now.strftime('%Y%m%d-%H%M%S')}{SUFFIX}"


def save_game(game: Game, seats: dict[str, str], path: Path | None = None, *, kind: str = "manual",
              ui: dict[str, Any] | None = None) -> Path:
    """Save ``game`` (to ``path``, or a new file in the saves folder). SaveError if impossible."""
    now = _dt.datetime.now()
    target = path
    if target is None:
        target = saves_dir() / default_name(game, now)
        n = 1
        while target.exists():  # two saves in the same second
            n += 1
            target = target.with_name(f"{default_name(game, now)[:-len(SUFFIX)]}-{n}{SUFFIX}")
    try:
        write_atomic(target, encode(make_body(game, seats, kind=kind, ui=ui, now=now)))
    except OSError as exc:
        raise SaveError(target, f"cannot write the save: {exc.strerror or exc}") from None
    return target


def autosave(game: Game, seats: dict[str, str], *, ui: dict[str, Any] | None = None,
             folder: Path | None = None, keep: int = AUTOSAVES_KEPT) -> Path:
    """Write an autosave and delete all but the newest ``keep``."""
    folder = folder or autosave_dir()
    now = _dt.datetime.now()
    target = folder / f"auto-{_stamp(now)}-{game.scenario.id}{SUFFIX}"
    n = 0
    while target.exists():  # two autosaves in the same microsecond
        n += 1
        target = folder / f"auto-{_stamp(now)}-{n}-{game.scenario.id}{SUFFIX}"
    save_game(game, seats, target, kind="autosave", ui=ui)
    for old in autosaves(folder)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def autosaves(folder: Path | None = None) -> list[Path]:
    """The autosave files, newest first."""
    folder = folder or autosave_dir()
    try:
        files = [p for p in folder.iterdir() if p.name.startswith("auto-") and p.suffix == SUFFIX]
    except OSError:
        return []
    return sorted(files, key=lambda p: p.name, reverse=True)


def live_path() -> Path:
    """The running game, rewritten after every move: a crash loses at most the move in hand."""
    return data_dir() / "current-game.json"


def save_live(game: Game, seats: dict[str, str], *, ui: dict[str, Any] | None = None) -> Path:
    return save_game(game, seats, live_path(), kind="autosave", ui=ui)


def newest_autosave(folder: Path | None = None) -> Path | None:
    """The newest autosave that loads (the running game's file first), or None."""
    live = [live_path()] if folder is None and live_path().is_file() else []
    for p in live + autosaves(folder):
        try:
            read_save(p)
        except SaveError:
            continue
        return p
    return None


@dataclass(frozen=True)
class SaveListing:
    path: Path
    save: SaveFile | None
    error: str | None  # why it cannot be loaded


def list_saves(folder: Path | None = None) -> list[SaveListing]:
    """Every save file in ``folder`` (default: the saves folder), newest first; broken ones too."""
    folder = folder or saves_dir()
    try:
        files = [p for p in folder.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")]
    except OSError:
        return []
    out: list[SaveListing] = []
    for p in files:
        try:
            out.append(SaveListing(p, read_save(p), None))
        except SaveError as exc:
            out.append(SaveListing(p, None, exc.message))

    def key(s: SaveListing) -> tuple[str, str]:
        return (s.save.saved_at if s.save else "", s.path.name)

    return sorted(out, key=key, reverse=True)


# --------------------------------------------------------------------------- reading


def _need(cond: bool, path: Path, what: str) -> None:
    if not cond:
        raise SaveError(path, f"the save is damaged: {what}")


def read_save(path: Path | str) -> SaveFile:
    """Read and check a save file. SaveError, with the reason, for anything but a good save."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(path, f"the file is too large to be a save ({size} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(path, "no such save file") from None
    except IsADirectoryError:
        raise SaveError(path, "this is a folder, not a save file") from None
    except OSError as exc:
        raise SaveError(path, f"cannot read the save: {exc.strerror or exc}") from None
    if not raw.strip():
        raise SaveError(path, "the file is empty (a save that was never completed?)")
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise SaveError(path, "the file is damaged: it is not text") from None
    except json.JSONDecodeError as exc:
        raise SaveError(path, f"the file is truncated or corrupt (line {exc.lineno}, column {exc.colno}: "
                              f"{exc.msg})") from None
    except RecursionError:
        raise SaveError(path, "the file is corrupt: nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != MAGIC:
        raise SaveError(path, "this is not a Multipolar save file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(path, f"the save is damaged: its format version is {version!r}")
    if version > SAVE_VERSION:
        raise SaveError(path, f"the save was made by a newer version of the game (save format {version}; "
                              f"this version reads format {SAVE_VERSION} and older): update the game to load it")
    if data.get("checksum") != _checksum(data):
        raise SaveError(path, "the save is damaged: its checksum does not match its contents "
                              "(the file was corrupted or edited)")
    scn = data.get("scenario")
    _need(isinstance(scn, dict) and all(isinstance(scn.get(k), str)
                                        for k in ("id", "path", "content_hash", "title")), path, "scenario")
    assert isinstance(scn, dict)
    seats = data.get("seats")
    _need(isinstance(seats, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in seats.items()),
          path, "seats")
    moves = data.get("moves")
    _need(isinstance(moves, list) and all(isinstance(m, list) and len(m) == 2 and all(isinstance(x, str) for x in m)
                                          for m in moves), path, "moves")
    _need(isinstance(data.get("state"), dict), path, "state")
    seed = data.get("seed")
    _need(isinstance(seed, int) and not isinstance(seed, bool), path, "seed")
    for k in ("saved_at", "kind", "month"):
        _need(isinstance(data.get(k), str), path, k)
    _need(isinstance(data.get("turn"), int), path, "turn")
    _need(isinstance(data.get("finished"), bool), path, "finished")
    ui = data.get("ui", {})
    assert isinstance(moves, list) and isinstance(seats, dict) and isinstance(seed, int)
    return SaveFile(
        scenario_id=scn["id"], scenario_path=scn["path"], content_hash=scn["content_hash"], title=scn["title"],
        seed=seed, seats=dict(seats), moves=[(m[0], m[1]) for m in moves], state=data["state"],
        saved_at=data["saved_at"], kind=data["kind"], month=data["month"], turn=data["turn"],
        finished=data["finished"], ui=ui if isinstance(ui, dict) else {}, path=path,
    )


# --------------------------------------------------------------------------- restoring


def find_scenario(save: SaveFile) -> Path:
    """The scenario file of a save: its recorded path, else a shipped file with the same id."""
    p = Path(save.scenario_path) if save.scenario_path else None
    if p is not None and p.is_file():
        return p
    # a save handed on with its scenario: beside the save, or in a scenarios folder there
    near: tuple[Path, ...] = (save.path.parent, save.path.parent / "scenarios") if save.path is not None else ()
    for folder in (*near, *(r.path for r in resources.scenario_roots())):
        if not folder.is_dir():
            continue
        for cand in sorted(folder.glob("*.yaml")):
            with contextlib.suppress(ContentError, OSError):
                if load_scenario(cand).id == save.scenario_id:
                    return cand
    raise SaveError(save.path, f"its scenario '{save.scenario_id}' is not found (it was at {save.scenario_path}); "
                               "put the scenario file beside the save, or name it: play SCENARIO --load SAVE")


def _replay(scenario: Scenario, save: SaveFile) -> Game:
    return Game.replay(scenario, save.seed, [list(m) for m in save.moves])


def restore(save: SaveFile, scenario: Scenario | None = None, *, replay_changed: bool = False) -> Game:
    """The game of a save. ``scenario``: already loaded (else found and loaded from disk).

    If the scenario changed since the save, raise ScenarioChanged, saying whether the moves
    still replay on it; with ``replay_changed`` such a save is replayed on the new scenario.
    """
    if scenario is None:
        path = find_scenario(save)
        try:
            scenario = load_scenario(path)
        except ContentError as exc:
            first = exc.diagnostics[0].format() if exc.diagnostics else str(exc)
            raise SaveError(save.path, f"its scenario has errors: {first}") from None
        except OSError as exc:
            raise SaveError(save.path, f"cannot read its scenario: {exc}") from None
    if scenario.id != save.scenario_id:
        raise SaveError(save.path, f"the save is of scenario '{save.scenario_id}', not '{scenario.id}'")
    if scenario.content_hash != save.content_hash:
        try:
            game = _replay(scenario, save)
        except (GameError, ValueError, KeyError, TypeError) as exc:
            raise ScenarioChanged(save.path, f"the scenario has changed since this save, and its moves no longer "
                                             f"fit it ({exc})", replayable=False, moves=len(save.moves)) from None
        if not replay_changed:
            raise ScenarioChanged(save.path, f"the scenario has changed since this save; its {len(save.moves)} "
                                             "moves still replay on the new version", replayable=True,
                                  moves=len(save.moves))
        return game
    try:
        game = Game.from_json(scenario, save.state)
        replayed = _replay(scenario, save)
        same = replayed.hash() == game.hash()
    except (GameError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise SaveError(save.path, f"the save is damaged: its game state cannot be restored ({exc})") from None
    if not same:
        raise SaveError(save.path, "the save is damaged: its moves and its game state disagree")
    return game


def load(path: Path | str, *, replay_changed: bool = False) -> tuple[SaveFile, Game]:
    """Read, check and restore a save in one call."""
    save = read_save(path)
    return save, restore(save, replay_changed=replay_changed)


# --------------------------------------------------------------------------- crash detection


def _marker() -> Path:
    return data_dir() / "session.running"


def session_begin() -> bool:
    """Mark a session as running. True if the last one never ended (it crashed or was killed)."""
    m = _marker()
    crashed = m.exists()
    with contextlib.suppress(OSError):
        m.parent.mkdir(parents=True, exist_ok=True)
        m.write_text(str(os.getpid()), encoding="ascii")
    return crashed


def session_end() -> None:
    with contextlib.suppress(OSError):
        _marker().unlink()
