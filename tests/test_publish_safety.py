"""Issue 11: publishing has no window. A kill -9 at any step of the swap, or of a whole build
at a random moment, leaves site/ the old tree or the new one; leftovers of dead builds are
removed by the next build, which says so; SIGTERM unwinds like Ctrl-C; the published tree is
world-readable whatever the umask."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_tools import publish

from conftest import ROOT, run_cli

KILL_AT_STEP = r"""
import os, shutil, signal, sys
from pathlib import Path
from build_tools import publish
site, staging, n = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
calls = [0]
def step(fn):
    def wrapped(*a, **k):
        calls[0] += 1
        if calls[0] == n:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*a, **k)
    return wrapped
os.rename, os.replace, os.unlink, os.rmdir = (step(os.rename), step(os.replace), step(os.unlink),
                                               step(os.rmdir))
publish._exchange, shutil.rmtree = step(publish._exchange), step(shutil.rmtree)
publish.swap_in(staging, site)
"""


def tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def make_tree(root: Path, label: str, files: int = 4) -> dict[str, bytes]:
    for i in range(files):
        (root / f"d{i}").mkdir(parents=True, exist_ok=True)
        (root / f"d{i}" / "index.html").write_text(f"{label} {i}\n")
    return tree(root)


def test_a_kill_at_any_step_of_the_swap_leaves_the_old_or_the_new_site(tmp_path):
    """Kill -9 before the 1st, 2nd, … file-system step of swap_in until it completes; each time
    site/ is exactly the old tree or exactly the new one, and the next build cleans the rest."""
    steps = 0
    for n in range(1, 200):
        work = tmp_path / str(n)
        site = work / "site"
        old = make_tree(site, "old")
        staging = publish.staging_dir(site)
        new = make_tree(staging, "new")
        done = subprocess.run([sys.executable, "-c", KILL_AT_STEP, str(site), str(staging), str(n)],
                              cwd=ROOT, capture_output=True, text=True)
        assert done.returncode in (0, -signal.SIGKILL), done.stderr
        assert site.is_dir(), f"no site/ after a kill at step {n}"
        assert tree(site) in (old, new), f"site/ is a mix after a kill at step {n}"
        publish.clean_leftovers(site)
        assert sorted(p.name for p in work.iterdir()) == ["site"]
        if done.returncode == 0:
            assert tree(site) == new
            break
        steps += 1
    assert steps >= 3  # the exchange, and removing the old tree file by file, were all interrupted


def test_leftovers_of_live_builds_and_other_folders_are_kept(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    live = tmp_path / f".site-build-{os.getppid()}-abc"  # a live process (our parent)
    dead = tmp_path / ".site-old-999999999"  # no such process
    other = tmp_path / ".other-build-999999999-x"
    for folder in (live, dead, other):
        folder.mkdir()
    assert publish.clean_leftovers(site) == [dead.name]
    assert live.is_dir() and other.is_dir() and not dead.exists()


def tiny_project(root: Path) -> Path:
    """A copy of the project with one plan: a real build, but short."""
    for name in ("mkdocs.yml", "content", "overrides"):
        src = ROOT / name
        subprocess.run(["cp", "-r", str(src), str(root / name)], check=True)
    for plan in (root / "content/plans").glob("*.md"):
        if not plan.name.startswith("2012-miit"):
            plan.unlink()
    return root


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> tuple[Path, dict]:
    """A tiny project built once under umask 077, by a user with a fresh home and temp folder."""
    root = tiny_project(tmp_path_factory.mktemp("tiny"))
    home, tmp = root.parent / "home", root.parent / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("POLICYREF_CACHE_DIR", "XDG_CACHE_HOME")}
    env.update(HOME=str(home), TMPDIR=str(tmp))
    built = subprocess.run(["sh", "-c", f'umask 077; exec "{sys.executable}" -m build_tools.cli --root "{root}" '
                            f'build --site-dir "{root / "site"}"'], cwd=ROOT, capture_output=True, text=True,
                           env=env)
    assert built.returncode == 0, built.stderr[-3000:]
    return root, tree(root / "site")


def test_jieba_caches_live_in_the_users_own_cache_folder(tiny):
    """Nothing in the shared temp folder (jieba's default /tmp/jieba.cache); the cache is in
    ~/.cache/policyref of the user who built."""
    root, _ = tiny
    assert list((root.parent / "tmp").iterdir()) == []
    cached = [p.name for p in (root.parent / "home/.cache/policyref").iterdir()]
    assert any(name.startswith("jieba") for name in cached), cached


def test_published_files_are_world_readable_under_umask_077(tiny):
    root, _ = tiny
    modes = {oct(p.stat().st_mode & 0o777) for p in (root / "site").rglob("*") if p.is_file()}
    folders = {oct(p.stat().st_mode & 0o777) for p in [root / "site", *(root / "site").rglob("*")] if p.is_dir()}
    assert modes == {"0o644"} and folders == {"0o755"}, (modes, folders)


def test_kill_9_of_a_build_at_random_moments_never_breaks_site(tiny):
    """Real builds killed at random moments (a fixed seed, so a failure can be replayed): site/
    stays the complete first build (a finished build is byte-identical: same content); the next
    build removes what the killed ones left and says so in one line."""
    root, first = tiny
    rng = random.Random(11)
    for _ in range(3):
        build = subprocess.Popen([sys.executable, "-m", "build_tools.cli", "--root", str(root), "build",
                                  "--site-dir", str(root / "site")], cwd=ROOT,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 8.0))
        build.send_signal(signal.SIGKILL)
        build.wait()
        assert tree(root / "site") == first
    leftovers = [p.name for p in root.iterdir() if p.name.startswith(".site-")]
    result = run_cli("build", "--site-dir", str(root / "site"), root=root)
    assert result.returncode == 0, result.stderr[-3000:]
    assert tree(root / "site") == first
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site-")]
    said = [line for line in result.stderr.splitlines() if "interrupted builds" in line]
    assert len(said) == (1 if leftovers else 0), (leftovers, result.stderr[-2000:])
    for name in leftovers:
        assert name in said[0]


def test_sigterm_is_handled_like_ctrl_c(tiny):
    """SIGTERM during a build: exit 143, the staging folder removed, site/ untouched."""
    root, first = tiny
    build = subprocess.Popen([sys.executable, "-m", "build_tools.cli", "--root", str(root), "build",
                              "--site-dir", str(root / "site")], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not [p for p in root.iterdir() if p.name.startswith(".site-build-")]:
        assert time.monotonic() < deadline and build.poll() is None, "the build never staged"
        time.sleep(0.05)
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=60)
    assert build.returncode == 143, err[-2000:]
    assert "Traceback" not in err and "left as it was" in err
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site-")]
    assert tree(root / "site") == first
