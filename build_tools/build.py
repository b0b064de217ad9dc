"""THE build order, in one function that reads top to bottom (like MkDocs' commands/build.py):

    gather (read + check content/) → the search fold both variants share → per variant, in
    parallel processes: render + convert its pages, MkDocs (staging) and the checks of its own
    pages → open data and root page → verify the links across the staged site → publish (swap
    into site/)

All data is gathered first, then cross-linked, then rendered; nothing reaches `site/`
unless every step passed. MkDocs is reached only through `adapter`.

May import: anything.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from . import publish
from .adapter.kept import PageStore
from .adapter.plugin import VariantInput
from .adapter.run import build_variant
from .cache import Store, Table, files_digest, key_of, project_store
from .diagnostics import ContentError, Report
from .extras.write import write_extras
from .link.lineage import related_tasks
from .model import Site
from .project import Project
from .read.site import load_site
from .render.cache import PageCache
from .render.pages import Page, render_site
from .script.convert import Converter, converter_for
from .search import builder as search_builder, names as search_names
from .search.dictionary import SearchDictionary, dictionary_words, shared_dictionary
from .parallel import run_all
from .search.corpus import site_texts
from .search.index import changed_chars, fold_table
from .stages import NO_STAGES, Clock, Cost, Stages
from .variants import VARIANTS
from .verify.checks import PageChecks, verify_site, verify_variant
from .verify.htmlscan import PageScan


SPILL = 16 << 20  # bytes of a variant's new store entries held in memory before they are written


@dataclass
class Gathered:
    """Content read and checked once, shared by both variants."""

    project: Project
    site: Site
    report: Report
    converter: Converter
    dictionary: SearchDictionary  # jieba with the registry names and terms (lineage, search)
    sources: str = ""  # digest of content/ (cache.files_digest), when a store was given


def gather(project: Project, strict: bool = False, store: Store | None = None) -> Gathered:
    """Read and check all of content/; ContentError when it must not be published. `store`: a
    build's, where the last build left what it read of the same content/ (with its diagnostics)."""
    # what gather reads is content/, all of it
    sources = files_digest(project.content).hexdigest() if store is not None else ""
    kept = store.get(key_of("gathered", sources)) if store is not None else None
    site, report = kept if kept is not None else (None, Report())
    if site is None:
        site = load_site(project, report)
    if report.errors or (strict and report.warnings):
        raise ContentError(report)
    # jieba, which decides word boundaries for the conversion, knows the registry names and terms
    words = dictionary_words(site, project)
    texts = [w.text for w in words]
    converter = converter_for(project.phrases_file, texts)
    dictionary = shared_dictionary(words, converter)  # jieba, shared with search
    cut = dictionary.cut_kept
    if store is not None:
        dictionary.known = store.memo(key_of("dictionary", texts, converter.digest), dictionary.made)
        cuts = store.table(key_of("lineage cuts", texts))
        cut = lambda text: cuts.get(text, lambda: dictionary.cut_kept(text))  # noqa: E731
    if kept is None:
        site.related = related_tasks(site, cut)
        if store is not None:
            store.put(key_of("gathered", sources), (site, report))
    return Gathered(project, site, report, converter, dictionary, sources)


def variant_inputs(content: Gathered, variants=VARIANTS, site_url: str | None = None,
                   cache: PageCache | None = None, table: dict[str, str] | None = None) -> dict[str, VariantInput]:
    """Every page of each of `variants`, rendered and converted, with its search index to fill.
    `cache`: the live preview's pages of its previous build (render/cache.py); `table`: the
    search fold (search_fold_table), when already made."""
    pages: dict[str, list[Page]] = {v: render_site(content.site, v, content.converter, site_url, cache)
                                    for v in variants}
    if cache is not None:
        cache.finish()
    table = table if table is not None else search_fold_table(content.site, content.converter)
    worker = search_builder.worker_url(content.project)
    return {v: VariantInput(v, pages[v], content.converter,
                            search_builder.VariantSearch(v, content.dictionary, table, _names(content, v, cache)),
                            worker)
            for v in variants}


def _names(content: Gathered, variant: str, cache: PageCache | None) -> dict:
    """What search knows besides page text (search/names.py), from the build's store when it has it."""
    given = (content.site, variant, content.converter, content.dictionary)
    if cache is None or cache.store is None:
        return search_names.extra(*given)
    return cache.store.memo(key_of("names", *search_names.extra_inputs(*given)), lambda: search_names.extra(*given))


