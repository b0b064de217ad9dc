"""The search dictionary: jieba user words from the agency registry and content/search/terms.txt.

Every agency name (`name`, `full_name`, `names`) and every line of `content/search/terms.txt`
becomes a jieba user word, in canonical Simplified *and* in its zh-Hant form (made by the
site's own converter), so that 市场监管总局 / 市場監管總局, 碳足迹 / 碳足跡, 团体标准 / 團體標準
and 强制性国家标准 / 強制性國家標準 are whole words whichever script a text is in.
The frequency of each word is jieba's own `suggest_freq` (the least that keeps it whole).

jieba runs as a private `jieba.Tokenizer` whose cache lives in the project cache folder
(never the shared /tmp/jieba.cache). No MkDocs here; `index` segments with it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..cache import cache_root
from ..model import Site
from ..project import Project
from ..script.convert import Converter
from ..script.tokenizer import new_tokenizer


@dataclass(frozen=True)
class Word:
    text: str  # Simplified, as in the registry or terms.txt
    source: str  # "content/agencies.yml:<id>" or "content/search/terms.txt:<line>"


def read_terms(site: Site) -> list[Word]:
    """The curated terms of content/search/terms.txt, as `check` read them (read/terms.py)."""
    return [Word(term, source) for term, source in site.search_terms]


def dictionary_words(site: Site, project: Project) -> list[Word]:
    """Agency names and curated terms, Simplified, de-duplicated (first source wins)."""
    words: dict[str, Word] = {}
    registry = project.shown(project.registry_file)
    for agency in site.agencies.values():
        for name in (agency.name, agency.full_name, *agency.names):
            if name and len(name) > 1:
                words.setdefault(name, Word(name, f"{registry}:{agency.id}"))
    for word in read_terms(site):
        words.setdefault(word.text, word)
    return list(words.values())


def shared_dictionary(words: list[Word], converter: Converter) -> "SearchDictionary":
    """One dictionary per word list and converter: a rebuild with the same words keeps its
    tokenizer (0.5 s to make) and what it has cut."""
    return _shared(tuple(words), converter)


@lru_cache(maxsize=2)
def _shared(words: tuple[Word, ...], converter: Converter) -> "SearchDictionary":
    return SearchDictionary(list(words), converter)


class SearchDictionary:
    """The dictionary words in both scripts, and a jieba tokenizer that keeps them whole."""

    def __init__(self, words: list[Word], converter: Converter):
        self.words = words
        self.converter = converter
        self._kept: dict[str, tuple[str, ...]] = {}
        self.known: dict = {}  # forms and user dictionary of these words, from a build's store (`made`)

    @cached_property
    def forms(self) -> dict[str, list[str]]:
        """Each word in zh-Hans and zh-Hant."""
        return self.known.get("forms") or {w.text: list(dict.fromkeys((w.text, self.converter.to_hant(w.text))))
                                           for w in self.words}

    def made(self) -> dict:
        """What a build keeps of this dictionary (its words and converter are the key): with it, a
        build that segments nothing new never loads jieba (0.5 s)."""
        return {"forms": self.forms, "userdict": self.userdict()}

    def both_scripts(self) -> list[str]:
        """Each word in zh-Hans and zh-Hant, in a stable order, without duplicates."""
        return list(dict.fromkeys(form for w in self.words for form in self.forms[w.text]))

    @cached_property
    def tokenizer(self):
        """jieba with the words added. A Simplified word gets jieba's `suggest_freq` (the least
        frequency that keeps it whole against jieba's own dictionary); its zh-Hant form gets the
        same frequency, since jieba's dictionary, being Simplified, would otherwise rate it by
        unknown characters."""
        tokenizer = new_tokenizer()
        self.freq: dict[str, int] = {}
        for word in self.words:
            if word.text in self.freq:
                continue
            freq = tokenizer.suggest_freq(word.text, tune=False)
            for form in self.forms[word.text]:
                tokenizer.add_word(form, freq=freq)
                self.freq.setdefault(form, freq)
        return tokenizer

    def cut(self, text: str):
        return self.tokenizer.cut(text, HMM=False)

    def cut_kept(self, text: str) -> tuple[str, ...]:
        """`cut`, remembered for this dictionary: the live preview's rebuilds cut every task again
        for lineage (9 s of a rebuild at 10,000 tasks), though an edit changes few of them."""
        found = self._kept.get(text)
        if found is None:
            found = self._kept[text] = tuple(self.cut(text))
        return found

    def userdict(self) -> str:
        """jieba's user-dictionary format ("word freq" per line), written into the built site
        as search/jieba_userdict.txt."""
        if "userdict" in self.known:
            return self.known["userdict"]
        self.tokenizer  # noqa: B018 (computes the frequencies)
        lines: dict[str, int] = {}
        for word in self.words:
            for form in self.forms[word.text]:
                lines.setdefault(form, self.freq[form])
        return "".join(f"{w} {f}\n" for w, f in lines.items())


def private_jieba_cache() -> None:
    """Material's search plugin (`lang: zh`) segments with jieba's global tokenizer, which would
    write its dictionary cache to the shared /tmp/jieba.cache (any user can plant one there,
    another uid cannot overwrite it). Point it at the project's own per-user cache folder."""
    try:
        import jieba
    except ImportError:  # Material then indexes without jieba
        return
    jieba.dt.tmp_dir = str(cache_root())
