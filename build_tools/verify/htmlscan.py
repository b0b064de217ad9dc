"""Read a built HTML page once (lxml: libxml2's HTML parser) for the post-build checks in verify.py:
its ids, every URL it refers to, its text, and the text a reader of its script sees.

lxml because the checks read every page as MkDocs writes it: stdlib html.parser took 1.1 s of
CPU for the 616 pages of content/, a quarter of each variant's build; lxml takes 0.5 s."""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..script.quotes import FOLD as QUOTE_FOLD

URL_ATTRS = {"href", "src", "srcset", "poster", "action", "formaction", "xlink:href", "data", "cite", "background"}
TEXT_ATTRS = ("title", "alt", "placeholder", "aria-label")
SKIP = {"script", "style", "template"}


@dataclass(frozen=True)
class Ref:
    tag: str
    attr: str
    url: str
    line: int
    rel: str = ""
    hreflang: str = ""


@dataclass
class PageScan:
    lang: str = ""
    ids: set[str] = field(default_factory=set)
    refs: list[Ref] = field(default_factory=list)
    text: str = ""  # the whole page's text, whitespace collapsed
    article: str = ""  # the text of <article> (the page body), whitespace collapsed
    own_script: str = ""  # text and tooltips in the page's own script (not in lang=… of another
    #                       language, not in data-script-exempt elements), for the script check
    json_blocks: list[str] = field(default_factory=list)  # <script type="application/json"> contents
    #                       (e.g. Material's __config with its UI strings): shown to readers too


def normalise(text: str) -> str:
    """Whitespace collapsed; quotation marks in one form (zh-Hant 「」『』 = “”‘’), since
    which form a passage gets depends on the text converted with it (script/quotes.py)."""
    text = " ".join(text.split())
    for corner, curly in QUOTE_FOLD.items():  # str.replace: translate() is 10x slower on a page
        if corner in text:
            text = text.replace(corner, curly)
    return text


# XPath over the parsed page: the walk runs in libxml2, not in Python
_URLS = etree.XPath("//@*[" + " or ".join(f"name()='{a}'" for a in sorted(URL_ATTRS)) + "]")
# smart_strings=False: a "smart" result string keeps its whole parsed page alive (~0.2 MB per page)
_IDS = etree.XPath("//@id | //a/@name", smart_strings=False)
_JSON = etree.XPath("//script[translate(@type, 'JSON', 'json') = 'application/json']")
_FOREIGN = etree.XPath("//*[not(self::html)][(@lang and @lang != $lang) or @data-script-exempt]")
_TEXT_ATTRS = etree.XPath(" | ".join(f"//@{a}" for a in TEXT_ATTRS))


def _text(element) -> str:
    return etree.tostring(element, method="text", encoding="unicode", with_tail=False)


def scan_html(html: str) -> PageScan:
    root = etree.fromstring(html, etree.HTMLParser()) if html.strip() else None
    if root is None:
        return PageScan()
    scan = PageScan(lang=root.get("lang", ""))
    scan.ids = {value for value in _IDS(root) if value}
    for value in _URLS(root):
        element, key = value.getparent(), value.attrname
        if key == "data" and element.tag != "object":
            continue
        found = [u.strip().split()[0] for u in value.split(",") if u.strip()] if key == "srcset" else [str(value)]  # plain str
        for url in found:
            scan.refs.append(Ref(element.tag, key, url.strip(), element.sourceline, element.get("rel", ""),
                                 element.get("hreflang", "")))
    for meta in root.iter("meta"):
        content = meta.get("content", "")
        if meta.get("http-equiv", "").lower() == "refresh" and "url=" in content.lower():
            scan.refs.append(Ref("meta", "content", content.split("=", 1)[1].strip(" '\""), meta.sourceline))
    foreign = _FOREIGN(root, lang=scan.lang)  # another script on purpose: the other variant's name, quoted raw text
    inside_foreign = {e for f in foreign for e in f.iter()}
    scan.json_blocks = [e.text or "" for e in _JSON(root) if e not in inside_foreign]
    etree.strip_elements(root, *SKIP, etree.Comment, with_tail=False)
    scan.text = normalise(_text(root))
    article = next(root.iter("article"), None)
    scan.article = normalise(_text(article)) if article is not None else ""
    tooltips = [f" {v} " for v in _TEXT_ATTRS(root) if v and v.getparent() not in inside_foreign]
    for element in foreign:
        element.clear(keep_tail=True)  # the text after it is the page's own
    scan.own_script = normalise(_text(root) + "".join(tooltips))
    return scan
