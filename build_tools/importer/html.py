"""HTML pages and fragments → lines, with the stdlib parser; every tag and entity is accounted.

Block tags (`<p>`, `<div>`, `<br>`, `<li>`, `<tr>`, …) end a line; inline tags (`<span>`,
`<a>`, `<font>`, …) are removed so that a word they split comes back whole; entities are
decoded; `<script>`, `<style>` and `<title>` content is removed. When the input has no
block tags at all (a text file with a few inline tags or `&nbsp;`), its own line breaks
still end lines.
"""
from __future__ import annotations

import re
from html.entities import html5, name2codepoint
from html.parser import HTMLParser

from .decode import _drop_controls
from .tracked import Ledger, Line

BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
         "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3",
         "h4", "h5", "h6", "head", "header", "hr", "html", "li", "main", "nav", "ol", "option", "p", "pre",
         "section", "select", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
HIDDEN = {"script", "style", "title", "noscript", "template", "iframe", "object", "svg"}
TAG_HINT = re.compile(r"</?\s*(?:p|div|br|span|a|html|body|head|table|tr|td|li|ul|ol|h[1-6]|strong|b|font|"
                      r"section|article|meta|title|img|center|em|i|u|script|style|nav|header|footer)\b[^<>]*>"
                      r"|&(?:nbsp|amp|lt|gt|quot|apos|ensp|emsp|#\d{2,6}|#x[0-9a-fA-F]{2,5});", re.I)
BLOCK_HINT = re.compile(r"<\s*/?\s*(?:p|div|br|li|tr|td|h[1-6]|table|section|article|body|html)\b[^<>]*>", re.I)
HTML_SPACE = " \t\n\r\f"


def looks_like_html(text: str) -> bool:
    return TAG_HINT.search(text) is not None


class _Events(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.events: list[tuple[str, str, int]] = []
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def _at(self) -> int:
        line, col = self.getpos()
        return self.starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, self._at()))

    def handle_startendtag(self, tag, attrs):
        self.events.append(("start", tag, self._at()))

    def handle_endtag(self, tag):
        self.events.append(("end", tag, self._at()))

    def handle_data(self, data):
        self.events.append(("data", data, self._at()))

    def handle_entityref(self, name):
        self.events.append(("entity", name, self._at()))

    def handle_charref(self, name):
        self.events.append(("charref", name, self._at()))

    def handle_comment(self, data):
        self.events.append(("other", "comment", self._at()))

    def handle_decl(self, decl):
        self.events.append(("other", "declaration", self._at()))

    def unknown_decl(self, data):
        self.events.append(("other", "declaration", self._at()))

    def handle_pi(self, data):
        self.events.append(("other", "processing instruction", self._at()))


def html_lines(ledger: Ledger) -> list[Line]:
    """Lines of an HTML input. Tags, hidden content and collapsed whitespace go to the ledger."""
    text = ledger.source
    parser = _Events(text)
    parser.feed(text)
    parser.close()
    events = parser.events
    blocks = BLOCK_HINT.search(text) is not None
    lines: list[Line] = []
    chars: list[str] = []
    src: list[int] = []
    hidden: list[str] = []  # stack of open hidden tags

    def flush(end: int | None = None) -> None:
        lines.append(Line("".join(chars), list(src), end))
        chars.clear()
        src.clear()

    bounds = [e[2] for e in events] + [len(text)]
    if bounds[0] != 0:  # text before the first event (never seen, but account for it)
        ledger.drop(range(0, bounds[0]), "other-layout", "unparsed text before the HTML")
    for index, (kind, value, start) in enumerate(events):
        stop = bounds[index + 1]
        if stop < start:
            stop = start
        span = range(start, stop)
        if kind in ("start", "end"):
            tag = value.lower()
            if tag in HIDDEN:
                if kind == "start" and not text[start:stop].rstrip().endswith("/>"):
                    hidden.append(tag)
                elif kind == "end" and tag in hidden:
                    while hidden and hidden.pop() != tag:
                        pass
            ledger.drop(span, "html-markup", f"HTML tag <{'/' if kind == 'end' else ''}{tag}>")
            if tag in BLOCK and chars:
                flush()
            continue
        if kind == "other":
            ledger.drop(span, "html-markup", f"HTML {value}")
            continue
        if hidden:
            what = "page title" if hidden[-1] == "title" else f"<{hidden[-1]}> content"
            ledger.drop(span, "html-title" if hidden[-1] == "title" else "html-hidden", f"HTML {what}, not document text")
            continue
        if kind in ("entity", "charref"):
            decoded = _entity(kind, value, text[start:stop])
            if decoded is None:
                kind, value = "data", text[start:stop]
            else:
                chars.append(decoded)
                src.append(start)
                ledger.changed(start, "html-markup", f"HTML entity {text[start:stop]}")
                ledger.drop(range(start + 1, stop), "other-layout", f"rest of HTML entity {text[start:stop]}")
                continue
        # data: the raw text is exactly text[start:stop] (entities come as their own events)
        for offset in span:
            ch = text[offset]
            if not blocks and ch in "\n\r":
                if ch == "\r" and offset + 1 < len(text) and text[offset + 1] == "\n":
                    ledger.drop([offset], "crlf", "CR of a CRLF line ending")
                    continue
                if ch == "\r":
                    ledger.changed(offset, "lone-cr", "lone CR line ending read as a line break")
                flush(offset)
                continue
            chars.append(ch)
            src.append(offset)
    if chars:
        flush()
    return [_drop_controls(_collapse(line, ledger), ledger) for line in lines]


def _entity(kind: str, value: str, raw: str) -> str | None:
    try:
        if kind == "charref":
            code = int(value[1:], 16) if value[:1] in "xX" else int(value)
            return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code <= 0xDFFF else None
        if value in name2codepoint:
            return chr(name2codepoint[value])
        full = html5.get(value + ";")
        return full if full and len(full) == 1 else None
    except (ValueError, OverflowError):
        return None


def _collapse(line: Line, ledger: Ledger) -> Line:
    """HTML whitespace: a run inside Latin text becomes one space; elsewhere it goes."""
    text = line.text
    if not any(c in HTML_SPACE for c in text):
        return line
    out_text, out_src = [], []
    i, n = 0, len(text)
    while i < n:
        if text[i] not in HTML_SPACE:
            out_text.append(text[i])
            out_src.append(line.src[i])
            i += 1
            continue
        j = i
        while j < n and text[j] in HTML_SPACE:
            j += 1
        before = text[i - 1] if i else ""
        after = text[j] if j < n else ""
        if before and after and _latinish(before) and _latinish(after):
            out_text.append(" ")
            out_src.append(line.src[i])
            if text[i] != " ":
                ledger.changed(line.src[i], "html-markup", "HTML whitespace read as one space")
            ledger.drop(line.src[i + 1:j], "html-markup", "HTML whitespace (collapsed)")
        else:
            ledger.drop(line.src[i:j], "html-markup", "HTML whitespace (not shown by a browser here)")
        i = j
    return Line("".join(out_text), out_src, line.end)


def _latinish(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()
