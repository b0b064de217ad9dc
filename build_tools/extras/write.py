"""Files beside the two variants: open data under data/, the raw sources, the feeds of each variant,
and the root script chooser."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..model import Site
from ..project import Project
from ..publish import source_date_epoch
from ..render import urls
from ..script.convert import Converter
from ..variants import VARIANTS
from .feeds import feeds
from .landing import landing_html, root_not_found_html
from .open_data import assignments_csv, citation_rows, citations_csv, reference, related_csv
from .schema import datapackage, reference_schema
from .sqlite import write_sqlite


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def write_extras(site: Site, out: Path, project: Project, converter: Converter | None = None,
                 site_url: str | None = None) -> None:
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    epoch = source_date_epoch(project)
    ref = reference(site, epoch)
    (data / "reference.json").write_text(_json(ref), encoding="utf-8")
    (data / "reference.schema.json").write_text(_json(reference_schema()), encoding="utf-8")
    (data / "datapackage.json").write_text(_json(datapackage(ref["about"])), encoding="utf-8")
    (data / "assignments.csv").write_text(assignments_csv(site), encoding="utf-8")
    (data / "citations.csv").write_text(citations_csv(site), encoding="utf-8")
    (data / "related.csv").write_text(related_csv(site), encoding="utf-8")
    write_sqlite(ref, citation_rows(site), data / "reference.sqlite")
    publish_sources(site, project, out)
    if converter is not None:
        for variant in VARIANTS:
            for path, xml in feeds(site, variant, converter, site_url, epoch).items():
                target = out / variant / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(xml, encoding="utf-8")
    (out / "index.html").write_text(landing_html(site), encoding="utf-8")
    (out / "404.html").write_text(root_not_found_html(), encoding="utf-8")


def publish_sources(site: Site, project: Project, out: Path) -> None:
    """Each plan's raw web copy, byte for byte (the plan card links it)."""
    for plan in site.plans:
        target = out / urls.raw_source(plan.source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project.sources_dir / plan.source, target)
