"""Post-build checks over the staged site; any failure stops the swap into site/.

Every HTML file is parsed once (htmlscan.py). In a build, each variant's process checks text and
script page by page as MkDocs writes them (`PageChecks`), and the links are checked across the
whole staged site afterwards; `verify_site` alone runs every check in CHECKS on the scans:
  links   internal links, #anchors, assets and hreflang alternates of every page resolve;
  text    every character of every plan body is on its rendered pages, in order, in both variants;
  script  no character of the wrong script in a variant's visible text, including the strings of the
          JSON and JavaScript its pages ship (verify/shipped.py).
"""
from __future__ import annotations

import json
import posixpath
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..chars import visible
from ..diagnostics import Report
from ..model import Site
from ..render.urls import plan as plan_url, task as task_url
from ..script.convert import Converter
from ..variants import VARIANTS
from . import shipped
from .htmlscan import PageScan, normalise, scan_html

EXTERNAL = {"http", "https", "mailto", "tel"}
UNSAFE = {"javascript", "vbscript", "data", "file"}
LANG_ATTRS = {"zh-Hans": {"zh", "zh-Hans"}, "zh-Hant": {"zh-Hant"}}  # <html lang> of each variant's pages
SCRIPT_FIX = "the text comes from content or a template string: fix the conversion (content/script/phrases.tsv " \
             "or a -{…}- marker), or the template"


class VerifyError(Exception):
    def __init__(self, report: Report):
        super().__init__(f"{len(report.errors)} problem(s) in the built site")
        self.report = report
        self.problems = [d.format() for d in report.sorted()]


class Built:
    """The staged site: every file, and every HTML page parsed once. `scans`: pages already
    scanned as MkDocs wrote them (by the variant builds), keyed like `pages`; the rest are read here."""

    def __init__(self, site_dir: Path, scans: dict[str, PageScan] | None = None):
        self.root = site_dir
        self.files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
        self.dirs = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_dir()}
        scans = scans or {}
        self.pages: dict[str, PageScan] = {
            rel: scans[rel] if rel in scans else scan_html((site_dir / rel).read_text(encoding="utf-8"))
            for rel in sorted(self.files) if rel.endswith(".html")}

    @classmethod
    def of_variant(cls, variant_dir: Path, scans: dict[str, PageScan]) -> "Built":
        """One variant's folder (in the staged site) with its pages already scanned: for the checks
        of that variant alone, run where it was built."""
        built = cls.__new__(cls)
        built.root, head = variant_dir.parent, variant_dir.name
        built.files = {f"{head}/{p.relative_to(variant_dir).as_posix()}" for p in variant_dir.rglob("*") if p.is_file()}
        built.dirs = {f"{head}/{p.relative_to(variant_dir).as_posix()}" for p in variant_dir.rglob("*") if p.is_dir()}
        built.pages = dict(scans)
        return built

    def variant_of(self, rel: str) -> str | None:
        head = rel.split("/", 1)[0]
        return head if head in VARIANTS and "/" in rel else None


def verify_site(site: Site, converter: Converter, site_dir: Path, scans: dict[str, PageScan] | None = None,
                checked: Report | None = None) -> Report:
    """All checks over the staged site. With `checked` (what `verify_variant` found in each
    variant's own process), only the checks across variants (links) are left to run here."""
    report = Report()
    built = Built(site_dir, scans)
    if checked is not None:
        report.extend(checked)
    for check in CHECKS if checked is None else WHOLE_SITE_CHECKS:
        check(site, converter, built, report)
    if report.errors:
        raise VerifyError(report)
    return report


def verify_variant(site: Site, converter: Converter, variant_dir: Path, checks: "PageChecks") -> Report:
    """The checks that need one variant's files only, run where the variant was built: `checks` has
    already looked at each page as MkDocs wrote it (text accounting, script); left are the pages
    never built and the script of the files the pages ship."""
    built = Built.of_variant(variant_dir, checks.scans)
    checks.missing()
    check_shipped(site, converter, built, checks.report, variants=(checks.variant,))
    return checks.report


