"""Where the document starts and ends; notice, signature, title, chapters, tasks, annexes.

Works on cleaned, Simplified lines. Returns the draft's items in input order and the
metadata found, with where each value came from.
"""
from __future__ import annotations

import re
from collections import Counter

from ..read.numerals import cn_to_int
from ..read.attribution import bracket_groups, find_attribution, is_attribution
from ..read.plan import FENCES
from ..read.registry import Registry
from . import metadata as meta
from .agencies import looks_like_agency
from .clean import chrome_reason
from .found import Found, addressees, doc_number, finish, signature_meta
from .items import Item, is_addressee
from .resplit import (CHAPTER_LABEL, ITEM_LABEL, SUBITEM_LABEL, TASK_LABEL, split_attributions,
                      split_at, title_end)
from .tracked import Ledger, Line

NOTICE_HINT = re.compile(r"印发|经国务院同意|现将|请认真|请结合|请各|联系电话|联系人|特此通知")
ANNEX_LINE = re.compile(r"^附件\s*[\d一二三四五六七八九十]*\s*(?:[:：]|$)")


def _label(text: str):
    for kind, pattern in (("chapter", CHAPTER_LABEL), ("task", TASK_LABEL), ("item", ITEM_LABEL),
                          ("subitem", SUBITEM_LABEL)):
        m = pattern.match(text)
        if m and len(text) > m.end():
            return kind, m
    return None


HEADER_SCAN = 40  # lines searched for a site's metadata header (gov.cn table, mirror header)
ANNEX_REF_SPAN = 4  # lines between an attachment reference (附件：…) and the signature date
PUBLIC_NOTE = re.compile(r"^[（(]此件(?:公开发布|主动公开|不公开)[）)]$")
SEAL_NOTE = re.compile(r"^[（(][^（）()]{2,30}代章[）)]$")  # （国家中医药管理局代章） between signer and date
TITLE_PERIOD = re.compile(r"^[（(][^（）()]{0,6}\d{4}[^（）()]{0,12}[）)]")  # （2016—2030年）… continuing a title


def _header_end(lines: list[Line]) -> int:
    """Index after a leading metadata header: bar lines (发文机关：…), label/value cells (索引号： /
    000014349/…) and the title, 文号 and date they frame; 0 when the text has none."""
    end = 0
    for i, line in enumerate(lines[:HEADER_SCAN]):
        t = line.text
        if meta.is_bar_label(t):
            end = i + 2
        elif meta.is_metadata_bar(t):
            end = i + 1
        elif i >= end and not (len(t) <= 40 or meta.is_title_like(t) or meta.find_doc_number(t)
                               or meta.is_date_line(t)):
            break
    return min(end, len(lines))


