"""Thin MkDocs adapter: hands the generated pages of one variant to MkDocs.

The only module that knows MkDocs. Everything it serves comes from `pipeline`;
pages are `File.generated` (nothing is written into docs_dir).
Priorities: default (0) for all events except `on_post_build` (-100: it replaces the
search index that Material's search plugin writes at 0, see `search_build`).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from build_tools import pipeline, search_build, urls
from build_tools.convert import convert
from build_tools.diagnostics import ContentError

THEME_LANGUAGE = {"zh-Hans": "zh", "zh-Hant": "zh-Hant"}


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


_serving = False


def on_config(config):
    variant = pipeline.variant_from_env()
    if _serving:
        pipeline.forget()  # re-read content/ on every live-reload rebuild
    try:
        prepared = pipeline.current(_root(config))
    except ContentError as exc:
        lines = "\n".join(d.format() for d in exc.report.sorted())
        raise PluginError(f"content errors:\n{lines}") from None
    config.theme["language"] = THEME_LANGUAGE[variant]
    config.extra["variant"] = variant
    # with a site_url (…/<variant>/), hreflang links are absolute, as search engines prefer
    config.extra["site_base"] = config.site_url[: -len(variant) - 1] if config.site_url else ""
    config.extra["alternate"] = True  # makes Material include our per-page switcher partial
    config.site_name = convert(config.site_name, variant)
    config.site_description = convert(config.site_description or "", variant)
    pages = prepared.pages_for(variant)
    by_url = {p.url: p for p in pages}
    config.nav = [
        {convert("首页", variant): urls.src_path(urls.home())},
        {by_url[urls.plans_index()].title: [urls.src_path(urls.plans_index())]
         + [{p.title: urls.src_path(p.url)} for p in pages if p.in_nav and p.url.count("/") == 2]},
        {by_url[urls.agencies_index()].title: urls.src_path(urls.agencies_index())},
    ]
    global _search
    _search = search_build.start(prepared, variant)
    config.extra["search_worker"] = search_build.worker_url(_root(config))
    return config


_search: search_build.VariantSearch | None = None


def on_files(files: Files, config):
    prepared = pipeline.current(_root(config))
    for page in prepared.pages_for(config.extra["variant"]):
        files.append(File.generated(config, urls.src_path(page.url), content=page.markdown))
    return files


def on_page_context(context, page, config, nav):
    page.edit_url = None  # generated pages: the source is named in the page footer instead
    return context


def on_page_content(html, page, config, files):
    if _search is not None:
        _search.add_page(page.url, page.title, html)
    return html


@event_priority(-100)
def on_post_build(config):
    if _search is not None:
        _search.write(Path(config.site_dir))