# ---- links ---------------------------------------------------------------------------
def resolve(built: Built, page: str, url: str) -> tuple[str | None, str, str]:
    """(target file or None, fragment, problem) for a URL found on `page`; problem '' when fine."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme in UNSAFE and not (scheme == "data" and url[5:].lstrip().startswith("image/")):
        return None, "", f"unsafe URL scheme '{scheme}:'"
    if scheme in EXTERNAL or parts.netloc:
        return None, "", ""
    if scheme:
        return None, "", f"unknown URL scheme '{scheme}:'"
    path = unquote(parts.path)
    if path.startswith("/"):
        if posixpath.basename(page) != "404.html":
            return None, "", "root-absolute path (breaks when the site is served under a sub-path)"
        # the 404 page is shown at any depth, so MkDocs writes it root-based: from the variant root,
        # or from <site_url path>/<variant>/ when a site URL is set
        marker = f"/{page.split('/', 1)[0]}/"
        path = path[path.index(marker) + len(marker):] if marker in path else posixpath.relpath(path, "/")
    base = posixpath.dirname(page)
    if not path:
        target = page
    else:
        target = posixpath.normpath(posixpath.join(base, path))
        if target == ".." or target.startswith("../"):
            return None, "", "points outside the site"
        if target == ".":
            target = ""
        if path.endswith("/") or target in built.dirs or target == "":
            target = posixpath.join(target, "index.html") if target else "index.html"
    if target not in built.files:
        return None, "", f"'{url}' → {target}: no such file"
    return target, unquote(parts.fragment), ""


def check_links(site: Site, converter: Converter, built: Built, report: Report) -> None:
    for page, scan in built.pages.items():
        for ref in scan.refs:
            target, fragment, problem = resolve(built, page, ref.url)
            if problem:
                rule = "unsafe-url" if problem.startswith("unsafe") else "broken-link"
                report.add(page, ref.line, rule, f"<{ref.tag} {ref.attr}=\"{ref.url[:80]}\">: {problem}",
                           "fix the link in the template or content that produced it")
                continue
            if target is None:
                continue
            if fragment and target.endswith(".html") and fragment not in built.pages[target].ids:
                report.add(page, ref.line, "broken-anchor", f"'{ref.url[:80]}': {target} has no id '{fragment}'",
                           "link to an id the page has (headings get theirs from {#id})")
            if ref.hreflang:
                _check_alternate(built, page, ref, target, report)


def _check_alternate(built: Built, page: str, ref, target: str, report: Report) -> None:
    scan = built.pages.get(target)
    if scan is None:
        report.add(page, ref.line, "bad-alternate", f"hreflang link '{ref.url}' is not an HTML page",
                   "point hreflang links at the same page in the other script")
        return
    if ref.hreflang == "x-default":  # the root chooser: it names the variants, not this page
        if target != "index.html":
            report.add(page, ref.line, "bad-alternate", f"hreflang=\"x-default\" link goes to {target}",
                       "point x-default at the root script chooser (index.html)")
        return
    if scan.lang not in LANG_ATTRS.get(ref.hreflang, {ref.hreflang}):
        report.add(page, ref.line, "bad-alternate",
                   f"hreflang=\"{ref.hreflang}\" link goes to {target}, whose language is '{scan.lang}'",
                   "point it at the page of that script")
    if ref.tag == "link" and ref.rel == "alternate" and target != page and built.variant_of(page):
        back = [r for r in scan.refs if r.rel == "alternate" and r.hreflang
                and resolve(built, target, r.url)[0] == page]
        if not back:
            report.add(page, ref.line, "bad-alternate", f"{target} has no hreflang alternate back to this page",
                       "alternates must be reciprocal: each page names the other")


# ---- text accounting -----------------------------------------------------------------
def expected_text(text: str, variant: str, converter: Converter) -> str:
    """A source passage as a reader of `variant` sees it: markers resolved, converted, controls shown."""
    return normalise(converter.convert(visible(text), variant))


class PageChecks:
    """Text accounting and the script check of one variant, a page at a time: run on each page as
    MkDocs writes it, so that the page's text is not kept (at 10,000 tasks the text of one
    variant's pages took ~700 MB). `scans` keeps what the checks across pages need (links, ids,
    JSON blocks; identical blocks stored once)."""

    def __init__(self, site: Site, converter: Converter, variant: str, report: Report | None = None):
        self.converter, self.variant = converter, variant
        self.report = report if report is not None else Report()
        # page → (source file, passages in order); no site: the script check only
        self.expected = dict(_passages(site, variant)) if site is not None else {}
        self.scans: dict[str, PageScan] = {}
        self._blocks: dict[str, str] = {}

    def check(self, page: str, scan: PageScan, script: bool = True) -> None:
        """`script`: False for a page whose bytes passed this script check before (adapter/kept.py)."""
        self.text(page, scan)
        if script:
            self.script(page, scan)
        blocks = [self._blocks.setdefault(b, b) for b in scan.json_blocks]
        self.scans[page] = replace(scan, text="", article="", own_script="", json_blocks=blocks)

    def text(self, page: str, scan: PageScan) -> None:
        if page not in self.expected:
            return
        source, passages = self.expected[page]
        body, cursor = scan.article or scan.text, 0
        for text, line in passages:
            want = expected_text(text, self.variant, self.converter)
            if not want:
                continue
            at = body.find(want, cursor)
            if at >= 0:
                cursor = at + len(want)
                continue
            where = "is out of order" if body.find(want) >= 0 else _first_difference(body, want, cursor)
            self.report.add(source, line, "text-lost", f"passage «{want[:40]}{'…' if len(want) > 40 else ''}» "
                            f"{where} on {page}", "the build lost or changed text: report it as an internal "
                            "error (unless a -{…}- marker or bracket in this passage is malformed)")

    def script(self, page: str, scan: PageScan) -> None:
        _report_script(page, 1, self.converter.violations(scan.own_script, self.variant), self.variant, self.report)
        for shown in shipped.page_json(page, scan.json_blocks):
            _report_script(page, shown.line, self.converter.violations(shown.text, self.variant), self.variant,
                           self.report)

    def missing(self) -> None:
        """Pages with plan text that were never checked (never built)."""
        for page, (source, passages) in self.expected.items():
            if page not in self.scans:
                self.report.add(source, passages[0][1], "text-lost", f"page {page} was not built",
                                "internal error: please report it")


def _passages(site: Site, variant: str):
    for plan in site.plans:
        passages = [(plan.title, 1)] + [(b.text, b.line) for b in plan.blocks if b.text]
        yield f"{variant}/{plan_url(plan.id)}index.html", (plan.path, passages)
        for task in plan.tasks:
            passages = [(task.heading, task.line)]
            for segment in task.segments:
                passages += [(p, segment.line) for p in segment.text.split("\n") if p.strip()]
                if segment.attribution:
                    passages.append((segment.attribution.text, segment.attribution.line))
            yield f"{variant}/{task_url(plan.id, task.id)}index.html", (plan.path, passages)


def check_text(site: Site, converter: Converter, built: Built, report: Report, variants=VARIANTS) -> None:
    for variant in variants:
        checks = PageChecks(site, converter, variant, report)
        for page in checks.expected:
            if page in built.pages:
                checks.text(page, built.pages[page])
                checks.scans[page] = built.pages[page]
        checks.missing()


def _first_difference(body: str, want: str, cursor: int) -> str:
    low, high = 0, len(want)  # longest prefix of `want` still found after the cursor
    while low < high:
        mid = (low + high + 1) // 2
        if body.find(want[:mid], cursor) >= 0:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return "is missing"
    at = body.find(want[:low], cursor) + low
    return f"differs after «{want[max(0, low - 10):low]}»: expected «{want[low:low + 10]}», " \
           f"found «{body[at:at + 10]}»"


# ---- script --------------------------------------------------------------------------
def check_script(site: Site, converter: Converter, built: Built, report: Report, variants=VARIANTS) -> None:
    for variant in variants:
        checks = PageChecks(site, converter, variant, report)
        for page, scan in built.pages.items():
            if built.variant_of(page) == variant:
                checks.script(page, scan)
    check_shipped(site, converter, built, report, variants)


def check_shipped(site: Site, converter: Converter, built: Built, report: Report, variants=VARIANTS) -> None:
    """The strings of the JavaScript and JSON files a variant's pages load."""
    for rel in sorted(_shipped_files(built, variants)):
        variant = built.variant_of(rel)
        found = [(s.line, v) for s in shipped.file_strings(built.root, rel)
                 for v in converter.violations(s.text, variant)]
        for line, violation in found[:5]:
            _report_script(rel, line, [violation], variant, report)
        if len(found) > 5:
            report.add(rel, 1, "wrong-script", f"… and {len(found) - 5} more characters of the wrong script",
                       SCRIPT_FIX)


