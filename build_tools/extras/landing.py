"""site/index.html: the script chooser at the root (both variants are equal; none is 'the' site)."""
from __future__ import annotations

from html import escape

from ..model import Site
from ..variants import LANG_NAMES


def landing_html(site: Site) -> str:
    count = len(site.plans)
    links = "\n".join(f'<a href="{v}/" hreflang="{v}" lang="{v}">{name}</a>' for v, name in LANG_NAMES.items())
    return f"""<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>标准化政策参考 · 標準化政策參考</title>
<link rel="alternate" hreflang="zh-Hans" href="zh-Hans/">
<link rel="alternate" hreflang="zh-Hant" href="zh-Hant/">
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.8}}
a{{display:block;font-size:1.3rem;margin:.6rem 0}}</style>
<script>
// Go straight to the reader's script; the links below work without JavaScript.
(function () {{
  var langs = navigator.languages || [navigator.language || ""];
  var hant = /^zh-(hant|tw|hk|mo)/i.test(langs[0] || "");
  location.replace(hant ? "zh-Hant/" : "zh-Hans/");
}})();
</script>
</head>
<body>
<h1>标准化政策参考</h1>
<p>{escape(str(count))} 份国家标准化政策文件的原文、任务与部门分工。</p>
{links}
<p><a href="data/reference.json">data/reference.json</a><a href="data/assignments.csv">data/assignments.csv</a></p>
</body>
</html>
"""
