"""Chinese numerals as used in policy numbering (一 … 九十九) and in dates (二〇一二)."""
from __future__ import annotations

DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_to_int(text: str) -> int | None:
    """一 → 1, 十二 → 12, 三十五 → 35, 一百零一 → 101; None when not a numeral."""
    if not text or any(c not in DIGITS and c not in "十百" for c in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = DIGITS[ch]
    return total + current


def int_to_cn(n: int) -> str:
    """1 → 一, 12 → 十二, 35 → 三十五 (for messages suggesting the expected label)."""
    names = "零一二三四五六七八九"
    if n < 10:
        return names[n]
    if n < 20:
        return "十" + (names[n % 10] if n % 10 else "")
    if n < 100:
        return names[n // 10] + "十" + (names[n % 10] if n % 10 else "")
    return str(n)


def cn_digits_to_int(text: str) -> int | None:
    """Digit-by-digit numerals as in years: 二〇一二 → 2012."""
    if not text or any(c not in DIGITS for c in text):
        return None
    return int("".join(str(DIGITS[c]) for c in text))
