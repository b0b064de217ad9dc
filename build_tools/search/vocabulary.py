"""The index's vocabulary: the jieba words of a variant's indexed text (`words` in the index, see
`index`), with a memo of each doc's word counts that the live preview and a build's store keep.
"""
from __future__ import annotations

import hashlib
from collections import Counter

from .index import HAN, Doc


def vocabulary(docs: list[Doc], table: dict[str, str], cut, extra: list[str] = (), min_count: int = 3,
               memo: dict | None = None) -> list[str]:
    """jieba words of the indexed text, most frequent first: words of ≥ 2 characters with
    Han that occur at least `min_count` times, and every dictionary word (`extra`) that
    occurs at all — the user dictionary's words are always there, whole.

    The text is segmented in its folded form (the Simplified representatives), and each
    token is taken back from the original text at the same offsets, so a zh-Hant text is
    cut exactly where its zh-Hans twin is.
    """
    trans = str.maketrans(table)
    counts: Counter[str] = Counter()
    kept = {}  # `memo` (the live preview's, a build store's): digest of title, text, fold → its word counts
    fold_key = hashlib.sha256(repr(sorted(table.items())).encode()).hexdigest()  # stable: a build's store keeps it
    texts = []  # each doc's title and own text, once
    for doc in docs:
        own = doc.own_script_text()
        texts.append(doc.title + "\n" + own)
        key = hashlib.sha1(f"{doc.title}\0{own}\0{fold_key}".encode()).digest()  # not the text: memo stays small
        packed = memo.get(key) if memo is not None else None
        if packed is not None:  # its words as kept: counted straight from the string
            kept[key] = packed
            counts.update(packed.split("|") if packed else ())
            continue
        found = Counter()
        for line in texts[-1].split("\n"):
            pos = 0
            for token in cut(line.translate(trans)):
                original = line[pos: pos + len(token)]
                pos += len(token)
                if len(original) > 1 and HAN.search(original) and "|" not in original:
                    found[original] += 1
        if memo is not None:  # its words, each as often as it occurs ("|" is in no word): a str is small
            kept[key] = "|".join(found.elements())
        counts.update(found)
    if memo is not None:
        memo.clear()
        memo.update(kept)
    keep = {w for w, n in counts.items() if n >= min_count}
    everything = "\n".join(texts)  # one scan per word, not per doc
    for word in extra:
        if word in counts or word in everything:
            keep.add(word)
            counts[word] = max(counts[word], 1)
    return sorted(keep, key=lambda w: (-counts[w], w))
