"""OpenCC with the project dictionary loaded into it, built once per dictionary.

At first use a custom OpenCC configuration (JSON + text dictionaries) is written into the
project cache folder, keyed by the hash of the TSV, of this package's code and of the
OpenCC installation; OpenCC then does all matching (longest match across the project and
the stock dictionaries). Nothing is string-replaced after conversion.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import opencc

from ..atomic import place_dir
from ..cache import cache_root, prune, touch
from .dictionary import PROPAGATING_KINDS, Entry, load_phrases

_STOCK_DICTS = ("STCharacters", "STPhrases", "STPhrases_GeneratedFromRegionalPhrases",
                "TWVariants", "TSCharacters", "TSCharactersExt", "TWVariantsRev", "TWVariantsRevPhrases",
                "HKVariants")
_CODE = ("dictionary.py", "opencc_cache.py")  # a change to these rebuilds the cache
# Around the output of a risky phrase match in the "marked" s2tw (see `build_marked`): private-use
# characters, in no OpenCC table; text that contains them is converted without the fast path.
MARK_OPEN, MARK_CLOSE = "\ue001", "\ue002"
CUT = "\ue000"  # between characters/words: no OpenCC phrase contains it
MAX_PHRASE = 12  # longest key of OpenCC's phrase tables (checked by tests)


@lru_cache(maxsize=None)
def stock(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _share_dir() -> Path:
    cand = getattr(opencc, "_opencc_share_dir", None)
    for p in (cand, Path(opencc.__file__).parent / "clib" / "share" / "opencc"):
        if p and (Path(p) / "s2tw.json").is_file():
            return Path(p)
    raise RuntimeError("OpenCC data directory (s2tw.json, *.ocd2) not found in the opencc package")


def _opencc_dict_tool() -> str:
    cand = Path(opencc.__file__).parent / "clib" / "bin" / "opencc_dict"
    if cand.is_file() and os.access(cand, os.X_OK):
        return str(cand)
    found = shutil.which("opencc_dict")
    if found:
        return found
    raise RuntimeError("opencc_dict (ships with the official opencc wheel) not found: "
                       "needed to read OpenCC's dictionaries when building the project converter")


@lru_cache(maxsize=1)
def stock_dicts() -> dict[str, dict[str, list[str]]]:
    """OpenCC's own dictionaries as {key: [values]}, dumped once per OpenCC installation."""
    share = _share_dir()
    stamp = hashlib.sha256()
    stamp.update(opencc.__version__.encode())
    for name in _STOCK_DICTS:
        f = share / f"{name}.ocd2"
        stamp.update(f"{f}:{f.stat().st_size}:{f.stat().st_mtime_ns}".encode())
    final = cache_root() / f"opencc-dump-{stamp.hexdigest()[:16]}"
    if not all((final / f"{n}.txt").is_file() for n in _STOCK_DICTS):
        tool = _opencc_dict_tool()
        tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=".dump-"))
        for name in _STOCK_DICTS:
            subprocess.run([tool, "-i", str(share / f"{name}.ocd2"), "-o", str(tmp / f"{name}.txt"),
                            "-f", "ocd2", "-t", "text"], check=True, capture_output=True)
        if final.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            place_dir(tmp, final)
    out = {}
    for name in _STOCK_DICTS:
        d: dict[str, list[str]] = {}
        for line in (final / f"{name}.txt").read_text(encoding="utf-8").splitlines():
            if "\t" in line:
                k, v = line.split("\t", 1)
                d[k] = v.split()
        out[name] = d
    return out


