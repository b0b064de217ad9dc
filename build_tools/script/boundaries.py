"""Word boundaries for conversion: jieba segmentation with the project's words.

OpenCC matches its phrases by forward longest match and knows nothing of words, so a phrase
can straddle two words (牵头|发布 read as 牵·头发·布 gives 頭髮). `Segmenter` says where the
words are: a private `jieba.Tokenizer` (cache in the project cache folder) with the project's
words added (phrases.tsv's Simplified side, the registry names, content/search/terms.txt),
each at jieba's `suggest_freq`, the least frequency that keeps it whole.

`spans_boundary` is the cheap test run on every risky OpenCC match: with HMM off jieba only
emits dictionary words and single characters, so a position is surely a word boundary when
no dictionary word spans it. Only when one does is the text around it actually cut.
"""
from __future__ import annotations

import hashlib
import math
import re
from functools import cached_property
from pathlib import Path

from .tokenizer import new_tokenizer

# Runs of Han characters: a clause bounded by punctuation, Latin or space, where jieba is cut.
NON_HAN = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# OpenCC tries every length up to its longest key at each position: longer guiding words
# would slow every conversion for little gain
GUIDE_MAX = 4
# and only jieba's most frequent words: a smaller table is a faster one, and rare words
# seldom stand where a phrase could cross
GUIDE_TOP = 20000
WINDOW = 24  # Han characters of context on each side of a match, when the clause is longer


class Segmenter:
    """jieba with the project's words; `spans_boundary` and `boundaries`."""

    def __init__(self, words: tuple[str, ...]):
        self.words = tuple(dict.fromkeys(w for w in words if len(w) > 1))

    @cached_property
    def tokenizer(self):
        tokenizer = new_tokenizer()
        for word in self.words:
            tokenizer.add_word(word, freq=tokenizer.suggest_freq(word, tune=False))
        return tokenizer

    @cached_property
    def _freq(self) -> dict[str, int]:
        return self.tokenizer.FREQ

    @property
    def dictionary_words(self) -> list[str]:
        """jieba's words of two or more characters, the project's included."""
        return [w for w, f in self._freq.items() if f and len(w) > 1]

    @property
    def version(self) -> str:
        """Names the dictionary: jieba's version, the project's words and this module's code
        (which decides the guiding words)."""
        import jieba

        code = Path(__file__).read_text(encoding="utf-8")
        return hashlib.sha256("\n".join((jieba.__version__, code, *self.words)).encode()).hexdigest()

    def spans_boundary(self, text: str, start: int, end: int) -> bool:
        """Whether some dictionary word overlaps text[start:end] partly: begins before ``start``
        and ends inside it, or begins inside it and ends after ``end``. Only then may jieba's
        cut split the match's ends from the words around them (a word that contains the whole
        match keeps it inside one word)."""
        freq = self._freq
        n = len(text)
        for p, lo, hi in ((start, start + 1, end - 1), (end, end + 1, n)):
            if p <= 0 or p >= n:
                continue
            first = max(0, start + 1) if p == end else 0
            i = p - 1
            while i >= first and text[i:p] in freq:
                j = max(p + 1, lo)
                while j <= hi:
                    f = freq.get(text[i:j])
                    if f is None:
                        break
                    if f:
                        return True
                    j += 1
                i -= 1
        return False

    # ---- which dictionary words may guide OpenCC's own longest match ------------------
    def _word_logp(self, word: str) -> float:
        f = self._freq.get(word) or 0
        if f:
            return math.log(f) - self._logtotal
        return sum(math.log(self._freq.get(c) or 1) - self._logtotal for c in word)

    @cached_property
    def _logtotal(self) -> float:
        return math.log(self.tokenizer.total)

    def guiding_words(self, phrases, risky: set[str]) -> list[str]:
        """Dictionary words for OpenCC's segmentation: those an OpenCC phrase could start
        inside and run out of (传统 before 统制), except those jieba itself would give up for a
        risky phrase starting inside them (标准计 in 标准计划: jieba cuts 标准|计划, while the
        longest match would take 标准计 and lose 計畫's 畫)."""
        heads = {k[:i] for k in phrases for i in range(1, len(k))}
        lp = self._word_logp
        gain: dict[str, float] = {}  # prefix P → best log-gain of cutting P off as part of R
        for r in risky:
            for i in range(1, len(r)):
                g = lp(r) - lp(r[i:])
                if g > gain.get(r[:i], -math.inf):
                    gain[r[:i]] = g
        out = []
        for w in self.dictionary_words:
            if len(w) > GUIDE_MAX or not any(w[i:] in heads for i in range(1, len(w))):
                continue
            whole = lp(w)
            if not any(lp(w[:i]) + gain[w[i:]] > whole for i in range(1, len(w)) if w[i:] in gain):
                out.append(w)
        out.sort(key=lambda w: -self._freq[w])
        return out[:GUIDE_TOP]

    def boundaries(self, text: str) -> list[int]:
        """Offsets where jieba (HMM off) puts a word boundary, 0 and len(text) included."""
        out = [0]
        for word in self.tokenizer.cut(text, HMM=False):
            out.append(out[-1] + len(word))
        return out


def window(text: str, start: int, end: int) -> tuple[int, int]:
    """The Han clause around text[start:end], at most WINDOW characters beyond it each side."""
    lo = max(0, start - WINDOW)
    before = [m.end() for m in NON_HAN.finditer(text, lo, start)]
    after = NON_HAN.search(text, end, end + WINDOW)
    return (before[-1] if before else lo), (after.start() if after else min(len(text), end + WINDOW))
