"""The live preview's memory between rebuilds, so that a rebuild redoes only the pages an edit touched.

MkDocs' own `dirty` build skips a page whose File says it is not modified. A page is taken as
unchanged when its Markdown is the same as in the last *successful* build and so is everything
every page depends on (the nav, mkdocs.yml, the theme overrides, the code): its HTML on disk is then
what a full build would write. Anything else — a failed build, a changed nav or template — rebuilds
every page. Pages that are gone are deleted from the preview folder.
"""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.structure.files import File

from ..render import urls
from .kept import setup_digest


class UnchangedFile(File):
    """A generated page whose output from the last build is still right."""

    def is_modified(self) -> bool:
        return False


def _digest(markdown: str) -> str:
    return hashlib.sha256(markdown.encode("utf-8")).hexdigest()


@dataclass
class Preview:
    setup: str = ""
    built: dict[str, str] = field(default_factory=dict)  # page URL → digest of its Markdown, last build
    docs: dict[str, list] = field(default_factory=dict)  # page URL → its search docs, last build
    counts: dict = field(default_factory=dict)  # search vocabulary memo (search/index.py)

    def start(self, config, pages) -> set[str]:
        """URLs of pages not to rebuild. Forgets the last build until `done` (a failed build
        leaves pages half-written: the next one rebuilds everything)."""
        setup, built, self.built = setup_digest(config, [p.url for p in pages]), self.built, {}
        self.pending = (setup, {p.url: _digest(p.markdown) for p in pages})
        if setup != self.setup:
            return set()
        return {url for url, d in self.pending[1].items() if built.get(url) == d and url in self.docs}

    def done(self, site_dir: Path, docs: dict[str, list]) -> None:
        setup, current = self.pending
        for gone in set(self.docs) - set(current):
            (site_dir / urls.src_path(gone).replace("index.md", "index.html")).unlink(missing_ok=True)
        self.setup, self.built, self.docs = setup, current, docs


class DropDirtyWarning(logging.Filter):
    """MkDocs warns on every dirty build; in strict mode that warning would stop the preview."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()
