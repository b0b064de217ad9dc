"""Measure the site's search in a real browser: recall, precision@10, index size.

    .venv/bin/python tests/search_measure.py [--site site] [--engine material|pagefind]
                                             [--typed as-is|variant] [--json out.json]

Drives the BUILT site (Debian chromium through Playwright, served over HTTP on loopback):
for every query below, typed in Simplified and in Traditional, on zh-Hans and on zh-Hant,
it types the query into Material's search box, reads what the UI shows, and compares the
pages found with the pages that contain the term.

* relevant pages (ground truth): pages whose indexable text contains the term in either
  script (the query in canonical Simplified, or its zh-Hant form made by the site's own
  converter). Indexable text = the page's `<article>` as the browser renders it
  (`innerText`), minus elements marked `data-search-exclude` — the copies of a passage
  that the reference shows again on a less specific page (a task's paragraphs on its
  plan page, task titles in agency tables …) and computed counts. `coverage` checks
  that every clause of the five plans' text is still indexable on some page, so
  nothing of the documents is lost by excluding copies.
* recall = relevant pages found / relevant pages, over the full result list the UI got
  from the worker (Material renders it 10 at a time while scrolling).
* precision@10 = relevant pages among the first min(10, found) results *as rendered* in
  the result list.
* index size: the variant's search index in bytes vs one copy of the corpus text (the
  five plans' titles and text in that variant, UTF-8).

`--engine pagefind` measures a Pagefind index of the same pages through Pagefind's own
JS API (it has no Material UI); `--typed variant` types the query already converted to
the variant's script (the best an engine without in-browser conversion can do). Both
exist only to compare alternatives; the product is `--engine material --typed as-is`.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import re
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_tools.project import Project  # noqa: E402
from build_tools.script.convert import converter_for  # noqa: E402

PROJECT = Project(ROOT)
CONVERTER = converter_for(PROJECT.phrases_file)
convert = CONVERTER.convert

VARIANTS = ("zh-Hans", "zh-Hant")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# (query in canonical Simplified, kind). Every query must occur in the corpus.
QUERIES: list[tuple[str, str]] = [
    # terms
    ("碳足迹", "term"), ("团体标准", "term"), ("强制性国家标准", "term"), ("国际标准化", "term"),
    ("标准化人才", "term"), ("推荐性标准", "term"), ("军民融合", "term"), ("碳达峰碳中和", "term"),
    ("乡村振兴", "term"), ("新型基础设施", "term"), ("标准国际化", "term"), ("知识产权", "term"),
    ("一带一路", "term"), ("企业标准", "term"), ("地方标准", "term"), ("制修订", "term"),
    ("合作伙伴关系", "term"), ("标准化技术委员会", "term"), ("检验检测", "term"),
    # agency names
    ("市场监管总局", "agency"), ("国家标准委", "agency"), ("工业和信息化部", "agency"),
    ("国家发展改革委", "agency"), ("中央军委装备发展部", "agency"), ("民政部", "agency"),
    ("科技部", "agency"), ("国家市场监督管理总局", "agency"),
    # task titles
    ("引导规范团体标准健康发展", "task title"), ("加强标准化人才队伍建设", "task title"),
    ("持续健全碳达峰碳中和标准体系", "task title"), ("拓展国际标准化合作伙伴关系", "task title"),
    ("推进工业产品达标", "task title"), ("扎实推进试点示范工作", "task title"),
    # document numbers
    ("〔2019〕88号", "doc number"), ("国市监标技〔2019〕88号", "doc number"),
    ("工信厅科[2012]51号", "doc number"), ("国标委服务[2012]19号", "doc number"),
    # years and periods
    ("2019", "year"), ("2024", "year"), ("2012年", "year"), ("2016-2020年", "year"),
    # Latin
    ("ISO", "latin"), ("IEC", "latin"), ("WTO/TBT", "latin"),
    # one-to-many characters (制/製, 发/發, 汇/彙, 采/採, 范/範, 干/幹, 后/後 …)
    ("发布", "one-to-many"), ("汇聚", "one-to-many"), ("采用国际标准", "one-to-many"),
    ("范围", "one-to-many"), ("干部", "one-to-many"), ("研制", "one-to-many"),
]

# Records Material's worker traffic: every QUERY sent and every RESULT received.
WORKER_SPY = """
(() => {
  const Native = window.Worker
  window.__search = { queries: [], results: [], ready: false }
  window.Worker = class extends Native {
    constructor(url, options) {
      super(url, options)
      this.addEventListener("message", ev => {
        const m = ev.data
        if (m && m.type === 1) window.__search.ready = true
        if (m && m.type === 3) window.__search.results.push(m.data)
      })
    }
    postMessage(message, transfer) {
      if (message && message.type === 2) window.__search.queries.push(message.data)
      return super.postMessage(message, transfer)
    }
  }
})()
"""

PAGE_TEXT = """
() => {
  const article = document.querySelector("article")
  if (!article) return ""
  for (const el of article.querySelectorAll("[data-search-exclude]")) el.remove()
  return article.innerText
}
"""



@dataclass
class Run:
    query: str  # canonical Simplified
    kind: str
    typed: str  # what was typed
    script: str  # zh-Hans | zh-Hant: the script the query was typed in
    variant: str
    relevant: int
    found: int  # results returned
    hits: int  # relevant results returned
    top: list[str] = field(default_factory=list)  # first 10 results as rendered
    recall: float = 0.0
    precision10: float | None = None
    missed: list[str] = field(default_factory=list)
    rendered_ok: bool = True
    notice: str = ""  # the word the worker offered (typo, no match, pinyin), "" when none
    ok: bool | None = None  # typo: the expected word offered; nomatch: no results and a suggestion


# ---- serving and pages ------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@functools.lru_cache(maxsize=None)
def serve(site: str) -> str:
    handler = functools.partial(_Quiet, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def page_urls(site: Path, variant: str) -> list[str]:
    """Site-relative URLs of the variant's content pages ('' is the home page)."""
    base = site / variant
    out = []
    for html in sorted(base.rglob("index.html")):
        rel = html.parent.relative_to(base).as_posix()
        if rel.split("/")[0] in ("assets", "search", "pagefind"):
            continue
        out.append("" if rel == "." else rel + "/")
    return out


