"""Search for one variant's build: page HTML collected, index and user dictionary written out.

The MkDocs adapter calls `add_page` for each page's rendered content and `write` after the
build. Engine, index format and the reasons for them: `index` and README, "Search".
"""
from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

from ..project import Project
from . import index
from ..stages import Clock
from .dictionary import SearchDictionary
from .vocabulary import vocabulary


def worker_url(project: Project) -> str:
    """The worker's site path, with a content hash so that browsers never pair an old worker
    with a new index format."""
    source = project.overrides / index.WORKER_PATH
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10] if source.exists() else "0"
    return f"{index.WORKER_PATH}?v={digest}"


class VariantSearch:
    """The search index of one variant, filled page by page."""

    def __init__(self, variant: str, dictionary: SearchDictionary, fold_table: dict[str, str],
                 extra: dict | None = None):
        self.variant = variant
        self.dictionary = dictionary
        self.fold_table = fold_table
        self.extra = extra or {}  # registry, pinyin, context, messages (`names`)
        self.by_url: dict[str, list[index.Doc]] = {}  # page URL → its docs, in build order
        self.clock = Clock()  # its share of the MkDocs build, for make bench

    @property
    def docs(self) -> list[index.Doc]:
        return [d for docs in self.by_url.values() for d in docs]

    def add_page(self, url: str, title: str, html: str) -> None:
        with self.clock():
            self.by_url[url] = index.page_docs(url, title, html)

    def skip_page(self, url: str) -> None:
        """A page built but not indexed (it only lists links to other pages)."""
        self.by_url[url] = []

    def _compact(self, docs: list[index.Doc], extra: dict) -> dict:
        """Pages named by the row number of their first doc (the worker reads them back so)."""
        row = {}
        for i, doc in enumerate(docs):
            row.setdefault(doc.location, i)
        out = dict(extra)
        if "agencies" in extra:
            out["agencies"] = [[page, name, keys, [[row[t], role] for t, role in tasks if t in row]]
                               for page, name, keys, tasks in extra["agencies"]]
        return out

    def write(self, site_dir: Path, order: list[str] | None = None, memo: dict | None = None) -> Path:
        """`order`: page URLs in the order to index them (default: as built); `memo`: kept between
        the live preview's builds, so that unchanged pages are not segmented again."""
        with self.clock():
            if order is not None:
                self.by_url = {url: self.by_url[url] for url in order if url in self.by_url}
            return self._write(site_dir, memo)

    def _write(self, site_dir: Path, memo: dict | None) -> Path:
        docs = self.docs
        if memo is not None:  # word counts hold only while the dictionary (hence the segmentation) does
            known = hashlib.sha256("\n".join(self.dictionary.both_scripts()).encode()).hexdigest()
            if memo.get("words") != known:
                memo.clear()
                memo["words"] = known
            memo = memo.setdefault("docs", {})
        words = vocabulary(docs, self.fold_table, self.dictionary.cut, extra=self.dictionary.both_scripts(),
                           memo=memo)
        data = index.build_index(self.variant, docs, self.fold_table, words, self._compact(docs, self.extra))
        path = site_dir / index.INDEX_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        (site_dir / index.DATA_PATH).write_text(data, encoding="utf-8")
        digest = hashlib.sha256(data.encode("utf-8")).hexdigest()[:10]
        url = posixpath.relpath(index.DATA_PATH, posixpath.dirname(index.WORKER_PATH))
        path.write_text(index.stub(self.variant, f"{url}?v={digest}"), encoding="utf-8")
        (site_dir / index.USERDICT_PATH).write_text(self.dictionary.userdict(), encoding="utf-8")
        return path
