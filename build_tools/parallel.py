"""Run independent jobs (the two variant builds) in forked processes, one per job.

A forked child inherits what the parent gathered (content, converter, dictionary) without
copying it through a pipe; only each job's result, or its exception, is pickled back. With one
CPU, or without `fork`, the jobs run one after the other in this process. A job never outlives
the build: it is killed when the parent stops (SIGTERM, Ctrl-C, an error) or dies.

May import: nothing.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import traceback
from typing import Callable, TypeVar

T = TypeVar("T")
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def run_all(jobs: dict[str, Callable[[], T]]) -> dict[str, T]:
    """{name: job()} for every job; the first job's exception (in `jobs` order) is raised here."""
    if len(jobs) < 2 or _usable_cpus() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return {name: job() for name, job in jobs.items()}
    context = multiprocessing.get_context("fork")
    running, results, failures = {}, {}, {}
    try:
        # A stop signal must not land during a fork: Python would raise it inside an at-fork
        # callback (logging's), which swallows it. Blocked, it waits until the jobs have started.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            for name, job in jobs.items():
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=_child, args=(job, send, mask), name=f"policyref-{name}",
                                          daemon=True)
                process.start()
                send.close()
                running[name] = (process, receive)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        for name, (process, receive) in running.items():
            try:
                ok, value = receive.recv()
            except EOFError:  # killed (out of memory, a signal) before it could answer
                ok, value = False, RuntimeError(f"the {name} build process died (exit code {process.exitcode})")
            process.join()
            (results if ok else failures)[name] = value
    except BaseException:  # stopped (SIGTERM, Ctrl-C) or failed here: the jobs stop too, before any cleanup
        for process, _ in running.values():
            process.kill()
            process.join()
        raise
    for name in jobs:
        if name in failures:
            raise failures[name]
    return results


def _die_with_parent() -> None:
    """Linux: the kernel kills this child when its parent dies (even by kill -9), so that no
    orphaned job writes on after the build is gone."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the parent's own cleanup still kills its jobs
        pass


def _child(job, send, mask) -> None:
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    _die_with_parent()
    try:
        answer = (True, job())
    except BaseException as exc:  # noqa: BLE001 (every failure goes back to the parent)
        answer = (False, exc)
    try:
        send.send(answer)
    except Exception:  # the result or exception does not pickle: send its text
        send.send((False, RuntimeError("".join(traceback.format_exception(answer[1])) if not answer[0]
                                       else f"unpicklable build result: {traceback.format_exc()}")))
    finally:
        send.close()
