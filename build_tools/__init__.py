"""Standardization Policy Reference: content/ → model → site/, with MkDocs behind one adapter.

Stages (each a package; README "Architecture" lists every module and what it may import):
read → model → (check, inside read) → render → script (conversion) → adapter (MkDocs) →
verify → publish. `build.py` holds the build order; only `adapter/` imports MkDocs.
"""