def compile_dictionary(entries: list[Entry]) -> dict:
    """Everything derived from the TSV: forward/reverse OpenCC entries and a report.

    forward   simplified → zh-Hant, loaded with OpenCC's STPhrases (longest match wins);
              includes, for style/sense entries, OpenCC phrases that contain the entry
              rewritten to agree with it (e.g. 战略伙伴 → 戰略夥伴, 古腾堡计划 → 古騰堡計畫).
    protect   zh-Hant forms OpenCC's Taiwan-variant step must leave alone (祕).
    reverse   zh-Hant → Simplified where plain tw2s would not give back the original
              (計畫 → 计划, 臺帳 → 台账), and Simplified phrases tw2s would damage in mixed text.
    """
    dicts = stock_dicts()
    t2tw = stock("t2tw").convert
    tw2s = stock("tw2s").convert
    s2tw = stock("s2tw").convert
    explicit = {e.simplified: e for e in entries}
    forward: dict[str, str] = {e.simplified: e.traditional for e in entries}
    origin: dict[str, str] = {e.simplified: "explicit" for e in entries}
    derived: list[dict] = []
    skipped: list[str] = []

    prop = sorted((e for e in entries if e.kind in PROPAGATING_KINDS),
                  key=lambda e: -len(e.simplified))
    if prop:
        rx = re.compile("|".join(re.escape(e.simplified) for e in prop))
        phrases: dict[str, str] = {}
        for name in ("STPhrases", "STPhrases_GeneratedFromRegionalPhrases"):
            for k, vs in dicts[name].items():
                phrases.setdefault(k, vs[0])
        for key, value in phrases.items():
            if key in explicit or len(key) < 2:
                continue
            hits = list(rx.finditer(key))
            if not hits:
                continue
            if len(value) != len(key):
                skipped.append(f"{key}→{value}: lengths differ, left to OpenCC")
                continue
            new = list(t2tw(value))
            for m in hits:
                new[m.start():m.end()] = explicit[m.group(0)].traditional
            new_value = "".join(new)
            if new_value != t2tw(value):
                forward[key] = new_value
                origin[key] = "derived"
                derived.append({"simplified": key, "opencc": value, "project": new_value,
                                "via": sorted({m.group(0) for m in hits})})

    protect = {v: v for v in set(forward.values()) if t2tw(v) != v}

    # Traditional outputs of OpenCC's character table, to know when a one-character reverse
    # entry would be ambiguous (帳 is both 帐 and, by house style, 账).
    st_outputs: dict[str, set[str]] = {}
    for k, vs in dicts["STCharacters"].items():
        for v in vs:
            for form in {v, t2tw(v)}:
                st_outputs.setdefault(form, set()).add(k)
    reverse: dict[str, str] = {}
    rev_origin: dict[str, str] = {}
    conflicts: dict[str, set[str]] = {}
    for s, t in forward.items():
        if tw2s(t) == s:
            continue
        if len(t) == 1 and (st_outputs.get(t, set()) - {s}):
            skipped.append(f"{t}→{s}: not reversed, {t} is also the Traditional form of "
                           f"{''.join(sorted(st_outputs[t] - {s}))}")
            continue
        if t in reverse and reverse[t] != s:
            if origin[s] == "explicit" and rev_origin[t] != "explicit":
                reverse[t], rev_origin[t] = s, origin[s]
            elif origin[s] == rev_origin[t]:
                conflicts.setdefault(t, {reverse[t]}).add(s)
            continue
        reverse[t], rev_origin[t] = s, origin[s]
    for t, ss in conflicts.items():
        reverse.pop(t, None)
        skipped.append(f"{t}: not reversed, ambiguous between {'、'.join(sorted(ss))}")
    for e in entries:  # Simplified phrases that plain tw2s would alter in mixed input
        if e.simplified not in reverse and tw2s(e.simplified) != e.simplified:
            reverse[e.simplified] = e.simplified
    rev_protect = {v: v for v in set(reverse.values()) if tw2s(v) != v}

    redundant = [e.simplified for e in entries if s2tw(e.simplified) == e.traditional]
    return {"forward": forward, "protect": protect, "reverse": reverse, "rev_protect": rev_protect,
            "derived": derived, "skipped": skipped, "redundant": redundant}


def _write_text_dict(path: Path, mapping: dict[str, str]) -> None:
    if not mapping:  # OpenCC needs at least one entry; a private-use identity is inert
        mapping = {"\ue000": "\ue000"}
    path.write_text("".join(f"{k}\t{mapping[k]}\n" for k in sorted(mapping)), encoding="utf-8")


