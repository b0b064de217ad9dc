"""The project's cache folder (OpenCC configurations, jieba's dictionary cache): per user, never shared.

May import: nothing.
"""
from __future__ import annotations

import os
import tempfile
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
