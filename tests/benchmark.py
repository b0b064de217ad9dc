"""Speed and memory figures (printed, not asserted): `make bench` [BENCH_SIZES=1000,5000,10000; 0: the real corpus only].

For the real corpus and synthetic corpora of each size (tests/bench_corpus.py, in a temporary
folder), in the same run:
  * a full `policyref build` (its own process), per stage: wall, CPU (children included),
    peak RSS; bytes per page type (median, max); search index size relative to the text;
    then the same build again with the store of the first (nothing changed; one plan edited);
  * the baseline: one plain `mkdocs build` (Material, its search plugin, the same Markdown
    extensions and nav) of the same generated zh-Hans pages, and the ratio;
  * `policyref serve`: seconds from saving an edited plan to the new text being served.
First the conversion's speed against plain OpenCC; last the importer's cost per MB (tests/bench_importer.py).
"""
from __future__ import annotations

import compileall
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from build_tools.project import Project

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
DEFAULT_SIZES = (1000, 5000, 10000)


# ---- child: one measured build -----------------------------------------------------------
def measure_build(root: Path, out: Path) -> dict:
    from build_tools.build import build_site
    from build_tools.stages import Recorder

    stages = Recorder()
    start = time.perf_counter()
    build_site(Project(root), out, stages=stages)
    wall = time.perf_counter() - start
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": wall, "cpu": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime,
            "peak_mb": max(own.ru_maxrss, kids.ru_maxrss) / 1024,
            "stages": {k: vars(v) for k, v in stages.costs.items()}, "reused": stages.pages_reused}


def write_baseline(root: Path, dest: Path, variant: str = "zh-Hans") -> None:
    """One variant's pages as plain Markdown files and a plain Material config with the same nav."""
    import yaml

    from build_tools.adapter.plugin import site_nav
    from build_tools.build import gather, variant_inputs

    given = variant_inputs(gather(Project(root)), variants=(variant,))[variant]
    docs = dest / "docs"
    for page in given.pages:
        path = docs / page.url / "index.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.markdown, encoding="utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    plain = {"site_name": config["site_name"], "docs_dir": "docs", "site_dir": "site",
             "use_directory_urls": True, "theme": {k: v for k, v in config["theme"].items() if k != "custom_dir"},
             "plugins": ["search"], "markdown_extensions": config["markdown_extensions"],
             "nav": site_nav(given.pages, lambda text: text)}
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(plain, allow_unicode=True), encoding="utf-8")


def page_sizes(out: Path) -> dict[str, list[int]]:
    kinds: dict[str, list[int]] = {}
    for variant in ("zh-Hans", "zh-Hant"):
        for path in (out / variant).rglob("*.html"):
            parts = path.relative_to(out / variant).parts[:-1]
            kind = {0: "home", 1: parts[0] if parts else "home"}.get(len(parts)) or \
                {"plans": {2: "plan", 3: "task"}, "agencies": {2: "agency", 3: "agency year"}, "years": {2: "plans of a year"}}.get(parts[0], {}).get(len(parts), "other")
            kinds.setdefault("index:" + kind if len(parts) == 1 else kind, []).append(path.stat().st_size)
    return kinds


def search_ratio(root: Path, out: Path) -> float:
    from build_tools.read.site import load_site
    from build_tools.diagnostics import Report
    from build_tools.script.convert import converter_for
    from build_tools.search.index import DATA_PATH, corpus_text

    project = Project(root)
    site = load_site(project, Report())
    converter = converter_for(project.phrases_file)
    text = len(corpus_text(site, "zh-Hans", converter).encode())
    return (out / "zh-Hans" / DATA_PATH).stat().st_size / text


def conversion() -> None:
    """chars/s of plain OpenCC s2tw and of the project Converter (dictionary + word
    boundaries), side by side: on the plans (real prose) and on the trap corpus (one trap per
    sentence, the worst case). Best of 5 runs each (CPU time), one call per paragraph."""
    import opencc

    from build_tools.script.convert import converter_for
    from build_tools.script.markers import strip_markers

    project = Project(ROOT)
    converter = converter_for(project.phrases_file)
    plain = opencc.OpenCC("s2tw").convert
    plans = "".join(strip_markers(p.read_text(encoding="utf-8")) for p in sorted(project.plans_dir.glob("*.md")))
    traps = "\n".join(line.split("\t")[0] for line in
                      (ROOT / "tests" / "data" / "boundary_traps.tsv").read_text(encoding="utf-8").splitlines()
                      if line and not line.startswith(("#", "simplified\t")))
    converter.to_hant(plans)  # builds the caches, loads jieba
    for name, text in (("plans", plans * 5), ("boundary traps", traps * 20)):
        paragraphs = text.split("\n")
        best = {"plain OpenCC s2tw": float("inf"), "project Converter": float("inf")}
        for _ in range(9):  # interleaved, best of 9: a busy machine slows both alike
            for label, fn in (("plain OpenCC s2tw", plain), ("project Converter", converter.to_hant)):
                start = time.process_time()  # CPU time: other processes on the machine do not count
                for p in paragraphs:
                    fn(p)
                best[label] = min(best[label], time.process_time() - start)
        a, b = (len(text) / seconds for seconds in best.values())
        print(f"conversion, {name} ({len(text)} chars): plain OpenCC s2tw {a / 1e6:.2f} M chars/s, "
              f"project Converter {b / 1e6:.2f} M chars/s ({a / b:.2f}x the time)")


