"""JSON Schema (draft 2020-12) of the map and scenario formats, made from the loader's models."""

from __future__ import annotations

import json
import typing
from typing import Any

from pydantic import Tag

from .models import Condition, Effect, MapFile, ScenarioFile

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _kinds(union: Any, word: str) -> dict[str, str]:
    """Each effect's or condition's model name -> what an editor shows for it ('influence effect')."""
    out: dict[str, str] = {}
    for member in typing.get_args(typing.get_args(union)[0]):
        cls, *meta = typing.get_args(member)
        tag = next(m.tag for m in meta if isinstance(m, Tag))
        out[cls.__name__] = f"{tag} {word}"
    return out


_KIND_TITLES = {**_kinds(Effect, "effect"), **_kinds(Condition, "condition")}


def _for_editors(node: Any, in_properties: bool = False) -> Any:
    """The schema without the models' Python names: no class or field titles (editors show each
    key's description instead); an effect or a condition is titled by its kind ('track effect')."""
    if isinstance(node, list):
        return [_for_editors(x) for x in node]
    if not isinstance(node, dict):
        return node
    if in_properties:  # keys here are the format's own, 'title' among them
        return {k: _for_editors(v) for k, v in node.items()}
    out: dict[str, Any] = {}
    for k, v in node.items():
        if k == "title":
            continue
        if k == "$defs":
            out[k] = {name: {**_for_editors(d), **({"title": _KIND_TITLES[name]} if name in _KIND_TITLES else {})}
                      for name, d in v.items()}
        else:
            out[k] = _for_editors(v, in_properties=k == "properties")
    return out


def scenario_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _for_editors(ScenarioFile.model_json_schema(by_alias=True))
    required = [k for k in schema.get("required", []) if k != "kind"]
    # A scenario that extends another needs only what it changes.
    schema["required"] = ["kind"]
    schema["anyOf"] = [{"required": ["extend"]}, {"required": required}]
    schema["$schema"] = DIALECT
    schema["title"] = "Multipolar scenario"
    schema["description"] = "A diplomacy_game scenario file (docs/scenario-format.md)."
    return schema


def map_schema() -> dict[str, Any]:
    schema: dict[str, Any] = _for_editors(MapFile.model_json_schema(by_alias=True))
    schema["$schema"] = DIALECT
    schema["title"] = "Multipolar map"
    schema["description"] = "A diplomacy_game map file (docs/scenario-format.md)."
    return schema


def test_schema() -> dict[str, Any]:
    from .testing import TestFile

    schema: dict[str, Any] = _for_editors(TestFile.model_json_schema(by_alias=True))
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
