"""Search for one variant's build: page HTML collected, index and user dictionary written out.

The MkDocs adapter calls `add_page` for each page's rendered content and `write` after the
build. Engine, index format and the reasons for them: `index` and README, "Search".
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from ..project import Project
from . import index
from .dictionary import SearchDictionary


def worker_url(project: Project) -> str:
    """The worker's site path, with a content hash so that browsers never pair an old worker
    with a new index format."""
    source = project.overrides / index.WORKER_PATH
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10] if source.exists() else "0"
    return f"{index.WORKER_PATH}?v={digest}"


class VariantSearch:
    """The search index of one variant, filled page by page."""

    def __init__(self, variant: str, dictionary: SearchDictionary, fold_table: dict[str, str]):
        self.variant = variant
        self.dictionary = dictionary
        self.fold_table = fold_table
        self.docs: list[index.Doc] = []

    def add_page(self, url: str, title: str, html: str) -> None:
        self.docs.extend(index.page_docs(url, title, html))

    def write(self, site_dir: Path) -> Path:
        vocabulary = index.vocabulary(self.docs, self.fold_table, self.dictionary.cut,
                                      extra=self.dictionary.both_scripts())
        path = site_dir / index.INDEX_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(index.build_index(self.variant, self.docs, self.fold_table, vocabulary), encoding="utf-8")
        (site_dir / index.USERDICT_PATH).write_text(self.dictionary.userdict(), encoding="utf-8")
        return path
