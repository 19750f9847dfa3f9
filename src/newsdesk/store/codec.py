"""Model dataclasses to JSON-ready dicts and back, driven by their type hints.

Both directions work out once per type what to do with its values (the field names of a
dataclass, the decoder of each field), not once per value: the writer encodes every analysis it
stores and decodes every analysis a dossier is built from, about 2,000 values an article."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")
Decoder = Callable[[Any], Any]

_AS_IS = frozenset((str, int, float, bool, type(None)))


def to_plain(value: Any) -> Any:
    kind = type(value)
    if kind in _AS_IS:
        return value
    names = _field_names(kind)
    if names is not None:
        return {name: to_plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...] | None:
    """A dataclass's stored field names (None: not a dataclass). A field marked ``apart`` is
    stored elsewhere (binary, in a table of its own)."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind) if not f.metadata.get("apart"))


def from_plain(cls: type[T], data: Any) -> T:
    return _build(cls, data)


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(hint: Any, data: Any) -> Any:
    if data is None:
        return None
    decode = _decoder(hint)
    return data if decode is None else decode(data)


@lru_cache(maxsize=None)
def _decoder(hint: Any) -> Decoder | None:
    """What turns plain data (not None) into a value of ``hint``; None: the data as it is."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decoder(inner[0]) if len(inner) == 1 else None
    if dataclasses.is_dataclass(hint):
        return _DataclassDecoder(hint)
    if origin is list:
        item = _decoder(typing.get_args(hint)[0])
        return list if item is None else lambda data: [None if v is None else item(v) for v in data]
    if origin is tuple:
        item = _decoder(typing.get_args(hint)[0])
        return tuple if item is None else lambda data: tuple(None if v is None else item(v) for v in data)
    if origin is dict:
        item = _decoder(typing.get_args(hint)[1])
        return dict if item is None else lambda data: {k: None if v is None else item(v) for k, v in data.items()}
    return None


class _DataclassDecoder:
    """Builds a dataclass from a dict, each field through its own decoder (looked up at the first
    use, so that a dataclass holding its own kind is no endless recursion); unknown keys are left out."""

    def __init__(self, cls: type):
        self.cls = cls
        self.fields: dict[str, Decoder | None] | None = None

    def __call__(self, data: dict[str, Any]) -> Any:
        if self.fields is None:
            self.fields = {name: _decoder(hint) for name, hint in _hints(self.cls).items()}
        fields = self.fields
        values = {}
        for name, value in data.items():
            if name in fields:
                decode = fields[name]
                values[name] = value if decode is None or value is None else decode(value)
        return self.cls(**values)
