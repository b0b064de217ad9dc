"""Material's stylesheets, trimmed to what this site can use (issue 14, weight per page view).

Material ships the CSS of every component and of every named palette in one file that every page
loads (main.css 138 KB raw, 23 KB gzipped). This site enables few of them: a rule is dropped when
each of its selectors names a component of UNUSED_COMPONENTS that no built page of the variant
uses (content with an admonition or a code block keeps their CSS), or a named palette colour
when the palette is `custom`; and the icon variables of those components go too (data: URLs, 11 KB). Anything this
code does not recognise is kept, so an upgrade of Material can only make the trim smaller.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path

import tinycss2

from ..cache import Store, key_of

# Markdown extensions and theme features mkdocs.yml does not turn on (block names, BEM-style).
UNUSED_COMPONENTS = ("admonition", "tabbed", "highlight", "mermaid", "md-annotation", "md-tag", "md-version",
                     "md-social", "md-banner", "md-announce", "grid", "footnote", "task-list", "md-clipboard",
                     "md-source", "md-status", "arithmatex", "critic", "keys", "emoji", "twemoji", "md-tooltip",
                     "md-tabs", "md-feedback", "md-progress", "md-consent", "md-tags")
# …and one drawn on elements (pymdownx.details), used when a page has a <details>
_ELEMENTS = re.compile(r"(?<![\w.#:-])(?:details|summary)\b")
# icon variables (data: URLs, 11 KB) → the component that draws them
_ICONS = {"admonition": "admonition", "details": "details", "tabbed": "tabbed", "footnotes": "footnote", "tasklist": "task-list", "clipboard": "md-clipboard",
          "tag": "md-tag", "status": "md-status", "version": "md-version", "source": "md-source"}
_ICON_VARIABLE = re.compile(r"--md-([a-z]+)-icon[\w-]*")
_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_PALETTE = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")
_CLASS_ATTR = re.compile(r'class="([^"]*)"')
_COLOUR_ATTR = re.compile(r'data-md-color-(?:primary|accent)="([\w-]+)"')


class Markup:
    """What the built pages use, gathered page by page as they are written (on_post_page)."""

    def __init__(self):
        self.classes: set[str] = set()
        self.colours: set[str] = set()
        self.details = False

    def add(self, html: str) -> None:
        self.classes.update(name for attr in _CLASS_ATTR.findall(html) for name in attr.split())
        self.colours.update(_COLOUR_ATTR.findall(html))
        self.details = self.details or "<details" in html

    def merge(self, other: "Markup") -> None:
        self.classes |= other.classes
        self.colours |= other.colours
        self.details = self.details or other.details


@dataclass(frozen=True)
class Trim:
    """What goes from Material's sheets: the components no page uses, the palette colours but these."""

    unused: tuple[str, ...]
    colours: frozenset[str]

    @cached_property  # asked by every page as it is written (reading Material's version: 0.2 ms)
    def version(self) -> str:
        """Added to the sheets' addresses (?v=…): the trimmed files keep Material's hashed names, so a
        host that caches those forever would otherwise serve an old trim once pages use more."""
        key = repr((self.unused, sorted(self.colours), metadata.version("mkdocs-material")))
        return hashlib.sha256(key.encode()).hexdigest()[:10]


def decide(markup: Markup, colours: set[str] | None = None) -> Trim:
    """`colours`: the palette's, when known before the pages are written (from mkdocs.yml)."""
    unused = tuple(c for c in UNUSED_COMPONENTS if not any(_names(n, c) for n in markup.classes))
    unused += () if markup.details else ("details",)
    return Trim(unused, frozenset(markup.colours if colours is None else colours))


_SHEET_LINK = re.compile(r'(href="[^"]*assets/stylesheets/(?:main|palette)\.[0-9a-f]+\.min\.css)"')


def versioned(html: str, trim: Trim) -> str:
    """A page's links to Material's sheets, with the trim's version."""
    return _SHEET_LINK.sub(rf'\1?v={trim.version}"', html)


def trim_theme_css(site_dir: Path, trim: Trim, store: Store | None = None) -> None:
    """Trim Material's main and palette stylesheets of `site_dir` (one built variant) in place.
    `store`: a build's store, which keeps each trimmed sheet by its source and the trim (0.2 s a variant)."""
    for sheet in (site_dir / "assets" / "stylesheets").glob("*.min.css"):
        text = sheet.read_text(encoding="utf-8")
        make = lambda text=text: tinycss2.serialize(_trim(tinycss2.parse_stylesheet(text), trim.unused,  # noqa: E731
                                                          trim.colours))
        key = key_of("trimmed sheet", text, trim.unused, sorted(trim.colours))
        sheet.write_text(store.memo(key, make) if store is not None else make(), encoding="utf-8")


def _dead_icon(declaration, unused: tuple[str, ...]) -> bool:
    match = declaration.type == "declaration" and _ICON_VARIABLE.fullmatch(declaration.name)
    return bool(match) and _ICONS.get(match.group(1)) in unused


def _names(class_name: str, component: str) -> bool:
    return class_name == component or class_name.startswith((component + "_", component + "-"))


def _dead(selector: str, unused: tuple[str, ...], colours: set[str]) -> bool:
    if any(c not in colours for c in _PALETTE.findall(selector)):
        return True
    if "details" in unused and _ELEMENTS.search(selector):
        return True
    return any(_names(n, c) for n in _CLASS.findall(selector) for c in unused)


def _trim(rules: list, unused: tuple[str, ...], colours: set[str]) -> list:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            if all(_dead(s, unused, colours) for s in selectors):
                continue
            rule.content = _without_icon_variables(rule.content, unused)
            if not any(t.type not in ("whitespace", "literal") for t in rule.content):
                continue
        elif rule.type == "at-rule" and rule.content is not None and rule.at_keyword in ("media", "supports"):
            inner = _trim(tinycss2.parse_rule_list(rule.content), unused, colours)
            if not any(r.type != "whitespace" for r in inner):
                continue
            rule.content = inner
        kept.append(rule)
    return kept


def _without_icon_variables(content: list, unused: tuple[str, ...]) -> list:
    """The declarations of a rule block, less the icons of unused components."""
    declarations = tinycss2.parse_blocks_contents(content)
    if not any(_dead_icon(d, unused) for d in declarations):
        return content
    text = "".join(f"{d.name}:{tinycss2.serialize(d.value)}{'!important' if d.important else ''};"
                   for d in declarations if d.type == "declaration" and not _dead_icon(d, unused))
    return tinycss2.parse_component_value_list(text)
