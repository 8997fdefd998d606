"""Every file the game reads is hostile (issue 14): each case found is a test here."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import MAIN, SCENARIOS

from diplomacy_game import safefile, saves
from diplomacy_game.engine import Game
from diplomacy_game.scenario.diagnostics import ContentError
from diplomacy_game.scenario.loader import load_scenario, validate_file, validate_paths
from diplomacy_game.ui.settings import Settings, load_settings_checked

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")


# --------------------------------------------------------------------------- the bounded reader


@needs_fifo
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(safefile.FileRefused, match="named pipe"):
        safefile.read_text(fifo, "scenario")


@needs_dev_zero
def test_a_symlink_to_dev_zero_is_refused_not_read_without_bound(tmp_path: Path) -> None:
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(safefile.FileRefused, match="a device"):
        safefile.read_bytes(link, "scenario")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "d.yaml").mkdir()
    with pytest.raises(safefile.FileRefused, match="a folder"):
        safefile.read_bytes(tmp_path / "d.yaml", "scenario")


def test_the_size_limit_names_the_limit(tmp_path: Path) -> None:
    f = tmp_path / "settings.json"
    f.write_bytes(b" " * (safefile.LIMITS["settings"] + 1))
    with pytest.raises(safefile.FileRefused) as exc:
        safefile.read_bytes(f, "settings")
    assert f"the limit for a settings file is {safefile.LIMITS['settings']:,} bytes" in exc.value.message


def test_utf16_is_refused_with_a_location_and_a_hint(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_bytes("kind: scenario\n".encode("utf-16"))
    with pytest.raises(safefile.FileRefused) as exc:
        safefile.read_text(f, "scenario")
    assert "not UTF-8" in exc.value.message and "UTF-16" in exc.value.message
    assert exc.value.line == 1


def test_a_bad_byte_is_located_at_its_line_and_column(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_bytes(b"kind: scenario\nid: ab\xffc\n")
    with pytest.raises(safefile.FileRefused) as exc:
        safefile.read_text(f, "scenario")
    assert (exc.value.line, exc.value.col) == (2, 7)


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_bytes(b"\xef\xbb\xbfkind: map\n")
    assert safefile.read_text(f, "scenario") == "kind: map\n"


@pytest.mark.parametrize("ch", ["\x00", "\x07", "\x1b", "\x85"])
def test_undrawable_characters_are_refused_and_located(tmp_path: Path, ch: str) -> None:
    f = tmp_path / "s.yaml"
    f.write_text(f"kind: scenario\ntitle: a{ch}b\n", encoding="utf-8")
    with pytest.raises(safefile.FileRefused) as exc:
        safefile.read_text(f, "scenario")
    assert (exc.value.line, exc.value.col) == (2, 9)
    assert "no game can draw" in exc.value.message


def test_printable_escapes_what_cannot_be_drawn() -> None:
    assert safefile.printable("a\x00b\ud800") == "a\\x00b\\ud800"
    assert safefile.printable("x" * 500, 10) == "x" * 10 + "…"


# --------------------------------------------------------------------------- scenario folders and files


def _scenario_folder(tmp_path: Path) -> Path:
    """A copy of the shipped scenarios (the top-level files) to poison."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for f in SCENARIOS.glob("*.yaml"):
        shutil.copy(f, folder / f.name)
    return folder


def _child(folder: Path, name: str, body: str) -> Path:
    f = folder / name
    f.write_text(f"kind: scenario\nextend: {MAIN.name}\nid: {f.stem}\n{body}", encoding="utf-8")
    return f


@needs_fifo
def test_validate_refuses_a_fifo_named_yaml_without_hanging(tmp_path: Path) -> None:
    folder = _scenario_folder(tmp_path)
    os.mkfifo(folder / "pipe.yaml")
    _count, diags = validate_paths([str(folder)])
    assert any("named pipe" in d.message for d in diags)
    assert not any(d.severity == "error" and "from_tabriz" in d.location.file for d in diags)


