"""Publishing: one build at a time (the lock), a reproducible date (the epoch), and the swap of a
verified staging folder into site/.

May import: project.
"""
from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import re
import shutil
import subprocess
import sys
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
    """A fresh folder beside `site_dir` (same file system, so the swap is a rename), named with
    this process's id so that a later build can tell a dead build's leftovers."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-{os.getpid()}-", dir=site_dir.parent))


def clean_leftovers(site_dir: Path) -> list[str]:
    """Remove staging and old folders beside `site_dir` left by builds that died (kill -9, power
    loss): only our own kind of name, only when the process named in it is gone. Called under
    the build lock, so no live build of this checkout owns them. Returns the names removed."""
    site_dir = site_dir.resolve()
    pattern = re.compile(rf"\.{re.escape(site_dir.name)}-(?:build|old)-(\d+)(?:-[^/]*)?")
    removed = []
    if not site_dir.parent.is_dir():
        return removed
    for entry in sorted(site_dir.parent.iterdir()):
        m = pattern.fullmatch(entry.name)
        if m and not entry.is_symlink() and entry.is_dir() and not _alive(int(m[1])):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a leftover of an earlier process that had our id: we are not using it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def swap_in(staging: Path, site_dir: Path) -> None:
    """Make the published tree world-readable whatever the umask, then swap it in."""
    publishable_modes(staging)
    _swap(staging, site_dir.resolve())


def publishable_modes(root: Path) -> None:
    """0755 folders, 0644 files (a web server runs as another user); links are left alone."""
    os.chmod(root, 0o755)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o755)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


RENAME_EXCHANGE = 2  # linux/fs.h


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE). False when the system or
    the file system cannot (not Linux, glibc < 2.28, a file system without it)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap(new: Path, target: Path) -> None:
    """site/ is the old tree or the new one at every moment, never missing, never a mix: one
    atomic exchange of the two folders, then the old tree (now at `new`) is removed. Without
    RENAME_EXCHANGE, two renames: a crash between them leaves no site/ but the old tree at
    .site-old-<pid>, which the next build removes (README, "Publishing")."""
    if not target.exists() and not target.is_symlink():
        os.rename(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # the old tree
        return
    old = target.with_name(f".{target.name}-old-{os.getpid()}")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
