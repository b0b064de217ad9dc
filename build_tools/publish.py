"""Build both variants into a temporary directory, verify, then swap it in as site/ atomically."""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import pipeline
from .data_export import assignments_csv, reference_json
from .diagnostics import Report
from .landing import landing_html
from .urls import VARIANTS


FALLBACK_EPOCH = 1_577_836_800  # 2020-01-01 UTC: a fixed date when content/ is not in a git checkout


class BuildLocked(Exception):
    pass


@contextlib.contextmanager
def build_lock(root: Path):
    """One build at a time per checkout: a second one refuses at once, naming the first."""
    path = root / ".build-lock"
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            who = f" (process {holder})" if holder.isdigit() else ""
            raise BuildLocked(f"another build{who} is running in {root} (lock: {path})") from None
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"{os.getpid()}\n")
            handle.flush()
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def source_date_epoch(root: Path) -> int:
    """The build's date, for reproducible output: the last git commit touching content/,
    or FALLBACK_EPOCH outside a git checkout. SOURCE_DATE_EPOCH in the environment wins."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    if given.isdigit():
        return int(given)
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct", "--", "content"],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return FALLBACK_EPOCH
    stamp = out.stdout.strip()
    return int(stamp) if out.returncode == 0 and stamp.isdigit() else FALLBACK_EPOCH


@contextlib.contextmanager
def _environment(**values: str):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_mkdocs(root: Path, variant: str, site_dir: Path, site_url: str | None = None) -> None:
    """A real `mkdocs build --strict` of one variant (in-process, so content is parsed once).

    `site_url` is where the whole site/ is published; each variant lives at <site_url>/<variant>/.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ[pipeline.VARIANT_ENV] = variant
    extra = {"site_url": f"{site_url.rstrip('/')}/{variant}/"} if site_url else {}
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir), strict=True, **extra)
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


def build_site(root: Path, site_dir: Path, strict: bool = False, site_url: str | None = None) -> Report:
    """Gather, render, build both variants, verify; replace `site_dir` only when all passed.

    Any failure (ContentError, MkDocs' strict abort, VerifyError, anything else) propagates
    before the swap, and the staging directory is removed: `site_dir` is left untouched."""
    from .verify import verify_site

    prepared = pipeline.prepare(root, strict=strict)
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))
    try:
        with _environment(SOURCE_DATE_EPOCH=str(source_date_epoch(root))):
            for variant in VARIANTS:
                run_mkdocs(root, variant, staging / variant, site_url)
        write_extras(prepared, staging)
        prepared.report.extend(verify_site(prepared, staging))
        os.chmod(staging, 0o755)  # mkdtemp makes it 0700; a published site/ is world-readable
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return prepared.report


def _swap(new: Path, target: Path) -> None:
    """Two renames on one file system: site/ is the old tree or the new one, never a mix."""
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    moved = target.exists()
    if moved:
        os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        if moved:
            os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
