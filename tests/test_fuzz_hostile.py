"""Property tests (hypothesis): every reader refuses hostile files cleanly (issue 14).

Each test mutates a real file at a random place (wrong types at every level, huge and deep
values, bad text) or feeds raw bytes, and asserts the reader either accepts the file or
refuses it with the project's own error: never another exception.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

import yaml
from helpers import MAIN, SCENARIOS, SHORT, play_random
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplomacy_game import saves
from diplomacy_game.engine import Game
from diplomacy_game.scenario.diagnostics import ContentError
from diplomacy_game.scenario.loader import load_scenario, validate_file
from diplomacy_game.ui.settings import load_settings_checked

FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _deep(n: int) -> Any:
    out: Any = 0
    for i in range(n):
        out = [out] if i % 2 else {"k": out}
    return out


BAD_TEXT = st.sampled_from(["", "\x00", "a\x00b", "\ud800", "\udfff x", "\x1b[31m", "\x85", "\t\n\r",
                            "x" * 20_000, "y" * 300_000, "2024-13", "xx", "../../etc/passwd", "/proc/self/environ"])
HUGE = st.sampled_from([10**30, -(10**30), 2**64, 2**63, -(2**63) - 1, 10**19, 1e300, -1e300, 0.5])
HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30),
    BAD_TEXT, HUGE, st.integers(20, 600).map(_deep),
    st.lists(st.one_of(st.integers(), st.text(max_size=5)), max_size=4),
    st.dictionaries(st.text(max_size=6), st.one_of(st.integers(), st.text(max_size=5)), max_size=4),
)


def mutate(data: Any, draw: Any) -> Any:
    """``data`` with one value, somewhere in it (the root too), replaced by a hostile one."""
    if not isinstance(data, dict | list) or not data or draw(st.integers(0, 5)) == 0:
        return draw(HOSTILE)
    if isinstance(data, dict):
        keys = sorted(data, key=str)
        k = draw(st.sampled_from(keys))
        out_d = dict(data)
        if draw(st.integers(0, 9)) == 0:  # a key of the wrong kind, or an unknown one
            out_d[draw(st.sampled_from(["", "\x00", "extra", "k" * 5000]))] = out_d.pop(k)
        else:
            out_d[k] = mutate(data[k], draw)
        return out_d
    i = draw(st.integers(0, len(data) - 1))
    out_l = list(data)
    out_l[i] = mutate(data[i], draw)
    return out_l


_BODY: dict[str, Any] = {}


def _body() -> dict[str, Any]:
    if not _BODY:
        game = play_random(Game.new(load_scenario(SHORT), seed=5), 12, seed=5)
        _BODY.update(saves.make_body(game, {"russia": "human", "iran": "ai", "west": "ai:easy"}))
    return _BODY


@FUZZ
@given(st.data())
def test_a_forged_save_is_read_or_refused_with_a_save_error(tmp_path: Path, data: Any) -> None:
    body = mutate(_body(), data.draw)
    if isinstance(body, dict):
        body = dict(body)
        body["checksum"] = saves._checksum(body)  # forged with care: the checksum matches
    f = tmp_path / "forged.json"
    f.write_text(json.dumps(body), encoding="utf-8", errors="surrogatepass")
    try:
        save = saves.read_save(f)
    except saves.SaveError:
        return
    with contextlib.suppress(saves.SaveError):
        saves.restore(save)


@FUZZ
@given(st.binary(max_size=2000) | st.sampled_from([b'{"format": "multipolar-save", "version": ' + b"9" * 5000 + b"}",
                                                   b"[" * 100_000, b'{"a": NaN}', b"\xff\xfe{\x00}\x00"]))
def test_raw_bytes_as_a_save_are_refused_with_a_save_error(tmp_path: Path, raw: bytes) -> None:
    f = tmp_path / "raw.json"
    f.write_bytes(raw)
    try:
        saves.read_save(f)
    except saves.SaveError as exc:
        assert exc.message


_COPIES: dict[str, Path] = {}


def _yaml_of(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write_yaml(f: Path, data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
    f.write_text(text, encoding="utf-8", errors="surrogatepass")


@FUZZ
@given(st.data())
def test_a_mutated_scenario_is_loaded_or_refused_with_located_errors(tmp_path: Path, data: Any) -> None:
    folder = tmp_path / "s"
    folder.mkdir(exist_ok=True)
    shutil.copy(SCENARIOS / "map.yaml", folder / "map.yaml")
    f = folder / MAIN.name
    _write_yaml(f, mutate(_yaml_of(MAIN), data.draw))
    diags = validate_file(str(f))
    assert all(d.location.file and d.message for d in diags)
    try:
        load_scenario(f)
    except ContentError as exc:
        assert exc.diagnostics


@FUZZ
@given(st.data())
def test_a_mutated_map_is_loaded_or_refused_with_located_errors(tmp_path: Path, data: Any) -> None:
    f = tmp_path / "map.yaml"
    _write_yaml(f, mutate(_yaml_of(SCENARIOS / "map.yaml"), data.draw))
    for d in validate_file(str(f)):
        assert d.location.file and d.message


@FUZZ
@given(st.binary(max_size=3000))
def test_raw_bytes_as_a_content_file_give_diagnostics(tmp_path: Path, raw: bytes) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes(raw)
    for d in validate_file(str(f)):
        assert d.message


SETTINGS = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
                        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                            st.sampled_from(["window_size", "fullscreen", "ui_scale", "colorblind", "anim_speed",
                                             "tutorial_done", "other"]), inner, max_size=6), max_leaves=12)


@FUZZ
@given(SETTINGS)
def test_any_settings_file_gives_settings_never_an_exception(tmp_path: Path, value: Any) -> None:
    f = tmp_path / "settings.json"
    f.write_text(json.dumps(value), encoding="utf-8")
    s, _notice = load_settings_checked(f)
    assert 100 <= s.ui_scale <= 200 and isinstance(s.fullscreen, bool)
    assert all(isinstance(x, int) for x in s.window_size)


@FUZZ
@given(st.binary(max_size=500) | SETTINGS.map(lambda v: json.dumps(v).encode()))
def test_any_session_marker_is_read_never_an_exception(tmp_path: Path, raw: bytes) -> None:
    f = tmp_path / "session.running"
    f.write_bytes(raw)
    last = saves._read_marker(f)
    assert last.crashed and last.phase in ("", "resuming", "playing")
