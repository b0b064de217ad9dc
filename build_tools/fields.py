"""Typed declarations of source-file fields (front matter, registry entries) and their value checks.

A field is declared once, on its entity in `model` (dataclass field metadata, see
`source_field`); `read.schema` checks source files against those declarations.

May import: nothing.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Callable

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}(?:-\d{2}-\d{2})?$")


def short(value, limit: int = 60) -> str:
    """repr() of a value for a message, cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Field:
    name: str
    kind: type | tuple
    required: bool = True
    check: Callable[[Any], str | None] | None = None  # returns a problem or None
    hint: str = ""
    coerce: Callable[[Any], Any] | None = None  # source value → model value (e.g. a YAML int date → str)


def type_name(kind) -> str:
    return kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)


def is_id(value) -> str | None:
    return None if ID_RE.match(value) else f"'{value}' is not an ASCII id (a-z, 0-9, single hyphens)"


def is_text(value) -> str | None:
    return None if value.strip() else "must not be empty"


def is_file_name(value) -> str | None:
    if not value.strip():
        return "must not be empty"
    if "/" in value or "\\" in value or value.startswith(".") or "\x00" in value:
        return f"'{value}' must be a plain file name (no folders, not starting with '.')"
    return None


def is_date(value, today: dt.date | None = None) -> str | None:
    value = str(value)
    if not DATE_RE.match(value):
        return f"'{value}' is not YYYY-MM-DD or YYYY"
    if len(value) == 10:
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return f"'{value}' is not a real calendar date"
    else:
        day = dt.date(int(value), 1, 1)
    if day.year < 1949:
        return f"year {day.year} is before 1949"
    if day > (today or dt.date.today()):
        return f"'{value}' is in the future"
    return None


PERIOD_YEARS = re.compile(r"\d{4}")


def is_period(value) -> str | None:
    years = [int(y) for y in PERIOD_YEARS.findall(value)]
    if value.strip() and not years:
        return f"'{value}' names no year (write e.g. 2024—2025年, or \"\")"
    if any(not 1949 <= y <= 2100 for y in years):
        return f"'{value}' has a year outside 1949–2100"
    if years != sorted(years):
        return f"'{value}' ends before it starts"
    return None


def is_id_list(value) -> str | None:
    bad = [v for v in value if not isinstance(v, str) or not ID_RE.match(v)]
    return f"not agency ids: {short(bad)}" if bad else None


def is_nonempty_id_list(value) -> str | None:
    return is_id_list(value) or (None if value else "must name at least one agency")


def is_str_list(value) -> str | None:
    bad = [v for v in value if not isinstance(v, str) or not v.strip()]
    return f"entries must be non-empty text: {short(bad)}" if bad else None




URL_RE = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")


def is_url(value) -> str | None:
    return None if URL_RE.match(value) else f"'{value}' is not an http(s):// web address"


def is_day(value, today: dt.date | None = None) -> str | None:
    """A full YYYY-MM-DD date (not just a year), not in the future."""
    return is_date(value, today) or (None if len(str(value)) == 10 else f"'{value}' is not YYYY-MM-DD")


def source_field(name: str, kind, *, required: bool = True, check=None, hint: str = "", coerce=None,
                 default=dataclasses.MISSING, default_factory=dataclasses.MISSING):
    """A dataclass field that is also a key of the entity's source file."""
    return dataclasses.field(default=default, default_factory=default_factory,
                             metadata={"source": Field(name, kind, required, check, hint, coerce)})


def one_of(choices: tuple[str, ...], sep: str | None = None):
    """A check: the value is one of `choices` (listed as a tuple, or joined by `sep`)."""
    shown = lambda: str(choices) if sep is None else sep.join(choices)  # noqa: E731
    return lambda v: None if v in choices else f"'{v}' is not one of {shown()}"
