"""The help screen is the rulebook: the same pages, readable and scrollable at every size."""

from __future__ import annotations

import pygame
import pytest
from ui_driver import Driver, digit, key

from diplomacy_game.ui import rulebook
from diplomacy_game.ui.scenes import kit
from diplomacy_game.ui.scenes.help import HelpScene, help_pages


def test_help_pages_are_the_rulebook_pages() -> None:
    book = rulebook.load()
    titles = [p.title for p in help_pages()]
    for page in book:
        if page.title != "Pictures in this book":
            assert page.title in titles
    assert titles[-1] == "Keyboard shortcuts"
    assert len(book) >= 10


def test_parse_strips_markers_and_markup() -> None:
    pages = rulebook.parse("# T\n\n## One\n\nDraw **5**<!--=rules.hand_size--> cards, *then* `play`.\n\n"
                           "- a\n  continued\n- b\n\n| k | v |\n| --- | --- |\n| x | **1** |\n")
    (page,) = pages
    assert page.blocks[0].text == "Draw 5 cards, then play."
    assert [b.text for b in page.blocks if b.kind == "li"] == ["a continued", "b"]
    table = next(b for b in page.blocks if b.kind == "table")
    assert table.rows == [["k", "v"], ["x", "1"]]


def _words(texts: list[str]) -> set[str]:
    return {w for t in texts for w in t.split()}


@pytest.mark.parametrize("size", [(1280, 720), (1024, 640), (640, 480)])
def test_every_page_is_shown_whole_and_fits(size: tuple[int, int]) -> None:
    d = Driver(size=size)
    d.step([key(pygame.K_F1)])
    h = d.top
    assert isinstance(h, HelpScene)
    h.goto(0)
    for i, page in enumerate(h.pages):
        d.step()
        assert h.page == i
        seen: set[str] = set()
        for _ in range(200):  # scroll to the end of the page, collecting what is drawn
            seen |= _words(d.step())
            if h.scroll >= h.max_scroll:
                break
            before = h.scroll
            d.step([key(pygame.K_DOWN)])
            assert h.scroll > before
        want = _words(page.plain().splitlines())
        want = {w for w in want if not w.startswith("[picture")}
        missing = {w for w in want if w not in seen and not w.startswith("picture:")}
        assert len(missing) <= len(want) // 50, (page.title, sorted(missing)[:20])
        # no line of text is wider than the page
        for op in h.ops:
            if op.kind == "text":
                w = kit.FONTS.get(op.size, op.bold).size(op.text)[0]
                assert op.x + w <= h.view.w + 2, (page.title, op.text)
        d.step([key(pygame.K_RIGHT)])


def test_contents_click_digit_and_close() -> None:
    d = Driver()
    d.step([key(pygame.K_F1)])
    h = d.top
    assert isinstance(h, HelpScene)
    target = next(b for b in h.contents if b.label == "Control")
    d.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=target.rect.center, button=1)])
    assert h.pages[h.page].title == "Control"
    texts = d.step()
    assert "Control" in texts
    d.step([digit(1)])
    assert h.page == 0
    d.step([key(pygame.K_ESCAPE)])
    assert not isinstance(d.top, HelpScene)
    d.step([key(pygame.K_F1)])  # it opens where it was left
    assert isinstance(d.top, HelpScene) and d.top.page == 0
    d.step([key(pygame.K_F1)])
    assert not isinstance(d.top, HelpScene)
