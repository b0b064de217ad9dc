"""Stage `read`: content files → checked model. Files, YAML schema, registry, plan parser,
attribution grammar, numerals, line lint, cross-file checks. Never imports render, search,
verify, extras, importer or adapter.

May import: model, fields, diagnostics, project, chars, script.
"""
