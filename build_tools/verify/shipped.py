"""Strings a reader sees that are not page text: JSON in a page (Material's __config with its UI
strings), the JavaScript files a page loads (its <script src> and the search worker named in
__config) and the JSON files of a variant (the search index, whose titles, previews and notices
are shown in the result list). Read for the script check (`checks.check_script`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..search import index as search_index

HIDDEN_KEYS: set[str] = set()  # JSON keys never shown (the search index says its own: shown_strings)
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_JS_TOKEN = re.compile(r"""//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`""", re.S)


@dataclass(frozen=True)
class Shown:
    file: str  # site-relative path of the file (or page) holding the string
    line: int
    text: str


def json_strings(value, hidden=HIDDEN_KEYS):
    """Every string value of a JSON document (keys are identifiers, not shown), `hidden` keys skipped."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item, hidden)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in hidden:
                yield from json_strings(item, hidden)


def js_strings(source: str):
    """(line, literal) for each string literal of a JavaScript source with Han in it; comments are
    not shown to readers and are skipped."""
    for m in _JS_TOKEN.finditer(source):
        token = m.group(0)
        if token[0] in "\"'`" and HAN.search(token):
            yield source.count("\n", 0, m.start()) + 1, token[1:-1]


def page_json(rel: str, blocks: list[str]):
    for block in blocks:
        try:
            data = json.loads(block)
        except ValueError:
            continue  # not ours to judge: the links check and the browser tests see broken pages
        for text in json_strings(data):
            if HAN.search(text):
                yield Shown(rel, 1, text)


def file_strings(root, rel: str):
    """The shown strings of a shipped .js or .json file."""
    source = (root / rel).read_text(encoding="utf-8", errors="replace")
    if rel.endswith(".json"):
        try:
            data = json.loads(source)
        except ValueError:
            return
        shown = search_index.shown_strings(data) if rel.endswith((search_index.INDEX_PATH, search_index.DATA_PATH)) else json_strings(data)
        for text in shown:
            if isinstance(text, str) and HAN.search(text):
                yield Shown(rel, 1, text)
    else:
        for line, text in js_strings(source):
            yield Shown(rel, line, text)
