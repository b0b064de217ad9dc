"""Related tasks (link/lineage.py): the sparse-matrix search finds exactly what comparing every
pair of tasks finds — the same tasks, scores, order and shared terms — on generated sites where
many tasks share words (so that ties and the MIN_SCORE edge occur)."""
from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from build_tools.link import lineage


def pairwise(vectors, tasks):
    """The oracle: every pair compared in Python (what lineage did before the matrix product)."""
    out = {}
    for i, (plan_id, task) in enumerate(tasks):
        scored = []
        for j, (other_plan, other) in enumerate(tasks):
            if other_plan == plan_id:
                continue
            parts = {w: vectors[i][w] * vectors[j][w] for w in vectors[i].keys() & vectors[j].keys()}
            score = sum(parts.values())
            if round(score, lineage.ROUND) >= lineage.MIN_SCORE:
                terms = tuple(w for w, _ in sorted(parts.items(), key=lambda kv: (-kv[1], kv[0]))[:lineage.TERMS_SHOWN])
                scored.append((-round(score, lineage.ROUND), j, (other_plan, other.id, round(score, 4), terms)))
        out[(plan_id, task.id)] = [r for _, _, r in sorted(scored)[:lineage.TOP]]
    return out


def site_of(seed: int, plans: int, per_plan: int):
    rng = random.Random(seed)
    words = ["标准化", "质量", "认证", "计量", "检测", "绿色", "数字", "农业", "服务", "安全", "国际", "团体", "试点"]
    make = lambda i, k: SimpleNamespace(id=f"t{k:02d}", title="".join(rng.sample(words, 2)),  # noqa: E731
                                        segments=[SimpleNamespace(text="".join(rng.choices(words, k=rng.randint(2, 6))))])
    first = [make(0, k) for k in range(per_plan)]
    copied = lambda k: SimpleNamespace(id=f"t{k:02d}", title=first[k].title, segments=first[k].segments)  # noqa: E731
    # every third plan repeats the first plan's tasks: equal scores, whose order is the tie-break
    return SimpleNamespace(agencies={}, plans=[SimpleNamespace(id=f"p{i}", tasks=[
        copied(k) if i % 3 == 2 or i == 0 else make(i, k) for k in range(per_plan)]) for i in range(plans)])


def cut(text):  # every pair of adjacent characters: words overlap, so tasks share many
    return [text[i:i + 2] for i in range(len(text) - 1)]


@pytest.mark.parametrize("seed", range(6))
def test_matrix_search_finds_what_every_pair_finds(seed, monkeypatch):
    monkeypatch.setattr(lineage, "BLOCK", 7)  # several blocks, the last one short
    site = site_of(seed, plans=5 + seed, per_plan=4 + seed % 3)
    tasks = [(p.id, t) for p in site.plans for t in p.tasks]
    got = lineage.related_tasks(site, cut)
    vectors = lineage.task_vectors(site, cut, tasks)
    want = pairwise(vectors, tasks)
    assert {k: [(r.plan_id, r.task_id, r.score, r.terms) for r in v] for k, v in got.items()} == want
    assert sum(map(len, want.values())) > len(tasks)  # the fixture does relate tasks