def test_a_nul_title_is_an_error_in_the_validator(tmp_path: Path) -> None:
    f = _child(_scenario_folder(tmp_path), "nul.yaml", 'title: "Nul \\0 title"\n')
    with pytest.raises(ContentError) as exc:
        load_scenario(f)
    d = exc.value.diagnostics[0]
    assert d.location.line == 4 and "a NUL character" in d.message
    assert "\x00" not in d.format()  # the message itself can be drawn


def test_a_lone_surrogate_in_a_text_is_an_error(tmp_path: Path) -> None:
    f = _child(_scenario_folder(tmp_path), "sur.yaml", 'title: "a \\ud800 b"\n')
    diags = validate_file(str(f))  # the YAML reader refuses the escape itself
    assert [d.location.line for d in diags if d.severity == "error"] == [4]


def test_a_20000_character_leader_title_is_an_error_not_a_warning(tmp_path: Path) -> None:
    folder = _scenario_folder(tmp_path)
    text = (folder / MAIN.name).read_text(encoding="utf-8")
    data_line = next(ln for ln in text.splitlines() if ln.strip().startswith("title:") and ln.startswith("    "))
    poisoned = text.replace(data_line, data_line.split("title:")[0] + "title: " + "x" * 20_000, 1)
    (folder / MAIN.name).write_text(poisoned, encoding="utf-8")
    diags = validate_file(str(folder / MAIN.name))
    errors = [d for d in diags if d.severity == "error"]
    assert errors and "too long: at most 2,000 characters, got 20,000" in errors[0].message


def test_a_number_out_of_range_and_a_list_too_long_are_errors() -> None:
    from pydantic import ValidationError

    from diplomacy_game.scenario.models import MAX_ITEMS, MAX_NUMBER, City, Region

    region = {"id": "r", "name": "R", "bloc": "b", "stability": 1}
    Region.model_validate({**region, "links": ["a"] * MAX_ITEMS})
    with pytest.raises(ValidationError, match="too many items"):
        Region.model_validate({**region, "links": ["a"] * (MAX_ITEMS + 1)})
    assert MAX_NUMBER < 10**9
    with pytest.raises(ValidationError, match="text no game can draw"):
        City.model_validate({"name": "a\x00", "lon": 1, "lat": 1})


# --------------------------------------------------------------------------- saves


@pytest.fixture()
def body(short_scenario: Any) -> dict[str, Any]:
    game = Game.new(short_scenario, seed=4)
    return saves.make_body(game, {"russia": "human", "iran": "ai", "west": "ai"})


def _forge(path: Path, body: dict[str, Any], raw: str | None = None) -> Path:
    body = dict(body)
    body["checksum"] = saves._checksum(body)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(raw if raw is not None else json.dumps(body), encoding="utf-8")
    return path


def test_a_json_integer_of_4301_digits_is_a_clean_save_error(tmp_path: Path, body: dict[str, Any]) -> None:
    f = tmp_path / "big.json"
    f.write_text(json.dumps(body)[:-1] + ', "extra": ' + "9" * 4301 + "}", encoding="utf-8")
    with pytest.raises(saves.SaveError, match="digits"):
        saves.read_save(f)


def test_a_state_nested_500_deep_is_a_clean_save_error(tmp_path: Path, body: dict[str, Any]) -> None:
    deep: Any = 1
    for _ in range(500):
        deep = {"x": deep}
    f = _forge(tmp_path / "deep.json", {**body, "state": {**body["state"], "log": deep}})
    with pytest.raises(saves.SaveError, match="nests deeper than 32"):
        saves.read_save(f)


POISONS: dict[str, Any] = {
    "month 13": lambda b: {**b, "month": "2024-13"},
    "month xx": lambda b: {**b, "month": "xx"},
    "NUL in title": lambda b: {**b, "scenario": {**b["scenario"], "title": "a\x00b"}},
    "lone surrogate in title": lambda b: {**b, "scenario": {**b["scenario"], "title": "a\ud800b"}},
    "NUL in date": lambda b: {**b, "saved_at": "2024-01-01T00:00:00\x00"},
    "lone surrogate in date": lambda b: {**b, "saved_at": "2024-01-01\udfff"},
    "20k title": lambda b: {**b, "scenario": {**b["scenario"], "title": "t" * 20_000}},
    "2 MB title": lambda b: {**b, "scenario": {**b["scenario"], "title": "t" * 2_000_000}},
    "2 MB version": lambda b: {**b, "version": "9" * 2_000_000},
    "seats of a list": lambda b: {**b, "seats": ["human"]},
    "turn as text": lambda b: {**b, "turn": "3"},
    "kind unknown": lambda b: {**b, "kind": "x" * 50},
}


