"""Model dataclasses to JSON-ready dicts and back, driven by their type hints."""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # a field marked ``apart`` is stored elsewhere (binary, in a table of its own)
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value) if not f.metadata.get("apart")}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def from_plain(cls: type[T], data: Any) -> T:
    return _build(cls, data)


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(hint: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _build(inner[0], data) if len(inner) == 1 else data
    if dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        return hint(**{k: _build(hints[k], v) for k, v in data.items() if k in hints})
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_build(item, v) for v in data]
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_build(item, v) for v in data)
    if origin is dict:
        _, item = typing.get_args(hint)
        return {k: _build(item, v) for k, v in data.items()}
    return data
