"""Speed and memory figures (printed, not asserted): `make bench`.

Builds the real site twice into temporary folders with the real CLI and reports wall time,
peak memory of the build process, page counts and sizes; then the importer's cost per MB.
"""
from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_once(out: Path) -> tuple[float, float]:
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run([sys.executable, "-m", "build_tools.cli", "--root", str(ROOT), "build", "--site-dir", str(out)],
                   check=True, capture_output=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - start, max(peak, before) / 1024


def conversion() -> None:
    """chars/s of plain OpenCC s2tw and of the project Converter (dictionary + word
    boundaries), side by side: on the plans (real prose) and on the trap corpus (one trap per
    sentence, the worst case). Best of 5 runs each (CPU time), one call per paragraph."""
    import opencc

    from build_tools.project import Project
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


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for run in (1, 2):
            out = Path(tmp) / f"site{run}"
            seconds, peak_mb = build_once(out)
            html = list(out.rglob("*.html"))
            size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
            print(f"build run {run}: {seconds:.1f} s wall, peak RSS {peak_mb:.0f} MB, "
                  f"{len(html)} HTML files, {size / 1e6:.1f} MB on disk")
        for variant in ("zh-Hans", "zh-Hant"):
            index = Path(tmp) / "site2" / variant / "search" / "search_index.json"
            if index.exists():
                print(f"{variant} search_index.json: {index.stat().st_size / 1e3:.0f} KB")
    importer_bench = ROOT / "tests" / "bench_importer.py"
    if importer_bench.exists():
        subprocess.run([sys.executable, str(importer_bench)], check=False)


if __name__ == "__main__":
    conversion()
    main()
