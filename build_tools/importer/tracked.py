"""Text that remembers where every character came from, and a ledger of what was dropped.

The importer never edits a plain string. It works on `Line`s: each character carries
the offset of the input character it stands for. Dropping characters goes through the
`Ledger`, which records offset, reason key (reasons.py) and detail; replacing a character keeps its offset
and the ledger records why (script, punctuation, entity). At the end every input offset
is either still carried by a character of the draft or recorded as removed — `account()`
checks exactly that before anything is written.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from .reasons import kind_of

NO_SOURCE = -1  # a character the importer made (a space replacing an HTML line break)


@dataclass
class Line:
    """One line of text under work. `end` is the offset of the input line break that ended it."""

    text: str
    src: list[int]
    end: int | None = None

    def __post_init__(self) -> None:
        assert len(self.text) == len(self.src), "text and source offsets must align"

    @property
    def first(self) -> int:
        """Offset of the first input character (for messages), or of the line break."""
        for s in self.src:
            if s >= 0:
                return s
        return self.end if self.end is not None else 0

    def slice(self, start: int, stop: int | None = None, end: int | None = None) -> "Line":
        stop = len(self.text) if stop is None else stop
        return Line(self.text[start:stop], self.src[start:stop], end)

    def strip_offsets(self) -> tuple[int, int]:
        """(start, stop) of the line without surrounding whitespace."""
        text = self.text
        start, stop = 0, len(text)
        while start < stop and text[start] in WHITESPACE:
            start += 1
        while stop > start and text[stop - 1] in WHITESPACE:
            stop -= 1
        return start, stop


WHITESPACE = " \t\u00a0\u3000\u2002\u2003\u2009\u200a\u202f\u205f\u1680\x0b\x0c"


@dataclass
class Removal:
    offsets: list[int]
    key: str  # a key of reasons.REASONS: what the cleaning entry says
    reason: str  # English detail for the report
    line: int = 0  # input line number of the first offset (filled by the ledger)

    @property
    def kind(self) -> str:
        return kind_of(self.key)


@dataclass
class Flag:
    """A spot the importer could not decide; the report shows it with its input line."""

    line: int
    rule: str
    message: str
    fix: str = ""
    offset: int | None = None  # the input character it is about (None: the whole document)


@dataclass
class Ledger:
    """Everything done to the input text, by offset. `source` is the decoded input."""

    source: str
    removals: list[Removal] = field(default_factory=list)
    change_reasons: dict[int, tuple[str, str]] = field(default_factory=dict)  # offset → (key, reason)
    bulk_changes: list[tuple[set, tuple[str, str]]] = field(default_factory=list)  # (offsets, (key, reason))
    flags: list[Flag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    registry_entries: dict[str, str] = field(default_factory=dict)  # unknown agency name → YAML to paste
    _line_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        starts = [0]
        find = self.source.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self._line_starts = starts

    # -- positions -------------------------------------------------------------------------
    def line_of(self, offset: int) -> int:
        """1-based input line of an offset."""
        return bisect_right(self._line_starts, offset)

    def col_of(self, offset: int) -> int:
        return offset - self._line_starts[self.line_of(offset) - 1] + 1

    # -- recording -------------------------------------------------------------------------
    def drop(self, offsets, key: str, reason: str) -> None:
        kind_of(key)  # an unknown key fails here, where it is recorded
        offsets = [o for o in offsets if o >= 0]
        if offsets:
            self.removals.append(Removal(offsets, key, reason, self.line_of(offsets[0])))

    def drop_line(self, line: Line, key: str, reason: str) -> None:
        """Remove a whole line, its line break included."""
        offsets = list(line.src)
        if line.end is not None:
            offsets.append(line.end)
        self.drop(offsets, key, reason)

    def cut(self, line: Line, start: int, stop: int, key: str, reason: str) -> Line:
        """The line without text[start:stop]; the cut characters are recorded."""
        if start >= stop:
            return line
        self.drop(line.src[start:stop], key, reason)
        return Line(line.text[:start] + line.text[stop:], line.src[:start] + line.src[stop:], line.end)

    def cut_many(self, line: Line, spans, key: str, reason: str) -> Line:
        """Remove several non-overlapping (start, stop) spans at once."""
        spans = sorted(s for s in spans if s[0] < s[1])
        if not spans:
            return line
        text, src, pos = [], [], 0
        for start, stop in spans:
            text.append(line.text[pos:start])
            src.extend(line.src[pos:start])
            self.drop(line.src[start:stop], key, reason)
            pos = stop
        text.append(line.text[pos:])
        src.extend(line.src[pos:])
        return Line("".join(text), src, line.end)

    def changed(self, offset: int, key: str, reason: str) -> None:
        kind_of(key)
        if offset >= 0:
            self.change_reasons.setdefault(offset, (key, reason))

    def changed_many(self, offsets, key: str, reason: str) -> None:
        """Record one reason for many offsets at once (script conversion changes most characters)."""
        kind_of(key)
        value = (key, reason)
        for group, known in self.bulk_changes:
            if known == value:
                group.update(offsets)
                return
        self.bulk_changes.append((set(offsets), value))

    def reasons_for(self, offsets) -> dict[int, tuple[str, str]]:
        """(key, reason) of each changed offset, fast for many offsets."""
        wanted = set(offsets)
        out: dict[int, tuple[str, str]] = dict.fromkeys(wanted, ("other-layout", "changed"))
        for group, value in reversed(self.bulk_changes):
            out.update(dict.fromkeys(wanted & group, value))
        out.update({o: self.change_reasons[o] for o in wanted & self.change_reasons.keys()})
        return out

    def change_reason(self, offset: int) -> tuple[str, str]:
        found = self.change_reasons.get(offset)
        if found:
            return found
        for group, value in self.bulk_changes:
            if offset in group:
                return value
        return ("other-layout", "changed")

    def flag(self, offset_or_line: int, rule: str, message: str, fix: str = "", *, is_line: bool = False) -> None:
        line = offset_or_line if is_line else self.line_of(offset_or_line)
        self.flags.append(Flag(line, rule, message, fix, None if is_line else offset_or_line))

    def trim(self, line: Line, key: str = "indentation", reason: str = "leading/trailing whitespace") -> Line:
        start, stop = line.strip_offsets()
        if start == 0 and stop == len(line.text):
            return line
        line = self.cut(line, stop, len(line.text), key, reason)
        return self.cut(line, 0, start, key, reason)


class AccountingError(Exception):
    """Some input characters are neither in the draft nor recorded as removed (a bug)."""


def account(ledger: Ledger, kept: list[Line]) -> dict:
    """Check that every input offset is kept exactly once or removed exactly once.

    Returns the changes: {offset: (input char, draft text)} for kept characters whose text
    differs from the input. Raises AccountingError on any gap or double use.
    (Written for speed: a 1 MB input has ~350,000 characters.)
    """
    source = ledger.source
    size = len(source)
    count = bytearray(size)
    changes: dict[int, tuple[str, str]] = {}
    at = source.__getitem__
    for line in kept:
        src, text = line.src, line.text
        if NO_SOURCE in src:
            raise AccountingError(f"draft character {text[src.index(NO_SOURCE)]!r} has no input offset")
        if len(set(src)) == len(src):
            for s in src:
                count[s] += 1
            original = "".join(map(at, src))
            if original != text:
                changes.update({s: (b, a) for s, a, b in zip(src, text, original) if a != b})
        else:  # one input character became several (script conversion): group them
            groups: list[list] = []
            for ch, s in zip(text, src):
                if groups and groups[-1][0] == s:
                    groups[-1][1] += ch
                else:
                    groups.append([s, ch])
            for s, out in groups:
                count[s] += 1
                if out != source[s]:
                    changes[s] = (source[s], out)
        if line.end is not None:
            count[line.end] += 1
            if source[line.end] != "\n":
                changes[line.end] = (source[line.end], "\n")
    kept_count = bytes(count)
    for removal in ledger.removals:
        for s in removal.offsets:
            if count[s]:
                what = "kept" if kept_count[s] else "removed"
                raise AccountingError(f"input offset {s} ({source[s]!r}) is both {what} and removed "
                                      f"({removal.reason})")
            count[s] = 1
    if size and max(count) > 1:
        s = next(i for i, c in enumerate(count) if c > 1)
        raise AccountingError(f"input offset {s} ({source[s]!r}) is used twice")
    missing = count.find(0)
    if missing >= 0:
        raise AccountingError(f"{count.count(0)} input character(s) unaccounted for, first {source[missing]!r} "
                              f"at line {ledger.line_of(missing)}")
    return changes
