"""Standardization Policy Reference: content → model → site, free of MkDocs.

Only `mkdocs_hook.py` imports MkDocs; everything else is plain Python.
"""
