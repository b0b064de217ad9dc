"""Bytes → text: detect the encoding, refuse binary, split lines (LF, CRLF, CR), drop controls."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .tracked import Ledger, Line

CANDIDATES = ("utf-8", "gb18030", "big5")
BREAK = re.compile("\r\n|\r|\n")
MAX_BYTES = 64 * 1024 * 1024
# C0/C1 controls except TAB and LF (CR is handled as a line break), plus invisible
# characters that web pages leave in text: zero-width spaces/joiners, soft hyphen,
# bidi marks and embeddings, word joiner, BOM in the middle of the text.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e"
                     "\u2060-\u2064\u2066-\u2069\ufeff\ufffe]")


class Refusal(Exception):
    """The importer will not go on: the message says why and what to do."""


@dataclass
class Decoded:
    text: str
    encoding: str
    how: str  # how it was decided, for the report


def decode(data: bytes, forced: str | None = None) -> Decoded:
    if not data.strip():
        raise Refusal("the input is empty")
    if len(data) > MAX_BYTES:
        raise Refusal(f"the input is {len(data):,} bytes; over {MAX_BYTES:,} is not a policy text")
    if forced:
        try:
            return Decoded(data.decode(forced), forced, "given with --encoding")
        except LookupError:
            raise Refusal(f"unknown encoding '{forced}' (try utf-8, gb18030 or big5)") from None
        except UnicodeDecodeError as exc:
            raise Refusal(f"the input is not valid {forced} (byte 0x{data[exc.start]:02x} at offset {exc.start})") from None
    for bom, name in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), "utf-16", f"UTF-16 byte-order mark ({name})")
            except UnicodeDecodeError:
                raise Refusal("the input starts with a UTF-16 byte-order mark but is not valid UTF-16") from None
    if _looks_binary(data):
        raise Refusal("the input looks binary (NUL bytes or many control bytes): is it a PDF, Word file or "
                      "image? Copy the text out of it and save it as a .txt or .html file")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return Decoded(data.decode("utf-8"), "utf-8", "UTF-8 byte-order mark")
        except UnicodeDecodeError as exc:
            raise Refusal(f"the input starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                          f"(offset {exc.start})") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "valid UTF-8")
    except UnicodeDecodeError:
        pass
    decodable = {}
    for name in CANDIDATES[1:]:
        try:
            decodable[name] = data.decode(name)
        except UnicodeDecodeError:
            continue
    if not decodable:
        raise Refusal("cannot tell the encoding: the input is not valid UTF-8, GB18030/GBK or Big5; "
                      "re-save it as UTF-8, or name the encoding with --encoding")
    if len(decodable) == 1:
        name, text = next(iter(decodable.items()))
        return Decoded(text, name, f"only {name} decodes it")
    scores = {name: _score(text) for name, text in decodable.items()}
    best = max(scores, key=scores.get)
    other = min(scores, key=scores.get)
    if scores[best] - scores[other] < 0.15:
        guess = _charset_normalizer_guess(data)
        if guess in decodable:
            return Decoded(decodable[guess], guess, f"both GB18030 and Big5 decode it; charset-normalizer chose {guess}")
        raise Refusal("cannot tell whether the input is GB18030/GBK or Big5 (both decode it and neither reads "
                      "clearly better); pass --encoding gb18030 or --encoding big5")
    return Decoded(decodable[best], best,
                   f"both GB18030 and Big5 decode it; {best} reads as common Chinese "
                   f"({scores[best]:.0%} vs {scores[other]:.0%})")


def _looks_binary(data: bytes) -> bool:
    head = data[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12, 27))
    return controls > max(8, len(head) // 50)


# The 300 most frequent characters of modern Chinese official prose (Simplified and
# Traditional forms). Text decoded with the right codec is full of them; the wrong codec
# gives rare characters and symbols.
_COMMON = set(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而"
    "方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应"
    "开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命"
    "此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求"
    "老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光"
    "门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联认六共权收证改清己美再采转更单风切打白教速花"
    "带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段"
    "研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳"
    "便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京"
    "识适属圆包火住调满县局照参红细引听该铁价严龙飞"
    "這個們時來為動過說產種後現實學經進對會與關發點從業還當開無樣體數應機質氣題條並設總結問變義論電長頭處隊導則"
    "據際證確達義報類離華記溫廣積驗難礦鐵龍飛團歷稱標準號響維劃選寫縣團屬圓專狀廠調價嚴"
)


def _score(text: str) -> float:
    cjk = [c for c in text if "\u4e00" <= c <= "\u9fff"]
    others = sum(1 for c in text if ord(c) > 0x7f and not ("\u4e00" <= c <= "\u9fff")
                 and c not in "，。、；：？！“”‘’（）《》〔〕【】—…·　")
    if not cjk:
        return 0.0
    common = sum(1 for c in cjk if c in _COMMON)
    return common / (len(cjk) + others)


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - declared dependency
        return None
    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is None:
        return None
    return {"gb18030": "gb18030", "big5": "big5"}.get(best.encoding)


def split_lines(ledger: Ledger) -> list[Line]:
    """Lines of the decoded text; LF, CRLF and lone CR end a line. The BOM and controls are dropped."""
    text = ledger.source
    lines: list[Line] = []
    start = 0
    for m in BREAK.finditer(text):
        i = m.start()
        if m.group(0) == "\r\n":
            ledger.drop([i], "crlf", "CR of a CRLF line ending")
            end = i + 1
        else:
            end = i
            if m.group(0) == "\r":
                ledger.changed(i, "lone-cr", "lone CR line ending read as a line break")
        lines.append(Line(text[start:i], list(range(start, i)), end))
        start = m.end()
    if start < len(text):
        lines.append(Line(text[start:], list(range(start, len(text))), None))
    return [_drop_controls(line, ledger) for line in lines]


def _drop_controls(line: Line, ledger: Ledger) -> Line:
    spans = [(m.start(), m.end()) for m in CONTROL.finditer(line.text)]
    if not spans:
        return line
    if spans[0] == (0, 1) and line.src[0] == 0 and line.text[0] == "\ufeff":
        line = ledger.cut(line, 0, 1, "bom", "byte-order mark (encoding signature, not text)")
        spans = [(m.start(), m.end()) for m in CONTROL.finditer(line.text)]
    return ledger.cut_many(line, spans, "control", "invisible control character")
