"""Command line for editors: python -m build_tools.script {hant|hans|check-hant|check-hans|report} [FILE…]

Uses the dictionary of the project found from the current folder (or --root)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..project import Project
from . import opencc_cache
from .convert import converter_for


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m build_tools.script", description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["hant", "hans", "check-hant", "check-hans", "report"])
    ap.add_argument("files", nargs="*", help="files to read (default: stdin)")
    ap.add_argument("--root", type=Path, default=None, help="project folder (default: found from here)")
    args = ap.parse_args(argv)
    project = Project(args.root.resolve()) if args.root else Project.find(Path.cwd())
    if project is None:
        print("error: no project (mkdocs.yml and content/) here or above; pass --root", file=sys.stderr)
        return 2
    if args.command == "report":
        r = opencc_cache.build_report(str(project.phrases_file.resolve()))
        print(f"cache: {r['cache_dir']}")
        print(f"derived entries: {len(r['derived'])}")
        for d in r["derived"]:
            print(f"  {d['simplified']}\t{d['opencc']} → {d['project']}\t(via {'、'.join(d['via'])})")
        for s in r["skipped"]:
            print(f"  skipped: {s}")
        print(f"entries s2tw already gets right: {len(r['redundant'])}")
        return 0
    converter = converter_for(project.phrases_file)
    texts = [(f, Path(f).read_text(encoding="utf-8")) for f in args.files] or [("-", sys.stdin.read())]
    status = 0
    for name, text in texts:
        if args.command == "hant":
            sys.stdout.write(converter.to_hant(text))
        elif args.command == "hans":
            sys.stdout.write(converter.to_hans(text))
        else:
            variant = "zh-Hant" if args.command == "check-hant" else "zh-Hans"
            for v in converter.violations(text, variant):
                line = text.count("\n", 0, v.offset) + 1
                print(f"{name}:{line}: {v}")
                status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
