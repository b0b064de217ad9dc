"""The import as a pure function: bytes in → draft text, report data out. No file is touched."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..read.registry import Registry
from ..script.convert import Converter
from . import clean, normalize, pinyin, resplit, script, spam
from .decode import decode, split_lines
from .emit import cleaning_entries, guard_markup, note_entries, render_draft
from .html import html_lines, looks_like_html
from .found import Found
from .items import Item
from .structure import build
from .tracked import Ledger, account


@dataclass
class Result:
    draft: str
    plan_id: str
    encoding: str
    encoding_how: str
    script: str
    script_counts: tuple[int, int]
    html: bool
    ledger: Ledger
    changes: dict
    found: Found
    emitted: list[tuple[Item, str]]
    cleaning: list[dict]
    notes: dict[str, list[int]] = field(default_factory=dict)


def run(data: bytes, *, source_name: str, plan_id: str | None, registry: Registry, known_terms: set[str],
        converter: Converter, encoding: str | None = None) -> Result:
    scripts = script.ScriptConverter(converter)
    decoded = decode(data, encoding)
    ledger = Ledger(decoded.text)
    is_html = looks_like_html(decoded.text)
    lines = html_lines(ledger) if is_html else split_lines(ledger)
    lines = clean.trim_and_drop_blank(lines, ledger)
    lines = clean.drop_blog_header(lines, ledger)
    lines = clean.drop_markdown_marks(lines, ledger)
    lines = pinyin.remove_pinyin(lines, ledger)
    found_script, trad, simp = scripts.detect(lines)
    if found_script != "zh-Hans":
        lines = [scripts.convert_line(line, ledger) for line in lines]
    lines = _drop_chrome(lines, ledger)
    lines = spam.remove_spam(lines, ledger, known_terms)
    lines = [normalize.normalize(line, ledger) for line in lines]
    lines = clean.trim_and_drop_blank(lines, ledger)
    agency_names = sorted(registry.by_name, key=len, reverse=True)
    if resplit.is_crawler_text(lines):
        lines = resplit.resplit_crawler(lines, ledger, agency_names)
    lines = clean.drop_duplicates(lines, ledger)
    lines = clean.drop_trailing_chrome(lines, ledger)
    items, found = build(lines, ledger, registry)
    items = guard_markup(items, ledger)
    plan_id = plan_id or suggest_id(found, source_name)
    notes = _notes(items, ledger)
    # accounting before anything is rendered: every input character kept once or removed once
    changes = account(ledger, [item.line for item in items])
    cleaning = cleaning_entries(ledger, changes, scripts, found_script) + note_entries(ledger, notes)
    draft, emitted = render_draft(plan_id, found, items, source_name, found_script, cleaning)
    return Result(draft, plan_id, decoded.encoding, decoded.how, found_script, (trad, simp), is_html, ledger,
                  changes, found, emitted, cleaning, notes)


def _drop_chrome(lines, ledger):
    out = []
    for line in lines:
        reason = clean.chrome_reason(line.text, at_edge=False)
        if reason:
            ledger.drop_line(line, "web-chrome", f"web page {reason}")
        else:
            out.append(line)
    return out


def _notes(items: list[Item], ledger: Ledger) -> dict[str, list[int]]:
    notes: dict[str, list[int]] = {}
    splits = [f.line for f in ledger.flags if f.rule == "attribution-split"]
    if splits:
        notes["attribution-split"] = splits
    if "crawler-split" in ledger.notes:
        notes["crawler-split"] = [1]
    inline = []
    for a, b in zip(items, items[1:]):
        if a.kind == "task" and b.kind == "paragraph" and a.line.end is None and a.line.src and b.line.src \
                and ledger.line_of(a.line.src[-1]) == ledger.line_of(b.line.src[0]):
            inline.append(ledger.line_of(a.line.src[0]))
    if inline:
        notes["inline-title"] = inline
    return notes


def suggest_id(found: Found, source_name: str) -> str:
    year = (found.date or "")[:4]
    issuer = found.issuers[0] if found.issuers else ""
    stem = re.sub(r"[^a-z0-9]+", "-", source_name.rsplit(".", 1)[0].lower()).strip("-")
    parts = [p for p in (year, issuer, stem or "import") if p]
    return "-".join(parts)[:80].strip("-")
