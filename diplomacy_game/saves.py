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

import atexit
import contextlib
import dataclasses
import datetime as _dt
import hashlib
import json
import math
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, BinaryIO, Literal

from annotated_types import Len
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from . import resources, safefile
from .engine import Game
from .engine.actions import parse_action
from .engine.errors import GameError
from .safefile import printable, text_problem
from .scenario.diagnostics import ContentError
from .scenario.loader import Scenario, load_scenario
from .scenario.models import ID_PATTERN, MONTH_PATTERN

MAGIC = "multipolar-save"
SAVE_VERSION = 1
MAX_SAVE_BYTES = safefile.LIMITS["save"]
MAX_DIGITS = 24  # digits in any number of a save (seeds and hashes are 64-bit)
MAX_DEPTH = 32  # nesting of lists and mappings (a real save nests 6 deep)
MAX_TEXT = 10_000  # characters in any text of a save
MAX_TITLE = 200  # characters in a scenario title
MAX_MOVES = 100_000
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
    #: with a journal: how many of ``moves`` the ``state`` snapshot holds (None: all of them)
    snapshot_moves: int | None = None
    journal_records: int = 0  # journal records replayed on the snapshot
    journal_ignored: int = 0  # records after a torn or damaged one, left out


def _month(game: Game) -> str:
    """The game's month (the last one once the game is over)."""
    months = game.scenario.months
    return months[min(game.state.turn, len(months) - 1)]


