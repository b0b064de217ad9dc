"""Build both variants into a temporary directory, verify, then swap it in as site/ atomically."""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

from . import pipeline
from .data_export import assignments_csv, reference_json
from .diagnostics import Report
from .landing import landing_html
from .urls import VARIANTS


class BuildLocked(Exception):
    pass


@contextlib.contextmanager
def build_lock(root: Path):
    """One build at a time per checkout: a second one refuses at once, clearly."""
    path = root / ".build-lock"
    with open(path, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(f"another build is running in {root} (lock: {path})") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_mkdocs(root: Path, variant: str, site_dir: Path) -> None:
    """A real `mkdocs build --strict` of one variant (in-process, so content is parsed once)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ[pipeline.VARIANT_ENV] = variant
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def write_extras(prepared: pipeline.Prepared, out: Path) -> None:
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "reference.json").write_text(reference_json(prepared.site), encoding="utf-8")
    (data / "assignments.csv").write_text(assignments_csv(prepared.site), encoding="utf-8")
    (out / "index.html").write_text(landing_html(prepared.site), encoding="utf-8")


def build_site(root: Path, site_dir: Path, strict: bool = False) -> Report:
    """Gather, render, build both variants, verify; replace `site_dir` only when all passed."""
    from .verify import verify_site

    prepared = pipeline.prepare(root, strict=strict)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        for variant in VARIANTS:
            run_mkdocs(root, variant, staging / variant)
        write_extras(prepared, staging)
        verify_site(prepared, staging)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return prepared.report


def _swap(new: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    if target.exists():
        os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)
