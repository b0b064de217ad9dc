"""Script conversion between canonical Simplified (zh-Hans) and the zh-Hant variant.

zh-Hant is OpenCC ``s2tw`` (Taiwan glyphs, mainland vocabulary kept: 信息, 軟件) plus the
project phrase dictionary ``content/script/phrases.tsv``; Traditional or mixed input is
normalised to Simplified with OpenCC ``tw2s`` plus the same dictionary read backwards.
The dictionary is loaded *into* OpenCC: at first use this module writes a custom OpenCC
configuration (JSON + text dictionaries) into a cache directory keyed by the hash of the
TSV, of this file and of the OpenCC installation, and OpenCC does all matching (longest
match across the project and the stock dictionaries). Nothing is string-replaced after
conversion. See CONVERSION.md for the house style and how to add an entry.

Escape hatch (CONTENT_FORMAT.md): ``-{text}-`` keeps ``text`` unconverted;
``-{zh-Hans:简;zh-Hant:繁}-`` gives a fixed form per variant. Markers never reach output.

Public API (imported by the renderer, the importer and the data export):
``to_hant``, ``to_hans``, ``convert``, ``strip_markers``, ``script_violations``, ``Violation``.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[1]
PHRASES_TSV = ROOT / "content" / "script" / "phrases.tsv"
VARIANTS = ("zh-Hans", "zh-Hant")

# Entry kinds (first word of the reason column, before a colon).
#   style, sense: apply wherever the Simplified string occurs, also inside OpenCC's own
#                 longer phrases (the cache build rewrites those phrases accordingly).
#   word, fix:    apply to exactly this string; OpenCC's longer phrases keep their reading.
PROPAGATING_KINDS = frozenset({"style", "sense"})
KINDS = PROPAGATING_KINDS | {"word", "fix"}

# Characters that OpenCC's tables accept in Simplified text (a rare reading exists: 於 as a
# surname, 徵 as a musical note, 乾 in 乾坤, 夥 'many') but that in policy prose only ever
# appear as Traditional leftovers (关於, 徵求, 乾燥, 夥伴). Flagged in zh-Hans text.
HANS_PRACTICALLY_TRADITIONAL = frozenset("於徵乾夥")

_STOCK_DICTS = ("STCharacters", "STPhrases", "STPhrases_GeneratedFromRegionalPhrases",
                "TWVariants", "TSCharacters", "TSCharactersExt", "TWVariantsRev", "TWVariantsRevPhrases",
                "HKVariants")


# --------------------------------------------------------------------------------------
# Escape hatch
# --------------------------------------------------------------------------------------
_MARKER = re.compile(r"-\{(.*?)\}-", re.S)
_PAIR = re.compile(r"\s*zh-(Hans|Hant)\s*:(.*?);\s*zh-(Hans|Hant)\s*:(.*)", re.S)


def _pieces(text: str):
    """Split text into ('text', s, offset) | ('raw', s, offset, whole) | ('pair', {variant: (s, offset)}, whole).

    ``whole`` is the marker as written (kept verbatim by to_hans)."""
    out = []
    pos = 0
    for m in _MARKER.finditer(text):
        if m.start() > pos:
            out.append(("text", text[pos:m.start()], pos))
        body = m.group(1)
        body_off = m.start(1)
        if body.lstrip().startswith(("zh-Hans", "zh-Hant")):
            p = _PAIR.fullmatch(body)
            if not p or p.group(1) == p.group(3):
                raise ValueError(f"malformed -{{zh-Hans:…;zh-Hant:…}}- marker at offset {m.start()}: "
                                 f"{m.group(0)[:60]!r}")
            parts = {f"zh-{p.group(1)}": (p.group(2), body_off + p.start(2)),
                     f"zh-{p.group(3)}": (p.group(4), body_off + p.start(4))}
            out.append(("pair", parts, m.group(0)))
        else:
            out.append(("raw", body, body_off, m.group(0)))
        pos = m.end()
    if pos < len(text):
        out.append(("text", text[pos:], pos))
    for piece in out:
        if piece[0] == "text" and "-{" in piece[1]:
            at = piece[2] + piece[1].index("-{")
            raise ValueError(f"unterminated -{{ marker at offset {at}: {text[at:at + 30]!r}")
    return out


def strip_markers(text: str, variant: str = "zh-Hans") -> str:
    """Resolve escape-hatch markers to their ``variant`` form; no conversion at all."""
    _check_variant(variant)
    if "-{" not in text:
        return text
    buf = []
    for piece in _pieces(text):
        if piece[0] == "text":
            buf.append(piece[1])
        elif piece[0] == "raw":
            buf.append(piece[1])
        else:
            buf.append(piece[1][variant][0])
    return "".join(buf)


def _check_variant(variant: str) -> None:
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant {variant!r}; expected one of {VARIANTS}")


# --------------------------------------------------------------------------------------
# Public conversion API
# --------------------------------------------------------------------------------------
def convert(text: str, variant: str) -> str:
    """Text for readers of ``variant``: zh-Hans = canonical text with markers resolved,
    zh-Hant = converted (s2tw + project dictionary), marker contents left as written."""
    _check_variant(variant)
    if variant == "zh-Hans":
        return strip_markers(text, "zh-Hans")
    hant = _converter("s2tw").convert
    if "-{" not in text:
        return hant(text)
    buf = []
    for piece in _pieces(text):
        if piece[0] == "text":
            buf.append(hant(piece[1]))
        elif piece[0] == "raw":
            buf.append(piece[1])
        else:
            buf.append(piece[1]["zh-Hant"][0])
    return "".join(buf)


def to_hant(text: str) -> str:
    """Canonical Simplified → zh-Hant (Taiwan glyphs, mainland vocabulary, house style)."""
    return convert(text, "zh-Hant")


def to_hans(text: str) -> str:
    """Traditional or mixed text → canonical Simplified (tw2s + project dictionary reversed).

    Produces *canonical content*, so escape-hatch markers are kept verbatim (their contents
    unconverted), unlike ``convert`` which resolves them for readers."""
    hans = _converter("tw2s").convert
    if "-{" not in text:
        return hans(text)
    buf = []
    for piece in _pieces(text):
        if piece[0] == "text":
            buf.append(hans(piece[1]))
        else:
            buf.append(piece[3] if piece[0] == "raw" else piece[2])
    return "".join(buf)


# --------------------------------------------------------------------------------------
# Script checks
# --------------------------------------------------------------------------------------
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


def script_violations(text: str, variant: str) -> list[Violation]:
    """Characters that do not belong in ``variant``.

    zh-Hant: Simplified-only characters (keys of OpenCC STCharacters never used as a
    Traditional form), OpenCC-standard forms Taiwan does not use (爲 羣 衆 覈 裏 綫 …: the
    s2t/s2tw difference plus Hong Kong-only forms), and forms the house style replaces
    (秘→祕, 賬→帳, 佈→布, 鑒→鑑). zh-Hans: Traditional-only characters (keys of OpenCC
    TSCharacters / TWVariantsRev never used as a Simplified form, plus 於 徵 乾 夥).
    Contents of ``-{…}-`` are skipped; in ``-{zh-Hans:…;zh-Hant:…}-`` each part is checked
    against its own variant."""
    _check_variant(variant)
    out: list[Violation] = []
    if "-{" not in text:
        _scan(text, 0, variant, text, out)
        return out
    for piece in _pieces(text):
        if piece[0] == "text":
            _scan(piece[1], piece[2], variant, text, out)
        elif piece[0] == "pair":
            for v, (part, off) in piece[1].items():
                _scan(part, off, v, text, out)
    out.sort(key=lambda v: v.offset)
    return out


def _scan(part: str, base: int, variant: str, whole: str, out: list) -> None:
    tables = _tables()
    pattern = tables["hant_re"] if variant == "zh-Hant" else tables["hans_re"]
    reasons = tables["hant_reason"] if variant == "zh-Hant" else tables["hans_reason"]
    fix = _converter("s2tw" if variant == "zh-Hant" else "tw2s").convert
    for m in pattern.finditer(part):
        off = base + m.start()
        ch = m.group(0)
        ctx = whole[max(0, off - 5):off + 6].replace("\n", " ")
        out.append(Violation(off, ch, ctx, reasons.get(ch, ""), fix(ch)))


def hant_forbidden() -> frozenset[str]:
    """Characters script_violations rejects in zh-Hant text."""
    return _tables()["hant_bad"]


def hans_forbidden() -> frozenset[str]:
    """Characters script_violations rejects in zh-Hans text."""
    return _tables()["hans_bad"]


# --------------------------------------------------------------------------------------
# The dictionary
# --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Entry:
    simplified: str
    traditional: str
    kind: str
    reason: str
    line: int


def load_phrases(path: Path | str = PHRASES_TSV) -> list[Entry]:
    """Parse phrases.tsv (``simplified<TAB>traditional<TAB>kind: reason``; # comments)."""
    path = Path(path)
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    errors: list[str] = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) != 3:
            errors.append(f"{path.name}:{n}: expected 3 tab-separated columns, got {len(cols)}")
            continue
        s, t, reason = (c.strip() for c in cols)
        kind = reason.split(":", 1)[0].strip() if ":" in reason else ""
        if kind not in KINDS:
            errors.append(f"{path.name}:{n}: reason must start with one of {sorted(KINDS)} and ':'")
        if not s or not t or re.search(r"\s", s + t):
            errors.append(f"{path.name}:{n}: empty column or whitespace inside a phrase")
        elif len(s) != len(t):
            errors.append(f"{path.name}:{n}: {s} and {t} differ in length (conversion is character for character)")
        if s in seen:
            errors.append(f"{path.name}:{n}: {s} already defined on line {seen[s]}")
        seen[s] = n
        entries.append(Entry(s, t, kind, reason, n))
    if errors:
        raise ValueError("invalid conversion dictionary:\n  " + "\n  ".join(errors))
    return entries


