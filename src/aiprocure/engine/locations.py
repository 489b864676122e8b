"""Where a field path is in the declaration file (``file:line:col``)."""

from __future__ import annotations

from aiprocure.engine.severity import LEGACY_SPELLING, legacy_position
from aiprocure.model.fields import location_key
from aiprocure.model.findings import Location, maker
from aiprocure.sources.yamlsrc import Document

__all__ = ["location_of"]

_LOC_KEYS: dict[str, tuple[str | int, ...]] = {}
_new_location = maker(Location)


def location_of(doc: Document | None, path: str, file: str) -> Location:
    """Position of a field path in the declaration; a missing field points at its parent."""
    if doc is None:
        return _new_location({"file": file, "line": 1, "col": 1, "field": path})
    key = _LOC_KEYS.get(path)
    if key is None:
        key = location_key(path)
        if len(_LOC_KEYS) < 4096:
            _LOC_KEYS[path] = key
    (line, col), found = doc.locate(key)
    if found != key and key in LEGACY_SPELLING:  # a 1.0 key the model read as this one
        line, col = legacy_position(doc, key, (line, col))  # type: ignore[arg-type]
    # Every field is already of its type (1-based ints): skip re-validation.
    return _new_location({"file": file, "line": line, "col": col, "field": path})
