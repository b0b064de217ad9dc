"""Script checks: characters that do not belong in a variant's text.

zh-Hant: Simplified-only characters (keys of OpenCC STCharacters never used as a
Traditional form), OpenCC-standard forms Taiwan does not use (爲 羣 衆 覈 裏 綫 …: the
s2t/s2tw difference plus Hong Kong-only forms), and forms the house style replaces
(秘→祕, 賬→帳, 佈→布, 鑒→鑑). zh-Hans: Traditional-only characters (keys of OpenCC
TSCharacters / TWVariantsRev never used as a Simplified form, plus 於 徵 乾 夥).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .dictionary import PROPAGATING_KINDS, Entry
from .opencc_cache import stock, stock_dicts

# Characters that OpenCC's tables accept in Simplified text (a rare reading exists: 於 as a
# surname, 徵 as a musical note, 乾 in 乾坤, 夥 'many') but that in policy prose only ever
# appear as Traditional leftovers (关於, 徵求, 乾燥, 夥伴). Flagged in zh-Hans text.
HANS_PRACTICALLY_TRADITIONAL = frozenset("於徵乾夥")


@dataclass(frozen=True)
class Violation:
    offset: int  # index into the text passed to script_violations
    char: str  # the offending character
    context: str  # ~10 characters around it (newlines shown as spaces)
    reason: str = ""  # why it is wrong in this variant
    suggestion: str = ""  # what the converter would write instead

    def __str__(self) -> str:
        hint = f" → {self.suggestion}" if self.suggestion and self.suggestion != self.char else ""
        return f"@{self.offset} {self.char}{hint} ({self.reason}) …{self.context}…"



SIMPLIFIED_ONLY = "Simplified-only character"


def _hant_base() -> dict[str, str]:
    """zh-Hant's forbidden characters, with reasons, from OpenCC alone (no project dictionary)."""
    dicts = stock_dicts()
    st, tw, hk = dicts["STCharacters"], dicts["TWVariants"], dicts["HKVariants"]
    st_values = {v for vs in st.values() for v in vs}
    tw_values = {v for vs in tw.values() for v in vs}
    reason: dict[str, str] = {}
    for k in st:
        if len(k) == 1 and k not in st_values and k not in tw_values:
            reason[k] = SIMPLIFIED_ONLY
    for k, vs in tw.items():
        if len(k) == 1 and k not in vs:
            reason[k] = "OpenCC-standard form not used in Taiwan (s2t ≠ s2tw)"
    for k, vs in hk.items():
        for v in vs:
            if len(v) == 1 and v != k and v not in st_values and v not in tw_values:
                reason[v] = "Hong Kong form, not used in Taiwan"
    return reason


def dictionary_output(entries: list[Entry]) -> tuple[set[str], list[tuple[Entry, str, str]]]:
    """What the dictionary may write into zh-Hant. A character the OpenCC-only check forbids is
    allowed only as a house-style choice: a Traditional form OpenCC itself knows for the
    Simplified character it replaces (秘→祕). Never a Simplified-only character (标准→标准).
    Returns (allowed characters, [(entry, character, reason) for each forbidden output])."""
    base, st = _hant_base(), stock_dicts()["STCharacters"]
    allowed: set[str] = set()
    wrong: list[tuple[Entry, str, str]] = []
    for e in entries:
        for s_char, t_char in zip(e.simplified, e.traditional):
            reason = base.get(t_char)
            if reason is None:
                continue
            if reason != SIMPLIFIED_ONLY and t_char in st.get(s_char, ()) and t_char != s_char:
                allowed.add(t_char)
            else:
                wrong.append((e, t_char, reason))
    return allowed, wrong


def script_tables(entries: list[Entry]) -> dict:
    """The forbidden characters of each variant, with reasons, for a project dictionary."""
    dicts = stock_dicts()
    t2tw = stock("t2tw").convert
    st = dicts["STCharacters"]
    ts, tsx, twr = dicts["TSCharacters"], dicts["TSCharactersExt"], dicts["TWVariantsRev"]
    hant_reason = _hant_base()
    for e in entries:  # forms the house style replaces (秘, 賬, 佈, 鑒)
        if len(e.simplified) == 1 and e.kind in PROPAGATING_KINDS:
            alts = set(st.get(e.simplified, [])) | {t2tw(a) for a in st.get(e.simplified, [])}
            for a in alts - {e.traditional}:
                others = {k for k, vs in st.items() if k != e.simplified and ord(k) < 0x20000
                          and (a in vs or a in {t2tw(v) for v in vs})}
                if not others:
                    hant_reason[a] = f"house style writes {e.traditional}"
    for c in dictionary_output(entries)[0]:
        hant_reason.pop(c, None)

    # zh-Hans: a character is Traditional-only when tw2s always replaces it: its TS/TSExt
    # mapping never keeps it, or TWVariantsRev maps it away and no tw2s phrase keeps it (著
    # survives in 显著, so it is not flagged).
    ts_values = {v for d in (ts, tsx) for vs in d.values() for v in vs}
    kept_by_phrases = {c for vs in dicts["TWVariantsRevPhrases"].values() for v in vs for c in v}
    hans_reason: dict[str, str] = {}
    for d in (ts, tsx):
        for k in d:
            if len(k) == 1 and k not in ts_values and k not in st:
                hans_reason[k] = "Traditional-only character"
    for k, vs in twr.items():
        if (len(k) == 1 and k not in vs and k not in kept_by_phrases and k not in st
                and (k in ts or k not in ts_values)):
            hans_reason[k] = "Taiwan form, not Simplified"
    for c in HANS_PRACTICALLY_TRADITIONAL:
        hans_reason[c] = "Traditional form (its Simplified reading is not used in policy text)"

    def char_class(chars):
        return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]")

    hant_bad = frozenset(hant_reason)
    hans_bad = frozenset(hans_reason)
    return {"hant_bad": hant_bad, "hans_bad": hans_bad, "hant_reason": hant_reason,
            "hans_reason": hans_reason, "hant_re": char_class(hant_bad), "hans_re": char_class(hans_bad)}


