"""Metadata as printed: 文号, dates (digits or Chinese numerals), period, title shapes, issuers."""
from __future__ import annotations

import datetime as dt
import re

from ..read.numerals import DIGITS, cn_digits_to_int, cn_to_int

CN_DIGIT = "".join(DIGITS)  # 〇零○Ｏ一二…九 (and 两)
# 工信厅科[2012]51号 · 国市监标技〔2019〕88号 · 国发（2020）5号 · 〔2024〕
DOC_NUMBER = re.compile(r"(?P<prefix>[\u4e00-\u9fff]{1,16}?)\s*[〔\[［【(（]\s*(?P<year>\d{4})\s*[〕\]］】)）]"
                        r"\s*(?P<no>第?\s*\d{1,5}\s*号)")
DOC_NUMBER_CUT = re.compile(r"^[\u4e00-\u9fff]{1,16}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,5}$")  # 号 lost
DATE_DIGITS = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")
DATE_CN = re.compile(rf"(?P<y>[{CN_DIGIT}]{{4}})\s*年\s*(?P<m>[{CN_DIGIT}十]{{1,3}})\s*月\s*(?P<d>[{CN_DIGIT}十]{{1,3}})\s*日")
DATE_ISO = re.compile(r"(?P<y>\d{4})[-./](?P<m>\d{1,2})[-./](?P<d>\d{1,2})")
PERIOD = re.compile(r"(?P<a>(?:19|20)\d{2})\s*[—–\-－~～至到]{1,2}\s*(?P<b>(?:19|20)\d{2})\s*年")
YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
TITLE_END = re.compile(r"(?:通知|意见|方案|办法|规定|决定|要点|计划|规划|纲要|工作|分工|细则|指南|公告|通告|报告|批复|"
                       r"函|条例|措施|指引|目录|清单|标准|战略|任务|重点|安排|部署)"
                       r"(?:[（(][^（）()]{1,20}[）)])?$")
# The keys of a site's metadata bar or a gov.cn-style table (索引号 … 发布日期), written once.
BAR_KEYS = ("状态", "发布日期", "生效日期", "实施日期", "发布部门", "发文机关", "发布机关", "发布文号", "文号", "索引号",
            "主题分类", "成文日期", "效力级别", "时效性", "所属类别", "发文字号", "公文种类", "标题")
_KEYS = "|".join(BAR_KEYS)
METADATA_BAR = re.compile(rf"^(?:{_KEYS})\s*[:：]")
BAR_LABEL_ONLY = re.compile(rf"^(?:{_KEYS})\s*[:：]$")


def find_doc_number(text: str, whole_line: bool = True) -> re.Match | None:
    """A 文号 standing alone on the line (or after a 文号: label)."""
    if whole_line and (len(text) > 60 or "号" not in text):
        return None
    m = DOC_NUMBER.search(text)
    if not m:
        return None
    if not whole_line:
        return m
    after = text[m.end():].strip()
    if after and parse_date(after) and parse_date(after)[1].group(0).strip() == after:
        after = ""  # 国办发〔2015〕67号    2015.8.30: the number and the date on one line
    rest = (text[: m.start()].strip() + after)
    label = re.sub(r"^(?:发布文号|发文字号|文号)\s*[:：]\s*", "", text[: m.start()]).strip()
    return m if not rest or (not label and not after) else None


def doc_number_text(m: re.Match) -> str:
    return m.group(0).strip()


def parse_date(text: str) -> tuple[str, re.Match] | None:
    """(ISO date, match) for the first real calendar date in the text."""
    for pattern, convert in ((DATE_DIGITS, int), (DATE_CN, None), (DATE_ISO, int)):
        for m in pattern.finditer(text):
            if convert:
                y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
            else:
                y, mo, d = cn_digits_to_int(m["y"]), cn_to_int(m["m"]), cn_to_int(m["d"])
                if None in (y, mo, d):
                    continue
            try:
                return dt.date(y, mo, d).isoformat(), m
            except ValueError:
                continue
    return None


def is_date_line(text: str) -> bool:
    """The line is a date and nothing else (a signature date)."""
    found = parse_date(text)
    if not found:
        return False
    m = found[1]
    rest = (text[: m.start()] + text[m.end():]).strip(" 　\u00a0")
    return rest == "" or rest in ("印发", "发布", "（印发）")


def period_of(text: str) -> str:
    """2024—2025年 from a title; '' when none. Dashes are written as the em dash."""
    m = PERIOD.search(text)
    if not m or int(m["b"]) <= int(m["a"]):
        return ""
    return f"{m['a']}—{m['b']}年"


def year_of(text: str) -> str:
    m = YEAR_IN_TITLE.search(text)
    return m.group(1) if m else ""


def is_title_like(text: str) -> bool:
    if len(text) > (140 if "关于" in text else 90) or len(text) < 4 or text.endswith(("。", "：", ":", "；", "，")):
        return False
    if "。" in text:
        return False
    return bool(TITLE_END.search(text)) or "关于" in text


def is_metadata_bar(text: str) -> bool:
    return bool(METADATA_BAR.match(text))


def metadata_bar_values(text: str) -> dict[str, str]:
    """发布日期:2012-04-01 生效日期: 2012-04-01 → {'发布日期': '2012-04-01', …}."""
    values = {}
    for m in re.finditer(rf"({_KEYS})\s*[:：]\s*(.*?)(?=\s*(?:{_KEYS})\s*[:：]|$)", text):
        if m.group(2).strip():
            values[m.group(1)] = m.group(2).strip()
    return values


def is_bar_label(text: str) -> bool:
    """A table cell holding only a key (索引号：); its value is the next line."""
    return bool(BAR_LABEL_ONLY.match(text))
