"""Where the document starts and ends; notice, signature, title, chapters, tasks, annexes.

Works on cleaned, Simplified lines. Returns the draft's items in input order and the
metadata found, with where each value came from.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..numerals import cn_to_int
from ..registry import Registry
from . import metadata as meta
from .agencies import check_attributions, looks_like_agency, resolve
from .clean import chrome_reason
from .resplit import (ANNEX, CHAPTER_LABEL, ITEM_LABEL, SUBITEM_LABEL, TASK_LABEL, split_attributions,
                      split_at, title_end)
from .tracked import Ledger, Line

NOTICE_HINT = re.compile(r"印发|经国务院同意|现将|请认真|请结合|请各|联系电话|联系人|特此通知")
ADDRESSEE_START = ("各", "有关", "国务院", "中央", "省", "市", "县")
ANNEX_LINE = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*(?:[:：]|$)")


@dataclass
class Item:
    kind: str  # paragraph | chapter | task | heading
    line: Line
    fence: str | None = None  # notice | signature | annex


@dataclass
class Found:
    title: str = ""
    title_from: str = ""
    doc_number: str = ""
    doc_number_from: str = ""
    date: str = ""
    date_from: str = ""
    period: str = ""
    period_from: str = ""
    issuers: list[str] = field(default_factory=list)
    issuer_names: list[str] = field(default_factory=list)
    issuers_from: str = ""
    bar: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    scheme: str = ""


def is_addressee(text: str) -> bool:
    return text.endswith(("：", ":")) and text.startswith(ADDRESSEE_START) and 4 <= len(text) <= 400


def _label(text: str):
    for kind, pattern in (("chapter", CHAPTER_LABEL), ("task", TASK_LABEL), ("item", ITEM_LABEL),
                          ("subitem", SUBITEM_LABEL)):
        m = pattern.match(text)
        if m and len(text) > m.end():
            return kind, m
    return None


def _doc_start(lines: list[Line]) -> int:
    for i, line in enumerate(lines):
        t = line.text
        if meta.is_metadata_bar(t):
            continue
        if (meta.find_doc_number(t) or is_addressee(t) or _label(t)
                or (len(t) >= 60 and ("。" in t or "，" in t))
                or (len(t) >= 12 and t.endswith(("。", "；", "！")))):
            return i
    return 0


def build(lines: list[Line], ledger: Ledger, registry: Registry) -> tuple[list[Item], Found]:
    found = Found()
    start = _doc_start(lines)
    head, body = lines[:start], lines[start:]
    head_titles, head_kept = _read_head(head, ledger, found)
    items: list[Item] = []

    labels = [i for i, l in enumerate(body) if _label(l.text)]
    first_label = labels[0] if labels else len(body)
    notice_date = next((i for i in range(first_label) if meta.is_date_line(body[i].text)), None)
    if notice_date is not None and not (notice_date + 1 < len(body)
                                        and any(NOTICE_HINT.search(l.text) or is_addressee(l.text)
                                                or meta.find_doc_number(l.text) for l in body[:notice_date])):
        notice_date = None
    title_line = None
    main_start = 0
    if notice_date is not None:
        sig_start = notice_date
        while sig_start > 0 and looks_like_agency(body[sig_start - 1].text, registry):
            sig_start -= 1
        notice_title = [l for l in head_titles if "印发" in l.text and l.text.endswith("通知")]
        for line in notice_title:
            items.append(Item("heading", line, "notice"))
        items += [Item("paragraph", l, "notice") for l in head_kept + body[:sig_start]]
        items += [Item("paragraph", l, "signature") for l in body[sig_start:notice_date + 1]]
        _signature_meta(body[sig_start:notice_date + 1], found, registry)
        main_start = notice_date + 1
        if main_start < len(body) and meta.is_title_like(body[main_start].text) and not _label(body[main_start].text):
            title_line = body[main_start]
            items.append(Item("heading", title_line))
            found.title, found.title_from = title_line.text, f"line {ledger.line_of(title_line.first)} (title of the attached document)"
            main_start += 1
        for line in head_titles:
            if line in notice_title:
                continue
            same = title_line is not None and line.text == title_line.text
            ledger.drop_line(line, "chrome", "web page title" + (" (repeats the document title)" if same else
                                                                  " (the document's own title follows the notice)"))
            if not same:
                ledger.flag(line.first, "page-title", f"removed '{line.text}' as the web page's title",
                            "check it is not the document's title")
    else:
        if head_titles:
            chosen = head_titles[-1]
            found.title, found.title_from = chosen.text, f"line {ledger.line_of(chosen.first)}"
            for line in head_titles:
                if line is chosen:
                    ledger.drop_line(line, "metadata", "document title: moved to the front matter 'title'")
                else:
                    ledger.drop_line(line, "chrome", "web page title")
                    ledger.flag(line.first, "page-title", f"removed '{line.text}' as a web page title; "
                                f"took line {ledger.line_of(chosen.first)} as the document's title",
                                "check which of them is the document's own title")
        items += [Item("paragraph", l) for l in head_kept]
    main = body[main_start:]
    items += _main(main, ledger, registry, found)
    _doc_number(items, found, ledger)
    _finish_meta(items, found, ledger, registry)
    return items, found


def _read_head(head: list[Line], ledger: Ledger, found: Found):
    titles, kept = [], []
    for line in head:
        t = line.text
        reason = chrome_reason(t, at_edge=True)
        if reason:
            ledger.drop_line(line, "chrome", f"web page {reason}")
        elif meta.is_metadata_bar(t):
            found.bar.update(meta.metadata_bar_values(t))
            ledger.drop_line(line, "metadata", "the site's metadata bar (values used for the front matter)")
        elif meta.is_title_like(t):
            titles.append(line)
        elif t.endswith("文件") and len(t) <= 30:
            kept.append(line)
        else:
            ledger.drop_line(line, "chrome", "line before the document that is not part of it")
            ledger.flag(line.first, "head-line", f"removed '{t[:40]}' before the document start as web chrome",
                        "if it belongs to the document, copy it back into the draft")
    return titles, kept


def _main(main: list[Line], ledger: Ledger, registry: Registry, found: Found) -> list[Item]:
    labels = [i for i, l in enumerate(main) if _label(l.text)]
    annex = next((i for i, l in enumerate(main) if ANNEX_LINE.match(l.text)
                  and (not labels or i > labels[0])), len(main))
    last_label = max([i for i in labels if i < annex], default=-1)
    sig_date = next((i for i in range(last_label + 1, annex) if meta.is_date_line(main[i].text)), None)
    body_end = annex
    sig_lines: list[Line] = []
    tail: list[Line] = []
    if sig_date is not None:
        sig_start = sig_date
        while sig_start > last_label + 1 and looks_like_agency(main[sig_start - 1].text, registry):
            sig_start -= 1
        body_end = sig_start
        sig_lines = main[sig_start:sig_date + 1]
        tail = main[sig_date + 1:annex]
        _signature_meta(sig_lines, found, registry)
    items = _body(main[:body_end], ledger, found)
    fence_items = [Item("paragraph", l, "signature") for l in sig_lines]
    for line in tail:
        reason = chrome_reason(line.text, at_edge=True)
        if reason:
            ledger.drop_line(line, "chrome", f"web page {reason} after the signature")
            continue
        ledger.flag(line.first, "after-signature", f"'{line.text[:30]}' follows the signature; kept in it",
                    "move or delete it in the draft if it is not part of the signature block")
        fence_items.append(Item("paragraph", line, "signature"))
    items += fence_items
    items += _annexes(main[annex:], ledger)
    return items


def _body(lines: list[Line], ledger: Ledger, found: Found) -> list[Item]:
    kinds = Counter(k for k, _ in filter(None, (_label(l.text) for l in lines)))
    if kinds["chapter"] and kinds["task"]:
        chapter_kind, task_kind, found.scheme = "chapter", "task", "chapters 一、 with tasks （一）"
    elif kinds["chapter"] or kinds["task"]:
        chapter_kind, task_kind = None, "chapter" if kinds["chapter"] else "task"
        found.scheme = f"no chapters; tasks numbered {'一、' if kinds['chapter'] else '（一）'}"
    elif kinds["item"] or kinds["subitem"]:
        chapter_kind, task_kind = None, "item" if kinds["item"] else "subitem"
        found.scheme = f"no chapters; tasks numbered {'1.' if kinds['item'] else '（1）'}"
    else:
        chapter_kind = task_kind = None
        found.scheme = "no numbered items"
    items: list[Item] = []
    chapter_next, task_last, chapter_since_task, in_task = 1, 0, False, False
    for line in lines:
        label = _label(line.text)
        kind, number = (label[0], _number(label[1])) if label else (None, None)
        if kind and kind == chapter_kind:
            if number == chapter_next:
                items += _heading("chapter", line, ledger)
                chapter_next, chapter_since_task, in_task = chapter_next + 1, True, False
                continue
            _out_of_sequence(line, ledger, "chapter", chapter_next)
        elif kind and kind == task_kind:
            if number == task_last + 1 or (number == 1 and chapter_since_task):
                items += _heading("task", line, ledger)
                task_last, chapter_since_task, in_task = number, False, True
                continue
            _out_of_sequence(line, ledger, "task", task_last + 1)
        items += _paragraphs(line, ledger, in_task)
    return items


def _number(m: re.Match) -> int | None:
    n = m.group("n")
    return int(n) if n.isdigit() else cn_to_int(n)


def _out_of_sequence(line: Line, ledger: Ledger, kind: str, expected: int) -> None:
    ledger.flag(line.first, "numbering", f"'{line.text[:12]}…' looks like a {kind} number but {expected} was "
                f"expected; kept as a paragraph", f"if it is a {kind}, mark it with {'##' if kind == 'chapter' else '###'}")


def _heading(kind: str, line: Line, ledger: Ledger) -> list[Item]:
    end = title_end(line.text)
    if end is None:
        return [Item(kind, line)]
    head, rest = split_at(line, [end])
    items = [Item(kind, head)]
    return items + _paragraphs(rest, ledger, kind == "task")


def _paragraphs(line: Line, ledger: Ledger, in_task: bool) -> list[Item]:
    if not in_task:
        return [Item("paragraph", line)]
    parts = split_attributions(line)
    for part in parts[:-1]:
        ledger.flag(part.src[-1], "attribution-split",
                    "an attribution stood in mid-line: the line was split after it so that it ends a paragraph",
                    "check whether the original document has a paragraph break here")
        ledger.notes.append("attribution-split")
    return [Item("paragraph", p) for p in parts]


def _annexes(lines: list[Line], ledger: Ledger) -> list[Item]:
    items: list[Item] = []
    expect_title = False
    for line in lines:
        if ANNEX_LINE.match(line.text):
            items.append(Item("heading", line, "annex"))
            expect_title = len(line.text) <= 6
            continue
        if expect_title and meta.is_title_like(line.text):
            items.append(Item("heading", line, "annex"))
        else:
            reason = chrome_reason(line.text, at_edge=True)
            if reason and line is lines[-1]:
                ledger.drop_line(line, "chrome", f"web page {reason} after the document")
                continue
            items.append(Item("paragraph", line, "annex"))
        expect_title = False
    return items


def _signature_meta(lines: list[Line], found: Found, registry: Registry) -> None:
    for line in lines:
        date = meta.parse_date(line.text)
        if date and meta.is_date_line(line.text):
            found.date, found.date_from = date[0], "the signature date"
        elif looks_like_agency(line.text, registry):
            found.issuer_names.append(line.text)
            found.issuers_from = "the signature"


def _doc_number(items: list[Item], found: Found, ledger: Ledger) -> None:
    for item in items:
        if item.fence in (None, "notice") and item.kind == "paragraph":
            m = meta.find_doc_number(item.line.text)
            if m:
                found.doc_number = meta.doc_number_text(m)
                found.doc_number_from = f"line {ledger.line_of(item.line.first)}"
                return
    for key in ("发布文号", "发文字号", "文号"):
        if found.bar.get(key):
            found.doc_number, found.doc_number_from = found.bar[key], f"the site's metadata bar ({key})"
            return


def _finish_meta(items: list[Item], found: Found, ledger: Ledger, registry: Registry) -> None:
    if not found.date:
        for key in ("成文日期", "发布日期"):
            date = meta.parse_date(found.bar.get(key, ""))
            if date:
                found.date, found.date_from = date[0], f"the site's metadata bar ({key})"
                break
    year = meta.period_of(found.title)[:4] or meta.year_of(found.title)
    if not found.date and year:
        found.date, found.date_from = year, "the year in the title (no full date printed)"
        ledger.flag(0, "date-year-only", f"only the year {found.date} is known (from the title)",
                    "if the exact date is printed elsewhere (or known from the issuer's site), set 'date'",
                    is_line=True)
    found.period = meta.period_of(found.title)
    found.period_from = "the title" if found.period else ""
    if not found.issuer_names and found.doc_number:
        code = meta.DOC_NUMBER.search(found.doc_number)
        code = code.group("prefix") if code else ""
        names = sorted((n for n in registry.by_name if len(n) >= 2 and code.startswith(n)), key=len, reverse=True)
        if names:
            found.issuer_names, found.issuers_from = [names[0]], f"the 文号's issuing-organ code '{code}'"
    if not found.issuer_names:
        for key in ("发布部门", "发文机关"):
            if found.bar.get(key):
                found.issuer_names, found.issuers_from = [found.bar[key]], f"the site's metadata bar ({key})"
                break
    if not found.issuer_names and found.title:
        prefix = found.title.split("关于")[0] if "关于" in found.title else found.title
        names = sorted((n for n in registry.by_name if prefix.startswith(n)), key=len, reverse=True)
        if names:
            found.issuer_names, found.issuers_from = [names[0]], "the start of the title"
            if names[0] != registry.agencies[registry.resolve(names[0])].full_name and \
                    registry.agencies[registry.resolve(names[0])].full_name not in found.title:
                full = registry.agencies[registry.resolve(names[0])].full_name
                ledger.flag(0, "title-short-name",
                            f"the title names the issuer by its short form '{names[0]}' (registry: '{full}'); "
                            "a web page often shortens the document's title", "check the document's full title",
                            is_line=True)
    paragraphs = [i.line for i in items if i.kind == "paragraph" and i.fence is None]
    _, leads = check_attributions(paragraphs, registry, ledger)
    for name in found.issuer_names:
        ids = resolve(name, registry)
        if ids is None:
            near = registry.closest(name)
            ledger.flag(0, "unknown-issuer", f"issuer '{name}' ({found.issuers_from}) is not in the registry"
                        + (f"; closest known: {' / '.join(near)}" if near else ""),
                        "add it to content/agencies.yml and set 'issuers'", is_line=True)
            continue
        found.issuers += [i for i in ids if i not in found.issuers]
    if not found.issuers and leads:
        top = leads.most_common(1)[0][0]
        found.issuers, found.issuers_from = list(top), "the most frequent lead in the attributions"
        ledger.flag(0, "issuer-guess", f"no issuer printed; took the most frequent lead {list(top)}",
                    "check 'issuers' against the document's issuing body", is_line=True)
    if found.doc_number and found.issuers_from == "the start of the title":
        ledger.flag(0, "issuer-office", f"issuer taken from the title; the 文号 '{found.doc_number}' may name a "
                    "different issuing office (e.g. a general office)", "check 'issuers' against the 文号",
                    is_line=True)
    for key, value in (("title", found.title), ("doc_number", found.doc_number), ("date", found.date),
                       ("issuers", found.issuers)):
        if not value:
            found.missing.append(key)
            if key != "doc_number":
                ledger.flag(0, f"missing-{key}", f"no {key} found in the text; left empty",
                            f"fill '{key}' in the draft's front matter (`policyref check` requires it); "
                            "use only what the document or its issuer prints", is_line=True)