def _doc_start(lines: list[Line]) -> int:
    for i in range(_header_end(lines), len(lines)):
        t = lines[i].text
        if meta.is_metadata_bar(t) or meta.is_bar_label(t):
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
    head_titles, head_kept = _read_head(head, ledger, found, registry)
    head_titles = _join_titles(head_titles, ledger)
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
        while sig_start > 0 and (looks_like_agency(body[sig_start - 1].text, registry)
                                 or SEAL_NOTE.match(body[sig_start - 1].text)):
            sig_start -= 1
        notice_title = [l for l in head_titles if "印发" in l.text and l.text.endswith("通知")][-1:]
        for line in notice_title:
            items.append(Item("heading", line, "notice"))
        items += [Item("paragraph", l, "notice") for l in head_kept + body[:sig_start]]
        sig_end = notice_date + 1
        if sig_end < len(body) and PUBLIC_NOTE.match(body[sig_end].text):
            sig_end += 1  # （此件公开发布） closes the notice
        items += [Item("paragraph", l, "signature") for l in body[sig_start:sig_end]]
        signature_meta(body[sig_start:notice_date + 1], found, registry)
        main_start = sig_end
        if main_start < len(body) and meta.is_title_like(body[main_start].text) and not _label(body[main_start].text):
            title_line = body[main_start]
            while main_start + 1 < len(body) and _continues_title(title_line.text, body[main_start + 1].text):
                title_line = _join_titles([title_line, body[main_start + 1]], ledger)[0]
                main_start += 1
            items.append(Item("heading", title_line))
            found.title, found.title_from = title_line.text, f"line {ledger.line_of(title_line.first)} (title of the attached document)"
            main_start += 1
        if title_line is None and notice_title:
            found.title = notice_title[0].text
            found.title_from = f"line {ledger.line_of(notice_title[0].first)} (the notice's title; no attached document follows)"
        for line in head_titles:
            if line in notice_title:
                continue
            same = line.text in [l.text for l in notice_title] + ([title_line.text] if title_line else [])
            ledger.drop_line(line, "web-title", "web page title" + (" (repeats the document title)" if same else
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
                    ledger.drop_line(line, "document-title", "document title: moved to the front matter 'title'")
                else:
                    ledger.drop_line(line, "web-title", "web page title")
                    ledger.flag(line.first, "page-title", f"removed '{line.text}' as a web page title; "
                                f"took line {ledger.line_of(chosen.first)} as the document's title",
                                "check which of them is the document's own title")
        items += [Item("paragraph", l) for l in head_kept]
    main = body[main_start:]
    items += _main(main, ledger, registry, found)
    doc_number(items, found, ledger)
    addressees(items, found, ledger, registry)
    finish(items, found, ledger, registry)
    return items, found


def _join_titles(titles: list[Line], ledger: Ledger) -> list[Line]:
    """A title printed over two or more lines (省人民政府关于 / 进一步优化营商环境的若干意见) is one
    title: lines that cannot end a title are joined with the next while the whole still reads as one."""
    out: list[Line] = []
    for line in titles:
        prev = out[-1] if out else None
        if prev is not None and _continues_title(prev.text, line.text):
            if prev.end is not None:
                ledger.drop([prev.end], "title-break", "line break inside a title printed over two lines")
            out[-1] = Line(prev.text + line.text, prev.src + line.src, line.end)
        else:
            out.append(line)
    return out


def _continues_title(prev: str, text: str) -> bool:
    """`text` is the next line of a title: `prev` cannot end one (…关于), or `text` is its bracketed
    period on a line of its own (（2016—2030年）实施分工方案)."""
    if _label(text) or not meta.is_title_like(prev + text):
        return False
    return not meta.TITLE_END.search(prev) or bool(TITLE_PERIOD.match(text))


def _in_header(line: Line, head: list[Line]) -> bool:
    """The line stands before a metadata bar line in the head (a mirror's header: title, 文号, date, 发布机关)."""
    after = head[head.index(line) + 1:]
    return any(meta.is_metadata_bar(l.text) or meta.is_bar_label(l.text) for l in after)


def _read_head(head: list[Line], ledger: Ledger, found: Found, registry: Registry):
    titles, kept = [], []
    label = None  # a table key whose value is on the next line
    bar_why = "the site's metadata bar (values used for the front matter)"
    for line in head:
        t = line.text
        reason = chrome_reason(t, at_edge=True)
        number = meta.find_doc_number(t)
        if label:
            found.bar.setdefault(label, t)
            ledger.drop_line(line, "metadata-bar", bar_why)
            label = None
        elif meta.is_bar_label(t):
            label = re.split(r"\s*[:：]", t)[0]
            ledger.drop_line(line, "metadata-bar", bar_why)
        elif meta.is_metadata_bar(t):
            for key, value in meta.metadata_bar_values(t).items():
                found.bar.setdefault(key, value)
            ledger.drop_line(line, "metadata-bar", bar_why)
        elif reason:
            ledger.drop_line(line, "web-chrome", f"web page {reason}")
        elif number and _in_header(line, head):
            found.bar.setdefault("文号", meta.doc_number_text(number))
            ledger.drop_line(line, "metadata-bar", bar_why)
        elif meta.is_date_line(t) and _in_header(line, head):
            found.bar.setdefault("发布日期", t)
            ledger.drop_line(line, "metadata-bar", bar_why)
        elif meta.is_title_like(t):
            titles.append(line)
        elif (t.endswith("文件") and len(t) <= 30) or looks_like_agency(t, registry):
            kept.append(line)  # the letterhead (版头): the issuing bodies' names
        elif meta.DOC_NUMBER_CUT.match(t):
            kept.append(line)
            ledger.flag(line.first, "doc-number-cut", f"'{t}' looks like a 文号 cut short (no 号); kept as printed, "
                        "'doc_number' left empty", "set 'doc_number' only if the document prints it whole")
        else:
            ledger.drop_line(line, "head-line", "line before the document that is not part of it")
            ledger.flag(line.first, "head-line", f"removed '{t[:40]}' before the document start as web chrome",
                        "if it belongs to the document, copy it back into the draft")
    return titles, kept


def _main(main: list[Line], ledger: Ledger, registry: Registry, found: Found) -> list[Item]:
    labels = [i for i, l in enumerate(main) if _label(l.text)]
    # 附件：… followed closely by the signature date lists the attachment; the annex comes after
    annex = next((i for i, l in enumerate(main) if ANNEX_LINE.match(l.text)
                  and (not labels or i > labels[0])
                  and not any(meta.is_date_line(m.text) for m in main[i + 1:i + 1 + ANNEX_REF_SPAN])), len(main))
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
        signature_meta(sig_lines, found, registry)
    items = _closing(_body(main[:body_end], ledger, found), ledger)
    fence_items = [Item("paragraph", l, "signature") for l in sig_lines]
    for line in tail:
        reason = chrome_reason(line.text, at_edge=True)
        if reason:
            ledger.drop_line(line, "web-chrome", f"web page {reason} after the signature")
            continue
        if PUBLIC_NOTE.match(line.text):
            fence_items.append(Item("paragraph", line, "signature"))
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
    elif kinds["chapter"] and kinds["item"] and _items_attributed(lines):
        # 一、 headings over 1. measures that carry the attributions (a 工作要点's usual shape)
        chapter_kind, task_kind, found.scheme = "chapter", "item", "chapters 一、 with tasks 1."
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
            if number == chapter_next or (chapter_next == 1 and number and _starts_late(line, ledger, "chapter")):
                items += _heading("chapter", line, ledger)
                chapter_next, chapter_since_task, in_task = number + 1, True, False
                continue
            _out_of_sequence(line, ledger, "chapter", chapter_next)
        elif kind and kind == task_kind:
            if number == task_last + 1 or (number == 1 and chapter_since_task) \
                    or (task_last == 0 and number and _starts_late(line, ledger, "task")):
                items += _heading("task", line, ledger)
                task_last, chapter_since_task, in_task = number, False, True
                continue
            _out_of_sequence(line, ledger, "task", task_last + 1)
        items += _paragraphs(line, ledger, in_task)
    return items


def _items_attributed(lines: list[Line]) -> bool:
    """Whether the 1. items carry attributions (in their own text, before the next numbered line):
    then they are the tasks; 1. items without any stay paragraphs of a 一、 task."""
    in_item = False
    for line in lines:
        label = _label(line.text)
        if label:
            in_item = label[0] == "item"
        if in_item and any(is_attribution(line.text[a:b]) for a, b in bracket_groups(line.text)):
            return True
    return False


def _closing(items: list[Item], ledger: Ledger) -> list[Item]:
    """Paragraphs after the last attribution of the last task, in a plan with attributions: the
    document's closing (确保各项措施落地见效。), not part of that task's last segment."""
    last_task = max((i for i, it in enumerate(items) if it.kind == "task"), default=None)
    if last_task is None or any(it.kind in ("chapter", "task") for it in items[last_task + 1:]):
        return items
    attributed = [i for i, it in enumerate(items) if it.kind == "paragraph" and find_attribution(it.line.text)]
    if not attributed or attributed[-1] < last_task or attributed[-1] == len(items) - 1:
        return items
    tail = items[attributed[-1] + 1:]
    if "closing" in FENCES:
        for it in tail:
            it.fence = "closing"
    else:
        ledger.flag(tail[0].line.first, "closing-paragraph",
                    f"'{tail[0].line.text[:30]}…' follows the last attribution of the last task: the document's "
                    "closing; this content format has no place for it yet", "check how the plan format marks it")
    return items


def _number(m: re.Match) -> int | None:
    n = m.group("n")
    return int(n) if n.isdigit() else cn_to_int(n)


def _starts_late(line: Line, ledger: Ledger, kind: str) -> bool:
    """The first chapter (task) of the text is not numbered 1: a copy that starts in the middle
    (a page quoting part of a document). Taken as one, and flagged."""
    ledger.flag(line.first, "numbering-start", f"the first {kind} is '{line.text[:12]}…', not number 1: "
                "a copy that starts in the middle?", "check the copy is complete; say what is missing")
    return True


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
                ledger.drop_line(line, "web-chrome", f"web page {reason} after the document")
                continue
            items.append(Item("paragraph", line, "annex"))
        expect_title = False
    return items