# ---- parent --------------------------------------------------------------------------------
def child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"benchmark child {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def plain_mkdocs(dest: Path) -> dict:
    """One plain `mkdocs build` (in its own process, so that its peak memory is its own)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(dest / "mkdocs.yml")))
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": own.ru_utime + own.ru_stime, "peak_mb": own.ru_maxrss / 1024}


def serve_seconds(root: Path, port: int) -> float | None:
    """Start `policyref serve`, edit one plan, time until the served page shows the edit."""
    from build_tools.render import urls

    plan_file = sorted((root / "content" / "plans").glob("*.md"))[0]
    url = f"http://127.0.0.1:{port}/{urls.plan(plan_file.stem)}"
    marker = "基准修改标记"
    proc = subprocess.Popen([sys.executable, "-m", "build_tools.cli", "--root", str(root), "serve",
                             "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if fetch(url, timeout=600, until=lambda page: page is not None) is None:
            return None
        time.sleep(1.0)  # let the watcher settle
        start = time.perf_counter()
        edit_one_plan(root, marker)
        if fetch(url, timeout=600, until=lambda page: page is not None and marker in page) is None:
            return None
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def fetch(url: str, timeout: float, until) -> str | None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
        except OSError:
            page = None
        if until(page):
            return page
        time.sleep(0.05)
    return None


def timed_build(root: Path, out: Path) -> dict:
    start = time.perf_counter()
    build = child("--measure", str(root), str(out))
    build["wall"] = time.perf_counter() - start  # as a `policyref build` command: start-up included
    return build


def edit_one_plan(root: Path, marker: str) -> Path:
    """A paragraph of the first plan's text, prefixed with `marker` (shown on its page)."""
    plan_file = sorted((root / "content" / "plans").glob("*.md"))[0]
    head, body = plan_file.read_text(encoding="utf-8").split("\n---\n", 1)
    lines = body.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip() and line[0] not in "#:-`")
    lines[first] = marker + lines[first]
    plan_file.write_text(head + "\n---\n" + "\n".join(lines), encoding="utf-8")
    return plan_file


