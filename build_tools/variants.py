"""The script variants of the site, written once: canonical Simplified first.

May import: nothing.
"""
from __future__ import annotations

VARIANTS = ("zh-Hans", "zh-Hant")
CANONICAL = VARIANTS[0]
LANG_NAMES = {"zh-Hans": "简体中文", "zh-Hant": "繁體中文"}


def other(variant: str) -> str:
    return VARIANTS[1 - VARIANTS.index(variant)]


def check(variant: str) -> str:
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")
    return variant
