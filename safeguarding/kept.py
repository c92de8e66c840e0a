"""Results worked out once per store write: kept beside the store object until a write bumps its generation."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import TypeVar

T = TypeVar("T")

# A download, a pack or a check reads the same figures many times between writes; every write bumps the store's
# generation, so nothing kept is older than the store it came from.
_kept: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def per_write(store, key: Hashable, make: Callable[[], T]) -> T:
    """make()'s result for `store` at its current generation, worked out on the first call after each write."""
    generation = store.generation
    with _lock:
        at, found = _kept.get(store, (None, {}))
        if at == generation and key in found:
            return found[key]
    value = make()
    with _lock:
        at, found = _kept.get(store, (None, {}))
        if at != generation:
            found = {}
            _kept[store] = (generation, found)
        found[key] = value
    return value