def page_texts(browser, base: str, site: Path, variant: str) -> dict[str, str]:
    """{url: indexable text} as the browser renders it."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    texts = {}
    for url in page_urls(site, variant):
        page.goto(f"{base}{variant}/{url}", wait_until="load")
        texts[url] = page.evaluate(PAGE_TEXT)
    context.close()
    return texts


CLAUSE_END = re.compile(r"[。；;！？!?\n]")


def coverage(texts: dict[str, str], variant: str) -> list[str]:
    """Clauses (≥ 6 characters) of the plans' text that no page's indexable text contains."""
    from build_tools.diagnostics import Report
    from build_tools.read.site import load_site

    everything = "\n".join(texts.values())
    lost = []
    for plan in load_site(PROJECT, Report()).plans:
        for block in plan.blocks:
            for clause in CLAUSE_END.split(convert(block.text, variant)):
                clause = clause.strip()
                if len(clause) >= 6 and clause not in everything:
                    lost.append(f"{plan.id}:{block.line}: {clause[:40]}")
    return lost


def relevant_pages(texts: dict[str, str], query: str) -> set[str]:
    forms = {query, convert(query, "zh-Hant")}
    return {url for url, text in texts.items() if any(f in text for f in forms)}


def _normalise(href: str, base: str, variant: str) -> str:
    href = href.split("?")[0].split("#")[0]
    prefix = f"{base}{variant}/"
    if href.startswith(prefix):
        return href[len(prefix):]
    return href.split(f"/{variant}/", 1)[-1]


# ---- engines ------------------------------------------------------------------------------

class MaterialUI:
    """Material's search box and result list, with whatever worker the site configures."""

    def __init__(self, browser, base: str, variant: str):
        self.base, self.variant = base, variant
        self.context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        self.context.add_init_script(WORKER_SPY)
        self.page = self.context.new_page()
        self.page.goto(f"{base}{variant}/")
        self.page.click("input.md-search__input")
        self.page.wait_for_function("window.__search && window.__search.ready", timeout=15000)
        self.input = self.page.locator("input[data-md-component=search-query]")

    def search(self, typed: str) -> tuple[list[str], list[str]]:
        """(all result pages from the worker, first 10 as rendered in the list)."""
        page = self.page
        if self.input.input_value() == typed:  # Material sends a query only when it changes
            self.input.fill("")
            self.input.press("End")
        sent = page.evaluate("window.__search.queries.length")
        self.input.fill(typed)
        self.input.press("End")  # Material reads the box on keyup
        page.wait_for_function(
            """([typed, sent]) => { const s = window.__search
                 return s.queries.length > sent && s.queries[s.queries.length - 1] === typed
                        && s.results.length >= s.queries.length }""",
            arg=[typed, sent], timeout=15000)
        data = page.evaluate("window.__search.results[window.__search.results.length - 1]")
        self.last = data
        pages = []
        for group in data["items"]:
            location = group[0]["location"].split("#")[0]
            if location not in pages:
                pages.append(location)
        want = min(10, len(pages))
        page.wait_for_function(
            "n => document.querySelectorAll('.md-search-result__list > li').length >= n", arg=want,
            timeout=15000)
        hrefs = page.eval_on_selector_all(
            ".md-search-result__list > li", "lis => lis.slice(0, 10).map(li => li.querySelector('a').href)")
        rendered = [_normalise(h, self.base, self.variant) for h in hrefs]
        return pages, rendered

    def close(self):
        self.context.close()


