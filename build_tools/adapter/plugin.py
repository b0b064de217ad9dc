"""The MkDocs plugin `policyref`: hands one variant's generated pages to MkDocs + Material.

Registered as an entry point (pyproject.toml, `mkdocs.plugins`) and listed in mkdocs.yml.
All state lives on the instance: `build.py` (or `serve`) gives it a `VariantInput` after
`load_config`; nothing is found through globals or the environment. Pages are
`File.generated` (nothing is written into docs_dir).

Event priorities: default (0) for every event but `on_post_build` (-100: it replaces the
search index that Material's search plugin writes at 0).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ..render import urls
from ..render.labels import HOME, LICENCE_LINE, NOT_FOUND
from ..render.pages import Page
from ..script.convert import Converter
from ..search.builder import VariantSearch
from ..variants import LANG_NAMES, VARIANTS

THEME_LANGUAGE = {"zh-Hans": "zh", "zh-Hant": "zh-Hant"}  # Material's language codes


@dataclass
class VariantInput:
    """What MkDocs needs for one variant, prepared before MkDocs runs."""

    variant: str
    pages: list[Page]
    converter: Converter
    search: VariantSearch
    search_worker: str  # the worker's site path, versioned


class PolicyrefConfig(Config):
    variant = config_options.Choice(VARIANTS, default=VARIANTS[0])


class PolicyrefPlugin(BasePlugin[PolicyrefConfig]):
    def __init__(self):
        super().__init__()
        self.input: VariantInput | None = None

    # ---- set up -------------------------------------------------------------
    def use(self, variant_input: VariantInput) -> None:
        """Called by the build after load_config, before MkDocs builds."""
        self.input = variant_input

    # ---- events -------------------------------------------------------------
    def on_config(self, config):
        if self.input is None:
            raise PluginError("the policyref plugin builds only through `policyref build` or `policyref serve` "
                              "(plain `mkdocs build` has no content to give it)")
        given = self.input
        variant, convert = given.variant, given.converter.convert
        config.theme["language"] = THEME_LANGUAGE[variant]
        config.extra["variant"] = variant
        config.extra["lang_names"] = LANG_NAMES
        # with a site_url (…/<variant>/), hreflang links are absolute, as search engines prefer
        config.extra["site_base"] = config.site_url[: -len(variant) - 1] if config.site_url else ""
        config.extra["alternate"] = True  # makes Material include our per-page switcher partial
        config.extra["search_worker"] = given.search_worker
        config.extra["not_found"] = {key: convert(text, variant) for key, text in NOT_FOUND.items()}
        for option in config.theme["palette"] or []:  # the light/dark toggle's names are UI text too
            if isinstance(option, dict) and option.get("toggle"):
                option["toggle"]["name"] = convert(option["toggle"]["name"], variant)
        config.site_name = convert(config.site_name, variant)
        config.site_description = convert(config.site_description or "", variant)
        config.copyright = convert(LICENCE_LINE, variant)  # Material prints it in every page's footer
        by_url = {p.url: p for p in given.pages}
        config.nav = [
            {convert(HOME, variant): urls.src_path(urls.home())},
            {by_url[urls.plans_index()].title: [urls.src_path(urls.plans_index())]
             + [{p.title: urls.src_path(p.url)} for p in given.pages if p.in_nav and p.url.count("/") == 2]},
            {by_url[urls.agencies_index()].title: urls.src_path(urls.agencies_index())},
        ]
        return config

    def on_files(self, files: Files, config):
        for page in self.input.pages:
            files.append(File.generated(config, urls.src_path(page.url), content=page.markdown))
        return files

    def on_page_context(self, context, page, config, nav):
        # generated pages: "edit" opens the content file behind the page, when the site names its
        # repository (repo_url + edit_uri relative to the repository root, e.g. edit/main/)
        source = page.meta.get("source_file") if page.meta else None
        if config.repo_url and config.edit_uri and source and not source.endswith("/"):
            page.edit_url = f"{config.repo_url.rstrip('/')}/{config.edit_uri.strip('/')}/{source}"
        else:
            page.edit_url = None
        return context

    def on_page_content(self, html, page, config, files):
        self.input.search.add_page(page.url, page.title, html)
        return html

    @event_priority(-100)
    def on_post_build(self, config):
        site_dir = Path(config.site_dir)
        self.input.search.write(site_dir)
        prune_unused_assets(site_dir)


# Shipped by Material but never used by this site: its own search worker and the lunr language
# packs it loads (the site has its own worker), and source maps (≈ 2.2 MB per variant).
UNUSED_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers")


def prune_unused_assets(site_dir: Path) -> None:
    import shutil

    for rel in UNUSED_ASSETS:
        shutil.rmtree(site_dir / rel, ignore_errors=True)
    for source_map in (site_dir / "assets").rglob("*.map"):
        source_map.unlink()
