"""The script check reads what a reader sees outside the page text too: the JSON in a page
(Material's UI strings), the JavaScript a page loads and the variant's JSON (the search index)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build_tools.diagnostics import Report
from build_tools.search import index as search_index
from build_tools.verify import shipped
from build_tools.verify.checks import Built, check_script
from conftest import CONVERTER

PAGE = "plans/2012-miit-standardization-key-work/index.html"


@pytest.fixture
def site_copy(built_site, tmp_path) -> Path:
    out = tmp_path / "site"
    shutil.copytree(built_site, out)
    return out


def errors(site: Path) -> list[str]:
    report = Report()
    check_script(None, CONVERTER, Built(site), report)
    return [d.format() for d in report.errors]


def test_the_built_site_shows_no_string_of_the_wrong_script(built_site):
    assert not errors(built_site)


def test_a_simplified_ui_string_in_the_page_config_is_caught(site_copy):
    """Material 9.8.1's own zh-Hant string `找到 1 个符合條件的結果` (个 is Simplified)."""
    page = site_copy / "zh-Hant" / PAGE
    html = page.read_text(encoding="utf-8")
    good = json.dumps("找到 1 個符合條件的結果")[1:-1]  # as Jinja's tojson writes it (\\uXXXX)
    assert good in html  # the fixed string, in the __config JSON
    page.write_text(html.replace(good, json.dumps("找到 1 个符合條件的結果")[1:-1]), encoding="utf-8")
    found = errors(site_copy)
    assert found and all(f.startswith(f"zh-Hant/{PAGE}:") and "'个'" in f for f in found), found


def test_a_string_literal_in_shipped_javascript_is_caught_but_not_a_comment(site_copy):
    worker = site_copy / "zh-Hant" / search_index.WORKER_PATH
    source = worker.read_text(encoding="utf-8")
    worker.write_text(source + '\n/* 简体 in a comment */ // 简体\nconst shown = "简体说明"\n', encoding="utf-8")
    found = errors(site_copy)
    line = source.count("\n") + 3  # the literal's line; the comments' 简体 above are not reported
    assert found and all(f.startswith(f"zh-Hant/{search_index.WORKER_PATH}:{line}:") for f in found), found
    assert any("'说'" in f for f in found)


def test_the_search_index_is_read_with_its_exempt_spans(site_copy):
    path = site_copy / "zh-Hant" / search_index.DATA_PATH
    data = json.loads(path.read_text(encoding="utf-8"))
    exempt = [row for row in data["docs"] if len(row) > 3]
    assert exempt, "the cleaning notes quote raw text: some rows must carry exempt spans"
    row = data["docs"][0]
    row[2] += "\n简体预览"  # a preview line in the wrong script
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    found = errors(site_copy)
    assert found and all(f.startswith(f"zh-Hant/{search_index.DATA_PATH}:") for f in found), found


def test_js_strings_skip_comments_and_find_every_quote_kind():
    source = 'a = "甲" // "乙"\n/* "丙" */ b = \'丁\' + `戊${x}`\nc = "ok"'
    assert list(shipped.js_strings(source)) == [(1, "甲"), (2, "丁"), (2, "戊${x}")]


def test_page_docs_mark_text_in_another_script_on_purpose():
    docs = search_index.page_docs("u/", "T", '<h1>标题</h1><p>正文<span data-script-exempt>國家</span>结束</p>'
                                              '<ul data-script-exempt><li>甲“動态”</li></ul><p>尾</p>')
    doc = docs[0]
    assert doc.text == "正文國家结束\n甲“動态”\n尾"
    spans = [doc.text[a:b].strip() for a, b in zip(doc.exempt[::2], doc.exempt[1::2])]
    assert spans == ["國家", "甲“動态”"]
    assert "國" not in doc.own_script_text() and "動" not in doc.own_script_text()
