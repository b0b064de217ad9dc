"""Query groups for tests/search_measure.py, generated from the content (never hand-picked results).

Each group is made by a rule over the registry, the search dictionary and the corpus, and the
members are chosen by a hash of their text (not by how well they do), so the same rule applied
to other content gives other, unseen queries:

* alias    — an agency by a Chinese name other than its short name (full name, names, aliases);
             relevant: its page, every task it carries in any role, and pages printing its names;
* english  — an agency by its English name or a Latin abbreviation; relevant as for alias;
* pinyin   — a dictionary word or agency name typed as pinyin, in full or as initials;
             relevant: the pages holding the word (for an agency name, as for alias);
* typo     — a dictionary word with one character replaced by a homophone (what a pinyin IME
             slip gives) that occurs nowhere; expected: the word offered as the suggestion;
* variant  — a term with one character replaced by a variant form (囯 for 国) that the corpus
             does not use, from the Ministry of Education's variant table; relevant: the term's pages;
* nomatch  — characters the corpus never uses; expected: no results, and a suggestion.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Query:
    text: str  # as typed, canonical Simplified (or Latin)
    kind: str
    agency: str = ""  # relevant = this agency's page and tasks
    term: str = ""  # relevant = pages holding this term (default: the text itself)
    expect: str = ""  # typo: the suggestion expected (Simplified)
    latin: bool = False  # typed the same in both scripts
    extra: tuple = field(default_factory=tuple)


def _by_hash(items, n: int):
    return sorted(items, key=lambda x: hashlib.sha1(repr(x).encode()).hexdigest())[:n]


def _carrying(site) -> set[str]:
    return {a.agency_id for a in site.assignments}


def alias_queries(site, n: int = 10) -> list[Query]:
    pool = []
    for agency in site.agencies.values():
        if agency.id not in _carrying(site):
            continue
        names = [x for x in dict.fromkeys([agency.full_name, *agency.names, *agency.aliases])
                 if x != agency.name and x.isascii() is False]
        pool += [(name, agency.id) for name in names]
    return [Query(name, "alias", agency=aid) for name, aid in _by_hash(pool, n)]


def english_queries(site, n: int = 8) -> list[Query]:
    pool = []
    for agency in site.agencies.values():
        if agency.id in _carrying(site) and not agency.is_collective:
            pool += [(x, agency.id) for x in [agency.name_en, *agency.aliases] if x.isascii()]
    return [Query(text, "english", agency=aid, latin=True) for text, aid in _by_hash(pool, n)]


def pinyin_queries(site, words: list[str], corpus: str, n: int = 10) -> list[Query]:
    from build_tools.search.names import pinyin

    agency_of = {name: a.id for a in site.agencies.values() if a.id in _carrying(site)
                 for name in (a.name, a.full_name, *a.names)}
    pool = []
    for word in dict.fromkeys(words):
        if len(word) < 3 or word not in corpus:
            continue
        full, initials = pinyin(word)
        pool.append((full, word))
        if len(initials) >= 3:
            pool.append((initials, word))
    return [Query(text, "pinyin", agency=agency_of.get(word, ""), term=word, latin=True)
            for text, word in _by_hash(pool, n)]


def typo_queries(words: list[str], corpus: str, fold: dict[str, str], n: int = 12) -> list[Query]:
    """`fold`: the index's character fold (a substitute that folds to the same character is no typo)."""
    from build_tools.search.names import pinyin

    table = str.maketrans(fold)
    folded = corpus.translate(table)
    by_sound: dict[str, list[str]] = {}
    for ch in sorted(set(corpus)):
        full = pinyin(ch)[0]
        if full:
            by_sound.setdefault(full, []).append(ch)
    pool = []
    for word in dict.fromkeys(words):
        if len(word) < 3 or word not in corpus:
            continue
        for i in _by_hash(range(len(word)), len(word)):
            sound = pinyin(word[i])[0]
            subs = [c for c in by_sound.get(sound, []) if fold.get(c, c) != fold.get(word[i], word[i])]
            typos = [word[:i] + c + word[i + 1:] for c in _by_hash(subs, len(subs))]
            typos = [t for t in typos if t.translate(table) not in folded]
            if typos:
                pool.append((typos[0], word))
                break
    return [Query(typo, "typo", expect=word) for typo, word in _by_hash(pool, n)]


def variant_queries(terms: list[str], corpus_chars: set[str], n: int = 6) -> list[Query]:
    import importlib.resources

    import msgpack

    data = (importlib.resources.files("char_converter") / "data" / "v2s.msgpack").read_bytes()
    variants: dict[str, list[str]] = {}
    for v, standards in msgpack.unpackb(data, raw=False).items():
        if len(v) == 1 and len(standards) == 1 and v not in corpus_chars and ord(v) < 0x10000:
            variants.setdefault(standards[0], []).append(v)
    pool = []
    for term in dict.fromkeys(terms):
        for i, ch in enumerate(term):
            if ch in variants:
                pool.append((term[:i] + _by_hash(variants[ch], 1)[0] + term[i + 1:], term))
    return [Query(text, "variant", term=term) for text, term in _by_hash(pool, n)]


def nomatch_queries(corpus_chars: set[str], fold: dict[str, str], n: int = 3) -> list[Query]:
    """Three-character strings of common characters (jieba's own words) the corpus never uses."""
    import jieba

    absent = sorted({c for w in _jieba_words(jieba) for c in w
                     if "\u4e00" <= c <= "\u9fff" and c not in corpus_chars and c not in fold})
    picks = _by_hash(absent, 3 * n)
    return [Query("".join(picks[3 * i: 3 * i + 3]), "nomatch") for i in range(n)]


def _jieba_words(jieba, limit: int = 20000):
    path = jieba.get_dict_file()
    words = []
    for line in path.read().decode("utf-8").splitlines()[:limit]:
        words.append(line.split(" ", 1)[0])
    path.close()
    return words
