"""Turn pydantic validation errors into located diagnostics in the author's own words."""

from __future__ import annotations

import calendar
import re
import types
import typing
from typing import Any, Union

from pydantic import BaseModel, Discriminator, Tag, ValidationError

from ..safefile import printable
from .diagnostics import Diagnostic, Path, did_you_mean
from .models import CONDITION_KINDS, EFFECT_KINDS, OWNER_ACCEPTS, Card
from .safeyaml import YamlDocument


def _strip(tp: Any) -> Any:
    """Remove Annotated and Optional wrappers that do not change the shape."""
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            args = typing.get_args(tp)
            if any(isinstance(a, Discriminator) for a in args[1:]):
                return tp
            tp = args[0]
            continue
        if origin in (Union, types.UnionType):
            members = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(members) == 1:
                tp = members[0]
                continue
        return tp


def _tagged_members(tp: Any) -> dict[str, Any] | None:
    """For a discriminated union, the map from tag to member type."""
    if typing.get_origin(tp) is not typing.Annotated:
        return None
    args = typing.get_args(tp)
    if not any(isinstance(a, Discriminator) for a in args[1:]):
        return None
    union = args[0]
    out: dict[str, Any] = {}
    for member in typing.get_args(union):
        margs = typing.get_args(member)
        for meta in margs[1:]:
            if isinstance(meta, Tag):
                out[meta.tag] = margs[0]
    return out


_SCALAR_BRANCHES = ("str", "int", "float", "bool", "none")


def _branch_kind(name: str) -> str:
    """'constrained-str' -> 'str', 'list[constrained-str]' -> 'list', 'Between' -> 'Between'."""
    name = name.removeprefix("constrained-")
    return name.split("[", 1)[0]