class PagefindAPI:
    """Pagefind's JS API over <variant>/pagefind/ (an alternative measured for comparison)."""

    def __init__(self, browser, base: str, variant: str):
        self.base, self.variant = base, variant
        self.context = browser.new_context(locale="zh-CN")
        self.page = self.context.new_page()
        self.page.goto(f"{base}{variant}/")
        self.page.evaluate("""async () => {
            window.__pf = await import(new URL("pagefind/pagefind.js", location.href).href)
            await window.__pf.init() }""")

    def search(self, typed: str) -> tuple[list[str], list[str]]:
        urls = self.page.evaluate("""async q => {
            const r = await window.__pf.search(q)
            const data = await Promise.all(r.results.map(x => x.data()))
            return data.map(d => d.url) }""", typed)
        pages = [_normalise(self.base.rstrip("/") + u, self.base, self.variant) for u in urls]
        return pages, pages[:10]

    def close(self):
        self.context.close()


ENGINES = {"material": MaterialUI, "pagefind": PagefindAPI}


# ---- sizes ----------------------------------------------------------------------------------

def corpus_bytes(variant: str) -> int:
    from build_tools.diagnostics import Report
    from build_tools.read.site import load_site
    from build_tools.search.index import corpus_text

    return len(corpus_text(load_site(PROJECT, Report()), variant, CONVERTER).encode("utf-8"))


