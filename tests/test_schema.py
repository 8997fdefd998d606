"""The JSON Schema is generated from the loader's models and describes every shipped file."""

from __future__ import annotations

import json

import jsonschema
import pytest
from helpers import ROOT, SCENARIOS

from diplomacy_game.cli import main
from diplomacy_game.scenario.safeyaml import load_yaml
from diplomacy_game.scenario.schema import dumps, schemas

SCHEMA_DIR = ROOT / "diplomacy_game" / "data" / "schema"


@pytest.mark.parametrize("name", ["scenario.schema.json", "map.schema.json"])
def test_committed_schema_files_are_up_to_date(name: str) -> None:
    # compared as data: pydantic versions differ only in writing 90 or 90.0
    assert json.loads((SCHEMA_DIR / name).read_text()) == json.loads(dumps(schemas()[name])), \
        "run: diplomacy-game schema --write diplomacy_game/data/schema"


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_file_validates_against_the_schema_and_names_it(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text()
    data = load_yaml(text, str(path)).data
    kind = "map" if data["kind"] == "map" else "scenario"
    first = text.splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"
    schema = json.loads((SCHEMA_DIR / f"{kind}.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert errors == []


def test_schema_refuses_what_the_loader_refuses() -> None:
    schema = schemas()["scenario.schema.json"]
    v = jsonschema.Draft202012Validator(schema)
    assert list(v.iter_errors({"kind": "scenario", "extend": "x.yaml", "cards": [{"id": "c", "ops": 9}]}))
    assert list(v.iter_errors({"kind": "scenario", "id": "x"}))


def test_schema_command_prints_json(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["schema"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["$schema"].endswith("2020-12/schema")
    assert main(["schema", "--map"]) == 0
    assert "regions" in json.loads(capsys.readouterr().out)["properties"]
