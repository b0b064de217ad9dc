"""Text that remembers where every character came from, and a ledger of what was dropped.

The importer never edits a plain string. It works on `Line`s: each character carries
the offset of the input character it stands for. Dropping characters goes through the
`Ledger`, which records offset, kind and reason; replacing a character keeps its offset
and the ledger records why (script, punctuation, entity). At the end every input offset
is either still carried by a character of the draft or recorded as removed — `account()`
checks exactly that before anything is written.
"""
from __future__ import annotations

from dataclasses import dataclass, field

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
    kind: str  # chrome | spam | duplicate | script | typo | layout | metadata | encoding | markup
    reason: str
    line: int = 0  # input line number of the first offset (filled by the ledger)


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
    change_reasons: dict[int, tuple[str, str]] = field(default_factory=dict)  # offset → (kind, reason)
    flags: list[Flag] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
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
        """1-based input line of an offset (binary search over line starts)."""
        lo, hi = 0, len(self._line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1

    def col_of(self, offset: int) -> int:
        return offset - self._line_starts[self.line_of(offset) - 1] + 1

    # -- recording -------------------------------------------------------------------------
    def drop(self, offsets, kind: str, reason: str) -> None:
        offsets = [o for o in offsets if o >= 0]
        if offsets:
            self.removals.append(Removal(offsets, kind, reason, self.line_of(offsets[0])))

    def drop_line(self, line: Line, kind: str, reason: str) -> None:
        """Remove a whole line, its line break included."""
        offsets = list(line.src)
        if line.end is not None:
            offsets.append(line.end)
        self.drop(offsets, kind, reason)

    def cut(self, line: Line, start: int, stop: int, kind: str, reason: str) -> Line:
        """The line without text[start:stop]; the cut characters are recorded."""
        if start >= stop:
            return line
        self.drop(line.src[start:stop], kind, reason)
        return Line(line.text[:start] + line.text[stop:], line.src[:start] + line.src[stop:], line.end)

    def cut_many(self, line: Line, spans, kind: str, reason: str) -> Line:
        """Remove several non-overlapping (start, stop) spans at once."""
        spans = sorted(s for s in spans if s[0] < s[1])
        if not spans:
            return line
        text, src, pos = [], [], 0
        for start, stop in spans:
            text.append(line.text[pos:start])
            src.extend(line.src[pos:start])
            self.drop(line.src[start:stop], kind, reason)
            pos = stop
        text.append(line.text[pos:])
        src.extend(line.src[pos:])
        return Line("".join(text), src, line.end)

    def changed(self, offset: int, kind: str, reason: str) -> None:
        if offset >= 0:
            self.change_reasons.setdefault(offset, (kind, reason))

    def flag(self, offset_or_line: int, rule: str, message: str, fix: str = "", *, is_line: bool = False) -> None:
        line = offset_or_line if is_line else self.line_of(offset_or_line)
        self.flags.append(Flag(line, rule, message, fix, None if is_line else offset_or_line))

    def trim(self, line: Line, kind: str = "layout", reason: str = "leading/trailing whitespace") -> Line:
        start, stop = line.strip_offsets()
        if start == 0 and stop == len(line.text):
            return line
        line = self.cut(line, stop, len(line.text), kind, reason)
        return self.cut(line, 0, start, kind, reason)


class AccountingError(Exception):
    """Some input characters are neither in the draft nor recorded as removed (a bug)."""


def account(ledger: Ledger, kept: list[Line]) -> dict:
    """Check that every input offset is kept exactly once or removed exactly once.

    Returns the changes: {offset: (input char, draft text)} for kept characters whose text
    differs from the input. Raises AccountingError on any gap or double use.
    """
    size = len(ledger.source)
    fate = bytearray(size)  # 0 unseen, 1 kept, 2 removed
    produced: dict[int, list[str]] = {}
    for line in kept:
        last = -1
        for ch, s in zip(line.text, line.src):
            if s == NO_SOURCE:
                raise AccountingError(f"draft character {ch!r} has no input offset")
            if s == last:  # one input character became several (script conversion)
                produced[s].append(ch)
                continue
            if fate[s]:
                raise AccountingError(f"input offset {s} is used twice")
            fate[s] = 1
            produced[s] = [ch]
            last = s
        if line.end is not None:
            if fate[line.end]:
                raise AccountingError(f"line break at offset {line.end} is used twice")
            fate[line.end] = 1
            produced[line.end] = ["\n"]
    for removal in ledger.removals:
        for s in removal.offsets:
            if fate[s]:
                raise AccountingError(f"input offset {s} ({ledger.source[s]!r}) is both "
                                      f"{'kept' if fate[s] == 1 else 'removed'} and removed ({removal.reason})")
            fate[s] = 2
    missing = [i for i in range(size) if not fate[i]]
    if missing:
        i = missing[0]
        raise AccountingError(f"{len(missing)} input character(s) unaccounted for, first {ledger.source[i]!r} "
                              f"at line {ledger.line_of(i)}")
    changes = {}
    for s, chars in produced.items():
        text = "".join(chars)
        if text != ledger.source[s]:
            changes[s] = (ledger.source[s], text)
    return changes
