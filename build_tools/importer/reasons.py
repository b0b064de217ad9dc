"""Every reason the importer removes or changes input text, once: key → kind, reader text, why.

Each removal and change in the `Ledger` carries one of these keys (plus an English detail for the
report); the draft's `cleaning` entries are grouped by key and worded from this table.
"""
from __future__ import annotations

from typing import NamedTuple


class Reason(NamedTuple):
    kind: str  # the cleaning kind of CONTENT_FORMAT.md: chrome | spam | duplicate | script | layout | metadata
    what: str  # template of the Chinese entry; {where} {texts} {joined} {count} {examples} {script} {converter}
    why: str


REASONS: dict[str, Reason] = {
    "web-title": Reason("chrome", "删除网页标题{where}：{texts}", "网页标题，不是文件正文"),
    "web-chrome": Reason("chrome", "删除网页外壳{where}：{texts}", "网站的登录、导航、广告、计数和版权等外壳，不属于文件"),
    "trailing-chrome": Reason("chrome", "删除文件末尾的网页文字{where}：{texts}", "网站的推广语、编辑署名等，不属于文件"),
    "head-line": Reason("chrome", "删除文件正文之前的网页文字{where}：{texts}",
                        "网页外壳，不属于文件正文（导入时自动判断，已在导入报告中标出）"),
    "html-title": Reason("chrome", "删除网页HTML标题和脚本{where}：{texts}", "网页代码，不属于文件"),
    "html-hidden": Reason("chrome", "删除网页HTML脚本和样式{where}", "网页代码，不属于文件"),
    "blog-header": Reason("chrome", "删除博客导出的YAML头{where}：{texts}", "博客系统的元数据，不属于文件"),
    "spam": Reason("spam", "删除插入正文的垃圾文字{where}：{texts}", "搜索引擎垃圾文字，不属于文件"),
    "pinyin": Reason("spam", "删除网页在汉字后插入的拼音注音{where}，共{count}个字符：{texts}",
                     "网页为搜索引擎插入的注音，不属于文件"),
    "web-address": Reason("spam", "删除插入正文的网址{where}：{texts}", "网址不属于文件正文"),
    "duplicate-line": Reason("duplicate", "删除重复行{where}：{texts}", "与前一行逐字重复，是网页转录的重复"),
    "duplicate-addressee": Reason("duplicate", "删除重复的主送机关行{where}：{texts}", "与前面的主送机关逐字重复"),
    "document-title": Reason("metadata", "文件标题{where}「{joined}」移入前置元数据 title，不再作为正文段落",
                             "标题由页面标题显示，避免重复"),
    "metadata-bar": Reason("metadata", "网站的法规信息栏{where}移出正文，其中的值用于前置元数据：{texts}",
                           "网站整理的元数据栏，不是文件印发的文字"),
    "script": Reason("script", "{script}用{converter}转为简体，共{count}字，例如{examples}", "本站规范文本为简体"),
    "half-width": Reason("layout", "中文文字中的半角标点改为全角{where}，共{count}个字符：{examples}",
                         "正式文本用全角标点；半角标点是网页转录造成的"),
    "cjk-space": Reason("layout", "删除中文文字之间的空格{where}，共{count}处", "网页排版残留的多余空格"),
    "indentation": Reason("layout", "删除行首缩进和行尾空白{where}", "网页排版用的缩进，不是文字"),
    "blank-line": Reason("layout", "删除空行{where}", "空行不是文字"),
    "html-markup": Reason("layout", "删除HTML标签并解码字符实体{where}，共{count}个字符",
                          "网页代码，不是文字；被行内标签拆开的词已恢复完整"),
    "crlf": Reason("layout", "CRLF换行改为LF（{count}处）", "换行格式，不是文字"),
    "lone-cr": Reason("layout", "CR换行改为LF（{count}处）", "换行格式，不是文字"),
    "bom": Reason("layout", "删除文件开头的字节顺序标记（BOM）", "编码标记，不是文字"),
    "control": Reason("layout", "删除不可见控制字符{where}，共{count}个", "网页复制带入的控制字符，不是文字"),
    "markdown": Reason("layout", "删除博客导出的Markdown标记{where}", "排版标记，不是文字"),
    "title-break": Reason("layout", "把分行排印的标题合为一行{where}", "标题在原文中折行排版，不是两段文字"),
    "restored-break": Reason("layout", "删除恢复断行处的空格{where}", "排版空白，不是文字"),
    "markup-lookalike": Reason("layout", "删除行首会被误读为标记的符号{where}", "避免与内容格式的标记冲突"),
    "other-layout": Reason("layout", "其他排版修改{where}", "排版"),
}
ORDER = {key: i for i, key in enumerate(REASONS)}  # cleaning entries follow the table's order


def kind_of(key: str) -> str:
    try:
        return REASONS[key].kind
    except KeyError:
        raise ValueError(f"unknown cleaning reason key {key!r} (add it to importer/reasons.py)") from None
