"""Turning canonical text into safe HTML: escaping, attribution marking, agency links."""
from __future__ import annotations

import re
from html import escape

from markupsafe import Markup

from ..chars import INVISIBLE, visible
from ..read.attribution import find_attributions

# Conversion markers (-{…}-, CONVERSION.md) are resolved by convert() over the whole rendered
# page, so they must reach it intact; every other brace is escaped (no template, no attr_list).
MARKER = re.compile(r"-\{.*?\}-", re.S)


PAIR_START = re.compile(r"\s*zh-Han[st]\s*:")


def _by_markers(text: str, outside, inside) -> str:
    """Apply `outside` to the text between markers and `inside` to marker contents. A plain
    marker (text kept as written, in whatever script) is wrapped in data-script-exempt, so the
    post-build script check skips it as convert.script_violations skips it in sources."""
    out, pos = [], 0
    for match in MARKER.finditer(text):
        out.append(outside(text[pos:match.start()]))
        marker = "-{" + inside(match[0][2:-2]) + "}-"
        out.append(marker if PAIR_START.match(match[0][2:]) else f"<span data-script-exempt>{marker}</span>")
        pos = match.end()
    out.append(outside(text[pos:]))
    return "".join(out)


def html_text(text: str) -> Markup:
    """Escape for HTML, and make invisible controls visible (never dropped, never active)."""
    escaped = _by_markers(escape(text, quote=True),
                          lambda t: t.replace("{", "&#123;").replace("}", "&#125;"), lambda t: t)
    return Markup(INVISIBLE.sub(lambda m: f'<span class="ctl" title="U+{ord(m[0]):04X}">'
                                          f"[U+{ord(m[0]):04X}]</span>", escaped))


def html_title(text: str) -> str:
    """A page title for MkDocs, which prints titles as HTML (nav, header, <title>): escaped,
    controls made visible, conversion markers left for convert()."""
    return escape(visible(text), quote=False)


def md_heading_text(text: str) -> Markup:
    """Text safe inside a Markdown heading line: HTML-escaped, Markdown punctuation backslashed
    (inside a conversion marker too, but for the marker's own '-', ':' and ';'). Markup, so that
    the template's autoescape does not escape it twice."""
    text = escape(visible(text), quote=False)
    return Markup(_by_markers(text, lambda t: MD_SPECIAL.sub(r"\\\1", t),
                              lambda t: MD_SPECIAL_IN_MARKER.sub(r"\\\1", t)))


# Python-Markdown's backslash escapes (markdown.Markdown.ESCAPED_CHARS, less '<' and '>' which
# escape() has already turned into entities). Other characters must not be backslashed: the
# backslash would be shown (\|).
MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
MD_SPECIAL_IN_MARKER = re.compile(r"([\\`*_{}\[\]()#+.!])")


def split_attributions(paragraph: str) -> list[tuple[str, bool]]:
    """The paragraph in pieces, (text, is an attribution), in order; one piece when it has none."""
    out, pos = [], 0
    for reading in find_attributions(paragraph)[0]:
        if reading.placed:
            out += [(paragraph[pos: reading.start], False), (reading.text, True)]
            pos = reading.end
    return out + [(paragraph[pos:], False)]


def names_pattern(names) -> re.Pattern | None:
    """One regex matching any of `names`, longest first (compile once, reuse for every paragraph)."""
    names = sorted(set(names), key=lambda n: (-len(n), n))
    return re.compile("|".join(re.escape(n) for n in names)) if names else None


def link_names(text: str, pattern: re.Pattern | None, href_of) -> Markup:
    """Escape `text`, linking each name `pattern` matches to `href_of(name)`."""
    if pattern is None:
        return html_text(text)
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(html_text(text[pos: match.start()]))
        out.append(Markup('<a class="agency-link" href="{}">{}</a>').format(href_of(match[0]), html_text(match[0])))
        pos = match.end()
    out.append(html_text(text[pos:]))
    return Markup("").join(out)
