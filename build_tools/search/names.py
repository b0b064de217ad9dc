"""What search knows besides page text, made at build time for one variant:

* agencies — every registry entry with every name a reader may type for it (name, full name,
  names, aliases, English name; pinyin in full and initials of each Chinese name), its page, and
  every task it carries in any role (issuer included) with the role as shown;
* pinyin — full and initials of each dictionary word (`dictionary.SearchDictionary`);
* context — "plan short title · year" of every task and plan page, shown on each result;
* variant folds — characters of the Ministry of Education's variant dictionary (via
  char_converter's v2s table) that the corpus does not use, folded onto the standard character
  the corpus does use (囯 → 国, 裡/裏 → 里 …).

Pinyin comes from pypinyin (no tones, ü as v, as pinyin IMEs take it). No MkDocs here.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..model import Site
from ..render import urls
from ..render.labels import ROLE_LABELS
from ..script.convert import Converter

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
ROLE_ORDER = ("issuer", "lead", "responsible")


@lru_cache(maxsize=None)
def pinyin(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of the Han characters of `text`, lower case, no separators."""
    from pypinyin import Style, lazy_pinyin

    han = "".join(HAN.findall(text))
    if not han:
        return "", ""
    full = lazy_pinyin(han, style=Style.NORMAL, v_to_u=False, errors="ignore")
    return "".join(full).lower(), "".join(s[0] for s in full if s).lower()


def reader_keys(names: list[str]) -> list[str]:
    """The names themselves and, for each Chinese one, its pinyin in full and initials."""
    keys = list(dict.fromkeys(n for n in names if n))
    for name in list(keys):
        full, initials = pinyin(name)
        if full:
            keys += [full, initials] if len(initials) > 1 else [full]
    return list(dict.fromkeys(keys))


def agency_entries(site: Site, variant: str, converter: Converter) -> list[list]:
    """[[agency page, shown name, [keys…], [[task page, role label], …]], …] in registry order
    (the builder names the task pages by row number in the index)."""
    convert = converter.convert
    carried: dict[str, dict[str, list[str]]] = {}
    for a in site.assignments:
        roles = carried.setdefault(a.agency_id, {}).setdefault(urls.task(a.plan.id, a.task.id), [])
        if a.role not in roles:
            roles.append(a.role)
    out = []
    for agency in site.agencies.values():
        names = [agency.name, agency.full_name, *agency.names, *agency.aliases, agency.name_en]
        tasks = [[url, convert("、".join(ROLE_LABELS[r] for r in sorted(roles, key=ROLE_ORDER.index)), variant)]
                 for url, roles in carried.get(agency.id, {}).items()]
        out.append([urls.agency(agency.id), convert(agency.name, variant), reader_keys(names), tasks])
    return out


def word_pinyin(words: list[str]) -> list[list[str]]:
    """[[word, full, initials], …] for dictionary words with Han (the word as given)."""
    out = []
    for word in words:
        full, initials = pinyin(word)
        if full:
            out.append([word, full, initials])
    return out


def sounds(extra_chars: set[str] = frozenset()) -> str:
    """Characters by toneless pinyin, "jia家架…|ju局举…": the 6,763 Han characters of GB 2312 (the
    ones an IME offers first) and `extra_chars`, so the worker can tell a homophone slip (国架 for
    国家) from another one-character difference."""
    chars = set(extra_chars)
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    groups: dict[str, list[str]] = {}
    for ch in sorted(c for c in chars if HAN.match(c)):
        full = pinyin(ch)[0]
        if full:
            groups.setdefault(full, []).append(ch)
    return "|".join(sound + "".join(cs) for sound, cs in sorted(groups.items()))


def plan_context(site: Site, variant: str, converter: Converter) -> dict[str, str]:
    """{plan page: "short title · year"}; a task page's is its plan's (the page above it)."""
    return {urls.plan(plan.id): converter.convert(f"{plan.short_title or plan.title} · {plan.year}", variant)
            for plan in site.plans}


def variant_folds(table: dict[str, str], corpus: set[str]) -> dict[str, str]:
    """Folds for variant characters the corpus never uses: each one onto the fold representative of
    its standard character, when the corpus uses that one (a corpus character is never moved, so
    no two characters the texts distinguish become one)."""
    import importlib.resources

    import msgpack

    data = (importlib.resources.files("char_converter") / "data" / "v2s.msgpack").read_bytes()
    out = {}
    for variant_char, standards in msgpack.unpackb(data, raw=False).items():
        if len(variant_char) != 1 or variant_char in corpus or variant_char in table or len(standards) != 1:
            continue
        standard = standards[0]
        rep = table.get(standard, standard)
        if len(standard) == 1 and (standard in corpus or rep in corpus) and ord(variant_char) < 0x10000:
            out[variant_char] = rep
    return out


def extra_inputs(site: Site, variant: str, converter: Converter, dictionary) -> tuple:
    """Everything `extra` reads (a build keeps its result under their digest: pinyin is 0.3 s a variant)."""
    return (variant, converter.digest, repr(site.agencies), [w.text for w in dictionary.words],
            [(a.agency_id, a.plan.id, a.task.id, a.role) for a in site.assignments],
            [(p.id, p.short_title, p.title, p.year) for p in site.plans])


def extra(site: Site, variant: str, converter: Converter, dictionary) -> dict:
    """The index config keys of this module, for one variant."""
    from ..render.labels import SEARCH_LABELS

    words = [converter.convert(w.text, variant) for w in dictionary.words]
    return {"agencies": agency_entries(site, variant, converter),
            "pinyin": word_pinyin(list(dict.fromkeys(words))),
            "context": plan_context(site, variant, converter),
            "sounds": sounds(),
            "messages": {k: converter.convert(v, variant) for k, v in SEARCH_LABELS.items()}}
