"""Pictures drawn at build time as inline SVG: no JavaScript, no external host, printable.

Every label is canonical Simplified text of the page and is converted with it. Each chart is a
<figure> holding an <svg role="img"> with <title> and <desc>, and the same numbers as a table for
screen readers (in a visually hidden <div>, `reference.css`: a table is never narrower than its
cells, so it cannot be hidden by its own width). Colours: one per role, the site's palette.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

ROLE_COLOURS = {"lead": "#c62828", "responsible": "#ef9a9a", "issuer": "#6d4c41"}
BAR = 16  # height of one bar row, px


@dataclass(frozen=True)
class Series:
    key: str  # role
    label: str


def _frame(kind: str, title: str, desc: str, width: int, height: int, body: str, table: str) -> Markup:
    n = "c"  # one chart of a kind per page: ids stay the same in both variants and across builds
    return Markup(
        f'<figure class="chart chart--{kind}" data-search-exclude markdown="0">'
        # on a phone the chart keeps 80 % of its size (labels stay readable) and scrolls in its region
        f'<div class="chart-scroll" role="region" aria-label="{escape(title)}" tabindex="0">'
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px;--chart-width:{width}px" aria-labelledby="chart-{kind}-{n}-t chart-{kind}-{n}-d">'
        f'<title id="chart-{kind}-{n}-t">{escape(title)}</title><desc id="chart-{kind}-{n}-d">{escape(desc)}</desc>'
        f'{body}</svg></div>'
        f'<figcaption>{escape(title)}</figcaption>'
        f'<div class="visually-hidden"><table class="chart-data"><caption>{escape(title)}</caption>{table}</table></div>'
        '</figure>')


def _text(x, y, text, anchor="start", cls="") -> str:
    c = f' class="{cls}"' if cls else ""
    return f'<text x="{x}" y="{y}" text-anchor="{anchor}"{c}>{escape(text)}</text>'


def _table(head: list[str], rows: list[list]) -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody>"


def _legend(series: list[Series], x: int, y: int) -> str:
    out = []
    for s in series:
        out.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{ROLE_COLOURS[s.key]}"/>'
                   + _text(x + 14, y, s.label))
        x += 14 + 14 * len(s.label) + 12
    return "".join(out)


def stacked_bars(kind: str, title: str, desc: str, rows: list[tuple[str, dict[str, int]]],
                 series: list[Series], unit: str, row_head: str, label_width: int = 180) -> Markup:
    """Horizontal stacked bars: one row per (label, {role: count}); `row_head` heads the labels' column."""
    width, top = 640, 28
    biggest = max((sum(v.get(s.key, 0) for s in series) for _, v in rows), default=0) or 1
    scale = (width - label_width - 50) / biggest
    body = [_legend(series, label_width, 14)]
    for i, (label, values) in enumerate(rows):
        y = top + i * (BAR + 6)
        body.append(_text(label_width - 6, y + BAR - 4, label, "end"))
        x = label_width
        for s in series:
            w = values.get(s.key, 0) * scale
            if w:
                body.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR}" fill="{ROLE_COLOURS[s.key]}">'
                            f'<title>{escape(label)} · {escape(s.label)} {values.get(s.key, 0)} {escape(unit)}</title></rect>')
            x += w
        body.append(_text(x + 4, y + BAR - 4, str(sum(values.get(s.key, 0) for s in series)), cls="value"))
    height = top + len(rows) * (BAR + 6) + 4
    table = _table([row_head] + [s.label for s in series], [[label] + [v.get(s.key, 0) for s in series]
                                                      for label, v in rows])
    return _frame(kind, title, desc, width, height, "".join(body), table)


def timeline(title: str, desc: str, items: list[tuple[str, int, int, str]], year_label: str,
             item_label: str) -> Markup:
    """Plans on a time axis: (label, first year, last year, note) — a bar for a period, a dot for a year."""
    width, left, top = 640, 16, 30  # `left` margin on both sides: room for half a year label
    first = min((a for _, a, _, _ in items), default=2000)
    last = max((b for _, _, b, _ in items), default=first) + 1
    span = max(last - first, 1)
    scale = (width - 2 * left) / span
    body = []
    for year in range(first, last + 1):
        x = left + (year - first) * scale
        body.append(f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{top + len(items) * 34}" class="gridline"/>')
        if (year - first) % max(1, span // 8) == 0:
            body.append(_text(x, top - 12, str(year), "middle", "axis"))
    for i, (label, a, b, note) in enumerate(items):
        y = top + i * 34
        x = left + (a - first) * scale
        w = max((b - a + 1) * scale, 6)
        body.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="10" rx="3" fill="{ROLE_COLOURS["lead"]}">'
                    f'<title>{escape(label)}：{escape(note)}</title></rect>')
        # the label starts at its bar if it fits the frame there (CJK ≈ 1 em each), else ends at the frame's edge
        anchor, tx = ("start", x) if x + 12 * len(label) <= width - left else ("end", width - left)
        body.append(_text(tx, y + 24, label, anchor))
    height = top + len(items) * 34 + 4
    table = _table([year_label, item_label], [[note, label] for label, _, _, note in items])
    return _frame("timeline", title, desc, width, height, "".join(body), table)


def matrix(title: str, desc: str, labels: list[str], counts: list[list[int]], corner: str) -> Markup:
    """A symmetric co-assignment matrix: cell (i, j) = tasks both agencies share."""
    n, cell, left, top = len(labels), 22, 150, 150
    width, height = left + n * cell + 10, top + n * cell + 10
    biggest = max((c for row in counts for c in row), default=0) or 1
    body = []
    for i, label in enumerate(labels):
        body.append(_text(left - 6, top + i * cell + 15, label, "end"))
        x = left + i * cell + 15
        body.append(f'<text x="{x}" y="{top - 6}" transform="rotate(-60 {x} {top - 6})">{escape(label)}</text>')
        for j in range(n):
            c = counts[i][j]
            if i == j or not c:
                continue
            opacity = 0.15 + 0.85 * c / biggest
            body.append(f'<rect x="{left + j * cell}" y="{top + i * cell}" width="{cell - 2}" height="{cell - 2}" '
                        f'fill="{ROLE_COLOURS["lead"]}" fill-opacity="{opacity:.2f}"><title>{escape(label)} · '
                        f'{escape(labels[j])}：{c}</title></rect>')
    table = _table([corner] + labels, [[labels[i]] + ["" if i == j else counts[i][j] for j in range(n)] for i in range(n)])
    return _frame("matrix", title, desc, width, height, "".join(body), table)
