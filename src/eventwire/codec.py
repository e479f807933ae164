"""Records <-> JSON values, and the JSON Schema of the output record.

Written by hand because the conversion is driven by the records' own type hints: pydantic
would need a second model tree that mirrors ``records`` and could drift from it. Supported
annotations are exactly those ``records`` uses: dataclasses, ``str``/``int``/``float``/
``bool``, ``StrEnum`` subclasses, ``X | None`` and ``tuple[X, ...]`` / ``tuple[X, Y]``.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from eventwire import records

T = TypeVar("T")

_SCALARS: dict[type, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


def to_json(value: Any) -> Any:
    """Convert a record (or a value inside one) to plain JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [to_json(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    return value


def from_json(cls: type[T], data: Any) -> T:
    """Build a record of type ``cls`` from the JSON values :func:`to_json` wrote."""
    return typing.cast(T, _convert(cls, data))


def _convert(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        if data is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(inner, data)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in data)
        return tuple(_convert(a, v) for a, v in zip(args, data, strict=True))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {f.name: _convert(hints[f.name], data[f.name])
                  for f in dataclasses.fields(tp) if f.name in data}
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return tp(data)
    if tp is float and isinstance(data, int):
        return float(data)
    return data


def dumps(value: Any) -> str:
    """Compact JSON text of a record."""
    return json.dumps(to_json(value), ensure_ascii=False, separators=(",", ":"))


def json_schema(cls: type = records.Record) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of a record type, every field required."""
    defs: dict[str, Any] = {}
    _schema(cls, defs)
    body = defs.pop(cls.__name__)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"eventwire {cls.__name__}", **body, "$defs": defs}


def _schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return {"anyOf": [_schema(inner, defs), {"type": "null"}]}
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _schema(args[0], defs)}
        items = [_schema(a, defs) for a in args]
        return {"type": "array", "prefixItems": items, "minItems": len(items),
                "maxItems": len(items)}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            hints = _hints(tp)
            fields = dataclasses.fields(tp)
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or name).strip().splitlines()[0],
                "properties": {f.name: _schema(hints[f.name], defs) for f in fields},
                "required": [f.name for f in fields],
            }
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return {"type": "string", "enum": [m.value for m in tp]}
    return {"type": _SCALARS[tp]}
