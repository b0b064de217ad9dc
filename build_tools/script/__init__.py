"""Stage `script`: conversion between Simplified and Traditional, and script checks.

markers (the -{…}- escape hatch) · dictionary (phrases.tsv) · opencc_cache (OpenCC with the
dictionary loaded) · check (forbidden characters) · boundaries (jieba word boundaries) ·
quotes (“”‘’ ⇄ 「」『』) · convert (`Converter`, the API).
May import: variants, atomic, cache, project. Only __main__ (the command line) imports project, to find
the project folder; the conversion itself knows no project and nothing of read/render/adapter.
"""