@lru_cache(maxsize=None)
def _converter(direction: str, tsv: str | None = None) -> opencc.OpenCC:
    """OpenCC with the project dictionary: direction 's2tw' (→zh-Hant) or 'tw2s' (→zh-Hans).

    ``tsv`` selects another dictionary file (tests); default content/script/phrases.tsv."""
    return opencc.OpenCC(str(_build(tsv or str(PHRASES_TSV))[direction]))


def converter_for(tsv: Path | str, direction: str = "s2tw") -> opencc.OpenCC:
    """An OpenCC converter built from an arbitrary dictionary file (same build as the site's)."""
    return _converter(direction, str(Path(tsv).resolve()))


@lru_cache(maxsize=None)
def _stock(config: str) -> opencc.OpenCC:
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


def _cache_root() -> Path:
    env = os.environ.get("POLICYREF_CACHE_DIR")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policyref"
    try:
        base.mkdir(parents=True, exist_ok=True)
        probe = tempfile.NamedTemporaryFile(dir=base, delete=True)
        probe.close()
        return base
    except OSError:
        fallback = Path(tempfile.gettempdir()) / f"policyref-cache-{os.getuid() if hasattr(os, 'getuid') else 'u'}"
        fallback.mkdir(parents=True, exist_ok=True)
        return fallback


