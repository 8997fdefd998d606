"""Shipping: the data lives in the package and is found by one module; scenario arguments take
an id or a path; the scenarios found are listed with where each comes from; the test suite
itself is hermetic."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from helpers import ROOT, SCENARIOS

from diplomacy_game import resources
from diplomacy_game.cli import main

PACKAGE = ROOT / "diplomacy_game"


def test_every_shipped_file_is_inside_the_package_data_folder() -> None:
    data = resources.data_dir()
    assert data == PACKAGE / "data"
    for p in (resources.bundled_scenarios_dir() / f"{resources.DEFAULT_SCENARIO}.yaml",
              resources.bundled_scenarios_dir() / f"{resources.TUTORIAL_SCENARIO}.yaml",
              resources.bundled_scenarios_dir() / "map.yaml",
              resources.map_assets_dir() / "caspian_2024.json",
              resources.theme_path(), resources.rules_path(), resources.font_path(), resources.font_path(bold=True),
              resources.schema_dir() / "scenario.schema.json", data / "fonts" / "LICENSE"):
        assert p.is_file(), p
        assert data in p.parents


def test_no_module_but_resources_finds_files_relative_to_the_source_tree() -> None:
    """One module owns every path: no other module looks next to its own file or in the checkout."""
    offenders = []
    for py in sorted(PACKAGE.rglob("*.py")):
        if py.name == "resources.py":
            continue
        text = py.read_text(encoding="utf-8")
        for pattern in (r"__file__", r"\.parents\[", r"['\"]assets['\"]", r"['\"]docs['\"]", r"['\"]scenarios/"):
            if re.search(pattern, text):
                offenders.append(f"{py.relative_to(ROOT)}: {pattern}")
    assert offenders == []


def test_the_package_data_patterns_cover_every_data_file() -> None:
    import fnmatch
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["diplomacy_game"]
    for f in (PACKAGE / "data").rglob("*"):
        if f.is_file():
            rel = f.relative_to(PACKAGE).as_posix()
            assert any(fnmatch.fnmatch(rel, p) for p in patterns), rel


# --------------------------------------------------------------------------- ids or paths


def test_a_scenario_id_resolves_to_the_bundled_file_from_any_folder(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert resources.resolve_scenario("from_tabriz_to_kazan") == SCENARIOS / "from_tabriz_to_kazan.yaml"
    assert resources.resolve_scenario(None) == SCENARIOS / f"{resources.DEFAULT_SCENARIO}.yaml"
    assert resources.resolve_scenario("no_such_scenario") is None
    assert resources.resolve_scenario("missing.yaml") is None  # a path is taken as a path, never as an id


def test_cli_commands_take_a_bundled_scenario_id_from_an_empty_folder(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "from_tabriz_to_kazan"]) == 0
    assert main(["render", "ashgabat_to_kazan", "-o", "map.png", "--size", "320x200"]) == 0
    assert (tmp_path / "map.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["simulate", "ashgabat_to_kazan", "--games", "2", "--json", "--no-progress"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out[out.index("{"):])
    assert report["games"] == 2
    assert main(["test", "ashgabat_to_kazan", "-q"]) == 0
    assert "0 failed" in capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.png"]  # nothing else written here


def test_an_unknown_scenario_id_names_the_folders_it_looked_in(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    assert main(["render", "caspian_winter", "-o", "x.png"]) == 2
    err = capsys.readouterr().err
    assert "error: no scenario 'caspian_winter'" in err
    assert "(bundled)" in err and "(user)" in err and "(working)" in err and "'diplomacy-game scenarios'" in err
    assert main(["validate", "caspian_winter"]) == 2
    assert main(["render", "nope/caspian_winter.yaml", "-o", "x.png"]) == 2
    assert "error: no scenario file 'nope/caspian_winter.yaml'" in capsys.readouterr().err


def _copy_short(to: Path, scenario_id: str, title: str) -> Path:
    to.mkdir(parents=True, exist_ok=True)
    text = (SCENARIOS / "ashgabat_to_kazan.yaml").read_text(encoding="utf-8")
    text = text.replace("id: ashgabat_to_kazan", f"id: {scenario_id}").replace("title: Ashgabat to Kazan",
                                                                              f"title: {title}")
    p = to / f"{scenario_id}.yaml"
    p.write_text(text, encoding="utf-8")  # extend: from_tabriz_to_kazan.yaml is found among the bundled ones
    return p


def test_scenarios_lists_working_user_and_bundled_in_lookup_order(tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("DIPLOMACY_GAME_DATA_DIR", str(tmp_path / "data"))
    mine = _copy_short(work / "scenarios", "ashgabat_to_kazan", "My own Ashgabat")  # shadows the bundled one
    users = _copy_short(tmp_path / "data" / "scenarios", "winter_talks", "Winter talks")
    (work / "notes.yaml").write_text("kind: map\n")  # not a scenario: not listed
    assert main(["scenarios", "--json"]) == 0
    listing = json.loads(capsys.readouterr().out)
    rows = [(r["id"], r["origin"], r["shadowed"], r["title"]) for r in listing["scenarios"]]
    assert rows == [
        ("ashgabat_to_kazan", "working", False, "My own Ashgabat"),
        ("winter_talks", "user", False, "Winter talks"),
        ("ashgabat_to_kazan", "bundled", True, "Ashgabat to Kazan"),
        ("from_tabriz_to_kazan", "bundled", False, "From Tabriz to Kazan"),
        ("tabriz_to_kazan_headline", "bundled", False, "From Tabriz to Kazan (Headlines)"),
    ]
    assert [r["origin"] for r in listing["roots"]] == ["working", "working", "user", "bundled"]
    assert resources.resolve_scenario("ashgabat_to_kazan") == work / "scenarios" / mine.name
    assert resources.resolve_scenario("winter_talks") == users
    assert main(["scenarios"]) == 0
    text = capsys.readouterr().out
    assert "winter_talks" in text and "(shadowed by an earlier one)" in text and str(users) in text


def test_a_scenario_is_listed_however_its_kind_line_is_written(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    body = (SCENARIOS / "ashgabat_to_kazan.yaml").read_text(encoding="utf-8")
    assert "\nkind: scenario\n" in body
    kinds = {"plain": "kind: scenario", "quoted": 'kind: "scenario"', "single": "kind: 'scenario'",
             "commented": "kind: scenario   # the short game", "crlf": "kind: scenario\r"}
    for name, line in kinds.items():
        (tmp_path / f"{name}.yaml").write_text(body.replace("\nkind: scenario\n", f"\n{line}\n"), encoding="utf-8")
    (tmp_path / "other.yaml").write_text("kind: scenarios\n# kind: scenario\nkind: map\n", encoding="utf-8")
    found = {f.id for f in resources.find_scenario_files() if f.origin == "working"}
    assert found == set(kinds)


def test_a_fifo_named_yaml_in_a_scenario_root_is_skipped_without_blocking(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "trap.yaml")
    ids = [f.id for f in resources.find_scenario_files()]
    assert "trap" not in ids and "from_tabriz_to_kazan" in ids


# --------------------------------------------------------------------------- the one font


def test_the_shipped_font_draws_latin_cyrillic_persian_and_the_warning_sign() -> None:
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from diplomacy_game.ui.scenes import kit

    pygame.font.init()
    assert kit.Fonts()._path(False) == str(resources.font_path())
    assert kit.Fonts()._path(True) == str(resources.font_path(bold=True))
    font = pygame.font.Font(str(resources.font_path()), 15)
    sample = "Tabriz Путин پزشکیان ⚠ – ’ é"
    metrics = font.metrics(sample)
    missing = [ch for ch, m in zip(sample, metrics, strict=True) if m is None]
    assert missing == []


# --------------------------------------------------------------------------- hermetic tests

_SCRATCH = re.compile(r"^(/tmp|/var/tmp|/private/tmp|[A-Za-z]:\\\\)|(^|[^\w])/tmp/")
_TEMP_CALLS = {"mkdtemp", "mkstemp", "gettempdir", "NamedTemporaryFile", "TemporaryDirectory", "TemporaryFile"}


def test_tests_use_no_absolute_scratch_paths_nor_temp_folders_of_their_own() -> None:
    """Tests write only under pytest's tmp_path: no literal scratch folder, no tempfile folder."""
    offenders = []
    for py in sorted((ROOT / "tests").rglob("*.py")):
        tree = ast.parse(py.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _SCRATCH.search(node.value):
                if py.name == "test_shipping.py" and node.value in (_SCRATCH.pattern,):
                    continue
                offenders.append(f"{py.relative_to(ROOT)}:{node.lineno}: {node.value[:40]!r}")
            if isinstance(node, ast.Attribute) and node.attr in _TEMP_CALLS:
                offenders.append(f"{py.relative_to(ROOT)}:{node.lineno}: {node.attr}")
            if isinstance(node, ast.ImportFrom) and node.module == "tempfile":
                offenders.append(f"{py.relative_to(ROOT)}:{node.lineno}: from tempfile import")
    assert offenders == []
