"""One home for colour arithmetic (ui/colour.py): parsing, mixing and contrast."""

from __future__ import annotations

import ast

import pytest

from diplomacy_game.ui.colour import contrast, mix, parse_hex, readable_on, rgb
from tests.helpers import ROOT


def test_parse_hex_reads_rgb_and_rgba_and_refuses_anything_else() -> None:
    assert parse_hex("#0e1116") == (14, 17, 22)
    assert parse_hex("000000c0") == (0, 0, 0, 192)
    for bad in ("#abc", "", "#12345g"):
        with pytest.raises(ValueError):
            parse_hex(bad)
    assert rgb("not a colour") == (128, 128, 128) and rgb("#ff000080") == (255, 0, 0)


def test_mix_and_readable_on_give_text_that_meets_wcag_aa_on_any_grey() -> None:
    assert mix((0, 0, 0), (200, 100, 50), 0.5) == (100, 50, 25)
    for v in range(0, 256, 5):
        assert contrast(readable_on((v, v, v)), (v, v, v)) >= 4.5


def test_no_other_ui_module_defines_its_own_colour_arithmetic() -> None:
    names = {"parse_hex", "parse_colour", "mix", "luminance", "contrast", "readable_on", "text_on"}
    offenders = []
    for path in sorted((ROOT / "diplomacy_game" / "ui").rglob("*.py")):
        if path.name == "colour.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in names:
                offenders.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert offenders == []
