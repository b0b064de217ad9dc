"""Pages of one plan, kept between builds (a live preview's in memory, `policyref build`'s in the
variant's store) so that an unchanged plan is not rendered and converted again.

The key is everything those pages are made from: the variant, the plan as read (its whole
model, so any change to its text, front matter or resolved attributions changes it), the
agency registry (names and links on the pages), the conversion dictionary, and the code
version (every source file of build_tools, templates included). A stale entry can therefore
never be found under a current key, and verify compares every page with the sources regardless.
"""
from __future__ import annotations

import hashlib
from typing import Callable

from ..cache import Store, code_version, key_of


def digest(value) -> str:
    """Of a model object: its repr holds every field, nested entities included."""
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


class PageCache:
    """key → the pages made for it, from the last build only (older entries are dropped).
    `store`: a build's persistent store (cache.project_store), where the last build left its pages."""

    def __init__(self, store: Store | None = None):
        self.entries: dict[tuple, list] = {}
        self.used: dict[tuple, list] = {}
        self.store = store
        self.hits = 0

    def pages(self, key: tuple, make: Callable[[], list]) -> list:
        key = (*key, code_version())
        found = self.used.get(key) or self.entries.get(key)
        if found is None and self.store is not None:
            found = self.store.get(key_of("render", *key))
        if found is not None:
            self.hits += 1
            pages = found
        else:
            pages = make()
            if self.store is not None:
                self.store.put(key_of("render", *key), pages)
        self.used[key] = pages
        return pages

    def finish(self) -> None:
        """End of a build: keep what it used, forget the rest."""
        self.entries, self.used = self.used, {}
