"""Write the draft in the content format (CONTENT_FORMAT.md) and the import report."""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict

from .found import Found
from .script import ScriptConverter
from .items import Item
from .reasons import ORDER, REASONS
from .tracked import Ledger

NOTES_TEXT = {
    "attribution-split": ("layout", "{count}处归属〔……负责〕不在行末：在其后断行，使每个归属都在段末、只覆盖它前面的文字（{where}）",
                          "内容格式规定归属位于段末；网页副本中原件是否在此分段无法确认，文字和顺序不变"),
    "crawler-split": ("layout", "原网页文字没有换行（爬虫合并为一行）：在文号、日期和序号处恢复断行",
                      "只改排版，文字和顺序不变"),
    "inline-title": ("layout", "任务标题与正文同行（{where}）：序号和第一句（到第一个“。”为止）作为任务标题，其余文字作为该任务第一段",
                     "按内容格式标记任务；文字不变"),
}


MAX_RUNS = 30  # line ranges named in one cleaning entry; the report has them all


def _lines_text(numbers) -> str:
    numbers = sorted(set(numbers))
    if not numbers:
        return ""
    runs, start, prev = [], numbers[0], numbers[0]
    for n in numbers[1:]:
        if n == prev + 1:
            prev = n
            continue
        runs.append((start, prev))
        start = prev = n
    runs.append((start, prev))
    shown = "、".join(f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:MAX_RUNS])
    return "第" + shown + "行" + (f"等{len(numbers)}行" if len(runs) > MAX_RUNS else "")


def raw_quote(text: str, simplify) -> str:
    """A quotation of the raw input: kept exactly as printed in both variants (-{…}-) when it has
    characters the converter would change (CONTENT_FORMAT.md, conversion escape hatch)."""
    if "-{" in text or "}-" in text or simplify(text) == text:
        return text
    return "-{" + text + "}-"


def _quote_list(texts, simplify, limit=12, width=40) -> str:
    seen, out = set(), []
    for t in texts:
        t = t.strip()
        if not t or t in seen:
            continue
        seen.add(t)
        out.append("「" + raw_quote(t if len(t) <= width else t[:width], simplify) + ("…" if len(t) > width else "") + "」")
    more = len(out) - limit
    return "".join(out[:limit]) + (f"等（另{more}项）" if more > 0 else "")


def spans(offsets: list[int]) -> list[tuple[int, int]]:
    offsets = sorted(offsets)
    out = []
    for o in offsets:
        if out and o == out[-1][1]:
            out[-1][1] = o + 1
        else:
            out.append([o, o + 1])
    return [tuple(s) for s in out]


SCRIPT_TEXT = {"zh-Hant": "繁体原文", "mixed": "繁简混杂的原文", "zh-Hans": "原文中的繁体字"}


def cleaning_entries(ledger: Ledger, changes: dict, converter: ScriptConverter, script: str = "mixed") -> list[dict]:
    simplify = converter.to_simplified
    removals: dict[str, list] = defaultdict(list)
    for removal in sorted(ledger.removals, key=lambda r: min(r.offsets)):
        removals[removal.key].append(removal)
    changed: dict[str, list] = defaultdict(list)
    for offset, (key, _detail) in ledger.reasons_for(changes).items():
        changed[key].append(offset)
    starts = ledger._line_starts
    entries = []
    for index in sorted(set(removals) | set(changed), key=ORDER.__getitem__):
        kind, template, why = REASONS[index]
        offsets, texts, count = [], [], 0
        for removal in removals.get(index, []):
            for a, b in spans(removal.offsets):
                offsets.append(a)
                texts.append(ledger.source[a:b].replace("\n", " "))
                count += b - a
        examples = Counter(changes[o] for o in changed.get(index, []))
        offsets += changed.get(index, [])
        count += len(changed.get(index, []))
        where = _lines_text({bisect_right(starts, o) for o in offsets}) if "{where}" in template else ""
        text = template.format(where=f"（{where}）" if where else "",
                               texts=_quote_list(texts, simplify), joined=raw_quote("".join(texts).strip(), simplify),
                               count=count, converter=converter.label, script=SCRIPT_TEXT.get(script, "原文"),
                               examples="、".join(f"“{raw_quote(old, simplify)}”→“{new}”{'×' + str(n) if n > 1 else ''}"
                                                  for (old, new), n in examples.most_common(8)))
        entries.append({"kind": kind, "what": text.rstrip("，："), "why": why})
    return entries


def note_entries(ledger: Ledger, note_lines: dict[str, list[int]]) -> list[dict]:
    entries = []
    for note, lines in note_lines.items():
        kind, template, why = NOTES_TEXT[note]
        entries.append({"kind": kind, "what": template.format(count=len(lines), where=_lines_text(lines)), "why": why})
    return entries


def _q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def render_draft(plan_id: str, found: Found, items: list[Item], source: str, script: str,
                 cleaning: list[dict]) -> tuple[str, list[tuple[Item, str]]]:
    """The draft text, and each emitted item with its id ('' for none)."""
    out = ["---", f"id: {plan_id}", f"title: {_q(found.title)}",
           f"issuers: [{', '.join(found.issuers)}]", f"addressees: [{', '.join(found.addressees)}]",
           f"doc_number: {_q(found.doc_number)}",
           f"date: {_q(found.date)}", f"period: {_q(found.period)}", f"source: {_q(source)}",
           f"source_script: {script}", "cleaning:" + ("" if cleaning else " []")]
    for entry in cleaning:
        out += [f"  - kind: {entry['kind']}", f"    what: {_q(entry['what'])}", f"    why: {_q(entry['why'])}"]
    out += ["---", ""]
    fence = None
    chapters = tasks = 0
    emitted = []
    for item in items:
        if item.fence != fence:
            if fence:
                out += [":::", ""]
            if item.fence:
                out.append(f"::: {item.fence}")
            fence = item.fence
        ident = ""
        if item.kind == "chapter":
            chapters += 1
            ident = f"c{chapters}"
            line = f"## {item.line.text} {{#{ident}}}"
        elif item.kind == "task":
            tasks += 1
            ident = f"t{tasks:02d}"
            line = f"### {item.line.text} {{#{ident}}}"
        elif item.kind == "heading":
            line = f"#### {item.line.text}"
        else:
            line = item.line.text
        out.append(line)
        if not fence:
            out.append("")
        emitted.append((item, ident))
    if fence:
        out += [":::", ""]
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n", emitted


MARKUP_START = re.compile(r"^(?:#+|:::+|-\{)")


def guard_markup(items: list[Item], ledger: Ledger) -> list[Item]:
    """Trim items, drop empty ones, and cut leading characters the draft would read as markup."""
    out = []
    for item in items:
        line = ledger.trim(item.line, "restored-break", "space at a restored line break")
        m = MARKUP_START.match(line.text)
        if m and m.group(0) != "-{":
            line = ledger.cut(line, 0, m.end(), "markup-lookalike", "would be read as draft markup")
            line = ledger.trim(line, "restored-break", "space at a restored line break")
        if not line.text:
            ledger.drop_line(line, "blank-line", "blank line")
            continue
        if "-{" in line.text:
            ledger.flag(line.src[line.text.index("-{")], "marker-syntax",
                        "the text contains '-{', which the site reads as a conversion marker (-{…}-)",
                        "check the paragraph renders as printed; write the characters differently if not")
        item.line = line
        out.append(item)
    return out
