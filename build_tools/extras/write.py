"""Files beside the two variants: open data under data/, the raw sources, and the root script chooser."""
from __future__ import annotations

import shutil
from pathlib import Path

from ..model import Site
from ..project import Project
from ..publish import source_date_epoch
from ..render import urls
from .landing import landing_html, root_not_found_html
from .open_data import assignments_csv, reference_json


def write_extras(site: Site, out: Path, project: Project) -> None:
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    epoch = source_date_epoch(project)
    (data / "reference.json").write_text(reference_json(site, epoch), encoding="utf-8")
    (data / "assignments.csv").write_text(assignments_csv(site), encoding="utf-8")
    publish_sources(site, project, out)
    (out / "index.html").write_text(landing_html(site), encoding="utf-8")
    (out / "404.html").write_text(root_not_found_html(), encoding="utf-8")


def publish_sources(site: Site, project: Project, out: Path) -> None:
    """Each plan's raw web copy, byte for byte (the plan card links it)."""
    for plan in site.plans:
        target = out / urls.raw_source(plan.source)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(project.sources_dir / plan.source, target)