def _checksum(body: dict[str, Any]) -> str:
    text = json.dumps({k: v for k, v in body.items() if k != "checksum"}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _body(game: Game, seats: dict[str, str], *, kind: str = "manual", ui: dict[str, Any] | None = None,
          now: _dt.datetime | None = None) -> dict[str, Any]:
    """The JSON object of a save of ``game``, without its checksum."""
    scn = game.scenario
    st = game.state
    when = (now or _dt.datetime.now()).isoformat(timespec="seconds")
    return {
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


def make_body(game: Game, seats: dict[str, str], *, kind: str = "manual",
              ui: dict[str, Any] | None = None, now: _dt.datetime | None = None) -> dict[str, Any]:
    """The JSON object of a save of ``game``."""
    body = _body(game, seats, kind=kind, ui=ui, now=now)
    body["checksum"] = _checksum(body)
    return body


_CHECKSUM_HEAD = b'{"checksum":"'  # a save written by encode_checked starts so; 64 hex digits follow
_CHECKSUM_END = len(_CHECKSUM_HEAD) + 64 + 2  # then '",'


def encode_checked(body: dict[str, Any]) -> tuple[bytes, str]:
    """A save's bytes and checksum from one encoding: the canonical JSON of ``body`` (without
    its checksum) is hashed and written as it is, with the checksum spliced in as its first key
    (``checksum`` sorts first), so the file is still the canonical form that ``_checksum`` hashes."""
    text = json.dumps({k: v for k, v in body.items() if k != "checksum"}, sort_keys=True,
                      separators=(",", ":"), ensure_ascii=True).encode("ascii")
    digest = hashlib.sha256(text).hexdigest()
    return _CHECKSUM_HEAD + digest.encode("ascii") + b'",' + text[1:] + b"\n", digest


def _fast_checksum_ok(raw: bytes, data: dict[str, Any]) -> bool:
    """Whether a file written by :func:`encode_checked` holds its own checksum (no second encoding)."""
    if not raw.startswith(_CHECKSUM_HEAD) or raw[_CHECKSUM_END - 2:_CHECKSUM_END] != b'",':
        return False
    digest = raw[len(_CHECKSUM_HEAD):_CHECKSUM_END - 2]
    rest = raw[_CHECKSUM_END:].rstrip(b"\r\n")
    return (data.get("checksum") == digest.decode("ascii", "replace")
            and hashlib.sha256(b"{" + rest).hexdigest().encode("ascii") == digest)


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
        write_atomic(target, encode_checked(_body(game, seats, kind=kind, ui=ui, now=now))[0])
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


def _live_file() -> Path:
    return data_dir() / "current-game.json"


def live_path() -> Path:
    """The running game's file, saved after every move: a crash loses at most the moves in hand.

    Its moves since the last snapshot are in a journal beside it (:class:`LiveWriter`). Asking
    for the path waits for this process's pending write of it, so the file can be looked at."""
    path = _live_file()
    _wait_for_writer(path)
    return path


def save_live(game: Game, seats: dict[str, str], *, ui: dict[str, Any] | None = None, wait: bool = False) -> Path:
    """Hand the running game to its background writer (see :class:`LiveWriter`); ``wait``: until
    it is on disk. SaveError: the last write failed (told once; the previous good save is kept)."""
    writer = live_writer()
    writer.submit(game, seats, ui)
    if wait:
        writer.flush()
    return writer.path


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


class _TooBig(ValueError):
    pass


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _TooBig(f"a number of {len(text):,} digits (at most {MAX_DIGITS} are allowed)")
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > 40:
        raise _TooBig(f"a number of {len(text):,} characters (at most 40 are allowed)")
    value = float(text)
    if not math.isfinite(value):
        raise _TooBig("a number too large to hold")
    return value


def _parse_constant(text: str) -> Any:
    raise _TooBig(f"'{text}' is not a number a save may hold")


def _check_tree(data: Any, path: Path) -> None:
    """Every value of a parsed save within the limits: depth, text (length, drawable), numbers. Iterative."""
    stack: list[tuple[Any, int, str]] = [(data, 0, "")]
    while stack:
        value, depth, where = stack.pop()
        if isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                raise SaveError(path, f"the save is damaged: it nests deeper than {MAX_DEPTH} levels "
                                      f"(at {where or 'the top'})")
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for k, v in items:
                if isinstance(k, str):
                    _check_text(k, path, f"{where}.{printable(k, 40)}" if where else printable(k, 40), MAX_TEXT)
                stack.append((v, depth + 1, f"{where}[{k}]" if isinstance(k, int) else
                              (f"{where}.{printable(k, 40)}" if where else printable(k, 40))))
        elif isinstance(value, str):
            _check_text(value, path, where, MAX_TEXT)
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int) and abs(value) >= 2**64:
            raise SaveError(path, f"the save is damaged: the number at {where} is out of range")


def _check_text(s: str, path: Path, where: str, limit: int) -> None:
    if len(s) > limit:
        raise SaveError(path, f"the save is damaged: the text at {where or 'the top'} is {len(s):,} characters long "
                              f"(at most {limit:,})")
    why = text_problem(s)
    if why is not None:
        raise SaveError(path, f"the save is damaged: the text at {where or 'the top'} cannot be drawn: {why}")


def _one_line(s: str) -> str:
    why = text_problem(s, line=True)
    if why is not None:
        raise ValueError(f"cannot be drawn: {why}")
    return s


# texts drawn on one line: bounded, every character drawable
Short = Annotated[str, StringConstraints(max_length=64), AfterValidator(_one_line)]
Title = Annotated[str, StringConstraints(max_length=MAX_TITLE), AfterValidator(_one_line)]
SeatCode = Annotated[str, StringConstraints(max_length=32, pattern=r"^(human|ai)(:[a-z]+)?$")]
FactionId = Annotated[str, StringConstraints(max_length=48, pattern=ID_PATTERN)]
Move = Annotated[list[Annotated[str, StringConstraints(max_length=200)]], Len(2, 2)]


class _Strict(BaseModel):
    # defer_build: the validators are built when a save is first read, not at import (start-up)
    model_config = ConfigDict(strict=True, extra="ignore", frozen=True, defer_build=True)


class _ScenarioRef(_Strict):
    id: FactionId
    path: Annotated[str, StringConstraints(max_length=4096)]
    content_hash: Annotated[str, StringConstraints(max_length=128)]
    title: Title


class SaveModel(_Strict):
    """Every field of a save, typed and bounded (the state is checked by the engine on restore)."""

    format: Literal["multipolar-save"]
    version: Annotated[int, Field(ge=1, le=SAVE_VERSION)]
    checksum: Annotated[str, StringConstraints(max_length=64)]
    scenario: _ScenarioRef
    seed: Annotated[int, Field(ge=-(2**63), lt=2**64)]
    seats: Annotated[dict[FactionId, SeatCode], Field(max_length=16)]
    moves: Annotated[list[Move], Field(max_length=MAX_MOVES)]
    state: dict[str, Any]
    saved_at: Annotated[str, StringConstraints(max_length=40)]
    kind: Literal["manual", "autosave"]
    month: Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]
    turn: Annotated[int, Field(ge=0, le=10_000)]
    finished: bool
    ui: Annotated[dict[Short, Any], Field(max_length=64)] = {}

    @field_validator("saved_at")
    @classmethod
    def _a_time(cls, value: str) -> str:
        try:
            _dt.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("expected a date and time like 2024-05-19T10:30:00") from None
        return value


