"""Stage `verify`: checks over the staged site before it is published (links, text accounting, script).

May import: model, render, script, variants, chars, diagnostics, search.  (search: which parts of its index are shown.)
"""
