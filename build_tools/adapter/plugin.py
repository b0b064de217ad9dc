"""The MkDocs plugin `policyref`: hands one variant's generated pages to MkDocs + Material.

Registered as an entry point (pyproject.toml, `mkdocs.plugins`) and listed in mkdocs.yml.
All state lives on the instance: `build.py` (or `serve`) gives it a `VariantInput` after
`load_config`; nothing is found through globals or the environment. Pages are
`File.generated` (nothing is written into docs_dir).

Event priorities: default (0) for every event but `on_post_page` (-100: it scans the HTML as
written) and `on_post_build` (-100: it replaces the search index that Material's search plugin
writes at 0).

A page kept from the last build (kept.py) goes through MkDocs like any other, but with no
Markdown and a template that writes nothing: `on_post_page` puts back the HTML that was made for
the same key, and from there it is versioned, scanned and checked as a page made now.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import ChoiceLoader, DictLoader, FileSystemBytecodeCache
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ..cache import folder as cache_folder, key_of
from ..render import urls
from ..render.labels import HOME, LICENCE_LINE, NOT_FOUND
from ..render.pages import Page
from ..script.convert import Converter
from ..search.builder import VariantSearch
from ..variants import LANG_NAMES, VARIANTS
from ..verify.checks import PageChecks
from ..verify.htmlscan import scan_html
from .kept import KeptPage, PageStore
from .preview import Preview, UnchangedFile
from .trim import Markup, Trim, decide, trim_theme_css, versioned

THEME_LANGUAGE = {"zh-Hans": "zh", "zh-Hant": "zh-Hant"}  # Material's language codes
KEPT_TEMPLATE = "policyref-kept.html"  # renders nothing: a kept page's HTML is put back in on_post_page
NAV_META = {"icon", "subtitle", "status"}  # front matter of a page that Material shows in every nav


@dataclass
class VariantInput:
    """What MkDocs needs for one variant, prepared before MkDocs runs."""

    variant: str
    pages: list[Page]
    converter: Converter
    search: VariantSearch
    search_worker: str  # the worker's site path, versioned
    checks: PageChecks | None = None  # when given: each written page is scanned and checked (verify)
    store: PageStore | None = None  # when given: pages made by the last build for the same key are reused


def site_nav(pages: list[Page], convert) -> list[dict]:
    """MkDocs' nav: home, the plans (index, then a section per year), the agencies index.

    With Material's `navigation.prune` a page's sidebar holds only the sections on its own path,
    so a page lists the plans of one year, not of all years: its size no longer grows with the corpus."""
    by_url = {p.url: p for p in pages}
    years: dict[str, list[dict]] = {}
    for p in pages:
        if p.in_nav and p.year:
            years.setdefault(p.year, []).append({p.title: urls.src_path(p.url)})
    return [
        {convert(HOME): urls.src_path(urls.home())},
        {by_url[urls.plans_index()].title: [urls.src_path(urls.plans_index())]
         + [{year: plans} for year, plans in sorted(years.items())]},
        {by_url[urls.agencies_index()].title: urls.src_path(urls.agencies_index())},
    ]


class _NoIndex:
    """Stands in for Material's SearchIndex: Material's search plugin (listed for its UI) would
    segment every page with jieba into a lunr index that `on_post_build` below replaces anyway."""

    def add_entry_from_context(self, page) -> None:
        pass

    def generate_search_index(self, prev) -> str:
        return "{}"


class PolicyrefConfig(Config):
    variant = config_options.Choice(VARIANTS, default=VARIANTS[0])


class PolicyrefPlugin(BasePlugin[PolicyrefConfig]):
    def __init__(self):
        super().__init__()
        self.input: VariantInput | None = None
        self.preview: Preview | None = None
        self.unchanged: set[str] = set()
        self.unsearched: set[str] = set()
        self.kept: dict[str, KeptPage] = {}  # page URL → kept from the last build
        self.markup = Markup()  # classes the written pages use, for trim_theme_css
        self.content_markup = Markup()  # …and their contents: known before any page is written
        self.trim: Trim | None = None

    # ---- set up -------------------------------------------------------------
    def use(self, variant_input: VariantInput, preview: Preview | None = None) -> None:
        """Called by the build after load_config, before MkDocs builds. `preview`: the live
        preview's memory of its last build (only pages an edit touched are rebuilt)."""
        self.input = variant_input
        self.preview = preview

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
        config.nav = site_nav(given.pages, lambda text: convert(text, variant))
        return config

    def on_files(self, files: Files, config):
        material_search = config.plugins.get("material/search")
        if material_search is not None:  # its UI stays (it needs the plugin listed); its index is ours
            material_search.search_index = _NoIndex()  # after every on_config (Material's makes one)
        self.unchanged = self.preview.start(config, self.input.pages) if self.preview else set()
        self.kept = (self.input.store.start(config, self.input.pages, self.input.converter.digest)
                     if self.input.store else {})
        self.markup, self.content_markup = Markup(), Markup()
        self.unsearched = {p.url for p in self.input.pages if not p.searched}
        for page in self.input.pages:
            kind = UnchangedFile if page.url in self.unchanged else File
            files.append(kind.generated(config, urls.src_path(page.url), content=page.markdown))
        self.input.pages = [replace(p, markdown="") for p in self.input.pages]  # MkDocs' files hold it now
        return files

    def on_env(self, env, config, files):
        # every page is rendered, none written: the trim of Material's CSS is decided now (from the
        # contents and the palette), so that each page can link the trimmed sheets by its version
        palette = config.theme["palette"] or []
        palette = [o for o in ([palette] if isinstance(palette, dict) else palette) if isinstance(o, dict)]
        self.trim = decide(self.content_markup, {o[k] for o in palette for k in ("primary", "accent") if o.get(k)})
        # Material's templates, compiled once and kept in the cache folder (Jinja checks each
        # against its source): compiling them took 0.25 s of every variant's build
        env.bytecode_cache = FileSystemBytecodeCache(str(cache_folder("jinja")))
        env.loader = ChoiceLoader([DictLoader({KEPT_TEMPLATE: ""}), env.loader])
        return env

    def on_page_markdown(self, markdown, page, config, files):
        if page.url in self.kept:  # its front matter is read (title, meta); its HTML is the kept one
            page.meta["template"] = KEPT_TEMPLATE
            return ""
        shown = NAV_META & set(page.meta or {}) if self.input.store and page.url in self.input.store.keys else ()
        if shown:  # every page would show it in its nav (only generated pages are in it): no key covers that
            raise PluginError(f"{page.file.src_uri}: front matter {sorted(shown)} is shown in other pages' nav; "
                              "add it to the kept pages' key (adapter/kept.py) before using it")
        return markdown

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
        kept = self.kept.get(page.url)
        if kept is not None:
            self.input.search.by_url[page.url] = kept.docs
            self.content_markup.merge(kept.markup)
        elif page.url in self.unsearched:
            self.input.search.skip_page(page.url)
        else:
            self.input.search.add_page(page.url, page.title, html)
        if kept is None and self.preview is None:  # a preview keeps Material's CSS whole (on_post_build)
            self.content_markup.add(html)
        # MkDocs renders every page before it writes any: its Markdown is no longer needed
        page.markdown, page.file.content_string = None, ""
        return html

    @event_priority(-100)  # last: the HTML as written
    def on_post_page(self, output, page, config):
        kept = self.kept.get(page.url)
        made = output if kept is None else kept.html  # as Material wrote it (for a kept page: the last build)
        if self.preview is not None:
            return made
        output = versioned(made, self.trim)
        self.markup.add(output)
        # a kept page written with the same trim is the same bytes: its scan and script verdict hold (kept.py)
        same = kept is not None and kept.trim == self.trim.version
        keep = kept is None and self.input.store is not None and page.url in self.input.store.keys  # generated
        scan = kept.scan if same else scan_html(output) if self.input.checks is not None or keep else None
        if self.input.checks is not None:  # scanned and checked here, once, instead of read back from disk
            self.input.checks.check(f"{self.input.variant}/{page.file.dest_uri}", scan, script=not same)
        if keep:  # with what its content uses (page.content: the HTML the template was given)
            content = Markup()
            content.add(page.content or "")
            self.input.store.put(page.url, KeptPage.of(made, content, self.input.search.by_url[page.url], scan,
                                                       self.trim.version))
        return output

    @event_priority(-100)
    def on_post_build(self, config):
        search, site_dir = self.input.search, Path(config.site_dir)
        store = self.input.store.store if self.input.store is not None else None
        if self.preview is None:
            key = key_of("vocabulary memo", self.input.variant)  # each doc's word counts (search/vocabulary.py)
            memo = (store.get(key) or {}) if store is not None else None
            search.write(site_dir, order=[p.url for p in self.input.pages], memo=memo)
            if store is not None:
                store.put(key, memo)
        else:
            for url in self.unchanged:  # not rebuilt: their search entries are the last build's
                search.by_url[url] = self.preview.docs[url]
            search.write(site_dir, order=[p.url for p in self.input.pages], memo=self.preview.counts)
            self.preview.done(site_dir, search.by_url)
        prune_unused_assets(site_dir)
        # a preview rebuild sees only the changed pages: keeps all of the CSS. The written pages must
        # use what their contents promised (Material's own markup adds none of the components):
        # otherwise the sheets stay whole, which is always right
        if self.preview is None and decide(self.markup) == self.trim:
            trim_theme_css(site_dir, self.trim, store)


# Shipped by Material but never used by this site: its own search worker and the lunr language
# packs it loads (the site has its own worker), and source maps (≈ 2.2 MB per variant).
UNUSED_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers")


def prune_unused_assets(site_dir: Path) -> None:
    import shutil

    for rel in UNUSED_ASSETS:
        shutil.rmtree(site_dir / rel, ignore_errors=True)
    for source_map in (site_dir / "assets").rglob("*.map"):
        source_map.unlink()
