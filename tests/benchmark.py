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
    main()
