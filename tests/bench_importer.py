"""Import speed, in seconds per MB of input, for each input shape. Prints figures; asserts nothing.

    .venv/bin/python tests/bench_importer.py [--mb 1.0] [--repeat 3]

Inputs are made from the project's own raw source 004 (Traditional, 35 tasks): its task
paragraphs are renumbered into a long plan of about the requested size, then written as
plain Traditional text, plain Simplified text, HTML, and one crawler line without breaks.
The goal (issue 3): a 1 MB text imports in under 2 s.
"""
from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from build_tools.diagnostics import Report  # noqa: E402
from build_tools.importer.audit import audit  # noqa: E402
from build_tools.importer.pipeline import run  # noqa: E402
from build_tools.importer.report import to_json  # noqa: E402
from build_tools.importer.script import ScriptConverter  # noqa: E402
from build_tools.project import Project  # noqa: E402
from build_tools.script.convert import converter_for  # noqa: E402

PROJECT = Project(ROOT)
CONVERTER = converter_for(PROJECT.phrases_file)
to_simplified = ScriptConverter(CONVERTER).to_simplified
from build_tools.importer.spam import load_known_terms  # noqa: E402
from build_tools.read.numerals import int_to_cn  # noqa: E402
from build_tools.read.registry import load_registry  # noqa: E402

SOURCE = ROOT / "content" / "sources" / "004_a4a50e7d38a9656d.txt"


def paragraphs() -> list[str]:
    lines = [l.strip() for l in SOURCE.read_text(encoding="utf-8").splitlines()]
    return [l for l in lines if len(l) > 80 and not re.match(r"^[一二三四五六七八九十]+、|^\(", l)]


def make_plan(megabytes: float) -> str:
    texts = paragraphs()
    out = ["示範省標準化發展行動計劃（2024—2025年）", "為推動標準化發展，制定本行動計劃。"]
    size, chapter, k = 0, 0, 0
    while size < megabytes * 1_000_000:
        chapter += 1
        out.append(f"{int_to_cn(chapter % 99 or 99)}、第{chapter}部分重點工作")
        for task in range(1, 21):
            text = texts[k % len(texts)]
            k += 1
            out.append(f"({int_to_cn(task)})任務標題第{task}項")
            out.append(text)
            size += len(text.encode("utf-8")) + 40
    return "\n".join(out) + "\n"


def shapes(megabytes: float) -> dict[str, bytes]:
    hant = make_plan(megabytes)
    hans = to_simplified(hant)
    html = "<html><body>\n" + "\n".join(f"<p>{l}</p>" for l in hans.splitlines()) + "\n</body></html>\n"
    return {"plain Traditional (tw2s)": hant.encode("utf-8"), "plain Simplified": hans.encode("utf-8"),
            "GB18030 Simplified": hans.encode("gb18030"), "HTML": html.encode("utf-8"),
            "one crawler line": hans.replace("\n", "").encode("utf-8")}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    registry = load_registry(ROOT / "content" / "agencies.yml", Report())
    known = load_known_terms(PROJECT, registry.by_name)
    run(b"warm-up \xe6\xa0\x87\xe5\x87\x86", source_name="w.txt", plan_id="w", registry=registry, known_terms=known, converter=CONVERTER)
    print("CPU seconds (process time: not inflated by other jobs on the machine), best of --repeat;")
    print("'import' = bytes → draft; '+report' = JSON report and the independent audit")
    print(f"{'shape':28} {'MB':>6} {'import s':>9} {'s/MB':>7} {'+report s':>10} {'tasks':>6}")
    for name, data in shapes(args.mb).items():
        mb = len(data) / 1_000_000
        best = float("inf")
        for _ in range(args.repeat):
            start = time.process_time()
            result = run(data, source_name="bench.txt", plan_id="bench", registry=registry, known_terms=known,
                         converter=CONVERTER)
            best = min(best, time.process_time() - start)
        start = time.process_time()
        audit(result.ledger.source, to_json(result, "bench", "bench"), result.draft)
        audited = time.process_time() - start
        tasks = result.draft.count("\n### ")
        print(f"{name:28} {mb:6.2f} {best:9.2f} {best / mb:7.2f} {audited:10.2f} {tasks:6}")
    print("\nend to end (`python -m build_tools.importer`, new process: start-up, registry, draft, report, audit):")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "content" / "sources").mkdir(parents=True)
        (project / "content" / "plans").mkdir()
        (project / "CONTENT_FORMAT.md").write_text("bench", encoding="utf-8")
        shutil.copy(ROOT / "content" / "agencies.yml", project / "content" / "agencies.yml")
        (project / "content" / "script").mkdir()  # the importer converts with the project dictionary
        shutil.copy(ROOT / "content" / "script" / "phrases.tsv", project / "content" / "script" / "phrases.tsv")
        for name, data in shapes(args.mb).items():
            raw = project / "content" / "sources" / f"bench-{len(name)}.txt"
            raw.write_bytes(data)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "build_tools.importer", str(raw), "--root", str(project),
                                   "--id", "bench", "--force", "-q"], cwd=ROOT, capture_output=True, text=True)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            status = "ok" if proc.returncode == 0 else f"exit {proc.returncode}: {proc.stderr.strip()[:80]}"
            mb = len(data) / 1_000_000
            print(f"{name:28} {mb:6.2f} MB  CPU {cpu:5.2f} s ({cpu / mb:.2f} s/MB)  wall {wall:5.2f} s  {status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