@pytest.mark.parametrize("name", sorted(POISONS))
def test_a_forged_save_is_refused_with_a_save_error(tmp_path: Path, body: dict[str, Any], name: str) -> None:
    f = _forge(tmp_path / "forged.json", POISONS[name](body))
    with pytest.raises(saves.SaveError) as exc:
        saves.read_save(f)
    assert safefile.bad_char(exc.value.message) is None and len(exc.value.message) < 400


def test_the_list_of_saves_keeps_the_good_beside_the_forged(tmp_path: Path, body: dict[str, Any]) -> None:
    folder = tmp_path / "saves"
    good = _forge(folder / "good.json", body)
    for i, name in enumerate(sorted(POISONS)):
        _forge(folder / f"bad{i}.json", POISONS[name](body))
    rows = saves.list_saves(folder)
    assert len(rows) == len(POISONS) + 1
    assert [r.path for r in rows if r.save is not None] == [good]


def test_a_good_save_still_reads(tmp_path: Path, body: dict[str, Any]) -> None:
    save = saves.read_save(_forge(tmp_path / "ok.json", body))
    assert save.title == body["scenario"]["title"] and save.month == body["month"]


# --------------------------------------------------------------------------- settings and the session marker


@pytest.mark.parametrize("content", [b"\x00\xff garbage", b"[1, 2]", b'{"ui_scale": "big", "fullscreen": "no"}',
                                     b'{"ui_scale": Infinity}', b'{"window_size": [1e400, 2]}', b"[" * 100_000,
                                     b'{"anim_speed": ' + b'"x"' * 3 + b"}"])
