"""Spam spliced into the text: Latin/ASCII fragments that are not real terms (`千亿app:`), URLs.

Known terms (ISO, IPv6, GB/T, WTO/TBT …) come from `known_terms.txt` beside this file, from
`content/known-terms.txt` when the project has one, and from every Latin word in a registry
name. An unknown fragment is removed only when it looks like spam (a spam word, a domain, or
lower-case Latin glued to Chinese); any other unknown term is kept and flagged.

The Chinese brand name that often goes with a spam word (`千亿` of `千亿app:`) is found by
repetition: when every occurrence of the fragment is preceded by the same 1–4 Chinese
characters, they are taken as part of it (and the report says so).
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from ..project import Project
from .tracked import Ledger, Line

TOKEN = re.compile(r"[A-Za-z0-9]+(?:[./+&_-][A-Za-z0-9]+)*")
URL = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|net|org|cn|cc|info|top|vip|xyz)\b(?:/[\x21-\x7e]*)?", re.I)
SPAM_WORDS = {"app", "apk", "app下载", "www", "http", "https", "com", "net", "vip", "bet", "bet365", "casino",
              "poker", "slot", "slots", "sport", "sports", "tiyu", "yule", "kaiyun", "ayx", "leyu", "bob", "hth",
              "ob", "mg", "ag", "pt", "dafa", "yabo", "qianyi", "xpj", "pg", "download", "official", "online"}
GLUE = "：:"  # punctuation the spammer glues after the word
MAX_PREFIX = 4


def load_known_terms(project: Project | None, registry_names) -> set[str]:
    terms: set[str] = set()
    files = [Path(__file__).with_name("known_terms.txt")]
    if project is not None:
        files.append(project.known_terms_file)
    for path in files:
        if path.is_file():
            for raw in path.read_text(encoding="utf-8").splitlines():
                raw = raw.split("#", 1)[0].strip()
                if raw:
                    terms.add(raw)
    for name in registry_names:
        terms.update(m.group(0) for m in TOKEN.finditer(name) if re.search("[A-Za-z]", m.group(0)))
    return terms


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def is_known(token: str, known: set[str]) -> bool:
    if token in known or token.upper() in known and not token.islower():
        return True
    parts = [p for p in re.split(r"[./+&_-]", token) if p]
    return bool(parts) and all(p in known or p.isdigit() for p in parts)


def _spammy(token: str, line: str, start: int, stop: int) -> bool:
    low = token.lower()
    if low in SPAM_WORDS or any(low.startswith(w) for w in ("www.", "http")):
        return True
    # lower-case Latin glued between Chinese text and a colon: the SEO "brand:" pattern
    glued = start > 0 and _cjk(line[start - 1]) or start == 0
    return token.isalpha() and token.islower() and glued and stop < len(line) and line[stop] in GLUE


def remove_spam(lines: list[Line], ledger: Ledger, known: set[str]) -> list[Line]:
    """Remove URLs and spam fragments; flag unknown Latin terms that are kept."""
    found: dict[str, list[tuple[int, int, int]]] = defaultdict(list)  # fragment → (line index, start, stop)
    flagged: set[str] = set()
    for index, line in enumerate(lines):
        text = line.text
        for m in URL.finditer(text):
            found["\x00url"].append((index, m.start(), m.end()))
        for m in TOKEN.finditer(text):
            token = m.group(0)
            if not re.search("[A-Za-z]", token) or is_known(token, known):
                continue
            if any(s <= m.start() < e for _, s, e in found["\x00url"] if _ == index):
                continue
            if _spammy(token, text, m.start(), m.end()):
                stop = m.end()
                while stop < len(text) and text[stop] in GLUE + " ":
                    stop += 1
                found[text[m.start():stop]].append((index, m.start(), stop))
            elif token not in flagged:
                flagged.add(token)
                ledger.flag(line.src[m.start()], "unknown-term",
                            f"Latin term '{token}' is not a known term; kept",
                            "if it is spam, delete it in the draft; if it is a real term, add it to "
                            "content/known-terms.txt")
    cuts: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for fragment, places in found.items():
        if fragment == "\x00url":
            for index, start, stop in places:
                cuts[index].append((start, stop, "web address spliced into the text"))
            continue
        prefix = _common_prefix(lines, places)
        for index, start, stop in places:
            shown = lines[index].text[start - len(prefix):stop]
            reason = f"spam '{shown}' spliced into the text"
            if prefix:
                reason += f" ('{prefix}' precedes '{fragment.strip()}' in all {len(places)} occurrences)"
            cuts[index].append((start - len(prefix), stop, reason))
        if not prefix:
            index, start, _ = places[0]
            line = lines[index]
            if start > 0 and _cjk(line.text[start - 1]):
                ledger.flag(line.src[start], "spam-extent",
                            f"removed spam '{fragment.strip()}'; the Chinese characters just before it "
                            f"('{line.text[max(0, start - MAX_PREFIX):start]}') may belong to it too",
                            "read the spot in the draft and delete any leftover brand name")
    out = []
    for index, line in enumerate(lines):
        for start, stop, reason in _merge(cuts.get(index, [])):
            line = ledger.cut(line, start, stop, "spam", reason)
        out.append(line)
    return out


def _merge(spans):
    """Overlapping spans joined, returned last first (so cutting keeps earlier offsets valid)."""
    merged: list[list] = []
    for start, stop, reason in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], stop)
        else:
            merged.append([start, stop, reason])
    return [tuple(m) for m in reversed(merged)]


def _common_prefix(lines: list[Line], places) -> str:
    """The Chinese characters that precede every occurrence (only with two or more occurrences)."""
    if len(places) < 2:
        return ""
    best = ""
    for k in range(1, MAX_PREFIX + 1):
        befores = set()
        for index, start, _ in places:
            text = lines[index].text
            if start < k or not all(_cjk(c) for c in text[start - k:start]):
                return best
            befores.add(text[start - k:start])
        if len(befores) != 1:
            return best
        best = befores.pop()
    return best