def _report_script(page: str, line: int, found: list, variant: str, report: Report) -> None:
    for violation in found[:5]:
        report.add(page, line, "wrong-script",
                   f"'{violation.char}' ({violation.reason or 'not ' + variant}) in «{violation.context}»"
                   + (f", {variant} writes '{violation.suggestion}'" if violation.suggestion else ""),
                   SCRIPT_FIX)
    if len(found) > 5:
        report.add(page, line, "wrong-script", f"… and {len(found) - 5} more characters of the wrong script",
                   SCRIPT_FIX)


def _shipped_files(built: Built, variants=VARIANTS) -> set[str]:
    """The JavaScript a variant's pages load (<script src>, and the search worker named in each page's
    config) and the variant's JSON files."""
    out = {rel for rel in built.files if rel.endswith(".json") and built.variant_of(rel) in variants}
    for page, scan in built.pages.items():
        if built.variant_of(page) not in variants:
            continue
        urls = [r.url for r in scan.refs if r.tag == "script" and r.attr == "src"]
        for block in scan.json_blocks:
            try:
                worker = json.loads(block).get("search")
            except (ValueError, AttributeError):
                continue
            if isinstance(worker, str):
                urls.append(worker)
        for url in urls:
            target = resolve(built, page, url)[0]
            if target and target.endswith(".js") and built.variant_of(target) in variants:
                out.add(target)
    return out


PER_VARIANT_CHECKS = [check_text, check_script]
WHOLE_SITE_CHECKS = [check_links]
CHECKS = WHOLE_SITE_CHECKS + PER_VARIANT_CHECKS