def test_a_settings_file_of_garbage_gives_the_defaults_and_a_notice(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "settings.json"
    f.write_bytes(content)
    settings, notice = load_settings_checked(f)
    assert notice and "defaults" in notice
    assert settings.fullscreen is False and settings.ui_scale == Settings().ui_scale


def test_settings_of_the_right_types_give_no_notice(tmp_path: Path) -> None:
    f = tmp_path / "settings.json"
    f.write_text(json.dumps({"ui_scale": 150, "fullscreen": True, "window_size": [1440, 900]}), encoding="utf-8")
    settings, notice = load_settings_checked(f)
    assert notice == "" and settings.ui_scale == 150 and settings.window_size == (1440, 900)


def test_a_garbage_session_marker_is_a_crash_without_a_phase(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("DIPLOMACY_GAME_DATA_DIR", str(tmp_path))
    (tmp_path / "session.running").write_bytes(b"\xff\x00" * 1000)
    assert saves.session_begin() is True
    assert saves.last_session() == saves.LastSession(True, "", None)
    saves.session_phase("resuming", tmp_path / "x.json")
    assert saves._read_marker(tmp_path / "session.running").phase == "resuming"
    saves.session_end()


# --------------------------------------------------------------------------- paths stay inside


def _outside(tmp_path: Path) -> Path:
    """A secret file outside every scenario root, in YAML as a scenario would expect it."""
    secret = tmp_path / "outside" / "secret.yaml"
    secret.parent.mkdir()
    secret.write_text("SECRET_TOKEN=hunter2\n", encoding="utf-8")
    return secret


def _own(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "mine" / "deep"
    folder.mkdir(parents=True)
    shutil.copy(MAIN, folder / MAIN.name)
    shutil.copy(SCENARIOS / "map.yaml", folder / "map.yaml")
    f = folder / "s.yaml"
    f.write_text(f"kind: scenario\nid: s\n{body}", encoding="utf-8")
    return f


def _shown(f: Path) -> str:
    from diplomacy_game.scenario.diagnostics import SourceLines

    src = SourceLines()
    return "\n".join(d.format_with_source(src) for d in validate_file(str(f)))


@pytest.mark.parametrize("ref", ["../../outside/secret.yaml", "ABS"])
def test_map_may_not_lead_out_of_the_scenario_folders(tmp_path: Path, ref: str) -> None:
    secret = _outside(tmp_path)
    f = _own(tmp_path, f"extend: {MAIN.name}\nmap: {secret if ref == 'ABS' else ref}\n")
    out = _shown(f)
    assert "leads outside the scenario folders" in out and "hunter2" not in out


def test_extend_may_not_lead_out_of_the_scenario_folders(tmp_path: Path) -> None:
    _outside(tmp_path)
    out = _shown(_own(tmp_path, "extend: ../../outside/secret.yaml\n"))
    assert "extend: '../../outside/secret.yaml' leads outside" in out and "hunter2" not in out


def test_a_symlink_beside_the_scenario_may_not_lead_out_either(tmp_path: Path) -> None:
    secret = _outside(tmp_path)
    f = _own(tmp_path, f"extend: {MAIN.name}\nmap: link.yaml\n")
    (f.parent / "link.yaml").symlink_to(secret)
    out = _shown(f)
    assert "leads outside" in out and "hunter2" not in out


def test_only_yaml_files_are_named(tmp_path: Path) -> None:
    out = _shown(_own(tmp_path, f"extend: {MAIN.name}\nmap: /proc/self/environ\n"))
    assert "is not a .yaml file" in out


def test_the_environment_is_never_printed_through_a_scenario(tmp_path: Path) -> None:
    import subprocess
    import sys

    f = _own(tmp_path, f"extend: {MAIN.name}\nmap: /proc/self/environ\n")
    env = {**os.environ, "DG_TEST_SECRET": "correct-horse-battery"}
    run = subprocess.run([sys.executable, "-m", "diplomacy_game", "validate", str(f)], capture_output=True,
                         text=True, env=env, timeout=120, cwd=tmp_path)
    assert run.returncode == 2
    assert "correct-horse-battery" not in run.stdout + run.stderr


def test_references_inside_the_scenario_folder_still_work(tmp_path: Path) -> None:
    f = _own(tmp_path, f"extend: {MAIN.name}\nmap: map.yaml\n")
    assert load_scenario(f).id == "s"


def test_the_roots_are_a_parameter(tmp_path: Path) -> None:
    from diplomacy_game.scenario.paths import allowed_roots, reference

    secret = _outside(tmp_path)
    f = _own(tmp_path, "")
    roots = allowed_roots(f, roots=[])
    assert reference(f, "../../outside/secret.yaml", roots)[1] is not None
    wider = allowed_roots(f, roots=[secret.parent])
    assert reference(f, "../../outside/secret.yaml", wider) == (str(f.parent / "../../outside/secret.yaml"), None)


def test_a_scenario_test_may_not_name_a_scenario_outside(tmp_path: Path) -> None:
    from diplomacy_game.scenario.testing import load_test_file

    secret = _outside(tmp_path)
    test = tmp_path / "mine" / "tests" / "s" / "x.test.yaml"
    test.parent.mkdir(parents=True)
    test.write_text(f"kind: test\nscenario: {secret}\ntests:\n  - name: t\n    expect: {{to_act: [iran]}}\n",
                    encoding="utf-8")
    _loaded, diags = load_test_file(str(test))
    assert any("leads outside" in d.message for d in diags)


@pytest.mark.parametrize("source", ["/etc/passwd", "../../secret.txt", "sources/../../x.txt", "~/notes.txt"])
def test_a_source_may_not_name_a_file_outside(source: str) -> None:
    from pydantic import TypeAdapter, ValidationError

    from diplomacy_game.scenario.models import Source

    TypeAdapter(Source).validate_python("sources/2024-05-20_a.txt")
    with pytest.raises(ValidationError, match="relative to the scenario's sources"):
        TypeAdapter(Source).validate_python(source)


@needs_fifo
def test_the_language_server_never_blocks_on_a_fifo(tmp_path: Path) -> None:
    from diplomacy_game.lsp.index import Workspace

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert Workspace().text(str(fifo)) is None
