"""Pages of one plan, kept between builds of a live preview so that an unchanged plan is not
rendered and converted again.

The key is everything those pages are made from: the variant, the plan as read (its whole
model, so any change to its text, front matter or resolved attributions changes it), the
agency registry (names and links on the pages), the conversion dictionary, and the code
version (every source file of build_tools, templates included). A stale entry can therefore
never be found under a current key; `policyref build` does not use the cache at all, and its
verify step compares every page with the sources regardless.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Callable

PACKAGE = Path(__file__).resolve().parents[1]


@lru_cache(maxsize=1)
def code_version() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".j2", ".tsv", ".txt", ".json"}:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def digest(value) -> str:
    """Of a model object: its repr holds every field, nested entities included."""
    return hashlib.sha256(repr(value).encode("utf-8")).hexdigest()


class PageCache:
    """key → the pages made for it, from the last build only (older entries are dropped)."""

    def __init__(self):
        self.entries: dict[tuple, list] = {}
        self.used: dict[tuple, list] = {}
        self.hits = 0

    def pages(self, key: tuple, make: Callable[[], list]) -> list:
        key = (*key, code_version())
        found = self.used.get(key) or self.entries.get(key)
        if found is not None:
            self.hits += 1
            pages = found
        else:
            pages = make()
        self.used[key] = pages
        return pages

    def finish(self) -> None:
        """End of a build: keep what it used, forget the rest."""
        self.entries, self.used = self.used, {}
