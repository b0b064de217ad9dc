"""site/index.html: the script chooser at the root (both variants are equal; none is 'the' site)."""
from __future__ import annotations

from html import escape

from ..model import Site
from ..variants import CANONICAL, LANG_NAMES


def landing_html(site: Site) -> str:
    count = escape(str(len(site.plans)))
    links = "\n".join(f'<a href="{v}/" hreflang="{v}" lang="{v}">{name}</a>' for v, name in LANG_NAMES.items())
    return f"""<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>标准化政策参考 · 標準化政策參考</title>
<meta name="description" content="{count} 份国家标准化政策文件的原文、任务与部门分工 · {count} 份國家標準化政策文件的原文、任務與部門分工">
<link rel="icon" href="{CANONICAL}/assets/favicon.svg">
<link rel="alternate" hreflang="zh-Hans" href="zh-Hans/">
<link rel="alternate" hreflang="zh-Hant" href="zh-Hant/">
<link rel="alternate" hreflang="x-default" href="./">
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.8}}
a{{display:block;font-size:1.3rem;margin:.6rem 0}}</style>
<script>
// Go straight to the reader's script: the one chosen before (assets/javascripts/variant.js
// remembers it), else the browser's language. The links below work without JavaScript.
// The hreflang links become absolute (search engines want them so; the site URL is not known
// at build time, the address it is served at is).
document.querySelectorAll("link[hreflang]").forEach(function (l) {{ l.setAttribute("href", l.href); }});
(function () {{
  var chosen = null;
  try {{ chosen = localStorage.getItem("policyref.variant"); }} catch (e) {{}}
  if (chosen !== "zh-Hans" && chosen !== "zh-Hant") {{
    var langs = navigator.languages || [navigator.language || ""];
    chosen = /^zh-(hant|tw|hk|mo)/i.test(langs[0] || "") ? "zh-Hant" : "zh-Hans";
  }}
  location.replace(chosen + "/" + location.hash);
}})();
</script>
</head>
<body>
<h1>标准化政策参考</h1>
<p>{count} 份国家标准化政策文件的原文、任务与部门分工。</p>
{links}
<p><a href="data/reference.json">data/reference.json</a><a href="data/assignments.csv">data/assignments.csv</a></p>
</body>
</html>
"""


def root_not_found_html() -> str:
    """site/404.html for hosts that serve one 404 page for the whole site: both scripts, and
    links found from the address (the site may sit under any sub-path)."""
    links = "\n".join(f'<li><a data-variant="{v}" href="/{v}/" hreflang="{v}" lang="{v}">{name}</a></li>'
                      for v, name in LANG_NAMES.items())
    return f"""<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="找不到这个页面 · 找不到這個頁面">
<link rel="icon" href="/{CANONICAL}/assets/favicon.svg">
<title>找不到页面 · 找不到頁面</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.8;color:#1a1a1a;background:#fff}}
a{{color:#b71c1c;font-size:1.2rem}}@media (prefers-color-scheme:dark){{body{{color:#e8e8e8;background:#1e2129}}a{{color:#ff8a80}}}}</style>
</head>
<body>
<main>
<h1><span lang="zh-Hans">找不到这个页面</span> · <span lang="zh-Hant">找不到這個頁面</span></h1>
<ul>
{links}
</ul>
</main>
<script>
// the site's root is the part of the address before the first variant folder, else this folder
(function () {{
  var path = location.pathname, m = path.match(/^(.*?\\/)zh-Han[st]\\//);
  var root = m ? m[1] : path.slice(0, path.lastIndexOf("/") + 1);
  document.querySelectorAll("a[data-variant]").forEach(function (a) {{ a.href = root + a.dataset.variant + "/"; }});
  document.querySelector("link[rel=icon]").href = root + "{CANONICAL}/assets/favicon.svg";
}})();
</script>
</body>
</html>
"""
