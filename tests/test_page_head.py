"""What Lighthouse's SEO and Best Practices audits read in every page's <head> (issue 14), checked
fast on the built site, page by page: a meta description in the page's own script, an icon (else
the browser asks for /favicon.ico, a failed request), no robots `noindex`, and Material's
stylesheet trimmed without losing a rule that a page uses. `make lighthouse` runs Lighthouse itself."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.adapter.trim import UNUSED_COMPONENTS, Markup, decide, trim_theme_css, versioned
from conftest import CONVERTER

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')


def pages(site: Path) -> list[Path]:
    return sorted(site.glob("*.html")) + sorted(p for v in ("zh-Hans", "zh-Hant") for p in (site / v).rglob("*.html"))


def test_every_page_has_a_description_an_icon_and_may_be_indexed(built_site):
    checked = 0
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        head = html[:html.index("</head>")]
        where = page.relative_to(built_site)
        found = DESCRIPTION.findall(head)
        assert len(found) == 1 and found[0].strip(), f"{where}: no (or more than one) meta description"
        if where.parts[0] == "zh-Hant":
            assert CONVERTER.to_hant(found[0]) == found[0], f"{where}: description not in Traditional: {found[0]}"
        assert re.search(r'<link rel="(shortcut )?icon"', head), f"{where}: no icon: the browser fetches /favicon.ico"
        assert "noindex" not in head, f"{where}: robots noindex"
        checked += 1
    assert checked > 100


def test_material_css_is_trimmed_but_keeps_what_pages_use(built_site):
    main = "".join(p.read_text(encoding="utf-8")  # Material's main and palette sheets
                   for p in sorted((built_site / "zh-Hans" / "assets" / "stylesheets").glob("*.min.css")))
    for component in ("admonition", "tabbed", "md-annotation", "md-tag"):  # this site uses none of them
        assert f".{component}" not in main
    assert "--md-admonition-icon--note" not in main and "[data-md-color-primary=indigo]" not in main
    for used in (".md-header", ".md-nav__link", ".md-search__input", ".md-typeset table", ".md-typeset__table",
                 "[data-md-color-scheme=slate]"):
        assert used in main, f"{used} was trimmed away"


@pytest.mark.parametrize("component", ["admonition", "md-tag"])
def test_a_page_that_uses_a_component_keeps_its_css(tmp_path, component):
    assert component in UNUSED_COMPONENTS
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    css = (f":root{{--md-admonition-icon--note:url(x.svg);--md-default-fg-color:red}}"
           f".md-typeset .{component}{{color:red}}.md-header{{color:blue}}"
           f"@media screen{{.{component}__title{{margin:0}}}}[data-md-color-primary=pink]{{--x:1}}")
    (sheets / "main.x.min.css").write_text(css, encoding="utf-8")
    markup = Markup()
    markup.add('<body data-md-color-primary="custom"><p class="md-header"></p>')
    trim_theme_css(tmp_path, decide(markup))
    trimmed = (sheets / "main.x.min.css").read_text(encoding="utf-8")
    assert f".{component}" not in trimmed and "pink" not in trimmed and "@media" not in trimmed
    assert ".md-header{color:blue}" in trimmed and "--md-default-fg-color:red" in trimmed
    markup.add(f'<div class="{component} note"></div>')  # one page uses it
    (sheets / "main.x.min.css").write_text(css, encoding="utf-8")
    trim_theme_css(tmp_path, decide(markup))
    kept = (sheets / "main.x.min.css").read_text(encoding="utf-8")
    assert f".md-typeset .{component}{{color:red}}" in kept and f".{component}__title" in kept
    assert ("--md-admonition-icon--note" in kept) == (component == "admonition")


def test_pages_link_the_trimmed_sheets_by_the_version_of_the_trim(built_site):
    """The trimmed sheets keep Material's hashed names: every page names them with ?v=<the trim>,
    so a host that caches hashed files forever never serves a trim older than the page."""
    for variant in ("zh-Hans", "zh-Hant"):
        found = set()
        for page in (built_site / variant).rglob("*.html"):
            found |= set(re.findall(r'assets/stylesheets/((?:main|palette)\.[0-9a-f]+\.min\.css(?:\?v=\w+)?)"',
                                    page.read_text(encoding="utf-8")))
        assert found and all("?v=" in link for link in found), found
        assert len({link.split("?v=")[1] for link in found}) == 1, found  # one trim per variant


def test_another_trim_is_another_version():
    a, b = Markup(), Markup()
    a.add('<p class="md-header"></p>')
    b.add('<p class="md-header"></p><div class="admonition"></div>')
    page = '<link rel="stylesheet" href="../../assets/stylesheets/main.57a0d79d.min.css">'
    assert decide(a).version != decide(b).version
    assert versioned(page, decide(a)) == page.replace('.min.css"', f'.min.css?v={decide(a).version}"')
