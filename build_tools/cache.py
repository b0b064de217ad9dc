"""The project's cache folder (OpenCC configurations, jieba's dictionary cache): per user, never shared.

May import: nothing.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path


def cache_root() -> Path:
    """$POLICYREF_CACHE_DIR, else $XDG_CACHE_HOME/policyref or ~/.cache/policyref."""
    env = os.environ.get("POLICYREF_CACHE_DIR")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policyref"
    try:
        base.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=base, delete=True)
        probe.close()
        return base
    except OSError:
        # no writable home: a private folder in /tmp, trusted only when it is ours and closed to others
        fallback = Path(tempfile.gettempdir()) / f"policyref-cache-{os.getuid()}"
        fallback.mkdir(mode=0o700, exist_ok=True)
        info = fallback.lstat()
        if fallback.is_symlink() or info.st_uid != os.getuid() or info.st_mode & 0o077:
            return Path(tempfile.mkdtemp(prefix="policyref-cache-"))
        return fallback


def folder(name: str) -> Path:
    """A sub-folder of the cache folder, made when missing."""
    path = cache_root() / name
    path.mkdir(exist_ok=True)
    return path


# Kept in any case: what was used within a day (another build may be about to open it) and the
# most recent few (the dictionaries an editor switches between)
KEEP_RECENT = 16
KEEP_SECONDS = 24 * 3600


def touch(entry: Path) -> None:
    """Mark a cache entry as used now (`prune` removes the long unused ones)."""
    try:
        os.utime(entry)
    except OSError:
        pass


def prune(prefix: str) -> list[str]:
    """Remove the entries of the cache folder named ``prefix``…, last used more than a day ago,
    beyond the KEEP_RECENT most recent: every edit of a dictionary makes a new entry, and
    without this the folder only grows. Returns the names removed."""
    root = cache_root()
    entries = []
    for p in root.iterdir():
        if p.name.startswith(prefix) and p.is_dir() and not p.is_symlink():
            try:
                entries.append((p.stat().st_mtime, p))
            except OSError:
                continue
    entries.sort(reverse=True)
    cutoff = time.time() - KEEP_SECONDS
    removed = []
    for mtime, p in entries[KEEP_RECENT:]:
        if mtime < cutoff:
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p.name)
    return removed