def data_path(
    model: type[BaseModel], loc: tuple[Any, ...], branches: list[tuple[str, int]] | None = None
) -> tuple[Path, type[BaseModel] | None]:
    """Map a pydantic error location to the path in the YAML data.

    Drops the union tags pydantic inserts and turns field names into their YAML keys.
    Also returns the model whose field the path ends in (for 'did you mean' on keys).
    """
    tp: Any = model
    out: list[str | int] = []
    last_model: type[BaseModel] | None = model
    for elem in loc:
        tp = _strip(tp)
        members = _tagged_members(tp)
        if members is not None:
            if isinstance(elem, str) and elem in members:
                tp = members[elem]
                continue
            tp = Any
        origin = typing.get_origin(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            last_model = tp
            field = tp.model_fields.get(str(elem))
            if field is None:
                for name, f in tp.model_fields.items():
                    if f.alias == elem:
                        field, elem = f, f.alias or name
                        break
            else:
                elem = field.alias or elem
            out.append(elem)
            tp = field.annotation if field is not None else Any
            continue
        if origin is list and isinstance(elem, int):
            out.append(elem)
            tp = typing.get_args(tp)[0]
            continue
        if origin is dict:
            if isinstance(elem, str) and elem.endswith("[key]"):
                out.append(elem[: -len("[key]")])
                tp = Any
                continue
            out.append(elem)
            tp = typing.get_args(tp)[1]
            continue
        # an untagged union such as ``str | list[str]`` or ``int | Between``: pydantic names
        # the branch (a type, or a model's class name), which is no key of the author's
        if origin in (Union, types.UnionType) and isinstance(elem, str):
            member = next((m for m in typing.get_args(tp) if getattr(m, "__name__", None) == elem), None)
            if member is not None or _branch_kind(elem) in ("list", "dict", *_SCALAR_BRANCHES):
                if branches is not None:
                    branches.append((elem, len(out)))
                tp = member if member is not None else Any
                continue
        out.append(elem)
        tp = Any
    return tuple(out), last_model


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    text = str(value)
    return f"'{printable(text[:40], 40)}'" + ("..." if len(text) > 40 else "")


def _get(data: Any, path: Path) -> Any:
    cur = data
    for p in path:
        try:
            cur = cur[p]
        except (KeyError, IndexError, TypeError):
            return None
    return cur


def translate(err: ValidationError, model: type[BaseModel], doc: YamlDocument, base: Path = ()) -> list[Diagnostic]:
    """Every pydantic error as a located diagnostic."""
    out: list[Diagnostic] = []
    for e in _one_branch(err, model, doc, base):
        path, owner = data_path(model, tuple(e["loc"]))
        path = (*base, *path)
        kind = e["type"]
        value = e.get("input")
        hint = None
        if kind == "extra_forbidden":
            key = path[-1]
            fields = []
            if owner is not None:
                fields = [f.alias or n for n, f in owner.model_fields.items()]
            hint = did_you_mean(str(key), fields)
            allowed = ", ".join(fields)
            msg = f"unknown key '{key}'" + (f" (expected one of: {allowed})" if allowed else "")
            loc = doc.locate(path, key=True)
        elif kind == "missing":
            key = path[-1]
            msg = f"missing required key '{key}'"
            loc = doc.locate(path[:-1])
        elif kind in ("effect", "condition"):
            kinds = EFFECT_KINDS if kind == "effect" else CONDITION_KINDS
            what = "an effect" if kind == "effect" else "a condition"
            if isinstance(value, dict) and value:
                keys = list(value)
                unknown = [k for k in keys if k not in kinds]
                if unknown:
                    msg = f"unknown {kind} '{unknown[0]}' (expected one of: {', '.join(kinds)})"
                    hint = did_you_mean(str(unknown[0]), kinds)
                    loc = doc.locate((*path, unknown[0]), key=True)
                else:
                    msg = f"{what} has exactly one key; found {len(keys)}: {', '.join(map(str, keys))}"
                    loc = doc.locate(path)
            else:
                msg = f"expected {what} (a mapping with one key, one of: {', '.join(kinds)}), got {_describe(value)}"
                loc = doc.locate(path)
        elif kind == "literal_error":
            expected = e.get("ctx", {}).get("expected", "")
            msg = f"expected {expected}, got {_describe(value)}"
            loc = doc.locate(path)
            if isinstance(value, str):
                hint = did_you_mean(value, [x.strip(" '") for x in str(expected).replace(" or ", ",").split(",")])
        elif kind == "string_pattern_mismatch":
            pattern = str(e.get("ctx", {}).get("pattern", ""))
            if "\\d{4}-(0[1-9]|1[0-2])-" in pattern and pattern.startswith("^\\d{4}-"):
                want = "a date YYYY-MM-DD"
            elif pattern.startswith("^\\d{4}-") and "(-(0[1-9]" in pattern:  # the day may follow
                want = "a month YYYY-MM or a day YYYY-MM-DD"
            elif pattern.startswith("^\\d{4}-"):
                want = "a month YYYY-MM"
            elif pattern.startswith("^\\d{4}"):
                want = "a date YYYY, YYYY-MM or YYYY-MM-DD"
            elif pattern.startswith("^#"):
                want = "a colour like #1a2b3c"
            else:
                want = "an id in snake_case (lower-case letters, digits, _)"
            msg = f"expected {want}, got {_describe(value)}"
            if want.startswith(("a date", "a month")) and isinstance(value, str):
                why = date_problem(value)
                msg += f": {why}" if why else ""
            loc = doc.locate(path)
        elif kind in ("less_than_equal", "greater_than_equal", "too_short", "too_long"):
            ctx = e.get("ctx", {})
            if kind == "less_than_equal":
                msg = f"expected at most {ctx.get('le')}, got {_describe(value)}"
            elif kind == "greater_than_equal":
                msg = f"expected at least {ctx.get('ge')}, got {_describe(value)}"
            elif kind == "too_short":
                msg = f"expected at least {ctx.get('min_length')} item(s), got {ctx.get('actual_length')}"
            else:
                msg = f"too long: at most {ctx.get('max_length')}, got {ctx.get('actual_length')}"
            loc = doc.locate(path)
        elif kind == "string_too_long":
            limit = e.get("ctx", {}).get("max_length", 0)
            got = len(value) if isinstance(value, str) else 0
            msg = f"too long: at most {limit:,} characters, got {got:,}"
            loc = doc.locate(path)
        elif kind == "value_error":
            msg = str(e["msg"]).removeprefix("Value error, ")
            loc = doc.locate(path)
        else:
            msg = str(e["msg"])
            msg = msg.replace("Input should be", "expected").replace("a valid ", "")
            msg = msg[0].lower() + msg[1:] if msg else msg
            if kind.endswith(("_type", "_parsing")) or kind in ("model_type", "union_merged"):
                if kind == "model_type":
                    msg = "expected a mapping"
                msg += f", got {_describe(value)}"
            loc = doc.locate(path)
        if owner is Card and "owner" in path[-2:] and kind not in ("extra_forbidden", "missing"):
            msg += f": {OWNER_ACCEPTS}"
        out.append(Diagnostic(loc, msg, path, hint=hint))
    return out


def _one_branch(err: ValidationError, model: type[BaseModel], doc: YamlDocument, base: Path) -> list[Any]:
    """The errors, with those of an untagged union (``int | {at_least: ...}``) told once.

    Pydantic reports a failed union once per branch. For a mapping or a list, only the branches
    that take one are kept (the author meant one of those); for a scalar, only the scalar
    branches, and plain type mismatches of several branches become one 'expected A or B'.
    """
    errors = list(err.errors())
    groups: dict[Path, list[tuple[int, str]]] = {}
    depth: dict[int, int] = {}
    for i, e in enumerate(errors):
        branches: list[tuple[str, int]] = []
        path, _ = data_path(model, tuple(e["loc"]), branches)
        depth[i] = len(path)
        if branches:
            name, at = branches[0]
            groups.setdefault((*base, *path[:at]), []).append((i, _branch_kind(name)))
    drop: set[int] = set()
    merged: dict[int, Any] = {}
    for where, members in groups.items():
        if len({name for _, name in members}) < 2:
            continue
        # the value itself: the input of an error raised right where the branches part
        at_root = [errors[i].get("input") for i, _ in members if depth[i] == len(where) - len(base)]
        value = at_root[0] if at_root else _get(doc.data, where)
        structured = isinstance(value, dict | list)
        keep = [(i, n) for i, n in members if (n.lower() not in _SCALAR_BRANCHES) == structured]
        if not keep:
            keep = members
        drop.update(i for i, _ in members if (i, _) not in keep)
        plain = [(i, n) for i, n in keep if errors[i]["type"].endswith(("_type", "_parsing")) or
                 errors[i]["type"] == "model_type"]
        if len(plain) >= 2 and len(plain) == len(keep):
            words = {"str": "text", "int": "a whole number", "float": "a number", "bool": "true/false",
                     "list": "a list", "dict": "a mapping"}
            wanted = " or ".join(dict.fromkeys(words.get(n, "a mapping" if n[0].isupper() else n) for _, n in plain))
            first = plain[0][0]
            merged[first] = {**errors[first], "type": "union_merged", "msg": f"expected {wanted}"}
            drop.update(i for i, _ in plain[1:])
    return [merged.get(i, e) for i, e in enumerate(errors) if i not in drop]


__all__ = ["_get", "data_path", "translate"]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def date_problem(value: str) -> str | None:
    """Why a date-shaped text is not a date: 'there is no month 13', 'October has no day 32'."""

    m = re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", value.strip())
    if m is None:
        return "write it as digits with dashes, e.g. 2024-10-22" if any(c.isdigit() for c in value) else None
    year, month = int(m.group(1)), int(m.group(2))
    if not 1 <= month <= 12:
        return f"there is no month {month} (months are 01 to 12)"
    if len(m.group(2)) != 2:
        return f"write the month with two digits ({month:02d})"
    if m.group(3) is not None:
        day = int(m.group(3))
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return f"{_MONTHS[month - 1]} {year} has no day {day} (it has {last})"
        if len(m.group(3)) != 2:
            return f"write the day with two digits ({day:02d})"
    return None
