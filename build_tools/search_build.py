"""Search for one variant's build: dictionary in, page HTML collected, index written out.

Called by the MkDocs adapter (`mkdocs_hook`): `start` at config time, `add_page` for each
page's rendered content, `write` after the build. Engine, index format and the reasons
for them: `search_index` and README, "Search".
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import search_dict, search_index
from .pipeline import Prepared

_tables: dict[int, dict[str, str]] = {}


def fold_table(prepared: Prepared) -> dict[str, str]:
    """The character fold for this content (same for both variants; computed once)."""
    key = id(prepared)
    if key not in _tables:
        hans = {p.url: p.markdown for p in prepared.pages_for("zh-Hans")}
        hant = {p.url: p.markdown for p in prepared.pages_for("zh-Hant")}
        urls = sorted(hans.keys() & hant.keys())
        _tables.clear()
        _tables[key] = search_index.fold_table([hans[u] for u in urls], [hant[u] for u in urls])
    return _tables[key]


def worker_url(root: Path) -> str:
    """The worker's site path, with a content hash so that browsers never pair an old worker
    with a new index format."""
    source = root / "overrides" / search_index.WORKER_PATH
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:10] if source.exists() else "0"
    return f"{search_index.WORKER_PATH}?v={digest}"


class VariantSearch:
    def __init__(self, prepared: Prepared, variant: str):
        self.prepared = prepared
        self.variant = variant
        words = search_dict.dictionary_words(prepared.site, prepared.root)
        self.userdict = search_dict.load_into_jieba(words)
        self.words = search_dict.both_scripts(words)
        self.docs: list[search_index.Doc] = []

    def add_page(self, url: str, title: str, html: str) -> None:
        self.docs.extend(search_index.page_docs(url, title, html))

    def write(self, site_dir: Path) -> Path:
        table = fold_table(self.prepared)
        vocabulary = search_index.vocabulary(self.docs, table, extra=self.words)
        path = site_dir / search_index.INDEX_PATH
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(search_index.build_index(self.variant, self.docs, table, vocabulary), encoding="utf-8")
        (site_dir / search_index.USERDICT_PATH).write_text(self.userdict, encoding="utf-8")
        return path


def start(prepared: Prepared, variant: str) -> VariantSearch:
    return VariantSearch(prepared, variant)