def _reason(err: ValidationError) -> str:
    """The first problem of a save, in plain words, without echoing its value."""
    e = err.errors()[0]
    where = ".".join(str(p) for p in e["loc"]) or "the top"
    msg = str(e["msg"]).removeprefix("Value error, ")
    return f"the save is damaged: {printable(where, 60)}: {msg[0].lower() + msg[1:] if msg else 'invalid'}"


def read_save(path: Path | str, *, journal: bool = True) -> SaveFile:
    """Read and check a save file. SaveError, with the reason, for anything but a good save.

    A move journal beside it (``NAME.journal``, the running game's) whose header names this very
    snapshot is replayed onto it, up to its first torn or damaged record (``journal``: False, not).
    Waits first for this process's writer of that file, so a read sees every move handed to it."""
    path = Path(path)
    _wait_for_writer(path)
    try:
        raw = safefile.read_bytes(path, "save")
    except safefile.FileRefused as exc:
        message = exc.message
        if message == "cannot read the file: no such file":
            message = "no such save file"
        elif message.startswith("this is a folder"):
            message = "this is a folder, not a save file"
        raise SaveError(path, message) from None
    if not raw.strip():
        raise SaveError(path, "the file is empty (a save that was never completed?)")
    try:
        text = safefile.decode(raw, path, check=True)
    except safefile.FileRefused as exc:
        raise SaveError(path, f"the file is damaged: it is not text ({exc.message})") from None
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except _TooBig as exc:
        raise SaveError(path, f"the file is damaged: it holds {exc}") from None
    except json.JSONDecodeError as exc:
        raise SaveError(path, f"the file is truncated or corrupt (line {exc.lineno}, column {exc.colno}: "
                              f"{exc.msg})") from None
    except (RecursionError, ValueError):
        raise SaveError(path, "the file is corrupt: nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != MAGIC:
        raise SaveError(path, "this is not a Multipolar save file")
    _check_tree(data, path)
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(path, f"the save is damaged: its format version is {printable(repr(version), 40)}")
    if version > SAVE_VERSION:
        raise SaveError(path, f"the save was made by a newer version of the game (save format {version}; "
                              f"this version reads format {SAVE_VERSION} and older): update the game to load it")
    if not _fast_checksum_ok(raw, data) and data.get("checksum") != _checksum(data):
        raise SaveError(path, "the save is damaged: its checksum does not match its contents "
                              "(the file was corrupted or edited)")
    try:
        m = SaveModel.model_validate(data)
    except ValidationError as err:
        raise SaveError(path, _reason(err)) from None
    save = SaveFile(
        scenario_id=m.scenario.id, scenario_path=m.scenario.path, content_hash=m.scenario.content_hash,
        title=m.scenario.title, seed=m.seed, seats=dict(m.seats), moves=[(a, b) for a, b in m.moves],
        state=m.state, saved_at=m.saved_at, kind=m.kind, month=m.month, turn=m.turn, finished=m.finished,
        ui=dict(m.ui), path=path,
    )
    return _with_journal(save, m.checksum) if journal else save


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
        except (GameError, ValueError, KeyError, TypeError, RecursionError, OverflowError) as exc:
            raise ScenarioChanged(save.path, f"the scenario has changed since this save, and its moves no longer "
                                             f"fit it ({exc})", replayable=False, moves=len(save.moves)) from None
        if not replay_changed:
            raise ScenarioChanged(save.path, f"the scenario has changed since this save; its {len(save.moves)} "
                                             "moves still replay on the new version", replayable=True,
                                  moves=len(save.moves))
        return game
    held = len(save.moves) if save.snapshot_moves is None else save.snapshot_moves
    try:
        game = Game.from_json(scenario, save.state)
        replayed = Game.replay(scenario, save.seed, [list(m) for m in save.moves[:held]])
        same = replayed.hash() == game.hash()
    except (GameError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            OverflowError) as exc:
        raise SaveError(save.path, f"the save is damaged: its game state cannot be restored ({exc})") from None
    if not same:
        raise SaveError(save.path, "the save is damaged: its moves and its game state disagree")
    for i, (seat, text) in enumerate(save.moves[held:], held + 1):  # the journal's moves, on the snapshot
        try:
            game.apply(parse_action(text), seat)
        except (GameError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
                OverflowError) as exc:
            raise SaveError(save.path, f"the save is damaged: move {i} of its journal cannot be replayed "
                                       f"({printable(str(exc), 120)})") from None
    return game


def load(path: Path | str, *, replay_changed: bool = False) -> tuple[SaveFile, Game]:
    """Read, check and restore a save in one call."""
    save = read_save(path)
    return save, restore(save, replay_changed=replay_changed)


# --------------------------------------------------------------------------- crash detection


def _marker() -> Path:
    return data_dir() / "session.running"


@dataclass(frozen=True)
class LastSession:
    """What the last session was doing when it stopped: ``phase`` is "resuming" (opening
    ``file``), "playing" (drawing a game) or "" (anything else)."""

    crashed: bool = False
    phase: str = ""
    file: Path | None = None


_LAST = LastSession()


def _read_marker(m: Path) -> LastSession:
    """The marker of a session that never ended, read as hostile (garbage: a crash, no phase)."""
    try:
        data = json.loads(safefile.read_text(m, "marker"), parse_int=_parse_int, parse_float=_parse_float,
                          parse_constant=_parse_constant)
    except (safefile.FileRefused, ValueError, RecursionError):
        return LastSession(True)
    if not isinstance(data, dict):
        return LastSession(True)
    phase = data.get("phase") if data.get("phase") in ("resuming", "playing") else ""
    file = data.get("file")
    ok = isinstance(file, str) and 0 < len(file) < 4096 and text_problem(file) is None
    return LastSession(True, str(phase), Path(file) if ok and isinstance(file, str) else None)


def _write_marker(phase: str = "", file: Path | None = None) -> None:
    m = _marker()
    body = {"pid": os.getpid(), "phase": phase, "file": os.fspath(file) if file is not None else None}
    with contextlib.suppress(OSError):
        m.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(m, json.dumps(body).encode("ascii"))


def session_begin() -> bool:
    """Mark a session as running. True if the last one never ended (it crashed or was killed);
    what it was doing then is kept for :func:`last_session`."""
    global _LAST
    m = _marker()
    crashed = os.path.lexists(m)
    _LAST = _read_marker(m) if crashed else LastSession()
    _write_marker()
    return crashed


def last_session() -> LastSession:
    """What the last session was doing when it crashed (read by the last ``session_begin``)."""
    return _LAST


def session_phase(phase: str = "", file: Path | None = None) -> None:
    """Record what the session is doing, so that a crash now is not repeated at the next start.

    Nothing happens unless a session is running (``session_begin`` wrote the marker).
    """
    if os.path.lexists(_marker()):
        _write_marker(phase, file)


def set_aside(path: Path) -> Path | None:
    """Rename a file that crashed the game to ``NAME.crashed`` (never listed nor offered again)."""
    target = path.with_name(path.name + ".crashed")
    n = 1
    while os.path.lexists(target):
        n += 1
        target = path.with_name(f"{path.name}.{n}.crashed")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


def crash_dir() -> Path:
    return data_dir() / "crash-reports"


def write_crash_report(text: str) -> Path | None:
    """Write a crash report (a traceback and what the game was doing) to the data folder."""
    now = _dt.datetime.now()
    target = crash_dir() / f"crash-{_stamp(now)}.txt"
    try:
        write_atomic(target, text.encode("utf-8", errors="backslashreplace"))
    except OSError:
        return None
    return target


def session_end() -> None:
    with contextlib.suppress(OSError):
        _marker().unlink()


# --------------------------------------------------------------------------- the running game: snapshot + journal

JOURNAL_MAGIC = "multipolar-journal"
JOURNAL_VERSION = 1
JOURNAL_SUFFIX = ".journal"
MIN_JOURNAL_BYTES = 64 * 1024  # a journal shorter than this never calls for a new snapshot
MAX_JOURNAL_BYTES = MAX_SAVE_BYTES // 4
WRITER_IDLE = 2.0  # seconds a writer's thread waits for more work before it ends


def journal_path(path: Path | str) -> Path:
    """The move journal beside a snapshot: ``current-game.json`` -> ``current-game.journal``."""
    return Path(path).with_suffix(JOURNAL_SUFFIX)


def journal_line(record: dict[str, Any]) -> bytes:
    """One journal line: the SHA-256 (hex) of the record's bytes, a space, the bytes, a newline.
    One encoding: the checksum is over exactly the bytes written."""
    payload = json.dumps(record, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    return hashlib.sha256(payload).hexdigest().encode("ascii") + b" " + payload + b"\n"


def _iso_time(value: str) -> str:
    try:
        _dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError("expected a date and time like 2024-05-19T10:30:00") from None
    return value


class JournalHeader(_Strict):
    """The first line of a journal: the snapshot it follows (its checksum and number of moves)."""

    format: Literal["multipolar-journal"]
    version: Annotated[int, Field(ge=1, le=JOURNAL_VERSION)]
    snapshot: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    moves: Annotated[int, Field(ge=0, le=MAX_MOVES)]


class JournalRecord(_Strict):
    """One live save after the snapshot: keep the first ``keep`` moves (fewer after an undo),
    then ``add`` these; and what the load screen shows of the game now."""

    n: Annotated[int, Field(ge=1, le=10 * MAX_MOVES)]  # 1, 2, 3...: a record out of place is refused
    keep: Annotated[int, Field(ge=0, le=MAX_MOVES)]
    add: Annotated[list[Move], Field(max_length=MAX_MOVES)]
    saved_at: Annotated[str, StringConstraints(max_length=40), AfterValidator(_iso_time)]
    month: Annotated[str, StringConstraints(pattern=MONTH_PATTERN)]
    turn: Annotated[int, Field(ge=0, le=10_000)]
    finished: bool
    ui: Annotated[dict[Short, Any], Field(max_length=64)] = {}


def _parse_line(line: bytes, where: Path) -> Any:
    """The record of a journal line, or None when it is torn or damaged (bounded like a save)."""
    if len(line) < 66 or line[64:65] != b" ":
        return None
    payload = line[65:]
    if hashlib.sha256(payload).hexdigest().encode("ascii") != line[:64]:
        return None
    try:
        text = safefile.decode(payload, where, check=True)
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
        _check_tree(data, where)
    except (safefile.FileRefused, SaveError, ValueError, RecursionError):
        return None
    return data


def _with_journal(save: SaveFile, checksum: str) -> SaveFile:
    """``save`` with the intact records of its journal replayed (the snapshot alone without one)."""
    if save.path is None:
        return save
    jpath = journal_path(save.path)
    if not os.path.lexists(jpath):
        return save
    try:
        raw = safefile.read_bytes(jpath, "save")
    except safefile.FileRefused:
        return save  # a journal that cannot be read: the snapshot is still a good save
    lines = raw.split(b"\n")
    lines.pop()  # what follows the last newline: nothing, or a record torn by a kill
    try:
        head = JournalHeader.model_validate(_parse_line(lines[0], jpath) if lines else None)
    except ValidationError:
        return save
    if head.snapshot != checksum or head.moves != len(save.moves):
        return save  # the journal of an older snapshot
    moves = list(save.moves)
    last: JournalRecord | None = None
    good = 0
    for n, line in enumerate(lines[1:], 1):
        try:
            rec = JournalRecord.model_validate(_parse_line(line, jpath))
        except ValidationError:
            break
        if rec.n != n or not head.moves <= rec.keep <= len(moves) or rec.keep + len(rec.add) > MAX_MOVES:
            break
        del moves[rec.keep:]
        moves.extend((a, b) for a, b in rec.add)
        last, good = rec, n
    if last is None:
        return save
    return dataclasses.replace(save, moves=moves, saved_at=last.saved_at, month=last.month, turn=last.turn,
                               finished=last.finished, ui=dict(last.ui), snapshot_moves=head.moves,
                               journal_records=good, journal_ignored=len(lines) - 1 - good)


@dataclass(frozen=True)
class _LiveJob:
    """What a live save writes, taken on the caller's thread (no reference to the mutable game)."""

    scenario: Scenario
    seed: int
    seats: dict[str, str]
    moves: list[list[str]]
    ui: dict[str, Any]
    month: str
    turn: int
    finished: bool
    saved_at: str


def _common_prefix(a: list[list[str]], b: list[list[str]]) -> int:
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return n
    i = 0
    while a[i] == b[i]:
        i += 1
    return i


class LiveWriter:
    """The running game's file at constant cost per move, written by one background thread.

    On disk: a snapshot (a save in the regular format, written atomically) and a journal beside
    it (``NAME.journal``) that each move appends one checksummed line to. A new snapshot is
    written, and the journal restarted, when the journal has grown as large as the snapshot (so
    each move pays a constant share of it), after an undo past the snapshot, and for a new game.
    The caller's thread only copies the move list and hands it over; the thread writes the newest
    game handed to it (older ones waiting are skipped: the newest holds their moves), in order.
    A kill at any moment leaves the last snapshot and every record appended whole before it.
    """

    def __init__(self, path: Path, *, background: bool = True, min_journal: int = MIN_JOURNAL_BYTES) -> None:
        self.path = Path(path)
        self.min_journal = min_journal
        self.journal = journal_path(self.path)
        self.background = background
        self._cond = threading.Condition()
        self._pending: _LiveJob | None = None
        self._busy = False
        self._thread: threading.Thread | None = None
        self._error: SaveError | None = None
        # what is on disk now (touched by the writing thread only)
        self._scn: Scenario | None = None
        self._seed = 0
        self._seats: dict[str, str] = {}
        self._moves: list[list[str]] = []
        self._snap_moves = 0
        self._snap_bytes = 0
        self._journal_bytes = 0
        self._records = 0
        self._fh: BinaryIO | None = None
        self._replica: Game | None = None  # the writer's own copy of the game, brought up to date for a snapshot
        self.snapshots = 0  # files written, for the tests and the benchmark
        self.appends = 0

    # ------------------------------------------------------------------ the caller's side

    def submit(self, game: Game, seats: dict[str, str], ui: dict[str, Any] | None = None) -> None:
        """Hand over the game as it stands (written in the background). SaveError: the last
        write failed (it is told once; the previous good save is still on disk)."""
        st = game.state
        job = _LiveJob(game.scenario, st.seed, {f: seats.get(f, "ai") for f in game.scenario.factions},
                       list(st.moves), dict(ui or {}), _month(game), st.turn, st.outcome is not None,
                       _dt.datetime.now().isoformat(timespec="seconds"))
        if not self.background:
            self._write(job)
            self.flush()
            return
        with self._cond:
            error, self._error = self._error, None
            self._pending = job
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="live-save", daemon=True)
                self._thread.start()
            else:
                self._cond.notify_all()
        if error is not None:
            raise error

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until everything handed over is written (or failed); False on a timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._pending is None and not self._busy, timeout)

    def flush(self) -> None:
        """Wait until everything handed over is on disk; SaveError if a write failed."""
        self.wait()
        with self._cond:
            error, self._error = self._error, None
        if error is not None:
            raise error

    # ------------------------------------------------------------------ the writing thread

    def _run(self) -> None:
        while True:
            with self._cond:
                if not self._cond.wait_for(lambda: self._pending is not None, WRITER_IDLE):
                    self._thread = None
                    self._close()
                    return
                job, self._pending = self._pending, None
                self._busy = True
            assert job is not None
            try:
                self._write(job)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()

    def _write(self, job: _LiveJob) -> None:
        try:
            keep = _common_prefix(self._moves, job.moves)
            if self._needs_snapshot(job, keep):
                self._snapshot(job)
            else:
                self._append(job, keep)
        except Exception as exc:  # reported at the next submit or flush; the next write is a snapshot
            self._close()
            self._scn = None
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            error = SaveError(self.path, f"cannot write the save: {reason}")
            with self._cond:
                self._error = error

    def _needs_snapshot(self, job: _LiveJob, keep: int) -> bool:
        return (job.scenario is not self._scn or job.seed != self._seed or job.seats != self._seats
                or keep < self._snap_moves
                or self._journal_bytes >= min(max(self._snap_bytes, self.min_journal), MAX_JOURNAL_BYTES)
                or not (os.path.exists(self.path) and os.path.exists(self.journal)))

    def _append(self, job: _LiveJob, keep: int) -> None:
        line = journal_line({"n": self._records + 1, "keep": keep, "add": job.moves[keep:],
                             "saved_at": job.saved_at, "month": job.month, "turn": job.turn,
                             "finished": job.finished, "ui": job.ui})
        if self._fh is None:
            self._fh = open(self.journal, "ab")  # noqa: SIM115  (kept open between moves)
        self._fh.write(line)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._records += 1
        self._journal_bytes += len(line)
        self._moves = job.moves
        self.appends += 1

    def _game_at(self, job: _LiveJob) -> Game:
        g = self._replica
        if (g is None or g.scenario is not job.scenario or g.state.seed != job.seed
                or _common_prefix(g.state.moves, job.moves) < len(g.state.moves)):
            g = Game.replay(job.scenario, job.seed, job.moves)
        else:
            for seat, text in job.moves[len(g.state.moves):]:
                g.apply(parse_action(text), seat)
        self._replica = g
        return g

    def _snapshot(self, job: _LiveJob) -> None:
        body = _body(self._game_at(job), job.seats, kind="autosave", ui=job.ui)
        body["saved_at"] = job.saved_at
        data, digest = encode_checked(body)
        self._close()
        write_atomic(self.path, data)  # the old snapshot and journal stay good until this rename
        header = journal_line({"format": JOURNAL_MAGIC, "version": JOURNAL_VERSION, "snapshot": digest,
                               "moves": len(job.moves)})
        write_atomic(self.journal, header)
        self._scn, self._seed, self._seats = job.scenario, job.seed, job.seats
        self._moves = job.moves
        self._snap_moves = len(job.moves)
        self._snap_bytes = len(data)
        self._journal_bytes = len(header)
        self._records = 0
        self.snapshots += 1

    def _close(self) -> None:
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None


_WRITERS: dict[str, LiveWriter] = {}
_WRITERS_LOCK = threading.Lock()


def live_writer(path: Path | None = None) -> LiveWriter:
    """The one writer of the running game's file (``path``: another file, for tests)."""
    target = path or _live_file()
    key = os.path.abspath(target)
    with _WRITERS_LOCK:
        writer = _WRITERS.get(key)
        if writer is None:
            writer = _WRITERS[key] = LiveWriter(Path(target))
        return writer


def flush_live() -> None:
    """Wait until every live save handed over is on disk (SaveError: one that failed)."""
    with _WRITERS_LOCK:
        writers = list(_WRITERS.values())
    for w in writers:
        w.flush()


def _wait_for_writer(path: Path) -> None:
    key = os.path.abspath(path)
    with _WRITERS_LOCK:
        writer = _WRITERS.get(key)
    if writer is not None:
        writer.wait()


@atexit.register
def _flush_at_exit() -> None:
    with _WRITERS_LOCK:
        writers = list(_WRITERS.values())
    for w in writers:
        w.wait(timeout=10)
