"""The search dictionary: jieba user words from the agency registry and content/search/terms.txt.

Every agency name (`name`, `full_name`, `names`) and every line of `content/search/terms.txt`
becomes a jieba user word, in canonical Simplified *and* in its zh-Hant form (made by the
site's own converter), so that 市场监管总局 / 市場監管總局, 碳足迹 / 碳足跡, 团体标准 / 團體標準
and 强制性国家标准 / 強制性國家標準 are whole words whichever script a text is in.
The frequency of each word is jieba's own `suggest_freq` (the least that keeps it whole).

No MkDocs here; `search_index` uses this to segment the index vocabulary.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .convert import convert
from .model import Site

TERMS_FILE = Path("content") / "search" / "terms.txt"


@dataclass(frozen=True)
class Word:
    text: str  # Simplified, as in the registry or terms.txt
    source: str  # "content/agencies.yml:<id>" or "content/search/terms.txt:<line>"


def read_terms(root: Path) -> list[Word]:
    """The curated terms: one per line, '#' starts a comment, blank lines ignored."""
    path = root / TERMS_FILE
    if not path.exists():
        return []
    words = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        term = line.split("#", 1)[0].strip()
        if term:
            words.append(Word(term, f"{TERMS_FILE.as_posix()}:{number}"))
    return words


def dictionary_words(site: Site, root: Path) -> list[Word]:
    """Agency names and curated terms, Simplified, de-duplicated (first source wins)."""
    words: dict[str, Word] = {}
    for agency in site.agencies.values():
        for name in (agency.name, agency.full_name, *agency.names):
            if name and len(name) > 1:
                words.setdefault(name, Word(name, f"content/agencies.yml:{agency.id}"))
    for word in read_terms(root):
        words.setdefault(word.text, word)
    return list(words.values())


def both_scripts(words: list[Word]) -> list[str]:
    """Each word in zh-Hans and zh-Hant, in a stable order, without duplicates."""
    out: dict[str, None] = {}
    for word in words:
        out.setdefault(word.text)
        out.setdefault(convert(word.text, "zh-Hant"))
    return list(out)


_loaded: dict[str, int] = {}


def load_into_jieba(words: list[Word]) -> str:
    """Add the words, in both scripts, to jieba's default tokenizer; return the user dictionary.

    A Simplified word gets jieba's `suggest_freq` (the least frequency that keeps it whole
    against jieba's own dictionary); its zh-Hant form gets the same frequency, since
    jieba's dictionary, being Simplified, would otherwise rate it by unknown characters.
    Idempotent. The returned text ("word freq" per line) is jieba's user-dictionary
    format, written into the built site as search/jieba_userdict.txt.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    for word in words:
        if word.text in _loaded:
            continue
        freq = jieba.suggest_freq(word.text, tune=False)
        for form in dict.fromkeys((word.text, convert(word.text, "zh-Hant"))):
            jieba.add_word(form, freq=freq)
            _loaded[form] = freq
    lines = {}
    for word in words:
        for form in (word.text, convert(word.text, "zh-Hant")):
            lines.setdefault(form, _loaded[form])
    return "".join(f"{w} {f}\n" for w, f in lines.items())
