"""`policyref import`: a raw policy text from the web → a draft `content/plans/<id>.md` + a report.

Exit codes: 0 draft written, 1 refused (the message says why and what to do), 2 usage error,
3 internal error (set POLICYREF_DEBUG=1 for the traceback).

May import: read, script, atomic, diagnostics, fields, project.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from ..atomic import write_file
from ..project import Project
from ..script.convert import converter_for
from .decode import Refusal

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
MAX_FLAGS_SHOWN = 12


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="policyref import", description="Draft a plan source from a raw web copy of a policy text.",
        epilog="Then: read the report, fix the draft, `policyref check`, `policyref build`.")
    p.add_argument("input", help="the raw file (text or HTML; UTF-8, GB18030/GBK or Big5), or - for stdin")
    p.add_argument("--id", dest="plan_id", help="plan id, ASCII a-z 0-9 - (default: year-issuer-source)")
    p.add_argument("--out", type=Path, help="draft path (default: content/plans/<id>.md)")
    p.add_argument("--report", type=Path, help="report path (default: build/import/<id>.report.md, plus .json)")
    p.add_argument("--force", action="store_true", help="overwrite an existing draft")
    p.add_argument("--encoding", help="skip detection: utf-8, gb18030, big5 …")
    p.add_argument("--source-name", help="file name for the raw copy in content/sources/ (default: the input's)")
    p.add_argument("--root", type=Path, help="project folder (default: found from the current one)")
    p.add_argument("--dry-run", action="store_true", help="write nothing; print the draft to stdout")
    p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    return p


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return EXIT_OK if exc.code in (0, None) else EXIT_USAGE
    try:
        return _import(args)
    except Refusal as exc:
        print(f"policyref import: refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - an editor gets a message, not a traceback
        if os.environ.get("POLICYREF_DEBUG"):
            raise
        print(f"policyref import: internal error ({type(exc).__name__}: {exc}); nothing was written. "
              "Please report it with the input file (set POLICYREF_DEBUG=1 to see the traceback).",
              file=sys.stderr)
        return EXIT_INTERNAL


def _import(args) -> int:
    from ..diagnostics import Report
    from ..read.registry import load_registry
    from .audit import audit
    from .pipeline import run
    from .report import live_flags, to_json, to_markdown
    from ..fields import is_id
    from .spam import load_known_terms

    project = Project(args.root.resolve()) if args.root else Project.find(Path.cwd())
    if project is None or not project.content.is_dir():
        raise Refusal("no project here: run inside the project (a folder with mkdocs.yml and content/) "
                      "or pass --root")
    root = project.root
    if not project.phrases_file.is_file():
        raise Refusal(f"{project.shown(project.phrases_file)} is missing: the importer converts with the "
                      "project's dictionary (see CONVERSION.md)")
    if args.plan_id:
        problem = is_id(args.plan_id)
        if problem:
            raise Refusal(f"--id {problem}")
    data, input_path, input_name = _read_input(args.input)
    problems = Report()
    registry = load_registry(project.registry_file, problems, project.shown(project.registry_file))
    for d in problems.errors:
        print(f"warning: {d.format()} (agency names cannot all be resolved)", file=sys.stderr)
    source_name, source_state = _source_name(args, project, input_path, input_name, data)
    result = run(data, source_name=source_name, plan_id=args.plan_id, registry=registry,
                 known_terms=load_known_terms(project, registry.by_name),
                 converter=converter_for(project.phrases_file), encoding=args.encoding)
    data_json = to_json(result, input_name, "")
    audit(result.ledger.source, data_json, result.draft)  # every input character accounted, or nothing written
    out = args.out or project.plan_file(result.plan_id)
    shown_out = _shown(out, root)
    if args.dry_run:
        sys.stdout.write(result.draft)
        return EXIT_OK
    if out.exists() and not args.force:
        raise Refusal(f"{shown_out} already exists; nothing was written. Pass --force to overwrite it, "
                      "or --id/--out to write the draft elsewhere")
    report_md = args.report or project.import_reports / f"{result.plan_id}.report.md"
    report_json = report_md.with_suffix(".json")
    if source_state == "copy":
        write_file(project.sources_dir / source_name, data)
    write_file(out, result.draft.encode("utf-8"))
    data_json["draft"] = shown_out
    write_file(report_json, json.dumps(data_json, ensure_ascii=False).encode("utf-8"))  # C encoder: no indent
    write_file(report_md, to_markdown(data_json).encode("utf-8"))
    if not args.quiet:
        st = data_json["structure"]
        flags = live_flags(result)
        print(f"wrote {shown_out}: {st['chapters']} chapters, {st['tasks']} tasks "
              f"({result.encoding}, {result.script}{', HTML' if result.html else ''})")
        if source_state == "copy":
            print(f"copied the raw input to content/sources/{source_name} (keep it unchanged)")
        print(f"report: {_shown(report_md, root)} — {len(flags)} spot(s) need your decision, "
              f"{sum(r['length'] for r in data_json['removals']):,} characters removed, "
              f"{sum(len(run[1]) for group in data_json['changes'] for run in group['runs']):,} changed")
        for flag in flags[:MAX_FLAGS_SHOWN]:
            where = f"line {flag.line}" if flag.line else "document"
            print(f"  warning: {where}: [{flag.rule}] {flag.message}")
        if len(flags) > MAX_FLAGS_SHOWN:
            print(f"  … and {len(flags) - MAX_FLAGS_SHOWN} more in the report")
        if result.ledger.registry_entries:
            print(f"  {len(result.ledger.registry_entries)} agency name(s) unknown: the report has ready-to-paste "
                  "entries for content/agencies.yml")
        if result.found.missing:
            print(f"not found (left empty): {', '.join(result.found.missing)}")
        print("next: read the report, fix the draft, then `policyref check` and `policyref build`")
    return EXIT_OK


def _read_input(name: str) -> tuple[bytes, Path | None, str]:
    if name == "-":
        data = sys.stdin.buffer.read()
        return data, None, "stdin"
    path = Path(name)
    if not path.exists():
        raise Refusal(f"{name}: no such file")
    if path.is_dir():
        raise Refusal(f"{name} is a folder; give the raw file")
    try:
        return path.read_bytes(), path.resolve(), path.name
    except OSError as exc:
        raise Refusal(f"{name}: cannot read it ({exc.strerror})") from None


def _source_name(args, project: Project, input_path: Path | None, input_name: str, data: bytes) -> tuple[str, str]:
    """(file name in content/sources/, 'in-place' | 'same' | 'copy')."""
    sources = project.sources_dir
    if input_path is not None and input_path.parent == sources.resolve() and not args.source_name:
        return input_path.name, "in-place"
    digest = hashlib.sha256(data).hexdigest()[:16]
    name = args.source_name or (input_name if input_path is not None else f"stdin-{digest}.txt")
    if "/" in name or "\\" in name or name.startswith("."):
        raise Refusal(f"--source-name '{name}' must be a plain file name")
    target = sources / name
    if target.exists():
        if target.read_bytes() == data:
            return name, "same"
        raise Refusal(f"content/sources/{name} exists with different content; raw sources are never "
                      "overwritten. Pass --source-name to store this input under another name")
    return name, "copy"


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)
