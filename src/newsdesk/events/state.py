"""The online clusterer's saved state as declared data: JSON plus raw numeric arrays, never a
pickle, so that opening a store file someone sent cannot run code.

Layout: ``MAGIC``, the JSON header's length (8 bytes, little-endian), the JSON header, then the
arrays' bytes. JSON holds plain values; other values are tagged objects ``{"$": kind, ...}``
of a fixed set of kinds (dict with any keys, Counter, defaultdict of lists, tuple, set,
frozenset, date, numeric numpy array) and instances of the classes the caller names, rebuilt
field by field. Anything else is refused when saving and when loading.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter, defaultdict
from datetime import date
from typing import Any

import numpy as np

MAGIC = b"newsdesk-clusterer-state/1\n"
NUMERIC_KINDS = "biuf"
PLAIN = (str, int, float, bool, type(None))  # bool, signed and unsigned integers, floats: no object arrays
_PLAIN_TYPES = frozenset(PLAIN)
_STR = frozenset({str})


def _all_plain(values) -> bool:
    """Every value of exactly a ``PLAIN`` type (the types looked at in C: the state holds
    hundreds of thousands of them, and it is saved with every batch)."""
    return set(map(type, values)) <= _PLAIN_TYPES


def _all_str(keys) -> bool:
    return set(map(type, keys)) <= _STR


class StateFormatError(ValueError):
    """The bytes are not a clusterer state in this format (an older pickled state, or damage)."""


def encode_state(value: Any, classes: dict[str, type]) -> bytes:
    arrays: list[bytes] = []
    offset = 0
    names = {cls: name for name, cls in classes.items()}

    def encode(item: Any) -> Any:
        nonlocal offset
        if item is None or isinstance(item, (bool, int, float, str)):
            return item
        if isinstance(item, np.generic):
            return item.item()
        if isinstance(item, np.ndarray):
            if item.dtype.kind not in NUMERIC_KINDS:
                raise TypeError(f"cannot save an array of {item.dtype}")
            data = np.ascontiguousarray(item).tobytes()
            arrays.append(data)
            offset += len(data)
            return {"$": "array", "dtype": item.dtype.str, "shape": list(item.shape), "start": offset - len(data), "end": offset}
        if isinstance(item, Counter):
            if _all_str(item) and _all_plain(item.values()):
                return {"$": "Counter", "object": dict(item)}  # the common case, without a call per entry
            return {"$": "Counter", "items": [[encode(k), encode(v)] for k, v in item.items()]}
        if isinstance(item, defaultdict) and item.default_factory is list:
            if _all_str(item) and all(type(v) is list and _all_plain(v) for v in item.values()):
                return {"$": "defaultdict_list", "items": [[k, list(v)] for k, v in item.items()]}  # what encode makes of each, without the calls
            return {"$": "defaultdict_list", "items": [[encode(k), encode(v)] for k, v in item.items()]}
        if type(item) is dict:
            if _all_str(item):
                if _all_plain(item.values()):
                    return {"$": "dict", "object": dict(item)}
                return {"$": "dict", "object": {k: encode(v) for k, v in item.items()}}
            return {"$": "dict", "items": [[encode(k), encode(v)] for k, v in item.items()]}
        if type(item) is list:
            return list(item) if _all_plain(item) else [encode(v) for v in item]
        if type(item) in (tuple, set, frozenset):
            return {"$": type(item).__name__, "items": [encode(v) for v in item]}
        if type(item) is date:
            return {"$": "date", "iso": item.isoformat()}
        if type(item) in names:
            fields = vars(item) if not dataclasses.is_dataclass(item) else {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}
            return {"$": "object", "class": names[type(item)], "fields": {k: encode(v) for k, v in fields.items()}}
        raise TypeError(f"cannot save a {type(item).__name__} in a clusterer state")

    header = json.dumps(encode(value), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return MAGIC + len(header).to_bytes(8, "little") + header + b"".join(arrays)


def decode_state(data: bytes, classes: dict[str, type]) -> Any:
    if not data.startswith(MAGIC):
        raise StateFormatError("not a newsdesk clusterer state (an older, pickled one?)")
    start = len(MAGIC) + 8
    size = int.from_bytes(data[len(MAGIC) : start], "little")
    try:
        tree = json.loads(data[start : start + size].decode("utf-8"))
    except ValueError as exc:
        raise StateFormatError(f"damaged clusterer state: {exc}") from None
    blob = memoryview(data)[start + size :]

    def decode(item: Any) -> Any:
        if isinstance(item, list):
            return [decode(v) if isinstance(v, (list, dict)) else v for v in item]
        if not isinstance(item, dict):
            return item
        kind = item.get("$")
        if kind == "array":
            dtype = np.dtype(item["dtype"])
            if dtype.kind not in NUMERIC_KINDS:
                raise StateFormatError(f"array of {dtype} in a clusterer state")
            return np.frombuffer(blob[item["start"] : item["end"]], dtype=dtype).reshape(item["shape"]).copy()
        if kind == "Counter":
            if "object" in item:
                return Counter(item["object"])
            return Counter({_hashable(decode(k)): decode(v) for k, v in item["items"]})
        if kind == "defaultdict_list":
            return defaultdict(list, {decode(k): decode(v) for k, v in item["items"]})
        if kind == "dict":
            if "object" in item:
                return {k: decode(v) if isinstance(v, (list, dict)) else v for k, v in item["object"].items()}
            return {_hashable(decode(k)): decode(v) for k, v in item["items"]}
        if kind in ("tuple", "set", "frozenset"):
            values = [_hashable(decode(v)) for v in item["items"]]
            return {"tuple": tuple, "set": set, "frozenset": frozenset}[kind](values)
        if kind == "date":
            return date.fromisoformat(item["iso"])
        if kind == "object" and item.get("class") in classes:
            instance = object.__new__(classes[item["class"]])
            for name, value in item["fields"].items():
                object.__setattr__(instance, name, decode(value))
            return instance
        raise StateFormatError(f"unknown value {str(item)[:80]!r} in a clusterer state")

    return decode(tree)


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value
