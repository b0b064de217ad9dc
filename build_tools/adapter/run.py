"""Running MkDocs: one variant's real `mkdocs build --strict`, and the live preview."""
from __future__ import annotations

import logging
import tempfile
import time
from pathlib import Path
from typing import Callable

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer

from ..diagnostics import ContentError
from ..project import Project
from ..search.dictionary import private_jieba_cache
from .plugin import PolicyrefPlugin, VariantInput
from .preview import DropDirtyWarning, Preview

PLUGIN = "policyref"  # its name in mkdocs.yml and in the entry point
log = logging.getLogger("policyref")


class PublisherError(Exception):
    """MkDocs refused (a strict warning, a bad config): the message says why."""


def _config(project: Project, variant_input: VariantInput, preview: Preview | None = None, **overrides):
    config = load_config(str(project.config_file), **overrides)
    plugin = config.plugins.get(PLUGIN)
    if not isinstance(plugin, PolicyrefPlugin):
        raise PublisherError(f"{project.shown(project.config_file)} does not list the '{PLUGIN}' plugin "
                             "under plugins:")
    plugin.use(variant_input, preview)
    return config


def build_variant(project: Project, variant_input: VariantInput, site_dir: Path, site_url: str | None) -> None:
    """A real `mkdocs build --strict` of one variant into `site_dir`.

    `site_url` is where the whole site/ is published; each variant lives at <site_url>/<variant>/."""
    extra = {"site_url": f"{site_url.rstrip('/')}/{variant_input.variant}/"} if site_url else {}
    private_jieba_cache()
    try:
        config = _config(project, variant_input, site_dir=str(site_dir), strict=True, **extra)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, SystemExit) as exc:  # MkDocs aborts strict builds with SystemExit
        raise PublisherError(str(exc) or "MkDocs aborted the build (see its warnings above)") from None


def serve(project: Project, prepare: Callable[[], VariantInput], dev_addr: str) -> None:
    """Preview one variant with live reload; `prepare` re-reads content/ for every rebuild."""
    site_dir = tempfile.mkdtemp(prefix="policyref-serve-")
    host, _, port = dev_addr.rpartition(":")
    preview = Preview()  # rebuild only the pages an edit touched (preview.py)
    logging.getLogger("mkdocs.commands.build").addFilter(DropDirtyWarning())

    def builder(config=None):
        log.info("Building …")
        try:
            variant_input = prepare()
        except ContentError as exc:  # an editor's mistake: say where, keep serving the last good pages
            for item in exc.report.sorted():
                log.error(item.format())
            return
        start = time.perf_counter()
        config = _config(project, variant_input, preview, site_dir=site_dir, dev_addr=dev_addr)
        private_jieba_cache()
        build(config, serve_url=f"http://{dev_addr}/", dirty=bool(preview.built))
        kept = len(config.plugins[PLUGIN].unchanged)
        log.info(f"rebuilt {len(variant_input.pages) - kept} of {len(variant_input.pages)} pages "
                 f"in {time.perf_counter() - start:.1f} s")

    server = LiveReloadServer(builder=builder, host=host, port=int(port), root=site_dir)
    builder()
    for path in (project.content, project.config_file, project.overrides):
        server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
