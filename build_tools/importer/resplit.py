"""Putting line breaks back: crawler text joined into one line, attributions in mid-line,
task titles inline with their text. Splitting never drops a character."""
from __future__ import annotations

import re

from ..read.attribution import find_attributions
from ..read.numerals import cn_to_int
from . import metadata as meta
from .agencies import AGENCY_SHAPE
from .tracked import Ledger, Line

CN_NUM = "一二三四五六七八九十百零〇"
CHAPTER_LABEL = re.compile(rf"^(?P<n>[{CN_NUM}]+)、")
TASK_LABEL = re.compile(rf"^（(?P<n>[{CN_NUM}]+)）")
ITEM_LABEL = re.compile(r"^(?P<n>\d{1,3})[.．、](?![\d.．])")
SUBITEM_LABEL = re.compile(r"^（(?P<n>\d{1,3})）")
SENTENCE_END = "。；！？：”’）〕」』】"
ANNEX = re.compile(r"附件\s*[\d一二三四五六七八九十]*\s*[:：]?")
OPENERS, CLOSERS = "（《“‘〔【「『(", "）》”’〕】」』)"
CANDIDATE = re.compile(rf"（(?P<task>[{CN_NUM}]+)）|(?P<chapter>[{CN_NUM}]+)、|附件\s*[\d一二三四五六七八九十]*\s*[:：]")
PUBLIC_NOTE_AT = re.compile(r"[（(]此件(?:公开发布|主动公开|不公开)[）)]")
CRAWLER_MIN_LINE = 200
CRAWLER_MAX_LINES = 3
HUGE_LINE = 3000


def split_at(line: Line, cuts: list[int]) -> list[Line]:
    """The line cut before each position; the line break that ended it stays with the last part."""
    cuts = sorted({c for c in cuts if 0 < c < len(line.text)})
    parts, pos = [], 0
    for cut in cuts:
        parts.append(line.slice(pos, cut))
        pos = cut
    parts.append(line.slice(pos, None, line.end))
    return parts


# -- crawler text ---------------------------------------------------------------------------
def is_crawler_text(lines: list[Line]) -> bool:
    if any(len(l.text) >= HUGE_LINE for l in lines):
        return True
    long_lines = [l for l in lines if len(l.text) >= CRAWLER_MIN_LINE]
    return bool(long_lines) and len(lines) <= CRAWLER_MAX_LINES and any(
        len(re.findall(rf"（[{CN_NUM}]+）|[。〕）][{CN_NUM}]+、", l.text)) >= 2 for l in long_lines)


def resplit_crawler(lines: list[Line], ledger: Ledger, agency_names: list[str]) -> list[Line]:
    out = []
    for line in lines:
        if len(line.text) < CRAWLER_MIN_LINE:
            out.append(line)
            continue
        cuts = _crawler_cuts(line.text, agency_names)
        if cuts:
            ledger.flag(line.first, "crawler-text",
                        f"line of {len(line.text):,} characters had no line breaks: split it into "
                        f"{len(cuts) + 1} lines at document numbers, dates and numbered items",
                        "read the draft's structure against the original page")
            ledger.notes.append("crawler-split")
        out.extend(_trimmed(p, ledger) for p in split_at(line, cuts))
    return [l for l in out if l.text]


def _trimmed(line: Line, ledger: Ledger) -> Line:
    return ledger.trim(line, "restored-break", "space at a restored line break")


def _crawler_cuts(text: str, agency_names: list[str]) -> list[int]:
    cuts: list[int] = []
    number = meta.DOC_NUMBER.search(text[:600])
    if number:
        start = number.start()
        head = text[:number.start("year")]
        # the title before the 文号 ends with a document-type word; the rest is the 文号's prefix
        for m in re.finditer(r"(?:通知|意见|方案|办法|规定|决定|要点|计划|规划|纲要|工作|分工|细则|指南|公告|通告)",
                             head):
            rest = head[m.end():].rstrip("〔[［【(（ ")
            if 1 <= len(rest) <= 10:
                start = m.end()
        cuts += [start, number.end()]
        after = text[number.end():]
        addressee = re.match(r"\s*(?:各|有关|国务院|中央)[^。：]{2,300}：", after)
        if addressee:
            cuts.append(number.end() + addressee.end())
    quoted = set(re.findall(r"《([^《》]{4,60})》", text))
    dates = sorted([*meta.DATE_CN.finditer(text), *meta.DATE_DIGITS.finditer(text)], key=lambda m: m.start())
    for m in dates:
        follower = text[m.end():]
        if follower and not (follower.startswith(("（", "(")) or any(follower.startswith(q) for q in quoted)):
            continue  # 2020年9月11日，… : a date inside a sentence, not a signature date
        begin = m.start()
        for name in agency_names:
            if text.endswith(name, 0, m.start()) and m.start() > len(name) \
                    and text[m.start() - len(name) - 1] in SENTENCE_END:
                begin = m.start() - len(name)
                break
        else:  # an unregistered signer glued to the last sentence: …见效。示范省人民政府2020年10月1日
            stop = max(text.rfind(c, 0, m.start()) for c in "。！；")
            if stop >= 0 and AGENCY_SHAPE.match(text[stop + 1:m.start()]):
                begin = stop + 1
        if begin == 0 or text[begin - 1] not in SENTENCE_END:
            continue
        cuts += [begin, m.start(), m.end()]
        note = PUBLIC_NOTE_AT.match(follower)
        if note:
            cuts.append(m.end() + note.end())
        for q in sorted(quoted, key=len, reverse=True):
            if text.startswith(q, m.end()):
                cuts.append(m.end() + len(q))
                break
    chapter_next, task_next, chapter_seen = 1, 1, False
    for m in CANDIDATE.finditer(text):
        i = m.start()
        prev = text[i - 1] if i else "。"
        if m.group("task"):
            k = cn_to_int(m.group("task"))
            if prev != "第" and (k == task_next or (k == 1 and chapter_seen)):
                cuts.append(i)
                task_next, chapter_seen = k + 1, False
        elif m.group("chapter"):
            k = cn_to_int(m.group("chapter"))
            if prev in SENTENCE_END and k == chapter_next:
                cuts.append(i)
                chapter_next, chapter_seen = k + 1, True
        elif prev in SENTENCE_END:  # 附件
            cuts.append(i)
    return cuts


# -- attributions in mid-line -------------------------------------------------------------------
def split_attributions(line: Line) -> list[Line]:
    """Cut after each attribution that is not at the end of the line (a 〔…负责〕 then more text)."""
    text = line.text
    if "负责" not in text and "牵头" not in text:
        return [line]
    cuts = []
    # only an attribution that closes its sentences; one inside a running sentence
    # (…的实施（技工院校内由X负责），国务院…) is a parenthesis of that sentence
    placed_ends = {r.end for r in find_attributions(text)[0] if r.placed}
    for i, ch in enumerate(text):
        if ch not in "〕）)】" or i + 1 >= len(text):
            continue
        stop = i + 1
        while stop < len(text) and text[stop] in "。；; ":
            stop += 1
        if stop >= len(text):
            continue
        window = text[max(0, i - 400): i + 1]
        if "负责" not in window and "牵头" not in window:
            continue
        if i + 1 in placed_ends and (not cuts or cuts[-1] < stop):
            cuts.append(stop)
    return split_at(line, cuts) if cuts else [line]


# -- inline titles ----------------------------------------------------------------------------------
def title_end(text: str) -> int | None:
    """Index just after the first 。 outside brackets and quotes, when text follows it."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch == "。" and depth == 0:
            return i + 1 if text[i + 1:].strip() else None
    return None
