"""The New game screen lists the scenarios the game finds: the same set, in the same order, as
``diplomacy-game scenarios`` (working folder, the user's folder, then the bundled ones)."""

from __future__ import annotations

from pathlib import Path

from ui_driver import SCENARIOS, Driver, digit

from diplomacy_game import resources
from diplomacy_game.ui.scenes.newgame import NewGameScene


def test_new_game_lists_the_scenarios_found_with_where_they_come_from(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    work = tmp_path / "work"
    (work / "scenarios").mkdir(parents=True)
    monkeypatch.chdir(work)
    monkeypatch.setenv("DIPLOMACY_GAME_DATA_DIR", str(tmp_path / "data"))
    text = (SCENARIOS / "ashgabat_to_kazan.yaml").read_text(encoding="utf-8")
    (tmp_path / "data" / "scenarios").mkdir(parents=True)
    (tmp_path / "data" / "scenarios" / "winter_talks.yaml").write_text(
        text.replace("id: ashgabat_to_kazan", "id: winter_talks").replace("title: Ashgabat to Kazan",
                                                                          "title: Winter talks"), encoding="utf-8")
    (work / "scenarios" / "ashgabat_to_kazan.yaml").write_text(
        text.replace("title: Ashgabat to Kazan", "title: My Ashgabat"), encoding="utf-8")
    d = Driver()
    d.step([digit(1)])
    ng = d.top
    assert isinstance(ng, NewGameScene)
    listed = [p for p, _scn, _err in ng.entries]
    found = [f.path for f in resources.find_scenario_files() if not f.shadowed]
    assert sorted(listed) == sorted(found)
    assert work / "scenarios" / "ashgabat_to_kazan.yaml" in listed  # it shadows the bundled one
    assert SCENARIOS / "ashgabat_to_kazan.yaml" not in listed
    texts = d.step()
    assert "My Ashgabat · this folder" in texts
    assert "Winter talks · your scenarios" in texts
    assert "From Tabriz to Kazan" in texts


def test_the_title_counts_the_players_and_takes_the_colours_of_the_default_scenario(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    d = Driver()
    assert "A hot-seat strategy game for one to three players" in d.step()
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "from_tabriz_to_kazan.yaml").write_text(
        "kind: scenario\nid: duel\ntitle: Duel\nsummary: S\nmap: map.yaml\ncalendar: {start: 2024-05, turns: 1}\n"
        "factions:\n  - {id: a, name: A, home: [russia], color: '#102030'}\n"
        "  - {id: b, name: B, home: [iran], color: '#405060'}\n"
        "cards:\n  - {id: c1, title: C, ops: 2, owner: a, text: T, source: public record}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # this folder's scenario of that id comes first
    d = Driver()
    texts = d.step()
    assert "A hot-seat strategy game for one to two players" in texts
    title = d.top
    _line, colours = title.about()  # type: ignore[attr-defined]
    assert colours == [(0x10, 0x20, 0x30), (0x40, 0x50, 0x60)]
    found = {tuple(d.app.screen.get_at((5, y)))[:3] for y in range(d.app.screen.get_height())}
    assert (0x10, 0x20, 0x30) in found and (0x40, 0x50, 0x60) in found
