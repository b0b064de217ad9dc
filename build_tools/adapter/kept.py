"""What MkDocs made of each page in the last `policyref build` of this project, kept so that the next
build redoes (Markdown, Material's template, search documents) only the pages whose inputs changed.

A page's key is a digest of its URL and Markdown and of everything every page is made from
(`setup_digest`): the code, every installed package's version, mkdocs.yml, the theme overrides and
static files, the config as the plugin resolved it (nav, site URL, names, extra), the list of all
pages (links resolve against it). Not the build's date (SOURCE_DATE_EPOCH, the last commit of
content/): no template prints it (tests/test_kept.py), and with it every commit would rebuild
every page. Any change is a new key, so a stale page cannot be found under a current one.

A kept page's text is accounted for against the current content and its links are verified
across the staged site, as a made page's; its scan and its script verdict are the ones taken when
it was made (same bytes, same checker: the converter's digest is in the key; only a build whose
checks passed keeps its pages).
"""
from __future__ import annotations

import hashlib
import pickle
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from ..cache import Store, code_version, files_digest, key_of, packages
from ..verify.htmlscan import PageScan
from .trim import Markup


@dataclass
class KeptPage:
    packed: bytes  # its HTML as Material's template wrote it, before the trim's version, compressed
    markup: Markup  # what its content uses (the trim is decided from it before pages are written)
    packed_docs: bytes  # its search documents ([] when it is not searched), compressed
    packed_scan: bytes  # the scan of the page as written (versioned by `trim`) less its script text, compressed
    trim: str  # the trim's version the page was written with

    @classmethod
    def of(cls, html: str, markup: Markup, docs: list, scan: PageScan, trim: str) -> "KeptPage":
        # what a kept page's checks read again: its body text (not its script: that verdict is kept)
        scan = replace(scan, own_script="", text="" if scan.article else scan.text)
        return cls(zlib.compress(html.encode("utf-8"), 1), markup, _pack(docs), _pack(scan), trim)

    # each unpacked when needed: MkDocs reads every page before it writes any
    @property
    def html(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8")

    @property
    def docs(self) -> list:
        return pickle.loads(zlib.decompress(self.packed_docs))

    @property
    def scan(self) -> PageScan:
        return pickle.loads(zlib.decompress(self.packed_scan))


def _pack(value) -> bytes:
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def setup_digest(config, urls: list[str] = (), *also: str) -> str:
    """Of what every page depends on besides its own Markdown (after the plugin's on_config), and
    `also` (the converter's digest: the script check's verdict on a page depends on it)."""
    resolved = {key: config[key] for key in ("site_url", "site_name", "site_description", "copyright", "repo_url",
                                             "edit_uri", "use_directory_urls", "extra", "nav", "markdown_extensions",
                                             "mdx_configs", "extra_css", "extra_javascript")}
    digest = hashlib.sha256(repr((resolved, sorted(config.theme.items()), sorted(urls), also)).encode())
    digest.update(code_version().encode() + packages().encode())  # not the build date: no page shows it
    for root in (config.config_file_path, config.theme.custom_dir, config.docs_dir):
        if root:
            digest.update(str(root).encode() + b"\0")
            files_digest(Path(root), digest)
    return digest.hexdigest()


class PageStore:
    """The kept pages of one variant, in that variant's store (cache.project_store)."""

    def __init__(self, store: Store):
        self.store = store
        self.keys: dict[str, str] = {}
        self.reused = 0

    def start(self, config, pages, converter_digest: str) -> dict[str, KeptPage]:
        """The pages (by URL) kept under their current key; the others are to be made."""
        setup = setup_digest(config, [p.url for p in pages], converter_digest)
        self.keys = {p.url: key_of("page", setup, p.url, p.searched, p.markdown) for p in pages}
        found = {url: self.store.get(key) for url, key in self.keys.items()}
        found = {url: kept for url, kept in found.items() if isinstance(kept, KeptPage)}
        self.reused = len(found)
        return found

    def put(self, url: str, page: KeptPage) -> None:
        self.store.put(self.keys[url], page)
