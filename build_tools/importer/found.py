"""The metadata found while reading the structure, and where each value came from.

Issuers come from the signature, else the 文号's issuing-organ code (工信厅科 → 工信厅),
else the site's metadata bar, else the start of the title, else the most frequent lead in
the attributions — each step says which it used, and guesses are flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from ..read.registry import Registry
from . import metadata as meta
from .agencies import check_attributions, looks_like_agency, resolve, suggest
from .items import Item, is_addressee
from .tracked import Ledger, Line


@dataclass
class Found:
    title: str = ""
    title_from: str = ""
    doc_number: str = ""
    doc_number_from: str = ""
    date: str = ""
    date_from: str = ""
    period: str = ""
    period_from: str = ""
    issuers: list[str] = field(default_factory=list)
    issuer_names: list[str] = field(default_factory=list)
    issuers_from: str = ""
    addressees: list[str] = field(default_factory=list)
    addressees_from: str = ""
    bar: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    scheme: str = ""


def signature_meta(lines: list[Line], found: Found, registry: Registry) -> None:
    for line in lines:
        date = meta.parse_date(line.text)
        if date and meta.is_date_line(line.text):
            found.date, found.date_from = date[0], "the signature date"
        elif looks_like_agency(line.text, registry):
            found.issuer_names.append(line.text)
            found.issuers_from = "the signature"


def doc_number(items: list[Item], found: Found, ledger: Ledger) -> None:
    for item in items:
        if item.fence in (None, "notice") and item.kind == "paragraph":
            m = meta.find_doc_number(item.line.text)
            if m:
                found.doc_number = meta.doc_number_text(m)
                found.doc_number_from = f"line {ledger.line_of(item.line.first)}"
                return
    for key in ("发布文号", "发文字号", "文号"):
        if found.bar.get(key):
            found.doc_number, found.doc_number_from = found.bar[key], f"the site's metadata bar ({key})"
            return


def finish(items: list[Item], found: Found, ledger: Ledger, registry: Registry) -> None:
    bar_title = found.bar.get("标题", "")
    if bar_title and not (found.title_from.endswith("(title of the attached document)")):
        found.title, found.title_from = bar_title, "the site's metadata table (标题)"
    if not found.date:
        for key in ("成文日期", "发布日期"):
            date = meta.parse_date(found.bar.get(key, ""))
            if date:
                found.date, found.date_from = date[0], f"the site's metadata bar ({key})"
                break
    year = meta.period_of(found.title)[:4] or meta.year_of(found.title)
    if not found.date and year:
        found.date, found.date_from = year, "the year in the title (no full date printed)"
        ledger.flag(0, "date-year-only", f"only the year {found.date} is known (from the title)",
                    "if the exact date is printed elsewhere (or known from the issuer's site), set 'date'",
                    is_line=True)
    found.period = meta.period_of(found.title)
    found.period_from = "the title" if found.period else ""
    if not found.issuer_names and found.doc_number:
        code = meta.DOC_NUMBER.search(found.doc_number)
        code = code.group("prefix") if code else ""
        names = sorted((n for n in registry.by_name if len(n) >= 2 and code.startswith(n)), key=len, reverse=True)
        if names:
            found.issuer_names, found.issuers_from = [names[0]], f"the 文号's issuing-organ code '{code}'"
    if not found.issuer_names:
        for key in ("发文机关", "发布机关", "发布部门"):
            if found.bar.get(key):  # several bodies are listed with spaces or 、 between them
                found.issuer_names = [n for n in re.split(r"[\s、，,；;]+", found.bar[key]) if n]
                found.issuers_from = f"the site's metadata bar ({key})"
                break
    if not found.issuer_names and found.title:
        prefix = found.title.split("关于")[0] if "关于" in found.title else found.title
        names = sorted((n for n in registry.by_name if prefix.startswith(n)), key=len, reverse=True)
        if names:
            found.issuer_names, found.issuers_from = [names[0]], "the start of the title"
            if names[0] != registry.agencies[registry.resolve(names[0])].full_name and \
                    registry.agencies[registry.resolve(names[0])].full_name not in found.title:
                full = registry.agencies[registry.resolve(names[0])].full_name
                ledger.flag(0, "title-short-name",
                            f"the title names the issuer by its short form '{names[0]}' (registry: '{full}'); "
                            "a web page often shortens the document's title", "check the document's full title",
                            is_line=True)
    paragraphs = [i.line for i in items if i.kind == "paragraph" and i.fence is None]
    check_attributions(paragraphs, registry, ledger)
    for name in found.issuer_names:
        ids = resolve(name, registry)
        if ids is None:
            near = registry.closest(name)
            ledger.registry_entries.update(suggest(name, registry))
            ledger.flag(0, "unknown-issuer", f"issuer '{name}' ({found.issuers_from}) is not in the registry"
                        + (f"; closest known: {' / '.join(near)}" if near else ""),
                        "if it is one of those, add the name to that entry's 'names'; otherwise paste the "
                        "entry under 'Registry entries to add' into content/agencies.yml; then set 'issuers'",
                        is_line=True)
            continue
        found.issuers += [i for i in ids if i not in found.issuers]
    # never guessed from the attributions' leads: an issuer the text does not print stays empty
    if found.doc_number and found.issuers_from == "the start of the title":
        ledger.flag(0, "issuer-office", f"issuer taken from the title; the 文号 '{found.doc_number}' may name a "
                    "different issuing office (e.g. a general office)", "check 'issuers' against the 文号",
                    is_line=True)
    for key, value in (("title", found.title), ("doc_number", found.doc_number), ("date", found.date),
                       ("issuers", found.issuers)):
        if not value:
            found.missing.append(key)
            if key != "doc_number":
                ledger.flag(0, f"missing-{key}", f"no {key} found in the text; left empty",
                            f"fill '{key}' in the draft's front matter (`policyref check` requires it); "
                            "use only what the document or its issuer prints", is_line=True)


def addressees(items: list[Item], found: Found, ledger: Ledger, registry: Registry) -> None:
    """Agency ids of the 受文 line (各省、自治区、直辖市人民政府，国务院各有关部门：)."""
    line = next((i.line for i in items if i.kind == "paragraph" and i.fence in (None, "notice")
                 and is_addressee(i.line.text)), None)
    if line is None:
        return
    found.addressees_from = f"line {ledger.line_of(line.first)}"
    for part in re.split(r"[，,；;]", line.text.rstrip("：:")):
        part = part.strip()
        if not part:
            continue
        ids = resolve(part, registry)
        if ids is None and "、" in part:
            pieces = [resolve(p, registry) for p in part.split("、")]
            ids = None if None in pieces else [i for p in pieces for i in p]
        if ids is None:
            near = registry.closest(part)
            ledger.registry_entries.update(suggest(part, registry))
            ledger.flag(line.first, "unknown-addressee", f"addressee '{part}' is not in the registry"
                        + (f"; closest known: {' / '.join(near)}" if near else ""),
                        "add the name to an entry's 'names', or paste the entry under 'Registry entries to "
                        "add'; then add its id to 'addressees'")
            continue
        found.addressees += [i for i in ids if i not in found.addressees]