def _configs(d: Path, share: Path) -> tuple[dict, dict]:
    def ocd(name, **extra):
        return {"type": "ocd2", "file": str(share / f"{name}.ocd2"), **extra}

    def txt(name):
        return {"type": "text", "file": str(d / name)}

    def union(*dicts):
        return {"type": "group", "match_policy": "union", "dicts": list(dicts)}

    def first(*dicts):
        return {"type": "group", "match_policy": "short_circuit", "dicts": list(dicts)}

    normalization = [{"dict": ocd("CJK_Compatibility_Ideographs")}]
    phrases = [txt("project_s2tw.txt"), ocd("STPhrases"), ocd("STPhrases_GeneratedFromRegionalPhrases")]
    s2tw = {
        "name": "s2tw + policyref phrases (content/script/phrases.tsv)",
        "normalization": normalization,
        "segmentation": {"type": "mmseg", "dict": union(*phrases)},
        "conversion_chain": [
            {"dict": first(union(*phrases), ocd("STCharacters"))},
            {"dict": first(union(txt("project_s2tw_keep.txt"), ocd("TWVariantsPhrases")),
                           ocd("TWVariants"))},
        ],
    }
    tw2s = {
        "name": "tw2s + policyref phrases reversed",
        "normalization": normalization,
        "segmentation": {"type": "mmseg", "dict": union(txt("project_tw2s.txt"), ocd("TSPhrases"))},
        "conversion_chain": [
            {"dict": first(union(txt("project_tw2s.txt"), ocd("TWVariantsRevPhrases")),
                           ocd("TWVariantsRev"))},
            {"dict": first(union(txt("project_tw2s_keep.txt"), ocd("TSPhrases")),
                           ocd("TSCharactersExt", may_output_tofu=True), ocd("TSCharacters"))},
        ],
    }
    return s2tw, tw2s


def build(tsv_path: str) -> dict[str, Path]:
    """Write (once per TSV content/code/OpenCC version) and return the two OpenCC config paths.
    Not memoised by path: an edited dictionary must never be served from an older build."""
    tsv = Path(tsv_path).read_bytes()
    share = _share_dir()
    code = b"".join((Path(__file__).parent / name).read_bytes() for name in _CODE)
    key = hashlib.sha256(b"\0".join([tsv, code, opencc.__version__.encode(),
                                     str(share).encode()])).hexdigest()[:16]
    final = cache_root() / f"opencc-{key}"
    if (final / "s2tw.json").is_file() and (final / "tw2s.json").is_file():
        touch(final)
    else:
        prune("opencc-")  # old dictionaries' builds (their marked forms share the prefix)
        compiled = compile_dictionary(load_phrases(tsv_path))
        tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=".build-"))
        _write_text_dict(tmp / "project_s2tw.txt", compiled["forward"])
        _write_text_dict(tmp / "project_s2tw_keep.txt", compiled["protect"])
        _write_text_dict(tmp / "project_tw2s.txt", compiled["reverse"])
        _write_text_dict(tmp / "project_tw2s_keep.txt", compiled["rev_protect"])
        (tmp / "report.json").write_text(json.dumps(
            {k: compiled[k] for k in ("derived", "skipped", "redundant")}, ensure_ascii=False, indent=1),
            encoding="utf-8")
        # configs reference the text dictionaries by absolute path: write them for `final`
        s2tw_cfg, tw2s_cfg = _configs(final, share)
        (tmp / "s2tw.json").write_text(json.dumps(s2tw_cfg, ensure_ascii=False, indent=1), encoding="utf-8")
        (tmp / "tw2s.json").write_text(json.dumps(tw2s_cfg, ensure_ascii=False, indent=1), encoding="utf-8")
        if final.exists():  # incomplete leftover
            shutil.rmtree(final, ignore_errors=True)
        place_dir(tmp, final)
    return {"s2tw": final / "s2tw.json", "tw2s": final / "tw2s.json", "dir": final}


def phrase_keys(d: Path) -> dict[str, str]:
    """Every phrase (≥ 2 characters) of the zh-Hant chain's first step of the `build` in
    folder ``d``, with its step-1 value: the project's forward entries over OpenCC's
    STPhrases tables (as in the union)."""
    dicts = stock_dicts()
    keys: dict[str, str] = {}
    for name in ("STPhrases_GeneratedFromRegionalPhrases", "STPhrases"):
        keys.update((k, vs[0]) for k, vs in dicts[name].items() if len(k) > 1)
    for line in (d / "project_s2tw.txt").read_text(encoding="utf-8").splitlines():
        k, v = line.split("\t")
        if len(k) > 1:
            keys[k] = v
    return keys


