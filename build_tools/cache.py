"""The project's cache folder (OpenCC configurations, jieba's dictionary cache, what a build may
reuse from the last one): per user, never shared.

May import: nothing.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import sqlite3
import sys
import tempfile
import time
from functools import lru_cache
from importlib import metadata
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


STORE_PREFIX = "store-"  # a cache sub-folder per project: a file per store (a variant's, the site's)


def project_store(project_root: Path, name: str, spill: int | None = None) -> "Store":
    """The store `name` of the project at `project_root`: each variant's process has its own (they
    build at once). Stores of projects not built for a day (temporary ones, old checkouts) are pruned."""
    prune(STORE_PREFIX)
    project = STORE_PREFIX + hashlib.sha256(str(project_root.resolve()).encode()).hexdigest()[:16]
    return Store(folder(project) / f"{name}.sqlite", spill)


PACKAGE = Path(__file__).resolve().parent  # build_tools


def files_digest(root: Path, digest=None):
    """`digest` (a new sha256 by default) updated with every file under `root` (or `root` itself, a
    file): each one's path relative to `root` and its bytes, in path order; compiled Python left out."""
    digest = digest or hashlib.sha256()
    for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest


@lru_cache(maxsize=1)
def code_version() -> str:
    """Of every source file of build_tools, templates and data included."""
    return files_digest(PACKAGE).hexdigest()


@lru_cache(maxsize=1)
def packages() -> str:
    """Every installed distribution and its version (MkDocs, Material, Markdown, OpenCC, jieba …)."""
    return repr(sorted((d.metadata["Name"] or "", d.version) for d in metadata.distributions()))


def key_of(*parts) -> str:
    """A store key: the digest of the repr of everything a value is made from, and of the code, the
    installed packages and the Python that make it (any change to them is a new key)."""
    digest = _makers().copy()
    digest.update(repr(parts).encode("utf-8"))
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _makers():
    return hashlib.sha256(repr((code_version(), packages(), sys.version)).encode("utf-8"))


class Store:
    """A persistent key → value map in one SQLite file of the cache folder (values pickled), for
    what a build may reuse from the previous build of the same project.

    `keep` ends a build: it writes what the build made and forgets every entry the build did not
    use, so the store holds one build and its size follows the site's. A store that cannot be
    read (corrupt, locked, another format) is treated as empty: a cache can cost a rebuild, never a
    build. The file is opened when first read and closed by `close` (before a fork: SQLite
    connections must not cross one) and by `keep`.

    `spill`: bytes of made entries held in memory before they are written (in the transaction
    `keep` commits, so that a failed build still keeps nothing): a variant's store at 10,000
    tasks makes ~300 MB. None: held until `keep` (a store closed and opened again before then)."""

    def __init__(self, path: Path, spill: int | None = None):
        self.path = path
        self.spill = spill
        self.used: set[str] = set()
        self.made: dict[str, bytes] = {}
        self._made_bytes = 0
        self._db: sqlite3.Connection | None = None
        self._stored: set[str] | None = None
        self._unusable = False
        self.tables: dict[str, Table] = {}

    def _open(self) -> sqlite3.Connection:
        if self._unusable:  # tried once: each later call would wait out the lock again
            raise sqlite3.OperationalError(f"{self.path}: could not be opened")
        if self._db is None:
            try:
                try:
                    self._db = self._connect()
                except sqlite3.OperationalError:  # locked, unreadable: this build goes without it
                    raise
                except sqlite3.DatabaseError:  # not a database (or damaged): begun again
                    self.path.unlink(missing_ok=True)
                    self._db = self._connect()
            except (sqlite3.Error, OSError):
                self._unusable = True
                raise sqlite3.OperationalError(f"{self.path}: could not be opened") from None
        return self._db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            db.execute("PRAGMA auto_vacuum = FULL")  # a new file gives back what each build drops
            # no fsync: a cache survives a killed build (the journal), and after a power cut a store
            # that is no database is begun again
            db.execute("PRAGMA synchronous = OFF")
            db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        except sqlite3.Error:
            db.close()
            raise
        return db

    def get(self, key: str):
        """The value kept under `key`, or None."""
        if key in self.made:
            self.used.add(key)
            return pickle.loads(self.made[key])
        try:
            if self._stored is None:  # one query for the keys, then one per entry that is there
                self._stored = {k for (k,) in self._open().execute("SELECT key FROM entries")}
            if key not in self._stored:
                return None
            row = self._open().execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
            value = pickle.loads(row[0]) if row else None
        except (sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None
        if value is not None:
            self.used.add(key)
        return value

    def memo(self, key: str, make):
        """The value kept under `key`, else `make()` (kept under it from now on)."""
        found = self.get(key)
        if found is None:
            found = make()
            self.put(key, found)
        return found

    def table(self, key: str) -> "Table":
        """A memo of many small entries (the text → tokens of a segmenter …), kept as one entry."""
        found = self.get(key)
        table = self.tables[key] = Table(found if isinstance(found, dict) else {})
        return table

    def put(self, key: str, value) -> None:
        self.used.add(key)
        self.made[key] = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._made_bytes += len(self.made[key])
        if self.spill is not None and self._made_bytes > self.spill:
            try:
                self._write_made(self._open())
            except sqlite3.Error:
                pass

    def _write_made(self, db: sqlite3.Connection) -> None:
        db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?)", self.made.items())
        if self._stored is not None:
            self._stored.update(self.made)
        self.made, self._made_bytes = {}, 0

    def keep(self) -> None:
        """Write what was made; drop what was not used."""
        for key, table in self.tables.items():  # a table this build asked nothing of is kept as it was
            self.put(key, table.now or table.old)
        try:
            with self._open() as db:
                self._write_made(db)
                db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
                db.execute("DELETE FROM used")
                db.executemany("INSERT INTO used VALUES (?)", ((k,) for k in self.used))
                db.execute("DELETE FROM entries WHERE key NOT IN (SELECT key FROM used)")
            touch(self.path.parent)
        except sqlite3.Error:
            pass
        self.made, self._made_bytes = {}, 0
        self.close()

    def close(self) -> None:
        """Without `keep`: what was made and written is not committed (SQLite drops it)."""
        if self._db is not None:
            self._db.close()
        self._db, self._stored = None, None


class Table:
    """A memo in a store (`Store.table`): what one build asked of it is kept for the next, the rest
    dropped (all of it is kept when the build asked nothing: it had what the table is for already)."""

    def __init__(self, old: dict):
        self.old, self.now = old, {}

    def get(self, key, make):
        if key in self.now:
            return self.now[key]
        found = self.old[key] if key in self.old else make()
        self.now[key] = found
        return found
