"""Reading content files safely: size, NUL bytes, BOM, encoding, line endings, line length."""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report

# Limits (README "Limits"): generous for real documents, small enough to stop accidents early.
MAX_FILE_BYTES = 512 * 1024  # the largest plan is 40 KB, the registry 18 KB: 512 KB is a web dump or a binary
MAX_LINE_CHARS = 5_000  # one paragraph per line; the longest real one is 565 characters
# Build time grows with pages and paragraphs: a plan is refused past these (the largest real
# plan has 87 paragraphs and 35 tasks; a 100,000-paragraph file is a pasted dump, not a plan).
MAX_PARAGRAPHS_PER_PLAN = 3_000
MAX_TASKS_PER_PLAN = 1_000


def read_text(path: Path, shown: str, report: Report, allow_empty: bool = False) -> str | None:
    """UTF-8 text of a content file, or None with a located error. `allow_empty`: a blank file
    is valid (an empty list), not a mistake."""
    if not path.is_file():  # a folder, a FIFO (reading it would block), a broken link
        report.add(shown, 1, "file-unreadable", "not a regular file" + (" (a folder)" if path.is_dir() else ""),
                   "make it a readable regular file")
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        report.add(shown, 1, "file-unreadable", f"cannot read the file ({exc.strerror or exc})",
                   "make it a readable regular file")
        return None
    if not data.strip() and not allow_empty:
        report.add(shown, 1, "file-empty", "the file is empty", "write the source or delete the file")
        return None
    if len(data) > MAX_FILE_BYTES:
        report.add(shown, 1, "file-too-large", f"{len(data):,} bytes is over the {MAX_FILE_BYTES:,}-byte limit",
                   "split the document or check that the file is really a plan source")
        return None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        report.add(shown, line, "file-binary", "the file contains NUL bytes (binary, or UTF-16)",
                   "save it as UTF-8 text")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        report.add(shown, 1, "file-bom", "the file starts with a UTF-8 byte-order mark",
                   "save it as UTF-8 without BOM")
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = len(data[data.rfind(b"\n", 0, exc.start) + 1: exc.start].decode("utf-8", "replace")) + 1
        report.add(shown, line, "file-encoding", f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                   "re-save the file as UTF-8 (the importer converts GB18030/Big5)", col=col)
        return None
    if "\r" in text:
        report.add(shown, text[: text.index("\r")].count("\n") + 1, "line-endings",
                   "CR or CRLF line endings", "save with LF line endings")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), 1):
        if len(line) > MAX_LINE_CHARS:
            report.add(shown, number, "line-too-long", f"line has {len(line):,} characters (limit {MAX_LINE_CHARS:,})",
                       "split it into paragraphs, one per line")
    return text
