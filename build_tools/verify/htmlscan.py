"""Read a built HTML page once (stdlib html.parser) for the post-build checks in verify.py:
its ids, every URL it refers to, its text, and the text a reader of its script sees."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..script.quotes import FOLD as QUOTE_FOLD

URL_ATTRS = {"href", "src", "srcset", "poster", "action", "formaction", "xlink:href", "data", "cite", "background"}
TEXT_ATTRS = ("title", "alt", "placeholder", "aria-label")
SKIP = {"script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SPACE = re.compile(r"\s+")


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


_QUOTES = str.maketrans(QUOTE_FOLD)


def normalise(text: str) -> str:
    """Whitespace collapsed; quotation marks in one form (zh-Hant 「」『』 = “”‘’), since
    which form a passage gets depends on the text converted with it (script/quotes.py)."""
    return SPACE.sub(" ", text).strip().translate(_QUOTES)


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()
        self.stack: list[tuple[str, bool, bool, bool]] = []  # tag, skipped, foreign-language, in article
        self.text: list[str] = []
        self.article: list[str] = []
        self.own: list[str] = []
        self._json = False  # inside a JSON <script>

    def _state(self) -> tuple[bool, bool, bool]:
        return self.stack[-1][1:] if self.stack else (False, False, False)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        skipped, foreign, in_article = self._state()
        if tag == "html":
            self.scan.lang = a.get("lang", "")
        elif ("lang" in a and a["lang"] != self.scan.lang) or "data-script-exempt" in a:
            foreign = True  # another script on purpose: the other variant's name, quoted raw text
        for key in ("id", "name") if tag == "a" else ("id",):
            if a.get(key):
                self.scan.ids.add(a[key])
        line = self.getpos()[0]
        for key, value in a.items():
            if key in URL_ATTRS and not (key == "data" and tag != "object"):
                urls = [u.strip().split()[0] for u in value.split(",") if u.strip()] if key == "srcset" else [value]
                for url in urls:
                    self.scan.refs.append(Ref(tag, key, url.strip(), line, a.get("rel", ""), a.get("hreflang", "")))
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh" and "url=" in a.get("content", "").lower():
            url = a["content"].split("=", 1)[1] if "=" in a["content"] else ""
            self.scan.refs.append(Ref(tag, "content", url.strip(" '\""), line))
        if not skipped and not foreign:
            self.own.extend(" " + a[k] + " " for k in TEXT_ATTRS if a.get(k))
        if tag in VOID:
            return
        if tag == "script" and a.get("type", "").lower() == "application/json" and not foreign:
            self.scan.json_blocks.append("")
            self._json = True
        self.stack.append((tag, skipped or tag in SKIP, foreign, in_article or tag == "article"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "script":
            self._json = False
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        skipped, foreign, in_article = self._state()
        if self._json:
            self.scan.json_blocks[-1] += data
        if skipped:
            return
        self.text.append(data)
        if in_article:
            self.article.append(data)
        if not foreign:
            self.own.append(data)


def scan_html(html: str) -> PageScan:
    parser = _Scanner()
    parser.feed(html)
    parser.close()
    scan = parser.scan
    scan.text = normalise("".join(parser.text))
    scan.article = normalise("".join(parser.article))
    scan.own_script = normalise("".join(parser.own))
    return scan
