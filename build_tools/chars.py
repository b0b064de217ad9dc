"""Character classes shared by the checks and the renderer.

May import: nothing.
"""
from __future__ import annotations

import re

# Bidi and zero-width controls can reorder or hide what a reader sees (Trojan Source);
# they are shown as visible code points instead of being acted on or dropped.
# Also C0/C1 controls (but tab and newline), soft hyphen, line/paragraph separators, tag characters.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                       "\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]")


def visible(text: str) -> str:
    """The text a reader sees for `text`: each invisible control replaced by [U+XXXX]."""
    return INVISIBLE.sub(lambda m: f"[U+{ord(m[0]):04X}]", text)
