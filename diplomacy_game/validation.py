"""Validating content files of every kind (map, scenario, scenario test), told apart by their
``kind``: above the loader (maps and scenarios) and the scenario-test runner (which plays
actions on the engine), so that neither of them imports the other."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any

from .scenario.diagnostics import Diagnostic, DiagnosticList, did_you_mean
from .scenario.loader import _load_map, _load_scenario, buffers, display_path, read_document
from .scenario.safeyaml import YamlDocument, YamlError
from .scenario_tests import is_test_file, load_test_file, tests_of_scenario


def iter_content_files(paths: Iterable[str]) -> Iterator[str]:
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith((".yaml", ".yml")):
                        yield os.path.join(root, f)
        else:
            yield p


def validate_file(path: str, *, lint: bool = True) -> list[Diagnostic]:
    """Every diagnostic for one file (a map, a scenario or a test file, told apart by its ``kind``).

    With ``lint`` (the default) warnings come too; without, errors only.
    """
    diags = DiagnosticList()
    try:
        doc = read_document(path)
    except YamlError as exc:
        return [exc.diagnostic]
    kind = doc.data.get("kind") if isinstance(doc.data, dict) else None
    if kind == "map":
        _load_map(path, diags, lint)
    elif kind == "scenario":
        _load_scenario(path, diags, lint)
    elif kind == "test":
        diags.extend(load_test_file(path)[1])
    else:
        if not isinstance(doc.data, dict):
            diags.add(
                Diagnostic(
                    doc.locate(()),
                    "expected a mapping with 'kind: scenario', 'kind: map' or 'kind: test', "
                    f"got {_kind_name(doc.data)}",
                )
            )
        elif "kind" not in doc.data:
            diags.add(Diagnostic(doc.locate(()), "missing required key 'kind' (expected 'scenario', 'map' or 'test')"))
        else:
            hint = did_you_mean(str(kind), ["scenario", "map", "test"])
            diags.add(
                Diagnostic(
                    doc.locate(("kind",)),
                    f"unknown kind '{kind}' (expected 'scenario', 'map' or 'test')",
                    ("kind",),
                    hint=hint,
                )
            )
    return diags.sorted()


def validate_text(
    path: str | os.PathLike[str], text: str, *, others: Mapping[str, str] | None = None, lint: bool = True,
    parsed: MutableMapping[tuple[str, str], YamlDocument] | None = None,
) -> list[Diagnostic]:
    """``validate_file`` of the unsaved ``text`` of the file at ``path``.

    ``extend:``, ``map:`` and a test's ``scenario:`` resolve relative to ``path`` as usual;
    ``others`` (path -> text) are further unsaved files that stand in for theirs on disk.
    ``parsed``: a cache of parsed documents, kept by the caller from one call to the next, so
    that the files that did not change (the map, the scenario extended) are not parsed again.
    Nothing is written anywhere.
    """
    texts = dict(others or {})
    texts[os.fspath(path)] = text
    with buffers(texts, parsed):
        return validate_file(os.fspath(path), lint=lint)


def _kind_name(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "plain text"
    return type(value).__name__


def validate_paths(paths: Iterable[str], notes: list[str] | None = None) -> tuple[int, list[Diagnostic]]:
    """Validate files and folders; return how many files were read and every diagnostic.

    A scenario named on its own brings its tests folder (``tests/<name>/`` beside it) along;
    ``notes`` receives one line for each such scenario that has no tests folder.
    """
    count = 0
    out: list[Diagnostic] = []
    seen: set[str] = set()
    files = list(iter_content_files(paths))
    done = {os.path.abspath(f) for f in files}
    explicit = [p for p in paths if os.path.isfile(p)]
    queue = list(files)
    brought: set[str] = set()  # test files checked because their scenario was named, and it has errors
    while queue:
        f = queue.pop(0)
        count += 1
        diags = validate_file(f)
        if f in brought:  # its scenario's errors are reported already: no "the scenario has errors" too
            diags = [d for d in diags if not (d.path == ("scenario",) and d.message.endswith("' has errors"))]
        for d in diags:
            # a scenario that extends or uses another file reports that file's errors too;
            # when both are checked, say each error once
            key = d.format()
            if key not in seen:
                seen.add(key)
                out.append(d)
        if f not in explicit or is_test_file(f) or not _is_scenario(f):
            continue
        folder = tests_of_scenario(f)
        shown = display_path(folder) + os.sep
        tests = sorted(os.path.join(folder, t) for t in os.listdir(folder) if is_test_file(t)) \
            if os.path.isdir(folder) else []
        new = [t for t in tests if os.path.abspath(t) not in done]
        done.update(os.path.abspath(t) for t in new)
        queue.extend(new)
        if any(d.severity == "error" for d in diags):
            brought.update(new)
        if notes is not None and not os.path.isdir(folder):
            notes.append(f"{display_path(f)}: no tests folder {shown} beside it: no scenario tests checked")
    return count, out


def _is_scenario(path: str) -> bool:
    try:
        data = read_document(path).data
    except YamlError:
        return False
    return isinstance(data, dict) and data.get("kind") == "scenario"


__all__ = ["iter_content_files", "validate_file", "validate_paths", "validate_text"]
