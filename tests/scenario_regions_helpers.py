"""A scenario of the main game with a region of its own (Kurdistan), written into a test's folder."""

from __future__ import annotations

from pathlib import Path

KURDISTAN_AT = (44.01, 36.19)  # Erbil

KURDISH_QUESTION = f"""\
kind: scenario
extend: from_tabriz_to_kazan.yaml
id: kurdish_question
title: The Kurdish Question
summary: The main scenario with a region of its own.
regions:
  - id: kurdistan
    name: Kurdistan
    bloc: middle_east
    stability: 2
    battleground: true
    links: [iraq, turkey, iran, syria]
    at: {{lon: {KURDISTAN_AT[0]}, lat: {KURDISTAN_AT[1]}}}
  - id: syria
    stability: 3
"""


def write_kurdish_question(folder: Path) -> Path:
    path = folder / "kurdish_question.yaml"
    path.write_text(KURDISH_QUESTION)
    return path
