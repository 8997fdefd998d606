"""Hostile input: tags, alias bombs, huge files, deep nesting, duplicates — refused, located."""

from __future__ import annotations

import time

import pytest
import yaml

from diplomacy_game.scenario import safeyaml
from diplomacy_game.scenario.safeyaml import MAX_BYTES, YamlError, load_yaml


def _refuse(text: str | bytes) -> str:
    with pytest.raises(YamlError) as exc:
        load_yaml(text, "t.yaml")
    return exc.value.diagnostic.format()


def test_python_tags_are_refused() -> None:
    msg = _refuse("a: !!python/object/apply:os.system ['echo hi']\n")
    assert msg.startswith("t.yaml:1:4: error:") and "not allowed" in msg


def test_custom_local_tags_are_refused() -> None:
    assert "not allowed" in _refuse("a: !secret x\n")


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 10)}]")
    start = time.perf_counter()
    msg = _refuse("\n".join(lines) + "\n")
    assert time.perf_counter() - start < 2.0
    assert "alias bomb" in msg


PARSERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if getattr(yaml, "CSafeLoader", None) else [])]


@pytest.mark.parametrize("parser", PARSERS, ids=lambda p: p.__name__)
def test_absurd_nesting_is_refused_at_one_limit_in_either_parser(parser: type, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The pure-Python parser and libyaml refuse deep nesting at the same place, in the same words."""
    monkeypatch.setattr(safeyaml, "_PARSER", parser)
    want = f"nesting deeper than {safeyaml.MAX_DEPTH} levels"
    assert _refuse("[" * 50_000 + "]" * 50_000) == f"t.yaml:1:{safeyaml.MAX_DEPTH + 1}: error: {want}"
    assert _refuse("a: {b: " + "[" * 2_000 + "]" * 2_000 + "}\n").startswith("t.yaml:1:")
    assert want in _refuse("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 200)))


def test_brackets_in_quotes_and_comments_do_not_count_as_nesting() -> None:
    deep = "[" * 100
    doc = load_yaml(f"a: '{deep}'\nb: \"{deep}\"\n# {deep}\nc: 'it''s {deep}'\n", "t.yaml")
    assert doc.data == {"a": deep, "b": deep, "c": f"it's {deep}"}


def test_huge_file_is_refused_before_parsing() -> None:
    start = time.perf_counter()
    msg = _refuse(b"a: " + b"x" * (MAX_BYTES + 10))
    assert time.perf_counter() - start < 1.0
    assert "limit" in msg


def test_duplicate_keys_are_refused_at_the_second_key() -> None:
    msg = _refuse("a: 1\nb: 2\na: 3\n")
    assert msg.startswith("t.yaml:3:1:") and "duplicate key 'a'" in msg


def test_second_document_is_refused() -> None:
    assert "one YAML document" in _refuse("a: 1\n---\nb: 2\n")


def test_empty_file_is_refused() -> None:
    assert "empty" in _refuse("")
    assert "empty" in _refuse("# only a comment\n")


def test_non_utf8_is_refused() -> None:
    assert "UTF-8" in _refuse(b"a: \xff\xfe\n")


def test_locations_are_one_based_line_and_column() -> None:
    doc = load_yaml("top:\n  key: [1, 22]\n", "f.yaml")
    assert str(doc.locate(("top", "key", 1))) == "f.yaml:2:12"
    assert str(doc.locate(("top", "key"), key=True)) == "f.yaml:2:3"


def test_plain_keys_stay_text_and_dates_stay_text() -> None:
    doc = load_yaml("on: 2024-05-19\nno: yes\n", "f.yaml")
    assert doc.data == {"on": "2024-05-19", "no": True}
