"""The draft's items (shared by structure reading, metadata and rendering) and the addressee-line test."""
from __future__ import annotations

from dataclasses import dataclass

from .tracked import Line

ADDRESSEE_START = ("各", "有关", "国务院", "中央", "省", "市", "县")


@dataclass
class Item:
    kind: str  # paragraph | chapter | task | heading
    line: Line
    fence: str | None = None  # notice | signature | annex | closing


def is_addressee(text: str) -> bool:
    return text.endswith(("：", ":")) and text.startswith(ADDRESSEE_START) and 4 <= len(text) <= 400
