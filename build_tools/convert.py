"""PLACEHOLDER until the conversion module lands: plain OpenCC s2tw, markers stripped."""
from __future__ import annotations

import functools
import re

import opencc

MARK = re.compile(r"-\{(.*?)\}-")


@functools.lru_cache(maxsize=None)
def _cc(config):
    return opencc.OpenCC(config)


def strip_markers(text, variant="zh-Hans"):
    return MARK.sub(lambda m: m[1], text)


def convert(text, variant):
    text = strip_markers(text, variant)
    return text if variant == "zh-Hans" else _cc("s2tw").convert(text)


def to_hant(text):
    return convert(text, "zh-Hant")


def to_hans(text):
    return _cc("tw2s").convert(text)
