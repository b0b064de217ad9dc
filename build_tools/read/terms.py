"""Word lists under content/: the search terms (content/search/terms.txt, jieba user words)
and the importer's known terms (content/known-terms.txt). One word per line, '#' starts a
comment, blank lines ignored; both are optional."""
from __future__ import annotations

import re

from ..chars import INVISIBLE
from ..diagnostics import Report
from ..project import Project
from .files import read_text

MAX_TERM_CHARS = 40  # the longest registry name is 22 characters; a longer "term" is a lost line break
BAD_IN_TERM = re.compile(r"[\s<>&\"'\\`]")


def parse_terms(text: str) -> tuple[list[tuple[str, int]], list[tuple[int, str]]]:
    """([(term, line)], [(line, problem)]) of a word list's text."""
    terms, problems = [], []
    for number, line in enumerate(text.split("\n"), 1):
        term = line.split("#", 1)[0].strip()
        if not term:
            continue
        bad = BAD_IN_TERM.search(term) or INVISIBLE.search(term)
        if bad:
            problems.append((number, f"U+{ord(bad[0]):04X} ({bad[0]!r}) in a term: a term is one word, "
                                     "without spaces, markup, quotes or invisible characters"))
        elif len(term) > MAX_TERM_CHARS:
            problems.append((number, f"a term of {len(term)} characters (limit {MAX_TERM_CHARS}): one word per line"))
        else:
            terms.append((term, number))
    return terms, problems


def check_term_lists(project: Project, report: Report) -> list[tuple[str, str]]:
    """Read each word list as the build (terms) and the importer (known terms) will; the search
    terms, as (term, "file:line"), for the build."""
    search_terms: list[tuple[str, str]] = []
    for path in (project.terms_file, project.known_terms_file):
        if not path.exists() and not path.is_symlink():
            continue
        shown = project.shown(path)
        text = read_text(path, shown, report, allow_empty=True)
        terms, problems = parse_terms(text or "")
        for line, problem in problems:
            report.add(shown, line, "term-line", problem, "write one word per line ('#' starts a comment)")
        if path == project.terms_file:
            search_terms = [(term, f"{shown}:{line}") for term, line in terms]
    return search_terms
