"""The project conversion dictionary, content/script/phrases.tsv (CONVERSION.md):
``simplified<TAB>traditional<TAB>kind: reason`` per line, ``#`` comments.

Problems are data (`Problem`: line, message), so that check reports them located."""
from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass
from pathlib import Path


# Entry kinds (first word of the reason column, before a colon).
#   style, sense: apply wherever the Simplified string occurs, also inside OpenCC's own
#                 longer phrases (the cache build rewrites those phrases accordingly).
#   word, fix:    apply to exactly this string; OpenCC's longer phrases keep their reading.
PROPAGATING_KINDS = frozenset({"style", "sense"})
KINDS = PROPAGATING_KINDS | {"word", "fix"}

# Conversion runs over rendered pages (HTML, Markdown, YAML front matter) and lands in
# attributes and titles: an entry holds no ASCII punctuation (each has a meaning there:
# < & " ' \\ { [ ( : …) and nothing a reader cannot see.
MARKUP_CHARS = frozenset(string.punctuation)


def unsafe_char(phrase: str) -> str | None:
    """The first character of `phrase` a dictionary entry must not contain, or None."""
    for ch in phrase:
        # controls, format characters (zero-width, bidi), private use, unassigned, line separators
        if ch in MARKUP_CHARS or unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"):
            return ch
    return None


@dataclass(frozen=True)
class Entry:
    simplified: str
    traditional: str
    kind: str
    reason: str
    line: int


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


class DictionaryError(ValueError):
    def __init__(self, path: Path, problems: list[Problem]):
        super().__init__("invalid conversion dictionary:\n  "
                         + "\n  ".join(f"{path.name}:{p.line}: {p.message}" for p in problems))
        self.path, self.problems = path, problems


def read_phrases(text: str) -> tuple[list[Entry], list[Problem]]:
    """Every entry of the dictionary text, and every problem, by line."""
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for n, raw in enumerate(text.split("\n"), 1):  # not splitlines(): \x0b, \x85 … are not line breaks here
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) != 3:
            problems.append(Problem(n, f"expected 3 tab-separated columns, got {len(cols)}"))
            continue
        s, t, reason = (c.strip() for c in cols)
        kind = reason.split(":", 1)[0].strip() if ":" in reason else ""
        if kind not in KINDS:
            problems.append(Problem(n, f"reason must start with one of {sorted(KINDS)} and ':'"))
        bad = unsafe_char(cols[0].strip(" ") + cols[1].strip(" "))
        if bad is not None:
            problems.append(Problem(n, f"U+{ord(bad):04X} ({bad!r}) in a phrase: markup, quotes, backslash, control "
                                       "and invisible characters are not allowed (write Chinese text only)"))
        elif not s or not t or re.search(r"\s", s + t):
            problems.append(Problem(n, "empty column or whitespace inside a phrase"))
        elif len(s) != len(t):
            problems.append(Problem(n, f"{s} and {t} differ in length (conversion is character for character)"))
        if s in seen:
            problems.append(Problem(n, f"{s} already defined on line {seen[s]}"))
        seen[s] = n
        entries.append(Entry(s, t, kind, reason, n))
    return entries, problems


def load_phrases(path: Path) -> list[Entry]:
    """The entries of a valid dictionary file; DictionaryError (with every problem) otherwise."""
    path = Path(path)
    entries, problems = read_phrases(path.read_text(encoding="utf-8"))
    if problems:
        raise DictionaryError(path, problems)
    return entries