def report(name: str, root: Path, tmp: Path) -> dict:
    from build_tools.cache import project_store

    out = tmp / f"site-{name}"
    build = timed_build(root, out)  # the project's first build: nothing to reuse
    sizes = page_sizes(out)
    ratio = child("--search-ratio", str(root), str(out))["ratio"]
    again = timed_build(root, out)  # the same content again: every page from the store
    edit_one_plan(root, "基准重建标记")
    edited = timed_build(root, out)  # after an edit of one plan
    shutil.rmtree(out)
    shutil.rmtree(project_store(root, "probe").path.parent, ignore_errors=True)  # the corpus's store
    base_dir = tmp / f"plain-{name}"
    child("--baseline", str(root), str(base_dir))
    start = time.perf_counter()
    plain = child("--plain", str(base_dir))
    plain["wall"] = time.perf_counter() - start  # as a `mkdocs build` command: start-up included
    # the floor of this design: both variants' plain builds at once (one per core, as policyref runs them)
    child("--baseline", str(root), str(base_dir) + "-hant", "zh-Hant")
    start = time.perf_counter()
    both = [subprocess.Popen([sys.executable, __file__, "--plain", d], stdout=subprocess.DEVNULL)
            for d in (str(base_dir), str(base_dir) + "-hant")]
    if any(p.wait() for p in both):
        sys.exit("benchmark: a plain mkdocs build of the floor failed")
    floor = time.perf_counter() - start
    shutil.rmtree(base_dir)
    shutil.rmtree(str(base_dir) + "-hant")
    print(f"\n== {name}: policyref build {build['wall']:.1f} s wall, {build['cpu']:.1f} s CPU, "
          f"peak RSS {build['peak_mb']:.0f} MB")
    print(f"   plain mkdocs build (zh-Hans pages): {plain['wall']:.1f} s wall, {plain['cpu']:.1f} s CPU, "
          f"peak RSS {plain['peak_mb']:.0f} MB → ratio {build['wall'] / plain['wall']:.2f}× wall, "
          f"{build['cpu'] / plain['cpu']:.2f}× CPU")
    print(f"   both variants' plain mkdocs builds side by side (the floor of two real MkDocs runs): "
          f"{floor:.1f} s wall = {floor / plain['wall']:.2f}× one")
    for label, warm in (("again, nothing changed", again), ("again, after editing one plan", edited)):
        kept, pages = (sum(n) for n in zip(*warm["reused"].values()))
        print(f"   policyref build {label}: {warm['wall']:.1f} s wall, {warm['cpu']:.1f} s CPU, "
              f"peak RSS {warm['peak_mb']:.0f} MB → ratio {warm['wall'] / plain['wall']:.2f}× wall "
              f"({kept} of {pages} pages reused from the last build)")
    print(f"   {'stage':24} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}")
    for stage, cost in build["stages"].items():
        print(f"   {stage:24} {cost['wall']:8.1f} {cost['cpu']:8.1f} {cost['peak_mb']:8.0f}")
    print(f"   {'page type':24} {'pages':>8} {'median KB':>10} {'max KB':>8}")
    for kind, values in sorted(sizes.items()):
        print(f"   {kind:24} {len(values):8} {statistics.median(values) / 1e3:10.1f} {max(values) / 1e3:8.1f}")
    print(f"   search index / text (zh-Hans): {ratio:.2f}×")
    serve = serve_seconds(root, 8765)
    print(f"   serve: edit of one plan → new text served in {serve:.1f} s" if serve is not None
          else "   serve: the edit was not served within 600 s")
    return {"build": build, "again": again, "edited": edited, "plain": plain, "serve": serve}


def clear_leftovers(prefix: str = "policyref-bench-", hours: float = 6) -> None:
    """Folders an interrupted run left behind (a corpus is hundreds of MB); a running bench's own
    folder is younger than `hours`."""
    for old in Path(tempfile.gettempdir()).glob(prefix + "*"):
        if old.is_dir() and not old.is_symlink() and time.time() - old.stat().st_mtime > hours * 3600:
            shutil.rmtree(old, ignore_errors=True)


def main(sizes: list[int]) -> None:
    from bench_corpus import write_corpus

    clear_leftovers()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1577836800")
    with tempfile.TemporaryDirectory(prefix="policyref-bench-") as name:
        tmp = Path(name)
        real = tmp / "real"  # a copy, so that the serve edit never touches content/
        shutil.copytree(ROOT, real, ignore=shutil.ignore_patterns(".git", ".venv", "site", ".*cache*", "build"))
        compileall.compile_dir(ROOT / "build_tools", quiet=1)  # a fresh checkout's first build compiles it
        results = {"real": report("real corpus", real, tmp)}
        for size in sizes:
            corpus = write_corpus(tmp / f"corpus-{size}", size)
            results[size] = report(f"{size} tasks", corpus, tmp)
            shutil.rmtree(corpus)
        if len(sizes) > 1:
            first, last = sizes[0], sizes[-1]
            grow = results[last]["build"]["cpu"] / results[first]["build"]["cpu"]
            print(f"\ncost curve: {last / first:.0f}× the tasks → {grow:.1f}× the CPU "
                  + ", ".join(f"{s}: {results[s]['build']['cpu']:.0f} s" for s in sizes))
    importer_bench = ROOT / "tests" / "bench_importer.py"
    if importer_bench.exists():
        subprocess.run([sys.executable, str(importer_bench)], check=False)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args and args[0] == "--measure":
        print(json.dumps(measure_build(Path(args[1]), Path(args[2]))))
    elif args and args[0] == "--search-ratio":
        print(json.dumps({"ratio": search_ratio(Path(args[1]), Path(args[2]))}))
    elif args and args[0] == "--plain":
        print(json.dumps(plain_mkdocs(Path(args[1]))))
    elif args and args[0] == "--baseline":
        write_baseline(Path(args[1]), Path(args[2]), *args[3:])
        print("{}")
    else:
        conversion()
        given = os.environ.get("BENCH_SIZES", "")
        main([int(s) for s in given.replace(",", " ").split() if int(s)] if given else list(DEFAULT_SIZES))
        subprocess.run([sys.executable, str(ROOT / "tests" / "bench_weight.py")], check=False)  # bytes per page view
