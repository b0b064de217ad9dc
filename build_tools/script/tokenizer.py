"""jieba tokenizers that share one load of jieba's dictionary.

The conversion (boundaries.py) and the search (search/dictionary.py) each need their own
tokenizer, with their own words added; loading jieba's dictionary costs 0.4 s each time,
copying the loaded one 0.02 s.
"""
from __future__ import annotations

import logging
from functools import lru_cache

from ..cache import cache_root


@lru_cache(maxsize=1)
def _loaded() -> tuple[dict[str, int], int]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_root())  # jieba's own cache of its dictionary: ours, not /tmp's
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


def new_tokenizer():
    """A private jieba.Tokenizer with jieba's dictionary loaded; words added to it stay its own."""
    import jieba

    freq, total = _loaded()
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_root())
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(freq), total, True
    return tokenizer
