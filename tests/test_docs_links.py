"""Every relative link in the Markdown docs (README.md, docs/*.md, the package's data/**/*.md)
leads to a file or folder that exists, and a link to a heading of a Markdown file to a heading
that exists."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from helpers import ROOT

PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").glob("*.md"),
                *(ROOT / "diplomacy_game" / "data").rglob("*.md")])
# [text](target) and ![alt](target), not inside `code`; an optional "title" after the target
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
CODE = re.compile(r"`[^`\n]*`")


def _links(page: Path) -> list[tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    text = FENCE.sub(lambda m: "\n" * m.group(0).count("\n"), text)  # keep the line numbers
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        for m in LINK.finditer(CODE.sub("", line)):
            out.append((n, m.group(1)))
    return out


def _anchors(page: Path) -> set[str]:
    """GitHub's heading anchors: lower case, punctuation dropped, spaces as '-'."""
    out = set()
    for line in FENCE.sub("", page.read_text(encoding="utf-8")).splitlines():
        if m := re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line):
            title = CODE.sub(lambda c: c.group(0).strip("`"), m.group(1)).lower()
            out.add(re.sub(r"[^\w\- ]", "", title).replace(" ", "-"))
    return out


def _broken(page: Path, root: Path = ROOT) -> list[str]:
    bad = []
    for n, target in _links(page):
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("//"):
            continue  # https:, mailto:: not a file of the project
        path, _, anchor = target.partition("#")
        dest = page if not path else (page.parent / unquote(path))
        if not dest.exists():
            bad.append(f"{page.relative_to(root)}:{n}: {target}: no such file")
        elif anchor and dest.suffix == ".md" and anchor not in _anchors(dest):
            bad.append(f"{page.relative_to(root)}:{n}: {target}: no heading '#{anchor}' in {dest.name}")
    return bad


def test_the_link_checker_sees_links_and_finds_a_broken_one(tmp_path: Path) -> None:
    (tmp_path / "there.md").write_text("# A heading, with `code`\n")
    page = tmp_path / "page.md"
    page.write_text("See [there](there.md#a-heading-with-code), ![pic](gone.png), [web](https://x.org),\n"
                    "`[not a link](nowhere.md)` and [gone](there.md#no-such-heading).\n"
                    "```\n[in a fence](nowhere.md)\n```\n")
    assert _links(page) == [(1, "there.md#a-heading-with-code"), (1, "gone.png"), (1, "https://x.org"),
                            (2, "there.md#no-such-heading")]
    bad = [b.split(": ", 1)[1] for b in _broken(page, tmp_path)]
    assert bad == ["gone.png: no such file", "there.md#no-such-heading: no heading '#no-such-heading' in there.md"]


def _pages() -> list[object]:
    return [pytest.param(p, id=str(p.relative_to(ROOT))) for p in PAGES]


@pytest.mark.parametrize("page", _pages())
def test_every_relative_link_resolves(page: Path) -> None:
    assert _broken(page) == []
