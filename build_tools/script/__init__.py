"""Stage `script`: conversion between Simplified and Traditional, and script checks.

markers (the -{…}- escape hatch) · dictionary (phrases.tsv) · opencc_cache (OpenCC with the
dictionary loaded) · check (forbidden characters) · convert (`Converter`, the API).
May import: variants, atomic, cache. Nothing from read/render/adapter.
"""
