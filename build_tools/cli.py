"""`policyref check | build | serve | inspect | import` — exit 0 ok, 1 content errors, 2 usage/environment.

May import: anything.
"""
from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from .diagnostics import ContentError, Report
from .project import Project
from .variants import VARIANTS

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2
REPORT_URL = "the project's issue tracker"


def print_report(report: Report, stream=None) -> None:
    stream = stream or sys.stderr  # looked up at call time (tests and wrappers replace sys.stderr)
    for item in report.sorted():
        print(item.format(), file=stream)
    errors, warnings = len(report.errors), len(report.warnings)
    if errors or warnings:
        print(f"{errors} error(s), {warnings} warning(s)", file=stream)


def cmd_check(args) -> int:
    from .read.site import load_site

    report = Report()
    load_site(args.project, report)
    print_report(report)
    failed = report.errors or (args.strict and report.warnings)
    if not failed:
        print("content OK", file=sys.stderr)
    return EXIT_CONTENT if failed else EXIT_OK


def cmd_build(args) -> int:
    from .adapter.run import PublisherError
    from .build import build_site
    from .publish import BuildLocked, build_lock, clean_leftovers
    from .stages import Recorder
    from .verify.checks import VerifyError

    project = args.project
    site_dir = args.site_dir if args.site_dir.is_absolute() else project.root / args.site_dir
    try:
        with build_lock(project):
            removed = clean_leftovers(site_dir)
            if removed:
                print(f"removed {len(removed)} folder(s) left beside {site_dir.name}/ by interrupted builds: "
                      + ", ".join(removed), file=sys.stderr)
            stages = Recorder()
            report = build_site(project, site_dir, strict=args.strict, site_url=args.site_url, stages=stages)
    except BuildLocked as exc:
        print(f"error: {exc}; wait for it to finish", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # disk full, no permission: the environment, not the content
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}\nbuild stopped: {site_dir} left as it was",
              file=sys.stderr)
        return EXIT_USAGE
    except ContentError as exc:
        print_report(exc.report)
        print(f"build stopped: {site_dir} left as it was", file=sys.stderr)
        return EXIT_CONTENT
    except VerifyError as exc:
        print_report(exc.report)
        print(f"build failed its post-build checks: {site_dir} left as it was", file=sys.stderr)
        return EXIT_CONTENT
    except PublisherError as exc:  # MkDocs' strict warnings and the like
        print(f"error: MkDocs: {exc}\nbuild stopped: {site_dir} left as it was", file=sys.stderr)
        return EXIT_CONTENT
    except BaseException:
        print(f"build stopped: {site_dir} left as it was", file=sys.stderr)
        raise
    print_report(report)
    kept, pages = (sum(n) for n in zip(*stages.pages_reused.values()))
    print(f"built {site_dir} ({kept} of {pages} pages as the last build made them)" if kept
          else f"built {site_dir}", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args) -> int:
    from .adapter.run import serve
    from .build import serve_input
    from .render.cache import PageCache

    cache = PageCache()  # the session's rendered plans, by content hash
    serve(args.project, lambda: serve_input(args.project, args.variant, cache), args.dev_addr)
    return EXIT_OK


def cmd_inspect(args) -> int:
    import json

    from .read.inspect import as_text, inspect_plan

    if not args.plan.is_file():
        print(f"error: {args.plan}: no such file", file=sys.stderr)
        return EXIT_USAGE
    data = inspect_plan(args.plan, args.project)
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.json else as_text(data))
    return EXIT_OK


def cmd_import(args) -> int:
    from . import importer

    return importer.main(["--root", str(args.project.root), *args.rest])


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="policyref", description=__doc__)
    p.add_argument("--root", type=Path, default=None, help="project folder (default: found from the current one)")
    sub = p.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check content/ and report every problem")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build = sub.add_parser("build", help="check, then build both variants into site/")
    build.add_argument("--strict", action="store_true", help="treat content warnings as errors")
    build.add_argument("--site-dir", type=Path, default=Path("site"))
    build.add_argument("--site-url", default=os.environ.get("POLICYREF_SITE_URL") or None,
                       help="public URL of site/ (e.g. https://example.org/policy/): absolute hreflang and "
                            "canonical links, a filled sitemap, a 404 page that works at any depth")
    serve = sub.add_parser("serve", help="preview one variant with live reload")
    serve.add_argument("--variant", choices=VARIANTS, default=VARIANTS[0])
    serve.add_argument("--dev-addr", default="127.0.0.1:8000")
    inspect = sub.add_parser("inspect", help="show how the build reads one plan (even while check fails)")
    inspect.add_argument("plan", type=Path, help="a plan source, e.g. content/plans/<id>.md or a draft")
    inspect.add_argument("--json", action="store_true", help="print JSON (documented in README)")
    imp = sub.add_parser("import", help="draft a plan source from a raw web text", add_help=False)
    imp.add_argument("rest", nargs=argparse.REMAINDER)
    return p


COMMANDS = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "inspect": cmd_inspect,
            "import": cmd_import}


class Stopped(BaseException):
    """SIGTERM (kill, systemd, CI timeouts): unwound like Ctrl-C, so every `finally` cleans up.
    Its own class, not KeyboardInterrupt: CPython can mark a KeyboardInterrupt as unhandled and
    exit by SIGINT (-2) even after we caught it."""


def _terminate(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second TERM must not break the cleanup
    raise Stopped


def _exit_stopped(code: int):
    """Leave with `code` at once: the cleanup has run; nothing may turn it into a signal death."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if "import" in argv[:3]:  # everything after `import` belongs to the importer (its own --help too)
        at = argv.index("import")
        args = parser().parse_args([*argv[:at], "import"])
        args.rest = argv[at + 1:]
    else:
        args = parser().parse_args(argv)
    if args.root is None:
        args.project = Project.find(Path.cwd())
        if args.project is None:
            print("error: no mkdocs.yml and content/ here or above; run inside the project or pass --root",
                  file=sys.stderr)
            return EXIT_USAGE
    elif Project.is_project(args.root):
        args.project = Project(args.root.resolve())
    else:
        print(f"error: {args.root} is not a project folder (no mkdocs.yml and content/ there)", file=sys.stderr)
        return EXIT_USAGE
    signal.signal(signal.SIGTERM, _terminate)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:  # Ctrl-C: cleaned up on the way out (staging removed)
        _exit_stopped(128 + signal.SIGINT)
    except Stopped:
        _exit_stopped(128 + signal.SIGTERM)
    except Exception:  # an internal error is not the editor's fault: say so, and where to report it
        import traceback

        print(f"internal error in policyref (not a content problem); please report it to {REPORT_URL} "
              "with the text below:", file=sys.stderr)
        traceback.print_exc()
        return 3


if __name__ == "__main__":
    sys.exit(main())
