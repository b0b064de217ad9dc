"""Links between documents computed from the whole corpus after reading: lineage (similar tasks
across plans and years). Citations are resolved while reading (read/citations.py), since
`policyref check` reports on them.

May import: model.
"""
