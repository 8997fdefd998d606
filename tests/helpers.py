"""Paths shared by the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
MAIN = SCENARIOS / "from_tabriz_to_kazan.yaml"
SHORT = SCENARIOS / "ashgabat_to_kazan.yaml"
CORPUS = ROOT.parent / "shared" / "corpora" / "yaml-test-suite-errors"
