"""Many articles at once: one command per article, in worker processes over the machine's
cores (``ProcessPoolExecutor``), with a progress bar on a terminal.

Each article runs exactly as if it had been the only one named (the same command function,
its stdout and stderr captured), so a batch gives per article what a single run gives. A bad
article is one failed job; the others go on. Ctrl-C stops the workers and the batch.
"""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from typing import Any

import typer


@dataclass(frozen=True)
class Job:
    """What one article's run printed, and its exit code."""

    path: str
    code: int
    out: str
    err: str


def _start_worker(workers: int) -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which stops them; and share each
    source's rate limit with the other workers (``metadata.http``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    os.environ["CITELINK_RATE_SHARE"] = str(workers)


def run_one(command: Callable[..., Any], path: str, kwargs: dict[str, Any]) -> Job:
    """Run ``command`` for one article, capturing what it prints."""
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            command(**kwargs)
        except typer.Exit as exc:
            code = exc.exit_code
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except Exception as exc:  # a bug on one article must not stop the others
            err.write(f"citelink: error: {path}: internal error ({type(exc).__name__}: {exc})\n")
            code = 1
    return Job(path, code, out.getvalue(), _named(err.getvalue(), path))


def _named(text: str, path: str) -> str:
    """Every error and warning line names its article (a single run's need not: there is
    only one)."""
    out = []
    for line in text.splitlines():
        for prefix in ("citelink: error: ", "citelink: warning: "):
            if line.startswith(prefix) and path not in line:
                line = f"{prefix}{path}: {line[len(prefix) :]}"
        out.append(line + "\n")
    return "".join(out)


def run_all(
    command: Callable[..., Any],
    jobs: Sequence[tuple[str, dict[str, Any]]],
    progress: Callable[[Job], None] = lambda job: None,
    workers: int | None = None,
    started: Callable[[], None] = lambda: None,
) -> list[Job]:
    """Every job (article path, command keywords) over ``workers`` processes (default: the
    machine's cores); results in the order given. ``started`` runs once every job is
    submitted, so the workers exist (forked) before the caller starts a thread such as a
    progress bar's."""
    workers = max(1, min(len(jobs), workers or os.cpu_count() or 1))
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(workers,)
    )
    futures: dict[Future[Job], int] = {}
    results: list[Job | None] = [None] * len(jobs)
    try:
        for i, (path, kwargs) in enumerate(jobs):
            futures[pool.submit(run_one, command, path, kwargs)] = i
        started()
        for future in as_completed(futures):
            job = future.result()
            results[futures[future]] = job
            progress(job)
    except BaseException:
        workers_ = list((getattr(pool, "_processes", None) or {}).values())  # no public way
        for process in workers_:
            process.terminate()
        for process in workers_:
            process.join(timeout=5)
        # Wait for the pool's manager thread to see its workers gone: shutting down without
        # waiting leaves it to the interpreter's exit, where it may write to a pipe already
        # closed ("OSError: [Errno 9] Bad file descriptor" after the last message).
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return [r for r in results if r is not None]


def exit_code(jobs: Sequence[Job]) -> int:
    """2 when any article failed (bad input), else 1 when any exceeded ``--fail-on``, else 0."""
    codes = {job.code for job in jobs}
    if codes - {0, 1}:
        return 2
    return 1 if 1 in codes else 0


def echo_stderr(text: str) -> None:
    if text:
        sys.stderr.write(text if text.endswith("\n") else text + "\n")