def risky_phrases(d: Path) -> set[str]:
    """Phrases the project converter writes differently whole than character by character
    (头发 → 頭髮, not 頭發): only those can do harm when matched across a word boundary."""
    keys = sorted(phrase_keys(d))
    plain = opencc.OpenCC(str(d / "s2tw.json")).convert
    whole = plain("\n".join(keys)).split("\n")
    single = plain("\n".join(CUT.join(k) for k in keys)).replace(CUT, "").split("\n")
    return {k for k, w, c in zip(keys, whole, single) if w != c}


def build_marked(base: Path, words_key: str, guiding_words) -> Path:
    """The s2tw configuration of the fast path: that of `build`'s folder ``base``, with two changes.

    * ``guiding_words(phrases, risky)`` (jieba's dictionary words; ``words_key`` names their version)
      join the *segmentation* dictionary, so that OpenCC's longest match takes 传统 before it
      can take 统制 and phrases rarely straddle words at all. They are not conversion
      entries: inside a word OpenCC converts exactly as before.
    * every risky phrase (`risky_phrases`) writes MARK_OPEN + its conversion + MARK_CLOSE,
      so one OpenCC pass both converts and shows where the risky matches are.
    """
    key = hashlib.sha256(f"{base.name}\0{words_key}".encode()).hexdigest()[:16]
    final = base.parent / f"opencc-marked-{key}"
    if (final / "s2tw.json").is_file():
        touch(final)
        return final / "s2tw.json"
    keys = phrase_keys(base)
    risky = risky_phrases(base)
    project = dict(line.split("\t") for line in
                   (base / "project_s2tw.txt").read_text(encoding="utf-8").splitlines())
    phrases = {**keys, **project, **{k: MARK_OPEN + keys[k] + MARK_CLOSE for k in risky}}
    words = {w: w for w in guiding_words(keys, risky) if w not in keys and not any(
        c in w for c in ("\n", "\t", " ", MARK_OPEN, MARK_CLOSE, CUT))}
    tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=".build-"))
    # one dictionary per lookup (OpenCC asks every member of a group): merged, same content.
    # Darts (.ocd), not marisa (.ocd2): a lone marisa dictionary makes OpenCC's segmentation
    # ~1.6x slower than stock s2tw, a Darts one is as fast (make bench, "conversion")
    for name, mapping in (("phrases", phrases), ("segment", {**words, **phrases})):
        _write_text_dict(tmp / f"{name}.txt", mapping)
        subprocess.run([_opencc_dict_tool(), "-i", str(tmp / f"{name}.txt"), "-o", str(tmp / f"{name}.ocd"),
                        "-f", "text", "-t", "ocd"], check=True, capture_output=True)
        (tmp / f"{name}.txt").unlink()
    shutil.copy(base / "project_s2tw_keep.txt", tmp / "project_s2tw_keep.txt")
    s2tw_cfg, _ = _configs(final, _share_dir())

    def merged(name):
        return {"type": "ocd", "file": str(final / f"{name}.ocd")}
    s2tw_cfg["segmentation"]["dict"] = merged("segment")
    s2tw_cfg["conversion_chain"][0]["dict"]["dicts"][0] = merged("phrases")
    (tmp / "s2tw.json").write_text(json.dumps(s2tw_cfg, ensure_ascii=False, indent=1), encoding="utf-8")
    (tmp / "marked.json").write_text(json.dumps({"risky": len(risky), "phrases": len(keys),
                                                 "words": len(words)}), encoding="utf-8")
    if final.exists():
        shutil.rmtree(final, ignore_errors=True)
    place_dir(tmp, final)
    return final / "s2tw.json"


def build_report(tsv_path: str) -> dict:
    """What the cache build derived from the TSV (for CONVERSION.md and debugging)."""
    d = build(tsv_path)["dir"]
    report = json.loads((d / "report.json").read_text(encoding="utf-8"))
    report["cache_dir"] = str(d)
    return report
