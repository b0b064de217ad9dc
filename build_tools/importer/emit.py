"""Write the draft in the content format (CONTENT_FORMAT.md) and the import report."""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from functools import lru_cache

from .found import Found
from .script import ScriptConverter
from .structure import Item
from .tracked import Ledger

# Removal / change reasons (English, in the report) → cleaning entry text (Chinese, shown to readers).
CLEANING_TEXT = [
    # (reason prefix, kind, what template, why)
    ("web page title", "chrome", "删除网页标题{where}：{texts}", "网页标题，不是文件正文"),
    ("web page", "chrome", "删除网页外壳{where}：{texts}", "网站的登录、导航、广告、计数和版权等外壳，不属于文件"),
    ("line before the document", "chrome", "删除文件正文之前的网页文字{where}：{texts}", "网页外壳，不属于文件正文（导入时自动判断，已在导入报告中标出）"),
    ("HTML page title", "chrome", "删除网页HTML标题和脚本{where}：{texts}", "网页代码，不属于文件"),
    ("HTML <", "chrome", "删除网页HTML脚本和样式{where}", "网页代码，不属于文件"),
    ("blog-export", "chrome", "删除博客导出的YAML头{where}：{texts}", "博客系统的元数据，不属于文件"),
    ("spam", "spam", "删除插入正文的垃圾文字{where}：{texts}", "搜索引擎垃圾文字，不属于文件"),
    ("web address", "spam", "删除插入正文的网址{where}：{texts}", "网址不属于文件正文"),
    ("repeats line", "duplicate", "删除重复行{where}：{texts}", "与前一行逐字重复，是网页转录的重复"),
    ("addressee line repeated", "duplicate", "删除重复的主送机关行{where}：{texts}", "与前面的主送机关逐字重复"),
    ("document title", "metadata", "文件标题{where}「{joined}」移入前置元数据 title，不再作为正文段落", "标题由页面标题显示，避免重复"),
    ("the site's metadata bar", "metadata", "网站的法规信息栏{where}移出正文，其中的值用于前置元数据：{texts}", "网站整理的元数据栏，不是文件印发的文字"),
    ("Traditional", "script", "{script}用{converter}转为简体，共{count}字，例如{examples}", "本站规范文本为简体"),
    ("half-width punctuation", "layout", "中文文字中的半角标点改为全角{where}，共{count}个字符：{examples}", "正式文本用全角标点；半角标点是网页转录造成的"),
    ("space inside Chinese text", "layout", "删除中文文字之间的空格{where}，共{count}处", "网页排版残留的多余空格"),
    ("indentation", "layout", "删除行首缩进和行尾空白{where}", "网页排版用的缩进，不是文字"),
    ("blank line", "layout", "删除空行{where}", "空行不是文字"),
    ("HTML", "layout", "删除HTML标签并解码字符实体{where}，共{count}个字符", "网页代码，不是文字；被行内标签拆开的词已恢复完整"),
    ("CR of a CRLF", "layout", "CRLF换行改为LF（{count}处）", "换行格式，不是文字"),
    ("lone CR", "layout", "CR换行改为LF（{count}处）", "换行格式，不是文字"),
    ("byte-order mark", "layout", "删除文件开头的字节顺序标记（BOM）", "编码标记，不是文字"),
    ("invisible control", "layout", "删除不可见控制字符{where}，共{count}个", "网页复制带入的控制字符，不是文字"),
    ("Markdown mark", "layout", "删除博客导出的Markdown标记{where}", "排版标记，不是文字"),
    ("space at a restored", "layout", "删除恢复断行处的空格{where}", "排版空白，不是文字"),
    ("would be read as", "layout", "删除行首会被误读为标记的符号{where}", "避免与内容格式的标记冲突"),
]
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
    removals: dict[int, list] = defaultdict(list)
    for removal in sorted(ledger.removals, key=lambda r: min(r.offsets)):
        removals[_template(removal.reason)].append(removal)
    changed: dict[int, list] = defaultdict(list)
    for offset, (kind, reason) in ledger.reasons_for(changes).items():
        changed[_template(reason)].append(offset)
    starts = ledger._line_starts
    entries = []
    for index in sorted(set(removals) | set(changed)):
        prefix, kind, template, why = CLEANING_TEXT[index] if index >= 0 else ("", "layout", "其他排版修改{where}", "排版")
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


@lru_cache(maxsize=None)
def _template(reason: str) -> int:
    for i, (prefix, *_rest) in enumerate(CLEANING_TEXT):
        if reason.startswith(prefix):
            return i
    return -1


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
        line = ledger.trim(item.line, "layout", "space at a restored line break")
        m = MARKUP_START.match(line.text)
        if m and m.group(0) != "-{":
            line = ledger.cut(line, 0, m.end(), "layout", "would be read as draft markup")
            line = ledger.trim(line, "layout", "space at a restored line break")
        if not line.text:
            ledger.drop_line(line, "layout", "blank line")
            continue
        if "-{" in line.text:
            ledger.flag(line.src[line.text.index("-{")], "marker-syntax",
                        "the text contains '-{', which the site reads as a conversion marker (-{…}-)",
                        "check the paragraph renders as printed; write the characters differently if not")
        item.line = line
        out.append(item)
    return out