def index_sizes(site: Path, variant: str, engine: str) -> dict:
    if engine == "pagefind":
        files = [p for p in (site / variant / "pagefind").rglob("*") if p.is_file()]
        data = [p for p in files if p.suffix not in (".js", ".css", ".wasm") and "wasm" not in p.name]
        return {"index_bytes": sum(p.stat().st_size for p in data),
                "with_runtime_bytes": sum(p.stat().st_size for p in files), "files": len(files)}
    from build_tools.search import index as search_index

    stub = (site / variant / search_index.INDEX_PATH).read_bytes()  # on every page view
    raw = (site / variant / search_index.DATA_PATH).read_bytes()  # when search opens
    return {"index_bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, 9)), "stub_bytes": len(stub), "files": 2}


# ---- the measurement ------------------------------------------------------------------------

def generated_queries(site, texts_hans: dict[str, str], texts_hant: dict[str, str], fold: dict[str, str]) -> list:
    """The registry, pinyin, typo, variant and no-match groups (tests/search_queries.py)."""
    import search_queries as sq
    from build_tools.search.dictionary import dictionary_words

    corpus = "\n".join(texts_hans.values())
    chars = set(corpus) | set("".join(texts_hant.values()))
    words = [w.text for w in dictionary_words(site, PROJECT)]
    terms = [q for q, kind in QUERIES if kind == "term"]
    return (sq.alias_queries(site) + sq.english_queries(site) + sq.pinyin_queries(site, words, corpus)
            + sq.typo_queries(words, corpus, fold) + sq.variant_queries(terms, chars)
            + sq.nomatch_queries(chars, fold))


def agency_pages(site, agency_id: str, texts: dict[str, str]) -> set[str]:
    """The agency's page, every task it carries in any role, and every page printing one of its names."""
    from build_tools.render import urls

    agency = site.agencies[agency_id]
    out = {urls.agency(agency_id)} | {urls.task(a.plan.id, a.task.id) for a in site.assignments
                                      if a.agency_id == agency_id}
    for name in {agency.name, agency.full_name, *agency.names, *agency.aliases}:
        if not name.isascii():
            out |= relevant_pages(texts, name)
    return out


def measure(browser, base: str, site: Path, engine: str = "material", typed_as: str = "as-is",
            queries=QUERIES, log=print, generated: bool = True) -> dict:
    import search_queries as sq
    from build_tools.diagnostics import Report
    from build_tools.read.registry import Registry
    from build_tools.read.site import load_site

    model = load_site(PROJECT, Report())
    by_name = Registry(model.agencies).by_name
    runs: list[Run] = []
    report: dict = {"engine": engine, "typed": typed_as, "variants": {}, "problems": [], "cold": {}}
    texts = {v: page_texts(browser, base, site, v) for v in VARIANTS}
    fold = _fold_of(site)
    folding = str.maketrans(fold)
    plan = [sq.Query(q, kind, agency=by_name.get(q, "") if kind == "agency" else "",
                     latin=q.isascii()) for q, kind in queries]
    if generated:
        plan += generated_queries(model, texts["zh-Hans"], texts["zh-Hant"], fold)
    for variant in VARIANTS:
        started = time.time()
        report["problems"] += [f"{variant}: plan text indexed on no page: {x}"
                               for x in coverage(texts[variant], variant)]
        if engine == "material":
            report["cold"][variant] = cold_first_result(browser, base, variant, QUERIES[0][0])
        ui = ENGINES[engine](browser, base, variant)
        try:
            for q in plan:
                relevant = relevant_pages(texts[variant], q.term or q.text) if q.kind not in ("alias", "english") \
                    else set()
                if q.agency:
                    relevant |= agency_pages(model, q.agency, texts[variant])
                if q.kind in ("typo", "nomatch"):
                    relevant = set()
                elif not relevant:
                    report["problems"].append(f"{variant}: query {q.text!r} occurs in no page")
                for script in (("latin",) if q.latin else VARIANTS):
                    typed = q.text if q.latin else convert(q.text, script)
                    if typed_as == "variant" and not q.latin:
                        typed = convert(q.text, variant)
                    found, top = ui.search(typed)
                    notice = ((getattr(ui, "last", None) or {}).get("notice") or {}).get("word", "")
                    hits = [u for u in found if u in relevant]
                    ok = None
                    if q.kind == "typo":
                        ok = bool(notice) and notice.translate(folding) == q.expect.translate(folding)
                    elif q.kind == "nomatch":
                        ok = not found and bool(notice)
                    run = Run(q.text, q.kind, typed, script, variant, len(relevant), len(found), len(hits),
                              top=top, recall=len(hits) / len(relevant) if relevant else 1.0,
                              precision10=(sum(u in relevant for u in top) / len(top)) if top and relevant
                              else None, missed=sorted(relevant - set(found))[:5],
                              rendered_ok=top == found[:10], notice=notice, ok=ok)
                    runs.append(run)
        finally:
            ui.close()
        sizes = index_sizes(site, variant, engine)
        corpus = corpus_bytes(variant)
        report["variants"][variant] = {**sizes, "corpus_bytes": corpus,
                                       "ratio": round(sizes["index_bytes"] / corpus, 3),
                                       "pages": len(texts[variant]), "seconds": round(time.time() - started, 1)}
    report["runs"] = [asdict(r) for r in runs]
    report["overall"] = summary([r for r in runs if r.kind not in ("typo", "nomatch")])
    report["groups"] = {kind: group_summary([r for r in runs if r.kind == kind])
                        for kind in dict.fromkeys(r.kind for r in runs)}
    report["consistency"] = consistency([r for r in runs if r.kind not in ("typo", "nomatch")])
    return report


def group_summary(runs: list[Run]) -> dict:
    p10 = [r.precision10 for r in runs if r.precision10 is not None]
    oks = [r.ok for r in runs if r.ok is not None]
    return {"queries": len({r.query for r in runs}), "runs": len(runs),
            "recall_mean": round(sum(r.recall for r in runs) / len(runs), 4),
            "recall_min": round(min(r.recall for r in runs), 4),
            "precision10_mean": round(sum(p10) / len(p10), 4) if p10 else None,
            "ok_rate": round(sum(oks) / len(oks), 4) if oks else None}


def _fold_of(site: Path) -> dict[str, str]:
    from build_tools.search import index as search_index

    pairs = json.loads((site / "zh-Hans" / search_index.DATA_PATH).read_text(encoding="utf-8"))["config"]["fold"]
    return {pairs[i]: pairs[i + 1] for i in range(0, len(pairs), 2)}


def cold_first_result(browser, base: str, variant: str, query: str) -> dict:
    """A fresh page: was the index data fetched before search opened, and the milliseconds from
    opening search to the first result of `query` (data fetched, parsed, searched, rendered)."""
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(WORKER_SPY)
    page = context.new_page()
    fetched: list[float] = []
    page.on("request", lambda r: fetched.append(time.time()) if "search_data" in r.url else None)
    page.goto(f"{base}{variant}/", wait_until="networkidle")
    before = bool(fetched)
    started = time.time()
    page.click("input.md-search__input")
    box = page.locator("input[data-md-component=search-query]")
    box.fill(convert(query, variant))
    box.press("End")
    page.locator(".md-search-result__list > li").first.wait_for(timeout=15000)
    ms = round((time.time() - started) * 1000)
    context.close()
    return {"data_before_open": before, "first_result_ms": ms, "query": query}


def summary(runs: list[Run]) -> dict:
    p10 = [r.precision10 for r in runs if r.precision10 is not None]
    return {"runs": len(runs), "queries": len({r.query for r in runs}),
            "recall_mean": round(sum(r.recall for r in runs) / len(runs), 4),
            "recall_min": round(min(r.recall for r in runs), 4),
            "precision10_mean": round(sum(p10) / len(p10), 4) if p10 else None,
            "precision10_min": round(min(p10), 4) if p10 else None,
            "no_results": sum(1 for r in runs if r.found == 0),
            "render_mismatches": sum(1 for r in runs if not r.rendered_ok)}


def consistency(runs: list[Run]) -> list[str]:
    """Queries whose top results differ between the two typed scripts or the two variants."""
    by_query: dict[str, set] = {}
    for r in runs:
        by_query.setdefault(r.query, set()).add((r.found, tuple(r.top)))
    return sorted(q for q, outcomes in by_query.items() if len(outcomes) > 1)


def _pad(text: str, width: int) -> str:
    """Left-align in a monospace terminal, counting wide (CJK) characters as two columns."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(1, width - used)


def print_report(report: dict, out=sys.stdout) -> None:
    w = out.write
    w(f"engine: {report['engine']} (query typed {report['typed']})\n\n")
    w(f"{_pad('query (typed)', 34)}{'kind':<12}{'variant':<9}{'relevant':>9}{'found':>7}{'recall':>8}{'P@10':>7}\n")
    for r in report["runs"]:
        p10 = "-" if r["precision10"] is None else f"{r['precision10']:.2f}"
        flag = "" if r["recall"] == 1 and (r["precision10"] or 0) >= 0.9 else "  <"
        if r.get("ok") is not None:
            flag = f"  offered {r['notice'] or '-'}" + ("" if r["ok"] else "  <")
        w(f"{_pad(r['typed'], 34)}{r['kind']:<12}{r['variant']:<9}{r['relevant']:>9}"
          f"{r['found']:>7}{r['recall']:>8.2f}{p10:>7}{flag}\n")
    o = report["overall"]
    w(f"\noverall: {o['queries']} queries, {o['runs']} runs; recall mean {o['recall_mean']:.3f} "
      f"min {o['recall_min']:.3f}; precision@10 mean {o['precision10_mean']} min {o['precision10_min']}; "
      f"runs without results {o['no_results']}; rendered≠worker {o['render_mismatches']}\n")
    for kind, g in report.get("groups", {}).items():
        w(f"group {kind:<12} {g['queries']:>3} queries {g['runs']:>4} runs; recall mean {g['recall_mean']:.3f} "
          f"min {g['recall_min']:.3f}; P@10 mean {g['precision10_mean']}"
          + (f"; right suggestion / says so {g['ok_rate']:.0%}" if g["ok_rate"] is not None else "") + "\n")
    for variant, c in report.get("cold", {}).items():
        w(f"cold page {variant}: index data fetched before search opened: {c['data_before_open']}; "
          f"open → first result of {c['query']}: {c['first_result_ms']} ms\n")
    for variant, v in report["variants"].items():
        extra = f", gzip {v['gzip_bytes']:,} B" if "gzip_bytes" in v else \
            f", with runtime {v.get('with_runtime_bytes', 0):,} B in {v['files']} files"
        stub = f"; page load fetches {v['stub_bytes']:,} B" if "stub_bytes" in v else ""
        w(f"index {variant}: {v['index_bytes']:,} B{extra}{stub}; corpus text {v['corpus_bytes']:,} B; "
          f"ratio {v['ratio']:.2f}× ({v['pages']} pages)\n")
    if report["consistency"]:
        w(f"results differ by typed script or variant: {', '.join(report['consistency'])}\n")
    for p in report["problems"]:
        w(f"problem: {p}\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--site", type=Path, default=ROOT / "site")
    ap.add_argument("--engine", choices=sorted(ENGINES), default="material")
    ap.add_argument("--typed", choices=("as-is", "variant"), default="as-is")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    site = args.site.resolve()
    base = serve(str(site))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            report = measure(browser, base, site, args.engine, args.typed)
        finally:
            browser.close()
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    o = report["overall"]
    ok = o["recall_min"] == 1 and (o["precision10_mean"] or 0) >= 0.9 and not report["problems"] \
        and all(v["ratio"] <= 2 for v in report["variants"].values())
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
