"""Lighthouse scores of every page type in both variants, desktop and mobile (`make lighthouse`;
printed, not asserted: minutes of work, so not in `make test`).

Builds the real site (or takes SITE_DIR), serves it gzipped (tests/gzip_server.py) and runs
Lighthouse (npm, in LIGHTHOUSE_PREFIX) in Debian chromium through tests/lighthouse.mjs.

    python tests/lighthouse.py [--site SITE_DIR] [--only KIND[,KIND]] LIGHTHOUSE_PREFIX
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from gzip_server import serve  # noqa: E402
from page_types import PAGE_TYPES, VARIANTS  # noqa: E402

CATEGORIES = ("accessibility", "best-practices", "seo")


def jobs(base: str, kinds: list[str]) -> list[dict]:
    out = []
    for kind in kinds:
        for variant in (VARIANTS if "{v}" in PAGE_TYPES[kind] else VARIANTS[:1]):
            for form in ("desktop", "mobile"):
                out.append({"name": kind, "variant": variant if "{v}" in PAGE_TYPES[kind] else "root",
                            "url": base + PAGE_TYPES[kind].format(v=variant), "form": form,
                            "hold": kind == "chooser"})
    return out


def run(site: Path, prefix: Path, kinds: list[str]) -> list[dict]:
    server, base, _ = serve(site)
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
            json.dump(jobs(base, kinds), f)
            f.flush()
            out = subprocess.run(["node", str(HERE / "lighthouse.mjs"), str(prefix), f.name],
                                 capture_output=True, text=True, check=True).stdout
    finally:
        server.shutdown()
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def report(results: list[dict]) -> None:
    rows = {}
    for r in results:
        row = rows.setdefault((r["name"], r["variant"]), {})
        row.update({c: r["scores"][c] for c in CATEGORIES} if r["form"] == "desktop" else {})
        row[f"perf {r['form']}"] = r["scores"]["performance"]
        if r["runtimeError"] or r["finalUrl"] != r["url"]:
            row["error"] = r["runtimeError"] or f"went on to {r['finalUrl']}"
    print("| page | variant | Accessibility | Best Practices | SEO | Performance desktop | Performance mobile |")
    print("|---|---|---|---|---|---|---|")
    for (kind, variant), row in rows.items():
        print(f"| {kind} | {variant} | {row.get('accessibility')} | {row.get('best-practices')} | {row.get('seo')} "
              f"| {row.get('perf desktop')} | {row.get('perf mobile')} |" + (f" {row['error']}" if "error" in row else ""))
    for r in results:  # what keeps a category below 100 (performance: only when under 95)
        for a in r["failed"]:
            print(f"  {r['name']} {r['variant']} {r['form']}: {a['id']} ({a['score']}) {a['title']} {a['items'][:2]}",
                  file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("prefix", type=Path)
    parser.add_argument("--site", type=Path)
    parser.add_argument("--only", default=",".join(PAGE_TYPES))
    args = parser.parse_args()
    kinds = args.only.split(",")
    if args.site:
        report(run(args.site, args.prefix, kinds))
        return
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "build_tools.cli", "--root", str(HERE.parent), "build",
                        "--site-dir", str(site)], check=True, capture_output=True)
        report(run(site, args.prefix, kinds))


if __name__ == "__main__":
    main()
