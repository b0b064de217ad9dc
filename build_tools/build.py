"""THE build order, in one function that reads top to bottom (like MkDocs' commands/build.py):

    gather (read + check content/) → render both variants → MkDocs per variant (staging)
    → open data and root page → verify the staged site → publish (swap into site/)

All data is gathered first, then cross-linked, then rendered; nothing reaches `site/`
unless every step passed. MkDocs is reached only through `adapter`.

May import: anything.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from . import publish
from .adapter.plugin import VariantInput
from .adapter.run import build_variant
from .diagnostics import ContentError, Report
from .extras.write import write_extras
from .model import Site
from .project import Project
from .read.site import load_site
from .render.pages import Page, render_site
from .script.convert import Converter, converter_for
from .search import builder as search_builder, names as search_names
from .search.dictionary import SearchDictionary, dictionary_words
from .search.index import fold_table
from .variants import VARIANTS
from .verify.checks import verify_site


@dataclass
class Gathered:
    """Content read and checked once, shared by both variants."""

    project: Project
    site: Site
    report: Report
    converter: Converter


def gather(project: Project, strict: bool = False) -> Gathered:
    """Read and check all of content/; ContentError when it must not be published."""
    report = Report()
    site = load_site(project, report)
    if report.errors or (strict and report.warnings):
        raise ContentError(report)
    # jieba, which decides word boundaries for the conversion, knows the registry names and terms
    words = [w.text for w in dictionary_words(site, project)]
    return Gathered(project, site, report, converter_for(project.phrases_file, words))


def variant_inputs(content: Gathered, variants=VARIANTS, site_url: str | None = None) -> dict[str, VariantInput]:
    """Every page of each variant, rendered and converted, with its search index to fill."""
    pages: dict[str, list[Page]] = {v: render_site(content.site, v, content.converter, site_url) for v in VARIANTS}
    dictionary = SearchDictionary(dictionary_words(content.site, content.project), content.converter)
    table = search_fold_table(pages)
    worker = search_builder.worker_url(content.project)
    return {v: VariantInput(v, pages[v], content.converter,
                            search_builder.VariantSearch(v, dictionary, table,
                                                         search_names.extra(content.site, v, content.converter,
                                                                            dictionary)), worker)
            for v in variants}


def search_fold_table(pages: dict[str, list[Page]]) -> dict[str, str]:
    """The character fold both variants' search share: learnt from the same pages in both scripts."""
    hans = {p.url: p.markdown for p in pages["zh-Hans"]}
    hant = {p.url: p.markdown for p in pages["zh-Hant"]}
    shared = sorted(hans.keys() & hant.keys())
    table = fold_table([hans[u] for u in shared], [hant[u] for u in shared])
    corpus = set("".join(hans.values())) | set("".join(hant.values()))
    return {**table, **search_names.variant_folds(table, corpus)}


def build_site(project: Project, site_dir: Path, strict: bool = False, site_url: str | None = None) -> Report:
    """Gather, render, build both variants, verify; replace `site_dir` only when all passed.

    Any failure (ContentError, PublisherError, VerifyError, anything else) propagates before the
    swap, and the staging folder is removed: `site_dir` is left untouched."""
    content = gather(project, strict)
    inputs = variant_inputs(content, site_url=site_url)
    staging = publish.staging_dir(site_dir)
    try:
        with publish.reproducible(project):
            for variant in VARIANTS:
                build_variant(project, inputs[variant], staging / variant, site_url)
        write_extras(content.site, staging, project)
        content.report.extend(verify_site(content.site, content.converter, staging))
        publish.swap_in(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return content.report


def serve_input(project: Project, variant: str) -> VariantInput:
    """One variant, gathered afresh (the live preview calls this for every rebuild)."""
    return variant_inputs(gather(project), variants=(variant,))[variant]
