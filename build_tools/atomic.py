"""Atomic file-system changes, one implementation each: a reader sees the old or the new, never a mix.

May import: nothing.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_file(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and os.replace: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def place_dir(tmp: Path, final: Path) -> None:
    """Move a freshly built directory into place; another process may have won the race."""
    try:
        os.replace(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not final.is_dir():
            raise
