"""Stage `search`: the site's own search index per variant (jieba words, script fold, worker format;
the registry, pinyin and plan context it knows besides page text).

May import: model, script, project, cache, render, stages.  (render: where pages live, the labels results show.)
"""
