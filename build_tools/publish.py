"""Publishing: one build at a time (the lock), a reproducible date (the epoch), and the swap of a
verified staging folder into site/.

May import: project.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .project import Project


FALLBACK_EPOCH = 1_577_836_800  # 2020-01-01 UTC: a fixed date when content/ is not in a git checkout


class BuildLocked(Exception):
    pass


@contextlib.contextmanager
def build_lock(project: Project):
    """One build at a time per checkout: a second one refuses at once, naming the first."""
    root = project.root
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


def source_date_epoch(project: Project) -> int:
    """The build's date, for reproducible output: the last git commit touching content/,
    or FALLBACK_EPOCH outside a git checkout. SOURCE_DATE_EPOCH in the environment wins."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "")
    if given.isdigit():
        return int(given)
    try:
        out = subprocess.run(["git", "-C", str(project.root), "log", "-1", "--format=%ct", "--",
                              str(project.content)],
                             capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return FALLBACK_EPOCH
    stamp = out.stdout.strip()
    return int(stamp) if out.returncode == 0 and stamp.isdigit() else FALLBACK_EPOCH


@contextlib.contextmanager
def reproducible(project: Project):
    """SOURCE_DATE_EPOCH set for the tools that read it (MkDocs' dates, the sitemap), then restored."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch(project))
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def staging_dir(site_dir: Path) -> Path:
    """A fresh folder beside `site_dir` (same file system, so the swap is a rename)."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=".site-build-", dir=site_dir.parent))


def swap_in(staging: Path, site_dir: Path) -> None:
    os.chmod(staging, 0o755)  # mkdtemp makes it 0700; a published site/ is world-readable
    _swap(staging, site_dir.resolve())


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
