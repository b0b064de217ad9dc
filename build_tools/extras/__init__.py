"""Files beside the variants: open data (data/) and the root script chooser.

May import: model, script, variants, render, project, publish.
"""
