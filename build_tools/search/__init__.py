"""Stage `search`: the site's own search index per variant (jieba words, script fold, worker format).

May import: model, script, project, cache, stages.
"""
