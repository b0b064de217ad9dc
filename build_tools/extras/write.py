"""Files beside the two variants: open data under data/ and the root script chooser."""
from __future__ import annotations

from pathlib import Path

from ..model import Site
from .landing import landing_html
from .open_data import assignments_csv, reference_json


def write_extras(site: Site, out: Path) -> None:
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "reference.json").write_text(reference_json(site), encoding="utf-8")
    (data / "assignments.csv").write_text(assignments_csv(site), encoding="utf-8")
    (out / "index.html").write_text(landing_html(site), encoding="utf-8")
