"""The only MkDocs code: the `policyref` plugin (plugin.py) and running MkDocs (run.py).
Swap this package to change the publisher; nothing else imports mkdocs.

May import: render, script, search, verify, variants, diagnostics, project, cache.
"""
