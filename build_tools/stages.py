"""Per-stage cost of a build (wall, CPU, peak memory) and the pages it reused, for `make bench` and the
`build` command's last line; the build itself ignores it.

`build.py` wraps each stage in `stages("name")`; a `Stages` that records nothing is the default.
CPU and peak memory include child processes (the variant builds run in their own).

May import: nothing.
"""
from __future__ import annotations

import contextlib
import resource
import time
from dataclasses import dataclass


@dataclass
class Cost:
    wall: float = 0.0
    cpu: float = 0.0
    peak_mb: float = 0.0  # the process's (or its children's) peak RSS when the stage ended


def _cpu() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> float:
    return max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
               resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024


class Stages:
    """Records nothing; `Recorder` records."""

    @contextlib.contextmanager
    def __call__(self, name: str):
        yield

    def add(self, name: str, cost: Cost) -> None:
        """Cost measured elsewhere (in a variant's own process)."""

    def reused(self, variant: str, kept: int, pages: int) -> None:
        """How many of a variant's pages the build took from the last build (adapter/kept.py)."""


class Recorder(Stages):
    def __init__(self):
        self.costs: dict[str, Cost] = {}
        self.pages_reused: dict[str, tuple[int, int]] = {}  # variant → (kept, pages)

    def reused(self, variant: str, kept: int, pages: int) -> None:
        self.pages_reused[variant] = (kept, pages)

    @contextlib.contextmanager
    def __call__(self, name: str):
        wall, cpu = time.perf_counter(), _cpu()
        try:
            yield
        finally:
            self.add(name, Cost(time.perf_counter() - wall, _cpu() - cpu, peak_mb()))

    def add(self, name: str, cost: Cost) -> None:
        total = self.costs.setdefault(name, Cost())
        total.wall += cost.wall
        total.cpu += cost.cpu
        total.peak_mb = max(total.peak_mb, cost.peak_mb)


class Clock:
    """Time spent inside one kind of call (e.g. the search index inside MkDocs' build)."""

    def __init__(self):
        self.cost = Cost()

    @contextlib.contextmanager
    def __call__(self):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.cost.wall += time.perf_counter() - wall
            self.cost.cpu += time.process_time() - cpu
            self.cost.peak_mb = max(self.cost.peak_mb, peak_mb())


NO_STAGES = Stages()
