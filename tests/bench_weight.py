"""Bytes per page view (printed by `make bench`, not asserted): every page type in both variants,
loaded once in real Chromium with an empty cache from the gzip-capable host (tests/gzip_server.py),
which counts what it sends: HTML, CSS, JS, fonts, images and data, raw and gzipped, next to the
baseline recorded in tests/data/weight_baseline.json (main at ad958be, before issue 14's trim).

    python tests/bench_weight.py [SITE_DIR] [--save-baseline COMMIT]
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gzip_server import serve  # noqa: E402
from page_types import PAGE_TYPES, VARIANTS  # noqa: E402

BASELINE = HERE / "data" / "weight_baseline.json"
KINDS = {".html": "html", ".css": "css", ".js": "js", ".woff2": "font", ".woff": "font", ".ttf": "font",
         ".svg": "image", ".png": "image", ".jpg": "image", ".webp": "image", ".ico": "image"}
HOLD = ("Object.defineProperty(navigator, 'languages', {get() { throw new Error('held'); }});"
        "addEventListener('error', (e) => e.preventDefault());")  # the chooser stays on screen


def kind_of(path: str) -> str:
    path = path.split("?")[0].split("#")[0]
    if path.endswith("/"):
        return "html"
    return KINDS.get(Path(path).suffix, "data")


def measure(site: Path) -> dict:
    """{"<page>/<variant>": {"requests", "raw", "gzip", "by_kind": {kind: [raw, gzip]}}}."""
    from playwright.sync_api import sync_playwright

    server, base, sent = serve(site)
    views = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for kind, pattern in PAGE_TYPES.items():
                for variant in (VARIANTS if "{v}" in pattern else ("root",)):
                    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
                    page = context.new_page()
                    if kind == "chooser":
                        page.add_init_script(HOLD)
                    start = len(sent)
                    page.goto(base + pattern.format(v=variant), wait_until="networkidle")
                    page.wait_for_timeout(300)  # late requests (workers, lazy assets)
                    context.close()
                    view = {"requests": 0, "raw": 0, "gzip": 0, "by_kind": {}}
                    for path, raw, wire in sent[start:]:
                        view["requests"] += 1
                        view["raw"] += raw
                        view["gzip"] += wire
                        k = view["by_kind"].setdefault(kind_of(path), [0, 0])
                        k[0] += raw
                        k[1] += wire
                    views[f"{kind}/{variant}"] = view
            browser.close()
    finally:
        server.shutdown()
    return views


def report(views: dict, baseline: dict) -> None:
    old = baseline.get("views", {})
    print(f"page weight per first view (KB, gzipped / raw); baseline: main at {baseline.get('commit', '?')}")
    for name, v in views.items():
        b = old.get(name)
        kinds = ", ".join(f"{k} {g / 1e3:.1f}/{r / 1e3:.1f}" for k, (r, g) in sorted(v["by_kind"].items()))
        was = f" (baseline {b['gzip'] / 1e3:.1f}/{b['raw'] / 1e3:.1f} KB, {b['requests']} requests)" if b else ""
        print(f"  {name:16} {v['gzip'] / 1e3:7.1f} / {v['raw'] / 1e3:7.1f} KB, {v['requests']:2} requests{was}  [{kinds}]")
    for variant in VARIANTS:
        mine = [v for n, v in views.items() if n.endswith("/" + variant)]
        theirs = [v for n, v in old.items() if n.endswith("/" + variant)]
        line = f"  {variant} mean of {len(mine)} page types: {sum(v['gzip'] for v in mine) / len(mine) / 1e3:.1f} KB gzipped, " \
               f"{sum(v['raw'] for v in mine) / len(mine) / 1e3:.1f} KB raw"
        if theirs:
            line += f" (baseline {sum(v['gzip'] for v in theirs) / len(theirs) / 1e3:.1f} / " \
                    f"{sum(v['raw'] for v in theirs) / len(theirs) / 1e3:.1f} KB)"
        print(line)


def main() -> None:
    args = sys.argv[1:]
    save = args[args.index("--save-baseline") + 1] if "--save-baseline" in args else None
    sites = [a for a in args if not a.startswith("--") and a != save]
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(sites[0]) if sites else Path(tmp) / "site"
        if not sites:
            subprocess.run([sys.executable, "-m", "build_tools.cli", "--root", str(HERE.parent), "build",
                            "--site-dir", str(site)], check=True, capture_output=True)
        views = measure(site)
    if save:
        BASELINE.write_text(json.dumps({"commit": save, "views": views}, indent=1) + "\n", encoding="utf-8")
    report(views, baseline)


if __name__ == "__main__":
    main()
