"""The import report: what was found, what needs a decision, and every removal and change."""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter, defaultdict

from .emit import spans
from .pipeline import Result

BULK_REASONS = ("CR of a CRLF", "indentation", "blank line", "HTML", "space inside Chinese", "lone CR")


MOOT_IF_REMOVED = ("unknown-term", "spam-extent", "duplicate-paragraph")


def live_flags(result: Result):
    """The flags, less those about text that a later step removed anyway (an unknown term in chrome)."""
    removed = {o for r in result.ledger.removals for o in r.offsets}
    return sorted((f for f in result.ledger.flags
                   if not (f.rule in MOOT_IF_REMOVED and f.offset is not None and f.offset in removed)),
                  key=lambda f: (f.line, f.rule))


def to_json(result: Result, input_name: str, draft_path: str) -> dict:
    ledger = result.ledger
    removals = []
    for removal in ledger.removals:
        for a, b in spans(removal.offsets):
            removals.append({"offset": a, "length": b - a, "line": ledger.line_of(a), "col": ledger.col_of(a),
                             "text": ledger.source[a:b], "kind": removal.kind, "reason": removal.reason})
    removals.sort(key=lambda r: r["offset"])
    # changes, grouped by reason; each run of adjacent one-for-one changes is [offset, from, to]
    groups: dict[tuple[str, str], list] = {}
    run_end = -1
    last: list | None = None
    reasons = ledger.reasons_for(result.changes)
    for o, (old, new) in sorted(result.changes.items()):
        key = reasons[o]
        runs = groups.setdefault(key, [])
        if (last is not None and runs and runs[-1] is last and o == run_end and len(old) == len(new) == 1
                and len(last[1]) == len(last[2])):
            last[1] += old
            last[2] += new
        else:
            last = [o, old, new]
            runs.append(last)
        run_end = o + 1
    changes = [{"kind": kind, "reason": reason, "runs": runs} for (kind, reason), runs in groups.items()]
    f = result.found
    return {
        "input": {"name": input_name, "characters": len(ledger.source), "line_starts": ledger._line_starts,
                  "encoding": result.encoding,
                  "encoding_how": result.encoding_how, "html": result.html, "script": result.script,
                  "traditional_chars": result.script_counts[0], "simplified_chars": result.script_counts[1]},
        "draft": draft_path, "plan_id": result.plan_id,
        "metadata": {"title": [f.title, f.title_from], "doc_number": [f.doc_number, f.doc_number_from],
                     "date": [f.date, f.date_from], "period": [f.period, f.period_from],
                     "issuers": [f.issuers, f.issuers_from, f.issuer_names],
                     "addressees": [f.addressees, f.addressees_from], "missing": f.missing},
        "structure": structure_counts(result),
        "flags": [{"line": fl.line, "rule": fl.rule, "message": fl.message, "fix": fl.fix}
                  for fl in live_flags(result)],
        "registry_entries": dict(ledger.registry_entries),
        "removals": removals, "changes": changes,
    }


def structure_counts(result: Result) -> dict:
    kinds = Counter(item.kind for item, _ in result.emitted)
    fences = Counter(item.fence for item, _ in result.emitted if item.fence)
    return {"scheme": result.found.scheme, "chapters": kinds["chapter"], "tasks": kinds["task"],
            "paragraphs": kinds["paragraph"], "headings": kinds["heading"],
            "notice": fences["notice"] > 0, "signature": fences["signature"] > 0, "annex": fences["annex"] > 0}


def to_markdown(data: dict) -> str:
    inp, meta, st = data["input"], data["metadata"], data["structure"]
    out = [f"# Import report: {data['plan_id']}", "",
           f"- input: `{inp['name']}` — {inp['characters']:,} characters, {inp['encoding']} ({inp['encoding_how']})"
           + (", HTML" if inp["html"] else ""),
           f"- script as found: {inp['script']} ({inp['traditional_chars']} Traditional-only, "
           f"{inp['simplified_chars']} Simplified-only characters); the draft is Simplified",
           f"- draft: `{data['draft']}`", "",
           "## Metadata", "", "| field | value | from |", "|---|---|---|"]
    for key in ("title", "doc_number", "date", "period"):
        value, source = meta[key]
        out.append(f"| {key} | {value or '— (not found)'} | {source or ''} |")
    ids, source, names = meta["issuers"]
    out.append(f"| issuers | {', '.join(ids) or '— (not found)'} | {source} {('(' + '、'.join(names) + ')') if names else ''} |")
    ids, source = meta["addressees"]
    out.append(f"| addressees | {', '.join(ids) or '—'} | {source} |")
    if meta["missing"]:
        out += ["", f"Not found, left empty — fill in by hand if the text prints it: {', '.join(meta['missing'])}."]
    out += ["", "## Structure", "",
            f"{st['scheme']}: {st['chapters']} chapters, {st['tasks']} tasks, {st['paragraphs']} paragraphs, "
            f"{st['headings']} other headings; notice: {'yes' if st['notice'] else 'no'}, "
            f"signature: {'yes' if st['signature'] else 'no'}, annex: {'yes' if st['annex'] else 'no'}.", "",
            f"## Needs your decision ({len(data['flags'])})", ""]
    if not data["flags"]:
        out.append("Nothing flagged.")
    for fl in data["flags"]:
        where = f"line {fl['line']}" if fl["line"] else "document"
        fix = fl["fix"]
        out.append(f"- {where}: [{fl['rule']}] {fl['message']}" + (f" — {fix}" if fix else ""))
    if data["registry_entries"]:
        out += ["", "## Registry entries to add", "",
                "Names the registry does not know. If a name is another agency's variant, add it to that "
                "entry's `names` instead. Otherwise paste into `content/agencies.yml` and fill in the TODOs:",
                "", "```yaml", *[e for e in data["registry_entries"].values()], "```"]
    out += ["", f"## Removed ({sum(r['length'] for r in data['removals']):,} characters)", "",
            "Every removed character, with its input line:column, offset and reason. Whitespace, line "
            "endings and markup are summarised per reason; their offsets are in the JSON report.", ""]
    bulk: dict[str, list] = defaultdict(list)
    for r in data["removals"]:
        if r["reason"].startswith(BULK_REASONS) or not r["text"].strip():
            bulk[r["reason"]].append(r)
            continue
        text = r["text"].replace("\n", "⏎")
        out.append(f"- {r['line']}:{r['col']} (offset {r['offset']}) {r['kind']} — {r['reason']}: «{text}»")
    for reason, rows in sorted(bulk.items()):
        lines = sorted({r["line"] for r in rows})
        shown = ", ".join(map(str, lines[:20])) + (" …" if len(lines) > 20 else "")
        out.append(f"- {sum(r['length'] for r in rows):,} characters — {reason} (lines {shown})")
    total = sum(len(r[1]) for c in data["changes"] for r in c["runs"])
    out += ["", f"## Changed ({total:,} characters)", "",
            "Grouped by reason; every changed offset is in the JSON report.", ""]
    starts = data["input"]["line_starts"]
    for c in data["changes"]:
        counter: Counter = Counter()
        lines = set()
        for offset, old, new in c["runs"]:
            lines.add(bisect_right(starts, offset))
            counter.update(zip(old, new) if len(old) == len(new) else [(old, new)])
        lines = sorted(lines)
        examples = ", ".join(f"{a!r}→{b!r}×{v}" for (a, b), v in counter.most_common(12))
        out.append(f"- {sum(counter.values())} × {c['reason']} (lines {', '.join(map(str, lines[:20]))}"
                   f"{' …' if len(lines) > 20 else ''}): {examples}")
    return "\n".join(out) + "\n"
