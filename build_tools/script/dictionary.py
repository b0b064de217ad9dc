"""The project conversion dictionary, content/script/phrases.tsv (CONVERSION.md):
``simplified<TAB>traditional<TAB>kind: reason`` per line, ``#`` comments.

Problems are data (`Problem`: line, message), so that check reports them located."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# Entry kinds (first word of the reason column, before a colon).
#   style, sense: apply wherever the Simplified string occurs, also inside OpenCC's own
#                 longer phrases (the cache build rewrites those phrases accordingly).
#   word, fix:    apply to exactly this string; OpenCC's longer phrases keep their reading.
PROPAGATING_KINDS = frozenset({"style", "sense"})
KINDS = PROPAGATING_KINDS | {"word", "fix"}


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
    for n, raw in enumerate(text.splitlines(), 1):
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
        if not s or not t or re.search(r"\s", s + t):
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
