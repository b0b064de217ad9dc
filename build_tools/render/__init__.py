"""Stage `render`: the model → Markdown+HTML pages of one variant (Jinja2), converted as a whole.
urls (where pages live), escape (text → safe HTML), labels (every UI label), pages (the renderer),
provenance/citing (citations), charts/pictures (inline SVG), filters (no-JS facet lists).

May import: model, read, script, variants, chars, fields, link, cache.
"""
