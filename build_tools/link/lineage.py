"""Lineage: for each task, the most similar tasks of *other* plans, with the key terms they share.

TF-IDF over jieba words (the search dictionary's tokenizer: agency names and curated terms stay
whole) of the task's title (counted twice) and text, attributions left out (who owes a task is not
what it is about). Agency names and words of one character or without a CJK character are dropped;
so are words found in more than half of all tasks (they say nothing about a task: 标准, 加强 …).
Similarity is the cosine of the two vectors; the shared terms shown are those contributing most
to it. Deterministic: ties break on plan and task order.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from ..model import Site, Task

TOP = 3  # related tasks kept per task
MIN_SCORE = 0.19  # below this, tasks mostly share incidental words (chosen on tests/data/lineage_pairs.tsv, README)
MAX_DF = 0.5  # a word in more than this share of tasks is not a key term
TERMS_SHOWN = 5
BLOCK = 512  # rows of the similarity matrix computed at once (512 × 10,000 floats: 40 MB)
ROUND = 12  # places a score is ranked by: far above the float error of a sum in another order
CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Related:
    plan_id: str
    task_id: str
    score: float
    terms: tuple[str, ...]


def task_words(task: Task, cut: Callable[[str], Iterable[str]], stop: set[str]) -> Counter:
    text = "\n".join(s.text for s in task.segments) or task.text
    words = Counter()
    for part, weight in ((task.title, 2), (text, 1)):
        for word in cut(part):
            word = word.strip()
            if len(word) > 1 and CJK.search(word) and word not in stop:
                words[word] += weight
    return words


def related_tasks(site: Site, cut: Callable[[str], Iterable[str]]) -> dict[tuple[str, str], list[Related]]:
    tasks = [(p.id, t) for p in site.plans for t in p.tasks]
    vectors = task_vectors(site, cut, tasks)
    out: dict[tuple[str, str], list[Related]] = {}
    for i, ranked in enumerate(_ranked(vectors, [plan_id for plan_id, _ in tasks])):
        plan_id, task = tasks[i]
        out[(plan_id, task.id)] = [_related(vectors[i], vectors[j], *tasks[j], score) for j, score in ranked]
    return out


def _related(mine: dict[str, float], theirs: dict[str, float], plan_id: str, task: Task, score: float) -> Related:
    parts = {w: mine[w] * theirs[w] for w in mine.keys() & theirs.keys()}
    terms = tuple(w for w, _ in sorted(parts.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_SHOWN])
    return Related(plan_id, task.id, round(score, 4), terms)


def task_vectors(site: Site, cut: Callable[[str], Iterable[str]], tasks: list[tuple[str, Task]]) -> list[dict[str, float]]:
    """Each task's TF-IDF vector, of unit length."""
    stop = {n for a in site.agencies.values() for n in (a.name, a.full_name, *a.names)}
    counts = [task_words(t, cut, stop) for _, t in tasks]
    df = Counter(w for c in counts for w in c)
    n = len(tasks)
    idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items() if d / n <= MAX_DF}
    vectors = []
    for c in counts:
        v = {w: (1 + math.log(k)) * idf[w] for w, k in c.items() if w in idf}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vectors.append({w: x / norm for w, x in v.items()})
    return vectors


def _ranked(vectors: list[dict[str, float]], plans: list[str]) -> Iterable[list[tuple[int, float]]]:
    """Per task, its TOP tasks of other plans scoring at least MIN_SCORE, best first: every cosine
    at once as a sparse matrix product (scipy), a block of rows at a time. Comparing each pair in
    Python was O(n²): 15 s at 2,000 tasks, about 10 minutes at 10,000. Scores are ranked rounded to
    ROUND places, so that equal scores summed in another order still tie, and ties go to the
    task that comes first."""
    import numpy as np
    from scipy import sparse

    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for i, v in enumerate(vectors):
        for w, x in v.items():
            rows.append(i)
            cols.append(vocabulary.setdefault(w, len(vocabulary)))
            values.append(x)
    n = len(vectors)
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, max(len(vocabulary), 1)))
    transposed = matrix.T.tocsr()
    span, sizes = {}, Counter(plans)
    for i, plan in enumerate(plans):  # a plan's tasks are contiguous
        span.setdefault(plan, (i, i + sizes[plan]))
    for start in range(0, n, BLOCK):
        scores = np.round((matrix[start:start + BLOCK] @ transposed).toarray(), ROUND)
        for r, row in enumerate(scores):
            a, b = span[plans[start + r]]
            row[a:b] = -1.0  # the task's own plan
            found = np.flatnonzero(row >= MIN_SCORE)
            best = found[np.lexsort((found, -row[found]))[:TOP]]
            yield [(int(j), float(row[j])) for j in best]
