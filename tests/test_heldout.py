"""The held-out measurement (tests/heldout_score.py) meets issue 9's targets on real texts nobody
tuned on: >= 95% of attribution brackets exactly right, >= 90% of printed metadata, 100% of
tasks, 0 characters lost; no cut-off bracket credits anybody, every import accounts for each
input character. The expected readings are hand-made (tests/data/heldout/*.yaml)."""
from __future__ import annotations

import pytest

from heldout_score import TARGETS, score_all, show


@pytest.fixture(scope="module")
def scores():
    return score_all()


def test_there_is_a_held_out_set(scores):
    rows, total = scores
    assert total["texts"] >= 8 and total["brackets"] >= 100


def test_targets(scores):
    rows, total = scores
    report = show(rows, total, verbose=True)
    assert total["bracket_rate"] >= TARGETS["brackets"], report
    assert total["metadata_rate"] >= TARGETS["metadata"], report
    assert total["task_rate"] >= TARGETS["tasks"] and total["texts_tasks_right"] == total["texts"], report
    assert total["lost_chars"] <= TARGETS["lost"], report


def test_nothing_invented_nothing_unaccounted(scores):
    rows, total = scores
    report = show(rows, total, verbose=True)
    assert total["cut_credited"] == 0 and total["extra_attributions"] == 0, report
    assert total["audit_failures"] == 0, report
