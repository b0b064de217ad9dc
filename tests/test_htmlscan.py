"""verify/htmlscan.py: what a scan keeps of a page."""
from __future__ import annotations

import dataclasses

from build_tools.verify.htmlscan import scan_html

PAGE = """<!doctype html><html lang="zh-Hans"><head><title>标题</title>
<link rel="alternate" hreflang="zh-Hant" href="../zh-Hant/x/"></head>
<body><a id="top" name="n" href="#top" title="提示">链接</a><img alt="图" srcset="a.png 1x, b.png 2x">
<span lang="zh-Hant">別的字形</span>后文<script type="application/json">{"a": 1}</script>
<article><h2 id="h">正文</h2><!-- 注释 -->段落</article></body></html>"""


def strings(value):
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))
    elif isinstance(value, (list, set, tuple)):
        for v in value:
            yield from strings(v)


def test_scan_reads_ids_refs_and_text():
    scan = scan_html(PAGE)
    assert scan.lang == "zh-Hans" and scan.ids == {"top", "n", "h"}
    assert [(r.tag, r.attr, r.url) for r in scan.refs] == [
        ("link", "href", "../zh-Hant/x/"), ("a", "href", "#top"), ("img", "srcset", "a.png"), ("img", "srcset", "b.png")]
    assert scan.article == "正文段落"
    assert "别的字形" not in scan.own_script and "別的字形" not in scan.own_script and "后文" in scan.own_script
    assert "提示" in scan.own_script and "图" in scan.own_script and "注释" not in scan.text
    assert scan.json_blocks == ['{"a": 1}']


def test_scan_keeps_no_parsed_page():
    """Every string is a plain str: lxml's "smart" strings keep their whole parsed page alive, which
    held every page of a variant in memory (1 GB at 2,000 tasks)."""
    assert all(type(s) is str for s in strings(scan_html(PAGE)))
