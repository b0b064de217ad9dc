"""Every text a reader can see, in canonical Simplified, without rendering a page: the strings of
the model (plan texts, titles, attributions, agency names), and the words of the render
stage's code and templates (labels, captions). The character fold (index.fold_table) is learnt from them in both scripts.

Learning it from the rendered pages of both variants held both variants' pages in one process
(1.1 GB at 10,000 tasks, before MkDocs started) and aligned each text once per page it appears on.
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from pathlib import Path

from ..model import Site

NON_ASCII = re.compile(r"[^\x00-\x7f]+")
RENDER = Path(__file__).resolve().parents[1] / "render"


def _strings(value, out: set[str]) -> None:
    if isinstance(value, str):
        out.add(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            _strings(getattr(value, f.name), out)
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out)
            _strings(v, out)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            _strings(v, out)


def site_texts(site: Site) -> list[str]:
    """Sorted, each once; only strings with a character outside ASCII (ids and URLs say nothing)."""
    found: set[str] = set()
    _strings([site.plans, site.agencies, site.search_terms], found)
    found.update(_render_words())
    return sorted(t for t in found if not t.isascii())


@lru_cache(maxsize=1)
def _render_words() -> frozenset[str]:
    """Labels, templates, chart captions: their words, not their code (read once per process:
    the live preview asks at every rebuild)."""
    return frozenset(word for source in RENDER.rglob("*") if source.suffix in (".py", ".j2")
                     for word in NON_ASCII.findall(source.read_text(encoding="utf-8")))
