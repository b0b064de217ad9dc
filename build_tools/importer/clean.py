"""Cleaning that needs no structure: blank lines, indentation, blog headers, web chrome, duplicates.

Every removal goes to the ledger with its kind and reason. Chrome patterns are Simplified
(the text is converted before cleaning) and accept half- and full-width punctuation.
"""
from __future__ import annotations

import re

from .items import is_addressee
from .tracked import Ledger, Line

# Web chrome that is never document text, wherever it stands (short lines only).
CHROME_ANYWHERE = [
    (re.compile(r"用户名\s*.{0,6}密\s*码|^\s*(?:登录|登陆|注册|退出登录|忘记密码|记住我|免费注册)\b"), "log-in form"),
    (re.compile(r"您的位置|当前位置|所在位置|>>|›|»|首页\s*[>＞]|网站首页|返回首页|返回顶部|网站地图|站点地图|"
                r"进入分站|全国站|切换城市|设为首页|加入收藏|收藏本站|无障碍浏览|长者模式"), "navigation"),
    (re.compile(r"上一篇|下一篇|上一条|下一条|相关文章|相关链接|相关阅读|相关新闻|推荐阅读|热门推荐|猜你喜欢|"
                r"扫一扫|扫描二维码|关注我们|微信公众号|分享到|【打印】|打印本页|打印此页|【关闭】|关闭窗口|"
                r"字号[:：]?\s*[【\[]?[大中小]|【字体|字体[:：]\s*[大中小]"), "page tools"),
    (re.compile(r"广告服务|广告位|广告投放|^\s*广告\s*$|发布(?:免费)?法律咨询|免费发布|在线即时咨询|咨询律师|找律师|"
                r"律师在线|律师热线|没找到您需要的|温馨提示[:：]|问题越详细|点此进行|立即下载|点击进入|点击下载"),
     "advertising"),
    (re.compile(r"(?:浏览|阅读|点击|访问)(?:次数|量|数)?\s*[:：]\s*\d+|(?:浏览|阅读|点击)\s*\d+\s*次|人气[:：]\s*\d+"),
     "view counter"),
    (re.compile(r"©|copyright|版权所有|all rights reserved|ICP备|ICP证|公网安备|网安备|备案号|"
                r"联系我们|关于我们|友情链接|人才招聘|免责声明|隐私政策|载入时间|页面执行时间|技术支持[:：]", re.I),
     "copyright / site footer"),
]
# Column names and page metadata: chrome only before the document or after its end.
CHROME_AT_EDGES = [
    (re.compile(r"^(?:工作动态|新闻动态|政策法规|政策文件|通知公告|法规库|法规正文|政策解读|文件通知|最新动态|"
                r"信息公开|政务公开|新闻中心|要闻|公告|首页|正文|打印|关闭)$"), "site column name"),
    (re.compile(r"^(?:来源|信息来源|作者|责任编辑|编辑|发布时间|发布日期|时间|日期)\s*[:：]"), "page metadata"),
]
MAX_CHROME_LEN = 160
# Lines a news or portal page appends after the text: promotion, editor's name, original headline.
TRAILING_CHROME = re.compile(r"^附件下载$|海量资讯|精准解读|尽在.{0,20}(?:APP|客户端)|下载.{0,10}(?:APP|客户端)|"
                             r"^(?:责任编辑|编辑|值班主任|原标题|文章来源|来源|审核|校对|责编)\s*[:：]|"
                             r"^[（(](?:责编|编辑|责任编辑)[:：]", re.I)


def trim_and_drop_blank(lines: list[Line], ledger: Ledger) -> list[Line]:
    out = []
    for line in lines:
        start, stop = line.strip_offsets()
        if start == stop:
            ledger.drop_line(line, "blank-line", "blank line")
            continue
        out.append(ledger.trim(line, "indentation", "indentation / trailing whitespace"))
    return out


def drop_blog_header(lines: list[Line], ledger: Ledger) -> list[Line]:
    """A blog export starts with '---', 'key: value' lines and '---': not document text."""
    if not lines or lines[0].text.strip() != "---":
        return lines
    for i in range(1, min(len(lines), 40)):
        if lines[i].text.strip() in ("---", "..."):
            if all(re.match(r"^[\w-]+\s*:|^\s*-\s|^\s+", l.text) for l in lines[1:i]):
                for line in lines[: i + 1]:
                    ledger.drop_line(line, "blog-header", "blog-export YAML header")
                return lines[i + 1:]
            break
    return lines


def drop_markdown_marks(lines: list[Line], ledger: Ledger) -> list[Line]:
    """'# ' heading marks and ':::' from a Markdown export would be read as the draft's own markup."""
    out = []
    for line in lines:
        m = re.match(r"^(?:#{1,6}\s+|:::+\s*|>\s+)", line.text)
        if m and m.end() < len(line.text):
            line = ledger.cut(line, 0, m.end(), "markdown", "Markdown mark from a blog export")
        elif m:
            ledger.drop_line(line, "markdown", "Markdown mark from a blog export")
            continue
        out.append(line)
    return out


def chrome_reason(text: str, at_edge: bool) -> str | None:
    if len(text) > MAX_CHROME_LEN:
        return None
    for pattern, reason in CHROME_ANYWHERE:
        if pattern.search(text):
            return reason
    if at_edge:
        for pattern, reason in CHROME_AT_EDGES:
            if pattern.search(text):
                return reason
    return None


def drop_duplicates(lines: list[Line], ledger: Ledger) -> list[Line]:
    """A line repeating the line before it is dropped; so is an addressee line seen before."""
    out: list[Line] = []
    seen_addressees: dict[str, int] = {}
    seen_long: dict[str, int] = {}
    for line in lines:
        text = line.text
        if out and out[-1].text == text:
            ledger.drop_line(line, "duplicate-line", f"repeats line {ledger.line_of(out[-1].first)}")
            continue
        if is_addressee(text):
            if text in seen_addressees:
                ledger.drop_line(line, "duplicate-addressee", f"addressee line repeated from line {seen_addressees[text]}")
                continue
            seen_addressees[text] = ledger.line_of(line.first)
        if len(text) >= 30:
            if text in seen_long:
                ledger.flag(line.first, "duplicate-paragraph",
                            f"this paragraph repeats line {seen_long[text]} (kept: it is not next to it)",
                            "delete one copy in the draft if the page repeated it")
            seen_long.setdefault(text, ledger.line_of(line.first))
        out.append(line)
    return out


def drop_trailing_chrome(lines: list[Line], ledger: Ledger) -> list[Line]:
    """Page chrome at the very end of the text (海量资讯、精准解读，尽在…APP; 责任编辑：…)."""
    end = len(lines)
    while end > 0 and len(lines[end - 1].text) <= MAX_CHROME_LEN and (
            TRAILING_CHROME.search(lines[end - 1].text) or chrome_reason(lines[end - 1].text, at_edge=True)):
        end -= 1
    for line in lines[end:]:
        ledger.drop_line(line, "trailing-chrome", "web page text after the document")
    return lines[:end]
