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


def _walk(node: object, where: str, found: list[str], classes: set[str]) -> None:
    """Every property without a description, and every title that is a Python class name."""
    if isinstance(node, dict):
        title = node.get("title")
        if isinstance(title, str) and title in classes:
            found.append(f"{where}: title {title!r} is a model's class name")
        props = node.get("properties")
        if isinstance(props, dict):
            for key, sub in props.items():
                if not (isinstance(sub, dict) and isinstance(sub.get("description"), str) and sub["description"]):
                    found.append(f"{where}.{key}: no description")
        for key, sub in node.items():
            if key == "properties" and isinstance(sub, dict):
                for name, prop in sub.items():
                    _walk(prop, f"{where}.{name}", found, classes)
            else:
                _walk(sub, f"{where}/{key}", found, classes)
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            _walk(sub, f"{where}[{i}]", found, classes)


def _model_class_names() -> set[str]:
    from pydantic import BaseModel

    from diplomacy_game.scenario import models, testing

    return {name for mod in (models, testing) for name, obj in vars(mod).items()
            if isinstance(obj, type) and issubclass(obj, BaseModel)}


@pytest.mark.parametrize("name", ["scenario.schema.json", "map.schema.json", "test.schema.json"])
def test_every_schema_key_has_a_description_and_no_title_is_a_class_name(name: str) -> None:
    found: list[str] = []
    classes = _model_class_names()
    assert {"EInfluence", "ETrack", "Faction", "Expect"} <= classes
    _walk(schemas()[name], "#", found, classes)
    assert found == [], f"{len(found)} problem(s):\n" + "\n".join(found)


def test_the_schema_and_the_models_give_a_key_the_same_description() -> None:
    from diplomacy_game.scenario.models import Card, InfluenceEff

    schema = schemas()["scenario.schema.json"]
    assert schema["$defs"]["Card"]["properties"]["ops"]["description"] == Card.model_fields["ops"].description
    assert schema["$defs"]["InfluenceEff"]["properties"]["add"]["description"] == \
        InfluenceEff.model_fields["add"].description
    assert schema["$defs"]["EInfluence"]["title"] == "influence effect"
    assert schema["$defs"]["CTrack"]["title"] == "track condition"
    assert schema["properties"]["title"]["description"]  # 'title', a scenario's key, is kept
