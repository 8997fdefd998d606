"""Sources are shown to players by title and date, never as a file path."""

from __future__ import annotations

from ui_driver import SHORT, Driver

from diplomacy_game.ui.scenes.dialogs import ChoiceDialog, _source_line
from diplomacy_game.ui.scenes.newgame import load_cached


def test_source_line_names_a_cited_article_by_title_and_date() -> None:
    scn = load_cached(SHORT)
    line = _source_line(scn, "putin_meets_pezeshkian_ashgabat", "2024-10-11")
    assert line == ("2024-10-11  ·  Source: “Putin cements ties with Iranian president in Central Asia meeting”, "
                    "11 October 2024")
    assert _source_line(scn, "public record", "2024-10-22") == "2024-10-22  ·  Source: public record"


def test_the_ashgabat_dialog_shows_the_article_title_not_its_file() -> None:
    d = Driver()
    d.start_game({"russia": "ai:easy", "iran": "human", "west": "ai:easy"})
    assert isinstance(d.top, ChoiceDialog)  # Ashgabat: does Iran go to Kazan?
    texts = d.step()
    assert any("Source: “Putin cements ties" in t for t in texts), texts
    assert not any("sources/" in t for t in texts)