def search_fold_table(site: Site, converter: Converter, memo: Table | None = None,
                      changed: dict | None = None) -> dict[str, str]:
    """The character fold both variants' search share: learnt from every text of the site in both
    scripts. `memo`: a build's, of each text in both scripts (the last build converted most of
    them); `changed`: what OpenCC changes of each character alone (search/index.py), kept by a build."""
    def both(text: str) -> tuple[str, str]:
        return converter.convert(text, "zh-Hans"), converter.convert(text, "zh-Hant")

    pairs = [memo.get(t, lambda t=t: both(t)) if memo is not None else both(t) for t in site_texts(site)]
    hans, hant = [a for a, _ in pairs], [b for _, b in pairs]
    table = fold_table(hans, hant, changed)
    corpus = set("".join(hans)) | set("".join(hant))
    return {**table, **search_names.variant_folds(table, corpus)}


def build_site(project: Project, site_dir: Path, strict: bool = False, site_url: str | None = None,
               stages: Stages = NO_STAGES) -> Report:
    """Gather, render, build both variants, verify; replace `site_dir` only when all passed.

    Any failure (ContentError, PublisherError, VerifyError, anything else) propagates before the
    swap, and the staging folder is removed: `site_dir` is left untouched.
    `stages` measures each stage (make bench); by default nothing is recorded."""
    store = project_store(project.root, "site")  # what the last build read, and made of it
    try:
        with stages("read + check"):
            content = gather(project, strict, store)
        with stages("search fold"):
            both = store.table(key_of("both scripts", content.converter.digest))
            changed = store.memo(key_of("characters OpenCC changes"), changed_chars)
            table = store.memo(key_of("search fold", content.sources),
                               lambda: search_fold_table(content.site, content.converter, both, changed))
    finally:
        store.close()  # before the variants' processes fork
    staging = publish.staging_dir(site_dir)
    try:
        # each variant in its own process, from its pages to its checks: only links come back
        with publish.reproducible(project), stages("render + mkdocs + search + page checks (variants in parallel)"):
            built = run_all({v: partial(build_and_check, content, v, table, staging / v, site_url) for v in VARIANTS})
        for variant, one in built.items():
            stages.add(f"  of which render + convert {variant}", one.render_cost)
            stages.add(f"  of which search {variant}", one.search_cost)
            stages.reused(variant, *one.reused)
        with stages("open data + landing"):
            write_extras(content.site, staging, project, StoredConversions(content.converter, store), site_url)
        with stages("verify (links)"):
            checked = Report()
            for one in built.values():
                checked.extend(one.report)
            scans = {rel: scan for one in built.values() for rel, scan in one.scans.items()}
            content.report.extend(verify_site(content.site, content.converter, staging, scans, checked))
        with stages("publish"):
            publish.swap_in(staging, site_dir)
        store.keep()
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return content.report


class StoredConversions:
    """`Converter.convert` of whole texts (the feeds), from the build's store when the last build
    converted the same text with the same converter."""

    def __init__(self, converter: Converter, store: Store):
        self.converter, self.store = converter, store

    def convert(self, text: str, variant: str) -> str:
        return self.store.memo(key_of("converted", variant, self.converter.digest, text),
                               lambda: self.converter.convert(text, variant))


@dataclass
class VariantBuilt:
    """What a variant's build process sends back: no pages, only what the whole-site checks need."""

    scans: dict[str, PageScan]  # links and ids of each page (its text was checked and dropped)
    report: Report  # the per-variant checks (text accounting, script)
    render_cost: Cost
    search_cost: Cost
    reused: tuple[int, int]  # (pages taken from the last build, pages)


def build_and_check(content: Gathered, variant: str, table: dict[str, str], site_dir: Path,
                    site_url: str | None) -> VariantBuilt:
    """One variant: its pages rendered, its MkDocs build, then the checks of its own pages (in its own process)."""
    clock, store = Clock(), project_store(content.project.root, variant, spill=SPILL)  # what the last build made
    with clock():
        given = variant_inputs(content, (variant,), site_url, PageCache(store), table)[variant]
    given.checks = PageChecks(content.site, content.converter, variant)
    given.store = PageStore(store)  # pages made by the last build, by key
    build_variant(content.project, given, site_dir, site_url)
    report = verify_variant(content.site, content.converter, site_dir, given.checks)
    if not report.errors:
        store.keep()
    links = {rel: replace(scan, json_blocks=[]) for rel, scan in given.checks.scans.items()}
    return VariantBuilt(links, report, clock.cost, given.search.clock.cost, (given.store.reused, len(given.pages)))


def serve_input(project: Project, variant: str, cache: PageCache | None = None) -> VariantInput:
    """One variant, gathered afresh (the live preview calls this for every rebuild, with one
    `cache` for the session: plans that did not change are not rendered again)."""
    return variant_inputs(gather(project), variants=(variant,), cache=cache)[variant]