def _publish(tmp: Path, final: Path) -> None:
    """Atomically move a freshly built directory into place (another process may win)."""
    try:
        os.replace(tmp, final)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not final.is_dir():
            raise


@lru_cache(maxsize=1)
def _stock_dicts() -> dict[str, dict[str, list[str]]]:
    """OpenCC's own dictionaries as {key: [values]}, dumped once per OpenCC installation."""
    share = _share_dir()
    stamp = hashlib.sha256()
    stamp.update(opencc.__version__.encode())
    for name in _STOCK_DICTS:
        f = share / f"{name}.ocd2"
        stamp.update(f"{f}:{f.stat().st_size}:{f.stat().st_mtime_ns}".encode())
    final = _cache_root() / f"opencc-dump-{stamp.hexdigest()[:16]}"
    if not all((final / f"{n}.txt").is_file() for n in _STOCK_DICTS):
        tool = _opencc_dict_tool()
        tmp = Path(tempfile.mkdtemp(dir=final.parent, prefix=".dump-"))
        for name in _STOCK_DICTS:
            subprocess.run([tool, "-i", str(share / f"{name}.ocd2"), "-o", str(tmp / f"{name}.txt"),
                            "-f", "ocd2", "-t", "text"], check=True, capture_output=True)
        if final.exists():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            _publish(tmp, final)
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
    stock = _stock_dicts()
    t2tw = _stock("t2tw").convert
    tw2s = _stock("tw2s").convert
    s2tw = _stock("s2tw").convert
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
            for k, vs in stock[name].items():
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
    for k, vs in stock["STCharacters"].items():
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
    s2tw = {
        "name": "s2tw + policyref phrases (content/script/phrases.tsv)",
        "normalization": normalization,
        "segmentation": {"type": "mmseg", "dict": union(
            txt("project_s2tw.txt"), ocd("STPhrases"), ocd("STPhrases_GeneratedFromRegionalPhrases"))},
        "conversion_chain": [
            {"dict": first(union(txt("project_s2tw.txt"), ocd("STPhrases"),
                                 ocd("STPhrases_GeneratedFromRegionalPhrases")),
                           ocd("STCharacters"))},
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


@lru_cache(maxsize=None)
def _build(tsv_path: str = str(PHRASES_TSV)) -> dict[str, Path]:
    """Write (once per TSV/code/OpenCC version) and return the two OpenCC config paths."""
    tsv = Path(tsv_path).read_bytes()
    share = _share_dir()
    key = hashlib.sha256(b"\0".join([tsv, Path(__file__).read_bytes(), opencc.__version__.encode(),
                                     str(share).encode()])).hexdigest()[:16]
    final = _cache_root() / f"opencc-{key}"
    if not (final / "s2tw.json").is_file() or not (final / "tw2s.json").is_file():
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
        _publish(tmp, final)
    return {"s2tw": final / "s2tw.json", "tw2s": final / "tw2s.json", "dir": final}


def build_report() -> dict:
    """What the cache build derived from the TSV (for CONVERSION.md and debugging)."""
    d = _build()["dir"]
    report = json.loads((d / "report.json").read_text(encoding="utf-8"))
    report["cache_dir"] = str(d)
    return report


@lru_cache(maxsize=1)
def _tables() -> dict:
    stock = _stock_dicts()
    t2tw = _stock("t2tw").convert
    st, tw, hk = stock["STCharacters"], stock["TWVariants"], stock["HKVariants"]
    ts, tsx, twr = stock["TSCharacters"], stock["TSCharactersExt"], stock["TWVariantsRev"]
    entries = load_phrases(PHRASES_TSV)
    project_out = {c for e in entries for c in e.traditional}

    st_values = {v for vs in st.values() for v in vs}
    tw_values = {v for vs in tw.values() for v in vs}
    hant_reason: dict[str, str] = {}
    for k in st:
        if len(k) == 1 and k not in st_values and k not in tw_values:
            hant_reason[k] = "Simplified-only character"
    for k, vs in tw.items():
        if len(k) == 1 and k not in vs:
            hant_reason[k] = "OpenCC-standard form not used in Taiwan (s2t ≠ s2tw)"
    for k, vs in hk.items():
        for v in vs:
            if len(v) == 1 and v != k and v not in st_values and v not in tw_values:
                hant_reason[v] = "Hong Kong form, not used in Taiwan"
    for e in entries:  # forms the house style replaces (秘, 賬, 佈, 鑒)
        if len(e.simplified) == 1 and e.kind in PROPAGATING_KINDS:
            alts = set(st.get(e.simplified, [])) | {t2tw(a) for a in st.get(e.simplified, [])}
            for a in alts - {e.traditional}:
                others = {k for k, vs in st.items() if k != e.simplified and ord(k) < 0x20000
                          and (a in vs or a in {t2tw(v) for v in vs})}
                if not others:
                    hant_reason[a] = f"house style writes {e.traditional}"
    for c in project_out:
        hant_reason.pop(c, None)

    # zh-Hans: a character is Traditional-only when tw2s always replaces it: its TS/TSExt
    # mapping never keeps it, or TWVariantsRev maps it away and no tw2s phrase keeps it (著
    # survives in 显著, so it is not flagged).
    ts_values = {v for d in (ts, tsx) for vs in d.values() for v in vs}
    kept_by_phrases = {c for vs in stock["TWVariantsRevPhrases"].values() for v in vs for c in v}
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


# --------------------------------------------------------------------------------------
# Command line (editors): python -m build_tools.convert {hant|hans|check-hant|check-hans|report} [FILE…]
# --------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m build_tools.convert", description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["hant", "hans", "check-hant", "check-hans", "report"])
    ap.add_argument("files", nargs="*", help="files to read (default: stdin)")
    args = ap.parse_args(argv)
    if args.command == "report":
        r = build_report()
        print(f"cache: {r['cache_dir']}")
        print(f"derived entries: {len(r['derived'])}")
        for d in r["derived"]:
            print(f"  {d['simplified']}\t{d['opencc']} → {d['project']}\t(via {'、'.join(d['via'])})")
        for s in r["skipped"]:
            print(f"  skipped: {s}")
        print(f"entries s2tw already gets right: {len(r['redundant'])}")
        return 0
    texts = [(f, Path(f).read_text(encoding="utf-8")) for f in args.files] or [("-", sys.stdin.read())]
    status = 0
    for name, text in texts:
        if args.command == "hant":
            sys.stdout.write(to_hant(text))
        elif args.command == "hans":
            sys.stdout.write(to_hans(text))
        else:
            variant = "zh-Hant" if args.command == "check-hant" else "zh-Hans"
            for v in script_violations(text, variant):
                line = text.count("\n", 0, v.offset) + 1
                print(f"{name}:{line}: {v}")
                status = 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
