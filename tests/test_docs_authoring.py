"""docs/authoring.md, followed as its reader would: every command of the walkthrough runs in an
empty folder, its YAML is pasted where the text says, and what the program prints must be what
the page shows (paths, line numbers, messages). Likewise the schema lines docs/editor-setup.md
shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import MAIN, ROOT, SCENARIOS

from diplomacy_game.cli import main

DOC = ROOT / "docs" / "authoring.md"
EDITOR = ROOT / "docs" / "editor-setup.md"
SCENARIO = Path("scenarios/ashgabat_classroom.yaml")
TEST = Path("scenarios/tests/ashgabat_classroom/ashgabat_classroom.test.yaml")


def _blocks(page: Path = DOC) -> list[str]:
    return re.findall(r"^```[a-z]*\n(.*?)^```", page.read_text(encoding="utf-8"), re.S | re.M)


def _block(starts: str, nth: int = 0, page: Path = DOC) -> str:
    found = [b for b in _blocks(page) if b.startswith(starts)]
    assert len(found) > nth, f"no block starting {starts!r} in {page}"
    return found[nth]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _insert_before(path: Path, line: str, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index(line)
    path.write_text("".join(lines[:at]) + text + "".join(lines[at:]), encoding="utf-8")


def test_the_authoring_walkthrough_prints_what_the_page_shows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)  # an empty folder of the author's own

    # 1. start a scenario; validate it and run its tests
    assert "diplomacy-game new-scenario ashgabat_classroom --dir scenarios\n" in _blocks()
    code, out, _ = _run(capsys, "new-scenario", "ashgabat_classroom", "--dir", "scenarios")
    assert code == 0 and out == _block("wrote scenarios/ashgabat_classroom.yaml")
    first_line = SCENARIO.read_text(encoding="utf-8").splitlines()[0]
    assert f"`{first_line}`" in DOC.read_text(encoding="utf-8")  # the page quotes it
    shown = _block("2 file(s) checked: all clean.\nPASS")
    code1, out1, _ = _run(capsys, "validate", str(SCENARIO))
    code2, out2, _ = _run(capsys, "test", str(SCENARIO))
    assert (code1, code2) == (0, 0) and out1 + out2 == shown

    # 3, 4. the event before 'cards:', the card before 'upkeep:'
    _insert_before(SCENARIO, "cards:\n", _block("  - id: israel_criticised\n"))
    _insert_before(SCENARIO, "upkeep:\n", _block("  - id: many_fora\n"))
    good = SCENARIO.read_text(encoding="utf-8")

    # 5. validate, and the typo 'regoin' the page shows
    code, out, _ = _run(capsys, "validate", str(SCENARIO))
    assert code == 0 and out == "2 file(s) checked: all clean.\n"
    SCENARIO.write_text(good.replace("{faction: russia, region: target, add: 1}",
                                     "{faction: russia, regoin: target, add: 1}"), encoding="utf-8")
    code, out, err = _run(capsys, "validate", str(SCENARIO))
    assert code == 2 and out == "" and err == _block(f"{SCENARIO}:")
    SCENARIO.write_text(good, encoding="utf-8")

    # 6. the starter test now fails where the page says; fix line 20 and add the page's tests
    code, out, _ = _run(capsys, "test", str(SCENARIO))
    assert code == 1 and out == _block("PASS  the Ashgabat meeting asks Iran about the invitation")
    lines = TEST.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[19] == "      tracks: {partnership: 5}\n"
    lines[19] = "      tracks: {partnership: 6}\n"
    TEST.write_text("".join(lines) + "\n" + _block("  - name: after Ashgabat"), encoding="utf-8")
    code1, out1, _ = _run(capsys, "validate", "scenarios/tests/ashgabat_classroom/")
    code2, out2, _ = _run(capsys, "test", str(SCENARIO))
    assert (code1, code2) == (0, 0) and out1 + out2 == _block("1 file(s) checked: all clean.\nPASS")

    # 7. the beginning of the simulation report
    code, out, _ = _run(capsys, "simulate", str(SCENARIO), "--games", "50")
    assert code == 0 and out.startswith(_block("Ashgabat classroom: 50 games from seed 0"))

    # the listing finds the new scenario first, as working
    code, out, _ = _run(capsys, "scenarios")
    assert code == 0 and out.startswith("ashgabat_classroom        working  Ashgabat classroom\n")
    # the page's listing shows the same rows (id, origin, title; the file lines differ by machine)
    rows = [line for line in _block("ashgabat_classroom ").splitlines() if not line.startswith(" ")]
    assert [line for line in out.splitlines() if not line.startswith(" ")] == rows


def test_the_scenario_test_example_passes_from_an_authors_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    example = _block("kind: test\nscenario: from_tabriz_to_kazan.yaml")
    f = tmp_path / "scenarios" / "tests" / "from_tabriz_to_kazan" / "kazan.test.yaml"
    f.parent.mkdir(parents=True)
    f.write_text(example, encoding="utf-8")
    code, out, err = _run(capsys, "test", "-k", "invitation at Ashgabat")
    assert err == "" and code == 0
    assert f"({f.relative_to(tmp_path)}:4:11)\n" in out  # the bundled test of that name, and this one
    bundled = len(list((SCENARIOS / "tests").glob("*/*.test.yaml")))  # the bundled scenarios' files, and this one
    assert bundled >= 7 and out.endswith(f"2 passed, 0 failed; {bundled + 1} test file(s).\n")



def test_editor_setup_shows_the_schema_lines_new_scenario_and_the_shipped_files_have(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    page = EDITOR.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["new-scenario", "name", "--dir", "scenarios"]) == 0  # the page says NAME
    layout = _block("scenarios/NAME.yaml", page=EDITOR).replace("NAME", "name").splitlines()
    assert len(layout) == 3
    for line in layout[:2]:  # FILE  # yaml-language-server: $schema=...
        path, first = (part.strip() for part in line.split("#", 1))
        assert Path(path).read_text(encoding="utf-8").splitlines()[0] == f"# {first}"
        assert (Path(path).parent / first.split("$schema=")[1]).is_file()
    assert sorted(p.name for p in Path().glob(layout[2])) == ["map.schema.json", "scenario.schema.json",
                                                             "test.schema.json"]
    # the shipped files' first lines, as the page quotes them
    for f in (MAIN, SCENARIOS / "map.yaml", *sorted(SCENARIOS.glob("tests/*/*.test.yaml"))):
        first = f.read_text(encoding="utf-8").splitlines()[0]
        assert f"`{first}`" in page or f"`{first.split('$schema=')[1]}`" in page, f"{f.name}: {first}"
