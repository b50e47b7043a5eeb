"""Checking references against registered metadata (Crossref).

Flow: ``work`` (Crossref records as plain data) -> ``match`` (is this record the printed
reference?) -> ``compare`` (field-by-field discrepancies, notices) -> ``check`` (one status
per reference). ``crossref`` (habanero + requests-cache) and ``index`` (SQLite FTS5) are the
I/O edges behind the ``sources.Source`` interface; the pure modules never import them.
"""
