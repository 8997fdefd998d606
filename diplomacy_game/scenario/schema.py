"""JSON Schema (draft 2020-12) of the map and scenario formats, made from the loader's models."""

from __future__ import annotations

import json
from typing import Any

from .models import MapFile, ScenarioFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def scenario_schema() -> dict[str, Any]:
    schema = ScenarioFile.model_json_schema(by_alias=True)
    required = [k for k in schema.get("required", []) if k != "kind"]
    # A scenario that extends another needs only what it changes.
    schema["required"] = ["kind"]
    schema["anyOf"] = [{"required": ["extend"]}, {"required": required}]
    schema["$schema"] = DIALECT
    schema["title"] = "Multipolar scenario"
    schema["description"] = "A diplomacy_game scenario file (docs/scenario-format.md)."
    return schema


def map_schema() -> dict[str, Any]:
    schema = MapFile.model_json_schema(by_alias=True)
    schema["$schema"] = DIALECT
    schema["title"] = "Multipolar map"
    schema["description"] = "A diplomacy_game map file (docs/scenario-format.md)."
    return schema


def test_schema() -> dict[str, Any]:
    from .testing import TestFile

    schema = TestFile.model_json_schema(by_alias=True)
    schema["$schema"] = DIALECT
    schema["title"] = "Multipolar scenario test"
    schema["description"] = "A diplomacy_game scenario test file, *.test.yaml (docs/authoring.md)."
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    return {
        "scenario.schema.json": scenario_schema(),
        "map.schema.json": map_schema(),
        "test.schema.json": test_schema(),
    }


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
