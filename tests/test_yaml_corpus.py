"""The yaml-test-suite's invalid cases (shared/corpora): each is refused with a located error."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from helpers import CORPUS

from diplomacy_game.validation import validate_file

CASES = sorted(CORPUS.glob("*.yaml")) if CORPUS.is_dir() else []
# PyYAML accepts these as some document; scenario validation must still refuse them.
PYYAML_ACCEPTS = {"9C9N", "9JBA", "CVW2", "DK95-01", "G5U8", "QB6E", "S98Z", "SU5Z", "YJV2"}
LOCATED = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): error: .+")


def test_corpus_is_present_and_complete() -> None:
    assert len(CASES) == 94, f"expected the 94 invalid-YAML cases in {CORPUS}"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_yaml_is_refused_with_a_located_error(case) -> None:  # type: ignore[no-untyped-def]
    diags = validate_file(str(case))
    assert diags, f"{case.name} was accepted"
    first = diags[0].format()
    m = LOCATED.match(first)
    assert m, first
    assert m["file"].endswith(case.name)
    text = case.read_bytes()
    assert 1 <= int(m["line"]) <= text.count(b"\n") + 2


def test_the_nine_cases_pyyaml_accepts_fail_validation_not_parsing() -> None:
    import yaml

    for stem in PYYAML_ACCEPTS:
        path = CORPUS / f"{stem}.yaml"
        list(yaml.safe_load_all(path.read_text()))  # PyYAML parses it...
        assert validate_file(str(path)), stem  # ...we still refuse it


def test_validate_command_refuses_whole_corpus_without_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "diplomacy_game", "validate", str(CORPUS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ": error: " in ln]
    files = {LOCATED.match(ln)["file"] for ln in lines if LOCATED.match(ln)}  # type: ignore[index]
    assert len(files) == 94
